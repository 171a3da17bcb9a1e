// Stage-independent faults: a break carried from one stage to another.
//
// A break-finder counterexample is an exact schedule ([[choose]] tables: "deliver
// the Accept from S1 to S2 (m1, slot 1)", "fire S1's stage timer"), and it
// replays only on the stage it was found on: another stage sends other messages
// at other times. Its *faults*, though, mean the same on every stage - "lose the
// Accept carrying m1 from S1 to S2", "crash S1 right after it sends Reply(m1) to
// C1", "S2 falsely suspects S1 at t=40" - and so do its client requests. This
// unit derives them from a schedule (written next to it as [[fault]] tables,
// docs/scenario-format.md "Stage-independent faults"), runs them as an ordinary
// auto-mode script on any stage (core/compare uses it to put the break beside
// the next stage, docs/break-finder.md), and says afterwards which of them found
// nothing to act on there.
#pragma once

#include <string>
#include <vector>

#include "core/scenario/scenario.hpp"
#include "core/sim/schedule.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab {

/// Derives the stage-independent faults of `schedule` by replaying it on `sim`
/// (a fresh simulation of the stage and set-up the schedule was found on, with
/// no script). Each action choice becomes one fault, in schedule order, and so
/// does each delivery the schedule took out of arrival order:
/// - a client request or a restart: at the tick it was made;
/// - losing (duplicating) a message: a standing rule "lose (duplicate) the next
///   <kind> carrying <m> from <a> to <b>" (kind, ends and request; never ids,
///   slots or rounds), set at tick 0 for the first such send, else right after
///   the send before it (a retransmission is the 2nd, 3rd, ... such send);
/// - a message delivered late (after others due before it): a standing rule
///   holding the same send back by as many ticks; a message left in flight
///   although due by the schedule's last tick: held back until just after it
///   (auto mode takes messages in arrival order: this keeps the schedule's);
/// - crashing server S: right after S's last visible event before it (a send,
///   an execute, a delivery, ...: "crash S1 right after S1 sends Reply(m1) to
///   C1"), or at its tick if S had none;
/// - every other action (a suspicion, trust, partition, heal, cut, mend, link
///   change): right after the last visible event of the run before it ("S2
///   suspects S1 right after S1 receives Request(m1) from C1"), or at its tick.
/// Other deliveries, timers and waits are left out: on another stage the run
/// takes its own course. Rules set at tick 0 come first in the result. If a
/// choice fails to replay, `error` says which and the faults derived before it
/// are returned.
std::vector<PortableFault> portable_faults(Simulation sim, const std::vector<ScheduleChoice>& schedule,
                                           std::string& error);

/// The scenario that runs `s`'s [[fault]] tables as its script, in auto mode, on
/// any stage: `s` with its schedule replaced by the faults' steps (each with its
/// source line) and its [expect] table cleared (it speaks of the exact schedule
/// on the stage it was found on). Precondition: !s.faults.empty().
Scenario scenario_of_faults(const Scenario& s);

/// After `sim` ran scenario_of_faults(s) (on any stage): for each fault of
/// `faults` (fault i is sim.script()[i]), empty if it took effect there, else
/// one sentence saying why not, e.g. "no such message was sent on Stage 3" (a
/// lose rule that never matched a send) or "never happened on Stage 3: no S1
/// send Reply m1 (C1) there" (its moment never came).
std::vector<std::string> fault_misses(const Simulation& sim, const std::vector<PortableFault>& faults);

}  // namespace paxoslab
