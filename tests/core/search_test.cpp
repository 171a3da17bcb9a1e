// The break-finder (core/search): shortest counterexamples per stage,
// exact replay of the schedule it writes, bounds, cancelation.
#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sim/schedule.hpp"
#include "core/search/branches.hpp"
#include "core/search/scenario_writer.hpp"
#include "core/search/search.hpp"
#include "tests/support/search_helpers.hpp"
#include "tests/support/test_env.hpp"
#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

StageInfo stage(int n) { return testing::search_stage(n); }

Simulation replay(const StageInfo& st, const SearchResult& r) { return testing::replay_result(st, r); }

using testing::due_tick_bounds;

template <class A>
bool schedule_has(const SearchResult& r) {
  return std::any_of(r.schedule.begin(), r.schedule.end(), [](const ScheduleChoice& c) {
    return c.type == ScheduleChoice::Type::Act && std::holds_alternative<A>(c.action);
  });
}

TEST(Search, Stage0TwoServersDivergeAtDepthTwo) {
  SearchBounds b;
  b.servers = 2;
  const StageInfo st = stage(0);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation) << r.explanation;
  // S1 gets m1 first and S2 gets m2 first: two deliveries, no fault needed.
  EXPECT_EQ(r.depth, 2);
  ASSERT_TRUE(r.violation.has_value());
  EXPECT_EQ(r.violation->kind, Violation::Kind::Divergence);
  EXPECT_FALSE(schedule_has<LoseAction>(r));
  EXPECT_FALSE(schedule_has<CrashAction>(r));
  const Simulation sim = replay(st, r);
  EXPECT_EQ(verdict_of(sim), SearchResult::Outcome::Violation);
}

TEST(Search, Stage0OneServerCannotBreak) {
  SearchBounds b;
  b.servers = 1;
  b.max_crashes = 0;
  const SearchResult r = find_break(stage(0), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete);
  EXPECT_GT(r.unique_states, 1u);
}

TEST(Search, IsDeterministic) {
  SearchBounds b;
  b.servers = 3;
  b.requests = 3;
  const SearchResult a = find_break(stage(0), b);
  const SearchResult c = find_break(stage(0), b);
  EXPECT_EQ(a.result, c.result);
  EXPECT_EQ(a.depth, c.depth);
  EXPECT_EQ(a.states_explored, c.states_explored);
  EXPECT_EQ(a.schedule, c.schedule);
}

TEST(Search, ReplayGivesTheSameRunTwice) {
  SearchBounds b;
  b.servers = 3;
  const StageInfo st = stage(0);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation);
  const Simulation one = replay(st, r);
  const Simulation two = replay(st, r);
  EXPECT_EQ(one.trace().hash(), two.trace().hash());
  EXPECT_EQ(one.state_hash(), two.state_hash());
}

TEST(Search, CancelStopsAndReportsWhatWasExplored) {
  SearchBounds b;
  b.servers = 1;
  b.requests = 4;
  b.max_crashes = 0;
  b.progress_every = 1;
  int calls = 0;
  SearchCallbacks cb;
  cb.progress = [&](const SearchProgress& p) {
    ++calls;
    EXPECT_GE(p.unique_states, 1u);
    return p.states_explored < 3;
  };
  const SearchResult r = find_break(stage(0), b, cb);
  EXPECT_TRUE(r.canceled);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.result, SearchResult::Outcome::None);
  EXPECT_EQ(r.states_explored, 3u);
  // One call per state, plus any report at a level's end (closed-loop clients
  // change the state graph): the callback stopped the search at 3 states.
  EXPECT_GE(calls, 3);
}

TEST(Search, StateBoundStopsTheSearch) {
  SearchBounds b;
  b.servers = 1;
  b.requests = 4;
  b.max_crashes = 0;
  b.max_states = 5;
  const SearchResult r = find_break(stage(0), b);
  EXPECT_TRUE(r.state_bound_hit);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.unique_states, 5u);
}

TEST(Search, DepthBoundIsReported) {
  SearchBounds b;
  b.servers = 1;
  b.requests = 3;
  b.max_crashes = 0;
  b.max_depth = 1;
  const SearchResult r = find_break(stage(0), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None);
  EXPECT_TRUE(r.depth_bound_hit);
  EXPECT_FALSE(r.complete);
}

TEST(Search, ValidateNamesTheBadBound) {
  SearchBounds b;
  b.servers = 9;
  EXPECT_NE(validate(b).find("servers"), std::string::npos);
  b = SearchBounds{};
  b.max_crashes = 5;
  EXPECT_NE(validate(b).find("max-crashes"), std::string::npos);
  EXPECT_TRUE(validate(SearchBounds{}).empty());
}

TEST(Search, WrittenScenarioNamesTheSchedule) {
  SearchBounds b;
  const StageInfo st = stage(0);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation);
  const std::string text = counterexample_scenario(st, b, r);
  EXPECT_NE(text.find("[[choose]]"), std::string::npos);
  EXPECT_NE(text.find("event = \"deliver\""), std::string::npos);
  EXPECT_NE(text.find("safety = \"violated\""), std::string::npos);
}

/// Writes r as a scenario file text, loads it back with the scenario loader and
/// runs it as `paxos-lab-cli run` does; returns the simulation after the run.
Simulation replay_through_file(const StageInfo& st, const SearchBounds& b, const SearchResult& r) {
  const std::string text = counterexample_scenario(st, b, r);
  ScenarioLoad load = load_scenario_string(text, "break.toml");
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "") << "\n" << text;
  if (!load.ok()) return Simulation(r.config, st);
  std::vector<ScheduleChoice> loaded = load.scenario->schedule;
  for (auto& c : loaded) {
    EXPECT_GT(c.source_line, 0);
    c.source_line = 0;  // the only field the file adds
  }
  EXPECT_EQ(loaded, r.schedule);
  Simulation sim = start_scenario(*load.scenario, st);
  const RunEnd end = run_to_end(sim, *load.scenario);
  EXPECT_NE(end, RunEnd::ScheduleMismatch);
  EXPECT_TRUE(check_expectation(load.scenario->expect, sim).empty()) << text;
  return sim;
}

TEST(Search, WrittenFileReplaysExactlyThroughTheLoader) {
  SearchBounds b;
  b.servers = 3;
  const StageInfo st = stage(0);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation);
  const Simulation from_file = replay_through_file(st, b, r);
  const Simulation direct = replay(st, r);
  EXPECT_EQ(from_file.trace().hash(), direct.trace().hash());
  EXPECT_EQ(verdict_of(from_file), SearchResult::Outcome::Violation);
}

TEST(Search, ScheduleMismatchIsReportedNotCrashed) {
  const std::string text = R"(
[scenario]
name = "bad schedule"
stage = 0
servers = 2
[[choose]]
event = "deliver"
kind = "Accept"
from = "S1"
to = "S2"
)";
  ScenarioLoad load = load_scenario_string(text, "bad.toml");
  ASSERT_TRUE(load.ok()) << load.error->to_string();
  Simulation sim = start_scenario(*load.scenario, stage(0));
  EXPECT_EQ(run_to_end(sim, *load.scenario), RunEnd::ScheduleMismatch);
}

TEST(Search, StepAndChooseCannotBeMixed) {
  const std::string text = R"(
[scenario]
name = "mixed"
stage = 0
servers = 2
[[step]]
at = 0
do = "request"
client = "C1"
request = "m1"
[[choose]]
do = "crash"
server = "S1"
)";
  ScenarioLoad load = load_scenario_string(text, "mixed.toml");
  ASSERT_FALSE(load.ok());
  EXPECT_NE(load.error->message.find("[[choose]]"), std::string::npos);
}

// ---- the issue's expected findings for Stages 1-4 ---------------------------

TEST(Search, Stage1LostAcceptIsStuck) {
  SearchBounds b;
  b.servers = 2;
  b.max_crashes = 0;
  b.max_suspicions = 0;
  const StageInfo st = stage(1);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Stuck) << r.explanation;
  EXPECT_TRUE(schedule_has<LoseAction>(r));
  const auto lost = std::find_if(r.schedule.begin(), r.schedule.end(), [](const ScheduleChoice& c) {
    return c.type == ScheduleChoice::Type::Act && std::holds_alternative<LoseAction>(c.action);
  });
  ASSERT_NE(lost, r.schedule.end());
  EXPECT_EQ(std::get<LoseAction>(lost->action).pattern.kind, MsgKind::Accept);
  const Simulation sim = replay(st, r);
  EXPECT_EQ(verdict_of(sim), SearchResult::Outcome::Stuck);
  EXPECT_EQ(verdict_of(replay_through_file(st, b, r)), SearchResult::Outcome::Stuck);
}

TEST(Search, Stage2BreaksLikeFig5WithACrash) {
  SearchBounds b;
  b.servers = 2;
  b.max_losses = 1;
  b.max_crashes = 1;
  b.max_suspicions = 0;
  const StageInfo st = stage(2);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation) << r.explanation;
  EXPECT_TRUE(schedule_has<CrashAction>(r));
  const Simulation sim = replay(st, r);
  EXPECT_EQ(verdict_of(sim), SearchResult::Outcome::Violation);
  EXPECT_EQ(verdict_of(replay_through_file(st, b, r)), SearchResult::Outcome::Violation);
}

TEST(Search, Stage3ThreeServersNeedTwoLeaders) {
  SearchBounds b;
  b.servers = 3;
  b.max_losses = 1;
  b.max_crashes = 1;
  b.max_suspicions = 1;
  const StageInfo st = stage(3);
  const SearchResult r = find_break(st, b);
  ASSERT_EQ(r.result, SearchResult::Outcome::Violation) << r.explanation;
  EXPECT_TRUE(schedule_has<SuspectAction>(r));
  const Simulation sim = replay(st, r);
  EXPECT_EQ(verdict_of(sim), SearchResult::Outcome::Violation);
  EXPECT_EQ(verdict_of(replay_through_file(st, b, r)), SearchResult::Outcome::Violation);
  // Two servers acted as leader: both executed different first requests.
  bool two_leaders = false;
  for (const auto& e : sim.trace().events())
    if (e.kind == TraceKind::LeaderChange && e.other.server() != ServerId{1}) two_leaders = true;
  EXPECT_TRUE(two_leaders);
}

// Exhaustive: every schedule in due-tick order (ties in any order) with up to
// one lost message and one crash - the whole bounded space, no break.
TEST(Search, Stage4SurvivesEveryScheduleWithALossAndACrash) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const SearchResult r = find_break(stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
}

// The issue's bounds (Stage 4's defaults): 3 servers, 2 clients, 2 requests,
// up to one lost message, one crash and one false suspicion, every schedule
// in due-tick order, depth-first - the whole space closes (about 5 million
// states, under a minute): no break.
TEST(Search, Stage4SurvivesEveryScheduleOfTheIssuesBounds) {
  SearchBounds b = due_tick_bounds(2, 1, 1, 1);
  b.depth_first = true;
  b.max_depth = 400;
  b.max_states = 20'000'000;
  b.jobs = default_jobs();  // every core: the result does not depend on it
  EXPECT_EQ(default_bounds(4), b) << "these are the CLI's and the app's Stage 4 defaults";
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  const SearchResult r = find_break(stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
  EXPECT_GT(r.unique_states, 1'000'000u);
}

// Exhaustive with every fault kind at once, on one request: every schedule in
// due-tick order with up to one lost message, one crash and one false
// suspicion - the whole bounded space closes, no break.
TEST(Search, Stage4SurvivesEveryScheduleOfOneRequestWithEveryFaultKind) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = due_tick_bounds(1, 1, 1, 1);
  b.max_depth = 100;
  const SearchResult r = find_break(stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
}

// ---- partial-order reduction ------------------------------------------------

/// Every quiescent state of a complete search, reduced or not.
std::vector<std::uint64_t> quiescent_states(int stage_number, SearchBounds b, bool reduce) {
  b.reduce_interleavings = reduce;
  return testing::quiescent_set(stage_number, b);
}

/// The reduced search must reach every final state the full one does. It may
/// reach a few more: its "wait" lets a fault happen at a tick before any event
/// of that tick, which the full search's clock (time moves only with an event)
/// cannot express - real runs, never fewer (docs/break-finder.md).
void expect_keeps_every_final_state(const std::vector<std::uint64_t>& full, const std::vector<std::uint64_t>& reduced) {
  EXPECT_GT(full.size(), 10u);
  EXPECT_TRUE(std::includes(reduced.begin(), reduced.end(), full.begin(), full.end()))
      << "the reduced search misses final states of the full one";
  EXPECT_LE(reduced.size(), full.size() + full.size() / 20 + 1) << "far more final states than the full search";
}

// Letting only one server move at a time within a tick must keep every final
// state: the reduced search ends in every state the full one ends in.
TEST(SearchReduction, KeepsEveryQuiescentStateWithALossAndACrash) {
  SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  const auto full = quiescent_states(4, b, false);
  const auto reduced = quiescent_states(4, b, true);
  expect_keeps_every_final_state(full, reduced);
}

TEST(SearchReduction, KeepsEveryQuiescentStateWithAFalseSuspicionAndACrash) {
  SearchBounds b = due_tick_bounds(1, 0, 1, 1);
  const auto full = quiescent_states(4, b, false);
  const auto reduced = quiescent_states(4, b, true);
  expect_keeps_every_final_state(full, reduced);
}

// Every fault kind at once: losses offered only when the message is due and
// silent suspicions only where the observer moves next keep every final state.
TEST(SearchReduction, KeepsEveryQuiescentStateWithEveryFaultKind) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "long exhaustive search: runs in the dev and ci presets, skipped in the sanitizer build";
  SearchBounds b = due_tick_bounds(1, 1, 1, 1);
  b.max_depth = 100;
  const auto full = quiescent_states(4, b, false);
  const auto reduced = quiescent_states(4, b, true);
  expect_keeps_every_final_state(full, reduced);
}

/// Quiescent states of a complete search with exact state keys (no
/// subsumption, crashed servers hashed in full) or the default keys.
std::vector<std::uint64_t> quiescent_states_keyed(SearchBounds b, bool exact) {
  b.exact_keys = exact;
  return quiescent_states(4, b, b.reduce_interleavings);
}

// Subsumption and keying crashed servers by sigma only keep every final
// state: a search without them ends in exactly the same set.
TEST(SearchReduction, SubsumptionAndCrashedKeysKeepEveryQuiescentState) {
  SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  b.reduce_interleavings = false;
  const auto exact = quiescent_states_keyed(b, true);
  EXPECT_GT(exact.size(), 10u);
  EXPECT_EQ(quiescent_states_keyed(b, false), exact);
  SearchBounds every = due_tick_bounds(1, 1, 1, 1);
  every.max_depth = 100;
  if (testing::long_tests_enabled()) {
    EXPECT_EQ(quiescent_states_keyed(every, false), quiescent_states_keyed(every, true));
  }
}

// A suspicion that changes nothing but the observer's view is silent; one
// that makes the observer take the lead (it sends Prepares) is not, and
// neither is one of a live peer (the peer's heartbeat timer is armed to end it).
TEST(SearchReduction, SilentSuspicionIsRecognized) {
  SearchBounds b = due_tick_bounds(1, 0, 0, 1);
  Simulation before(search_config(4, b), stage(4), /*keep_trace=*/false);
  search_detail::Branch quiet;  // S1 (the leader) suspects S3: S1 still leads
  quiet.type = search_detail::Branch::Type::Suspect;
  quiet.server = ServerId{1};
  quiet.peer = ServerId{3};
  search_detail::Budget budget;
  Simulation live_peer = before;
  search_detail::take(live_peer, quiet, budget, b, nullptr);
  EXPECT_TRUE(live_peer.suspects(ServerId{1}, ServerId{3}));
  EXPECT_FALSE(search_detail::silent_suspicion(before, live_peer, quiet)) << "S3's heartbeat timer is armed";
  Simulation crashed_peer = before;  // S3 crashed: no heartbeat will come
  crashed_peer.apply(CrashAction{ServerId{3}});
  Simulation after = crashed_peer;
  search_detail::take(after, quiet, budget, b, nullptr);
  EXPECT_TRUE(after.suspects(ServerId{1}, ServerId{3}));
  EXPECT_TRUE(search_detail::silent_suspicion(crashed_peer, after, quiet));

  search_detail::Branch loud = quiet;  // S2 suspects S1: S2 now leads and sends Prepares
  loud.server = ServerId{2};
  loud.peer = ServerId{1};
  Simulation after_loud = before;
  search_detail::take(after_loud, loud, budget, b, nullptr);
  EXPECT_GT(after_loud.network().in_flight().size(), before.network().in_flight().size());
  EXPECT_FALSE(search_detail::silent_suspicion(before, after_loud, loud));
  // Only suspicions are ever silent.
  search_detail::Branch crash;
  crash.type = search_detail::Branch::Type::Crash;
  crash.server = ServerId{3};
  EXPECT_FALSE(search_detail::silent_suspicion(before, before, crash));
}

// In a search no server restarts: a crashed server counts by its sigma only.
TEST(SearchReduction, CrashedServerCountsOnlyByItsSigma) {
  SearchBounds b = due_tick_bounds(1, 0, 1, 1);
  Simulation a(search_config(4, b), stage(4), /*keep_trace=*/false);
  Simulation c = a;
  c.apply(SuspectAction{ServerId{3}, ServerId{2}});  // S3's view differs...
  EXPECT_NE(a.state_hash(Simulation::CrashedServers::Final), c.state_hash(Simulation::CrashedServers::Final));
  a.apply(CrashAction{ServerId{3}});
  c.apply(CrashAction{ServerId{3}});  // ...until S3 crashes
  EXPECT_NE(a.state_hash(), c.state_hash());
  EXPECT_EQ(a.state_hash(Simulation::CrashedServers::Final), c.state_hash(Simulation::CrashedServers::Final));
}

TEST(SearchReduction, ExploresFewerStates) {
  SearchBounds b = due_tick_bounds(2, 1, 1, 0);
  b.reduce_interleavings = false;
  const SearchResult full = find_break(stage(4), b);
  b.reduce_interleavings = true;
  const SearchResult reduced = find_break(stage(4), b);
  EXPECT_LT(reduced.unique_states, full.unique_states);
  EXPECT_LT(reduced.states_explored * 2, full.states_explored);
}

// Reduced or not, Stages 0-3 still break (with max_reorders 0).
TEST(SearchReduction, StillFindsEveryBrokenStage) {
  for (int n = 0; n <= 3; ++n) {
    SearchBounds b;
    b.servers = 3;
    b.max_reorders = 0;
    if (n == 1) b.max_crashes = 0;
    for (bool reduce : {false, true}) {
      b.reduce_interleavings = reduce;
      const SearchResult r = find_break(stage(n), b);
      EXPECT_NE(r.result, SearchResult::Outcome::None) << "Stage " << n << (reduce ? " reduced" : " full");
      EXPECT_EQ(verdict_of(replay(stage(n), r)), r.result) << "Stage " << n;
    }
  }
}

}  // namespace
}  // namespace paxoslab
