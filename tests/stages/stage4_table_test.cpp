// Stage 4 LeaderChange table tests: one message in -> the effects out (sends,
// executions, replies) and the one-line why, for each rule of docs/protocol.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "stages/stage4_leader_change/server.hpp"
#include "tests/stages/stage_test_support.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing_support;
using Lines = std::vector<std::string>;

Envelope msg(NodeId from, NodeId to, MsgKind kind, std::int64_t rnd, std::int64_t slot = 0, int m = 0,
             std::vector<AcceptedEntry> accepted = {}) {
  Envelope e = envelope(from, to, kind, M(m), slot);
  e.payload.rnd = rnd;
  e.payload.accepted = std::move(accepted);
  return e;
}

const stage4::LeaderChange& as4(Harness& h) { return dynamic_cast<const stage4::LeaderChange&>(h.server()); }

TEST(Stage4Table, LeaderProposesNewRequestInNextSlot) {
  Harness h(4, 3, 1);
  EXPECT_EQ(as4(h).role(), stage4::LeaderChange::Role::Leader);
  EXPECT_EQ(as4(h).round(), 1);
  const Lines out = h.deliver(request(1, 1, 1));
  ASSERT_GE(out.size(), 3u);
  EXPECT_EQ(out[0], "send S2 Accept(rnd 1, slot 1, m1)");
  EXPECT_EQ(out[1], "send S3 Accept(rnd 1, slot 1, m1)");
  EXPECT_EQ(out[2].rfind("timer 40", 0), 0u);
  EXPECT_NE(h.why().find("propose m1 in slot 1"), std::string::npos);
}

TEST(Stage4Table, AcceptorPromisesHigherRoundAndReportsAccepted) {
  Harness h(4, 3, 3);
  h.deliver(msg(NS(1), NS(3), MsgKind::Accept, 1, 1, 1));
  const Lines out = h.deliver(msg(NS(2), NS(3), MsgKind::Prepare, 5));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], "send S2 Promise(rnd 5, [slot 1: vrnd 1 m1])");
  EXPECT_EQ(as4(h).promised(), 5);
}

// Fig. 10's "Ignore": a lower round changes nothing at the acceptor - it is
// answered with Nack(promised rnd, slot) so its sender can move above it.
TEST(Stage4Table, AcceptorRefusesLowerRoundsAfterPromisingWithANack) {
  Harness h(4, 3, 3);
  EXPECT_EQ(h.deliver(msg(NS(2), NS(3), MsgKind::Prepare, 2)), Lines{"send S2 Promise(rnd 2, [-])"});
  EXPECT_EQ(h.deliver(msg(NS(1), NS(3), MsgKind::Accept, 1, 1, 1)),
            Lines{"send S1 Nack(promised rnd 2, refused Accept for slot 1)"});
  EXPECT_EQ(h.why(), "S3 refused Accept(rnd 1, slot 1) because it promised rnd 2: answer Nack(2)");
  EXPECT_EQ(h.deliver(msg(NS(1), NS(3), MsgKind::Prepare, 1)), Lines{"send S1 Nack(promised rnd 2, refused Prepare)"});
  EXPECT_EQ(h.why(), "S3 refused Prepare(rnd 1) because it promised rnd 2: answer Nack(2)");
  EXPECT_EQ(as4(h).promised(), 2);
  EXPECT_TRUE(as4(h).slots().empty() || as4(h).slots().begin()->second.vrnd == 0);
  // A repeat of the promised Prepare is answered again (its Promise may have been lost).
  EXPECT_EQ(h.deliver(msg(NS(2), NS(3), MsgKind::Prepare, 2)), Lines{"send S2 Promise(rnd 2, [-])"});
}

TEST(Stage4Table, FollowerOfThreeDecidesOnAcceptPlusOwnLearn) {
  Harness h(4, 3, 2);
  const Lines out = h.deliver(msg(NS(1), NS(2), MsgKind::Accept, 1, 1, 1));
  ASSERT_GE(out.size(), 4u);
  EXPECT_EQ(out[0], "send S1 Learn(rnd 1, slot 1, m1)");
  EXPECT_EQ(out[1], "send S3 Learn(rnd 1, slot 1, m1)");
  EXPECT_EQ(out[2], "execute m1 j=1");
  EXPECT_EQ(out[3], "reply m1 |sigma|=1");
}

TEST(Stage4Table, FollowerOfFiveNeedsOneMoreLearn) {
  Harness h(4, 5, 2);
  Lines out = h.deliver(msg(NS(1), NS(2), MsgKind::Accept, 1, 1, 1));
  for (const auto& l : out) EXPECT_EQ(l.find("execute"), std::string::npos) << l;
  EXPECT_EQ(std::count_if(out.begin(), out.end(), [](const std::string& l) { return l.find("Learn") != std::string::npos; }),
            4);
  out = h.deliver(msg(NS(4), NS(2), MsgKind::Learn, 1, 1, 1));
  EXPECT_NE(std::find(out.begin(), out.end(), "execute m1 j=1"), out.end());
}

TEST(Stage4Table, LearnToLeaderModeWaitsForCommit) {
  SimConfig c;
  c.stage = 4;
  c.servers = 3;
  c.knobs.learn_mode = LearnMode::ToLeaderThenCommit;
  stage4::LeaderChange s(ServerId{2}, c);
  std::vector<RequestId> sigma;
  std::uint64_t timers = 0;
  Context ctx(ServerId{2}, 0, c, 0, sigma, timers);
  s.on_message(ctx, msg(NS(1), NS(2), MsgKind::Accept, 1, 1, 1));
  int learns = 0;
  for (const auto& e : ctx.effects())
    if (const auto* send = std::get_if<SendEffect>(&e)) {
      EXPECT_EQ(send->to, NS(1));
      learns += send->payload.kind == MsgKind::Learn;
    }
  EXPECT_EQ(learns, 1);
  EXPECT_TRUE(sigma.empty()) << "a follower waits for the leader's Commit";
  Context ctx2(ServerId{2}, 0, c, 0, sigma, timers);
  s.on_message(ctx2, msg(NS(1), NS(2), MsgKind::Commit, 1, 1, 1));
  EXPECT_EQ(ctx2.executed(), std::vector<RequestId>{M(1)});
  EXPECT_TRUE(sigma.empty()) << "sigma grows when the Simulation carries out the Execute effect";
}

TEST(Stage4Table, NewLeaderRunsPhase1ThenReproposesHighestVrndAndFillsGaps) {
  Harness h(4, 3, 2);
  h.set_suspects(1, true);
  Lines out = h.leader_change(S(1));
  EXPECT_EQ(out[0], "send S1 Prepare(rnd 2)");
  EXPECT_EQ(out[1], "send S3 Prepare(rnd 2)");
  EXPECT_EQ(as4(h).role(), stage4::LeaderChange::Role::Candidate);
  // S3 reports slot 2 only: slot 2 is re-proposed with its value, slot 1 gets a no-op.
  out = h.deliver(msg(NS(3), NS(2), MsgKind::Promise, 2, 0, 0, {AcceptedEntry{2, 1, M(7)}}));
  EXPECT_EQ(as4(h).role(), stage4::LeaderChange::Role::Leader);
  EXPECT_NE(std::find(out.begin(), out.end(), "send S3 Accept(rnd 2, slot 1, noop)"), out.end());
  EXPECT_NE(std::find(out.begin(), out.end(), "send S3 Accept(rnd 2, slot 2, m7)"), out.end());
}

TEST(Stage4Table, HighestVrndWinsAmongPromises) {
  Harness h(4, 5, 3);
  h.set_suspects(1, true);
  h.set_suspects(2, true);
  EXPECT_EQ(h.leader_change(S(1))[0], "send S1 Prepare(rnd 3)");
  h.deliver(msg(NS(4), NS(3), MsgKind::Promise, 3, 0, 0, {AcceptedEntry{1, 1, M(1)}}));
  const Lines out = h.deliver(msg(NS(5), NS(3), MsgKind::Promise, 3, 0, 0, {AcceptedEntry{1, 2, M(9)}}));
  EXPECT_NE(std::find(out.begin(), out.end(), "send S4 Accept(rnd 3, slot 1, m9)"), out.end()) << h.why();
  EXPECT_EQ(std::find(out.begin(), out.end(), "send S4 Accept(rnd 3, slot 1, m1)"), out.end());
}

TEST(Stage4Table, PreemptedLeaderStartsAHigherRound) {
  Harness h(4, 3, 1);
  // S2 (falsely suspecting S1) prepares rnd 2; S1 promises and, still its own leader, outbids with rnd 4.
  const Lines out = h.deliver(msg(NS(2), NS(1), MsgKind::Prepare, 2));
  EXPECT_EQ(out[0], "send S2 Promise(rnd 2, [-])");
  EXPECT_NE(std::find(out.begin(), out.end(), "send S2 Prepare(rnd 4)"), out.end());
  EXPECT_EQ(as4(h).round(), 4);
}

// A Nack carrying a higher round moves a leader above it at once the first
// time; pre-empted again without deciding anything since (duelling leaders),
// it backs off instead of preparing at once.
TEST(Stage4Table, NackMovesALeaderUpAtOnceThenItBacksOff) {
  Harness h(4, 3, 1);
  Lines out = h.deliver(msg(NS(3), NS(1), MsgKind::Nack, 5, 1));
  EXPECT_NE(std::find(out.begin(), out.end(), "send S2 Prepare(rnd 7)"), out.end()) << h.why();
  EXPECT_EQ(as4(h).round(), 7);
  EXPECT_EQ(as4(h).backoff(), 1);
  out = h.deliver(msg(NS(3), NS(1), MsgKind::Nack, 8, 0));
  for (const auto& line : out) EXPECT_EQ(line.find("Prepare"), std::string::npos) << line;
  EXPECT_EQ(as4(h).round(), 7) << "backing off: no new round yet";
  EXPECT_EQ(as4(h).role(), stage4::LeaderChange::Role::Candidate);
  // A stale Nack (a round below its own) changes nothing.
  Harness h2(4, 3, 1);
  EXPECT_TRUE(h2.deliver(msg(NS(3), NS(1), MsgKind::Nack, 0, 1)).empty());
  EXPECT_EQ(as4(h2).round(), 1);
}

TEST(Stage4Table, RepeatedRequestInALaterSlotIsANoop) {
  Harness h(4, 3, 2);
  h.deliver(msg(NS(1), NS(2), MsgKind::Accept, 1, 1, 1));
  const Lines out = h.deliver(msg(NS(1), NS(2), MsgKind::Accept, 1, 2, 1));
  for (const auto& l : out) EXPECT_EQ(l.find("execute"), std::string::npos) << l;
  EXPECT_EQ(h.sigma(), std::vector<RequestId>{M(1)});
  bool noted = false;
  for (const auto& n : h.notes()) noted |= n.find("already executed: a no-op") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(Stage4Table, RestartKeepsPromisedAcceptedAndDecidedOnly) {
  Harness h(4, 3, 3);
  h.deliver(msg(NS(1), NS(3), MsgKind::Accept, 1, 1, 1));    // decided (n=3) and executed
  h.deliver(msg(NS(2), NS(3), MsgKind::Prepare, 5));
  h.deliver(msg(NS(2), NS(3), MsgKind::Accept, 5, 2, 2));    // decided too
  h.deliver(request(1, 3, 9));                                // queued (volatile)
  const std::uint64_t before = h.server().state_hash();
  h.restart();
  EXPECT_NE(h.server().state_hash(), before);
  EXPECT_EQ(as4(h).promised(), 5);
  EXPECT_EQ(as4(h).slots().at(1).vrnd, 1);
  EXPECT_TRUE(as4(h).slots().at(2).decided);
  EXPECT_TRUE(as4(h).slots().at(2).learns.empty());
  EXPECT_TRUE(as4(h).queue().empty());
  EXPECT_EQ(as4(h).applied_slot(), 2);
}

TEST(Stage4Table, CloneCopiesAndHashCoversState) {
  Harness h(4, 3, 2);
  const auto copy = h.server().clone();
  EXPECT_EQ(copy->state_hash(), h.server().state_hash());
  h.deliver(msg(NS(1), NS(2), MsgKind::Accept, 1, 1, 1));
  EXPECT_NE(copy->state_hash(), h.server().state_hash());
  const ServerView v = h.server().view();
  EXPECT_EQ(v.role, "follower");
  ASSERT_EQ(v.slots.size(), 1u);
  EXPECT_TRUE(v.slots[0].decided);
  EXPECT_EQ(v.slots[0].learns, "rnd 1: S1 S2");
}

}  // namespace
}  // namespace paxoslab
