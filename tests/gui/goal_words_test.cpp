// An exercise's goal as a short indented list in plain words
// (gui/model/goal_words.hpp), not Goal::describe()'s formula.
#include <gtest/gtest.h>

#include "core/lessons/lesson_loader.hpp"
#include "gui/model/goal_words.hpp"
#include "tests/gui/gui_harness.hpp"

namespace paxoslab::gui {
namespace {

Goal exercise_goal(const char* file) {
  const LessonLoad load = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/" + file);
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  if (!load.ok() || load.lesson->exercises.empty()) return Goal{};
  return load.lesson->exercises.front().goal;
}

TEST(GoalWords, LessonTensStoryIsAListOfPlainSentences) {
  const std::vector<GoalLine> want{
      {0, "the checker finds a divergence violation"},
      {0, "S2 suspects S1"},
      {0, "never: S1 crashes"},
      {0, "never: a link is cut"},
      {0, "never: the network is partitioned"},
      {0, "S3 crashes"},
      {0, "one of these:"},
      {1, "S3 executed exactly <m2>"},
      {1, "S3 executed exactly <m1>"},
  };
  EXPECT_EQ(goal_lines(exercise_goal("10_two_leaders.toml")), want);
}

TEST(GoalWords, MessagesAndSingleGoals) {
  const std::vector<GoalLine> want{{0, "S2 executed exactly <m1, m2>"}, {0, "a Promise from S3 to S2 is delivered"}};
  EXPECT_EQ(goal_lines(exercise_goal("11_prepare_promise.toml")), want);
  Goal stuck;
  stuck.kind = Goal::Kind::Stuck;
  ASSERT_EQ(goal_lines(stuck).size(), 1u);
  EXPECT_EQ(goal_lines(stuck).front().text, "the run is stuck: nothing can change, yet a request is missing");
  Goal safe;
  safe.kind = Goal::Kind::Safe;
  Goal not_safe;
  not_safe.kind = Goal::Kind::Not;
  not_safe.children = {safe};
  EXPECT_EQ(goal_lines(not_safe), (std::vector<GoalLine>{{0, "not: no safety violation"}}));
}

}  // namespace
}  // namespace paxoslab::gui
