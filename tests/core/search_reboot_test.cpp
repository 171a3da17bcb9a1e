// The break-finder's reboots (SearchBounds::restart_at_once): a crash and a
// restart as one move, offered where a crash is, with the partial-order
// reduction kept on. They are what lets `search --without durable-promise`
// find the break that rule prevents (docs/break-finder.md, "Reboots").
#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

StageInfo stage(int n) { return testing::search_stage(n); }

/// Due-tick bounds with one reboot allowed.
SearchBounds reboot_bounds(int requests, int losses, int suspicions) {
  SearchBounds b = testing::due_tick_bounds(requests, losses, 1, suspicions);
  b.max_restarts = 1;
  b.restart_at_once = true;
  return b;
}

/// The index of the first Act choice holding an `A`, or -1.
template <class A>
int first_act(const SearchResult& r) {
  for (std::size_t i = 0; i < r.schedule.size(); ++i) {
    const ScheduleChoice& c = r.schedule[i];
    if (c.type == ScheduleChoice::Type::Act && std::holds_alternative<A>(c.action)) return static_cast<int>(i);
  }
  return -1;
}

TEST(SearchReboot, KeepsThePartialOrderReductionOn) {
  SearchBounds b = reboot_bounds(1, 0, 0);
  EXPECT_TRUE(reduces_interleavings(b));
  EXPECT_FALSE(restarts_later(b));
  b.restart_at_once = false;
  EXPECT_FALSE(reduces_interleavings(b)) << "a restart after downtime turns the reduction off";
  EXPECT_TRUE(restarts_later(b));
}

TEST(SearchReboot, VariantDefaultsAllowOneRebootOnlyForTheDurableRules) {
  for (const char* rule : {"durable-promise", "durable-accepted-value"}) {
    const SearchBounds b = default_bounds(4, {rule});
    EXPECT_EQ(b.max_restarts, 1) << rule;
    EXPECT_TRUE(b.restart_at_once) << rule;
    EXPECT_TRUE(reduces_interleavings(b)) << rule;
  }
  EXPECT_EQ(default_bounds(4, {"adopt-highest-vrnd"}), default_bounds(4));
  EXPECT_EQ(default_bounds(4, {}), default_bounds(4));
  EXPECT_EQ(default_bounds(2, {"no-such-rule"}), default_bounds(2));
}

// Without a durable accepted value, a leader that reboots after accepting its
// own proposal lets a later round choose another value (the break of
// scenarios/ablation_durable_accepted_value.toml). A reboot is recorded as a
// crash immediately followed by a restart, so the written file replays it
// with two [[choose]] acts. (The durable promise's break, about a minute, is
// tests/cli/without_option_test.cpp's.)
TEST(SearchReboot, FindsTheForgottenAcceptedValueAndRecordsCrashThenRestart) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = default_bounds(4, {"durable-accepted-value"});
  b.knobs.without = {"durable-accepted-value"};
  b.jobs = 1;
  const SearchResult r = find_break(stage(4), b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation) << r.explanation;
  const int crash = first_act<CrashAction>(r);
  ASSERT_GE(crash, 0);
  EXPECT_EQ(first_act<RestartAction>(r), crash + 1) << "the restart comes right after its crash";
  Simulation replayed = testing::replay_result(stage(4), r);
  EXPECT_EQ(verdict_of(replayed), SearchResult::Outcome::Violation);
}

// The full Stage 4 with a reboot, a loss and a false suspicion on one
// request: the durable promise and accepted value hold, every schedule ends
// safe. (On the variant's own bounds - two requests, no loss - it closes too,
// in about 8 million states: docs/break-finder.md, "Reboots".)
TEST(SearchReboot, FullStage4SurvivesEveryScheduleWithAReboot) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = reboot_bounds(1, 1, 1);
  b.depth_first = true;
  b.max_depth = 100;
  const SearchResult r = find_break(stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
}

// Offering a reboot only where the server moves next keeps every final state
// of the search that offers it everywhere (the argument for crashes in
// docs/break-finder.md, "Partial-order reduction", carries over).
TEST(SearchReboot, ReductionKeepsEveryQuiescentState) {
  SearchBounds b = reboot_bounds(1, 0, 0);
  b.reduce_interleavings = false;
  const auto full = testing::quiescent_set(4, b);
  b.reduce_interleavings = true;
  const auto reduced = testing::quiescent_set(4, b);
  EXPECT_GT(full.size(), 10u);
  EXPECT_TRUE(std::includes(reduced.begin(), reduced.end(), full.begin(), full.end()))
      << "the reduced search misses final states of the full one";
}

// A reboot makes final states a plain crash cannot (the rebooted server is
// live again): the search with reboots ends in more states than without.
TEST(SearchReboot, ReachesStatesACrashAloneCannot) {
  SearchBounds b = reboot_bounds(1, 0, 0);
  const auto with = testing::quiescent_set(4, b);
  b.max_restarts = 0;
  const auto without = testing::quiescent_set(4, b);
  EXPECT_GT(with.size(), without.size());
  EXPECT_TRUE(std::includes(with.begin(), with.end(), without.begin(), without.end()));
}

}  // namespace
}  // namespace paxoslab
