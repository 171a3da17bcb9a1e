// Network: links, partitions, rules, filters and messages in flight
// (core/sim/network.hpp), and message delivery through the Simulation.
#include "core/sim/network.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

Network three_two() { return Network(3, 2, LinkRules{}, {}); }

TEST(Network, EverythingConnectedAtFirst) {
  const Network n = three_two();
  for (int a = 1; a <= 3; ++a)
    for (int b = 1; b <= 3; ++b) EXPECT_TRUE(n.connected(S(a), S(b)));
  EXPECT_TRUE(n.connected(C(1), S(3)));
  EXPECT_TRUE(n.connected(S(2), C(2)));
  EXPECT_FALSE(n.connected(S(4), S(1))) << "unknown nodes are never connected";
  EXPECT_FALSE(n.connected(C(3), S(1)));
}

TEST(Network, CutIsDirected) {
  Network n = three_two();
  n.set_cut(S(1), S(2), true);
  EXPECT_FALSE(n.connected(S(1), S(2)));
  EXPECT_TRUE(n.connected(S(2), S(1)));
  EXPECT_TRUE(n.cut(S(1), S(2)));
  EXPECT_FALSE(n.cut(S(2), S(1)));
  n.set_cut(S(1), S(2), false);
  EXPECT_TRUE(n.connected(S(1), S(2)));
}

TEST(Network, PartitionSeparatesServersButNotClients) {
  Network n = three_two();
  n.partition({{ServerId{1}}});
  EXPECT_TRUE(n.partitioned());
  EXPECT_EQ(n.group_of(ServerId{1}), 1);
  EXPECT_EQ(n.group_of(ServerId{2}), 2) << "unlisted servers form one more group";
  EXPECT_EQ(n.group_of(ServerId{3}), 2);
  EXPECT_FALSE(n.connected(S(1), S(2)));
  EXPECT_FALSE(n.connected(S(3), S(1)));
  EXPECT_TRUE(n.connected(S(2), S(3)));
  EXPECT_TRUE(n.connected(C(1), S(1)));
  EXPECT_TRUE(n.connected(S(1), C(2)));
  n.heal();
  EXPECT_FALSE(n.partitioned());
  EXPECT_TRUE(n.connected(S(1), S(2)));
  EXPECT_EQ(n.group_of(ServerId{1}), 0);
}

TEST(Network, RulesLastMatchingOverrideWins) {
  LinkRules base;
  base.delay_ticks_min = base.delay_ticks_max = 5;
  LinkRules slow = base;
  slow.delay_ticks_max = 50;
  LinkRules lossy = base;
  lossy.loss_probability = 0.5;
  Network n(2, 1, base, {LinkOverride{S(1), {}, slow}, LinkOverride{S(1), S(2), lossy}});
  EXPECT_EQ(n.rules(S(2), S(1)), base);
  EXPECT_EQ(n.rules(S(1), C(1)), slow);
  EXPECT_EQ(n.rules(S(1), S(2)), lossy);
  n.set_rules({}, {}, slow);
  EXPECT_EQ(n.rules(S(1), S(2)), slow) << "setting the defaults clears the overrides";
}

TEST(Network, FiltersCountDownAndReplaceByName) {
  Network n = three_two();
  FilterAction f;
  f.name = "x";
  f.pattern.kind = MsgKind::Accept;
  f.count = 2;
  n.add_filter(f);
  Envelope acc;
  acc.payload.kind = MsgKind::Accept;
  Envelope req;
  FilterAction out;
  EXPECT_FALSE(n.take_filter(req, out));
  EXPECT_TRUE(n.take_filter(acc, out));
  EXPECT_EQ(out.count, 2);
  EXPECT_TRUE(n.take_filter(acc, out));
  EXPECT_FALSE(n.take_filter(acc, out)) << "used up after two";
  EXPECT_TRUE(n.filters().empty());

  f.count = -1;
  n.add_filter(f);
  f.effect = FilterAction::Effect::Duplicate;
  n.add_filter(f);
  ASSERT_EQ(n.filters().size(), 1u) << "same name replaces";
  EXPECT_EQ(n.filters()[0].effect, FilterAction::Effect::Duplicate);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(n.take_filter(acc, out));
  EXPECT_TRUE(n.remove_filter("x"));
  EXPECT_FALSE(n.remove_filter("x"));
}

TEST(Network, InFlightInIdOrder) {
  Network n = three_two();
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
