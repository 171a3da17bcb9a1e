#include "core/search/explorer.hpp"

#include <algorithm>

#include "core/search/keys.hpp"
#include "core/search/replay.hpp"

namespace paxoslab::search_detail {

Explorer::Explorer(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks)
    : stage_(stage),
      bounds_(bounds),
      callbacks_(callbacks),
      // A crashed server that may restart counts by all of its state.
      crashed_keys_(bounds.exact_keys || restarts_later(bounds) ? Simulation::CrashedServers::Kept
                                                                 : Simulation::CrashedServers::Final),
      quiescent_keys_(restarts_later(bounds) ? Simulation::CrashedServers::Kept : Simulation::CrashedServers::Final),
      seen_(bounds, !bounds.exact_keys),
      next_report_(bounds.progress_every) {
  r_.config = search_config(stage.number, bounds);
  r_.jobs = bounds.jobs;
}

Simulation Explorer::start() {
  Simulation sim = start_state(stage_, bounds_, nullptr);
  seen_.insert(sim_key_of(sim, bounds_, crashed_keys_), Budget{});
  r_.unique_states = 1;
  r_.peak_states = 1;
  return sim;
}

bool Explorer::report(int depth, std::uint64_t frontier) {
  SearchProgress p;
  p.states_explored = r_.states_explored;
  p.unique_states = r_.unique_states;
  p.depth = depth;
  p.frontier = frontier;
  if (callbacks_.progress && !callbacks_.progress(p)) {
    r_.canceled = true;
    r_.explanation = "Canceled after " + std::to_string(r_.states_explored) + " states (level " +
                     std::to_string(depth) + ") without finding a break.";
  }
  return !r_.canceled;
}

Explorer::Evaluation Explorer::evaluate(const Simulation& parent, const Branch& move, const Simulation& child,
                                        const Budget& budget) const {
  Evaluation e;
  if (move.unless_silent && silent_suspicion(parent, child, move)) {
    e.dropped = true;
    return e;
  }
  // --safety-only: a stuck run is no break; the search goes on past it.
  e.found = !child.checker().safe() || (!bounds_.safety_only && !child.next_event() && child.liveness().stuck);
  if (e.found) return e;
  e.sim_key = sim_key_of(child, bounds_, crashed_keys_);
  e.seen = seen_.dominated(e.sim_key, budget);
  return e;
}

Explorer::Visit Explorer::record(const Evaluation& e, const Simulation& child, const Budget& budget, int depth,
                                 std::uint64_t held, const std::function<std::vector<std::uint32_t>()>& path) {
  if (e.dropped) return Visit::Dropped;
  ++r_.states_explored;
  if (e.found) {
    const bool unsafe = !child.checker().safe();
    r_.result = unsafe ? SearchResult::Outcome::Violation : SearchResult::Outcome::Stuck;
    r_.depth = depth;
    r_.explanation = unsafe ? child.checker().violations().front().explanation : child.liveness().explanation;
    if (unsafe) r_.violation = child.checker().violations().front();
    r_.schedule = replay_path(stage_, bounds_, path());
    return Visit::Found;
  }
  if (r_.states_explored >= next_report_) {
    next_report_ += bounds_.progress_every;
    if (!report(depth - 1, held)) return Visit::Stopped;
  }
  const std::uint64_t sim_key = e.sim_key;
  if (e.seen || seen_.dominated(sim_key, budget)) return Visit::Seen;
  seen_.insert(sim_key, budget);
  ++r_.unique_states;
  if (callbacks_.quiescent && !child.next_event())
    // One key space whatever exact_keys says: crashed servers by sigma only,
    // unless they may restart (then by all of their state, as stored).
    callbacks_.quiescent(bounds_.exact_keys ? sim_key_of(child, bounds_, quiescent_keys_) : sim_key);
  r_.peak_states = std::max<std::uint64_t>(r_.peak_states, held + 1);
  if (held + 1 >= bounds_.max_held_states) {
    r_.state_bound_hit = true;
    r_.explanation = "Stopped at the memory bound (" + std::to_string(bounds_.max_held_states) +
                     " states held at once, level " + std::to_string(depth) + ") without finding a break.";
    return Visit::Stopped;
  }
  if (r_.unique_states >= bounds_.max_states) {
    r_.state_bound_hit = true;
    r_.explanation =
        "Stopped at the state bound (" + std::to_string(bounds_.max_states) + " unique states) without finding a break.";
    return Visit::Stopped;
  }
  return Visit::New;
}

Explorer::Visit Explorer::visit(const Simulation& parent, const Branch& move, const Simulation& child,
                                const Budget& budget, int depth, std::uint64_t held,
                                const std::function<std::vector<std::uint32_t>()>& path) {
  return record(evaluate(parent, move, child, budget), child, budget, depth, held, path);
}

void Explorer::finish(int depth) {
  r_.depth = depth;
  r_.complete = !r_.depth_bound_hit;
  if (r_.complete) {
    r_.explanation = bounds_.safety_only
                         ? "No schedule within the bounds violates safety (stuck runs not counted, --safety-only): "
                           "every reachable state was explored."
                         : "No schedule within the bounds breaks this stage: every reachable state was explored.";
  } else if (bounds_.depth_first) {
    // A state first met deep and cut off is not expanded again when met
    // higher up, so even short schedules may be missed.
    r_.explanation = "No break found depth-first, but the depth bound (" + std::to_string(bounds_.max_depth) +
                     " choices) cut some schedules off, and a depth-first search cut off that way may miss even "
                     "shorter ones: raise the max depth or search breadth-first.";
  } else {
    r_.explanation =
        "No break within " + std::to_string(bounds_.max_depth) + " choices; deeper schedules were not explored.";
  }
}

}  // namespace paxoslab::search_detail
