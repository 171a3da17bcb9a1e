#include "core/search/keys.hpp"

#include "core/hash.hpp"

namespace paxoslab::search_detail {

std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds, Simulation::CrashedServers crashed) {
  Hasher h;
  h.add(sim.state_hash(crashed));
  if (bounds.max_reorders >= 0) h.add(timing_hash(sim));
  return h.value();
}

std::uint64_t key_of(std::uint64_t sim_key, const Budget& b) {
  Hasher h;
  h.add(sim_key);
  h.add(static_cast<std::uint64_t>(b.losses) | static_cast<std::uint64_t>(b.crashes) << 8 |
        static_cast<std::uint64_t>(b.suspicions) << 16 | static_cast<std::uint64_t>(b.reorders) << 24);
  return h.value();
}

bool dominated(const VisitedSet& visited, std::uint64_t sim_key, const Budget& b, bool subsume) {
  const int combos = (b.losses + 1) * (b.crashes + 1) * (b.suspicions + 1) * (b.reorders + 1);
  if (!subsume || combos > 64) return visited.contains(key_of(sim_key, b));
  Budget u;
  for (u.losses = 0; u.losses <= b.losses; ++u.losses)
    for (u.crashes = 0; u.crashes <= b.crashes; ++u.crashes)
      for (u.suspicions = 0; u.suspicions <= b.suspicions; ++u.suspicions)
        for (u.reorders = 0; u.reorders <= b.reorders; ++u.reorders)
          if (visited.contains(key_of(sim_key, u))) return true;
  return false;
}

}  // namespace paxoslab::search_detail
