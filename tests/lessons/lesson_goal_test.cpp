// Goals and pause points over live simulations (core/lessons/lesson_goal.hpp):
// each predicate, combinations, incremental updates, copies and rewinds.
#include <gtest/gtest.h>

#include "core/lessons/lesson_goal.hpp"
#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

/// The stage-1 test lesson's scenario, optionally with its first accept lost.
Simulation stage1_sim(bool lose_first_accept) {
  const LessonLoad l = load_lesson_string(lesson_testing::stage1_lesson(), "t.toml");
  EXPECT_TRUE(l.ok());
  Scenario sc = l.lesson->scenario;
  if (lose_first_accept) sc.script.insert(sc.script.end(), l.lesson->exercises[0].solution.begin(), l.lesson->exercises[0].solution.end());
  return start_scenario(sc, *find_stage(1));
}

Goal leaf(Goal::Kind k) {
  Goal g;
  g.kind = k;
  return g;
}

Goal message_goal(Goal::Kind k, MsgKind kind, int from, int to, int count = 1) {
  Goal g = leaf(k);
  g.message.kind = kind;
  g.message.from = NodeId::of(ServerId{from});
  g.message.to = NodeId::of(ServerId{to});
  g.count = count;
  return g;
}

Goal executed(Goal::Kind k, int server, std::vector<int> requests) {
  Goal g = leaf(k);
  g.server = ServerId{server};
  for (int r : requests) g.requests.push_back(RequestId{r});
  return g;
}

TEST(GoalEvaluator, StuckHoldsOnlyOnceNothingCanChange) {
  Simulation sim = stage1_sim(true);
  GoalEvaluator stuck(leaf(Goal::Kind::Stuck));
  EXPECT_FALSE(stuck.update(sim));
  sim.run(100000);
  EXPECT_TRUE(stuck.update(sim));
  EXPECT_TRUE(stuck.achieved());

  Simulation fine = stage1_sim(false);
  GoalEvaluator not_stuck(leaf(Goal::Kind::Stuck));
  fine.run(100000);
  EXPECT_FALSE(not_stuck.update(fine));
  EXPECT_FALSE(not_stuck.achieved());
}

TEST(GoalEvaluator, DeliveredAndLostCountMatchingMessagesIncrementally) {
  Simulation sim = stage1_sim(true);
  GoalEvaluator lost(message_goal(Goal::Kind::Lost, MsgKind::Accept, 1, 2));
  GoalEvaluator delivered(message_goal(Goal::Kind::Delivered, MsgKind::Accept, 1, 2));
  GoalEvaluator delivered_twice(message_goal(Goal::Kind::Delivered, MsgKind::Accept, 1, 2, 2));
  GoalEvaluator wrong_way(message_goal(Goal::Kind::Delivered, MsgKind::Accept, 2, 1));
  while (sim.step()) {
    lost.update(sim);
    delivered.update(sim);
    delivered_twice.update(sim);
    wrong_way.update(sim);
  }
  EXPECT_TRUE(lost.holds());        // Accept(m1, 1) was lost
  EXPECT_TRUE(delivered.holds());   // Accept(m2, 2) arrived (and was discarded)
  EXPECT_FALSE(delivered_twice.holds());
  EXPECT_FALSE(wrong_way.holds());
  EXPECT_GT(lost.achieved_tick(), -1);
}

TEST(GoalEvaluator, ExecutedViolationAndAllExecuted) {
  Simulation sim = stage1_sim(false);
  GoalEvaluator all(leaf(Goal::Kind::AllExecuted));
  EXPECT_FALSE(all.update(sim));  // nothing sent yet: not "all executed"
  sim.run(100000);
  EXPECT_TRUE(all.update(sim));
  EXPECT_TRUE(GoalEvaluator(executed(Goal::Kind::ExecutedEquals, 2, {1, 2})).update(sim));
  EXPECT_FALSE(GoalEvaluator(executed(Goal::Kind::ExecutedEquals, 2, {2, 1})).update(sim));
  EXPECT_TRUE(GoalEvaluator(executed(Goal::Kind::ExecutedContains, 1, {2})).update(sim));
  EXPECT_FALSE(GoalEvaluator(executed(Goal::Kind::ExecutedContains, 1, {3})).update(sim));
  EXPECT_FALSE(GoalEvaluator(executed(Goal::Kind::ExecutedContains, 7, {1})).update(sim));  // no such server
  EXPECT_TRUE(GoalEvaluator(leaf(Goal::Kind::Safe)).update(sim));
  EXPECT_FALSE(GoalEvaluator(leaf(Goal::Kind::Violation)).update(sim));
}

TEST(GoalEvaluator, ViolationOfAGivenKind) {
  const ScenarioLoad l = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig02_uncoordinated.toml");
  ASSERT_TRUE(l.ok());
  Simulation sim = start_scenario(*l.scenario, *find_stage(0));
  sim.run(100000);
  Goal divergence = leaf(Goal::Kind::Violation);
  divergence.violation = Violation::Kind::Divergence;
  Goal twice = leaf(Goal::Kind::Violation);
  twice.violation = Violation::Kind::DoubleExecution;
  EXPECT_TRUE(GoalEvaluator(divergence).update(sim));
  EXPECT_FALSE(GoalEvaluator(twice).update(sim));
  EXPECT_TRUE(GoalEvaluator(leaf(Goal::Kind::Violation)).update(sim));
  EXPECT_FALSE(GoalEvaluator(leaf(Goal::Kind::Safe)).update(sim));
}

TEST(GoalEvaluator, CombinationsAndEvents) {
  Simulation sim = stage1_sim(true);
  sim.run(100000);
  Goal all = leaf(Goal::Kind::All);
  all.children = {leaf(Goal::Kind::Stuck), executed(Goal::Kind::ExecutedEquals, 2, {})};
  Goal any = leaf(Goal::Kind::Any);
  any.children = {leaf(Goal::Kind::Violation), message_goal(Goal::Kind::Lost, MsgKind::Accept, 1, 2)};
  Goal no = leaf(Goal::Kind::Not);
  no.children = {leaf(Goal::Kind::Stuck)};
  Goal ev = leaf(Goal::Kind::Event);
  ev.event.kind = TraceKind::Execute;
  ev.event.who = NodeId::of(ServerId{1});
  ev.event.occurrence = 2;
  Goal ev3 = ev;
  ev3.event.occurrence = 3;
  EXPECT_TRUE(GoalEvaluator(all).update(sim));
  EXPECT_TRUE(GoalEvaluator(any).update(sim));
  EXPECT_FALSE(GoalEvaluator(no).update(sim));
  EXPECT_TRUE(GoalEvaluator(ev).update(sim));   // S1 executed twice
  EXPECT_FALSE(GoalEvaluator(ev3).update(sim));
}

TEST(GoalEvaluator, CopiesKeepTheirCountsAndRewindsStartOver) {
  Simulation sim = stage1_sim(true);
  const Simulation start = sim.snapshot();
  GoalEvaluator lost(message_goal(Goal::Kind::Lost, MsgKind::Accept, 1, 2));
  sim.run(100000);
  lost.update(sim);
  ASSERT_TRUE(lost.holds());
  const GoalEvaluator copy = lost;  // the copy must not point into `lost`
  GoalEvaluator assigned(leaf(Goal::Kind::Safe));
  assigned = copy;
  EXPECT_TRUE(copy.holds());
  EXPECT_TRUE(GoalEvaluator(copy).update(sim));
  EXPECT_TRUE(assigned.update(sim));
  sim.restore(start);  // rewind to the start: nothing lost yet
  EXPECT_FALSE(lost.update(sim));
  EXPECT_TRUE(lost.achieved());  // achieved stays latched until reset()
  lost.reset();
  EXPECT_FALSE(lost.achieved());
}

TEST(TriggerWatcher, FiresAfterTheNthMatchingEventOrAtATick) {
  Simulation sim = stage1_sim(false);
  Trigger second_accept;
  EventPattern p;
  p.kind = TraceKind::Deliver;
  p.who = NodeId::of(ServerId{2});
  p.msg_kind = MsgKind::Accept;
  p.occurrence = 2;
  second_accept.after = p;
  TriggerWatcher w(second_accept);
  Trigger at15;
  at15.at_tick = 15;
  TriggerWatcher t(at15);
  while (sim.step()) {
    w.update(sim);
    t.update(sim);
    if (w.reached()) break;
  }
  int accepts = 0;
  for (const auto& e : sim.trace().events())
    if (p.matches(e)) ++accepts;
  ASSERT_TRUE(w.reached());
  EXPECT_EQ(accepts, 2);
  EXPECT_EQ(sim.trace().events()[w.reached_seq()].kind, TraceKind::Deliver);
  EXPECT_TRUE(t.reached());
  EXPECT_GE(sim.now(), 15);
}

}  // namespace
}  // namespace paxoslab
