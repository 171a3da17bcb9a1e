// Golden traces: every scenario in scenarios/ has its
// expected trace checked in beside it (scenarios/fig05_leader_crash.trace next
// to scenarios/fig05_leader_crash.toml): exactly the lines
// `paxos-lab-cli run FILE` prints for the trace, one per event, before the
// summary. tests/cli/golden_traces_test.cpp compares them byte for byte;
// `paxos-lab-cli run FILE --write-golden` (or scripts/update-golden-traces.sh
// for every file) writes them after an intended change (docs/testing.md).
#pragma once

#include <string>

#include "core/sim/simulation.hpp"

namespace paxoslab::cli {

/// Where the golden trace of `scenario_path` lives: the same path with
/// ".trace" instead of ".toml" (or ".trace" appended if it has no ".toml").
std::string golden_trace_path(const std::string& scenario_path);

/// The trace as `run` prints it (print_trace): one line per event, each
/// ending in '\n'.
std::string trace_text(const Simulation& sim);

/// Where two texts first differ, line by line.
struct TraceDifference {
  bool same = true;
  int line = 0;          ///< 1-based line of the first difference (0 when same).
  std::string expected;  ///< That line in `expected` ("(end of file)" if it has fewer lines).
  std::string actual;    ///< That line in `actual` ("(end of file)" if it has fewer lines).
};

/// Compares `expected` (the golden file) with `actual` (this build's trace)
/// byte for byte and names the first differing line.
TraceDifference first_difference(const std::string& expected, const std::string& actual);

/// Writes `text` to `path` (replacing it). Returns an empty string on
/// success, else a sentence saying why not.
std::string write_text_file(const std::string& path, const std::string& text);

}  // namespace paxoslab::cli
