// A run's trace in ShiViz's log format (https://bestchai.bitbucket.io/shiviz/),
// so it can be opened in that existing visualiser of distributed runs: two
// lines per event - a description, then the node and its vector clock as JSON:
//
//   t=40 deliver S2 <- S1 #3 Accept(m2, 1) | accept: ...
//   S2 {"S2":3, "S1":2}
//
// Parse it in ShiViz with the regular expression
//   (?<event>.*)\n(?<host>\S*) (?<clock>{.*})
// (docs/simulation-testing.md, "Other tools"). Vector clocks (Lamport/Fidge):
// a node's own entry counts its events; a send carries the sender's clock,
// a deliver or a client's reply merges it in. Events of no node (partition,
// heal, link and message faults, notes of the network) are left out; a
// duplicated message carries the clock of its original's send.
#pragma once

#include <string>

#include "core/sim/trace.hpp"

namespace paxoslab {

/// The whole log for `trace` (its kept events; empty if it keeps none).
std::string shiviz_log(const Trace& trace);

}  // namespace paxoslab
