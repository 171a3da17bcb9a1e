// The break-finder on several threads (SearchBounds::jobs, `search --jobs`):
// the verdict and the counterexample do not depend on the number of threads
// (docs/break-finder.md, "Parallel search"). Breadth-first also keeps the
// counts; depth-first keeps every quiescent state and falls back to one
// thread for a break.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

using testing::due_tick_bounds;
using testing::quiescent_set;
using testing::search_stage;

SearchBounds with_jobs(SearchBounds b, int jobs) {
  b.jobs = jobs;
  return b;
}

/// Two results agree on everything a user sees and on the counts.
void expect_same(const SearchResult& one, const SearchResult& many) {
  EXPECT_EQ(one.result, many.result);
  EXPECT_EQ(one.depth, many.depth);
  EXPECT_EQ(one.schedule, many.schedule);
  EXPECT_EQ(one.explanation, many.explanation);
  EXPECT_EQ(one.complete, many.complete);
  EXPECT_EQ(one.states_explored, many.states_explored);
  EXPECT_EQ(one.unique_states, many.unique_states);
}

// Stages 1-3 break breadth-first: the same shortest counterexample, and the
// same counts, on 1, 2 and 4 threads. Stage 3 with 3 servers and 2 reorders
// has levels of more than one chunk (256 parents per thread).
TEST(SearchParallel, BreadthFirstBreaksAreTheSameOnAnyJobCount) {
  for (int stage = 1; stage <= 3; ++stage) {
    SCOPED_TRACE("stage " + std::to_string(stage));
    SearchBounds b = default_bounds(stage);
    const SearchResult one = find_break(search_stage(stage), with_jobs(b, 1));
    ASSERT_NE(one.result, SearchResult::Outcome::None) << one.explanation;
    EXPECT_EQ(one.jobs, 1);
    for (int jobs : {2, 4}) {
      const SearchResult many = find_break(search_stage(stage), with_jobs(b, jobs));
      EXPECT_EQ(many.jobs, jobs);
      expect_same(one, many);
    }
  }
}

// Stage 4 does not break within small bounds, breadth-first: the same counts
// and the same quiescent states on any number of threads.
TEST(SearchParallel, BreadthFirstNoneIsTheSameOnAnyJobCount) {
  const SearchBounds b = due_tick_bounds(1, 1, 1, 0);
  const SearchResult one = find_break(search_stage(4), with_jobs(b, 1));
  ASSERT_EQ(one.result, SearchResult::Outcome::None) << one.explanation;
  ASSERT_TRUE(one.complete);
  const SearchResult two = find_break(search_stage(4), with_jobs(b, 2));
  expect_same(one, two);
  EXPECT_EQ(quiescent_set(4, with_jobs(b, 1)), quiescent_set(4, with_jobs(b, 3)));
}

// Depth-first on several threads shares one visited set, so its counts vary
// with timing, but "none, complete" and the quiescent states reached do not.
TEST(SearchParallel, DepthFirstNoneReachesTheSameFinalStates) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  SearchBounds b = due_tick_bounds(1, 1, 1, 1);
  b.depth_first = true;
  b.max_depth = 400;
  const auto one = quiescent_set(4, with_jobs(b, 1));
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(one, quiescent_set(4, with_jobs(b, 2)));
  EXPECT_EQ(one, quiescent_set(4, with_jobs(b, 4)));
  const SearchResult two = find_break(search_stage(4), with_jobs(b, 2));
  EXPECT_EQ(two.result, SearchResult::Outcome::None);
  EXPECT_TRUE(two.complete);
  EXPECT_EQ(two.discarded_states, 0u);
  EXPECT_GT(two.unique_states, 1u);
}

// A break found depth-first on several threads is searched again on one:
// the same counterexample as --jobs 1, with the parallel pass's work counted
// apart.
TEST(SearchParallel, DepthFirstBreaksAreTheSameOnAnyJobCount) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  for (int stage = 1; stage <= 3; ++stage) {
    SCOPED_TRACE("stage " + std::to_string(stage));
    SearchBounds b = default_bounds(stage);
    b.depth_first = true;
    const SearchResult one = find_break(search_stage(stage), with_jobs(b, 1));
    ASSERT_NE(one.result, SearchResult::Outcome::None) << one.explanation;
    EXPECT_EQ(one.discarded_states, 0u);
    for (int jobs : {2, 4}) {
      const SearchResult many = find_break(search_stage(stage), with_jobs(b, jobs));
      expect_same(one, many);
      EXPECT_GT(many.discarded_states, 0u);
    }
  }
}

// A Stage 4 made unsafe on purpose (a quorum of one) breaks the same way on
// any number of threads, depth-first as in the app's default bounds.
TEST(SearchParallel, Stage4WithAQuorumOfOneBreaksTheSameWay) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  SearchBounds b = due_tick_bounds(2, 1, 1, 1);
  b.depth_first = true;
  b.max_depth = 400;
  b.knobs.quorum_size = 1;
  const SearchResult one = find_break(search_stage(4), with_jobs(b, 1));
  ASSERT_EQ(one.result, SearchResult::Outcome::Violation) << one.explanation;
  expect_same(one, find_break(search_stage(4), with_jobs(b, 2)));
}

// Canceling stops every thread: the search returns with canceled set, both
// orders.
TEST(SearchParallel, CancelStopsEveryThread) {
  for (bool depth_first : {false, true}) {
    SearchBounds b = due_tick_bounds(2, 1, 1, 1);
    b.depth_first = depth_first;
    b.max_depth = 400;
    b.progress_every = 64;
    b.jobs = 2;
    std::atomic<int> calls{0};
    SearchCallbacks cb;
    cb.progress = [&](const SearchProgress&) { return ++calls < 3; };
    const SearchResult r = find_break(search_stage(4), b, cb);
    EXPECT_TRUE(r.canceled) << (depth_first ? "depth-first" : "breadth-first");
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.result, SearchResult::Outcome::None);
    EXPECT_EQ(calls.load(), 3);
    EXPECT_GE(r.states_explored, 64u);
  }
}

TEST(SearchParallel, JobsAreValidated) {
  SearchBounds b;
  b.jobs = 0;
  EXPECT_NE(validate(b).find("jobs"), std::string::npos);
  b.jobs = 257;
  EXPECT_NE(validate(b).find("jobs"), std::string::npos);
  b.jobs = 4;
  EXPECT_EQ(validate(b), "");
  EXPECT_GE(default_bounds(4).jobs, 1);
}

}  // namespace
}  // namespace paxoslab
