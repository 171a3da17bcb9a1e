#include "core/search/keys.hpp"

#include <algorithm>
#include <array>

#include "core/sim/hash.hpp"

namespace paxoslab::search_detail {

std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds, Simulation::CrashedServers crashed) {
  Hasher h;
  h.add(sim.state_hash(crashed));
  if (bounds.max_reorders >= 0) h.add(timing_hash(sim));
  return h.value();
}

namespace {

/// A budget as its counts, in the order of the index's mixed radix.
std::array<int, kBudgetFaults> counts(const Budget& b) {
  return {b.losses, b.crashes, b.suspicions, b.reorders, b.restarts, b.partitions};
}

}  // namespace

SeenStates::SeenStates(const SearchBounds& bounds, bool subsume)
    : limits_{bounds.max_losses, bounds.max_crashes, bounds.max_suspicions, std::max(0, bounds.max_reorders),
              bounds.max_restarts, bounds.max_partitions},
      subsume_(subsume) {
  long combos = 1;
  for (int l : limits_) combos *= l + 1;
  in_mask_ = combos <= 64;
  if (!in_mask_) return;
  // downset_[index(b)]: the bits of every budget u <= b componentwise.
  downset_.assign(static_cast<std::size_t>(combos), 0);
  const auto budget_at = [&](long i) {
    std::array<int, kBudgetFaults> c{};
    for (std::size_t d = 0; d < c.size(); ++d) {
      c[d] = static_cast<int>(i % (limits_[d] + 1));
      i /= limits_[d] + 1;
    }
    return c;
  };
  for (long bi = 0; bi < combos; ++bi) {
    const auto cb = budget_at(bi);
    std::uint64_t bits = 0;
    for (long ui = 0; ui < combos; ++ui) {
      const auto cu = budget_at(ui);
      bool below = true;
      for (std::size_t d = 0; d < cu.size(); ++d) below = below && cu[d] <= cb[d];
      if (below) bits |= std::uint64_t{1} << ui;
    }
    downset_[static_cast<std::size_t>(bi)] = bits;
  }
}

int SeenStates::index(const Budget& b) const {
  // Mixed radix, losses first: the same numbers as before restarts and
  // partitions were counted when both bounds are 0.
  const auto c = counts(b);
  int i = 0;
  for (std::size_t d = c.size(); d-- > 0;) i = i * (limits_[d] + 1) + c[d];
  return i;
}

std::uint64_t SeenStates::bit(const Budget& b) const { return in_mask_ ? std::uint64_t{1} << index(b) : 1; }

std::uint64_t SeenStates::key(std::uint64_t sim_key, const Budget& b) const {
  if (in_mask_) return sim_key;
  Hasher h;
  h.add(sim_key);
  h.add(static_cast<std::uint64_t>(b.losses) | static_cast<std::uint64_t>(b.crashes) << 8 |
        static_cast<std::uint64_t>(b.suspicions) << 16 | static_cast<std::uint64_t>(b.reorders) << 24 |
        static_cast<std::uint64_t>(b.restarts) << 32 | static_cast<std::uint64_t>(b.partitions) << 40);
  return h.value();
}

bool SeenStates::dominated(std::uint64_t sim_key, const Budget& b) const {
  const std::uint64_t held = visited_.mask(key(sim_key, b));
  if (!in_mask_ || !subsume_) return (held & bit(b)) != 0;
  return (held & downset_[static_cast<std::size_t>(index(b))]) != 0;
}

void SeenStates::insert(std::uint64_t sim_key, const Budget& b) { visited_.add(key(sim_key, b), bit(b)); }

}  // namespace paxoslab::search_detail
