// Stage 3 WaitForLearn (docs/protocol.md "Stage 3"; the paper's Figs. 6-9, 12a):
// handler table tests, the catalogue runs of rows 7-10 and 14, and the breaks
// for their stated reasons only: it survives the Fig. 5/6 crash and the
// three-server partition (Fig. 8) but breaks on Figs. 7, 9 and 12a.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/sim/rng.hpp"
#include "stages/stage3_wait_for_learn/server.hpp"
#include "tests/stages/scenario_support.hpp"

namespace paxoslab {
namespace {

using namespace testing_support;
using V = std::vector<std::string>;

const stage3::WaitForLearnServer& state(Harness& h) {
  return dynamic_cast<const stage3::WaitForLearnServer&>(h.server());
}

// ---- the leader ------------------------------------------------------------------

TEST(Stage3Table, LeaderSendsAcceptAndWaitsBeforeExecuting) {
  Harness h(3, 2, 1);
  EXPECT_EQ(h.deliver(request(1, 1, 1)), (V{"send S2 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_NE(h.why().find("S1 waits: Learn(m1, 1) from 0 of 1 needed"), std::string::npos) << h.why();
  EXPECT_TRUE(h.sigma().empty());
  EXPECT_EQ(h.fire(h.last_timer()), (V{"send S2 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_EQ(h.deliver(learn(2, 1, 1, 1)), (V{"execute m1 j=1", "reply m1 |sigma|=1", "cancel"}));
  EXPECT_NE(h.why().find("a majority has m1"), std::string::npos) << h.why();
}

TEST(Stage3Table, LearnsNeededAreAMajorityCountingTheLeader) {
  struct Row {
    int servers;
    int needed;
  };
  for (const Row r : {Row{2, 1}, Row{3, 1}, Row{4, 2}, Row{5, 2}, Row{7, 3}}) {
    SCOPED_TRACE(r.servers);
    Harness h(3, r.servers, 1);
    h.deliver(request(1, 1, 1));
    for (int k = 1; k < r.needed; ++k) {
      EXPECT_EQ(h.deliver(learn(k + 1, 1, 1, 1)), V{});
      EXPECT_NE(h.why().find("S1 waits: Learn(m1, 1) from " + std::to_string(k) + " of " + std::to_string(r.needed) +
                             " needed"),
                std::string::npos)
          << h.why();
    }
    V executes{"execute m1 j=1", "reply m1 |sigma|=1"};
    if (r.needed + 1 == r.servers) executes.push_back("cancel");  // every server has it
    EXPECT_EQ(h.deliver(learn(r.needed + 1, 1, 1, 1)), executes);
    // Stop and wait: the next accept only once every live server has m1.
    for (int k = r.needed + 2; k <= r.servers; ++k)
      EXPECT_EQ(h.deliver(learn(k, 1, 1, 1)), k == r.servers ? V{"cancel"} : V{});
  }
}

TEST(Stage3Table, AfterExecutingTheLeaderRetransmitsOnlyToLiveStragglers) {
  Harness h(3, 3, 1);
  h.deliver(request(1, 1, 1));
  h.deliver(request(2, 1, 2));
  EXPECT_EQ(h.deliver(learn(2, 1, 1, 1)), (V{"execute m1 j=1", "reply m1 |sigma|=1"}));
  EXPECT_NE(h.why().find("the next accept waits for Learn from S3"), std::string::npos) << h.why();
  EXPECT_EQ(h.fire(h.last_timer()), (V{"send S3 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  h.set_suspects(3, true);  // a suspected straggler is not waited for
  EXPECT_EQ(h.fire(h.last_timer()), (V{"cancel", "send S2 Accept(m2, 2)", "send S3 Accept(m2, 2)",
                                       "timer 40 retransmit Accept(m2, 2)"}));
}

TEST(Stage3Table, ASingleServerIsAMajorityByItself) {
  Harness h(3, 1, 1);
  EXPECT_EQ(h.deliver(request(1, 1, 1)), (V{"execute m1 j=1", "reply m1 |sigma|=1"}));
}

TEST(Stage3Table, WithThreeServersSuspicionDoesNotLowerTheMajority) {
  Harness h(3, 3, 1);
  h.set_suspects(2, true);
  h.set_suspects(3, true);
  EXPECT_EQ(h.deliver(request(1, 1, 1)),
            (V{"send S2 Accept(m1, 1)", "send S3 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_EQ(h.suspicion_change(2, true), V{});
  EXPECT_EQ(h.fire(h.last_timer()),
            (V{"send S2 Accept(m1, 1)", "send S3 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_TRUE(h.sigma().empty());
}

TEST(Stage3Table, WithTwoServersSuspectingThePeerFallsBackToServingAlone) {
  Harness h(3, 2, 1);
  h.deliver(request(1, 1, 1));
  h.deliver(request(2, 1, 2));
  h.set_suspects(2, true);
  EXPECT_EQ(h.suspicion_change(2, true),
            (V{"execute m1 j=1", "reply m1 |sigma|=1", "cancel", "execute m2 j=2", "reply m2 |sigma|=2"}));
  ASSERT_FALSE(h.notes().empty());
  EXPECT_NE(h.notes()[0].find("serves alone (SingleServer)"), std::string::npos) << h.notes()[0];
}

TEST(Stage3Table, WithTwoServersTheTimerFindsThePeerSuspectedAndServesAlone) {
  Harness h(3, 2, 1);
  h.deliver(request(1, 1, 1));
  h.set_suspects(2, true);  // no suspicion change handled: the timer finds out
  EXPECT_EQ(h.fire(h.last_timer()), (V{"execute m1 j=1", "reply m1 |sigma|=1", "cancel"}));
  EXPECT_FALSE(state(h).outstanding());
  EXPECT_NE(h.why().find("S1 suspects its only peer and falls back to serving alone: executes m1 and replies"),
            std::string::npos)
      << h.why();
  ASSERT_FALSE(h.notes().empty());
  EXPECT_NE(h.notes().back().find("S1 executes m1 as j=1: it suspects its only peer: serves alone (SingleServer)"),
            std::string::npos)
      << h.notes().back();
}

// ---- followers -------------------------------------------------------------------

TEST(Stage3Table, FollowerMessageInEffectsOut) {
  struct Row {
    const char* name;
    std::vector<Envelope> before;
    Envelope in;
    V effects;
    const char* why;
  };
  const std::vector<Row> rows = {
      {"a request is queued, not ordered", {}, request(1, 2, 1), {}, "S2 queues m1: the leader S1 orders requests"},
      {"the accept is an implicit learn: Learn, execute, reply", {}, accept(1, 2, 2, 1),
       {"send S1 Learn(m2, 1)", "execute m2 j=1", "reply m2 |sigma|=1"},
       "S2 executes Accept(m2, 1) at once (the accept is an implicit learn)"},
      {"an accept already executed is answered with Learn again", {accept(1, 2, 2, 1)}, accept(1, 2, 2, 1),
       {"send S1 Learn(m2, 1)"}, "answers Learn again"},
      {"a later j is discarded", {}, accept(1, 2, 1, 2), {},
       "S2 discarded Accept(m1, 2): it expects j=1 and can never catch up"},
      {"an earlier j carrying another request is ignored", {accept(1, 2, 2, 1)}, accept(3, 2, 1, 1), {},
       "S2 ignored Accept(m1, 1): it already executed m2 as j=1"},
      {"the same request under another number is ignored", {accept(1, 2, 2, 1)}, accept(3, 2, 2, 2), {},
       "it executed m2 under another number"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    Harness h(3, 3, 2);
    for (const auto& e : r.before) h.deliver(e);
    EXPECT_EQ(h.deliver(r.in), r.effects);
    EXPECT_NE(h.why().find(r.why), std::string::npos) << "why: " << h.why();
  }
}

// ---- two leaders, takeover, step-down, restart -----------------------------------

TEST(Stage3Table, ALeaderWhoseNumberIsTakenProposesItsRequestUnderTheNextJ) {
  Harness h(3, 3, 2);
  h.set_suspects(1, true);
  h.deliver(request(2, 2, 2));
  h.leader_change(S(1));  // S2 takes over: Accept(m2, 1)
  ASSERT_TRUE(state(h).outstanding());
  EXPECT_EQ(h.deliver(accept(1, 2, 1, 1)),
            (V{"send S1 Learn(m1, 1)", "execute m1 j=1", "reply m1 |sigma|=1", "cancel", "send S1 Accept(m2, 2)",
               "send S3 Accept(m2, 2)", "timer 40 retransmit Accept(m2, 2)"}));
}

TEST(Stage3Table, StepDownPutsTheUnexecutedRequestBackInTheQueue) {
  Harness h(3, 3, 2);
  h.set_suspects(1, true);
  h.deliver(request(2, 2, 2));
  h.deliver(request(1, 2, 1));
  EXPECT_EQ(h.leader_change(S(1)),
            (V{"send S1 Accept(m2, 1)", "send S3 Accept(m2, 1)", "timer 40 retransmit Accept(m2, 1)"}));
  h.set_suspects(1, false);
  EXPECT_EQ(h.leader_change(S(2)), V{"cancel"});
  EXPECT_EQ(state(h).queue(), seq({2, 1}));
  EXPECT_FALSE(state(h).outstanding());
  EXPECT_TRUE(h.sigma().empty());
}

TEST(Stage3Table, RestartKeepsOnlySigmaAndViewShowsTheWait) {
  Harness h(3, 3, 1);
  h.deliver(request(1, 1, 1));
  h.deliver(learn(2, 1, 1, 1));
  h.deliver(learn(3, 1, 1, 1));
  h.deliver(request(2, 1, 2));
  const ServerView v = h.server().view();
  EXPECT_EQ(v.role, "leader");
  EXPECT_NE(std::find(v.fields.begin(), v.fields.end(),
                      std::pair<std::string, std::string>{"waiting for", "Learn(m2, 2) from 1 server(s) for a majority"}),
            v.fields.end());
  auto copy = h.server().clone();
  EXPECT_EQ(copy->state_hash(), h.server().state_hash());
  h.restart();
  EXPECT_FALSE(state(h).outstanding());
  EXPECT_TRUE(state(h).queue().empty());
  EXPECT_EQ(state(h).next_j(), 2);
  EXPECT_NE(copy->state_hash(), h.server().state_hash());
}

// ---- catalogue rows 7-10 and 14 ---------------------------------------------------

/// Only executions, replies, crashes and leader changes (drops the retransmission noise).
V decisions(const Simulation& sim) {
  V out;
  for (const auto& k : key_events(sim))
    if (k.find(" send ") == std::string::npos && k.find(" drop ") == std::string::npos) out.push_back(k);
  return out;
}

TEST(Stage3Catalogue, Fig6WaitingForTheLearnSurvivesTheCrash) {
  auto sc = load_catalogue("fig06_wait_for_learn.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (V{
                                 "S1 send Accept(m1, 1) to S2",
                                 "S2 drop Accept(m1, 1) from S1",
                                 "S1 send Accept(m1, 1) to S2",  // the retransmission
                                 "S2 send Learn(m1, 1) to S1",
                                 "S2 execute m1",
                                 "S1 execute m1",  // only on the learn
                                 "C1 reply m1 from S2",
                                 "C1 reply m1 from S1",
                                 "S1 crash",
                                 "S2 leader S2",
                                 "S2 execute m2",
                                 "C2 reply m2 from S2",
                             }))
      << trace_text(sim);
}

TEST(Stage3Catalogue, Fig7TwoServersPartitionedBothServeAlone) {
  auto sc = load_catalogue("fig07_two_server_partition.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (V{
                                 "S1 send Accept(m1, 1) to S2",
                                 "S2 drop Accept(m1, 1) from S1",
                                 "S1 send Accept(m1, 1) to S2",
                                 "S2 drop Accept(m1, 1) from S1",
                                 "S2 leader S2",
                                 "S2 execute m2",
                                 "S2 execute m1",
                                 "S1 execute m1",
                                 "S1 execute m2",
                                 "C2 reply m2 from S2",
                                 "C1 reply m1 from S2",
                                 "C1 reply m1 from S1",
                                 "C2 reply m2 from S1",
                             }))
      << trace_text(sim);
  EXPECT_EQ(sim.checker().violations().front().kind, Violation::Kind::Divergence);
}

TEST(Stage3Catalogue, Fig8OnlyTheMajoritySideMakesProgress) {
  auto sc = load_catalogue("fig08_majority_side.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(decisions(sim), (V{
                                "S2 leader S2",
                                "S3 leader S2",
                                "S3 execute m2",
                                "S2 execute m2",
                                "C2 reply m2 from S3",
                                "C2 reply m2 from S2",
                                "S3 execute m1",
                                "S2 execute m1",
                                "C1 reply m1 from S3",
                                "C1 reply m1 from S2",
                            }))
      << trace_text(sim);
  const V keys = key_events(sim);
  EXPECT_TRUE(in_order(keys, {"S1 send Accept(m1, 1) to S2", "S2 drop Accept(m1, 1) from S1", "S2 leader S2",
                              "S2 send Accept(m2, 1) to S3", "S3 send Learn(m2, 1) to S2", "S3 execute m2",
                              "S2 execute m2", "S2 send Accept(m1, 2) to S3", "S3 send Learn(m1, 2) to S2"}));
  // S1 retransmits in vain: every one of its accepts is lost, it never executes.
  const auto sent = std::count(keys.begin(), keys.end(), "S1 send Accept(m1, 1) to S2");
  EXPECT_GE(sent, 5);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "S2 drop Accept(m1, 1) from S1"), sent);
  EXPECT_TRUE(sim.executed(S(1)).empty());
}

TEST(Stage3Catalogue, Fig9TwoLeadersAtOnceBreakSafety) {
  auto sc = load_catalogue("fig09_two_leaders.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(decisions(sim), (V{
                                "S2 leader S2",  // S2 suspects S1: two leaders
                                "S3 execute m2",
                                "S3 crash",
                                "C2 reply m2 from S3",
                                "S2 leader S1",  // the link is mended: S2 steps down
                                "S2 execute m1",
                                "S1 execute m1",
                                "C1 reply m1 from S2",
                                "C1 reply m1 from S1",
                                "S2 execute m2",
                                "S1 execute m2",
                                "C2 reply m2 from S2",
                                "C2 reply m2 from S1",
                            }))
      << trace_text(sim);
  EXPECT_TRUE(in_order(key_events(sim),
                       {"S1 send Accept(m1, 1) to S2", "S2 drop Accept(m1, 1) from S1", "S1 send Accept(m1, 1) to S3",
                        "S2 send Accept(m2, 1) to S3", "S3 send Learn(m2, 1) to S2", "S2 drop Learn(m2, 1) from S3",
                        "S3 execute m2", "S3 crash", "S3 drop Accept(m1, 1) from S1",
                        "S1 send Accept(m1, 1) to S2", "S2 leader S1", "S2 send Learn(m1, 1) to S1", "S2 execute m1"}));
  const Violation& v = sim.checker().violations().front();
  EXPECT_EQ(v.witnesses[0].who, NS(3));
  EXPECT_EQ(v.witnesses[0].state, seq({2}));
  EXPECT_EQ(v.witnesses[1].who, NS(2));
  EXPECT_EQ(v.witnesses[1].state, seq({1}));
}

TEST(Stage3Catalogue, Fig12aExecutingOnTheAcceptAloneLosesM1WithFiveServers) {
  auto sc = load_catalogue("fig12a_five_servers.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (V{
                                 "S1 send Accept(m1, 1) to S2",
                                 "S1 send Accept(m1, 1) to S3",
                                 "S3 drop Accept(m1, 1) from S1",
                                 "S1 send Accept(m1, 1) to S4",
                                 "S4 drop Accept(m1, 1) from S1",
                                 "S1 send Accept(m1, 1) to S5",
                                 "S5 drop Accept(m1, 1) from S1",
                                 "S1 crash",
                                 "S2 send Learn(m1, 1) to S1",
                                 "S2 execute m1",
                                 "S2 crash",
                                 "S1 drop Learn(m1, 1) from S2",
                                 "C1 reply m1 from S2",
                                 "S3 leader S2",
                                 "S4 leader S2",
                                 "S5 leader S2",
                                 "S3 leader S3",
                                 "S3 send Accept(m2, 1) to S1",
                                 "S3 send Accept(m2, 1) to S2",
                                 "S3 send Accept(m2, 1) to S4",
                                 "S3 send Accept(m2, 1) to S5",
                                 "S4 leader S3",
                                 "S5 leader S3",
                                 "S1 drop Accept(m2, 1) from S3",
                                 "S2 drop Accept(m2, 1) from S3",
                                 "S4 send Learn(m2, 1) to S3",
                                 "S4 execute m2",
                                 "S5 send Learn(m2, 1) to S3",
                                 "S5 execute m2",
                                 "C2 reply m2 from S4",
                                 "S3 execute m2",
                                 "C2 reply m2 from S5",
                                 "C2 reply m2 from S3",
                                 "S3 send Accept(m1, 2) to S1",
                                 "S3 send Accept(m1, 2) to S2",
                                 "S3 send Accept(m1, 2) to S4",
                                 "S3 send Accept(m1, 2) to S5",
                                 "S1 drop Accept(m1, 2) from S3",
                                 "S2 drop Accept(m1, 2) from S3",
                                 "S4 send Learn(m1, 2) to S3",
                                 "S4 execute m1",
                                 "S5 send Learn(m1, 2) to S3",
                                 "S5 execute m1",
                                 "C1 reply m1 from S4",
                                 "S3 execute m1",
                                 "C1 reply m1 from S5",
                                 "C1 reply m1 from S3",
                             }))
      << trace_text(sim);
  EXPECT_NE(deliver_why(sim, NS(3), MsgKind::Learn, 2, 2).find("a majority has m2"), std::string::npos);
}

// ---- survives what broke Stage 2 ---------------------------------------------------

TEST(Stage3Break, SurvivesTheFig5Crash) {
  auto sc = load_catalogue("fig05_leader_crash.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc, 3);
  EXPECT_TRUE(sim.checker().safe()) << trace_text(sim);
  EXPECT_FALSE(sim.liveness().stuck);
  EXPECT_TRUE(sim.crashed(S(1)));  // it still replied and crashed - after S2 had m1
  // The retransmission lands first: S2 has m1 before S1 executes, replies and crashes.
  EXPECT_TRUE(in_order(key_events(sim), {"S2 drop Accept(m1, 1) from S1", "S2 execute m1", "S1 execute m1",
                                         "C1 reply m1 from S1", "S1 crash", "S2 execute m2", "S2 leader S2"}));
  EXPECT_EQ(sim.executed(S(2)), seq({1, 2}));
}

TEST(Stage3Break, PassesTheCatalogueRunsOfEarlierStagesToo) {
  // Rows 3, 5, 7 and 9 (consistent under Stages 1-3) stay consistent and not stuck under Stage 3.
  for (const char* f : {"fig03_send_accept.toml", "fig04_retransmission.toml", "fig06_wait_for_learn.toml",
                        "fig08_majority_side.toml"}) {
    SCOPED_TRACE(f);
    auto sc = load_catalogue(f);
    ASSERT_TRUE(sc);
    const Simulation sim = run_catalogue(*sc, 3);
    EXPECT_TRUE(sim.checker().safe());
    EXPECT_FALSE(sim.liveness().stuck);
  }
}

std::vector<ScriptStep> random_requests(Rng& rng, int requests, int clients) {
  std::vector<ScriptStep> steps;
  for (int i = 1; i <= requests; ++i)
    steps.push_back(at(rng.uniform(0, 300), client_request(static_cast<int>(rng.uniform(1, clients)), i)));
  return steps;
}

TEST(Stage3Break, LostMessagesAreRepairedSafeAndNeverStuck) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SimConfig c = config_of(3, 2 + static_cast<int>(seed % 4));
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 30;
    c.link.loss_probability = 0.2;
    c.knobs.client_retry_ticks = 100;
    c.seed = seed;
    Rng rng(seed * 4241);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 6, 2));
    sim.run(200000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    const LivenessReport live = sim.liveness();
    ASSERT_TRUE(live.quiescent) << "seed " << seed;
    ASSERT_FALSE(live.stuck) << "seed " << seed << ": " << live.explanation;
  }
}

TEST(Stage3Break, AMinorityCrashWithThreeServersIsSafe) {
  // One follower crashes at a random moment (no partition, no false
  // suspicion): the leader still gets its majority, nothing diverges.
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SimConfig c = config_of(3, 3);
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 30;
    c.link.loss_probability = 0.1;
    c.knobs.client_retry_ticks = 100;
    c.seed = seed;
    Rng rng(seed * 65537);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 6, 2));
    sim.add_script({at(rng.uniform(0, 300), CrashAction{S(2 + static_cast<int>(seed % 2))})});
    sim.run(200000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed << ": " << sim.checker().violations()[0].explanation;
    ASSERT_FALSE(sim.liveness().stuck) << "seed " << seed;
  }
}

TEST(Stage3Break, RandomPartitionsAndCrashesFindTwoLeaderViolations) {
  // Fig. 9's ingredients at random moments: the link S1-S2 is cut and later
  // mended, S3 crashes. Some runs have two leaders at once and diverge.
  int violated = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    SimConfig c = config_of(3, 3);
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 60;
    c.seed = seed;
    Rng rng(seed * 977);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 4, 2));
    const Tick cut = rng.uniform(0, 100);
    sim.add_script({at(cut, CutLinkAction{NS(1), NS(2)}), at(rng.uniform(cut, 300), CrashAction{S(3)}),
                    at(cut + rng.uniform(100, 400), MendLinkAction{NS(1), NS(2)})});
    sim.run(200000, 3000);
    if (!sim.checker().safe()) ++violated;
  }
  EXPECT_GT(violated, 0);
}

}  // namespace
}  // namespace paxoslab
