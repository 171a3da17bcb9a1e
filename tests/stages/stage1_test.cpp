// Stage 1 SendAccept (docs/protocol.md "Stage 1"; the paper's Fig. 3): handler table
// tests, the catalogue runs of rows 3-4, and the break for its stated reason
// only (a lost accept makes it stuck; without faults it stays consistent).
#include <gtest/gtest.h>

#include "core/sim/rng.hpp"
#include "stages/stage1_send_accept/server.hpp"
#include "tests/stages/scenario_support.hpp"

namespace paxoslab {
namespace {

using namespace testing_support;

struct Row {
  const char* name;
  int servers;
  int self;
  std::vector<Envelope> before;  ///< Delivered first (effects not checked).
  Envelope in;
  std::vector<std::string> effects;
  const char* why;  ///< A substring of the explanation.
};

TEST(Stage1Table, MessageInEffectsOut) {
  const std::vector<Row> rows = {
      {"leader orders a request: Accept to every other server, execute, reply", 3, 1, {}, request(2, 1, 2),
       {"send S2 Accept(m2, 1)", "send S3 Accept(m2, 1)", "execute m2 j=1", "reply m2 |sigma|=1"},
       "S1 is the leader: orders m2 as j=1"},
      {"leader numbers the next request j=2", 2, 1, {request(2, 1, 2)}, request(1, 1, 1),
       {"send S2 Accept(m1, 2)", "execute m1 j=2", "reply m1 |sigma|=2"}, "orders m1 as j=2"},
      {"a single server is its own leader: nothing to send", 1, 1, {}, request(1, 1, 1),
       {"execute m1 j=1", "reply m1 |sigma|=1"}, "orders m1 as j=1"},
      {"follower ignores client requests", 2, 2, {}, request(1, 2, 1), {},
       "S2 ignores Request(m1): only the leader S1 orders requests"},
      {"follower executes the accept for its next j and replies", 2, 2, {request(1, 2, 1)}, accept(1, 2, 2, 1),
       {"execute m2 j=1", "reply m2 |sigma|=1"}, "S2 executes Accept(m2, 1): j=1 is its next expected number"},
      {"follower discards a later j", 2, 2, {}, accept(1, 2, 1, 2), {},
       "S2 discarded Accept(m1, 2): it expects j=1 and can never catch up"},
      {"follower ignores a repeat", 2, 2, {accept(1, 2, 2, 1)}, accept(1, 2, 2, 1), {},
       "S2 ignored Accept(m2, 1): a repeat"},
      {"a repeated client request is answered again, not executed", 2, 2, {accept(1, 2, 2, 1)}, request(2, 2, 2),
       {"reply m2 |sigma|=1"}, "S2 already executed m2: replies again"},
      {"the leader takes no accepts", 2, 1, {}, accept(2, 1, 1, 1), {}, "S1 is the leader"},
      {"Learn has no meaning in Stage 1", 2, 1, {}, learn(2, 1, 1, 1), {}, "Stage 1 has no use for Learn"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    Harness h(1, r.servers, r.self);
    for (const auto& e : r.before) h.deliver(e);
    EXPECT_EQ(h.deliver(r.in), r.effects);
    EXPECT_NE(h.why().find(r.why), std::string::npos) << "why: " << h.why();
  }
}

TEST(Stage1Table, DiscardNotesTheFollowerIsStuck) {
  Harness h(1, 2, 2);
  h.deliver(accept(1, 2, 1, 2));
  ASSERT_EQ(h.notes().size(), 1u);
  EXPECT_NE(h.notes()[0].find("stuck"), std::string::npos);
}

TEST(Stage1Table, RestartKeepsOnlySigmaAndRecomputesNextJ) {
  Harness h(1, 2, 2);
  h.deliver(accept(1, 2, 2, 1));
  h.deliver(accept(1, 2, 1, 2));
  const auto& s = dynamic_cast<const stage1::SendAcceptServer&>(h.server());
  EXPECT_EQ(s.next_j(), 3);
  h.restart();
  EXPECT_EQ(s.next_j(), 3);  // = |sigma| + 1: sigma is durable
  EXPECT_EQ(h.deliver(accept(1, 2, 3, 3)), (std::vector<std::string>{"execute m3 j=3", "reply m3 |sigma|=3"}));
}

TEST(Stage1Table, CloneHashAndView) {
  Harness h(1, 2, 2);
  auto copy = h.server().clone();
  EXPECT_EQ(copy->state_hash(), h.server().state_hash());
  h.deliver(accept(1, 2, 2, 1));
  EXPECT_NE(copy->state_hash(), h.server().state_hash());
  const ServerView v = h.server().view();
  EXPECT_EQ(v.role, "follower");
  ASSERT_EQ(v.fields.size(), 2u);
  EXPECT_EQ(v.fields[1], (std::pair<std::string, std::string>{"next j expected", "2"}));
  EXPECT_EQ(Harness(1, 2, 1).server().view().role, "leader");
}

// ---- catalogue rows 3 and 4 --------------------------------------------------

TEST(Stage1Catalogue, Fig3LeaderAndAcceptKeepBothConsistent) {
  auto sc = load_catalogue("fig03_send_accept.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (std::vector<std::string>{
                                 "S1 send Accept(m2, 1) to S2",  // t=10: m2 reaches the leader first
                                 "S1 execute m2",
                                 "S1 send Accept(m1, 2) to S2",  // t=20
                                 "S1 execute m1",
                                 "S2 execute m2",  // t=20: in the leader's order, not its own arrival order
                                 "C2 reply m2 from S1",
                                 "S2 execute m1",  // t=30
                                 "C1 reply m1 from S1",
                                 "C2 reply m2 from S2",
                                 "C1 reply m1 from S2",
                             }))
      << trace_text(sim);
  EXPECT_NE(deliver_why(sim, NS(2), MsgKind::Request, 1).find("ignores Request(m1)"), std::string::npos);
}

TEST(Stage1Catalogue, Fig3bLostAcceptLeavesTheFollowerStuck) {
  auto sc = load_catalogue("fig03b_lost_accept_stuck.toml");
  ASSERT_TRUE(sc);
  const Simulation sim = run_catalogue(*sc);
  EXPECT_TRUE(check_expectation(sc->expect, sim).empty());
  EXPECT_EQ(key_events(sim), (std::vector<std::string>{
                                 "S1 send Accept(m2, 1) to S2",
                                 "S2 drop Accept(m2, 1) from S1",
                                 "S1 execute m2",
                                 "S1 send Accept(m1, 2) to S2",
                                 "S1 execute m1",
                                 "C2 reply m2 from S1",
                                 "C1 reply m1 from S1",
                             }))
      << trace_text(sim);
  EXPECT_EQ(deliver_why(sim, NS(2), MsgKind::Accept, 1),
            "S2 discarded Accept(m1, 2): it expects j=1 and can never catch up");
  const LivenessReport live = sim.liveness();
  EXPECT_TRUE(live.stuck);
  EXPECT_EQ(live.missing, (std::vector<std::pair<ServerId, RequestId>>{{S(2), M(1)}, {S(2), M(2)}}));
}

// ---- the break, for its stated reason only ----------------------------------

/// A random workload: `requests` requests from random clients at random ticks.
std::vector<ScriptStep> random_requests(Rng& rng, int requests, int clients) {
  std::vector<ScriptStep> steps;
  for (int i = 1; i <= requests; ++i)
    steps.push_back(at(rng.uniform(0, 200), client_request(static_cast<int>(rng.uniform(1, clients)), i)));
  return steps;
}

TEST(Stage1Break, WithoutFaultsConsistentAndNeverStuck) {
  // Fixed delays keep each link in order (no fault reorders anything).
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SimConfig c = config_of(1, 2 + static_cast<int>(seed % 4), 1 + static_cast<Tick>(seed % 13));
    c.seed = seed;
    Rng rng(seed);
    Simulation sim = make_sim(c);
    sim.add_script(random_requests(rng, 6, 2));
    sim.run(100000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    const LivenessReport live = sim.liveness();
    ASSERT_TRUE(live.quiescent) << "seed " << seed;
    ASSERT_FALSE(live.stuck) << "seed " << seed << ": " << live.explanation;
  }
}

/// True if some follower discarded an accept (the only way Stage 1 gets stuck).
bool discarded_an_accept(const Simulation& sim) {
  for (const auto& e : sim.trace().events())
    if (e.kind == TraceKind::Deliver && e.msg_kind == MsgKind::Accept && e.why.find("discarded") != std::string::npos)
      return true;
  return false;
}

TEST(Stage1Break, RandomDelaysStaySafeAndGetStuckOnlyByADiscardedAccept) {
  int stuck_runs = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    SimConfig c = config_of(1, 3);
    c.link.delay_ticks_min = 1;
    c.link.delay_ticks_max = 40;
    c.seed = seed;
    Rng rng(seed * 7919);
    Simulation sim = make_sim(c);
    sim.add_script(random_requests(rng, 6, 2));
    sim.run(100000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    const LivenessReport live = sim.liveness();
    ASSERT_TRUE(live.quiescent);
    if (live.stuck) {
      ++stuck_runs;
      ASSERT_TRUE(discarded_an_accept(sim)) << "seed " << seed << " stuck without a discarded accept";
    } else {
      ASSERT_FALSE(discarded_an_accept(sim)) << "seed " << seed;
    }
  }
  // Reordering (an accept overtaking an earlier one) is a fault too: it must show up.
  EXPECT_GT(stuck_runs, 0);
}

TEST(Stage1Break, RandomLossNeverBreaksSafetyButGetsStuck) {
  int stuck_runs = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SimConfig c = config_of(1, 3);
    c.link.loss_probability = 0.2;
    c.knobs.client_retry_ticks = 50;
    c.seed = seed;
    Rng rng(seed * 104729);
    Simulation sim = make_sim(c);
    sim.add_script(random_requests(rng, 5, 2));
    sim.run(200000);
    ASSERT_TRUE(sim.checker().safe()) << "seed " << seed;
    if (sim.liveness().stuck) ++stuck_runs;
  }
  EXPECT_GT(stuck_runs, 0);
}

}  // namespace
}  // namespace paxoslab
