// Stage 2 RetransAccept (docs/protocol.md "Stage 2"; the paper's Figs. 4-5): handler
// table tests, the catalogue runs of rows 5-6, the four crash points of the
// slides, and the break for its stated reason only (lost messages are
// repaired; the leader's crash after replying breaks safety).
#include <gtest/gtest.h>

#include "core/sim/rng.hpp"
#include "stages/stage2_retrans_accept/server.hpp"
#include "tests/stages/scenario_support.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

using namespace testing_support;
using V = std::vector<std::string>;

const stage2::RetransAcceptServer& state(Harness& h) {
  return dynamic_cast<const stage2::RetransAcceptServer&>(h.server());
}

// ---- the leader ----------------------------------------------------------------

TEST(Stage2Table, LeaderSendsAcceptExecutesAtOnceRepliesAndWaits) {
  Harness h(2, 2, 1);
  EXPECT_EQ(h.deliver(request(1, 1, 1)),
            (V{"send S2 Accept(m1, 1)", "execute m1 j=1", "reply m1 |sigma|=1", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_NE(h.why().find("sends Accept(m1, 1) to S2, executes m1 at once and replies"), std::string::npos) << h.why();
  ASSERT_TRUE(state(h).outstanding());
  EXPECT_EQ(state(h).outstanding()->j, 1);
}

TEST(Stage2Table, LeaderStopsAndWaitsThenSendsTheNextAcceptOnLearn) {
  Harness h(2, 2, 1);
  h.deliver(request(1, 1, 1));
  EXPECT_EQ(h.deliver(request(2, 1, 2)), V{});
  EXPECT_NE(h.why().find("stop and wait"), std::string::npos) << h.why();
  EXPECT_EQ(state(h).queue(), seq({2}));
  EXPECT_EQ(h.deliver(learn(2, 1, 1, 1)), (V{"cancel", "send S2 Accept(m2, 2)", "execute m2 j=2", "reply m2 |sigma|=2",
                                              "timer 40 retransmit Accept(m2, 2)"}));
  EXPECT_NE(h.why().find("S1 got Learn(m1, 1) from S2: every live follower has m1"), std::string::npos) << h.why();
}

TEST(Stage2Table, LeaderRetransmitsUntilLearnedAndIgnoresStaleLearns) {
  Harness h(2, 3, 1);
  h.deliver(request(1, 1, 1));
  h.deliver(learn(2, 1, 1, 1));
  EXPECT_NE(h.why().find("still waits for S3"), std::string::npos) << h.why();
  EXPECT_EQ(h.fire(h.last_timer()), (V{"send S3 Accept(m1, 1)", "timer 40 retransmit Accept(m1, 1)"}));
  EXPECT_EQ(h.why(), "S1 retransmits Accept(m1, 1) to S3: no Learn(m1, 1) from them yet");
  EXPECT_EQ(h.deliver(learn(3, 1, 1, 1)), (V{"cancel"}));
  EXPECT_EQ(h.deliver(learn(3, 1, 1, 1)), V{});
  EXPECT_NE(h.why().find("ignored Learn(m1, 1) from S3: it is not waiting on that accept"), std::string::npos);
}

TEST(Stage2Table, LeaderWaitsOnlyForLiveFollowers) {
  Harness h(2, 3, 1);
  h.set_suspects(3, true);
  EXPECT_EQ(h.deliver(request(1, 1, 1)),
            (V{"send S2 Accept(m1, 1)", "execute m1 j=1", "reply m1 |sigma|=1", "timer 40 retransmit Accept(m1, 1)"}));
  // Coming to suspect the last missing follower ends the wait at once.
  h.set_suspects(2, true);
  EXPECT_EQ(h.suspicion_change(2, true), V{"cancel"});
  EXPECT_FALSE(state(h).outstanding());
}

TEST(Stage2Table, TheTimerEndsTheWaitWhenOnlySuspectedFollowersAreMissing) {
  Harness h(2, 3, 1);
  h.deliver(request(1, 1, 1));
  h.set_suspects(2, true);  // no suspicion change handled: the timer finds out
  h.set_suspects(3, true);
  EXPECT_EQ(h.fire(h.last_timer()), V{"cancel"});
  EXPECT_FALSE(state(h).outstanding());
  EXPECT_NE(h.why().find("S1 stops retransmitting Accept(m1, 1): every follower it does not suspect has m1"),
            std::string::npos)
      << h.why();
  ASSERT_FALSE(h.notes().empty());
  EXPECT_NE(h.notes().back().find("the followers it still missed are suspected (not live)"), std::string::npos)
      << h.notes().back();
}

TEST(Stage2Table, LeaderWithoutLiveFollowersServesAlone) {
  Harness h(2, 2, 1);
  h.set_suspects(2, true);
  EXPECT_EQ(h.deliver(request(1, 1, 1)), (V{"execute m1 j=1", "reply m1 |sigma|=1"}));
  ASSERT_EQ(h.notes().size(), 1u);
  EXPECT_NE(h.notes()[0].find("serves alone (SingleServer)"), std::string::npos);
}

// ---- followers -----------------------------------------------------------------

TEST(Stage2Table, FollowerMessageInEffectsOut) {
  struct Row {
    const char* name;
    std::vector<Envelope> before;
    Envelope in;
    V effects;
    const char* why;
  };
  const std::vector<Row> rows = {
      {"a request is queued, not ordered", {}, request(1, 2, 1), {}, "S2 queues m1: the leader S1 orders requests"},
      {"the accept for the next j: Learn, execute, reply", {}, accept(1, 2, 2, 1),
       {"send S1 Learn(m2, 1)", "execute m2 j=1", "reply m2 |sigma|=1"},
       "S2 executes Accept(m2, 1): j=1 is its next expected number; sends Learn to S1"},
      {"an accept already executed is answered with Learn again", {accept(1, 2, 2, 1)}, accept(1, 2, 2, 1),
       {"send S1 Learn(m2, 1)"}, "S2 already executed Accept(m2, 1): answers Learn again"},
      {"a later j is discarded", {}, accept(1, 2, 1, 2), {},
       "S2 discarded Accept(m1, 2): it expects j=1 and can never catch up"},
      {"an earlier j carrying another request is ignored", {accept(1, 2, 2, 1)}, accept(3, 2, 1, 1), {},
       "S2 ignored Accept(m1, 1): it already executed m2 as j=1"},
      {"a repeated client request is answered, never executed twice", {accept(1, 2, 2, 1)}, request(2, 2, 2),
       {"reply m2 |sigma|=1"}, "S2 already executed m2: replies again"},
      {"a learn to a follower is ignored", {}, learn(3, 2, 1, 1), {}, "S2 ignored Learn(m1, 1) from S3"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    Harness h(2, 3, 2);
    for (const auto& e : r.before) h.deliver(e);
    EXPECT_EQ(h.deliver(r.in), r.effects);
    EXPECT_NE(h.why().find(r.why), std::string::npos) << "why: " << h.why();
  }
}

TEST(Stage2Table, ExecutedRequestsLeaveTheQueue) {
  Harness h(2, 2, 2);
  h.deliver(request(1, 2, 1));
  h.deliver(request(2, 2, 2));
  h.deliver(accept(1, 2, 2, 1));
  EXPECT_EQ(state(h).queue(), seq({1}));
  EXPECT_EQ(state(h).next_j(), 2);
}

// ---- takeover and step-down -----------------------------------------------------

TEST(Stage2Table, TakeoverWithTwoServersFallsBackToServingItsQueueAlone) {
  Harness h(2, 2, 2);
  h.deliver(request(2, 2, 2));
  h.deliver(request(1, 2, 1));
  h.set_suspects(1, true);
  EXPECT_EQ(h.leader_change(S(1)), (V{"execute m2 j=1", "reply m2 |sigma|=1", "execute m1 j=2", "reply m1 |sigma|=2"}));
  ASSERT_FALSE(h.notes().empty());
  EXPECT_NE(h.notes()[0].find("S2 takes over from S1: serves its own queue [m2 m1] numbering from j=1"),
            std::string::npos)
      << h.notes()[0];
  EXPECT_EQ(h.server().view().role, "leader");
}

TEST(Stage2Table, TakeoverNumbersFromItsOwnNextJAndNeverReExecutes) {
  Harness h(2, 3, 2);
  h.deliver(request(1, 2, 1));
  h.deliver(request(2, 2, 2));
  h.deliver(accept(1, 2, 1, 1));  // m1 executed as j=1 under S1
  h.set_suspects(1, true);
  EXPECT_EQ(h.leader_change(S(1)),
            (V{"send S3 Accept(m2, 2)", "execute m2 j=2", "reply m2 |sigma|=2", "timer 40 retransmit Accept(m2, 2)"}));
}

TEST(Stage2Table, ALeaderThatIsReplacedStopsWaiting) {
  Harness h(2, 3, 2);
  h.set_suspects(1, true);
  h.leader_change(S(1));
  h.deliver(request(1, 2, 1));
  ASSERT_TRUE(state(h).outstanding());
  h.set_suspects(1, false);
  EXPECT_EQ(h.leader_change(S(2)), V{"cancel"});
  EXPECT_FALSE(state(h).outstanding());
  EXPECT_EQ(h.server().view().role, "follower");
}

TEST(Stage2Table, RestartKeepsOnlySigma) {
  Harness h(2, 2, 2);
  h.deliver(request(1, 2, 1));
  h.deliver(request(2, 2, 2));
  h.deliver(accept(1, 2, 2, 1));
  const std::uint64_t before = h.server().state_hash();
  h.restart();
  EXPECT_TRUE(state(h).queue().empty());
  EXPECT_EQ(state(h).next_j(), 2);
  EXPECT_NE(h.server().state_hash(), before);
  auto copy = h.server().clone();
  EXPECT_EQ(copy->state_hash(), h.server().state_hash());
}

TEST(Stage2Table, ViewShowsRoleQueueAndTheWait) {
  Harness h(2, 2, 1);
  h.deliver(request(1, 1, 1));
  h.deliver(request(2, 1, 2));
  const ServerView v = h.server().view();
  EXPECT_EQ(v.role, "leader");
  const auto field = [&](const std::string& k) {
    for (const auto& [key, value] : v.fields)
      if (key == k) return value;
    return std::string("<none>");
  };
  EXPECT_EQ(field("next j"), "2");
  EXPECT_EQ(field("queue"), "m2");
  EXPECT_EQ(field("waiting for"), "Learn(m1, 1) from every live follower");
}

// ---- catalogue rows 5 and 6 ------------------------------------------------------

TEST(Stage2Catalogue, Fig4RetransmissionRepairsALostAccept) {
  auto sc = load_catalogue("fig04_retransmission.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (V{
                                 "S1 send Accept(m2, 1) to S2",
                                 "S2 drop Accept(m2, 1) from S1",
                                 "S1 execute m2",
                                 "C2 reply m2 from S1",
                                 "S1 send Accept(m2, 1) to S2",  // the retransmission
                                 "S2 send Learn(m2, 1) to S1",
                                 "S2 execute m2",
                                 "S1 send Accept(m1, 2) to S2",  // only after the learn
                                 "S1 execute m1",
                                 "C2 reply m2 from S2",
                                 "S2 send Learn(m1, 2) to S1",
                                 "S2 execute m1",
                                 "C1 reply m1 from S1",
                                 "C1 reply m1 from S2",
                             }))
      << trace_text(sim);
  EXPECT_NE(deliver_why(sim, NS(1), MsgKind::Request, 1).find("stop and wait"), std::string::npos);
  EXPECT_TRUE(sim.liveness().quiescent);
}

TEST(Stage2Catalogue, Fig5LeaderRepliesThenCrashesBeforeTheAcceptLands) {
  auto sc = load_catalogue("fig05_leader_crash.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (V{
                                 "S1 send Accept(m1, 1) to S2",
                                 "S2 drop Accept(m1, 1) from S1",
                                 "S1 execute m1",
                                 "C1 reply m1 from S1",
                                 "S1 crash",
                                 "S2 leader S2",
                                 "S2 execute m2",
                                 "S2 execute m1",
                                 "C2 reply m2 from S2",
                                 "C1 reply m1 from S2",
                             }))
      << trace_text(sim);
  ASSERT_FALSE(sim.checker().violations().empty());
  const Violation& v = sim.checker().violations().front();
  EXPECT_EQ(v.kind, Violation::Kind::Divergence);
  EXPECT_EQ(v.witnesses[0].state, seq({1}));
  EXPECT_EQ(v.witnesses[1].state, seq({2}));
}

// ---- the four crash points of the slides (Fig. 5 set-up) -------------------------

/// The Fig. 5 run with S1 crashing at `crash` instead (and Accept(m1, 1) lost
/// only when `lose_accept`).
Simulation fig5_with_crash(ScriptStep crash, bool lose_accept) {
  auto sc = load_catalogue("fig05_leader_crash.toml");
  Scenario s = *sc;
  s.script.clear();
  if (lose_accept) s.script.push_back(at(0, lose_next("lose", msg(MsgKind::Accept, NS(1), NS(2), 1))));
  s.script.push_back(at(0, client_request(1, 1)));
  s.script.push_back(at(0, client_request(2, 2)));
  s.script.push_back(crash);
  return run_catalogue(s);
}

TEST(Stage2CrashPoints, OnlyTheLeaderThatRepliedBeforeTheAcceptLandedBreaksSafety) {
  const Action crash_s1 = CrashAction{S(1)};
  struct Point {
    const char* name;
    ScriptStep crash;
    bool lose_accept;
    bool safe;
  };
  const std::vector<Point> points = {
      {"1: crash before sending the accept (before m1 reaches S1)", at(5, crash_s1), true, true},
      {"2: the accept is lost, S1 replied, then crashes", after(event(TraceKind::Reply, NC(1), 1, {}, NS(1)), crash_s1),
       true, false},
      {"3: crash after the retransmitted accept reached S2", after(event(TraceKind::Execute, NS(2), 1), crash_s1), true,
       true},
      {"4: crash after S2's Learn reached S1", after(event(TraceKind::Deliver, NS(1), 1, MsgKind::Learn), crash_s1), true,
       true},
  };
  for (const Point& p : points) {
    SCOPED_TRACE(p.name);
    const Simulation sim = fig5_with_crash(p.crash, p.lose_accept);
    EXPECT_TRUE(sim.crashed(S(1)));
    EXPECT_EQ(sim.checker().safe(), p.safe) << trace_text(sim);
    EXPECT_FALSE(sim.liveness().stuck);
    EXPECT_EQ(sim.executed(S(2)).size(), 2u);  // S2 serves both requests after taking over
  }
}

// ---- the break, for its stated reason only ------------------------------------------

std::vector<ScriptStep> random_requests(Rng& rng, int requests, int clients) {
  std::vector<ScriptStep> steps;
  for (int i = 1; i <= requests; ++i)
    steps.push_back(at(rng.uniform(0, 300), client_request(static_cast<int>(rng.uniform(1, clients)), i)));
  return steps;
}

TEST(Stage2Break, LostMessagesAreRepairedSafeAndNeverStuck) {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    SimConfig c = config_of(2, 2 + static_cast<int>(seed % 4));
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 30;
    c.link.loss_probability = 0.1 + 0.05 * static_cast<double>(seed % 5);
    c.knobs.client_retry_ticks = 100;  // a lost client request or reply is resent
    c.seed = seed;
    Rng rng(seed * 31337);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 6, 2));
    sim.run(200000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    const LivenessReport live = sim.liveness();
    ASSERT_TRUE(live.quiescent) << "seed " << seed;
    ASSERT_FALSE(live.stuck) << "seed " << seed << ": " << live.explanation;
  }
}

TEST(Stage2Break, DuplicatedAndReorderedMessagesAreHarmless) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SimConfig c = config_of(2, 3);
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 60;
    c.link.duplicate_probability = 0.3;
    c.seed = seed;
    Rng rng(seed * 7);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 6, 2));
    sim.run(200000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    ASSERT_FALSE(sim.liveness().stuck) << "seed " << seed;
  }
}

TEST(Stage2Break, RandomLeaderCrashesFindTheFig5Violation) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  // The same random loss as above plus one crash of the leader S1 at a
  // random moment: some runs diverge (a reply before the accept landed).
  int violated = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SimConfig c = config_of(2, 2 + static_cast<int>(seed % 2));
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 30;
    c.link.loss_probability = 0.2;
    c.seed = seed;
    Rng rng(seed * 1237);
    Simulation sim = make_sim(c, false);
    sim.add_script(random_requests(rng, 6, 2));
    sim.add_script({at(rng.uniform(0, 300), CrashAction{S(1)})});
    sim.run(200000);
    if (!sim.checker().safe()) {
      ++violated;
      EXPECT_TRUE(sim.crashed(S(1)));
      EXPECT_EQ(sim.checker().violations().front().kind, Violation::Kind::Divergence);
    }
  }
  EXPECT_GT(violated, 0);
}

}  // namespace
}  // namespace paxoslab
