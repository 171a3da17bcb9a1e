#include "core/lessons/lesson_verify.hpp"

#include "core/lessons/lesson_goal.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/lessons/prediction.hpp"
#include "core/lessons/lesson_run.hpp"
#include "core/scenario/scenario_run.hpp"

namespace paxoslab {

namespace {

std::string verdict_of(const Simulation& sim) {
  std::string s = sim.checker().safe() ? "safe" : "safety violated";
  s += sim.liveness().stuck ? ", stuck" : ", not stuck";
  return s;
}

/// The scripted run: expectation and pause points.
void verify_script(const Lesson& lesson, const StageInfo& stage, LessonVerdict& v) {
  const Scenario& sc = lesson.scenario;
  Simulation sim = start_scenario(sc, stage);
  std::vector<TriggerWatcher> pauses;
  std::vector<std::size_t> page_of;
  for (std::size_t i = 0; i < lesson.pages.size(); ++i) {
    if (!lesson.pages[i].pause_at) continue;
    pauses.emplace_back(*lesson.pages[i].pause_at);
    page_of.push_back(i);
  }
  RunEnd end;
  if (!sc.schedule.empty()) {
    end = run_to_end(sim, sc);
    for (auto& w : pauses) w.update(sim);
  } else {
    end = run_observed(sim, sc, [&] {
      for (auto& w : pauses) w.update(sim);
      return false;
    });
  }
  for (const auto& m : check_expectation(sc.expect, sim)) v.problems.push_back("scripted run: " + m);
  if (end == RunEnd::ScheduleMismatch) v.problems.push_back("scripted run: a [[choose]] of the schedule matched nothing");
  for (std::size_t i = 0; i < sc.script.size(); ++i)
    if (!sim.script_done(static_cast<int>(i)))
      v.problems.push_back("scripted run: the [[step]] at line " + std::to_string(sc.script[i].source_line) +
                           " never fired (" + sc.script[i].when.describe() + ")");
  std::uint64_t last_seq = 0;
  for (std::size_t k = 0; k < pauses.size(); ++k) {
    const LessonPage& page = lesson.pages[page_of[k]];
    const std::string where = "page '" + page.title + "' (line " + std::to_string(page.source_line) + ")";
    if (!pauses[k].reached()) {
      v.problems.push_back(where + ": its pause point (" + page.pause_at->describe() + ") never happens in the scripted run");
      continue;
    }
    if (pauses[k].reached_seq() < last_seq)
      v.problems.push_back(where + ": its pause point comes before the previous page's - pages must follow the run");
    last_seq = pauses[k].reached_seq();
  }
  v.notes.push_back("scripted run on stage " + std::to_string(stage.number) + ": " + std::to_string(sim.steps()) +
                    " events, " + to_string(end) + ", " + verdict_of(sim) + ", " + std::to_string(pauses.size()) +
                    " pause point(s)");
}

/// Predictions: the lesson played page by page as the app's Next plays it;
/// each page's prediction judged on that page's stretch.
void verify_predictions(const Lesson& lesson, const StageInfo& stage, LessonVerdict& v) {
  for (const LessonPage& p : lesson.pages) v.predictions += p.predict ? 1 : 0;
  if (v.predictions == 0) return;
  Simulation sim = start_scenario(lesson.scenario, stage);
  const std::vector<PageWalk> walk = walk_lesson(lesson, sim);
  for (std::size_t i = 0; i < lesson.pages.size(); ++i) {
    const LessonPage& page = lesson.pages[i];
    if (!page.predict) continue;
    const PageWalk& w = walk[i];
    const PredictionReveal r = reveal_prediction(*page.predict, sim.trace(), w.stretch_first_seq, w.stretch_end_seq);
    const std::vector<std::string> bad = prediction_problems(*page.predict, r, sim.trace());
    const std::string where = lesson.path + ":" + std::to_string(page.predict->source_line) + ": page '" + page.title +
                              "' prediction: ";
    for (const auto& b : bad) v.problems.push_back(where + b);
    if (bad.empty()) {
      ++v.predictions_checked;
      v.notes.push_back(where + "the run takes the right choice (" + describe_event(*r.event) + ")");
    }
  }
}

void verify_compare(const Lesson& lesson, const StageLookup& stages, LessonVerdict& v) {
  if (!lesson.compare) return;
  for (const int n : {lesson.compare->first, lesson.compare->second}) {
    const auto stage = stages(n);
    if (!stage) {
      v.problems.push_back("compare: there is no stage " + std::to_string(n));
      continue;
    }
    Simulation sim = start_scenario(lesson.scenario, *stage);
    const RunEnd end = run_to_end(sim, lesson.scenario);
    v.notes.push_back("compare on stage " + std::to_string(n) + ": " + to_string(end) + ", " + verdict_of(sim));
  }
}

void verify_exercise(const Lesson& lesson, const Exercise& ex, const StageLookup& stages, LessonVerdict& v) {
  const std::string where = "exercise '" + ex.id + "' (line " + std::to_string(ex.source_line) + ")";
  const int n = exercise_stage(lesson, ex);
  const auto stage = stages(n);
  if (!stage) {
    v.problems.push_back(where + ": there is no stage " + std::to_string(n));
    return;
  }
  const ExerciseRunResult without = run_exercise(lesson, ex, *stage, false);
  if (without.achieved)
    v.problems.push_back(where + ": the goal (" + ex.goal.describe() + ") already holds at t=" +
                         std::to_string(without.achieved_tick) + " without the solution - the exercise asks nothing");
  const ExerciseRunResult with = run_exercise(lesson, ex, *stage, true);
  if (!with.achieved)
    v.problems.push_back(where + ": the solution does not achieve the goal (" + ex.goal.describe() + ")");
  for (const int line : with.unfired_solution_lines)
    v.problems.push_back(where + ": the solution step at line " + std::to_string(line) + " never fired");
  if (with.achieved)
    v.notes.push_back(where + ": solution achieves the goal at t=" + std::to_string(with.achieved_tick));
}

}  // namespace

LessonVerdict verify_lesson(const Lesson& lesson, const StageLookup& stages) {
  LessonVerdict v;
  v.lesson_id = lesson.id;
  v.path = lesson.path;
  const auto stage = stages(lesson.scenario.config.stage);
  if (!stage) {
    v.problems.push_back("there is no stage " + std::to_string(lesson.scenario.config.stage));
    return v;
  }
  verify_script(lesson, *stage, v);
  verify_predictions(lesson, *stage, v);
  verify_compare(lesson, stages, v);
  for (const auto& ex : lesson.exercises) verify_exercise(lesson, ex, stages, v);
  return v;
}

}  // namespace paxoslab
