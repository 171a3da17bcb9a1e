// `--without RULE` (repeatable): run a variant of the stage - the stage with
// rule RULE switched off, following that rule's documented alternative
// (core/variant.hpp; `paxos-lab-cli rules --stage N` lists the rules and what
// happens without each). Used by run, search, compare and sweep; a scenario
// or lesson file sets the same with `without = [...]` in [scenario]
// (docs/scenario-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "core/scenario/scenario.hpp"
#include "core/sim/config.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::cli {

/// Adds the repeatable option `--without RULE` to `cmd`; each use is
/// appended to `out` in command-line order.
CLI::Option* add_without_option(CLI::App& cmd, std::vector<std::string>& out);

/// Switches the rules `flags` off in `knobs` (on top of those already off,
/// e.g. by the file) and checks the result against `stage`. Returns true when
/// valid. Else writes "paxos-lab-cli <command>: --without: <why, listing the
/// rules that can be switched off>" to io.err, sets io.exit_code to 2 and
/// returns false.
bool apply_without_options(const std::vector<std::string>& flags, const StageInfo& stage, StageKnobs& knobs,
                           CliIo& io, std::string_view command);

/// For a run of `scenario` on `stage` (its own or --stage's): applies
/// `flags` as apply_without_options does; a rule the file itself switches
/// off that `stage` does not have is reported as "FILE:LINE:COL: ..." (the
/// file's `without` key). Returns true when valid.
bool apply_scenario_without(const std::vector<std::string>& flags, const StageInfo& stage, Scenario& scenario,
                            CliIo& io, std::string_view command);

/// --knob then --without, for a command that builds its own cluster (search,
/// sweep): applies `knobs` to `config` as apply_knob_options does, then
/// switches the rules `without` off in config.knobs as apply_without_options
/// does, checked against stage `stage_number` (an unknown stage is left for
/// the command to report). Returns true when both are valid; else the first
/// error is on io.err, io.exit_code is 2 and it returns false.
bool apply_variant_options(const std::vector<std::string>& knobs, const std::vector<std::string>& without,
                           int stage_number, SimConfig& config, CliIo& io, std::string_view command);

/// " --without R" for each rule off in `without` (for reproduce lines).
std::string without_flags(const std::vector<std::string>& without);

}  // namespace paxoslab::cli
