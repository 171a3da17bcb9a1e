// Timers: stage timers armed through the Context, cancelling, crash/restart,
// id uniqueness, and client retry timers (core/sim/server.hpp, core/sim/simulation.hpp).
#include <gtest/gtest.h>

#include <set>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

constexpr ProbeOptions kThreeRounds{.timer_rounds = 3};
constexpr ProbeOptions kCancel{.timer_rounds = 3, .cancel_on_request = true};

TEST(Timers, FireAtTheirDueTickInOrder) {
  SimConfig c = fixed_config(1, 1);
  c.knobs.retransmit_ticks = 40;
  Simulation sim(c, probe_stage<kThreeRounds>());
  run_all(sim);
  EXPECT_EQ(probe<kThreeRounds>(sim, ServerId{1}).timers_fired(), (std::vector<std::int64_t>{1, 2, 3}));
  const auto fires = events_of(sim, TraceKind::TimerFire);
  ASSERT_EQ(fires.size(), 3u);
  EXPECT_EQ(fires[0].tick, 40);
  EXPECT_EQ(fires[1].tick, 80);
  EXPECT_EQ(fires[2].tick, 120);
  const auto sets = events_of(sim, TraceKind::TimerSet);
  ASSERT_EQ(sets.size(), 3u);
  EXPECT_EQ(sets[0].tick, 0);
  EXPECT_EQ(sets[0].value, 40) << "a timer-set event carries the due tick";
  EXPECT_EQ(sim.now(), 120);
  EXPECT_TRUE(sim.timers().empty());
}

TEST(Timers, TimerIdsAreUniqueAcrossServers) {
  Simulation sim(fixed_config(3, 1), probe_stage<kThreeRounds>());
  run_all(sim);
  std::set<std::uint64_t> ids;
  for (const auto& e : events_of(sim, TraceKind::TimerSet)) EXPECT_TRUE(ids.insert(e.timer.value).second);
  EXPECT_EQ(ids.size(), 9u);
  EXPECT_EQ(*ids.begin(), 1u);
  EXPECT_EQ(*ids.rbegin(), 9u);
}

TEST(Timers, PendingTimersAreListedInIdOrder) {
  Simulation sim(fixed_config(3, 1), probe_stage<kThreeRounds>());
  const auto timers = sim.timers();
  ASSERT_EQ(timers.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(timers[i].id.value, i + 1);
    EXPECT_EQ(timers[i].owner, S(static_cast<int>(i) + 1));
    EXPECT_EQ(timers[i].kind, TimerKind::Stage);
    EXPECT_EQ(timers[i].due_tick, 40);
  }
}

TEST(Timers, CancelledTimerNeverFires) {
  SimConfig c = fixed_config(1, 1);
  Simulation sim(c, probe_stage<kCancel>());
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});  // arrives at 10, cancels timer 1 (due 40)
  run_all(sim);
  EXPECT_TRUE(probe<kCancel>(sim, ServerId{1}).timers_fired().empty());
  EXPECT_EQ(count_of(sim, TraceKind::TimerCancel), 1u);
  EXPECT_EQ(count_of(sim, TraceKind::TimerFire), 0u);
  EXPECT_TRUE(sim.liveness().quiescent);
}

TEST(Timers, CrashCancelsTimersAndRestartRearms) {
  Simulation sim(fixed_config(2, 1), probe_stage<kThreeRounds>());
  sim.add_script({at(50, CrashAction{ServerId{1}}), at(200, RestartAction{ServerId{1}})});
  run_all(sim);
  const auto& s1 = probe<kThreeRounds>(sim, ServerId{1});
  // Fired tag 1 at 40; crashed at 50 (tag 2 due 80 gone); restart arms tag 1 again.
  EXPECT_EQ(s1.timers_fired(), (std::vector<std::int64_t>{1, 1, 2, 3}));
  EXPECT_EQ(s1.restarts(), 1);
  const auto fires = events_of(sim, TraceKind::TimerFire, S(1));
  ASSERT_EQ(fires.size(), 4u);
  EXPECT_EQ(fires[1].tick, 240);
  EXPECT_EQ(probe<kThreeRounds>(sim, ServerId{2}).timers_fired(), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(Timers, ClientRetryResendsUnansweredRequests) {
  SimConfig c = fixed_config(1, 1);
  c.knobs.client_retry_ticks = 50;
  Simulation sim(c, *find_stage(0));
  MessagePattern first_request;
  first_request.kind = MsgKind::Request;
  FilterAction lose_once{"once", first_request, FilterAction::Effect::Lose, 1, 0};
  sim.apply(lose_once);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1)}));
  ASSERT_EQ(sim.clients()[0].replies.size(), 1u);
  EXPECT_EQ(sim.clients()[0].replies[0].tick, 50 + 20);
  EXPECT_TRUE(sim.clients()[0].unanswered.empty());
  EXPECT_EQ(count_of(sim, TraceKind::ClientRequest), 2u);
  EXPECT_TRUE(sim.liveness().quiescent) << "the retry timer stops once everything is answered";
}

}  // namespace
}  // namespace paxoslab
