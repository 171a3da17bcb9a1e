// Helpers shared by the break-finder's tests (tests/core/search_*_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/schedule.hpp"
#include "core/search/search.hpp"
#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"

namespace paxoslab::testing {

/// The registered stage `n` (a test failure if there is none).
inline StageInfo search_stage(int n) {
  auto s = find_stage(n);
  EXPECT_TRUE(s.has_value());
  return s.value_or(StageInfo{});
}

/// Three servers in due-tick order (max_reorders 0) with the given fault
/// budget and `requests` requests from as many clients (at most 2).
inline SearchBounds due_tick_bounds(int requests, int losses, int crashes, int suspicions) {
  SearchBounds b;
  b.servers = 3;
  b.clients = std::min(requests, 2);
  b.requests = requests;
  b.max_losses = losses;
  b.max_crashes = crashes;
  b.max_suspicions = suspicions;
  b.max_reorders = 0;
  return b;
}

/// Replays a result's schedule on a fresh simulation (full trace kept).
inline Simulation replay_result(const StageInfo& st, const SearchResult& r) {
  Simulation sim(r.config, st, /*keep_trace=*/true);
  std::string error;
  const std::size_t done = carry_out_all(sim, r.schedule, error);
  EXPECT_EQ(done, r.schedule.size()) << error;
  return sim;
}

/// Every quiescent state a search of `b` stores (keys, sorted, unique); the
/// search must end complete with no break. Two searches of the same bounds
/// with the same set reach the same final states.
inline std::vector<std::uint64_t> quiescent_set(int stage_number, const SearchBounds& b) {
  std::vector<std::uint64_t> keys;
  SearchCallbacks cb;
  cb.quiescent = [&](std::uint64_t k) { keys.push_back(k); };
  const SearchResult r = find_break(search_stage(stage_number), b, cb);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace paxoslab::testing
