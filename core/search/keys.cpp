#include "core/search/keys.hpp"

#include <algorithm>

#include "core/hash.hpp"

namespace paxoslab::search_detail {

std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds, Simulation::CrashedServers crashed) {
  Hasher h;
  h.add(sim.state_hash(crashed));
  if (bounds.max_reorders >= 0) h.add(timing_hash(sim));
  return h.value();
}

SeenStates::SeenStates(const SearchBounds& bounds, bool subsume)
    : losses_(bounds.max_losses),
      crashes_(bounds.max_crashes),
      suspicions_(bounds.max_suspicions),
      reorders_(std::max(0, bounds.max_reorders)),
      subsume_(subsume) {
  const long combos = static_cast<long>(losses_ + 1) * (crashes_ + 1) * (suspicions_ + 1) * (reorders_ + 1);
  in_mask_ = combos <= 64;
  if (!in_mask_) return;
  downset_.assign(static_cast<std::size_t>(combos), 0);
  Budget b, u;
  for (b.losses = 0; b.losses <= losses_; ++b.losses)
    for (b.crashes = 0; b.crashes <= crashes_; ++b.crashes)
      for (b.suspicions = 0; b.suspicions <= suspicions_; ++b.suspicions)
        for (b.reorders = 0; b.reorders <= reorders_; ++b.reorders) {
          std::uint64_t bits = 0;
          for (u.losses = 0; u.losses <= b.losses; ++u.losses)
            for (u.crashes = 0; u.crashes <= b.crashes; ++u.crashes)
              for (u.suspicions = 0; u.suspicions <= b.suspicions; ++u.suspicions)
                for (u.reorders = 0; u.reorders <= b.reorders; ++u.reorders) bits |= bit(u);
          downset_[static_cast<std::size_t>(index(b))] = bits;
        }
}

int SeenStates::index(const Budget& b) const {
  return b.losses + (losses_ + 1) * (b.crashes + (crashes_ + 1) * (b.suspicions + (suspicions_ + 1) * b.reorders));
}

std::uint64_t SeenStates::bit(const Budget& b) const { return in_mask_ ? std::uint64_t{1} << index(b) : 1; }

std::uint64_t SeenStates::key(std::uint64_t sim_key, const Budget& b) const {
  if (in_mask_) return sim_key;
  Hasher h;
  h.add(sim_key);
  h.add(static_cast<std::uint64_t>(b.losses) | static_cast<std::uint64_t>(b.crashes) << 8 |
        static_cast<std::uint64_t>(b.suspicions) << 16 | static_cast<std::uint64_t>(b.reorders) << 24);
  return h.value();
}

bool SeenStates::dominated(std::uint64_t sim_key, const Budget& b) const {
  const std::uint64_t held = visited_.mask(key(sim_key, b));
  if (!in_mask_ || !subsume_) return (held & bit(b)) != 0;
  return (held & downset_[static_cast<std::size_t>(index(b))]) != 0;
}

void SeenStates::insert(std::uint64_t sim_key, const Budget& b) { visited_.add(key(sim_key, b), bit(b)); }

}  // namespace paxoslab::search_detail
