// Evaluating lesson goals and pause points over a live simulation.
//
// Both are incremental: each update() reads only the trace events recorded
// since the previous call (plus the simulation's current state for the state
// leaves of a goal), so the app can call it every frame and the verifier after
// every step. If the simulation was rewound (its trace is shorter than what
// was already read), the evaluator starts over from the trace it is given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab {

/// Tells whether an exercise's goal holds, and whether it ever held.
class GoalEvaluator {
 public:
  explicit GoalEvaluator(Goal goal);
  GoalEvaluator(const GoalEvaluator& other);
  GoalEvaluator& operator=(const GoalEvaluator& other);
  ~GoalEvaluator() = default;

  /// Reads what happened in `sim` since the last update and re-evaluates the
  /// goal. Returns holds(). `sim` must be the same run (or a rewind of it).
  bool update(const Simulation& sim);
  /// The goal holds now (as of the last update).
  bool holds() const { return holds_; }
  /// The goal held at some update since construction or reset(): "achieved".
  bool achieved() const { return achieved_; }
  /// The tick of the update at which the goal first held (valid if achieved()).
  Tick achieved_tick() const { return achieved_tick_; }
  /// Forget everything read (for a fresh run).
  void reset();
  const Goal& goal() const { return goal_; }

 private:
  void collect(const Goal& g);
  void scan(const Simulation& sim);
  bool eval(const Goal& g, const Simulation& sim) const;
  int count_of(const Goal& g) const;

  Goal goal_;
  /// The trace-reading leaves (delivered, lost, event) of goal_, depth-first;
  /// rebuilt on copy since they point into goal_.
  std::vector<const Goal*> leaves_;
  std::vector<int> seen_;  ///< Matching events read so far, per leaf.
  std::uint64_t next_seq_ = 0;  ///< Seq of the first trace event not read yet.
  bool holds_ = false;
  bool achieved_ = false;
  Tick achieved_tick_ = 0;
};

/// Tells when a pause point (a page's `pause_at`) has been reached: at a tick,
/// or right after the n-th trace event matching a pattern.
class TriggerWatcher {
 public:
  explicit TriggerWatcher(Trigger trigger);

  /// Reads what happened since the last update. Returns reached().
  bool update(const Simulation& sim);
  /// True once the trigger has fired (latched until reset()).
  bool reached() const { return reached_; }
  /// Seq of the trace event that fired an `after` trigger (or the first event
  /// at/after an `at` tick); valid if reached().
  std::uint64_t reached_seq() const { return reached_seq_; }
  void reset();
  const Trigger& trigger() const { return trigger_; }

 private:
  Trigger trigger_;
  std::uint64_t next_seq_ = 0;
  int seen_ = 0;
  bool reached_ = false;
  std::uint64_t reached_seq_ = 0;
};

/// True when a Deliver or Drop trace event concerns a message matching
/// `pattern` (looked up in the trace's message record, or - if not kept -
/// judged from the event's own fields).
bool event_concerns_message(const TraceEvent& e, const MessagePattern& pattern, const Trace& trace);

}  // namespace paxoslab
