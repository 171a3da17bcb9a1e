// One effect per step (core/sim/simulation.hpp, "Effects in progress"):
// a handler's sends, executes, replies and notes are steps of their own, an
// action between two of them acts right there, after-triggers fire right
// after the named effect, and the break-finder's atomic mode gives the same
// trace as before.
#include <gtest/gtest.h>

#include <string>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

EventPattern event(TraceKind kind, int server, std::optional<MsgKind> msg = std::nullopt) {
  EventPattern p;
  p.kind = kind;
  p.who = S(server);
  p.msg_kind = msg;
  return p;
}

bool is_bookkeeping(TraceKind k) { return k == TraceKind::TimerSet || k == TraceKind::TimerCancel; }

/// Stage 2, two servers; C1 sends m1 at tick 0 (S1 leads).
Simulation stage2_one_request() {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(2));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)})});
  return sim;
}

/// Steps until the last trace event is S1's delivery of the Request m1.
void step_to_s1_request(Simulation& sim) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(sim.step());
    const auto& ev = sim.trace().events();
    if (ev.back().kind == TraceKind::Deliver && ev.back().who == S(1) && ev.back().msg_kind == MsgKind::Request) return;
  }
  FAIL() << "S1 never got m1\n" << trace_text(sim);
}

std::size_t index_of(const Simulation& sim, TraceKind k, NodeId who, std::optional<MsgKind> msg = std::nullopt) {
  const auto& ev = sim.trace().events();
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev[i].kind == k && ev[i].who == who && (!msg || ev[i].msg_kind == *msg)) return i;
  return ev.size();
}

TEST(Effects, EachVisibleEffectOfAHandlerIsItsOwnStep) {
  Simulation sim = stage2_one_request();
  step_to_s1_request(sim);
  ASSERT_GT(sim.effects_in_progress(), 0u);
  EXPECT_TRUE(sim.executed(ServerId{1}).empty()) << "sigma grows when the Execute effect is carried out";

  // The leader's handler: send Accept to S2, execute m1, reply to C1, then its
  // note (the retransmission timer rides along with the reply).
  const std::vector<std::string> expected = {"S1: send Accept(m1, 1) to S2", "S1: execute m1 (slot 1)",
                                             "S1: reply to C1 for m1"};
  for (const std::string& want : expected) {
    const auto next = sim.next_event();
    ASSERT_TRUE(next.has_value());
    ASSERT_EQ(next->type, PendingEvent::Type::HandlerEffect);
    EXPECT_EQ(next->tick, sim.now());
    EXPECT_EQ(sim.describe_effect(*next), want);
    const std::size_t before = sim.trace().size();
    const std::uint64_t steps = sim.steps();
    ASSERT_TRUE(sim.step());
    EXPECT_EQ(sim.steps(), steps + 1);
    int visible = 0;
    for (std::size_t i = before; i < sim.trace().size(); ++i)
      visible += is_bookkeeping(sim.trace().events()[i].kind) ? 0 : 1;
    EXPECT_EQ(visible, 1) << want << "\n" << trace_text(sim);
    if (want == expected[0]) {
      EXPECT_TRUE(sim.executed(ServerId{1}).empty());
    }
    if (want == expected[1]) {
      EXPECT_EQ(sim.executed(ServerId{1}), std::vector<RequestId>{m(1)});
    }
  }
  EXPECT_EQ(sim.trace().events().back().kind, TraceKind::TimerSet) << "the timer rides along with the reply";
  const auto note = sim.next_event();
  ASSERT_TRUE(note && note->type == PendingEvent::Type::HandlerEffect);
  EXPECT_NE(sim.describe_effect(*note).find("S1: note"), std::string::npos) << sim.describe_effect(*note);
  ASSERT_TRUE(sim.step());
  EXPECT_EQ(sim.effects_in_progress(), 0u);
}

TEST(Effects, PendingShowsTheEffectsInProgressFirst) {
  Simulation sim = stage2_one_request();
  step_to_s1_request(sim);
  const auto pending = sim.pending();
  ASSERT_GE(pending.size(), 5u);
  // Four visible effects (send, execute, reply, note), then the other events.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(pending[i].type, PendingEvent::Type::HandlerEffect) << i;
    EXPECT_EQ(pending[i].tick, sim.now());
    EXPECT_FALSE(sim.describe_effect(pending[i]).empty());
  }
  EXPECT_NE(pending[4].type, PendingEvent::Type::HandlerEffect);
  EXPECT_EQ(*sim.next_event(), pending[0]);
  // Picking the third effect carries out the two before it first, in order.
  ASSERT_TRUE(sim.step_event(pending[2]));
  EXPECT_EQ(sim.trace().events().back().kind, TraceKind::TimerSet);
  EXPECT_LT(index_of(sim, TraceKind::Execute, S(1)), index_of(sim, TraceKind::Send, S(1), MsgKind::Reply));
  EXPECT_FALSE(sim.step_event(pending[2])) << "no longer pending";
  // Picking another event carries out the effects in progress first.
  ASSERT_TRUE(sim.step_event(pending[4]));
  EXPECT_EQ(sim.effects_in_progress(), 0u);
}

TEST(Effects, ACrashBetweenSendAndExecuteDiscardsTheExecuteAndTheReply) {
  Simulation sim = stage2_one_request();
  sim.add_script({after(event(TraceKind::Send, 1, MsgKind::Accept), CrashAction{ServerId{1}})});
  run_all(sim);
  EXPECT_TRUE(sim.executed(ServerId{1}).empty()) << trace_text(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Execute, S(1)), 0u);
  EXPECT_EQ(index_of(sim, TraceKind::Send, S(1), MsgKind::Reply), sim.trace().events().size()) << "no reply sent";
  bool noted = false;
  for (const auto& e : events_of(sim, TraceKind::Note, S(1)))
    if (e.why.rfind("S1 crashed before: execute m1 (slot 1); reply to C1 for m1", 0) == 0) noted = true;
  EXPECT_TRUE(noted) << trace_text(sim);
  // S2 got the accept: it executes m1 and replies; nothing was observed twice.
  EXPECT_EQ(sim.executed(ServerId{2}), std::vector<RequestId>{m(1)});
  EXPECT_TRUE(sim.checker().violations().empty());
}

TEST(Effects, AnAfterTriggerOnAnExecuteFiresBeforeTheReplyOfTheSameHandler) {
  Simulation sim = stage2_one_request();
  FilterAction lose_reply;
  lose_reply.name = "lose S1's reply";
  lose_reply.pattern.kind = MsgKind::Reply;
  lose_reply.pattern.from = S(1);
  EventPattern exec = event(TraceKind::Execute, 1);
  exec.request = m(1);
  sim.add_script({after(exec, lose_reply)});
  run_all(sim);
  const std::size_t executed = index_of(sim, TraceKind::Execute, S(1));
  const std::size_t rule = index_of(sim, TraceKind::Fault, NodeId{});
  const std::size_t reply = index_of(sim, TraceKind::Send, S(1), MsgKind::Reply);
  ASSERT_LT(reply, sim.trace().events().size()) << trace_text(sim);
  EXPECT_LT(executed, rule);
  EXPECT_LT(rule, reply) << "the rule is in force before the reply is sent\n" << trace_text(sim);
  EXPECT_EQ(rule, executed + 1) << trace_text(sim);
  // So the rule caught S1's reply: C1 heard only from S2.
  ASSERT_FALSE(sim.clients()[0].replies.empty());
  for (const auto& r : sim.clients()[0].replies) EXPECT_EQ(r.server, ServerId{2});
}

TEST(Effects, SameSeedTwiceGivesTheSameTraceHash) {
  const auto run = [] {
    Simulation sim = stage2_one_request();
    sim.add_script({at(0, ClientRequestAction{ClientId{2}, m(2)}),
                    after(event(TraceKind::Execute, 1), CrashAction{ServerId{1}})});
    run_all(sim);
    return std::make_pair(sim.trace().hash(), sim.steps());
  };
  EXPECT_EQ(run(), run());
}

TEST(Effects, AtomicHandlersGiveTheSameTraceInFewerSteps) {
  // Without a trigger between effects, carrying out a handler's effects one
  // per step changes the step count only: the trace (and its hash) is the same.
  const auto run = [](bool atomic) {
    Simulation sim(fixed_config(3, 2, 10), *find_stage(4));
    sim.set_handlers_atomic(atomic);
    sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(0, ClientRequestAction{ClientId{2}, m(2)}),
                    at(50, CrashAction{ServerId{1}}), at(400, RestartAction{ServerId{1}})});
    sim.run(100000, 2000);
    return sim;
  };
  const Simulation per_effect = run(false);
  const Simulation atomic = run(true);
  EXPECT_EQ(trace_text(per_effect), trace_text(atomic));
  EXPECT_EQ(per_effect.trace().hash(), atomic.trace().hash());
  EXPECT_GT(per_effect.steps(), atomic.steps());
  EXPECT_EQ(per_effect.state_hash(), atomic.state_hash());
}

TEST(Effects, ASuspicionAndTheLeaderChangeAreStepsOfTheirOwn) {
  Simulation sim(fixed_config(2, 2, 10), *find_stage(2));
  sim.add_script({at(0, CrashAction{ServerId{1}})});
  // Step to S2's failure-detector timer firing.
  while (sim.step())
    if (sim.trace().events().back().kind == TraceKind::TimerFire) break;
  ASSERT_EQ(sim.trace().events().back().kind, TraceKind::TimerFire) << trace_text(sim);
  ASSERT_TRUE(sim.next_event() && sim.next_event()->type == PendingEvent::Type::HandlerEffect);
  EXPECT_EQ(sim.describe_effect(*sim.next_event()).rfind("S2: suspect S1", 0), 0u);
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
  ASSERT_TRUE(sim.step());
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_EQ(sim.trace().events().back().kind, TraceKind::Suspect);
  ASSERT_TRUE(sim.next_event() && sim.next_event()->type == PendingEvent::Type::HandlerEffect);
  EXPECT_EQ(sim.describe_effect(*sim.next_event()), "S2: change leader (was S1)");
  ASSERT_TRUE(sim.step());
  EXPECT_EQ(count_of(sim, TraceKind::LeaderChange, S(2)), 1u);
}

TEST(Effects, Stage4RestartExecutesADecidedSlotWhoseExecuteACrashDiscarded) {
  Simulation sim(fixed_config(3, 2, 10), *find_stage(4));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)})});
  // Step until S2's next effect is its execute of m1 (the decision is made,
  // its execution point has moved), then crash S2 right there.
  bool found = false;
  for (int i = 0; i < 500 && !found; ++i) {
    const auto next = sim.next_event();
    ASSERT_TRUE(next.has_value()) << trace_text(sim);
    if (next->type == PendingEvent::Type::HandlerEffect &&
        sim.describe_effect(*next).rfind("S2: execute m1", 0) == 0) {
      found = true;
      break;
    }
    sim.step();
  }
  ASSERT_TRUE(found) << trace_text(sim);
  EXPECT_EQ(sim.apply(CrashAction{ServerId{2}}), "");
  EXPECT_TRUE(sim.executed(ServerId{2}).empty());
  sim.run(100, sim.now() + 20);
  EXPECT_EQ(sim.apply(RestartAction{ServerId{2}}), "");
  sim.run(100000, sim.now() + 1000);
  EXPECT_EQ(sim.executed(ServerId{2}), std::vector<RequestId>{m(1)}) << trace_text(sim);
  EXPECT_TRUE(sim.checker().violations().empty()) << trace_text(sim);
}

}  // namespace
}  // namespace paxoslab
