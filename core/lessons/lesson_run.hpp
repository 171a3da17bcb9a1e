// Running a lesson's parts headless: the scripted run, and an exercise's run
// from its start (with or without its "show me" solution) while its goal is
// evaluated after every event. Shared by `paxos-lab-cli lessons verify`
// (core/lessons/lesson_verify.hpp), the tests and the app's lesson panel.
//
// The core does not know the stages, so callers pass the StageInfo (usually
// find_stage(n) from stages/registry.hpp), as for core/scenario/scenario_run.hpp.
#pragma once

#include <optional>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/lessons/lesson_goal.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// The stage an exercise runs on: its own `stage`, else the lesson scenario's.
int exercise_stage(const Lesson& lesson, const Exercise& exercise);

/// The scenario of an exercise: the lesson's set-up and limits (max_ticks
/// replaced by the exercise's if set), the script its `start` names
/// (requests only / the whole script / nothing), then - if `with_solution` -
/// the solution's steps. No expectation: the goal is the check.
Scenario exercise_scenario(const Lesson& lesson, const Exercise& exercise, bool with_solution);

/// What happened in one headless exercise run.
struct ExerciseRunResult {
  bool achieved = false;        ///< The goal held at some moment of the run.
  Tick achieved_tick = 0;       ///< When it first held (valid if achieved).
  RunEnd end = RunEnd::Quiescent;
  /// Source lines of solution steps that never fired (their trigger never
  /// happened): a broken "show me".
  std::vector<int> unfired_solution_lines;
};

/// Runs the exercise on `stage` from its start (plus its solution if
/// `with_solution`) to the scenario's end, updating a GoalEvaluator after
/// every event. Precondition: `lesson` came from the loader.
ExerciseRunResult run_exercise(const Lesson& lesson, const Exercise& exercise, const StageInfo& stage,
                               bool with_solution);

/// Steps `sim` like run_to_end(sim, scenario), calling `after_step()` after
/// every event; stops early when after_step returns true. Returns why it
/// stopped (Quiescent, StepLimit or TickLimit; schedules are not supported:
/// use run_to_end for a scenario with [[choose]]).
template <class F>
RunEnd run_observed(Simulation& sim, const Scenario& scenario, F&& after_step) {
  const Tick max_tick = scenario.max_ticks ? *scenario.max_ticks : -1;
  while (true) {
    const auto next = sim.next_event();
    if (!next) return RunEnd::Quiescent;
    if (max_tick >= 0 && next->tick > max_tick) return RunEnd::TickLimit;
    if (sim.steps() >= scenario.max_steps) return RunEnd::StepLimit;
    sim.step();
    if (after_step()) return RunEnd::StepLimit;
  }
}

}  // namespace paxoslab
