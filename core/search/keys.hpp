// The break-finder's state keys: what makes two search states the same, and
// budget subsumption. Internal to core/search; docs/break-finder.md
// ("Reductions") gives the arguments.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/search/branches.hpp"
#include "core/search/search.hpp"
#include "core/search/visited_set.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::search_detail {

/// How many kinds of fault a Budget counts.
inline constexpr std::size_t kBudgetFaults = 6;

/// The simulation part of a state's key: its state hash (crashed servers
/// never restart in a search, so with CrashedServers::Final only their sigma
/// counts) and, with timed scheduling (max_reorders >= 0), when each pending
/// event is due relative to now (timing_hash).
std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds,
                         Simulation::CrashedServers crashed = Simulation::CrashedServers::Final);

/// The states a search has stored: simulation keys with the fault budgets
/// each was stored with, and budget subsumption. One table probe per check.
class SeenStates {
 public:
  /// `subsume` off: plain duplicate detection (the same budget only).
  SeenStates(const SearchBounds& bounds, bool subsume);

  /// True when `sim_key` was stored with `budget`, or - with subsumption -
  /// with a budget using no more of any fault (componentwise). Everything
  /// reachable from this state is then reachable from that one, which has at
  /// least as much budget left.
  bool dominated(std::uint64_t sim_key, const Budget& budget) const;
  /// Stores `sim_key` with `budget`.
  void insert(std::uint64_t sim_key, const Budget& budget);

 private:
  /// Budget b's bit: its index among every budget the bounds allow, when
  /// there are at most 64 of them; otherwise budgets go into the key.
  int index(const Budget& b) const;
  std::uint64_t key(std::uint64_t sim_key, const Budget& b) const;
  std::uint64_t bit(const Budget& b) const;

  /// The bounds' limits: losses, crashes, suspicions, reorders, restarts, partitions.
  std::array<int, kBudgetFaults> limits_{};
  bool in_mask_ = false;                 // budgets fit one 64-bit mask
  bool subsume_ = true;
  std::vector<std::uint64_t> downset_;   // index(b) -> bits of every budget <= b
  VisitedSet visited_;
};

}  // namespace paxoslab::search_detail
