// The break-finder's threads: a fixed set of workers that run one loop body
// over an index range at a time (parallel_for), for the breadth-first
// search's chunks and the depth-first search's workers. Threads live here,
// around the simulation, never inside it: each index works on its own
// simulations. Internal to core/search.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace paxoslab::search_detail {

class WorkerPool {
 public:
  /// Starts `jobs - 1` threads (jobs >= 1; the caller's thread is the last
  /// worker, so jobs = 1 starts none and runs everything inline).
  explicit WorkerPool(int jobs);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Calls body(i, worker) once for every i in [0, count), spread over the
  /// threads (worker in [0, jobs): which thread, for per-thread scratch), and
  /// returns when all calls have returned. Indices are handed out in
  /// increasing order, so which worker runs which index varies from run to
  /// run: `body` must not depend on it for anything but scratch space. The
  /// first exception a call throws is rethrown here (the other indices still
  /// run to the end).
  void parallel_for(std::size_t count, const std::function<void(std::size_t, int)>& body);

  int jobs() const { return static_cast<int>(threads_.size()) + 1; }

 private:
  void work(int worker);
  void run_indices(int worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(std::size_t, int)>* body_ = nullptr;
  std::size_t count_ = 0;
  std::size_t next_ = 0;          // next index to hand out (under mutex_)
  std::size_t finished_ = 0;      // indices whose call returned (under mutex_)
  std::uint64_t generation_ = 0;  // bumped by every parallel_for
  bool stopping_ = false;
  std::exception_ptr error_;
};

}  // namespace paxoslab::search_detail
