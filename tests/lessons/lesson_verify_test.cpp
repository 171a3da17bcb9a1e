// Lesson verification (core/lessons/lesson_verify.hpp, core/lessons/lesson_run.hpp): a good
// lesson passes; each kind of broken lesson fails with a sentence saying why.
#include <gtest/gtest.h>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_run.hpp"
#include "core/lessons/lesson_verify.hpp"
#include "stages/registry.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

const StageLookup kStages = [](int n) { return find_stage(n); };

Lesson load(const std::string& text) {
  const LessonLoad l = load_lesson_string(text, "t.toml");
  EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
  return l.ok() ? *l.lesson : Lesson{};
}

bool mentions(const LessonVerdict& v, const std::string& what) {
  for (const auto& p : v.problems)
    if (p.find(what) != std::string::npos) return true;
  return false;
}

TEST(LessonVerify, AGoodLessonPasses) {
  const LessonVerdict v = verify_lesson(load(lesson_testing::stage1_lesson()), kStages);
  EXPECT_TRUE(v.passed()) << (v.problems.empty() ? "" : v.problems.front());
  EXPECT_FALSE(v.notes.empty());
}

TEST(LessonVerify, ExerciseScenarioStartsFromTheRequestsOnly) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.scenario.script.push_back(l.exercises[0].solution[0]);  // a fault in the lesson's own script
  const Scenario requests = exercise_scenario(l, l.exercises[0], false);
  EXPECT_EQ(requests.script.size(), 2u);  // the fault is gone
  EXPECT_TRUE(requests.expect.empty());
  EXPECT_EQ(exercise_scenario(l, l.exercises[0], true).script.size(), 3u);
  l.exercises[0].start = ExerciseStart::Script;
  EXPECT_EQ(exercise_scenario(l, l.exercises[0], false).script.size(), 3u);
  l.exercises[0].start = ExerciseStart::Empty;
  EXPECT_EQ(exercise_scenario(l, l.exercises[0], true).script.size(), 1u);
  l.exercises[0].stage = 2;
  EXPECT_EQ(exercise_scenario(l, l.exercises[0], true).config.stage, 2);
}

TEST(LessonVerify, FailsWhenTheScriptedRunMissesItsExpectation) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.scenario.expect.stuck = true;
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_FALSE(v.passed());
  EXPECT_TRUE(mentions(v, "scripted run: expected the run to be stuck")) << v.problems.front();
}

TEST(LessonVerify, FailsWhenAPausePointNeverHappens) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.pages[0].pause_at->after->who = NodeId::of(ServerId{1});  // S1 never receives an Accept
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(mentions(v, "never happens in the scripted run"));
}

TEST(LessonVerify, FailsWhenPausePointsAreOutOfPageOrder) {
  Lesson l = load(lesson_testing::stage1_lesson());
  Trigger early;
  early.at_tick = 0;
  l.pages[1].pause_at = early;  // page 2 pauses before page 1
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(mentions(v, "pages must follow the run"));
}

TEST(LessonVerify, FailsWhenTheGoalHoldsWithoutTheSolution) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.exercises[0].goal.kind = Goal::Kind::Safe;
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(mentions(v, "already holds"));
}

TEST(LessonVerify, FailsWhenTheSolutionDoesNotAchieveTheGoal) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.exercises[0].goal.kind = Goal::Kind::Violation;  // losing an accept never breaks safety in Stage 1
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(mentions(v, "does not achieve the goal"));
}

TEST(LessonVerify, FailsWhenASolutionStepNeverFires) {
  Lesson l = load(lesson_testing::stage1_lesson());
  ScriptStep never = l.exercises[0].solution[0];
  EventPattern p;
  p.kind = TraceKind::Crash;
  never.when = Trigger{std::nullopt, p};
  l.exercises[0].solution.push_back(never);
  const LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(mentions(v, "never fired"));
}

TEST(LessonVerify, CompareModeRunsBothStagesAndNamesAMissingOne) {
  Lesson l = load(lesson_testing::stage1_lesson());
  l.compare = std::pair<int, int>(1, 2);
  LessonVerdict v = verify_lesson(l, kStages);
  EXPECT_TRUE(v.passed());
  const StageLookup only_stage1 = [](int n) { return n == 1 ? find_stage(1) : std::nullopt; };
  v = verify_lesson(l, only_stage1);
  EXPECT_TRUE(mentions(v, "compare: there is no stage 2"));
}

TEST(LessonVerify, RunExerciseReportsWhenTheGoalFirstHeld) {
  const Lesson l = load(lesson_testing::stage1_lesson());
  const ExerciseRunResult with = run_exercise(l, l.exercises[0], *find_stage(1), true);
  EXPECT_TRUE(with.achieved);
  EXPECT_GT(with.achieved_tick, 0);
  EXPECT_TRUE(with.unfired_solution_lines.empty());
  const ExerciseRunResult without = run_exercise(l, l.exercises[0], *find_stage(1), false);
  EXPECT_FALSE(without.achieved);
}

}  // namespace
}  // namespace paxoslab
