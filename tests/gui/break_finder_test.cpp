// The app's break-finder model (gui/model/break_finder.hpp): the search on a
// background thread, its result as a counterexample the Session replays,
// cancelling, and clean destruction mid-search.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/scenario/scenario_loader.hpp"
#include "core/search/search.hpp"
#include "gui/model/break_finder.hpp"
#include "gui/model/session.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

/// docs/break-finder.md: Stage 1 with 2 servers, no crash, no suspicion ends stuck.
SearchBounds stage1_bounds() {
  SearchBounds b;
  b.servers = 2;
  b.max_crashes = 0;
  b.max_suspicions = 0;
  return b;
}

/// A search far too big to finish during a test: Stage 4, 3 servers, unbounded reorders.
SearchBounds long_bounds() {
  SearchBounds b = default_break_bounds(4);
  b.clients = 2;
  b.requests = 2;
  b.max_reorders = -1;
  return b;
}

/// Waits (without a deadline: ctest's timeout is the limit) until the search has reported progress.
void wait_for_progress(const BreakFinder& f) {
  while (f.running() && f.progress().search.states_explored == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

/// Steps the counterexample's session to its end (its schedule, then any
/// events left, in time order); returns its verdict.
SearchResult::Outcome run_session_to_end(const BreakFinding& f, Session& s) {
  while (s.step()) {
  }
  EXPECT_EQ(s.last_error(), "");
  EXPECT_GE(s.cursor(), f.scenario->schedule.size());
  return verdict_of(s.sim());
}

TEST(BreakFinderModel, DefaultBoundsUseThreeServersFromStageThree) {
  EXPECT_EQ(default_break_bounds(1).servers, 2);
  EXPECT_EQ(default_break_bounds(2).servers, 2);
  EXPECT_EQ(default_break_bounds(3).servers, 3);
  EXPECT_EQ(default_break_bounds(4).servers, 3);
  EXPECT_EQ(validate(default_break_bounds(4)), "");
  EXPECT_EQ(format_count(1234567), "1\u00A0234\u00A0567");
  EXPECT_EQ(format_count(12), "12");
}

TEST(BreakFinderModel, BoundsSummaryNamesWhatWasSearched) {
  EXPECT_EQ(bounds_summary(default_break_bounds(4)),
            "3 servers, 2 clients, 2 requests; up to 1 loss, 1 crash, 1 false suspicion; due-tick order, depth-first");
  SearchBounds b = default_break_bounds(2);
  b.max_losses = 2;
  b.max_crashes = 0;
  b.max_suspicions = 3;
  EXPECT_EQ(bounds_summary(b), "2 servers, 2 clients, 2 requests; up to 2 losses, 3 false suspicions; up to 2 reorders");
  b.max_losses = b.max_suspicions = 0;
  b.max_reorders = -1;
  EXPECT_EQ(bounds_summary(b), "2 servers, 2 clients, 2 requests; no faults; any order");
}

TEST(BreakFinderModel, Stage1EndsStuckAndTheLoadedSessionReachesTheSameVerdict) {
  BreakFinder finder;
  ASSERT_EQ(finder.start(1, stage1_bounds()), "");
  finder.wait();
  EXPECT_FALSE(finder.running());
  std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(finder.take().has_value());  // once
  ASSERT_EQ(f->error, "");
  EXPECT_EQ(f->result.result, SearchResult::Outcome::Stuck);
  ASSERT_TRUE(f->has_counterexample());
  EXPECT_GE(f->result.seconds, 0.0);
  EXPECT_EQ(f->break_step, f->scenario->schedule.size());
  EXPECT_EQ(headline(*f), "Here is how Stage 1 breaks in " + std::to_string(f->result.depth) + " steps:");
  EXPECT_EQ(details(*f), f->result.explanation);
  EXPECT_EQ(finder.progress().search.states_explored, f->result.states_explored);

  Session s(SessionSource{f->scenario, f->scenario->config}, *find_stage(1));
  EXPECT_EQ(s.cursor(), 0u);
  s.refresh_frame();
  EXPECT_FALSE(s.frame().liveness.quiescent);  // nothing sent yet, but the schedule goes on
  EXPECT_EQ(run_session_to_end(*f, s), SearchResult::Outcome::Stuck);
  EXPECT_TRUE(s.sim().liveness().stuck);
  s.refresh_frame();
  EXPECT_TRUE(s.frame().liveness.stuck);  // what the invariant bar shows there
}

TEST(BreakFinderModel, PlayingACounterexampleGlidesFromChoiceToChoice) {
  BreakFinder finder;
  ASSERT_EQ(finder.start(1, stage1_bounds()), "");
  finder.wait();
  const std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f && f->has_counterexample());
  Session s(SessionSource{f->scenario, f->scenario->config}, *find_stage(1));
  s.set_speed(20);
  s.set_playing(true);
  s.advance(0.005);  // under a tick (idle time runs 8x): the requests at tick 0, no delivery (due at tick 10)
  EXPECT_GT(s.cursor(), 0u);
  EXPECT_LT(s.cursor(), f->scenario->schedule.size());
  EXPECT_EQ(s.sim().now(), 0);
  for (int i = 0; i < 1000 && s.playing(); ++i) s.advance(0.05);
  EXPECT_GE(s.cursor(), f->scenario->schedule.size());
}

TEST(BreakFinderModel, Stage2FindsAViolationThatShowsAtTheBreakStep) {
  BreakFinder finder;
  SearchBounds b = default_break_bounds(2);
  b.max_suspicions = 0;
  ASSERT_EQ(finder.start(2, b), "");
  finder.wait();
  const std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f.has_value());
  ASSERT_EQ(f->error, "");
  EXPECT_EQ(f->result.result, SearchResult::Outcome::Violation);
  ASSERT_TRUE(f->has_counterexample());
  ASSERT_GT(f->break_step, 0u);
  ASSERT_LE(f->break_step, f->scenario->schedule.size());

  Session s(SessionSource{f->scenario, f->scenario->config}, *find_stage(2));
  while (s.cursor() < f->break_step - 1) ASSERT_TRUE(s.step());
  EXPECT_TRUE(s.sim().checker().safe());
  ASSERT_TRUE(s.step());
  EXPECT_FALSE(s.sim().checker().safe());
  EXPECT_EQ(run_session_to_end(*f, s), SearchResult::Outcome::Violation);
}

TEST(BreakFinderModel, CancelStopsALongSearchAndJoins) {
  BreakFinder finder;
  ASSERT_EQ(finder.start(4, long_bounds()), "");
  EXPECT_TRUE(finder.running());
  EXPECT_NE(finder.start(4, long_bounds()), "");  // one search at a time
  wait_for_progress(finder);
  finder.cancel();
  EXPECT_FALSE(finder.running());
  EXPECT_TRUE(finder.done());
  const std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->result.canceled);
  EXPECT_EQ(f->result.result, SearchResult::Outcome::None);
  EXPECT_FALSE(f->has_counterexample());
  EXPECT_GT(f->result.states_explored, 0u);
  EXPECT_EQ(headline(*f), "Search canceled: no break of Stage 4 found so far");
  // The finder can search again afterwards.
  ASSERT_EQ(finder.start(1, stage1_bounds()), "");
  finder.wait();
  EXPECT_TRUE(finder.take().has_value());
}

TEST(BreakFinderModel, DestroyingARunningFinderIsClean) {
  {
    BreakFinder finder;
    ASSERT_EQ(finder.start(4, long_bounds()), "");
    wait_for_progress(finder);
  }  // the destructor cancels and joins
  {
    BreakFinder finder;
    ASSERT_EQ(finder.start(4, long_bounds()), "");
  }  // even before the first progress report
  SUCCEED();
}

TEST(BreakFinderModel, BadBoundsAndStagesAreRefused) {
  BreakFinder finder;
  SearchBounds b;
  b.servers = 2;
  b.max_crashes = 3;
  EXPECT_NE(finder.start(2, b).find("max-crashes"), std::string::npos);
  EXPECT_NE(finder.start(9, SearchBounds{}), "");
  EXPECT_FALSE(finder.running());
  EXPECT_FALSE(finder.done());
}

TEST(BreakFinderModel, NoBreakSaysWhetherTheSearchWasExhaustive) {
  BreakFinder finder;
  SearchBounds b;
  b.requests = 1;
  b.clients = 1;
  b.max_losses = 0;
  b.max_crashes = 0;
  b.max_suspicions = 0;
  b.max_reorders = 0;
  ASSERT_EQ(finder.start(4, b), "");
  finder.wait();
  std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->result.result, SearchResult::Outcome::None);
  EXPECT_TRUE(f->result.complete);
  EXPECT_EQ(headline(*f), "No way to break Stage 4 within these bounds (exhaustive)");
  EXPECT_NE(details(*f).find("states explored"), std::string::npos);
  EXPECT_NE(save_counterexample(*f, "/tmp/x.toml"), "");  // nothing to save

  SearchBounds shallow = default_break_bounds(2);
  shallow.max_depth = 1;
  ASSERT_EQ(finder.start(2, shallow), "");
  finder.wait();
  f = finder.take();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->result.result, SearchResult::Outcome::None);
  EXPECT_EQ(headline(*f), "No way to break Stage 2 within these bounds (depth-bounded)");
}

TEST(BreakFinderModel, SavedCounterexampleLoadsAsTheSameSchedule) {
  BreakFinder finder;
  ASSERT_EQ(finder.start(1, stage1_bounds()), "");
  finder.wait();
  const std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f && f->has_counterexample());
  const std::string path = (std::filesystem::temp_directory_path() / "paxoslab_gui_break.toml").string();
  ASSERT_EQ(save_counterexample(*f, path), "");
  const ScenarioLoad load = load_scenario_file(path);
  ASSERT_TRUE(load.ok()) << load.error->to_string();
  EXPECT_EQ(load.scenario->schedule.size(), f->scenario->schedule.size());
  EXPECT_EQ(load.scenario->config, f->scenario->config);
  EXPECT_NE(save_counterexample(*f, "/no/such/dir/x.toml"), "");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace paxoslab::gui
