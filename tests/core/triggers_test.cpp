// Scripted steps "after <event>" (core/sim/script.hpp Trigger): occurrence
// counting, firing right after the event (the end of the step that recorded
// it: one effect per step), chains.
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

EventPattern executes(int server, int request, int occurrence = 1) {
  EventPattern p;
  p.kind = TraceKind::Execute;
  p.who = S(server);
  p.request = m(request);
  p.occurrence = occurrence;
  return p;
}

std::size_t index_of(const Simulation& sim, TraceKind k, NodeId who = {}) {
  const auto& ev = sim.trace().events();
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev[i].kind == k && (!who.valid() || ev[i].who == who)) return i;
  return ev.size();
}

TEST(Triggers, AfterExecuteCrashFiresRightAfterTheExecuteBeforeTheReply) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), after(executes(1, 1), CrashAction{ServerId{1}})});
  EXPECT_FALSE(sim.script_done(1));
  run_all(sim);
  EXPECT_TRUE(sim.script_done(1));
  const auto crash = events_of(sim, TraceKind::Crash);
  ASSERT_EQ(crash.size(), 1u);
  EXPECT_EQ(crash[0].tick, 10);
  // One effect per step: the crash lands between S1's execute and its reply,
  // so the reply is never sent.
  EXPECT_EQ(index_of(sim, TraceKind::Crash), index_of(sim, TraceKind::Execute, S(1)) + 1);
  for (const auto& e : sim.trace().events())
    EXPECT_FALSE(e.kind == TraceKind::Send && e.who == S(1) && e.msg_kind == MsgKind::Reply) << to_text(e);
  EXPECT_EQ(sim.executed(ServerId{1}), std::vector<RequestId>{m(1)});
  EXPECT_TRUE(sim.crashed(ServerId{1}));
}

TEST(Triggers, OccurrenceCountsMatches) {
  Simulation sim(fixed_config(1, 2, 10), *find_stage(0));
  EventPattern second_deliver;
  second_deliver.kind = TraceKind::Deliver;
  second_deliver.who = S(1);
  second_deliver.occurrence = 2;
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(5, ClientRequestAction{ClientId{2}, m(2)}),
                  at(20, ClientRequestAction{ClientId{1}, m(3)}), after(second_deliver, CrashAction{ServerId{1}})});
  run_all(sim);
  const auto crash = events_of(sim, TraceKind::Crash);
  ASSERT_EQ(crash.size(), 1u);
  EXPECT_EQ(crash[0].tick, 15);
  // The crash lands right after the second delivery, before its handler's
  // execute of m2 (one effect per step).
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1)}));
}

TEST(Triggers, ChainsFireInTheSameStep) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  EventPattern crashed;
  crashed.kind = TraceKind::Crash;
  crashed.who = S(1);
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), after(executes(1, 1), CrashAction{ServerId{1}}),
                  after(crashed, ClientRequestAction{ClientId{2}, m(2)})});
  run_all(sim);
  const auto reqs = events_of(sim, TraceKind::ClientRequest);
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1].tick, 10);
  EXPECT_GT(index_of(sim, TraceKind::ClientRequest, C(2)), index_of(sim, TraceKind::Crash));
  EXPECT_TRUE(sim.script_done(1));
  EXPECT_TRUE(sim.script_done(2));
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(1), m(2)}));
}

TEST(Triggers, AfterStepsFireOnEventsCausedByApply) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(0));
  EventPattern cut;
  cut.kind = TraceKind::LinkCut;
  sim.add_script({after(cut, CrashAction{ServerId{2}})});
  sim.apply(CutLinkAction{S(1), S(2), false});
  EXPECT_TRUE(sim.crashed(ServerId{2}));
}

TEST(Triggers, PatternThatNeverMatchesNeverFiresAndDoesNotBlockQuiescence) {
  Simulation sim(fixed_config(1, 1, 10), *find_stage(0));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), after(executes(1, 7), CrashAction{ServerId{1}})});
  run_all(sim);
  EXPECT_FALSE(sim.script_done(1));
  EXPECT_FALSE(sim.crashed(ServerId{1}));
  EXPECT_TRUE(sim.liveness().quiescent);
}

TEST(Triggers, AtTickStepsInThePastRunNow) {
  Simulation sim(fixed_config(1, 1, 10), *find_stage(0));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  ASSERT_EQ(sim.now(), 20);
  sim.add_script({at(5, CrashAction{ServerId{1}})});
  run_all(sim);
  const auto crash = events_of(sim, TraceKind::Crash);
  ASSERT_EQ(crash.size(), 1u);
  EXPECT_EQ(crash[0].tick, 20);
}

}  // namespace
}  // namespace paxoslab
