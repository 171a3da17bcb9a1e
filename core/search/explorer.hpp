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
  /// What can be told about a successor without the search's counters: a
  /// dropped silent suspicion, a break, or its key and whether the visited
  /// set already dominates it. Reads the visited set only, so several
  /// threads may call it at once while nothing is stored.
  struct Evaluation {
    bool dropped = false;   ///< Visit::Dropped.
    bool found = false;     ///< A violation or (unless safety_only) a stuck state.
    bool seen = false;      ///< Dominated by the visited set at the time of the call.
    std::uint64_t sim_key = 0;
  };
  Evaluation evaluate(const Simulation& parent, const Branch& move, const Simulation& child,
                      const Budget& budget) const;

  /// The rest of visit(): counts the successor, records a break, reports
  /// progress, and stores the state unless it is dominated now. Calls in the
  /// order one thread would make them give one thread's result.
  Visit record(const Evaluation& e, const Simulation& child, const Budget& budget, int depth, std::uint64_t held,
               const std::function<std::vector<std::uint32_t>()>& path);

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
/// The level is expanded in chunks on bounds.jobs threads; the children are
/// then stored in one thread's order, so the result does not depend on jobs.
SearchResult breadth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks);

/// Depth-first order: holds only the current path (one simulation per choice),
/// so memory is the visited set (about 16-32 bytes per state). A break found
/// need not be the shortest; with max_depth cutting anything off the search
/// is not complete (a state first met deep is not expanded again when met
/// shallower).
SearchResult depth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks);

/// Depth-first order on bounds.jobs threads sharing one visited set (work is
/// handed to idle threads from the bottom of a busy thread's path). Which
/// states each thread stores depends on timing, so only an order-free result
/// is kept: "none" with every state explored (every reachable state is then
/// stored by some thread, whatever the order). A break, a depth cut or a
/// state bound is searched again by depth_first on one thread (its result,
/// with discarded_states = what the parallel pass computed). A cancel returns
/// what the parallel pass explored.
SearchResult parallel_depth_first(const StageInfo& stage, const SearchBounds& bounds,
                                  const SearchCallbacks& callbacks);

}  // namespace paxoslab::search_detail
