// The break-finder's depth-first order on several threads
// (SearchBounds::jobs > 1): the threads share one visited set and hand work
// to each other; an order-free result ("none", everything explored) is kept,
// anything else is searched again on one thread so that it does not depend
// on the number of threads (docs/break-finder.md, "Parallel search").
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/search/explorer.hpp"
#include "core/search/keys.hpp"
#include "core/search/worker_pool.hpp"

namespace paxoslab::search_detail {

namespace {

/// One state on a thread's path and the moves from it still to try.
struct Frame {
  Simulation sim;
  Budget budget;
  std::vector<Branch> moves;
  std::uint32_t next = 0;  ///< The next move to try; moves[next - 1] leads to the frame above.
  int depth = 0;           ///< Choices from the start to `sim`.
};

/// The visited set shared by the threads: SeenStates in shards, each under
/// its own lock, picked by the simulation key (so that a key's budgets are
/// all in one shard and subsumption sees them together).
class SharedSeen {
 public:
  SharedSeen(const SearchBounds& bounds, bool subsume) {
    for (auto& s : shards_) s = std::make_unique<Shard>(bounds, subsume);
  }
  /// Stores (sim_key, budget) unless a state already stored dominates it;
  /// true when stored. Check and store are one step (no two threads store
  /// the same state).
  bool store(std::uint64_t sim_key, const Budget& budget) {
    Shard& s = *shards_[(sim_key >> 58) % kShards];
    const std::lock_guard lock(s.mutex);
    if (s.seen.dominated(sim_key, budget)) return false;
    s.seen.insert(sim_key, budget);
    return true;
  }

 private:
  static constexpr std::size_t kShards = 64;
  struct Shard {
    Shard(const SearchBounds& bounds, bool subsume) : seen(bounds, subsume) {}
    std::mutex mutex;
    SeenStates seen;
  };
  std::array<std::unique_ptr<Shard>, kShards> shards_;
};

/// What one thread counted since it last added to the shared counters. The
/// threads add their counts every kFlushEvery states instead of at every
/// state, so that they do not write the same cache lines all the time.
struct Tally {
  std::uint64_t explored = 0;
  std::uint64_t unique = 0;
  std::int64_t held = 0;  ///< Frames taken on (pushed or donated) minus frames done.
  int deepest = 0;
  std::uint32_t since_flush = 0;
};
constexpr std::uint32_t kFlushEvery = 256;

/// Every thread's view of one parallel search.
class ParallelSearch {
 public:
  ParallelSearch(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks)
      : stage_(stage),
        bounds_(bounds),
        callbacks_(callbacks),
        crashed_keys_(bounds.exact_keys || restarts_later(bounds) ? Simulation::CrashedServers::Kept
                                                                   : Simulation::CrashedServers::Final),
        quiescent_keys_(restarts_later(bounds) ? Simulation::CrashedServers::Kept
                                                : Simulation::CrashedServers::Final),
        seen_(bounds, !bounds.exact_keys),
        next_report_(bounds.progress_every) {}

  /// Runs the search from `root` (stored already) on bounds.jobs threads.
  void run(Simulation root) {
    seen_.store(sim_key_of(root, bounds_, crashed_keys_), Budget{});
    unique_ = 1;
    auto moves = branches(root, Budget{}, bounds_);
    if (moves.empty()) return;
    if (bounds_.max_depth <= 0) {
      depth_cut_ = true;
      return;
    }
    pool_.push_back(Frame{std::move(root), Budget{}, std::move(moves), 0, 0});
    held_ = 1;
    WorkerPool threads(bounds_.jobs);
    threads.parallel_for(static_cast<std::size_t>(bounds_.jobs), [this](std::size_t, int) { work(); });
  }

  bool found() const { return found_; }
  bool canceled() const { return canceled_; }
  bool depth_cut() const { return depth_cut_; }
  bool state_bound() const { return state_bound_; }
  std::uint64_t explored() const { return explored_; }
  std::uint64_t unique() const { return unique_; }
  std::uint64_t peak_held() const { return peak_held_; }
  int deepest() const { return deepest_; }

 private:
  /// One thread: takes frames from the shared pool until none is left
  /// anywhere (every thread idle) or the search stops.
  void work() {
    std::vector<Frame> stack;
    Tally tally;
    for (;;) {
      {
        std::unique_lock lock(pool_mutex_);
        ++idle_;
        if (idle_ == bounds_.jobs && pool_.empty()) {
          finished_ = true;
          pool_ready_.notify_all();
        }
        pool_ready_.wait(lock, [&] { return !pool_.empty() || finished_ || stop_.load(); });
        if (pool_.empty() || stop_.load()) {
          // Wake the threads still waiting: a stop set by another thread
          // (outside this lock) reaches them through here.
          pool_ready_.notify_all();
          return;
        }
        --idle_;
        stack.push_back(std::move(pool_.back()));
        pool_.pop_back();
      }
      explore(stack, tally);
      tally.held -= static_cast<std::int64_t>(stack.size());
      stack.clear();
      flush(tally);
    }
  }

  /// Adds `t` to the shared counters (and reports progress when due).
  void flush(Tally& t) {
    const std::uint64_t explored = explored_ += t.explored;
    unique_ += t.unique;
    const std::uint64_t held = held_ += static_cast<std::uint64_t>(t.held);
    note_held(held);
    int deepest = deepest_.load(std::memory_order_relaxed);
    while (t.deepest > deepest && !deepest_.compare_exchange_weak(deepest, t.deepest)) {
    }
    const int depth = t.deepest;
    t = Tally{};
    if (explored >= next_report_.load(std::memory_order_relaxed)) report(depth - 1);
  }

  /// Gives the moves left at the lowest frame of `stack` that has any to
  /// the pool (the biggest subtree left), when a thread is idle.
  void donate(std::vector<Frame>& stack, Tally& tally) {
    for (Frame& f : stack) {
      if (f.next >= f.moves.size()) continue;
      Frame d{f.sim, f.budget, std::vector<Branch>(f.moves.begin() + f.next, f.moves.end()), 0, f.depth};
      // The taker's copies then share no reference count with this thread's.
      d.sim.unshare();
      f.moves.resize(f.next);
      ++tally.held;
      {
        const std::lock_guard lock(pool_mutex_);
        pool_.push_back(std::move(d));
      }
      pool_ready_.notify_one();
      return;
    }
  }

  /// Depth-first from the frame on `stack` until it is done or the search stops.
  void explore(std::vector<Frame>& stack, Tally& tally) {
    std::uint32_t steps = 0;
    while (!stack.empty() && !stop_.load(std::memory_order_relaxed)) {
      if ((++steps & 63U) == 0 && idle_hint() > 0) donate(stack, tally);
      if (tally.since_flush >= kFlushEvery) flush(tally);
      Frame& top = stack.back();
      if (top.next == top.moves.size()) {
        stack.pop_back();
        --tally.held;
        continue;
      }
      const std::uint32_t b = top.next++;
      const int depth = top.depth + 1;
      // The last move takes the frame's simulation instead of a copy (the
      // frame is done after it), unless the parent is still needed to tell a
      // silent suspicion.
      const bool last = top.next == top.moves.size() && !top.moves[b].unless_silent;
      Simulation child = last ? std::move(top.sim) : top.sim;
      Budget budget = top.budget;
      take(child, top.moves[b], budget, bounds_, nullptr);
      if (!visit(top.sim, top.moves[b], child, budget, depth, tally)) continue;
      auto moves = branches(child, budget, bounds_);
      if (moves.empty()) continue;
      if (depth >= bounds_.max_depth) {
        depth_cut_ = true;
        continue;
      }
      stack.push_back(Frame{std::move(child), budget, std::move(moves), 0, depth});
      ++tally.held;
    }
  }

  /// Explorer::visit on shared counters: true when `child` is new (expand it).
  bool visit(const Simulation& parent, const Branch& move, const Simulation& child, const Budget& budget,
             int depth, Tally& tally) {
    if (move.unless_silent && silent_suspicion(parent, child, move)) return false;
    ++tally.explored;
    ++tally.since_flush;
    tally.deepest = std::max(tally.deepest, depth);
    if (!child.checker().safe() || (!bounds_.safety_only && !child.next_event() && child.liveness().stuck)) {
      found_ = true;  // searched again on one thread for the schedule
      stop_ = true;
      return false;
    }
    const std::uint64_t sim_key = sim_key_of(child, bounds_, crashed_keys_);
    if (!seen_.store(sim_key, budget)) return false;
    const std::uint64_t unique = unique_.load(std::memory_order_relaxed) + ++tally.unique;
    if (callbacks_.quiescent && !child.next_event()) {
      const std::uint64_t key = bounds_.exact_keys ? sim_key_of(child, bounds_, quiescent_keys_) : sim_key;
      const std::lock_guard lock(callback_mutex_);
      callbacks_.quiescent(key);
    }
    const std::uint64_t held = held_.load(std::memory_order_relaxed) + static_cast<std::uint64_t>(tally.held);
    if (held + 1 >= bounds_.max_held_states || unique >= bounds_.max_states) {
      state_bound_ = true;
      stop_ = true;
      return false;
    }
    return true;
  }

  /// Calls the progress callback (one thread at a time); a false answer stops every thread.
  void report(int depth) {
    const std::lock_guard lock(callback_mutex_);
    if (stop_.load()) return;  // stopping (canceled, a break, a bound): no more progress calls
    const std::uint64_t explored = explored_.load();
    if (explored < next_report_.load()) return;  // another thread just reported
    next_report_ = explored + bounds_.progress_every;
    SearchProgress p;
    p.states_explored = explored;
    p.unique_states = unique_.load();
    p.depth = depth;
    p.frontier = held_.load();
    if (callbacks_.progress && !callbacks_.progress(p)) {
      canceled_ = true;
      stop_ = true;
      pool_ready_.notify_all();
    }
  }

  int idle_hint() {
    const std::lock_guard lock(pool_mutex_);
    return pool_.empty() ? idle_ : 0;
  }

  void note_held(std::uint64_t held) {
    std::uint64_t peak = peak_held_.load(std::memory_order_relaxed);
    while (held > peak && !peak_held_.compare_exchange_weak(peak, held)) {
    }
  }

  const StageInfo& stage_;
  const SearchBounds& bounds_;
  const SearchCallbacks& callbacks_;
  Simulation::CrashedServers crashed_keys_;
  Simulation::CrashedServers quiescent_keys_;
  SharedSeen seen_;

  std::mutex pool_mutex_;  // guards pool_, idle_, finished_
  std::condition_variable pool_ready_;
  std::vector<Frame> pool_;
  int idle_ = 0;
  bool finished_ = false;

  std::mutex callback_mutex_;  // one callback at a time
  std::atomic<bool> stop_{false};
  std::atomic<bool> found_{false};
  std::atomic<bool> canceled_{false};
  std::atomic<bool> depth_cut_{false};
  std::atomic<bool> state_bound_{false};
  std::atomic<std::uint64_t> explored_{0};
  std::atomic<std::uint64_t> unique_{0};
  std::atomic<std::uint64_t> held_{0};
  std::atomic<std::uint64_t> peak_held_{1};
  std::atomic<std::uint64_t> next_report_;
  std::atomic<int> deepest_{0};
};

}  // namespace

SearchResult parallel_depth_first(const StageInfo& stage, const SearchBounds& bounds,
                                  const SearchCallbacks& callbacks) {
  Explorer ex(stage, bounds, callbacks);
  ParallelSearch search(stage, bounds, callbacks);
  search.run(ex.start());
  if (!search.canceled() && (search.found() || search.depth_cut() || search.state_bound())) {
    // Which break, cut or bound a parallel pass meets depends on timing:
    // one thread's search gives the result every job count agrees on.
    SearchBounds one = bounds;
    one.jobs = 1;
    SearchResult r = depth_first(stage, one, callbacks);
    r.jobs = bounds.jobs;
    r.discarded_states = search.explored();
    return r;
  }
  SearchResult& r = ex.result();
  r.states_explored = search.explored();
  r.unique_states = search.unique();
  r.peak_states = search.peak_held();
  if (search.canceled()) {
    r.canceled = true;
    r.depth = search.deepest();
    r.explanation = "Canceled after " + std::to_string(r.states_explored) + " states (depth " +
                    std::to_string(search.deepest()) + ") without finding a break.";
    return r;
  }
  ex.finish(search.deepest());
  return r;
}

}  // namespace paxoslab::search_detail
