// The lesson panel's model (issue 5): the lesson track, the lesson being
// followed, its page, its exercises' live status, and the learner's saved
// progress. No ImGui here - the panel (gui/panels/lesson_panel.hpp) draws it
// and emits LessonCommand values; the App applies them at the top of the next
// frame and carries out the LessonEffects they return (start a run, pause,
// compare mode), so the model never touches the Session itself.
//
// Runs. A lesson has one scripted run (its scenario) and, per exercise, a
// start run (exercise_scenario without the solution: the learner adds faults
// with the app's own tools) and a "show me" run (with the solution). The model
// remembers which run it asked for by the scenario's name; if the app's run is
// something else (the learner opened another file), the lesson is "detached"
// and nothing is evaluated until a lesson run is started again.
//
// Live checks, once per frame (observe): the page's pause point (a
// TriggerWatcher: pause the run right after "watch what S2 does with this
// accept") and the active exercise's goal (a GoalEvaluator: success the moment
// it holds). Both read the run at the end of the app's timeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/lesson.hpp"
#include "core/lesson_goal.hpp"
#include "core/progress.hpp"
#include "core/scenario.hpp"
#include "core/simulation.hpp"
#include "gui/model/lesson_focus.hpp"

namespace paxoslab::gui {

/// What the lesson panel asks for; applied by LessonModel::apply.
namespace lesson_cmd {
/// Open lesson `index` of the list at its saved page and start its scripted run.
struct Open { std::size_t index = 0; bool operator==(const Open&) const = default; };
/// Show page `page` (Back / Next); its pause point is armed.
struct GoToPage { int page = 0; bool operator==(const GoToPage&) const = default; };
/// Start the scripted run again, playing until the current page's pause point.
struct Replay { bool operator==(const Replay&) const = default; };
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

using LessonCommand = std::variant<lesson_cmd::Open, lesson_cmd::GoToPage, lesson_cmd::Replay, lesson_cmd::StartExercise,
                                   lesson_cmd::ShowMe, lesson_cmd::Hint, lesson_cmd::Compare, lesson_cmd::Close,
                                   lesson_cmd::ResetProgress, lesson_cmd::SetFraming, lesson_cmd::SetDimming>;

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
  /// One line about the pause point ("Paused after: S2 deliver Accept"), or empty.
  const std::string& pause_note() const { return pause_note_; }

  // ---- the view (issue 12) ----
  /// The chart frames the page's moment (default) rather than the whole run.
  bool framing() const { return framing_; }
  /// Out-of-focus nodes and messages are dimmed (default).
  bool dimming() const { return dimming_; }
  /// What the views dim now: the page's highlight while the scripted run
  /// shows and dimming is on; else an inactive focus.
  LessonFocus focus() const;
  /// Seq of the trace event that was page `page`'s moment in the scripted
  /// run, once the run has reached it (nullopt before, or for a page without one).
  std::optional<std::uint64_t> moment_seq(int page) const;

  // ---- frame ----
  void push(LessonCommand c) { queue_.push_back(std::move(c)); }
  const std::vector<LessonCommand>& queued() const { return queue_; }
  /// Applies every queued command; returns what the App must do.
  LessonEffects apply_pending();
  LessonEffects apply(const LessonCommand& c);
  /// Reads the app's run after this frame's playback. `run_name` is the
  /// run's scenario name (empty for a plain set-up), `generation` the
  /// session's timeline generation, `at_end` whether the cursor is at the end
  /// of the timeline (`sim` must then be that end state). Returns a pause
  /// request when the page's pause point has just been reached.
  LessonEffects observe(const Simulation& sim, const std::string& run_name, std::uint64_t generation, bool at_end);

 private:
  LessonEffects open_lesson(std::size_t index);
  LessonEffects start_run(LessonRunKind kind, std::size_t exercise);
  void arm_page();
  void save();
  void note_page_seen();

  std::string progress_path_;
  Progress progress_;
  std::string progress_warning_;
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
  std::optional<TriggerWatcher> pause_;
  bool pause_fresh_ = false;      ///< The watcher has not observed the run yet.
  /// Set when a lesson opens: the first observation moves to the furthest page
  /// whose moment the run has already passed (`paxos-lab --lesson F --steps K`).
  bool sync_page_ = false;
  std::string pause_note_;
  std::optional<GoalEvaluator> goal_;
  std::vector<std::optional<std::uint64_t>> moment_seq_;  ///< [page], in the current scripted run.
  bool framing_ = true;
  bool dimming_ = true;
};

}  // namespace paxoslab::gui
