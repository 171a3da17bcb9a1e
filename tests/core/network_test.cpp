// Network: messages in flight (core/sim/network.hpp), and message delivery
// through the Simulation. The links are link_faults_test.cpp's.
#include "core/sim/network.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

TEST(Network, InFlightInIdOrder) {
  Network n;
  Envelope e;
  for (std::uint64_t id : {5u, 2u, 9u}) {
    e.id = MessageId{id};
    n.add(e, id * 10);
  }
  std::vector<std::uint64_t> ids;
  for (const auto& [id, f] : n.in_flight()) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<std::uint64_t>{2, 5, 9}));
  ASSERT_NE(n.find(MessageId{5}), nullptr);
  EXPECT_EQ(n.find(MessageId{5})->queue_seq, 50u);
  EXPECT_TRUE(n.remove(MessageId{5}));
  EXPECT_FALSE(n.remove(MessageId{5}));
  EXPECT_EQ(n.find(MessageId{5}), nullptr);
}

TEST(NetworkSim, FixedDelayDeliversExactlyThen) {
  Simulation sim(fixed_config(2, 1, 10), *find_stage(0));
  sim.add_script({at(3, ClientRequestAction{ClientId{1}, m(1)})});
  run_all(sim);
  const auto delivers = events_of(sim, TraceKind::Deliver);
  ASSERT_EQ(delivers.size(), 2u) << trace_text(sim);
  for (const auto& d : delivers) EXPECT_EQ(d.tick, 13);
  const auto replies = events_of(sim, TraceKind::Reply);
  ASSERT_EQ(replies.size(), 2u);
  for (const auto& r : replies) EXPECT_EQ(r.tick, 23);
}

TEST(NetworkSim, RandomDelaysStayInRange) {
  SimConfig c = fixed_config(3, 2);
  c.link.delay_ticks_min = 4;
  c.link.delay_ticks_max = 9;
  Simulation sim(c, *find_stage(0));
  std::vector<ScriptStep> script;
  for (int i = 1; i <= 30; ++i) script.push_back(at(i, ClientRequestAction{ClientId{1 + i % 2}, m(i)}));
  sim.add_script(script);
  run_all(sim);
  std::set<Tick> delays;
  for (const auto& env : sim.trace().messages()) {
    ASSERT_GE(env.arrival_tick - env.sent_tick, 4);
    ASSERT_LE(env.arrival_tick - env.sent_tick, 9);
    delays.insert(env.arrival_tick - env.sent_tick);
  }
  EXPECT_EQ(delays.size(), 6u);
}

TEST(NetworkSim, MessageIdsAreUniqueAndInSendOrder) {
  Simulation sim(fixed_config(3, 2), *find_stage(0));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(0, ClientRequestAction{ClientId{2}, m(2)})});
  run_all(sim);
  const auto sends = events_of(sim, TraceKind::Send);
  ASSERT_EQ(sends.size(), 12u);
  for (std::size_t i = 0; i < sends.size(); ++i) EXPECT_EQ(sends[i].message.value, i + 1);
  ASSERT_EQ(sim.trace().messages().size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(sim.trace().messages()[i].id.value, i + 1);
}

}  // namespace
}  // namespace paxoslab
