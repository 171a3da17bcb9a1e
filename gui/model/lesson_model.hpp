// The lesson panel's model: the lesson track, the lesson
// being followed, its page, its exercises' live status, the learner's saved
// progress and answers, and the lesson's view (frame the moment, dim the
// rest). No ImGui here - the panel (gui/panels/lesson_panel.hpp) draws it and
// emits LessonCommand values; the App applies them at the top of the next
// frame and carries out the LessonEffects they return (start a run, compare
// mode).
//
// Runs. A lesson has one scripted run (its scenario) and, per exercise, a
// start run (exercise_scenario without the solution: the learner adds faults
// with the app's own tools) and a "show me" run (with the solution). The model
// remembers which run it asked for by the scenario's name; if the app's run is
// something else (the learner opened another file), the lesson is "detached"
// and nothing is evaluated until a lesson run is started again.
//
// Pages. Next plays the scripted run to the next page's stop - its
// moment, exactly: the moment's effect is the last one shown - at a pace a
// learner follows; Back rewinds to the previous page's stop; Replay plays this
// page again from the stop before it. drive() does that on the App's Session
// each frame (gui/model/lesson_playback.hpp, on the core's lesson player,
// core/lessons/lesson_player.hpp, the same code `paxos-lab-cli lessons walk` runs).
// While it plays, the Session's own playback is off; Space / the Play button
// pause and resume it. A page with a prediction asks first: the run waits at
// the stop before the page until the learner answers, then plays, and the
// page reveals which choice the run took and why (core/lessons/prediction.hpp).
//
// Exercises: their goal (a GoalEvaluator) is read once per frame (observe):
// success the moment it holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/lessons/lesson_goal.hpp"
#include "gui/model/progress.hpp"
#include "core/scenario/scenario.hpp"
#include "core/lessons/prediction.hpp"
#include "core/sim/simulation.hpp"
#include "gui/model/lesson_focus.hpp"
#include "gui/model/lesson_playback.hpp"
#include "gui/model/session.hpp"

namespace paxoslab::gui {

/// What the lesson panel asks for; applied by LessonModel::apply.
namespace lesson_cmd {
/// Open lesson `index` of the list at its saved page and start its scripted run.
struct Open { std::size_t index = 0; bool operator==(const Open&) const = default; };
/// Next: show the next page and play the run to that page's stop (after the
/// learner answered its question, if it asks one).
struct Next { bool operator==(const Next&) const = default; };
/// Back: show the previous page at its stop (a rewind, nothing replayed).
struct Back { bool operator==(const Back&) const = default; };
/// Show page `page` at its stop at once (played without pause if the run has
/// not got there yet; a page with an unanswered question waits for it).
struct GoToPage { int page = 0; bool operator==(const GoToPage&) const = default; };
/// Replay this page: rewind to the stop before it and play it again (after an
/// exercise or another run: the lesson's run starts again first).
struct Replay { bool operator==(const Replay&) const = default; };
/// The learner's answer to this page's prediction (choice index); the run
/// then plays to the page's moment and the page reveals what happened.
struct Answer { std::size_t choice = 0; bool operator==(const Answer&) const = default; };
/// Start exercise `index` (paused at its start: the learner acts).
struct StartExercise { std::size_t index = 0; bool operator==(const StartExercise&) const = default; };
/// "Show me": exercise `index` with its solution, playing.
struct ShowMe { std::size_t index = 0; bool operator==(const ShowMe&) const = default; };
/// Reveal the next hint of exercise `index`.
struct Hint { std::size_t index = 0; bool operator==(const Hint&) const = default; };
/// Open compare mode on the lesson's `compare` stages.
struct Compare { bool operator==(const Compare&) const = default; };
/// Back to the list of lessons.
struct Close { bool operator==(const Close&) const = default; };
/// Forget all saved progress.
struct ResetProgress { bool operator==(const ResetProgress&) const = default; };
/// The sequence chart frames the page's moment (on) or shows the whole run (off).
struct SetFraming { bool on = true; bool operator==(const SetFraming&) const = default; };
/// Dim what the page does not talk about (on) or draw everything alike (off).
struct SetDimming { bool on = true; bool operator==(const SetDimming&) const = default; };
}  // namespace lesson_cmd

using LessonCommand =
    std::variant<lesson_cmd::Open, lesson_cmd::Next, lesson_cmd::Back, lesson_cmd::GoToPage, lesson_cmd::Replay,
                 lesson_cmd::Answer, lesson_cmd::StartExercise, lesson_cmd::ShowMe, lesson_cmd::Hint,
                 lesson_cmd::Compare, lesson_cmd::Close, lesson_cmd::ResetProgress, lesson_cmd::SetFraming,
                 lesson_cmd::SetDimming>;

/// What the App must do for the lesson.
struct LessonEffects {
  /// Start this run (SessionSource{scenario, scenario.config} on `stage`),
  /// then play it if `play`.
  struct Run {
    Scenario scenario;
    int stage = 0;
    bool play = false;
  };
  std::optional<Run> run;
  bool pause = false;                          ///< Stop playback now (a pause point was reached).
  std::optional<std::pair<int, int>> compare;  ///< Open compare mode on these stages.
  bool empty() const { return !run && !pause && !compare; }
};

/// Which lesson run the app is showing.
enum class LessonRunKind : std::uint8_t { None, Script, Exercise, ShowMe };

/// Live status of one exercise in the open lesson.
struct ExerciseStatus {
  int hints_shown = 0;
  bool achieved = false;   ///< The goal held in one of the learner's own runs (or progress says so).
  bool shown = false;      ///< "Show me" achieved it.
  Tick achieved_tick = 0;
};

class LessonModel {
 public:
  /// `progress_path` empty = progress is kept in memory only (tests, headless).
  explicit LessonModel(std::string progress_path = {});

  // ---- the track ----
  /// Loads every lesson of `dir` (broken files are listed with their error).
  void load_track(const std::string& dir);
  /// Opens one lesson file (`--lesson FILE`): the track's lesson with the same
  /// file or id, else the file is added to the list. Returns the load error
  /// ("file:line:col: ...") or an empty string; on success the lesson is open
  /// (call apply(lesson_cmd::Open) semantics: its run is in the returned effects).
  std::string open_file(const std::string& path, LessonEffects& effects);
  const std::vector<Lesson>& lessons() const { return lessons_; }
  const std::vector<LoadError>& broken() const { return broken_; }
  const std::string& track_dir() const { return track_dir_; }

  // ---- progress ----
  const Progress& progress() const { return progress_; }
  /// A warning from loading or saving progress (corrupt file kept as .bak, ...), or empty.
  const std::string& progress_warning() const { return progress_warning_; }
  /// "done", "2/3" (exercises), "seen" or "" for the list's progress mark.
  std::string progress_mark(const Lesson& lesson) const;

  // ---- the open lesson ----
  const Lesson* current() const { return current_ ? &lessons_[*current_] : nullptr; }
  std::optional<std::size_t> current_index() const { return current_; }
  int page() const { return page_; }
  const LessonPage* current_page() const;
  LessonRunKind run_kind() const { return run_kind_; }
  /// The exercise whose run is showing (valid for Exercise / ShowMe).
  std::size_t run_exercise() const { return run_exercise_; }
  const std::vector<ExerciseStatus>& exercise_status() const { return status_; }
  /// True when the app shows something other than the run the lesson started.
  bool detached() const { return detached_; }
  /// The highlight to draw now (the page's, while the scripted run shows).
  const Highlight* highlight() const;
  /// One line about where the run stopped ("Stopped on this page's moment: S2
  /// suspects S1 (t = 135)."; "This page's moment never happened in this
  /// run: ..." when the run ended without it), or empty; followed by a warning
  /// when the run has another number of servers than the lesson is written for.
  const std::string& pause_note() const { return pause_note_; }

  // ---- playing to the page's moment ----
  /// The page the run is being played to, if any (paused or not).
  std::optional<int> playing_page() const;
  /// What the Next button does, in words: "Play to: S2 suspects S1", "Next:
  /// a question >", "Next page >", "Play to the end"; "Answer to play" while
  /// this page's question is open; "Next >" on the last page.
  std::string next_label() const;
  /// The last stretch folded into one step: "3 retransmissions, nothing new" (or empty).
  std::string quiet_note() const;

  // ---- predict, then reveal ----
  /// This page asks a question the learner has not answered yet (the run waits).
  bool asking() const;
  /// The learner's answer on page `page` of the open lesson, if any.
  std::optional<std::size_t> answer(int page) const;
  /// What the run did on this page, judged by its prediction: set once the
  /// run has reached the page's stop after an answer.
  const PredictionReveal* reveal() const { return reveal_ && reveal_page_ == page_ ? &*reveal_ : nullptr; }

  // ---- the view ----
  /// The chart frames the page's moment (default) rather than the whole run.
  bool framing() const { return framing_; }
  /// Out-of-focus nodes and messages are dimmed (default).
  bool dimming() const { return dimming_; }
  /// What the views dim now: the page's highlight while the scripted run
  /// shows and dimming is on; else an inactive focus.
  LessonFocus focus() const;
  /// The ticks the chart frames for this page (its stretch of the lesson's
  /// run, worked out when the run started), or nullopt (framing off, another
  /// run shows). While the page's question waits for its answer (asking()),
  /// the previous page's stretch: the run has not played this page's yet.
  std::optional<TickRange> frame() const;

  // ---- frame ----
  void push(LessonCommand c) { queue_.push_back(std::move(c)); }
  const std::vector<LessonCommand>& queued() const { return queue_; }
  /// Applies every queued command; returns what the App must do.
  LessonEffects apply_pending();
  LessonEffects apply(const LessonCommand& c);
  /// Carries out Next / Back / Replay / an answer on the App's run and plays
  /// the page at the Session's speed (1x: kEffectsPerSecondAt1x effects a
  /// second) for `seconds`. Returns true while the lesson plays the run (the
  /// App then does not advance the Session itself).
  bool drive(Session& session, double seconds);
  /// Drops a pending Next / Back / Replay and stops playing to the page's
  /// moment: the run stays where it is (`--steps K` captures of a lesson).
  void hold() {
    request_.reset();
    if (playback_) playback_->cancel();
  }
  /// Reads the app's run after this frame's playback: whether it is the
  /// lesson's run (`run_name`: the run's scenario name, empty for a plain
  /// set-up) and, for an exercise, its goal. `generation` is the session's
  /// timeline generation, `at_end` whether the cursor is at the end of the
  /// timeline (`sim` must then be that end state).
  LessonEffects observe(const Simulation& sim, const std::string& run_name, std::uint64_t generation, bool at_end);

 private:
  /// A page request drive() carries out on the Session.
  struct Request {
    enum class Kind : std::uint8_t { Play, Replay, Show, Instant } kind = Kind::Play;
    int page = 0;
  };
  LessonEffects open_lesson(std::size_t index);
  LessonEffects start_run(LessonRunKind kind, std::size_t exercise);
  /// Plays the lesson's script headless on `config` (the lesson's own, or
  /// the cluster the app runs it on) page by page: each page's frame.
  void plan_frames(const SimConfig& config);
  void carry_out(Session& s, const Request& r);
  /// The run has reached page_'s stop: the note and the reveal.
  void on_stop(const Session& s);
  void save();
  void note_page_seen();
  /// Turns to `page` (clamped); the script run then carries out `kind` there.
  LessonEffects turn_to(int page, Request::Kind kind);
  /// Keeps the answer to the page's prediction (the first one counts in progress).
  LessonEffects answer_prediction(const lesson_cmd::Answer& a);
  /// Closes the lesson: no run, goal, playback or request left.
  LessonEffects close_lesson();
  /// Forgets the learner's progress (the file too, unless it could not be kept aside).
  LessonEffects reset_all_progress();

  std::string progress_path_;
  Progress progress_;
  std::string progress_warning_;
  bool save_blocked_ = false;  ///< The progress file could not be kept aside: never overwrite it.
  std::string track_dir_;
  std::vector<Lesson> lessons_;
  std::vector<LoadError> broken_;
  std::vector<LessonCommand> queue_;

  std::optional<std::size_t> current_;
  int page_ = 0;
  std::vector<ExerciseStatus> status_;
  LessonRunKind run_kind_ = LessonRunKind::None;
  std::size_t run_exercise_ = 0;
  std::string run_name_;          ///< Scenario name of the run the lesson started.
  bool detached_ = false;
  std::uint64_t generation_ = 0;
  std::string pause_note_;
  std::optional<GoalEvaluator> goal_;

  std::optional<LessonPlayback> playback_;   ///< The scripted run's Next / Back / Replay.
  std::optional<Request> request_;           ///< Waiting for drive().
  std::vector<std::optional<TickRange>> frames_;  ///< [page]
  SimConfig planned_config_;                      ///< What frames_ were planned on.
  std::vector<std::optional<std::size_t>> answers_;  ///< [page] of the open lesson
  std::optional<PredictionReveal> reveal_;
  int reveal_page_ = -1;
  bool framing_ = true;
  bool dimming_ = true;
};

}  // namespace paxoslab::gui
