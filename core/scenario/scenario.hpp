// A scenario: one scripted run of the paper (a figure of the catalogue in
// docs/protocol.md, "The scenario catalogue") as a plain value - the cluster set-up,
// the script of client requests and faults, limits, and the outcome it
// expects. Loaded from a TOML file (core/scenario/scenario_loader.hpp, format in
// docs/scenario-format.md); run with core/scenario/scenario_run.hpp.
//
// This header is free of TOML: the app, the CLI and the lessons can hold
// scenarios without seeing the parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/checker.hpp"
#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/schedule.hpp"
#include "core/sim/script.hpp"

namespace paxoslab {

/// What a scenario says its run must show ([expect] in the file). Every
/// field left empty is not checked.
struct Expectation {
  /// true = "ok" (no safety violation), false = "violated" (at least one).
  std::optional<bool> safety_ok;
  /// The liveness verdict at the end of the run (docs/protocol.md, "Liveness").
  std::optional<bool> stuck;
  /// The "no progress" verdict at the end of the run (LivenessReport::no_progress).
  std::optional<bool> no_progress;
  /// Some violation of this kind must have been found.
  std::optional<Violation::Kind> violation;
  /// Some warning of this kind must have been given (`warning = "diverged-not-observed"`).
  std::optional<Warning::Kind> warning;
  /// `warning = "none"`: no warning at all may have been given.
  bool no_warning = false;
  /// Exact sigma (executed requests in order) per listed server.
  std::vector<std::pair<ServerId, std::vector<RequestId>>> executed;
  /// Nodes that must each appear as a witness of some violation (an
  /// extension of the format: e.g. ["S1", "S2"] for Fig. 2).
  std::vector<NodeId> witnesses;
  bool operator==(const Expectation&) const = default;

  /// True when nothing is checked.
  bool empty() const {
    return !safety_ok && !stuck && !no_progress && !violation && !warning && !no_warning && executed.empty() && witnesses.empty();
  }
};

/// One stage-independent fault of a break-finder counterexample ([[fault]] in
/// the file; core/scenario/portable_faults.hpp): a script step that names
/// messages by kind, ends and request, never by id, so any stage can run it.
struct PortableFault {
  ScriptStep step;   ///< When (at a tick, or right after an event) and what.
  std::string says;  ///< One sentence: "lose the Accept carrying m1 from S1 to S2".
  bool operator==(const PortableFault&) const = default;
};

/// One scenario file (or one lesson's embedded scenario tables).
struct Scenario {
  std::string name;          ///< [scenario].name, e.g. "Fig. 2: uncoordinated servers diverge".
  std::string figure;        ///< The paper's figure ("Fig. 2"), "slides", or empty.
  std::string description;   ///< One or two sentences; may be empty.
  std::string path;          ///< The file it came from (for messages); may be empty.
  /// Where [scenario].without is in the file (1-based; 0 when absent or not
  /// from a file): a rule the run's stage does not have is reported there.
  int without_line = 0;
  int without_column = 0;
  SimConfig config;          ///< Stage, cluster, seed, links and knobs; validate(config) is empty.
  std::vector<ScriptStep> script;  ///< In file order; each step's source_line is set.
  /// [[choose]]: an explicit schedule (core/sim/schedule.hpp), e.g. a break-finder
  /// counterexample. When set, run_to_end carries it out in manual mode instead
  /// of running in auto mode (then script is empty and max_steps/max_ticks unused).
  std::vector<ScheduleChoice> schedule;
  /// [[fault]]: next to a schedule, the same break as faults any stage can run
  /// (compare runs them in auto mode: core/scenario/portable_faults.hpp).
  std::vector<PortableFault> faults;
  std::uint64_t max_steps = 100000;  ///< Stop after this many events.
  std::optional<Tick> max_ticks;     ///< Stop before events due later than this tick.
  Expectation expect;
  bool operator==(const Scenario&) const = default;
};

/// A problem found while loading a scenario: where it is and what was
/// expected there. line/column are 1-based; 0 when unknown (e.g. the file
/// cannot be opened).
/// Longest LoadError::to_string, in characters (a message with a long path
/// is cut, never a multi-kilobyte line).
inline constexpr std::size_t kMaxLoadErrorChars = 1000;

struct LoadError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;  ///< e.g. "expected an integer for 'servers' in [scenario], got a string".
  bool operator==(const LoadError&) const = default;

  /// "file:line:col: message" ("file: message" without a position), cut to
  /// kMaxLoadErrorChars characters ("..." at the end) with control characters escaped.
  std::string to_string() const;
};

/// The result of loading: a scenario, or the first error found.
struct ScenarioLoad {
  std::optional<Scenario> scenario;  ///< Set on success.
  std::optional<LoadError> error;    ///< Set on failure.
  bool ok() const { return scenario.has_value(); }
};

}  // namespace paxoslab
