#include "core/search/search.hpp"

#include <algorithm>

#include "core/hash.hpp"
#include "core/search/branches.hpp"
#include "core/search/visited_set.hpp"
#include "core/simulation.hpp"

namespace paxoslab {

using search_detail::Branch;
using search_detail::Budget;

namespace {

/// A state waiting to be expanded.
struct Entry {
  Simulation sim;
  std::uint32_t node = 0;  // index into the search tree
  Budget budget;
};

/// How a stored state was reached: its parent and which of the parent's
/// branches (search_detail::branches order) led to it. 8 bytes per state.
struct TreeNode {
  std::uint32_t parent = 0;
  std::uint32_t branch = 0;
};

/// The simulation part of a state's key: its state hash (crashed servers
/// never restart in a search, so only their sigma counts) and, with timed
/// scheduling, when each pending event is due relative to now.
std::uint64_t sim_key_of(const Simulation& sim, const SearchBounds& bounds,
                         Simulation::CrashedServers crashed = Simulation::CrashedServers::Final) {
  Hasher h;
  h.add(sim.state_hash(crashed));
  if (bounds.max_reorders >= 0) h.add(search_detail::timing_hash(sim));
  return h.value();
}

/// A state's key: the simulation part and the faults used so far.
std::uint64_t key_of(std::uint64_t sim_key, const Budget& b) {
  Hasher h;
  h.add(sim_key);
  h.add(static_cast<std::uint64_t>(b.losses) | static_cast<std::uint64_t>(b.crashes) << 8 |
        static_cast<std::uint64_t>(b.suspicions) << 16 | static_cast<std::uint64_t>(b.reorders) << 24);
  return h.value();
}

/// Subsumption: the same simulation state reached with no more of any fault
/// budget used (componentwise) was already stored. Everything reachable from
/// this one is then reachable from that one, within at least as many choices
/// (BFS stores shallower states first), so this one need not be expanded.
/// Checks every budget below `b` when `subsume` is set and there are at most
/// 64 of them, else only `b` itself (plain duplicate detection).
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

/// The start state: every client request sent at tick 0, then the forced steps.
Simulation start_state(const StageInfo& stage, const SearchBounds& bounds, std::vector<ScheduleChoice>* record) {
  Simulation sim(search_config(stage.number, bounds), stage, /*keep_trace=*/false);
  for (int i = 1; i <= bounds.requests; ++i) {
    ClientRequestAction a{ClientId{(i - 1) % bounds.clients + 1}, RequestId{i}};
    if (record) {
      ScheduleChoice c;
      c.type = ScheduleChoice::Type::Act;
      c.action = a;
      record->push_back(c);
    }
    sim.apply(a);
  }
  search_detail::force(sim, bounds, record);
  return sim;
}

/// Rebuilds the schedule that reaches tree node `node` and then takes
/// `last_branch` from it.
std::vector<ScheduleChoice> rebuild(const StageInfo& stage, const SearchBounds& bounds,
                                    const std::vector<TreeNode>& tree, std::uint32_t node,
                                    std::uint32_t last_branch) {
  std::vector<std::uint32_t> path{last_branch};
  for (std::uint32_t n = node; n != 0; n = tree[n].parent) path.push_back(tree[n].branch);
  std::reverse(path.begin(), path.end());
  std::vector<ScheduleChoice> out;
  Simulation sim = start_state(stage, bounds, &out);
  Budget budget;
  for (std::uint32_t b : path) {
    const auto moves = search_detail::branches(sim, budget, bounds);
    search_detail::take(sim, moves.at(b), budget, bounds, &out);
  }
  return out;
}

}  // namespace

SearchBounds default_bounds(int stage) {
  SearchBounds b;
  if (stage >= 3) b.servers = 3;
  if (stage == 4) {
    b.max_reorders = 0;
    b.clients = 1;
    b.requests = 1;
  }
  return b;
}

std::string validate(const SearchBounds& b) {
  if (b.servers < 1 || b.servers > 7) return "servers must be 1..7, got " + std::to_string(b.servers);
  if (b.clients < 1 || b.clients > 9) return "clients must be 1..9, got " + std::to_string(b.clients);
  if (b.requests < 1 || b.requests > 20) return "requests must be 1..20, got " + std::to_string(b.requests);
  if (b.max_losses < 0 || b.max_losses > 50) return "max-losses must be 0..50, got " + std::to_string(b.max_losses);
  if (b.max_crashes < 0 || b.max_crashes > b.servers)
    return "max-crashes must be 0..servers (" + std::to_string(b.servers) + "), got " + std::to_string(b.max_crashes);
  if (b.max_suspicions < 0 || b.max_suspicions > 50)
    return "max-suspicions must be 0..50, got " + std::to_string(b.max_suspicions);
  if (b.max_reorders < -1 || b.max_reorders > 50)
    return "max-reorders must be -1 (unbounded) or 0..50, got " + std::to_string(b.max_reorders);
  if (b.max_depth < 1 || b.max_depth > 100000) return "max-depth must be 1..100000, got " + std::to_string(b.max_depth);
  if (b.max_states < 1 || b.max_states > 4'000'000'000ULL)
    return "max-states must be 1..4000000000, got " + std::to_string(b.max_states);
  if (b.max_held_states < 1 || b.max_held_states > 100'000'000ULL)
    return "max-held must be 1..100000000, got " + std::to_string(b.max_held_states);
  if (b.progress_every < 1) return "progress_every must be at least 1";
  return {};
}

SimConfig search_config(int stage, const SearchBounds& bounds) {
  SimConfig c;
  c.stage = stage;
  c.servers = bounds.servers;
  c.clients = bounds.clients;
  c.seed = 1;
  c.link.delay_ticks_min = 10;
  c.link.delay_ticks_max = 10;
  c.link.loss_probability = 0.0;
  c.link.duplicate_probability = 0.0;
  c.knobs.client_retry_ticks = 0;
  return c;
}

bool reduces_interleavings(const SearchBounds& bounds) {
  return bounds.reduce_interleavings && bounds.max_reorders == 0;
}

const char* to_string(SearchResult::Outcome o) {
  switch (o) {
    case SearchResult::Outcome::Violation: return "violation";
    case SearchResult::Outcome::Stuck: return "stuck";
    case SearchResult::Outcome::None: return "none";
  }
  return "none";
}

SearchResult::Outcome verdict_of(const Simulation& sim) {
  if (!sim.checker().safe()) return SearchResult::Outcome::Violation;
  if (sim.liveness().stuck) return SearchResult::Outcome::Stuck;
  return SearchResult::Outcome::None;
}

SearchResult find_break(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks) {
  SearchResult r;
  r.config = search_config(stage.number, bounds);

  const auto crashed_keys =
      bounds.exact_keys ? Simulation::CrashedServers::Kept : Simulation::CrashedServers::Final;
  std::vector<TreeNode> tree{TreeNode{}};
  VisitedSet visited;
  std::vector<Entry> level;
  std::vector<Entry> next;
  {
    Entry root{start_state(stage, bounds, nullptr), 0, Budget{}};
    visited.insert(key_of(sim_key_of(root.sim, bounds, crashed_keys), root.budget));
    level.push_back(std::move(root));
  }
  r.unique_states = 1;
  r.peak_states = 1;

  SearchProgress progress;
  std::uint64_t next_report = bounds.progress_every;
  const auto report = [&](int depth) {
    progress.states_explored = r.states_explored;
    progress.unique_states = r.unique_states;
    progress.depth = depth;
    progress.frontier = level.size() + next.size();
    if (callbacks.progress && !callbacks.progress(progress)) {
      r.canceled = true;
      r.explanation = "Canceled after " + std::to_string(r.states_explored) + " states (level " +
                      std::to_string(depth) + ") without finding a break.";
    }
    return !r.canceled;
  };
  const auto found = [&](SearchResult::Outcome o, const Simulation& sim, const Entry& from, std::uint32_t branch,
                         int depth) {
    r.result = o;
    r.depth = depth;
    r.explanation = o == SearchResult::Outcome::Violation ? sim.checker().violations().front().explanation
                                                          : sim.liveness().explanation;
    if (o == SearchResult::Outcome::Violation) r.violation = sim.checker().violations().front();
    r.schedule = rebuild(stage, bounds, tree, from.node, branch);
  };

  for (int depth = 0; !level.empty(); ++depth) {
    r.depth = depth;
    while (!level.empty()) {
      Entry cur = std::move(level.back());
      level.pop_back();
      const auto moves = search_detail::branches(cur.sim, cur.budget, bounds);
      if (depth >= bounds.max_depth) {
        if (!moves.empty()) r.depth_bound_hit = true;
        continue;
      }
      for (std::uint32_t b = 0; b < moves.size(); ++b) {
        Entry child{cur.sim, 0, cur.budget};
        search_detail::take(child.sim, moves[b], child.budget, bounds, nullptr);
        if (moves[b].unless_silent && search_detail::silent_suspicion(cur.sim, child.sim, moves[b])) continue;
        ++r.states_explored;
        if (!child.sim.checker().safe()) {
          found(SearchResult::Outcome::Violation, child.sim, cur, b, depth + 1);
          return r;
        }
        if (!child.sim.next_event() && child.sim.liveness().stuck) {
          found(SearchResult::Outcome::Stuck, child.sim, cur, b, depth + 1);
          return r;
        }
        if (r.states_explored >= next_report) {
          next_report += bounds.progress_every;
          if (!report(depth)) return r;
        }
        const std::uint64_t sim_key = sim_key_of(child.sim, bounds, crashed_keys);
        if (dominated(visited, sim_key, child.budget, !bounds.exact_keys)) continue;
        visited.insert(key_of(sim_key, child.budget));
        ++r.unique_states;
        if (callbacks.quiescent && !child.sim.next_event())
          callbacks.quiescent(bounds.exact_keys ? sim_key_of(child.sim, bounds) : sim_key);
        tree.push_back(TreeNode{cur.node, b});
        child.node = static_cast<std::uint32_t>(tree.size() - 1);
        next.push_back(std::move(child));
        r.peak_states = std::max<std::uint64_t>(r.peak_states, level.size() + next.size() + 1);
        if (r.peak_states >= bounds.max_held_states) {
          r.state_bound_hit = true;
          r.explanation = "Stopped at the memory bound (" + std::to_string(bounds.max_held_states) +
                          " states held at once, level " + std::to_string(depth + 1) + ") without finding a break.";
          return r;
        }
        if (r.unique_states >= bounds.max_states) {
          r.state_bound_hit = true;
          r.explanation = "Stopped at the state bound (" + std::to_string(bounds.max_states) +
                          " unique states) without finding a break.";
          return r;
        }
      }
    }
    std::swap(level, next);
    if (!report(depth)) return r;
  }
  r.complete = !r.depth_bound_hit;
  r.explanation = r.complete ? "No schedule within the bounds breaks this stage: every reachable state was explored."
                             : "No break within " + std::to_string(bounds.max_depth) +
                                   " choices; deeper schedules were not explored.";
  return r;
}

}  // namespace paxoslab
