// Boring stretches of a run: a step that brings nothing
// new - an identical retransmission, a heartbeat, timer bookkeeping, a
// repeated note - can be played fast by the app or folded with its
// neighbours into one labelled step ("3 retransmissions, nothing new").
// classify_step() judges one step from the trace alone (no state kept, so a
// rewound run needs no care); QuietStretch sums a run of such steps up.
#pragma once

#include <cstdint>
#include <string>

#include "core/sim/trace.hpp"

namespace paxoslab {

/// What one step brought that the learner has not seen before in this run.
struct StepNovelty {
  bool nothing_new = false;  ///< Every effect of the step is a repeat (or it recorded none).
  int retransmissions = 0;   ///< Sends (or losses) of a message identical to one the same
                             ///< sender sent the same receiver before (same payload).
  int repeat_deliveries = 0; ///< Deliveries of a message identical to one delivered before.
  int heartbeats = 0;        ///< Heartbeats sent, delivered or lost.
  int timer_rearms = 0;      ///< A timer set / fired again for a purpose its owner had
                             ///< before, or a timer cancelled.
  int repeated_notes = 0;    ///< Notes identical to an earlier note of the same server.
  int new_effects = 0;       ///< Effects that are none of the above.
  bool operator==(const StepNovelty&) const = default;
};

/// Classifies the step that recorded trace events [first_seq, end_seq) of
/// `trace`, comparing each with the events before it. Events whose history
/// is not kept (a trace after drop_history) count as new.
StepNovelty classify_step(const Trace& trace, std::uint64_t first_seq, std::uint64_t end_seq);

/// A run of consecutive nothing-new steps, summed up for one labelled step.
struct QuietStretch {
  int steps = 0;
  int retransmissions = 0;
  int repeat_deliveries = 0;
  int heartbeats = 0;
  int timer_rearms = 0;
  int repeated_notes = 0;
  /// Adds a nothing-new step (precondition: s.nothing_new).
  void add(const StepNovelty& s);
  bool empty() const { return steps == 0; }
  /// e.g. "3 retransmissions, nothing new", "2 retransmissions, 2 repeat
  /// deliveries, 1 timer re-arm: nothing new", "4 steps, nothing new".
  std::string summary() const;
};

}  // namespace paxoslab
