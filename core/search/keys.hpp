// The break-finder's state keys: what makes two search states the same, and
// budget subsumption. Internal to core/search; docs/break-finder.md
// ("Reductions") gives the arguments.
#pragma once

#include <cstdint>

#include "core/search/branches.hpp"
#include "core/search/search.hpp"
#include "core/search/visited_set.hpp"
#include "core/simulation.hpp"

namespace paxoslab::search_detail {

/// The simulation part of a state's key: its state hash (crashed servers
/// never restart in a search, so with CrashedServers::Final only their sigma
/// counts) and, with timed scheduling (max_reorders >= 0), when each pending
/// event is due relative to now (timing_hash).
std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds,
                         Simulation::CrashedServers crashed = Simulation::CrashedServers::Final);

/// A state's key: the simulation part and the faults used so far.
std::uint64_t key_of(std::uint64_t sim_key, const Budget& budget);

/// Subsumption: true when the same simulation state was already stored with
/// no more of any fault budget used (componentwise). Everything reachable from
/// this state is then reachable from that one, which has at least as much
/// budget left. Checks every budget below `budget` when `subsume` is set and
/// there are at most 64 of them, else only `budget` itself (plain duplicate
/// detection).
bool dominated(const VisitedSet& visited, std::uint64_t sim_key, const Budget& budget, bool subsume);

}  // namespace paxoslab::search_detail
