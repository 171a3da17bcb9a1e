#include "core/search/worker_pool.hpp"

namespace paxoslab::search_detail {

WorkerPool::WorkerPool(int jobs) {
  for (int w = 0; w + 1 < jobs; ++w) threads_.emplace_back(&WorkerPool::work, this, w);
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run_indices(int worker) {
  std::unique_lock lock(mutex_);
  while (next_ < count_) {
    const std::size_t i = next_++;
    lock.unlock();
    try {
      (*body_)(i, worker);
    } catch (...) {
      const std::lock_guard error_lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
    lock.lock();
    if (++finished_ == count_) done_.notify_all();
  }
}

void WorkerPool::work(int worker) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    run_indices(worker);
  }
}

void WorkerPool::parallel_for(std::size_t count, const std::function<void(std::size_t, int)>& body) {
  if (count == 0) return;
  if (threads_.empty()) {
    for (std::size_t i = 0; i < count; ++i) body(i, 0);
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    body_ = &body;
    count_ = count;
    next_ = 0;
    finished_ = 0;
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  run_indices(jobs() - 1);
  std::exception_ptr error;
  {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return finished_ == count_; });
    body_ = nullptr;
    count_ = 0;
    error = error_;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace paxoslab::search_detail
