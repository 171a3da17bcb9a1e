// Boring stretches (core/lessons/step_novelty.hpp): which steps bring nothing new,
// and how a run of them is summed up.
#include <gtest/gtest.h>

#include "core/lessons/step_novelty.hpp"

namespace paxoslab {
namespace {

NodeId S(int i) { return NodeId::of(ServerId{i}); }

/// A hand-made trace: messages and events appended in order.
class TraceBuilder {
 public:
  /// Records message `payload` from -> to and its send event; returns the message id.
  MessageId send(NodeId from, NodeId to, Payload payload) {
    Envelope env;
    env.id = MessageId{++messages_};
    env.from = from;
    env.to = to;
    env.payload = std::move(payload);
    trace.record_message(env);
    event(TraceKind::Send, from, to, env.id, env.payload.kind);
    return env.id;
  }
  std::uint64_t event(TraceKind kind, NodeId who, NodeId other = {}, MessageId m = {},
                      MsgKind mk = MsgKind::Request, std::string why = {}, TimerId timer = {}) {
    TraceEvent e;
    e.kind = kind;
    e.who = who;
    e.other = other;
    e.message = m;
    e.msg_kind = mk;
    e.why = std::move(why);
    e.timer = timer;
    return trace.append(e);
  }
  Trace trace;

 private:
  std::uint64_t messages_ = 0;
};

Payload accept(int m, int slot) {
  Payload p;
  p.kind = MsgKind::Accept;
  p.request = RequestId{m};
  p.slot = slot;
  return p;
}

TEST(StepNovelty, AFirstSendIsNewAnIdenticalResendIsNot) {
  TraceBuilder b;
  b.send(S(1), S(2), accept(1, 1));
  EXPECT_FALSE(classify_step(b.trace, 0, 1).nothing_new);
  const std::uint64_t first = b.trace.size();
  b.send(S(1), S(2), accept(1, 1));
  const StepNovelty s = classify_step(b.trace, first, b.trace.size());
  EXPECT_TRUE(s.nothing_new);
  EXPECT_EQ(s.retransmissions, 1);
  // A different payload, or another receiver, is new.
  const std::uint64_t third = b.trace.size();
  b.send(S(1), S(2), accept(2, 2));
  EXPECT_FALSE(classify_step(b.trace, third, b.trace.size()).nothing_new);
  const std::uint64_t fourth = b.trace.size();
  b.send(S(1), S(3), accept(1, 1));
  EXPECT_FALSE(classify_step(b.trace, fourth, b.trace.size()).nothing_new);
}

TEST(StepNovelty, ARepeatDeliveryIsNothingNewButTheFirstArrivalAfterALossIs) {
  TraceBuilder b;
  const MessageId lost = b.send(S(1), S(2), accept(1, 1));
  b.event(TraceKind::Drop, S(2), S(1), lost, MsgKind::Accept);
  const MessageId resent = b.send(S(1), S(2), accept(1, 1));
  std::uint64_t at = b.trace.size();
  b.event(TraceKind::Deliver, S(2), S(1), resent, MsgKind::Accept);
  EXPECT_FALSE(classify_step(b.trace, at, b.trace.size()).nothing_new) << "S2 never had it: news";
  const MessageId again = b.send(S(1), S(2), accept(1, 1));
  at = b.trace.size();
  b.event(TraceKind::Deliver, S(2), S(1), again, MsgKind::Accept);
  const StepNovelty s = classify_step(b.trace, at, b.trace.size());
  EXPECT_TRUE(s.nothing_new);
  EXPECT_EQ(s.repeat_deliveries, 1);
}

TEST(StepNovelty, HeartbeatsAndTimerBookkeepingAreNothingNew) {
  TraceBuilder b;
  Payload hb;
  hb.kind = MsgKind::Heartbeat;
  const MessageId h = b.send(S(1), S(2), hb);
  b.event(TraceKind::Deliver, S(2), S(1), h, MsgKind::Heartbeat);
  StepNovelty s = classify_step(b.trace, 0, b.trace.size());
  EXPECT_TRUE(s.nothing_new);
  EXPECT_EQ(s.heartbeats, 2);

  std::uint64_t at = b.trace.size();
  b.event(TraceKind::TimerSet, S(1), {}, {}, MsgKind::Request, "retransmit the accept", TimerId{1});
  EXPECT_FALSE(classify_step(b.trace, at, b.trace.size()).nothing_new) << "a first timer is news";
  at = b.trace.size();
  b.event(TraceKind::TimerFire, S(1), {}, {}, MsgKind::Request, {}, TimerId{1});
  EXPECT_FALSE(classify_step(b.trace, at, b.trace.size()).nothing_new) << "its first firing too";
  at = b.trace.size();
  b.event(TraceKind::TimerSet, S(1), {}, {}, MsgKind::Request, "retransmit the accept", TimerId{2});
  b.event(TraceKind::TimerFire, S(1), {}, {}, MsgKind::Request, {}, TimerId{2});
  b.event(TraceKind::TimerCancel, S(1), {}, {}, MsgKind::Request, "learned", TimerId{3});
  s = classify_step(b.trace, at, b.trace.size());
  EXPECT_TRUE(s.nothing_new);
  EXPECT_EQ(s.timer_rearms, 3);
}

TEST(StepNovelty, OneNewEffectMakesTheStepNew) {
  TraceBuilder b;
  b.send(S(1), S(2), accept(1, 1));
  const std::uint64_t at = b.trace.size();
  b.send(S(1), S(2), accept(1, 1));
  b.event(TraceKind::Execute, S(1));
  const StepNovelty s = classify_step(b.trace, at, b.trace.size());
  EXPECT_FALSE(s.nothing_new);
  EXPECT_EQ(s.retransmissions, 1);
  EXPECT_EQ(s.new_effects, 1);
}

TEST(StepNovelty, RepeatedNotesAndEmptyStepsAreNothingNew) {
  TraceBuilder b;
  b.event(TraceKind::Note, S(2), {}, {}, MsgKind::Request, "ignored: promised rnd 2 > 1");
  EXPECT_FALSE(classify_step(b.trace, 0, 1).nothing_new);
  b.event(TraceKind::Note, S(2), {}, {}, MsgKind::Request, "ignored: promised rnd 2 > 1");
  EXPECT_EQ(classify_step(b.trace, 1, 2).repeated_notes, 1);
  EXPECT_TRUE(classify_step(b.trace, 2, 2).nothing_new);
}

TEST(QuietStretch, SummariesNameWhatWasRepeated) {
  QuietStretch q;
  EXPECT_TRUE(q.empty());
  StepNovelty r;
  r.nothing_new = true;
  r.retransmissions = 1;
  for (int i = 0; i < 3; ++i) q.add(r);
  EXPECT_EQ(q.summary(), "3 retransmissions, nothing new");
  StepNovelty t;
  t.nothing_new = true;
  t.timer_rearms = 1;
  q.add(t);
  EXPECT_EQ(q.summary(), "3 retransmissions, 1 timer re-arm: nothing new");
  QuietStretch empty_steps;
  empty_steps.add(StepNovelty{true});
  empty_steps.add(StepNovelty{true});
  EXPECT_EQ(empty_steps.summary(), "2 steps, nothing new");
}

}  // namespace
}  // namespace paxoslab
