// Compare mode's model: Fig. 5 on Stages 2 and 3 in lockstep, faults
// landing on both sides, step back, and the mirrors staying equal to the
// Comparison.
#include <gtest/gtest.h>

#include "core/scenario/scenario_loader.hpp"
#include "gui/model/compare_session.hpp"
#include "gui_harness.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

CompareSession open_fig05(int a = 2, int b = 3) {
  const ScenarioLoad loaded = load_scenario_file(test::scenario_path("fig05_leader_crash.toml"));
  EXPECT_TRUE(loaded.ok());
  SessionSource src;
  src.scenario = *loaded.scenario;
  src.config = loaded.scenario->config;
  return CompareSession(src, *find_stage(a), *find_stage(b));
}

/// Each side's mirror Session equals the Comparison's side.
void expect_mirrors_equal(const CompareSession& c) {
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(c.side(i).sim().trace().hash(), c.comparison().side(i).trace().hash()) << "side " << i;
    EXPECT_EQ(c.side(i).sim().state_hash(), c.comparison().side(i).state_hash()) << "side " << i;
  }
}

TEST(CompareSession, Fig05Stage2UnsafeStage3SafeFirstDifferenceIsSafety) {
  CompareSession c = open_fig05();
  c.run(10000);
  ASSERT_TRUE(c.finished());
  EXPECT_FALSE(c.comparison().side(0).checker().safe());
  EXPECT_TRUE(c.comparison().side(1).checker().safe());
  ASSERT_TRUE(c.comparison().first_difference().has_value());
  EXPECT_EQ(c.comparison().first_difference()->kind, Difference::Kind::Safety);
  EXPECT_EQ(c.side(0).stage().number, 2);
  EXPECT_EQ(c.side(1).stage().number, 3);
  expect_mirrors_equal(c);
}

TEST(CompareSession, BothPanesShowTheLockstepTime) {
  // Lesson 15 on Stages 3 and 4: the sides' last events fall at different
  // ticks, but a lockstep view shows one time in both panes - each stepped,
  // stepped back and played.
  const ScenarioLoad loaded = load_scenario_file(test::scenario_path("fig12b_five_servers.toml"));
  ASSERT_TRUE(loaded.ok());
  SessionSource src;
  src.scenario = *loaded.scenario;
  src.config = loaded.scenario->config;
  CompareSession c(src, *find_stage(3), *find_stage(4));
  bool apart = false;
  for (int i = 0; i < 40 && c.step(); ++i) {
    apart = apart || c.side(0).sim().now() != c.side(1).sim().now();
    EXPECT_EQ(c.side(0).display_time(), static_cast<double>(c.comparison().now())) << "step " << i;
    EXPECT_EQ(c.side(1).display_time(), static_cast<double>(c.comparison().now())) << "step " << i;
  }
  EXPECT_TRUE(apart) << "the runs' own clocks never parted: the test shows nothing";
  ASSERT_TRUE(c.step_back());
  EXPECT_EQ(c.side(0).display_time(), c.side(1).display_time());
  c.set_playing(true);
  c.advance(0.05, 100);
  EXPECT_EQ(c.side(0).display_time(), c.side(1).display_time());
}

TEST(CompareSession, CrashLandsOnBothSides) {
  CompareSession c = open_fig05();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.step());
  const CompareApply& r = c.apply(CrashAction{ServerId{2}});
  EXPECT_EQ(r.error[0], "");
  EXPECT_EQ(r.error[1], "");
  EXPECT_TRUE(c.comparison().side(0).crashed(ServerId{2}));
  EXPECT_TRUE(c.comparison().side(1).crashed(ServerId{2}));
  EXPECT_TRUE(c.side(0).sim().crashed(ServerId{2}));
  EXPECT_TRUE(c.side(1).sim().crashed(ServerId{2}));
  EXPECT_EQ(c.last_action(), describe(Action{CrashAction{ServerId{2}}}));
  expect_mirrors_equal(c);
}

TEST(CompareSession, LoseNextMessageIsMappedForBothStages) {
  CompareSession c = open_fig05();
  LoseAction lose;
  lose.pattern.from = NodeId::of(ServerId{1});
  lose.pattern.to = NodeId::of(ServerId{2});
  const CompareApply& r = c.apply(lose);
  EXPECT_EQ(r.error[0], "");
  EXPECT_EQ(r.error[1], "");
  ASSERT_TRUE(r.applied[0].has_value());
  ASSERT_TRUE(r.applied[1].has_value());
  c.run(10000);
  expect_mirrors_equal(c);
}

TEST(CompareSession, SuspicionWithoutFailureDetectorIsReportedNotDropped) {
  CompareSession c = open_fig05(1, 3);
  const CompareApply& r = c.apply(SuspectAction{ServerId{2}, ServerId{}});
  EXPECT_NE(r.error[0], "");  // Stage 1 has no failure detector
  EXPECT_NE(r.error[0].find("Stage 1"), std::string::npos) << r.error[0];
  EXPECT_EQ(r.error[1], "");
}

TEST(CompareSession, StepBackRestoresTheSameState) {
  CompareSession c = open_fig05();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(c.step());
  const std::array<std::uint64_t, 2> hash5{c.comparison().side(0).trace().hash(), c.comparison().side(1).trace().hash()};
  const auto pos5 = c.position();
  c.apply(CrashAction{ServerId{1}});
  // More than kSnapshotInterval operations, so the rewind goes through a snapshot.
  for (int k = 0; k < 20; ++k) {
    c.apply(ClientRequestAction{ClientId{1}, RequestId{3 + k}});
    c.step();
  }
  ASSERT_GT(c.position(), pos5 + CompareSession::kSnapshotInterval);
  while (c.position() > pos5) ASSERT_TRUE(c.step_back());
  EXPECT_EQ(c.comparison().side(0).trace().hash(), hash5[0]);
  EXPECT_EQ(c.comparison().side(1).trace().hash(), hash5[1]);
  expect_mirrors_equal(c);
  // A different future after the rewind: a step where a crash was undone.
  ASSERT_TRUE(c.step());
  expect_mirrors_equal(c);
  // And the same run forward again ends as before: Stage 2 unsafe, Stage 3 safe.
  c.run(10000);
  EXPECT_FALSE(c.comparison().side(0).checker().safe());
  EXPECT_TRUE(c.comparison().side(1).checker().safe());
  expect_mirrors_equal(c);
}

TEST(CompareSession, StepBackThenRedoTheSameStepsMatchesAStraightRun) {
  CompareSession a = open_fig05();
  CompareSession b = open_fig05();
  a.run(10000);
  b.run(10000);
  const std::size_t n = b.position();
  ASSERT_GT(n, 2u);
  for (std::size_t i = 0; i + 1 < n; ++i) ASSERT_TRUE(b.step_back());
  EXPECT_EQ(b.position(), 1u);
  EXPECT_FALSE(b.comparison().first_difference().has_value());
  for (std::size_t i = 0; i + 1 < n; ++i) ASSERT_TRUE(b.step());
  EXPECT_FALSE(b.step());
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(a.comparison().side(i).trace().hash(), b.comparison().side(i).trace().hash());
  expect_mirrors_equal(b);
  EXPECT_EQ(a.comparison().first_difference(), b.comparison().first_difference());
}

TEST(CompareSession, ResetStartsOver) {
  CompareSession c = open_fig05();
  c.run(10000);
  c.reset();
  EXPECT_EQ(c.position(), 0u);
  EXPECT_FALSE(c.comparison().first_difference().has_value());
  EXPECT_EQ(c.comparison().side(0).now(), c.side(0).sim().now());
  expect_mirrors_equal(c);
}

}  // namespace
}  // namespace paxoslab::gui
