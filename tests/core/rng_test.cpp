// Rng: the hand-written xoshiro256** seeded through SplitMix64 (core/sim/rng.hpp).
#include "core/sim/rng.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>

#include <set>
#include <vector>

namespace paxoslab {
namespace {

// Reference values computed independently (a Python transcription of
// Blackman & Vigna's splitmix64 + xoshiro256**).
TEST(Rng, MatchesReferenceXoshiro256StarStar) {
  Rng r0(0);
  EXPECT_EQ(r0.next(), 0x99ec5f36cb75f2b4ULL);
  EXPECT_EQ(r0.next(), 0xbf6e1f784956452aULL);
  EXPECT_EQ(r0.next(), 0x1a5f849d4933e6e0ULL);
  Rng r42(42);
  EXPECT_EQ(r42.next(), 0x15780b2e0c2ec716ULL);
  EXPECT_EQ(r42.next(), 0x6104d9866d113a7eULL);
  EXPECT_EQ(r42.next(), 0xae17533239e499a1ULL);
}

TEST(Rng, SameSeedSameSequenceDifferentSeedDifferent) {
  Rng a(7), b(7), c(8);
  std::vector<std::uint64_t> va, vb, vc;
  for (int i = 0; i < 100; ++i) {
    va.push_back(a.next());
    vb.push_back(b.next());
    vc.push_back(c.next());
  }
  EXPECT_EQ(va, vb);
  EXPECT_NE(va, vc);
  EXPECT_EQ(a, b);
}

TEST(Rng, UniformStaysInRangeAndCoversIt) {
  Rng r(3);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto v = r.uniform(-3, 4);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 4);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 8u);
}

TEST(Rng, UniformWithEmptyRangeReturnsLoWithoutDrawing) {
  Rng r(5), untouched(5);
  EXPECT_EQ(r.uniform(9, 9), 9);
  EXPECT_EQ(r.uniform(9, 2), 9);
  EXPECT_EQ(r, untouched);
}

TEST(Rng, UniformOverTheWholeRangeWorks) {
  Rng r(11);
  const auto lo = std::numeric_limits<std::int64_t>::min();
  const auto hi = std::numeric_limits<std::int64_t>::max();
  std::set<std::int64_t> seen;
  for (int i = 0; i < 10; ++i) seen.insert(r.uniform(lo, hi));
  EXPECT_GT(seen.size(), 5u);
}

TEST(Rng, ChanceExtremesMakeNoDraw) {
  Rng r(1), untouched(1);
  EXPECT_FALSE(r.chance(0.0));
  EXPECT_FALSE(r.chance(-1.0));
  EXPECT_TRUE(r.chance(1.0));
  EXPECT_TRUE(r.chance(2.0));
  EXPECT_EQ(r, untouched);
}

TEST(Rng, ChanceFrequencyIsRoughlyP) {
  Rng r(99);
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += r.chance(0.25) ? 1 : 0;
  EXPECT_GT(hits, 2200);
  EXPECT_LT(hits, 2800);
}

}  // namespace
}  // namespace paxoslab
