// Faults on demand and standing fault rules (core/sim/script.hpp actions applied
// by Simulation::apply): lose / duplicate / delay / deliver-now by id and by
// pattern, filters with counts, cut/mend, partition/heal, crash/restart.
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

// Open-loop clients without retries: these tests script several requests of
// one client and count messages, whatever the replies do.
Simulation stage0(int servers, Tick delay = 10) {
  SimConfig c = fixed_config(servers, 2, delay);
  c.knobs.client_mode = ClientMode::OpenLoop;
  c.knobs.client_retry_ticks = 0;
  return Simulation(c, *find_stage(0));
}

MessagePattern request_to(int server) {
  MessagePattern p;
  p.kind = MsgKind::Request;
  p.to = S(server);
  return p;
}

TEST(Faults, LoseById) {
  Simulation sim = stage0(2);
  ASSERT_EQ(sim.apply(ClientRequestAction{ClientId{1}, m(1)}), "");
  ASSERT_EQ(sim.network().in_flight().size(), 2u);
  const MessageId to_s2{2};
  ASSERT_EQ(sim.network().find(to_s2)->envelope.to, S(2));
  EXPECT_EQ(sim.apply(LoseAction{to_s2, {}}), "");
  EXPECT_EQ(sim.network().find(to_s2), nullptr);
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1)}));
  EXPECT_TRUE(sim.executed(ServerId{2}).empty());
  const auto drops = events_of(sim, TraceKind::Drop);
  ASSERT_EQ(drops.size(), 1u);
  EXPECT_EQ(drops[0].message, to_s2);
}

TEST(Faults, LoseByPatternTakesTheEarliestSentMatch) {
  Simulation sim = stage0(2);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});  // #1 -> S1, #2 -> S2
  sim.apply(ClientRequestAction{ClientId{2}, m(2)});  // #3 -> S1, #4 -> S2
  EXPECT_EQ(sim.apply(LoseAction{{}, request_to(2)}), "");
  EXPECT_EQ(sim.network().find(MessageId{2}), nullptr);
  EXPECT_NE(sim.network().find(MessageId{4}), nullptr);
}

TEST(Faults, NothingMatchingIsANoteNotAnError) {
  Simulation sim = stage0(2);
  const std::string err = sim.apply(LoseAction{MessageId{42}, {}});
  EXPECT_FALSE(err.empty());
  const auto notes = events_of(sim, TraceKind::Note);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].why.find(err), std::string::npos);
  EXPECT_FALSE(sim.apply(DuplicateAction{{}, request_to(1)}).empty());
  EXPECT_FALSE(sim.apply(DelayAction{{}, request_to(1), 5}).empty());
  EXPECT_FALSE(sim.apply(DeliverNowAction{{}, request_to(1)}).empty());
}

TEST(Faults, DuplicateMakesANewMessageThatArrivesToo) {
  Simulation sim = stage0(1);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});  // #1
  ASSERT_EQ(sim.apply(DuplicateAction{MessageId{1}, {}}), "");
  const auto* copy = sim.network().find(MessageId{2});
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->envelope.duplicate_of, MessageId{1});
  EXPECT_EQ(copy->envelope.payload, sim.network().find(MessageId{1})->envelope.payload);
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Duplicate), 1u);
  // Both copies arrive; Stage 0 ignores the repeat (no double execution).
  EXPECT_EQ(count_of(sim, TraceKind::Deliver, S(1)), 2u);
  EXPECT_EQ(sim.executed(ServerId{1}).size(), 1u);
  EXPECT_TRUE(sim.checker().safe());
}

TEST(Faults, DelayByIdMovesTheArrival) {
  Simulation sim = stage0(2);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});  // #1 -> S1 at 10, #2 -> S2 at 10
  EXPECT_FALSE(sim.apply(DelayAction{MessageId{1}, {}, 0}).empty()) << "a delay needs at least 1 tick";
  ASSERT_EQ(sim.apply(DelayAction{MessageId{1}, {}, 25}), "");
  EXPECT_EQ(sim.network().find(MessageId{1})->envelope.arrival_tick, 35);
  EXPECT_EQ(sim.trace().message(MessageId{1})->arrival_tick, 35);
  run_all(sim);
  const auto d1 = events_of(sim, TraceKind::Deliver, S(1));
  const auto d2 = events_of(sim, TraceKind::Deliver, S(2));
  ASSERT_EQ(d1.size(), 1u);
  ASSERT_EQ(d2.size(), 1u);
  EXPECT_EQ(d1[0].tick, 35);
  EXPECT_EQ(d2[0].tick, 10);
  EXPECT_EQ(d1[0].message, MessageId{1});
}

TEST(Faults, DeliverNowDeliversAtTheCurrentTick) {
  Simulation sim = stage0(2);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(ClientRequestAction{ClientId{2}, m(2)});  // #3 -> S1
  ASSERT_EQ(sim.apply(DeliverNowAction{MessageId{3}, {}}), "");
  EXPECT_EQ(sim.steps(), 1u);
  EXPECT_EQ(sim.finish_effects(), 2u) << "S1's execute and reply follow, one step each";
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(2)}));
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(2), m(1)}));
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(1), m(2)}));
  EXPECT_FALSE(sim.checker().safe());
}

TEST(Faults, FilterLosesTheNextCountMatches) {
  Simulation sim = stage0(1);
  FilterAction f;
  f.name = "drop2";
  f.pattern.kind = MsgKind::Reply;
  f.count = 2;
  ASSERT_EQ(sim.apply(f), "");
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(1, ClientRequestAction{ClientId{1}, m(2)}),
                  at(2, ClientRequestAction{ClientId{2}, m(3)})});
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Drop), 2u);
  EXPECT_EQ(count_of(sim, TraceKind::Reply), 1u);
  EXPECT_TRUE(sim.links().filters().empty());
}

TEST(Faults, FilterEveryUntilRemoved) {
  Simulation sim = stage0(1);
  FilterAction f;
  f.name = "all";
  f.pattern.kind = MsgKind::Reply;
  f.count = -1;
  sim.apply(f);
  EXPECT_FALSE(sim.apply(FilterAction{"bad", {}, FilterAction::Effect::Lose, 0, 0}).empty());
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(1, ClientRequestAction{ClientId{1}, m(2)}),
                  at(100, RemoveFilterAction{"all"}), at(101, ClientRequestAction{ClientId{2}, m(3)})});
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Drop), 2u);
  EXPECT_EQ(count_of(sim, TraceKind::Reply), 1u);
  EXPECT_FALSE(sim.apply(RemoveFilterAction{"all"}).empty());
}

TEST(Faults, FilterDuplicateAndDelay) {
  Simulation sim = stage0(1);
  FilterAction dup;
  dup.name = "dup";
  dup.effect = FilterAction::Effect::Duplicate;
  dup.pattern.kind = MsgKind::Request;
  FilterAction slow;
  slow.name = "slow";
  slow.effect = FilterAction::Effect::Delay;
  slow.delay_ticks = 30;
  slow.pattern.kind = MsgKind::Reply;
  sim.apply(dup);
  sim.apply(slow);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Duplicate), 1u);
  EXPECT_EQ(count_of(sim, TraceKind::Deliver, S(1)), 2u);
  EXPECT_EQ(sim.executed(ServerId{1}).size(), 1u) << "the copy is not executed again";
  // Stage 0 answers the copy too (docs/protocol.md, Stage 0: a repeated request is answered).
  const auto replies = events_of(sim, TraceKind::Reply);
  ASSERT_EQ(replies.size(), 2u);
  // The delay rule (count 1) holds back the first reply only.
  EXPECT_EQ(replies[0].tick, 10 + 10);
  EXPECT_EQ(replies[1].tick, 10 + 10 + 30);
}

TEST(Faults, TwoWayCutDropsBothDirectionsUntilMended) {
  Simulation sim = stage0(2);
  ASSERT_EQ(sim.apply(CutLinkAction{C(1), S(2), false}), "");
  EXPECT_FALSE(sim.links().connected(C(1), S(2)));
  EXPECT_FALSE(sim.links().connected(S(2), C(1)));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_TRUE(sim.executed(ServerId{2}).empty());
  ASSERT_EQ(sim.apply(MendLinkAction{C(1), S(2), false}), "");
  sim.apply(ClientRequestAction{ClientId{1}, m(2)});
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(2)}));
  EXPECT_EQ(count_of(sim, TraceKind::LinkCut), 1u);
  EXPECT_EQ(count_of(sim, TraceKind::LinkMend), 1u);
}

TEST(Faults, OneWayCutDropsOnlyThatDirection) {
  Simulation sim = stage0(1);
  ASSERT_EQ(sim.apply(CutLinkAction{S(1), C(1), true}), "");
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1)})) << "C1 -> S1 still works";
  EXPECT_TRUE(sim.clients()[0].replies.empty()) << "S1 -> C1 is cut";
  EXPECT_EQ(sim.clients()[0].unanswered, (std::vector<RequestId>{m(1)}));
}

TEST(Faults, CutWhileInFlightLosesOnArrival) {
  Simulation sim = stage0(1);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  sim.apply(CutLinkAction{C(1), S(1), true});
  run_all(sim);
  EXPECT_TRUE(sim.executed(ServerId{1}).empty());
  const auto drops = events_of(sim, TraceKind::Drop);
  ASSERT_EQ(drops.size(), 1u);
  EXPECT_EQ(drops[0].tick, 10);
}

TEST(Faults, CutNeedsTwoKnownDifferentNodes) {
  Simulation sim = stage0(2);
  EXPECT_FALSE(sim.apply(CutLinkAction{S(1), S(1), false}).empty());
  EXPECT_FALSE(sim.apply(CutLinkAction{S(1), S(3), false}).empty());
  EXPECT_FALSE(sim.apply(MendLinkAction{C(9), S(1), false}).empty());
}

TEST(Faults, PartitionValidatesGroups) {
  Simulation sim = stage0(3);
  EXPECT_FALSE(sim.apply(PartitionAction{{{ServerId{1}}, {ServerId{1}}}}).empty());
  EXPECT_FALSE(sim.apply(PartitionAction{{{ServerId{4}}}}).empty());
  EXPECT_FALSE(sim.links().partitioned()) << "a rejected partition changes nothing";
  EXPECT_EQ(sim.apply(PartitionAction{{{ServerId{1}}}}), "");
  const auto parts = events_of(sim, TraceKind::Partition);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].why, "partition {S1} | {S2 S3}");
  EXPECT_EQ(sim.apply(HealAction{}), "");
  EXPECT_FALSE(sim.links().partitioned());
}

TEST(Faults, CrashLosesMessagesAndKeepsSigma) {
  Simulation sim = stage0(2);
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  ASSERT_EQ(sim.apply(CrashAction{ServerId{2}}), "");
  EXPECT_TRUE(sim.crashed(ServerId{2}));
  EXPECT_FALSE(sim.apply(CrashAction{ServerId{2}}).empty());
  sim.apply(ClientRequestAction{ClientId{2}, m(2)});
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(1)})) << "sigma survives, nothing new";
  const auto drops = events_of(sim, TraceKind::Drop, S(2));
  ASSERT_EQ(drops.size(), 1u);
  EXPECT_NE(drops[0].why.find("crashed"), std::string::npos);
  ASSERT_EQ(sim.apply(RestartAction{ServerId{2}}), "");
  EXPECT_FALSE(sim.crashed(ServerId{2}));
  EXPECT_FALSE(sim.apply(RestartAction{ServerId{2}}).empty());
  EXPECT_FALSE(sim.apply(CrashAction{ServerId{5}}).empty());
}

TEST(Faults, ClientRequestValidation) {
  Simulation sim = stage0(1);
  EXPECT_FALSE(sim.apply(ClientRequestAction{ClientId{3}, m(1)}).empty());
  EXPECT_FALSE(sim.apply(ClientRequestAction{ClientId{1}, RequestId{0}}).empty());
  EXPECT_EQ(sim.apply(ClientRequestAction{ClientId{1}, m(1)}), "");
  EXPECT_FALSE(sim.apply(ClientRequestAction{ClientId{2}, m(1)}).empty()) << "m1 was already sent";
  EXPECT_EQ(sim.owner_of(m(1)), ClientId{1});
}

TEST(Faults, RandomLossAndDuplicationFollowTheLinkRules) {
  SimConfig c = fixed_config(1, 1);
  c.link.loss_probability = 1.0;
  Simulation lossy(c, *find_stage(0));
  lossy.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(lossy);
  EXPECT_TRUE(lossy.executed(ServerId{1}).empty());
  c.link.loss_probability = 0.0;
  c.link.duplicate_probability = 1.0;
  Simulation dup(c, *find_stage(0));
  dup.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(dup);
  EXPECT_EQ(count_of(dup, TraceKind::Duplicate), 3u) << "the request and the two replies (the copy is answered too)";
  EXPECT_EQ(dup.executed(ServerId{1}).size(), 1u);
}

TEST(Faults, SetLinkChangesFutureDelays) {
  Simulation sim = stage0(1);
  LinkRules slow;
  slow.delay_ticks_min = slow.delay_ticks_max = 40;
  ASSERT_EQ(sim.apply(SetLinkAction{C(1), S(1), slow}), "");
  LinkRules bad;
  bad.delay_ticks_min = 0;
  EXPECT_FALSE(sim.apply(SetLinkAction{C(1), S(1), bad}).empty());
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  const auto d = events_of(sim, TraceKind::Deliver, S(1));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].tick, 40);
}

}  // namespace
}  // namespace paxoslab
