// What both search orders (breadth-first and depth-first) do with each new
// state: check its verdict, count it, skip it when an equal or subsuming
// state was seen, report progress. Internal to core/search.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/search/branches.hpp"
#include "core/search/search.hpp"
#include "core/search/keys.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::search_detail {

class Explorer {
 public:
  /// Holds references to `stage`, `bounds` and `callbacks` (they outlive it).
  Explorer(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks);

  /// The start state, already stored and counted.
  Simulation start();

  /// What became of a successor.
  enum class Visit : std::uint8_t {
    Dropped,  ///< A silent suspicion offered only in case it was not silent.
    Found,    ///< A violation or a stuck state: result() holds it (path rebuilt by `path`).
    Stopped,  ///< Canceled or a state bound hit: result() says why.
    Seen,     ///< An equal or subsuming state was stored before.
    New,      ///< Stored now: expand it.
  };
  /// Handles `child`, reached from `parent` by `move`, `depth` choices from
  /// the start. `path` gives the branch indices from the start to `child`
  /// (called only when something is found). `held` is how many simulations
  /// the caller holds (for peak_states and max_held_states).
  Visit visit(const Simulation& parent, const Branch& move, const Simulation& child, const Budget& budget, int depth,
              std::uint64_t held, const std::function<std::vector<std::uint32_t>()>& path);

  /// Reports progress (also at the end of a BFS level); false when canceled.
  bool report(int depth, std::uint64_t frontier);

  /// Marks that a state at max_depth still had choices.
  void depth_cut() { r_.depth_bound_hit = true; }
  /// Finishes a search that ran out of states: complete unless cut off.
  void finish(int depth);

  SearchResult& result() { return r_; }

 private:
  const StageInfo& stage_;
  const SearchBounds& bounds_;
  const SearchCallbacks& callbacks_;
  Simulation::CrashedServers crashed_keys_;
  Simulation::CrashedServers quiescent_keys_;  ///< How the quiescent callback keys crashed servers.
  SeenStates seen_;
  SearchResult r_;
  std::uint64_t next_report_ = 0;
};

/// Breadth-first order: each level (choices from the start) before the next;
/// the first break found is a shortest one. Holds two levels of simulations.
SearchResult breadth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks);

/// Depth-first order: holds only the current path (one simulation per choice),
/// so memory is the visited set (about 16-32 bytes per state). A break found
/// need not be the shortest; with max_depth cutting anything off the search
/// is not complete (a state first met deep is not expanded again when met
/// shallower).
SearchResult depth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks);

}  // namespace paxoslab::search_detail
