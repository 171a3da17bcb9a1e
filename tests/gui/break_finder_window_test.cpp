// The break-finder in the app: the window driven with real ImGui input (B
// opens it, Start searches, Cancel stops), the counterexample opened at its
// start with the invariant bar's verdict at the break, saving, and closing
// the app mid-search.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/scenario/scenario_loader.hpp"
#include "gui/app/cli_options.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

using test::Harness;

using test::find_command;

ImGuiWindow* finder_window() { return ImGui::FindWindowByName("###break_finder"); }

class BreakFinderWindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(app.open_scenario(test::scenario_path("fig05_leader_crash.toml")), "");  // Stage 2
    h.frame(app);
    h.frame(app);
  }
  /// Waits for the search, then runs two frames (take the result, draw it).
  void finish_search() {
    app.wait_for_break_search();
    h.frame(app);
    h.frame(app);
  }
  Harness h;
  App app{AppOptions{}, Preferences{}};
};

TEST_F(BreakFinderWindowTest, KeyBOpensTheWindowAndStartSearchesTheCurrentStage) {
  EXPECT_EQ(finder_window(), nullptr);
  h.key_down(app, keys::kB);
  h.key_up(app, keys::kB);
  EXPECT_TRUE(app.ui().break_finder_open);
  h.frame(app);
  ImGuiWindow* w = finder_window();
  ASSERT_NE(w, nullptr);
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, w, "Start the search", at));
  const auto emitted = h.click(app, at);
  const auto* start = find_command<cmd::StartBreakSearch>(emitted);
  ASSERT_NE(start, nullptr);
  EXPECT_EQ(start->bounds, default_break_bounds(2));
  h.frame(app);  // applies it
  // Started: still running, finished, or (a fast search on another thread)
  // already finished and taken by the frame.
  EXPECT_TRUE(app.break_finder().running() || app.break_finder().done() || app.finding() != nullptr);
  EXPECT_EQ(app.break_finder().stage(), 2);
  finish_search();

  ASSERT_NE(app.finding(), nullptr);
  const BreakFinding& f = *app.finding();
  EXPECT_EQ(f.result.result, SearchResult::Outcome::Violation);
  ASSERT_TRUE(f.has_counterexample());
  // Loaded at its start, ready to step through: the whole schedule is on the timeline.
  EXPECT_TRUE(app.finding_on_screen());
  EXPECT_EQ(app.session().source().scenario->figure, "break-finder");
  EXPECT_EQ(app.session().stage().number, 2);
  EXPECT_EQ(app.session().cursor(), 0u);
  EXPECT_EQ(app.session().length(), f.scenario->schedule.size());
  EXPECT_FALSE(app.session().playing());
  EXPECT_TRUE(app.session().sim().checker().safe());

  // "Jump to the break": the invariant bar now has a violation to explain.
  ASSERT_TRUE(h.find_item(app, finder_window(), "Jump to the break", at));
  const auto jump = h.click(app, at);
  const auto* to = find_command<cmd::JumpToStep>(jump);
  ASSERT_NE(to, nullptr);
  EXPECT_EQ(to->step, f.break_step);
  h.frame(app);
  EXPECT_EQ(app.session().cursor(), f.break_step);
  ASSERT_FALSE(app.session().sim().checker().safe());
  EXPECT_EQ(app.session().sim().checker().violations().front().explanation, f.result.explanation);
}

TEST_F(BreakFinderWindowTest, SaveWritesTheScenarioAndReportsIt) {
  SearchBounds b = default_break_bounds(2);
  b.max_suspicions = 0;
  ASSERT_EQ(app.start_break_search(b), "");
  finish_search();
  ASSERT_NE(app.finding(), nullptr);
  const std::string path = (std::filesystem::temp_directory_path() / "paxoslab_gui_window_break.toml").string();
  app.queue().push(cmd::SaveCounterexample{path});
  h.frame(app);
  EXPECT_FALSE(app.ui().break_note_is_error);
  EXPECT_NE(app.ui().break_note.find(path), std::string::npos);
  const ScenarioLoad load = load_scenario_file(path);
  ASSERT_TRUE(load.ok());
  EXPECT_EQ(load.scenario->schedule, app.session().source().scenario->schedule);
  // Saving again to the same file asks first and leaves the file alone ...
  { std::ofstream(path, std::ios::trunc) << "# the learner's own file\n"; }
  app.queue().push(cmd::SaveCounterexample{path});
  h.frame(app);
  EXPECT_NE(app.ui().break_note.find("already exists"), std::string::npos) << app.ui().break_note;
  EXPECT_EQ(app.ui().break_replace_path, path);
  EXPECT_FALSE(load_scenario_file(path).ok());  // still the learner's text
  // ... until the learner says Replace.
  app.queue().push(cmd::SaveCounterexample{path, true});
  h.frame(app);
  EXPECT_FALSE(app.ui().break_note_is_error) << app.ui().break_note;
  EXPECT_TRUE(load_scenario_file(path).ok());
  EXPECT_EQ(app.ui().break_replace_path, "");
  std::filesystem::remove(path);

  app.queue().push(cmd::SaveCounterexample{"/no/such/dir/x.toml"});
  h.frame(app);
  EXPECT_TRUE(app.ui().break_note_is_error);

  // Another scenario replaces it; "Open the counterexample" brings it back at its start.
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig03_send_accept.toml")), "");
  EXPECT_FALSE(app.finding_on_screen());
  h.frame(app);
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, finder_window(), "Open the counterexample", at));
  ASSERT_NE(find_command<cmd::OpenCounterexample>(h.click(app, at)), nullptr);
  h.frame(app);
  EXPECT_TRUE(app.finding_on_screen());
  EXPECT_EQ(app.session().cursor(), 0u);
}

TEST_F(BreakFinderWindowTest, CancelButtonStopsTheSearchAndSaysSo) {
  SimConfig c;
  c.stage = 4;
  c.servers = 3;
  app.start_setup(c, false);
  SearchBounds b = default_break_bounds(4);
  b.max_reorders = -1;  // far too big to finish
  ASSERT_EQ(app.start_break_search(b), "");
  h.frame(app);
  h.frame(app);  // the auto-resizing window has its size from the second frame
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, finder_window(), "Cancel", at));
  ASSERT_NE(find_command<cmd::CancelBreakSearch>(h.click(app, at)), nullptr);
  h.frame(app);  // applies the cancel (joins), then takes the result
  EXPECT_FALSE(app.break_finder().running());
  ASSERT_NE(app.finding(), nullptr);
  EXPECT_TRUE(app.finding()->result.canceled);
  EXPECT_FALSE(app.finding_on_screen());
  EXPECT_EQ(app.session().stage().number, 4);  // the run stays
  h.frame(app);
}

TEST_F(BreakFinderWindowTest, ClosingTheWindowHidesItAndAnInvalidStartIsReported) {
  app.queue().push(cmd::ShowBreakFinder{true});
  h.frame(app);
  h.frame(app);
  ASSERT_NE(finder_window(), nullptr);
  SearchBounds bad;
  bad.servers = 1;
  bad.max_crashes = 2;
  EXPECT_NE(app.start_break_search(bad), "");
  EXPECT_TRUE(app.ui().break_note_is_error);
  app.queue().push(cmd::ShowBreakFinder{false});
  h.frame(app);
  EXPECT_FALSE(app.ui().break_finder_open);
}

TEST(BreakFinderApp, CommandLineFlagTakesOpenStartOrRun) {
  for (const char* mode : {"open", "start", "run"}) {
    CliOptions o;
    const char* args[] = {"paxos-lab", "--break-finder", mode};
    ASSERT_EQ(parse_cli(3, const_cast<char**>(args), o), -1);
    EXPECT_EQ(o.break_finder, mode);
  }
  CliOptions o;
  const char* bad[] = {"paxos-lab", "--break-finder", "now"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(bad), o), 2);
}

TEST(BreakFinderApp, DestroyingTheAppMidSearchIsClean) {
  Harness h;
  {
    App app{AppOptions{}, Preferences{}};
    SimConfig c;
    c.stage = 4;
    c.servers = 3;
    app.start_setup(c, false);
    SearchBounds b = default_break_bounds(4);
    b.max_reorders = -1;
    ASSERT_EQ(app.start_break_search(b), "");
    h.frame(app);
    EXPECT_EQ(app.break_finder().stage(), 4);  // started (running, or - under no bound - done)
  }  // ~App joins the search thread
  SUCCEED();
}

}  // namespace
}  // namespace paxoslab::gui
