// Snapshots (core/sim/simulation.hpp): a Simulation is a deep, independent value;
// snapshot() + restore() rewinds a run while keeping its trace history and hash.
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

constexpr ProbeOptions kProbe{.timer_rounds = 4, .uses_failure_detector = true};

Simulation busy_sim(std::uint64_t seed) {
  SimConfig c = fixed_config(3, 2, 10, seed);
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = 25;
  c.link.loss_probability = 0.1;
  c.link.duplicate_probability = 0.1;
  Simulation sim(c, probe_stage<kProbe>());
  std::vector<ScriptStep> script;
  for (int i = 1; i <= 12; ++i) script.push_back(at(i * 7, ClientRequestAction{ClientId{1 + i % 2}, m(i)}));
  script.push_back(at(30, CrashAction{ServerId{1}}));
  script.push_back(at(120, RestartAction{ServerId{1}}));
  script.push_back(at(40, CutLinkAction{S(2), S(3), true}));
  script.push_back(at(90, MendLinkAction{S(2), S(3), true}));
  sim.add_script(script);
  return sim;
}

TEST(Snapshot, RestoreAndRerunGivesTheSameRun) {
  for (std::uint64_t k : {0u, 1u, 17u, 60u}) {
    Simulation sim = busy_sim(5);
    sim.run(k);
    const Simulation snap = sim.snapshot();
    EXPECT_EQ(snap.trace().size(), sim.trace().size());
    EXPECT_EQ(snap.trace().hash(), sim.trace().hash());
    EXPECT_TRUE(snap.trace().events().empty()) << "a snapshot leaves the history behind";
    const std::uint64_t state_at_k = sim.state_hash();
    run_all(sim);
    const auto full_events = sim.trace().events();
    const auto full_hash = sim.trace().hash();
    const auto final_state = sim.state_hash();
    ASSERT_GT(full_events.size(), k);

    sim.restore(snap);
    EXPECT_EQ(sim.steps(), k);
    EXPECT_EQ(sim.state_hash(), state_at_k);
    EXPECT_EQ(sim.trace().size(), snap.trace().size());
    ASSERT_EQ(sim.trace().events().size(), snap.trace().size()) << "history up to the snapshot is kept";
    EXPECT_TRUE(std::equal(sim.trace().events().begin(), sim.trace().events().end(), full_events.begin()));
    run_all(sim);
    EXPECT_EQ(sim.trace().hash(), full_hash) << "k=" << k;
    EXPECT_EQ(sim.trace().events(), full_events);
    EXPECT_EQ(sim.state_hash(), final_state);
  }
}

TEST(Snapshot, CopyIsDeepAndIndependent) {
  Simulation a = busy_sim(9);
  a.run(20);
  Simulation b = a;
  EXPECT_EQ(b.trace().events(), a.trace().events());
  EXPECT_EQ(b.state_hash(), a.state_hash());
  const auto a_hash = a.trace().hash();
  const auto a_state = a.state_hash();
  const auto a_sigma = a.executed(ServerId{2});
  const auto a_pings = probe<kProbe>(a, ServerId{2}).pings_heard();
  run_all(b);
  EXPECT_EQ(a.trace().hash(), a_hash);
  EXPECT_EQ(a.state_hash(), a_state);
  EXPECT_EQ(a.executed(ServerId{2}), a_sigma);
  EXPECT_EQ(probe<kProbe>(a, ServerId{2}).pings_heard(), a_pings);
  EXPECT_NE(&a.server(ServerId{2}), &b.server(ServerId{2}));
  // The original, run on, makes exactly the same run as the copy did.
  run_all(a);
  EXPECT_EQ(a.trace().hash(), b.trace().hash());
  EXPECT_EQ(a.trace().events(), b.trace().events());
}

TEST(Snapshot, AssignmentAndMoveKeepTheRun) {
  Simulation a = busy_sim(3);
  a.run(25);
  Simulation b = busy_sim(4);
  b = a;
  Simulation c = std::move(b);
  run_all(a);
  run_all(c);
  EXPECT_EQ(a.trace().hash(), c.trace().hash());
}

TEST(Snapshot, SnapshotCanRunOnByItself) {
  Simulation sim = busy_sim(11);
  sim.run(30);
  Simulation snap = sim.snapshot();
  run_all(sim);
  run_all(snap);
  EXPECT_EQ(snap.trace().hash(), sim.trace().hash());
  EXPECT_EQ(snap.trace().size(), sim.trace().size());
  EXPECT_EQ(snap.trace().events().size(), sim.trace().size() - snap.trace().first_seq());
}

TEST(Snapshot, RestoreToAnEarlierSnapshotAfterADifferentBranch) {
  Simulation sim = busy_sim(13);
  sim.run(10);
  const Simulation early = sim.snapshot();
  const auto early_events = sim.trace().events();
  sim.run(10);
  sim.apply(CrashAction{ServerId{3}});  // a branch
  run_all(sim);
  sim.restore(early);
  EXPECT_EQ(sim.trace().events(), early_events);
  EXPECT_EQ(sim.trace().hash(), early.trace().hash());
  EXPECT_FALSE(sim.crashed(ServerId{3}));
}

}  // namespace
}  // namespace paxoslab
