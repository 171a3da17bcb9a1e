// The break-finder's restarts, partitions and --safety-only:
// off by default (every existing search unchanged), each finds what the
// searches without it cannot, its counterexamples replay through the written
// file, and the search stays sound (keys and subsumption lose no final state).
#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/search/scenario_writer.hpp"
#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

StageInfo stage(int n) { return testing::search_stage(n); }

template <class A>
bool schedule_has(const SearchResult& r) {
  return std::any_of(r.schedule.begin(), r.schedule.end(), [](const ScheduleChoice& c) {
    return c.type == ScheduleChoice::Type::Act && std::holds_alternative<A>(c.action);
  });
}

/// Writes the counterexample, loads it back and runs it as `paxos-lab-cli run`
/// does; returns the mismatches with the file's [expect] (empty = same verdict).
std::vector<std::string> replay_through_file(const StageInfo& st, const SearchBounds& b, const SearchResult& r) {
  const std::string text = counterexample_scenario(st, b, r);
  ScenarioLoad load = load_scenario_string(text, "break.toml");
  if (!load.ok()) return {load.error->to_string() + "\n" + text};
  Simulation sim = start_scenario(*load.scenario, st);
  if (run_to_end(sim, *load.scenario) == RunEnd::ScheduleMismatch) return {"schedule mismatch\n" + text};
  return check_expectation(load.scenario->expect, sim);
}

/// Two servers, two requests, no fault but the ones a test adds.
SearchBounds no_faults(int servers) {
  SearchBounds b;
  b.servers = servers;
  b.max_losses = 0;
  b.max_crashes = 0;
  b.max_suspicions = 0;
  return b;
}

TEST(SearchFaults, OffByDefault) {
  for (int s = 0; s <= 4; ++s) {
    const SearchBounds b = default_bounds(s);
    EXPECT_EQ(b.max_restarts, 0);
    EXPECT_EQ(b.max_partitions, 0);
    EXPECT_FALSE(b.safety_only);
  }
  EXPECT_TRUE(reduces_interleavings(default_bounds(4)));
}

TEST(SearchFaults, RestartsAndPartitionsTurnThePartialOrderReductionOff) {
  SearchBounds b = default_bounds(4);
  b.max_restarts = 1;
  EXPECT_FALSE(reduces_interleavings(b));
  b = default_bounds(4);
  b.max_partitions = 1;
  EXPECT_FALSE(reduces_interleavings(b));
}

TEST(SearchFaults, ValidateNamesBadBounds) {
  SearchBounds b;
  b.max_restarts = -1;
  EXPECT_NE(validate(b).find("max-restarts"), std::string::npos);
  b = SearchBounds{};
  b.max_partitions = 51;
  EXPECT_NE(validate(b).find("max-partitions"), std::string::npos);
}

// Stage 2 without faults cannot break; a partition makes both servers lead
// (each suspects the other) and they diverge.
TEST(SearchFaults, APartitionBreaksStage2) {
  const StageInfo st = stage(2);
  SearchBounds b = no_faults(2);
  const SearchResult none = find_break(st, b);
  EXPECT_EQ(none.result, SearchResult::Outcome::None) << none.explanation;
  b.max_partitions = 1;
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation) << r.explanation;
  EXPECT_TRUE(schedule_has<PartitionAction>(r));
  EXPECT_EQ(replay_through_file(st, b, r), std::vector<std::string>{});
}

// Stage 2, one crash: S1 executes and replies, crashes; S2 takes over in
// another order. Without a restart the crashed S1's state is never observed
// past its replies; restarting it makes its state observed again.
TEST(SearchFaults, ARestartIsSearchedAndReplays) {
  const StageInfo st = stage(2);
  SearchBounds b = no_faults(2);
  b.max_crashes = 1;
  b.max_restarts = 1;
  const SearchResult r = find_break(st, b);
  ASSERT_NE(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_EQ(replay_through_file(st, b, r), std::vector<std::string>{});
}

TEST(SearchFaults, RestartsAreOfferedOnlyForCrashedServers) {
  const StageInfo st = stage(0);
  SearchBounds b = no_faults(2);
  b.max_restarts = 1;  // nothing ever crashes: the search is the one without restarts
  const SearchResult with = find_break(st, b);
  b.max_restarts = 0;
  const SearchResult without = find_break(st, b);
  EXPECT_EQ(with.result, without.result);
  EXPECT_EQ(with.depth, without.depth);
  EXPECT_FALSE(schedule_has<RestartAction>(with));
}

// Stage 1 with a loss ends stuck (the follower never gets Accept 1); with
// --safety-only that is no break, and the search goes on to the end.
TEST(SearchFaults, SafetyOnlyDoesNotStopAtAStuckRun) {
  const StageInfo st = stage(1);
  SearchBounds b = no_faults(2);
  b.max_losses = 1;
  const SearchResult stuck = find_break(st, b);
  ASSERT_EQ(stuck.result, SearchResult::Outcome::Stuck) << stuck.explanation;
  b.safety_only = true;
  const SearchResult r = find_break(st, b);
  EXPECT_NE(r.result, SearchResult::Outcome::Stuck);
  EXPECT_GT(r.states_explored, stuck.states_explored);
  if (r.result == SearchResult::Outcome::None) {
    EXPECT_TRUE(r.complete) << r.explanation;
    EXPECT_NE(r.explanation.find("violates safety"), std::string::npos) << r.explanation;
  }
}

TEST(SearchFaults, SafetyOnlyStillFindsViolations) {
  const StageInfo st = stage(0);
  SearchBounds b = no_faults(2);
  b.safety_only = true;
  EXPECT_EQ(find_break(st, b).result, SearchResult::Outcome::Violation);
}

// Soundness: with a restart and a partition in the budget, subsumption and
// state keys (crashed servers by all of their state) keep every final state.
// Stage 2, two servers, one request, safety only (so the search goes on past
// stuck runs to the end).
TEST(SearchFaults, KeysAndSubsumptionKeepEveryQuiescentStateWithRestartsAndPartitions) {
  SearchBounds b = no_faults(2);
  b.requests = 1;
  b.clients = 1;
  b.max_crashes = 1;
  b.max_restarts = 1;
  b.max_partitions = 1;
  b.max_reorders = 0;
  b.safety_only = true;
  SearchBounds exact = b;
  exact.exact_keys = true;
  const auto keyed = testing::quiescent_set(2, b);
  EXPECT_GT(keyed.size(), 2u);
  EXPECT_EQ(keyed, testing::quiescent_set(2, exact));
}

}  // namespace
}  // namespace paxoslab
