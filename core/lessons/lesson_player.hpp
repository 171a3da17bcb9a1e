// The lesson player: how "Next" plays a lesson's scripted run to a page's
// moment and stops exactly there. One implementation for
// the app's Next / Back / Replay (gui/model/lesson_model.hpp) and for
// `paxos-lab-cli lessons walk` (the check that every page stops exactly on
// its moment). No GUI here, no clock: the caller decides the pace.
//
// A page's *moment* is its `pause_at` trigger (docs/lesson-format.md), watched
// with the core's TriggerWatcher (core/lessons/lesson_goal.hpp). Next on page p plays
// the run one step at a time and stops right after the step in which p's
// moment happened; with one effect per step (each send, execute, reply,
// leader change, suspicion... its own step) the moment's effect is then the
// last effect applied. Pages without `pause_at`:
//   - a *reading page* - some later page has a moment: Next does not move the
//     run (the learner reads on; the next page's Next plays on from here);
//   - a *closing page* - no later page has a moment: Next plays the run to its
//     end (nothing left to happen, or the scenario's max_ticks / max_steps).
// Back shows the previous page at its moment; Replay plays this page again
// from the moment before it: both rewind to replay_from(page)'s moment (the
// app keeps a snapshot there; headless callers replay from the start).
//
// Boring stretches (steps that bring nothing new, to play fast or fold into
// one labelled step): core/lessons/step_novelty.hpp.
//
// Effects. Every trace event is an effect of the step that recorded it except
// a Violation event (the checker's finding about the effect recorded just
// before it, core/sim/checker.hpp) and timer bookkeeping (timer-set and
// timer-cancel ride along with the visible effect they belong to,
// core/sim/simulation.hpp): those are shown with that effect and not counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/lessons/lesson_goal.hpp"
#include "core/sim/simulation.hpp"
#include "core/lessons/step_novelty.hpp"

namespace paxoslab {

/// True for trace events that are effects: everything but Violation findings
/// and timer-set / timer-cancel bookkeeping.
bool is_effect(const TraceEvent& e);

/// The last effect kept in `trace`, or nullptr if it has none.
const TraceEvent* last_effect(const Trace& trace);

/// An event in the words of an event pattern (EventPattern::describe: who,
/// kind, message kind, request, (other)) plus its tick, e.g.
/// "S2 deliver Accept m1 (S1), t=40"; a note adds its text
/// ("S3 note: slot 1 holds m1, already executed: a no-op ..., t=95").
std::string describe_event(const TraceEvent& e);

// ---- playing to a page's moment ---------------------------------------------

/// Why Next stopped on a page (or that it must go on).
enum class PlayStop : std::uint8_t {
  None,      ///< Not yet: carry out another step.
  Moment,    ///< The page's moment (its pause_at trigger) has happened.
  Reading,   ///< A reading page (no moment, a later page has one): the run does not move.
  RunEnded,  ///< Nothing is left to happen, or the next event lies past the scenario's
             ///< max_ticks, or max_steps were taken. (A page whose moment never came
             ///< stops here too: `lessons verify` reports such pages.)
};
/// "none", "moment", "reading", "run ended".
const char* to_string(PlayStop s);

/// What one step_toward() call did.
struct PlayStep {
  bool stepped = false;          ///< A step was carried out.
  PlayStop stop = PlayStop::None;  ///< Stop now (anything but None).
  std::uint64_t first_seq = 0;   ///< Trace events the step recorded: seqs [first_seq, end_seq).
  std::uint64_t end_seq = 0;
};

/// Where a page's moment is in the run so far, and how far past it the run is.
/// Recorded with the moment's own effect and not counted after it: the loss
/// of the message a Send moment sent (a cut link drops it as it is sent) and
/// the note a Crash moment writes about the effects it discarded.
struct MomentReport {
  bool has_moment = false;         ///< The page has a pause_at trigger.
  bool reached = false;            ///< ...and it has happened.
  std::uint64_t moment_seq = 0;    ///< Trace seq of the moment's event (valid if reached;
                                   ///< for an `at` tick: the first event at or after it).
  /// Effects recorded after the moment's event (0 = the run stands exactly on it).
  int effects_after_moment = 0;
  /// The last effect applied (nullopt if the run has none yet).
  std::optional<TraceEvent> last_effect;
  /// The run stands exactly on the moment: it has happened and its event is
  /// the last effect applied. A page without a moment is exact when Next
  /// stopped as the page says (reading page: did not move; closing page: the run ended).
  bool exact = false;
};

/// Plays one lesson's scripted run page by page. Holds one TriggerWatcher per
/// page with a moment; each reads the trace incrementally and starts over by
/// itself when the run it is given was rewound (its trace got shorter).
/// Call reset() whenever the caller swaps in a different run or rewinds and
/// replays before the next check (so a watcher never misses the rewind).
/// Copyable; holds no reference to the lesson.
class LessonPlayer {
 public:
  /// Precondition: `lesson` came from the loader. The scenario's max_ticks and
  /// max_steps bound the run as in run_observed (core/lessons/lesson_run.hpp).
  explicit LessonPlayer(const Lesson& lesson);

  int page_count() const { return static_cast<int>(moments_.size()); }
  /// Page `page`'s moment, or nullptr (no pause_at, or page out of range).
  const Trigger* moment_of(int page) const;
  /// True if `page` has no moment but a later page has one.
  bool reading_page(int page) const;
  /// The page whose moment Back and Replay of `page` rewind to: the nearest
  /// earlier page with a moment, or -1 = the start of the run. (Replay of
  /// `page` = rewind there, then Next on `page`; Back from `page` = show page
  /// - 1 at its own moment, i.e. rewind to moment_of(page - 1) if it has one,
  /// else to replay_from(page - 1).)
  int replay_from(int page) const;

  /// Next on `page`, checking only: must the run stop as it is now? Reads the
  /// trace recorded since the last call. Pages out of range stop (RunEnded).
  /// `sim` is the run the app shows at the end of its timeline.
  PlayStop check(const Simulation& sim, int page);
  /// Next on `page`, headless: if check() says go on, carries out one step
  /// (Simulation::step) and checks again. Not for scenarios with a schedule
  /// ([[choose]]): the app's Session steps those itself, then calls check().
  PlayStep step_toward(Simulation& sim, int page);
  /// Plays `page` to its stop with step_toward; returns why it stopped.
  PlayStop play_page(Simulation& sim, int page);

  /// Where `page`'s moment is in `sim`'s run so far (updates its watcher).
  MomentReport moment_report(const Simulation& sim, int page);
  /// Forget what the watchers read (a different run, or a rewind).
  void reset();

 private:
  bool run_over(const Simulation& sim) const;

  std::vector<std::optional<TriggerWatcher>> moments_;  ///< [page]
  std::optional<Tick> max_ticks_;
  std::uint64_t max_steps_ = 0;
};

/// Headless: `lesson`'s scripted run played to `page`'s stop, page by page
/// from the first (what the app shows after Next on pages 0..page). Used for
/// Back without a snapshot, and by tests.
Simulation play_to_page(const Lesson& lesson, const StageInfo& stage, int page);

/// One page of a walk: where Next on that page stopped.
struct PageWalk {
  int page = 0;              ///< 1-based, as the app numbers pages.
  std::string title;
  /// The page's pause event (its pause_at trigger, e.g. "after S2 deliver
  /// Accept (S1)"), or for a page without one "(reading page)" / "(closing
  /// page: plays to the end of the run)".
  std::string moment;
  std::string last_event;    ///< describe_event of the last effect applied when Next stopped ("" = none yet).
  bool exact = false;        ///< MomentReport::exact.
  int effects_after_moment = 0;
  PlayStop stop = PlayStop::None;  ///< Why Next stopped.
  Tick tick = 0;             ///< The run's time when Next stopped.
  /// The page's stretch of the run: trace events [stretch_first_seq,
  /// stretch_end_seq) were recorded by Next on this page (what a prediction
  /// of the page is judged on, core/lessons/prediction.hpp).
  std::uint64_t stretch_first_seq = 0;
  std::uint64_t stretch_end_seq = 0;
};

/// Plays `lesson`'s scripted run from the start page by page (Next on page
/// 1, then on page 2, ...) with a LessonPlayer and reports each stop:
/// `paxos-lab-cli lessons walk`. Precondition: `stage` runs the lesson's
/// scenario (usually find_stage(lesson.scenario.config.stage)).
std::vector<PageWalk> walk_lesson(const Lesson& lesson, const StageInfo& stage);
/// The same on a run the caller started (start_scenario(lesson.scenario, ...)),
/// which is left where Next on the last page stopped.
std::vector<PageWalk> walk_lesson(const Lesson& lesson, Simulation& sim);

}  // namespace paxoslab
