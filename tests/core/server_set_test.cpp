// ServerSet and majority(): the set of servers every stage counts, and the
// majority rule of Fig. 12b (core/sim/server_set.hpp).
#include "core/sim/server_set.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace paxoslab {
namespace {

constexpr ServerId S(int i) { return ServerId{i}; }

TEST(ServerSet, StartsEmptyAndCountsWhatIsInserted) {
  ServerSet s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.count(), 0);
  s.insert(S(3));
  s.insert(S(1));
  s.insert(S(3));  // a repeat adds nothing
  EXPECT_FALSE(s.empty());
  EXPECT_EQ(s.count(), 2);
  EXPECT_TRUE(s.contains(S(1)));
  EXPECT_FALSE(s.contains(S(2)));
  EXPECT_TRUE(s.contains(S(3)));
  s.erase(S(1));
  s.erase(S(2));  // not in the set: nothing
  EXPECT_EQ(s, ServerSet::of(S(3)));
}

TEST(ServerSet, MaskIsBitIMinusOneForSi) {
  ServerSet s;
  s.insert(S(1));
  s.insert(S(3));
  EXPECT_EQ(s.mask(), 0b101u);
  EXPECT_EQ(ServerSet::from_mask(0b101u), s);
  EXPECT_EQ(ServerSet::of(S(7)).mask(), 1u << 6);
  EXPECT_EQ(ServerSet::of(S(32)).mask(), 1u << 31);
}

TEST(ServerSet, InvalidIdsAreNeverMembers) {
  ServerSet s;
  s.insert(ServerId{});
  s.insert(S(33));
  s.insert(S(-1));
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(ServerSet::of(ServerId{}).empty());
  EXPECT_FALSE(ServerSet::first(7).contains(ServerId{}));
}

TEST(ServerSet, FirstNIsEveryServerOfTheCluster) {
  EXPECT_TRUE(ServerSet::first(0).empty());
  EXPECT_EQ(ServerSet::first(3).mask(), 0b111u);
  EXPECT_EQ(ServerSet::first(5).count(), 5);
  EXPECT_EQ(ServerSet::first(32).mask(), ~0u);
}

TEST(ServerSet, SetAlgebra) {
  const ServerSet a = ServerSet::from_mask(0b0111u);  // S1 S2 S3
  const ServerSet b = ServerSet::from_mask(0b1100u);  // S3 S4
  EXPECT_EQ((a | b).mask(), 0b1111u);
  EXPECT_EQ((a & b).mask(), 0b0100u);
  EXPECT_EQ((a - b).mask(), 0b0011u);
  ServerSet c = a;
  c |= b;
  EXPECT_EQ(c, a | b);
}

TEST(ServerSet, IteratesServersInIncreasingOrder) {
  std::vector<int> seen;
  for (ServerId s : ServerSet::from_mask(0b1010010u)) seen.push_back(s.value);
  EXPECT_EQ(seen, (std::vector<int>{2, 5, 7}));
  int none = 0;
  for (ServerId s : ServerSet{}) none += s.value;
  EXPECT_EQ(none, 0);
}

TEST(ServerSet, TextNamesTheServersOrTheGivenNone) {
  EXPECT_EQ(to_string(ServerSet::from_mask(0b101u)), "S1 S3");
  EXPECT_EQ(to_string(ServerSet::of(S(2))), "S2");
  EXPECT_EQ(to_string(ServerSet{}), "");
  EXPECT_EQ(to_string(ServerSet{}, "-"), "-");
  EXPECT_EQ(to_string(ServerSet::of(S(4)), "-"), "S4");
}

TEST(Majority, IsMoreThanHalf) {
  EXPECT_EQ(majority(1), 1);
  EXPECT_EQ(majority(2), 2);
  EXPECT_EQ(majority(3), 2);
  EXPECT_EQ(majority(4), 3);
  EXPECT_EQ(majority(5), 3);
  EXPECT_EQ(majority(7), 4);
}

TEST(ServerSet, QuorumOfAGivenSizeAndMajorityOfN) {
  const ServerSet two = ServerSet::from_mask(0b00011u);
  EXPECT_TRUE(two.is_quorum(2));
  EXPECT_FALSE(two.is_quorum(3));
  EXPECT_TRUE(two.is_quorum(0));
  EXPECT_TRUE(two.is_majority_of(3));
  EXPECT_FALSE(two.is_majority_of(4));
  EXPECT_FALSE(two.is_majority_of(5));
  EXPECT_TRUE(ServerSet::from_mask(0b00111u).is_majority_of(5));
}

// The rule the type exists for (Fig. 12b): any two majorities of the same n
// servers share a server; two sets of floor(n/2) (Fig. 12a's quorum) need not.
TEST(ServerSet, TwoMajoritiesOfNAlwaysIntersect) {
  for (int n = 1; n <= 7; ++n) {
    const std::uint32_t all = ServerSet::first(n).mask();
    for (std::uint32_t a = 0; a <= all; ++a) {
      if (!ServerSet::from_mask(a).is_majority_of(n)) continue;
      for (std::uint32_t b = 0; b <= all; ++b) {
        if (!ServerSet::from_mask(b).is_majority_of(n)) continue;
        EXPECT_FALSE((ServerSet::from_mask(a) & ServerSet::from_mask(b)).empty()) << n << " " << a << " " << b;
      }
    }
  }
  const ServerSet s1s2 = ServerSet::from_mask(0b0011u), s3s4 = ServerSet::from_mask(0b1100u);
  EXPECT_TRUE(s1s2.is_quorum(4 / 2));
  EXPECT_TRUE(s3s4.is_quorum(4 / 2));
  EXPECT_TRUE((s1s2 & s3s4).empty());
}

}  // namespace
}  // namespace paxoslab
