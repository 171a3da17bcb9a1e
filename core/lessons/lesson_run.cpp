#include "core/lessons/lesson_run.hpp"

#include <variant>

namespace paxoslab {

int exercise_stage(const Lesson& lesson, const Exercise& exercise) {
  return exercise.stage.value_or(lesson.scenario.config.stage);
}

Scenario exercise_scenario(const Lesson& lesson, const Exercise& exercise, bool with_solution) {
  Scenario sc = lesson.scenario;
  sc.name = lesson.title + " - exercise " + exercise.id;
  sc.expect = Expectation{};
  sc.config.stage = exercise_stage(lesson, exercise);
  if (exercise.max_ticks) sc.max_ticks = *exercise.max_ticks;
  if (exercise.knobs) sc.config.knobs = *exercise.knobs;
  switch (exercise.start) {
    case ExerciseStart::Requests:
      std::erase_if(sc.script, [](const ScriptStep& s) { return !std::holds_alternative<ClientRequestAction>(s.action); });
      sc.schedule.clear();
      break;
    case ExerciseStart::Script: sc.schedule.clear(); break;
    case ExerciseStart::Empty:
      sc.script.clear();
      sc.schedule.clear();
      break;
  }
  if (with_solution) sc.script.insert(sc.script.end(), exercise.solution.begin(), exercise.solution.end());
  return sc;
}

ExerciseRunResult run_exercise(const Lesson& lesson, const Exercise& exercise, const StageInfo& stage,
                               bool with_solution) {
  const Scenario sc = exercise_scenario(lesson, exercise, with_solution);
  Simulation sim = start_scenario(sc, stage);
  GoalEvaluator goal(exercise.goal);
  goal.update(sim);
  ExerciseRunResult r;
  r.end = run_observed(sim, sc, [&] {
    goal.update(sim);
    return false;
  });
  r.achieved = goal.achieved();
  r.achieved_tick = goal.achieved_tick();
  if (with_solution) {
    const std::size_t first = sc.script.size() - exercise.solution.size();
    for (std::size_t i = first; i < sc.script.size(); ++i)
      if (!sim.script_done(static_cast<int>(i))) r.unfired_solution_lines.push_back(sc.script[i].source_line);
  }
  return r;
}

}  // namespace paxoslab
