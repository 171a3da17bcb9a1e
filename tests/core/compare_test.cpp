// Compare mode: two stages in lockstep under the same faults, the
// stage-neutral fault mapping and the first-difference detection.
#include "core/compare/compare.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

Scenario load(const std::string& name) {
  ScenarioLoad l = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
  return *l.scenario;
}

Comparison make(const Scenario& s, int a, int b) {
  return Comparison(start_scenario(s, *find_stage(a)), start_scenario(s, *find_stage(b)));
}

TEST(Compare, RefusesAnExplicitScheduleAndAcceptsAScript) {
  EXPECT_EQ(compare_refusal(load("fig05_leader_crash.toml")), "");
  const std::string text = R"(
[scenario]
name = "a counterexample"
stage = 2
servers = 2
[[choose]]
do = "request"
client = "C1"
request = "m1"
)";
  ScenarioLoad l = load_scenario_string(text, "cx.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  const std::string why = compare_refusal(*l.scenario);
  EXPECT_NE(why.find("[[choose]]"), std::string::npos) << why;
  EXPECT_NE(why.find("paxos-lab-cli run"), std::string::npos) << why;
}

TEST(Compare, Fig5BreaksStage2ButNotStage3) {
  const Scenario s = load("fig05_leader_crash.toml");
  Comparison cmp = make(s, 2, 3);
  cmp.run(s.max_steps);
  EXPECT_FALSE(cmp.side(0).checker().safe());
  EXPECT_TRUE(cmp.side(1).checker().safe());
  ASSERT_TRUE(cmp.first_difference().has_value());
  EXPECT_EQ(cmp.first_difference()->kind, Difference::Kind::Safety);
  EXPECT_NE(cmp.first_difference()->description.find("Stage 2"), std::string::npos);
  // The difference is recorded at the moment Stage 2's violation appears, not at the end.
  EXPECT_LT(cmp.first_difference()->trace_seq[0], cmp.side(0).trace().size());
}

TEST(Compare, Fig9BreaksStage3ButNotStage4) {
  const Scenario s = load("fig09_two_leaders.toml");
  Comparison cmp = make(s, 3, 4);
  cmp.run(s.max_steps);
  EXPECT_FALSE(cmp.side(0).checker().safe());
  EXPECT_TRUE(cmp.side(1).checker().safe());
  ASSERT_TRUE(cmp.first_difference().has_value());
  EXPECT_EQ(cmp.first_difference()->kind, Difference::Kind::Safety);
}

TEST(Compare, SameStageOnBothSidesNeverDiffers) {
  const Scenario s = load("fig05_leader_crash.toml");
  Comparison cmp = make(s, 2, 2);
  cmp.run(s.max_steps);
  EXPECT_FALSE(cmp.first_difference().has_value());
  EXPECT_EQ(cmp.side(0).trace().hash(), cmp.side(1).trace().hash());
}

TEST(Compare, RepliesOfTheSameRequestFromDifferentServersAreCompared) {
  // Fig. 12b: Stage 3's C1 hears <m1> from S2, Stage 4's hears <m2 m1> from
  // the new leader; no server executed conflicting states on the two sides.
  const Scenario s = load("fig12b_five_servers.toml");
  Comparison cmp = make(s, 3, 4);
  cmp.run(s.max_steps);
  ASSERT_TRUE(cmp.first_difference().has_value());
  EXPECT_EQ(cmp.first_difference()->kind, Difference::Kind::Reply);
  EXPECT_NE(cmp.first_difference()->description.find("C1 got <m1> for m1"), std::string::npos)
      << cmp.first_difference()->description;
}

TEST(Compare, TheSideThatRunsAheadIsNamedBeforeTheOutcomesPart) {
  // Fig. 12b: under Stage 3, S2 executes m1 at once and C1 is told <m1>;
  // under Stage 4, S2 crashes first and C1 waits for the new leader. Nothing
  // conflicts yet (<> is a prefix of <m1>), but the panes differ: the lead is
  // recorded when it appears, well before the replies part.
  const Scenario s = load("fig12b_five_servers.toml");
  Comparison cmp = make(s, 3, 4);
  while (!cmp.first_lead() && cmp.step()) {
  }
  ASSERT_TRUE(cmp.first_lead().has_value());
  EXPECT_FALSE(cmp.first_difference().has_value());
  const Difference lead = *cmp.first_lead();
  EXPECT_EQ(lead.kind, Difference::Kind::Execution);
  EXPECT_EQ(lead.where, NodeId::of(ServerId{2}));
  EXPECT_EQ(lead.description, "S2 executed <m1> under Stage 3 (WaitForLearn); under Stage 4 (LeaderChange), <> so far.");
  cmp.run(s.max_steps);
  ASSERT_TRUE(cmp.first_difference().has_value());
  EXPECT_LT(lead.tick, cmp.first_difference()->tick);
  EXPECT_EQ(cmp.first_lead(), lead);  // the first one is kept
}

TEST(Compare, AReplyOnOneSideOnlyIsALead) {
  // The same stage on both sides, but the right side's first reply to C1 is
  // lost: both servers execute m1 together, so no execution leads; the left
  // client has its answer while the right one waits for the retransmission.
  SimConfig c;
  c.servers = 1;
  c.clients = 1;
  Simulation right(c, *find_stage(2));
  FilterAction lose_reply;
  lose_reply.name = "lose the first reply";
  lose_reply.pattern.from = NodeId::of(ServerId{1});
  lose_reply.pattern.to = NodeId::of(ClientId{1});
  ASSERT_EQ(right.apply(lose_reply), "");
  Comparison cmp(Simulation(c, *find_stage(2)), std::move(right));
  cmp.apply(ClientRequestAction{ClientId{1}, RequestId{1}});
  while (!cmp.first_lead() && cmp.step()) {
  }
  ASSERT_TRUE(cmp.first_lead().has_value());
  EXPECT_EQ(cmp.first_lead()->kind, Difference::Kind::Reply);
  EXPECT_EQ(cmp.first_lead()->where, NodeId::of(ClientId{1}));
  EXPECT_EQ(cmp.first_lead()->description,
            "C1 got <m1> for m1 under Stage 2 (RetransAccept); under Stage 2 (RetransAccept), no reply for m1 yet.");
  EXPECT_FALSE(cmp.first_difference().has_value());
}

TEST(Compare, SameStageOnBothSidesIsNeverAhead) {
  const Scenario s = load("fig05_leader_crash.toml");
  Comparison same = make(s, 3, 3);
  same.run(s.max_steps);
  EXPECT_FALSE(same.first_lead().has_value());
}

TEST(Compare, LostAcceptLeavesStage1StuckButNotStage2) {
  const Scenario s = load("fig03b_lost_accept_stuck.toml");
  Comparison cmp = make(s, 1, 2);
  cmp.run(s.max_steps);
  EXPECT_TRUE(cmp.side(0).liveness().stuck);
  EXPECT_FALSE(cmp.side(1).liveness().stuck);
  ASSERT_TRUE(cmp.first_difference().has_value());
  EXPECT_EQ(cmp.first_difference()->kind, Difference::Kind::Liveness);
}

TEST(Compare, LosingAClickedMessageLosesTheSameLinkOnBothSides) {
  SimConfig c;
  c.servers = 2;
  c.clients = 1;
  Comparison cmp(Simulation(c, *find_stage(2)), Simulation(c, *find_stage(3)));
  cmp.apply(ClientRequestAction{ClientId{1}, RequestId{1}});
  // Run until the leader's Accept is in flight on side 0.
  MessageId accept;
  for (int i = 0; i < 20 && !accept.valid(); ++i) {
    cmp.step();
    for (const auto& [id, f] : cmp.side(0).network().in_flight())
      if (f.envelope.payload.kind == MsgKind::Accept) accept = MessageId{id};
  }
  ASSERT_TRUE(accept.valid());
  const CompareApply r = cmp.apply(LoseAction{accept, {}}, 0);
  EXPECT_TRUE(r.error[0].empty()) << r.error[0];
  EXPECT_TRUE(r.error[1].empty()) << r.error[1];
  for (int side = 0; side < 2; ++side) {
    const auto& events = cmp.side(side).trace().events();
    bool dropped = false;
    for (const auto& e : events)
      if (e.kind == TraceKind::Drop && e.other == NodeId::of(ServerId{1}) && e.who == NodeId::of(ServerId{2}))
        dropped = true;
    EXPECT_TRUE(dropped) << "side " << side;
  }
}

TEST(Compare, AFaultThatMeansNothingOnOneSideIsReportedForThatSide) {
  SimConfig c;
  c.servers = 2;
  c.clients = 1;
  Comparison cmp(Simulation(c, *find_stage(1)), Simulation(c, *find_stage(2)));
  const CompareApply r = cmp.apply(SuspectAction{ServerId{2}, ServerId{1}});
  EXPECT_NE(r.error[0].find("Stage 1"), std::string::npos) << r.error[0];
  EXPECT_TRUE(r.error[1].empty()) << r.error[1];
  EXPECT_TRUE(cmp.side(1).suspects(ServerId{2}, ServerId{1}));
}

TEST(Compare, NextMessageRuleWhenNothingIsInFlightOnTheOtherSide) {
  SimConfig c;
  c.servers = 2;
  c.clients = 1;
  Comparison cmp(Simulation(c, *find_stage(2)), Simulation(c, *find_stage(3)));
  MessagePattern p;
  p.from = NodeId::of(ServerId{1});
  p.to = NodeId::of(ServerId{2});
  const CompareApply r = cmp.apply(LoseAction{{}, p}, 0);
  EXPECT_TRUE(r.error[0].empty());
  EXPECT_NE(r.note[1].find("next"), std::string::npos) << r.note[1];
  EXPECT_EQ(cmp.side(1).links().filters().size(), 1u);
}

}  // namespace
}  // namespace paxoslab
