// Liveness (docs/protocol.md): "stuck" only at quiescence, when a live server lacks
// a sent request; crashed servers are not expected to execute anything.
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

TEST(Liveness, FinishedRunIsQuiescentAndNotStuck) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  EXPECT_FALSE(sim.liveness().quiescent) << "messages in flight";
  EXPECT_FALSE(sim.liveness().stuck);
  run_all(sim);
  const LivenessReport r = sim.liveness();
  EXPECT_TRUE(r.quiescent);
  EXPECT_FALSE(r.stuck);
  EXPECT_TRUE(r.missing.empty());
}

TEST(Liveness, LostRequestLeavesTheRunStuck) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(LoseAction{MessageId{2}, {}});  // the copy to S2
  run_all(sim);
  const LivenessReport r = sim.liveness();
  EXPECT_TRUE(r.quiescent);
  EXPECT_TRUE(r.stuck);
  ASSERT_EQ(r.missing.size(), 1u);
  EXPECT_EQ(r.missing[0].first, ServerId{2});
  EXPECT_EQ(r.missing[0].second, m(1));
  EXPECT_NE(r.explanation.find("S2 lacks m1"), std::string::npos) << r.explanation;
}

TEST(Liveness, StuckSentenceGroupsWhatEachServerLacks) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(LoseAction{MessageId{2}, {}});  // m1's copy to S2
  sim.apply(ClientRequestAction{ClientId{2}, m(2)});
  sim.apply(LoseAction{MessageId{4}, {}});  // m2's copy to S2
  run_all(sim);
  const LivenessReport r = sim.liveness();
  ASSERT_TRUE(r.stuck) << r.explanation;
  EXPECT_NE(r.explanation.find("S2 lacks m1 and m2."), std::string::npos) << r.explanation;
}

TEST(Liveness, NotStuckWhileATimerIsArmed) {
  constexpr ProbeOptions kTimer{.timer_rounds = 2};
  Simulation sim(fixed_config(2, 1, 10), probe_stage<kTimer>());
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(LoseAction{MessageId{2}, {}});
  sim.run(1'000'000, 50);
  EXPECT_FALSE(sim.liveness().quiescent);
  EXPECT_FALSE(sim.liveness().stuck) << "a timer can still change things";
  run_all(sim);
  EXPECT_TRUE(sim.liveness().stuck);
}

TEST(Liveness, NotStuckWhileAScriptedStepIsLeft) {
  Simulation sim(fixed_config(1, 1, 10), *find_stage(0));
  sim.add_script({at(500, ClientRequestAction{ClientId{1}, m(2)})});
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(LoseAction{MessageId{1}, {}});
  sim.run(1'000'000, 100);
  EXPECT_FALSE(sim.liveness().quiescent);
  EXPECT_FALSE(sim.liveness().stuck);
}

TEST(Liveness, CrashedServersAreNotCounted) {
  Simulation sim(fixed_config(2, 1, 10), *find_stage(0));
  sim.apply(CrashAction{ServerId{2}});
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_TRUE(sim.liveness().quiescent);
  EXPECT_FALSE(sim.liveness().stuck);
}

}  // namespace
}  // namespace paxoslab
