// Manual mode (Simulation::step_event): the caller picks which pending
// delivery, timer or scripted action happens next; pending() and
// next_event() show the queue in step() order (effects in progress first).
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

// C1's request reaches S2 at 10 and S1 at 30.
/// `c` without client retries: no client retry timer among the pending events.
SimConfig no_retries(SimConfig c) {
  c.knobs.client_retry_ticks = 0;
  return c;
}

Simulation skewed() {
  SimConfig c = fixed_config(2, 1, 10);
  c.knobs.client_retry_ticks = 0;  // no client retry timer among the pending events
  c.link_overrides = {LinkOverride{C(1), S(1), LinkRules{30, 30, 0, 0}}};
  Simulation sim(c, *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  return sim;
}

TEST(ManualStep, PendingIsSortedAndNextEventIsItsFront) {
  Simulation sim = skewed();
  const auto p = sim.pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].type, PendingEvent::Type::Delivery);
  EXPECT_EQ(p[0].message, MessageId{2});
  EXPECT_EQ(p[0].tick, 10);
  EXPECT_EQ(p[1].message, MessageId{1});
  EXPECT_EQ(p[1].tick, 30);
  ASSERT_TRUE(sim.next_event().has_value());
  EXPECT_EQ(*sim.next_event(), p[0]);
}

TEST(ManualStep, PickingTheLaterDeliveryFirstReordersTheRun) {
  Simulation sim = skewed();
  const auto p = sim.pending();
  ASSERT_TRUE(sim.step_event(p[1]));  // S1's copy (due 30) first
  EXPECT_EQ(sim.now(), 30);
  EXPECT_EQ(sim.finish_effects(), 2u) << "S1's execute and reply, one step each";
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1)}));
  EXPECT_TRUE(sim.executed(ServerId{2}).empty());
  ASSERT_TRUE(sim.step());  // the one due at 10 is now late: delivered at 30
  EXPECT_EQ(sim.now(), 30) << "time never goes back";
  EXPECT_EQ(sim.finish_effects(), 2u);
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(1)}));
  const auto d = events_of(sim, TraceKind::Deliver);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].who, S(1));
  EXPECT_EQ(d[1].who, S(2));
  EXPECT_EQ(d[1].tick, 30);
  EXPECT_EQ(sim.steps(), 6u) << "two deliveries, each with an execute and a reply";
}

TEST(ManualStep, AutoModeTakesTheEarliest) {
  Simulation sim = skewed();
  ASSERT_TRUE(sim.step());
  EXPECT_EQ(sim.now(), 10);
  EXPECT_TRUE(sim.executed(ServerId{2}).empty()) << "the execute is the handler's next step";
  ASSERT_TRUE(sim.next_event().has_value());
  EXPECT_EQ(sim.next_event()->type, PendingEvent::Type::HandlerEffect);
  ASSERT_TRUE(sim.step());
  EXPECT_EQ(sim.now(), 10);
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(1)}));
}

TEST(ManualStep, NotPendingIsRefused) {
  Simulation sim = skewed();
  PendingEvent ghost;
  ghost.type = PendingEvent::Type::Delivery;
  ghost.message = MessageId{99};
  EXPECT_FALSE(sim.step_event(ghost));
  const auto p = sim.pending();
  sim.apply(LoseAction{p[0].message, {}});
  EXPECT_FALSE(sim.step_event(p[0])) << "a lost message is no longer pending";
  ASSERT_EQ(sim.pending().size(), 1u);
  EXPECT_EQ(sim.steps(), 0u);
}

TEST(ManualStep, TimersAndScriptStepsCanBePicked) {
  constexpr ProbeOptions kTimer{.timer_rounds = 1};
  Simulation sim(no_retries(fixed_config(1, 1)), probe_stage<kTimer>());
  sim.add_script({at(100, ClientRequestAction{ClientId{1}, m(1)})});
  auto p = sim.pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].type, PendingEvent::Type::Timer);
  EXPECT_EQ(p[1].type, PendingEvent::Type::Script);
  EXPECT_EQ(p[1].script_index, 0);
  ASSERT_TRUE(sim.step_event(p[1]));
  EXPECT_TRUE(sim.script_done(0));
  EXPECT_EQ(sim.now(), 100);
  p = sim.pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].type, PendingEvent::Type::Timer) << "the late timer is still first";
  ASSERT_TRUE(sim.step_event(p[0]));
  EXPECT_EQ(count_of(sim, TraceKind::TimerFire), 1u);
  EXPECT_FALSE(sim.step_event(p[0]));
}

TEST(ManualStep, DelayedMessageMovesInTheQueue) {
  Simulation sim = skewed();
  sim.apply(DelayAction{MessageId{2}, {}, 40});  // now due at 50
  const auto p = sim.pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].message, MessageId{1});
  EXPECT_EQ(p[1].message, MessageId{2});
  EXPECT_EQ(p[1].tick, 50);
}

// Regression: a scripted step "at t" must come before the events due at t
// (script.hpp Trigger), even when those were scheduled first.
TEST(ManualStep, ScriptAtATickGoesBeforeEventsDueThen) {
  Simulation sim(no_retries(fixed_config(1, 1, 10)), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});  // due at S1 at 10
  MessagePattern req;
  req.kind = MsgKind::Request;
  sim.add_script({at(10, LoseAction{{}, req})});
  const auto p = sim.pending();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].type, PendingEvent::Type::Script);
  EXPECT_EQ(*sim.next_event(), p[0]);
  run_all(sim);
  EXPECT_TRUE(sim.executed(ServerId{1}).empty()) << trace_text(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Drop), 1u);
}

TEST(ManualStep, RunStopsAtMaxTick) {
  Simulation sim = skewed();
  EXPECT_EQ(sim.run(100, 15), 3u) << "S2's delivery, execute and reply";
  EXPECT_EQ(sim.now(), 10);
  EXPECT_EQ(sim.run(1), 1u);
  EXPECT_EQ(sim.now(), 20) << "S2's reply reaches C1 at 20";
}

}  // namespace
}  // namespace paxoslab
