// LinkFaults on its own (core/sim/link_faults.hpp): links, partitions, link
// rules, fault rules, and the fate of one send (docs/protocol.md, "The world",
// "Time and faults").
#include "core/sim/link_faults.hpp"

#include <gtest/gtest.h>

#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

LinkFaults three_two() { return LinkFaults(3, 2, LinkRules{}, {}); }

TEST(LinkFaults, EverythingConnectedAtFirst) {
  const LinkFaults n = three_two();
  for (int a = 1; a <= 3; ++a)
    for (int b = 1; b <= 3; ++b) EXPECT_TRUE(n.connected(S(a), S(b)));
  EXPECT_TRUE(n.connected(C(1), S(3)));
  EXPECT_TRUE(n.connected(S(2), C(2)));
  EXPECT_FALSE(n.connected(S(4), S(1))) << "unknown nodes are never connected";
  EXPECT_FALSE(n.connected(C(3), S(1)));
}

TEST(LinkFaults, CutIsDirected) {
  LinkFaults n = three_two();
  n.set_cut(S(1), S(2), true);
  EXPECT_FALSE(n.connected(S(1), S(2)));
  EXPECT_TRUE(n.connected(S(2), S(1)));
  EXPECT_TRUE(n.cut(S(1), S(2)));
  EXPECT_FALSE(n.cut(S(2), S(1)));
  n.set_cut(S(1), S(2), false);
  EXPECT_TRUE(n.connected(S(1), S(2)));
}

TEST(LinkFaults, PartitionSeparatesServersButNotClients) {
  LinkFaults n = three_two();
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

TEST(LinkFaults, RulesLastMatchingOverrideWins) {
  LinkRules base;
  base.delay_ticks_min = base.delay_ticks_max = 5;
  LinkRules slow = base;
  slow.delay_ticks_max = 50;
  LinkRules lossy = base;
  lossy.loss_probability = 0.5;
  LinkFaults n(2, 1, base, {LinkOverride{S(1), {}, slow}, LinkOverride{S(1), S(2), lossy}});
  EXPECT_EQ(n.rules(S(2), S(1)), base);
  EXPECT_EQ(n.rules(S(1), C(1)), slow);
  EXPECT_EQ(n.rules(S(1), S(2)), lossy);
  n.set_rules({}, {}, slow);
  EXPECT_EQ(n.rules(S(1), S(2)), slow) << "setting the defaults clears the overrides";
}

TEST(LinkFaults, FiltersCountDownAndReplaceByName) {
  LinkFaults n = three_two();
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

Envelope envelope(NodeId from, NodeId to, MsgKind kind) {
  Envelope e;
  e.from = from;
  e.to = to;
  e.payload.kind = kind;
  return e;
}

TEST(LinkFaults, FateOfASendOverAGoodLinkIsDelivery) {
  LinkFaults n = three_two();
  Rng rng(7);
  const Rng before = rng;
  const SendFate f = n.fate(envelope(S(1), S(2), MsgKind::Accept), LinkRules{}, rng);
  EXPECT_TRUE(f.lost.empty());
  EXPECT_FALSE(f.held_back);
  EXPECT_FALSE(f.duplicate);
  EXPECT_EQ(rng, before) << "no loss or duplicate chance: no draw";
}

TEST(LinkFaults, FateNamesACutLinkAndAPartition) {
  LinkFaults n = three_two();
  Rng rng(1);
  n.set_cut(S(1), S(2), true);
  EXPECT_EQ(n.fate(envelope(S(1), S(2), MsgKind::Accept), LinkRules{}, rng).lost, "lost: the link S1->S2 is cut");
  EXPECT_TRUE(n.fate(envelope(S(2), S(1), MsgKind::Accept), LinkRules{}, rng).lost.empty()) << "a cut is one way";
  n.partition({{ServerId{3}}});
  EXPECT_EQ(n.fate(envelope(S(3), S(2), MsgKind::Learn), LinkRules{}, rng).lost, "lost: S3 and S2 are partitioned");
  EXPECT_TRUE(n.fate(envelope(C(1), S(3), MsgKind::Request), LinkRules{}, rng).lost.empty());
}

TEST(LinkFaults, FateFollowsTheFirstMatchingRuleAndUsesItUp) {
  LinkFaults n = three_two();
  Rng rng(1);
  FilterAction hold;
  hold.name = "slow";
  hold.pattern.kind = MsgKind::Accept;
  hold.effect = FilterAction::Effect::Delay;
  hold.delay_ticks = 25;
  hold.count = 1;
  n.add_filter(hold);
  FilterAction lose;
  lose.pattern.kind = MsgKind::Accept;
  lose.count = -1;
  n.add_filter(lose);
  const SendFate first = n.fate(envelope(S(1), S(2), MsgKind::Accept), LinkRules{}, rng);
  EXPECT_TRUE(first.held_back);
  EXPECT_EQ(first.held_back_ticks, 25);
  EXPECT_EQ(first.held_back_by, "rule 'slow'");
  EXPECT_TRUE(first.lost.empty());
  const SendFate second = n.fate(envelope(S(1), S(2), MsgKind::Accept), LinkRules{}, rng);
  EXPECT_EQ(second.lost, "lost by a fault rule") << "'slow' was used up; the unnamed rule loses";
  EXPECT_FALSE(second.held_back);
  EXPECT_TRUE(n.fate(envelope(S(1), S(2), MsgKind::Learn), LinkRules{}, rng).lost.empty());
}

TEST(LinkFaults, FateDrawsLossThenDuplicate) {
  LinkFaults n = three_two();
  LinkRules always_lost;
  always_lost.loss_probability = 1.0;
  Rng rng(3);
  EXPECT_EQ(n.fate(envelope(S(1), S(2), MsgKind::Accept), always_lost, rng).lost,
            "lost at random (link loss probability 1.00)");
  LinkRules always_twice;
  always_twice.duplicate_probability = 1.0;
  const SendFate f = n.fate(envelope(S(1), S(2), MsgKind::Accept), always_twice, rng);
  EXPECT_TRUE(f.lost.empty());
  EXPECT_TRUE(f.duplicate);
  LinkRules half;
  half.loss_probability = 0.5;
  half.duplicate_probability = 0.5;
  Rng a(11), b(11);
  int lost = 0;
  for (int i = 0; i < 200; ++i) {
    const SendFate g = n.fate(envelope(S(1), S(2), MsgKind::Accept), half, a);
    // The same draws, in the same order, by hand: loss first, then duplicate.
    const bool lose = b.chance(0.5);
    EXPECT_EQ(!g.lost.empty(), lose);
    if (!lose) {
      EXPECT_EQ(g.duplicate, b.chance(0.5));
    }
    lost += lose ? 1 : 0;
  }
  EXPECT_GT(lost, 50);
  EXPECT_LT(lost, 150);
}

}  // namespace
}  // namespace paxoslab
