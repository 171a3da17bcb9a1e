// An explicit schedule: "carry out exactly this event next", one choice at a
// time, in manual mode. This is how a break-finder counterexample (and any
// hand-stepped run) is written down so that it replays exactly.
//
// A scenario's [[step]] script is tick/event triggered and runs in auto mode
// (events in (tick, seq) order). A schedule is the other way to drive a run:
// every choice names the next pending event (a delivery or a timer) by what it
// is - never by an id - or an action (fault, client request) to apply now. The
// n-th pending event matching the description, in (tick, seq) order, is the
// one taken (`index`), so a choice is exact even when two pending events look
// alike. Replaying the same choices on the same SimConfig and stage gives the
// same run: same ids, same trace hash.
//
// In a scenario file these are the [[choose]] tables (docs/scenario-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/script.hpp"
#include "core/sim/server.hpp"

namespace paxoslab {

class Simulation;
struct PendingEvent;

/// One step of an explicit schedule.
struct ScheduleChoice {
  enum class Type : std::uint8_t {
    Deliver,  ///< Deliver the index-th pending message matching `message`.
    Timer,    ///< Fire the index-th pending timer of `timer_owner` with `timer_kind` and `timer_tag`.
    Act,      ///< Apply `action` now (a fault or a client request).
    Wait,     ///< Let time pass to tick `until` with nothing happening (Simulation::wait_until).
  };
  Type type = Type::Deliver;
  MessagePattern message;            ///< Deliver: which message (empty fields match anything).
  NodeId timer_owner;                ///< Timer: its owner (a server, or a client for retries).
  TimerKind timer_kind = TimerKind::Stage;
  std::int64_t timer_tag = 0;        ///< Timer: stage-defined tag; FD timers: the peer's number.
  int index = 1;                     ///< Deliver/Timer: the n-th matching pending event (1 = first).
  Action action;                     ///< Act.
  Tick until = 0;                    ///< Wait: the tick time moves to.
  int source_line = 0;               ///< Line in the scenario file (0 if not from a file).
  bool operator==(const ScheduleChoice&) const = default;
};

/// "stage", "failure-detector", "client-retry" (the file's names for TimerKind).
const char* to_string(TimerKind k);
/// Inverse of to_string(TimerKind). Returns false for an unknown name.
bool parse_timer_kind(const std::string& text, TimerKind& out);

/// One sentence: "deliver Accept from S1 to S2 (m2, slot 1)", "fire S1's stage
/// timer (tag 1)", "crash S1".
std::string describe(const ScheduleChoice& c);

/// True if pending event `e` of `sim` is a Deliver/Timer choice's kind of event
/// (ignores `index`). Always false for Act choices and script events.
bool matches(const Simulation& sim, const PendingEvent& e, const ScheduleChoice& c);

/// The pattern naming message `m` by everything a pattern can say: its kind,
/// sender and receiver, slot and rnd when set, and its value (request, a no-op
/// included) for the kinds that carry one - not for Prepare, Promise, Nack and
/// Heartbeat, which carry none (docs/protocol.md, Stage 4), so that a written
/// schedule never reads "Prepare (noop)".
MessagePattern full_pattern(const Envelope& m);

/// The choice that names pending event `e` of `sim` exactly: the full message
/// pattern (full_pattern) or timer (owner, kind, tag),
/// with `index` set so that it selects `e` and no other. nullopt if `e` is not
/// pending or is a script event.
std::optional<ScheduleChoice> choice_for(const Simulation& sim, const PendingEvent& e);

/// Carries out one choice on `sim` (manual mode: Simulation::step_event for
/// Deliver/Timer, Simulation::apply for Act, Simulation::wait_until for Wait),
/// then every effect it caused (Simulation::finish_effects): a choice is
/// atomic, nothing happens between two effects of its handler - a schedule
/// replays the break-finder's run, which does not branch there. Returns an
/// empty string on success, else a sentence saying why nothing happened ("no
/// pending message matches Accept from S1 to S2 (m2)", or apply's own reason).
std::string carry_out(Simulation& sim, const ScheduleChoice& c);

/// Carries out `choices` in order, stopping at the first that fails. Returns
/// the number carried out; `error` gets the failing choice's reason (with its
/// source line when known), or stays empty.
std::size_t carry_out_all(Simulation& sim, const std::vector<ScheduleChoice>& choices, std::string& error);

}  // namespace paxoslab
