// The break-finder's same-server reduction: deciding, at one state, that the
// events one server has due at the current tick commute - in every order, not
// just pairwise at this state - so that the search may take them in one order.
// Internal to core/search; docs/break-finder.md ("Same-server reduction")
// gives the argument.
#pragma once

#include <cstddef>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::search_detail {

/// Most events the check looks at: it runs k * 2^(k-1) handler calls for k
/// events, so above this it answers false (the search then branches on all).
inline constexpr std::size_t kMaxCommutingEvents = 3;

/// True when the pending `events` (deliveries to server `d` and timers of
/// `d`, all due now) are *confluent*: taking any subset of them, in any order,
/// gives the same state of the simulation (up to ids and the trace), and no
/// one of them disables another. Then any one of them is independent of all
/// the others in every state reachable from `sim` by taking the others, which
/// is what a persistent-set reduction needs (a check of two orders at `sim`
/// alone is not enough: a third event could make them differ later).
///
/// How: the events are run on copies of `d`'s server alone, outside the
/// simulation, over the whole lattice of subsets (k * 2^(k-1) handler calls
/// for k events); each subset's result - the server's state_hash(), its sigma,
/// the messages sent (a multiset) and its pending timers (kind, tag, due
/// tick) - must be the same whichever event came last. This mirrors
/// Simulation::deliver and fire_timer for the plain cases only; anything else
/// answers false:
///  - `d` is live and every event is a delivery to `d` of a non-heartbeat
///    message on a connected link from a client or from a server `d` does
///    not suspect (hearing from a suspected server changes the failure
///    detector), or a Stage timer of `d`;
///  - 2 <= events.size() <= kMaxCommutingEvents.
/// A handler cancelling one of the other events' timers disables it: false.
/// Pure: `sim` is not changed.
bool same_server_events_commute(const Simulation& sim, ServerId d, const std::vector<PendingEvent>& events);

}  // namespace paxoslab::search_detail
