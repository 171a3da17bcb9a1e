// The break-finder (core/search, issue 7): shortest counterexamples per stage,
// exact replay of the schedule it writes, bounds, cancelation.
#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "core/schedule.hpp"
#include "core/search/scenario_writer.hpp"
#include "core/search/search.hpp"
#include "core/simulation.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

StageInfo stage(int n) {
  auto s = find_stage(n);
  EXPECT_TRUE(s.has_value());
  return *s;
}

/// Replays a result's schedule on a fresh simulation (full trace kept).
Simulation replay(const StageInfo& st, const SearchResult& r) {
  Simulation sim(r.config, st, /*keep_trace=*/true);
  std::string error;
  const std::size_t done = carry_out_all(sim, r.schedule, error);
  EXPECT_EQ(done, r.schedule.size()) << error;
  return sim;
}

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
  EXPECT_EQ(calls, 3);
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

// ---- the expected findings for Stages 1-4 ---------------------------

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
  // Two servers acted as leader: both executed different first requests.
  bool two_leaders = false;
  for (const auto& e : sim.trace().events())
    if (e.kind == TraceKind::LeaderChange && e.other.server() != ServerId{1}) two_leaders = true;
  EXPECT_TRUE(two_leaders);
}

TEST(Search, Stage4SurvivesEveryBoundedSchedule) {
  SearchBounds b;
  b.servers = 3;
  b.clients = 2;
  b.requests = 2;
  b.max_losses = 1;
  b.max_crashes = 1;
  b.max_suspicions = 1;
  const SearchResult r = find_break(stage(4), b);
  EXPECT_EQ(r.result, SearchResult::Outcome::None) << r.explanation;
  EXPECT_TRUE(r.complete) << r.explanation;
}

}  // namespace
}  // namespace paxoslab
