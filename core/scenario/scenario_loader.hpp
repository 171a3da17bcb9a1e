// Loading scenarios from TOML (format: docs/scenario-format.md).
//
// Every problem in a file is reported as a LoadError value naming the file,
// the line and column, and what was expected there ("unknown key 'sevrers'
// in [scenario]; expected one of ..."); nothing here throws or crashes on bad
// input. The table parser is separate from the file reader so that lessons,
// which embed the same tables in their own files, can reuse it.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/scenario/scenario.hpp"

namespace paxoslab {

/// The scenario format this build reads and writes ([scenario] format = 1;
/// a file without `format` is format 1). A file with a higher format is
/// refused with an error at its `format` key naming this number.
inline constexpr int kScenarioFormat = 1;

/// Options for parse_scenario_table.
struct ScenarioParseOptions {
  /// Top-level keys the caller handles itself (a lesson's [lesson], [[goal]],
  /// ...): not reported as unknown. Every other unknown top-level key is an error.
  std::vector<std::string> extra_top_level_keys;
};

/// Reads and parses the scenario file at `path`. Errors: the file cannot be
/// read, a TOML syntax error (toml++'s position and description), or any
/// error of parse_scenario_table.
ScenarioLoad load_scenario_file(const std::string& path);

/// Parses TOML text (as if read from `source_path`, used only in messages).
ScenarioLoad load_scenario_string(const std::string& text, const std::string& source_path);

/// Builds a Scenario from an already-parsed TOML document (the tables
/// [scenario], [link], [knobs], [[step]], [expect]). `source_path` is only
/// used in error messages and Scenario::path. Checks key names, value types
/// and ranges (including validate(SimConfig)), node names against the
/// cluster size (S1..Sn, C1..Cm), action and event names; returns the first
/// error found, in file order of tables as read.
ScenarioLoad parse_scenario_table(const toml::table& root, const std::string& source_path,
                                  const ScenarioParseOptions& options = {});

}  // namespace paxoslab
