// The break-finder's depth-first order (SearchBounds::depth_first): the same
// final states as breadth-first, every broken stage still broken, memory
// only for the current path, and "complete" only when nothing was cut off.
#include <gtest/gtest.h>

#include <string>

#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

using testing::due_tick_bounds;
using testing::quiescent_set;
using testing::search_stage;

SearchBounds depth_first(SearchBounds b) {
  b.depth_first = true;
  return b;
}

TEST(SearchDepthFirst, ReachesTheSameFinalStatesAsBreadthFirst) {
  const SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const auto bfs = quiescent_set(4, b);
  EXPECT_GT(bfs.size(), 10u);
  EXPECT_EQ(quiescent_set(4, depth_first(b)), bfs);
}

TEST(SearchDepthFirst, ReachesTheSameFinalStatesWithEveryFaultKind) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = due_tick_bounds(1, 1, 1, 1);
  b.max_depth = 100;
  EXPECT_EQ(quiescent_set(4, depth_first(b)), quiescent_set(4, b));
}

// Stages 0-3 break depth-first too, with a schedule that replays to the same
// verdict (not necessarily the shortest one, and it may find a stuck run
// where breadth-first finds a violation first: both are breaks).
TEST(SearchDepthFirst, FindsEveryBrokenStage) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  for (int n = 0; n <= 3; ++n) {
    SearchBounds b = default_bounds(n);
    if (n == 1) b.max_crashes = 0;
    const SearchResult bfs = find_break(search_stage(n), b);
    const SearchResult dfs = find_break(search_stage(n), depth_first(b));
    ASSERT_NE(dfs.result, SearchResult::Outcome::None) << "Stage " << n << ": " << dfs.explanation;
    EXPECT_GE(dfs.depth, bfs.depth) << "breadth-first finds a shortest one";
    EXPECT_EQ(verdict_of(testing::replay_result(search_stage(n), dfs)), dfs.result) << "Stage " << n;
  }
}

// Only the current path is held: one simulation per choice.
TEST(SearchDepthFirst, HoldsOnlyTheCurrentPath) {
  const SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const SearchResult bfs = find_break(search_stage(4), b);
  const SearchResult dfs = find_break(search_stage(4), depth_first(b));
  ASSERT_TRUE(dfs.complete) << dfs.explanation;
  EXPECT_LE(dfs.peak_states, static_cast<std::uint64_t>(b.max_depth) + 1);
  EXPECT_LT(dfs.peak_states * 10, bfs.peak_states);
}

TEST(SearchDepthFirst, DepthBoundMakesItIncomplete) {
  SearchBounds b = depth_first(due_tick_bounds(2, 1, 1, 0));
  b.max_depth = 8;
  const SearchResult r = find_break(search_stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None);
  EXPECT_TRUE(r.depth_bound_hit);
  EXPECT_FALSE(r.complete);
  EXPECT_LE(r.depth, 8);
  // Cut off depth-first, even a short break can be missed (a state first met
  // deep is not explored again when met higher up): the explanation says so
  // instead of "no break within 8 choices".
  EXPECT_NE(r.explanation.find("may miss even shorter ones"), std::string::npos) << r.explanation;
}

TEST(SearchDepthFirst, CancelStopsAndReportsWhatWasExplored) {
  SearchBounds b = depth_first(due_tick_bounds(2, 1, 1, 0));
  b.progress_every = 100;
  int calls = 0;
  SearchCallbacks cb;
  cb.progress = [&](const SearchProgress& p) {
    ++calls;
    EXPECT_GE(p.states_explored, 100u);
    return false;
  };
  const SearchResult r = find_break(search_stage(4), b, cb);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(r.canceled);
  EXPECT_FALSE(r.complete);
  EXPECT_GE(r.states_explored, 100u);
}

}  // namespace
}  // namespace paxoslab
