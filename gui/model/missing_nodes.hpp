// Scripted steps that name nodes the cluster does not have: a scenario or
// lesson written for five servers, run with `--servers 3` or a smaller
// cluster from the Set-up tab. The simulator refuses each such step with a
// "not applied" note (or its `after` trigger never matches); this finds them
// before the run, so the app can say so in one sentence.
#pragma once

#include <string>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/script.hpp"

namespace paxoslab::gui {

/// The steps of a script that name a missing node, and which nodes.
struct MissingNodes {
  std::vector<const ScriptStep*> steps;  ///< In script order; pointers into the script given.
  std::vector<NodeId> nodes;             ///< Sorted, each once: servers first, then clients.
  bool empty() const { return steps.empty(); }
};

/// Every node a step names: in its trigger (`after` pattern's who / other)
/// and in its action (senders, receivers, link ends, partition groups,
/// crashed, restarted, suspecting and suspected servers, the requesting
/// client). Invalid ids ("any") are left out; may hold repeats.
std::vector<NodeId> nodes_named(const ScriptStep& step);

/// The steps of `script` that name a server above `servers` or a client
/// above `clients` (both >= 0).
MissingNodes missing_nodes(const std::vector<ScriptStep>& script, int servers, int clients);

/// The app's notice, e.g. "3 scripted steps name S4, S5: this run has 3
/// servers" (with a missing client: "... has 3 servers and 1 client"); empty
/// when `m` is empty.
std::string missing_nodes_sentence(const MissingNodes& m, int servers, int clients);

}  // namespace paxoslab::gui
