// A lesson: one row of the scenario catalogue (docs/protocol.md, "The scenario
// catalogue") as a plain value - a scripted run (an embedded or referenced
// scenario), narration pages that can highlight and pause, and exercises whose
// goals are predicates over the live simulation (core/lessons/lesson_goal.hpp).
//
// Loaded from TOML with Markdown text (core/lessons/lesson_loader.hpp; format in
// docs/lesson-format.md). This header is free of TOML and of any GUI code: the
// CLI verifies lessons (core/lessons/lesson_verify.hpp), the app shows them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/checker.hpp"
#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/scenario/scenario.hpp"
#include "core/sim/script.hpp"

namespace paxoslab {

/// What a narration page points at. Every empty field highlights nothing.
struct Highlight {
  std::vector<ServerId> servers;          ///< Servers to ring in the cluster view.
  std::vector<NodeId> lanes;              ///< Lanes (servers or clients) of the sequence chart.
  std::optional<MessagePattern> message;  ///< Messages (in flight or drawn) matching this pattern.
  bool operator==(const Highlight&) const = default;
  bool empty() const { return servers.empty() && lanes.empty() && !message; }
};

/// One answer of a prediction ([[page.predict.choices]]).
struct PredictionChoice {
  std::string text_markdown;  ///< What the learner picks, e.g. "S3 ignores it".
  /// What would be seen in the trace if the run does this (same keys as a
  /// pause_at event pattern). Matched within the page's stretch of the run.
  EventPattern event;
  bool right = false;  ///< The choice the lesson's author expects; `lessons verify` checks it.
  int source_line = 0;
  bool operator==(const PredictionChoice&) const = default;
};

/// Predict, then reveal: a question the page asks before
/// its moment. The learner picks a choice, Next plays the page's stretch (from
/// the previous page's stop to this page's stop), and the app reveals which
/// choice's event happened, with that trace event's why-text. The right
/// choice is never trusted: `lessons verify` fails unless the right choice's
/// event happens in the stretch and no wrong choice's event does.
struct Prediction {
  std::string question_markdown;
  std::vector<PredictionChoice> choices;  ///< 2-4, exactly one right.
  std::string explanation_markdown;       ///< Optional: shown with the reveal.
  int source_line = 0;
  bool operator==(const Prediction&) const = default;
  /// Index of the choice marked right (the loader guarantees exactly one).
  std::size_t right_choice() const;
};

/// One narration page ([[page]]).
struct LessonPage {
  std::string title;
  std::string text_markdown;  ///< Markdown (CommonMark): headings, emphasis, code, lists, links.
  Highlight highlight;
  /// When set, the lesson's scripted run pauses right after this trigger
  /// (a tick, or the n-th trace event matching a pattern), e.g. "watch what S2
  /// does with this accept". Same syntax as a [[step]]'s `at` / `after`.
  std::optional<Trigger> pause_at;
  /// [page.predict]: asked before this page's moment (nullopt = none).
  std::optional<Prediction> predict;
  int source_line = 0;
  bool operator==(const LessonPage&) const = default;
};

/// A predicate over a running simulation: what an exercise asks the learner
/// to bring about. Leaves read the simulation's current state (stuck, safe,
/// violation, executed, all_executed) or its trace so far (delivered, lost,
/// event); All / Any / Not combine goals. Evaluated by GoalEvaluator
/// (core/lessons/lesson_goal.hpp).
struct Goal {
  enum class Kind : std::uint8_t {
    Stuck,             ///< liveness().stuck: nothing can change and some request is missing (docs/protocol.md, Liveness).
    Safe,              ///< No safety violation so far.
    Violation,         ///< Some safety violation (of `violation` kind if set) was found.
    ExecutedEquals,    ///< sigma of `server` equals `requests` exactly.
    ExecutedContains,  ///< sigma of `server` contains every one of `requests` (any order).
    Delivered,         ///< A message matching `message` was delivered (at least `count` of them).
    Lost,              ///< A message matching `message` was lost (at least `count` of them).
    AllExecuted,       ///< Some request was sent and every live server executed every sent request.
    Event,             ///< A trace event matching `event` happened (its `occurrence`-th match).
    All,               ///< Every goal in `children` holds.
    Any,               ///< Some goal in `children` holds.
    Not,               ///< children[0] does not hold.
  };
  Kind kind = Kind::Stuck;
  std::optional<Violation::Kind> violation;  ///< Violation: nullopt = any kind.
  ServerId server;                           ///< ExecutedEquals / ExecutedContains.
  std::vector<RequestId> requests;           ///< ExecutedEquals / ExecutedContains.
  MessagePattern message;                    ///< Delivered / Lost.
  int count = 1;                             ///< Delivered / Lost: how many matching messages, >= 1.
  EventPattern event;                        ///< Event.
  std::vector<Goal> children;                ///< All / Any (>= 1) / Not (exactly 1).
  int source_line = 0;
  bool operator==(const Goal&) const = default;

  /// One sentence, e.g. "S2 is stuck", "all of: (a) ...; (b) ...".
  std::string describe() const;
};

/// Where an exercise's run starts from.
enum class ExerciseStart : std::uint8_t {
  Requests,  ///< The lesson's set-up and only the client requests of its script (the learner adds the faults).
  Script,    ///< The lesson's whole scripted run (the learner acts on top of it).
  Empty,     ///< The set-up alone: no requests, no faults.
};
/// "requests", "script", "empty".
const char* to_string(ExerciseStart s);

/// A task the learner does in the live simulation ([[exercise]]).
struct Exercise {
  std::string id;             ///< Unique within the lesson; the key of progress records.
  std::string task_markdown;  ///< What to do, in Markdown.
  ExerciseStart start = ExerciseStart::Requests;
  std::optional<int> stage;       ///< Run against this stage instead of the lesson's.
  std::optional<Tick> max_ticks;  ///< Overrides the scenario's max_ticks for this exercise.
  /// [exercise.knobs]: the scenario's knobs with these overrides (e.g. Stage 4's
  /// round_numbering or quorum_size); nullopt = the scenario's knobs.
  std::optional<StageKnobs> knobs;
  Goal goal;
  /// The goal in plain words for the learner ("S1 executes m2 before m1");
  /// `goal` is what is checked. Empty = none written (the app then shows
  /// Goal::describe()). Every exercise of the shipped track has one
  /// (tests/lessons/track_test.cpp).
  std::string goal_text;
  std::vector<std::string> hints;  ///< Shown one at a time, in order.
  /// The "show me" run: steps added to the start's script (same syntax as [[step]]).
  std::vector<ScriptStep> solution;
  int source_line = 0;
  bool operator==(const Exercise&) const = default;
};

/// One lesson file.
struct Lesson {
  std::string id;        ///< Unique across the track, e.g. "send-accept".
  int order = 0;         ///< Position in the track; lesson 1 comes first.
  std::string title;
  std::string figure;    ///< "Fig. 3", "slides", ... (may be empty).
  std::vector<int> stages;  ///< Stages the lesson is about (default: the scenario's stage).
  std::string summary;   ///< One or two sentences for the lesson list (plain text).
  /// Compare mode: the same script run side by side on these two stages.
  std::optional<std::pair<int, int>> compare;
  std::string path;           ///< The lesson file.
  std::string scenario_file;  ///< As written in [lesson] (empty = embedded tables), resolved path in scenario.path.
  Scenario scenario;          ///< The scripted run and its expected outcome.
  std::vector<LessonPage> pages;
  std::vector<Exercise> exercises;
  bool operator==(const Lesson&) const = default;

  /// The exercise with this id, or nullptr.
  const Exercise* find_exercise(const std::string& exercise_id) const;
};

/// Loading one lesson: the lesson, or the first error found (file, line,
/// what was expected).
struct LessonLoad {
  std::optional<Lesson> lesson;
  std::optional<LoadError> error;
  bool ok() const { return lesson.has_value(); }
};

/// Loading a directory of lessons: every lesson that loaded (sorted by order,
/// then id) and one error per broken file (sorted by file name). A broken file
/// never stops the others.
struct LessonDirLoad {
  std::string dir;
  std::vector<Lesson> lessons;
  std::vector<LoadError> broken;
};

}  // namespace paxoslab
