// The simulator's only source of randomness: a hand-written xoshiro256**
// generator seeded through SplitMix64 (Blackman & Vigna). Written by hand, not
// taken from <random>, because the standard distributions differ between
// library versions and the trace must be byte-identical everywhere.
#pragma once

#include <cstdint>

namespace paxoslab {

class Rng {
 public:
  /// Seeds the four state words from `seed` with SplitMix64; any seed is valid.
  explicit Rng(std::uint64_t seed = 0);

  /// Next raw 64-bit value.
  std::uint64_t next();
  /// Uniform integer in [lo, hi] (inclusive). Requires lo <= hi.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  /// True with probability p (p <= 0: never; p >= 1: always, and no draw is made).
  bool chance(double p);

  bool operator==(const Rng&) const = default;

 private:
  std::uint64_t s_[4];
};

}  // namespace paxoslab
