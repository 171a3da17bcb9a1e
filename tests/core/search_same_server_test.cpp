// The break-finder's same-server reduction (SearchBounds::commute_same_server,
// core/search/same_server): when the events one server has due now are
// confluent, taking them in one order loses no final state.
#include <gtest/gtest.h>

#include <vector>

#include "core/search/replay.hpp"
#include "core/search/same_server.hpp"
#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

using search_detail::same_server_events_commute;
using testing::due_tick_bounds;
using testing::quiescent_set;
using testing::search_stage;

SearchBounds without_it(SearchBounds b) {
  b.commute_same_server = false;
  return b;
}

/// The Stage 4 start state with 2 requests, run up to tick `tick` with one
/// event due then already taken at a server other than `d` (so that now ==
/// tick), and `d`'s events due then.
struct AtTick {
  Simulation sim;
  std::vector<PendingEvent> due;
};
AtTick at_tick(Tick tick, ServerId d) {
  const SearchBounds b = due_tick_bounds(2, 0, 0, 0);
  Simulation sim = search_detail::start_state(search_stage(4), b, nullptr);
  sim.run(1000, tick - 1);
  const auto owner = [&](const PendingEvent& p) {
    const auto* f = sim.network().find(p.message);
    return f ? f->envelope.to : NodeId{};
  };
  for (const auto& p : sim.pending()) {
    if (p.tick == tick && p.type == PendingEvent::Type::Delivery && owner(p) != NodeId::of(d)) {
      sim.step_event(p);
      break;
    }
  }
  EXPECT_EQ(sim.now(), tick);
  AtTick out{sim, {}};
  for (const auto& p : out.sim.pending()) {
    const auto* f = out.sim.network().find(p.message);
    if (p.tick == tick && f && f->envelope.to == NodeId::of(d)) out.due.push_back(p);
  }
  return out;
}

// A follower accepting slots 1 and 2 (Accepts from the leader at tick 20)
// ends the same in either order: same promise, same (vrnd, vval) per slot,
// the same Learns sent, both slots decided and executed in slot order.
TEST(SameServerReduction, AcceptsForTwoSlotsCommute) {
  const AtTick t = at_tick(20, ServerId{2});
  ASSERT_EQ(t.due.size(), 2u);
  EXPECT_TRUE(same_server_events_commute(t.sim, ServerId{2}, t.due));
}

// The leader receiving m1 and m2 (tick 10) puts the first one it handles in
// slot 1: the two orders differ, so both must be searched.
TEST(SameServerReduction, RequestsAtTheLeaderDoNotCommute) {
  const AtTick t = at_tick(10, ServerId{1});
  ASSERT_EQ(t.due.size(), 2u);
  EXPECT_FALSE(same_server_events_commute(t.sim, ServerId{1}, t.due));
}

TEST(SameServerReduction, NeedsTwoEventsDueNowAtALiveServer) {
  const AtTick t = at_tick(20, ServerId{2});
  ASSERT_EQ(t.due.size(), 2u);
  EXPECT_FALSE(same_server_events_commute(t.sim, ServerId{2}, {t.due.front()}));
  EXPECT_FALSE(same_server_events_commute(t.sim, ServerId{3}, t.due)) << "not S3's events";
  Simulation crashed = t.sim;
  crashed.apply(CrashAction{ServerId{2}});
  EXPECT_FALSE(same_server_events_commute(crashed, ServerId{2}, t.due));
  Simulation before = search_detail::start_state(search_stage(4), due_tick_bounds(2, 0, 0, 0), nullptr);
  before.run(1000, 19);  // now < 20: the events are not due now
  std::vector<PendingEvent> later;
  for (const auto& p : before.pending())
    if (p.tick == 20) later.push_back(p);
  EXPECT_FALSE(same_server_events_commute(before, ServerId{2}, later));
}

// Hearing from a server it suspects clears the suspicion (a failure-detector
// change the check does not model): refused.
TEST(SameServerReduction, RefusesMessagesFromASuspectedSender) {
  AtTick t = at_tick(20, ServerId{2});
  t.sim.apply(SuspectAction{ServerId{2}, ServerId{1}});
  std::vector<PendingEvent> due;
  for (const auto& p : t.sim.pending()) {
    const auto* f = t.sim.network().find(p.message);
    if (p.tick == 20 && f && f->envelope.to == NodeId::of(ServerId{2}) && f->envelope.from == NodeId::of(ServerId{1}))
      due.push_back(p);
  }
  ASSERT_EQ(due.size(), 2u);
  EXPECT_FALSE(same_server_events_commute(t.sim, ServerId{2}, due));
}

// The reduction keeps every final state: with and without it a complete
// search ends in exactly the same set of quiescent states.
TEST(SameServerReduction, KeepsEveryQuiescentStateWithALossAndACrash) {
  const SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const auto full = quiescent_set(4, without_it(b));
  EXPECT_GT(full.size(), 10u);
  EXPECT_EQ(quiescent_set(4, b), full);
}

TEST(SameServerReduction, KeepsEveryQuiescentStateWithEveryFaultKind) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = due_tick_bounds(1, 1, 1, 1);
  b.max_depth = 100;
  const auto full = quiescent_set(4, without_it(b));
  EXPECT_EQ(quiescent_set(4, b), full);
  // ... and against no partial-order reduction at all.
  SearchBounds none = b;
  none.reduce_interleavings = false;
  EXPECT_EQ(quiescent_set(4, none), full);
}

TEST(SameServerReduction, ExploresFewerStates) {
  const SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const SearchResult with = find_break(search_stage(4), b);
  const SearchResult without = find_break(search_stage(4), without_it(b));
  ASSERT_TRUE(with.complete && without.complete);
  EXPECT_LT(with.unique_states, without.unique_states);
  EXPECT_LT(with.states_explored, without.states_explored);
}

}  // namespace
}  // namespace paxoslab
