#include "core/search/search.hpp"

#include <algorithm>
#include <thread>

#include "core/search/branches.hpp"
#include "core/search/explorer.hpp"
#include "core/search/worker_pool.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab {

using search_detail::Branch;
using search_detail::Budget;
using search_detail::Explorer;

namespace search_detail {

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

/// The branch indices from the start to tree node `node`, then `last`.
std::vector<std::uint32_t> path_to(const std::vector<TreeNode>& tree, std::uint32_t node, std::uint32_t last) {
  std::vector<std::uint32_t> path{last};
  for (std::uint32_t n = node; n != 0; n = tree[n].parent) path.push_back(tree[n].branch);
  std::reverse(path.begin(), path.end());
  return path;
}

/// A successor computed on a worker thread, waiting to be recorded.
struct Child {
  std::uint32_t branch = 0;
  Explorer::Evaluation eval;
  Budget budget;
  Simulation sim;  ///< Moved-from (empty) once dropped or seen.
};

/// One parent of a chunk, expanded.
struct Expanded {
  bool had_moves = false;
  std::vector<Child> children;
};

/// Parents expanded per chunk and thread: enough to keep the threads busy
/// between two recording passes, few enough to hold their children.
constexpr std::size_t kChunkPerJob = 256;

/// Expands `cur` (its moves, each successor evaluated against the visited
/// set as it stands): the thread-safe half of one parent's work.
Expanded expand(Entry& cur, int depth, const SearchBounds& bounds, const Explorer& ex) {
  Expanded out;
  const auto moves = branches(cur.sim, cur.budget, bounds);
  out.had_moves = !moves.empty();
  if (depth >= bounds.max_depth) return out;
  out.children.reserve(moves.size());
  for (std::uint32_t b = 0; b < moves.size(); ++b) {
    // The last move takes cur's simulation instead of a copy, unless it
    // is still needed to tell a silent suspicion.
    const bool last = b + 1 == moves.size() && !moves[b].unless_silent;
    Child child{b, {}, cur.budget, last ? std::move(cur.sim) : cur.sim};
    take(child.sim, moves[b], child.budget, bounds, nullptr);
    child.eval = ex.evaluate(cur.sim, moves[b], child.sim, child.budget);
    if (child.eval.dropped || child.eval.seen) {
      // Not needed any more (record reads no simulation for these): free it now.
      const Simulation gone = std::move(child.sim);
    }
    out.children.push_back(std::move(child));
  }
  return out;
}

}  // namespace

SearchResult breadth_first(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks) {
  Explorer ex(stage, bounds, callbacks);
  WorkerPool pool(bounds.jobs);
  std::vector<TreeNode> tree{TreeNode{}};
  std::vector<Entry> level;
  std::vector<Entry> next;
  std::vector<Expanded> chunk;
  level.push_back(Entry{ex.start(), 0, Budget{}});
  const std::size_t chunk_size = kChunkPerJob * static_cast<std::size_t>(pool.jobs());
  int depth = 0;
  for (; !level.empty(); ++depth) {
    ex.result().depth = depth;
    // Parents are taken from the back of the level (one thread's order):
    // a chunk is the last chunk_size of them, recorded back to front.
    while (!level.empty()) {
      const std::size_t n = std::min(chunk_size, level.size());
      const std::size_t first = level.size() - n;
      chunk.assign(n, Expanded{});
      pool.parallel_for(n, [&](std::size_t i, int) { chunk[i] = expand(level[first + i], depth, bounds, ex); });
      for (std::size_t i = n; i-- > 0;) {
        const Entry& cur = level[first + i];
        const Expanded& e = chunk[i];
        if (depth >= bounds.max_depth) {
          if (e.had_moves) ex.depth_cut();
          continue;
        }
        for (Child& child : chunk[i].children) {
          const std::uint32_t b = child.branch;
          const auto visit = ex.record(child.eval, child.sim, child.budget, depth + 1, first + i + next.size() + 1,
                                       [&] { return path_to(tree, cur.node, b); });
          if (visit == Explorer::Visit::Found || visit == Explorer::Visit::Stopped) return ex.result();
          if (visit != Explorer::Visit::New) continue;
          tree.push_back(TreeNode{cur.node, b});
          next.push_back(Entry{std::move(child.sim), static_cast<std::uint32_t>(tree.size() - 1), child.budget});
        }
      }
      level.erase(level.begin() + static_cast<std::ptrdiff_t>(first), level.end());
    }
    std::swap(level, next);
    if (!ex.report(depth, level.size())) return ex.result();
  }
  ex.finish(std::max(0, depth - 1));
  return ex.result();
}

}  // namespace search_detail

int default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();  // 0 when unknown
  return static_cast<int>(std::clamp(cores, 1u, 256u));
}

SearchBounds default_bounds(int stage) {
  SearchBounds b;
  b.jobs = default_jobs();
  if (stage >= 3) b.servers = 3;
  if (stage == 4) {
    b.max_reorders = 0;
    b.depth_first = true;
    b.max_depth = 400;
    b.max_states = 20'000'000;
  }
  return b;
}

bool only_a_restart_shows(const std::vector<std::string>& without) {
  return std::any_of(without.begin(), without.end(),
                     [](const std::string& id) { return id == "durable-promise" || id == "durable-accepted-value"; });
}

SearchBounds default_bounds(int stage, const std::vector<std::string>& without) {
  SearchBounds b = default_bounds(stage);
  if (only_a_restart_shows(without)) {
    // One reboot instead of a loss, breadth-first: the shortest break
    // (depth 21 on Stage 4) within about a minute (docs/break-finder.md).
    b.max_restarts = 1;
    b.restart_at_once = true;
    b.max_losses = 0;
    b.depth_first = false;
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
  if (b.max_restarts < 0 || b.max_restarts > 50) return "max-restarts must be 0..50, got " + std::to_string(b.max_restarts);
  if (b.max_partitions < 0 || b.max_partitions > 50)
    return "max-partitions must be 0..50, got " + std::to_string(b.max_partitions);
  if (b.max_reorders < -1 || b.max_reorders > 50)
    return "max-reorders must be -1 (unbounded) or 0..50, got " + std::to_string(b.max_reorders);
  if (b.max_depth < 1 || b.max_depth > 100000) return "max-depth must be 1..100000, got " + std::to_string(b.max_depth);
  if (b.max_states < 1 || b.max_states > 4'000'000'000ULL)
    return "max-states must be 1..4000000000, got " + std::to_string(b.max_states);
  if (b.max_held_states < 1 || b.max_held_states > 100'000'000ULL)
    return "max-held must be 1..100000000, got " + std::to_string(b.max_held_states);
  if (b.jobs < 1 || b.jobs > 256) return "jobs must be 1..256, got " + std::to_string(b.jobs);
  if (b.progress_every < 1) return "progress_every must be at least 1";
  if (const std::string bad = validate(search_config(0, b)); !bad.empty()) return "knobs: " + bad;
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
  c.knobs = bounds.knobs;
  return c;
}

bool restarts_later(const SearchBounds& bounds) { return bounds.max_restarts > 0 && !bounds.restart_at_once; }

bool reduces_interleavings(const SearchBounds& bounds) {
  return bounds.reduce_interleavings && bounds.max_reorders == 0 && !restarts_later(bounds) &&
         bounds.max_partitions == 0;
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
  if (!bounds.depth_first) return search_detail::breadth_first(stage, bounds, callbacks);
  return bounds.jobs > 1 ? search_detail::parallel_depth_first(stage, bounds, callbacks)
                         : search_detail::depth_first(stage, bounds, callbacks);
}

}  // namespace paxoslab
