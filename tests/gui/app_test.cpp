// App-level behaviour without input: opening files, errors, layout, preferences, the command line.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "gui/app/cli_options.hpp"
#include "gui/app/layout.hpp"
#include "gui/model/preferences.hpp"
#include "gui/model/scenario_catalog.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

TEST(App, ABadScenarioFileShowsTheLoaderErrorAndKeepsTheRun) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig03_send_accept.toml")), "");
  const std::string path = (std::filesystem::temp_directory_path() / "paxoslab_gui_bad.toml").string();
  {
    std::ofstream out(path);
    out << "[scenario]\nname = \"x\"\nstage = 1\nsevrers = 2\n";
  }
  app.queue().push(cmd::OpenScenario{path});
  h.frame(app);
  EXPECT_NE(app.ui().open_error.find(path), std::string::npos);
  EXPECT_NE(app.ui().open_error.find(":4"), std::string::npos) << app.ui().open_error;
  EXPECT_EQ(app.session().source().scenario->name.rfind("Fig. 3", 0), 0u);
  h.frame(app);  // still draws (the Set-up tab shows the error)
  std::filesystem::remove(path);
}

TEST(App, AMissingFileOrADirectoryIsReportedAndTheRunKept) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig03_send_accept.toml")), "");
  const std::string missing = "/no/such/file.toml";
  EXPECT_NE(app.open_scenario(missing).find(missing), std::string::npos);
  EXPECT_NE(app.open_lesson(missing).find(missing), std::string::npos);
  const std::string dir = std::filesystem::temp_directory_path().string();
  EXPECT_NE(app.open_scenario(dir), "");
  EXPECT_EQ(app.session().source().scenario->name.rfind("Fig. 3", 0), 0u);
  h.frame(app);  // still draws (the Set-up tab shows the error)
}

TEST(App, ALessonFileOpensAsItsEmbeddedScenario) {
  const std::string path = (std::filesystem::temp_directory_path() / "paxoslab_gui_lesson.toml").string();
  {
    std::ofstream out(path);
    out << "[lesson]\ntitle = \"t\"\n\n[scenario]\nname = \"lesson run\"\nstage = 1\nservers = 2\n";
  }
  App app{AppOptions{}, Preferences{}};
  EXPECT_NE(app.open_scenario(path), "");          // strict: [lesson] is unknown
  EXPECT_EQ(app.open_scenario(path, std::nullopt, true), "");  // lenient
  EXPECT_EQ(app.session().source().scenario->name, "lesson run");
  std::filesystem::remove(path);
}

TEST(App, StageOverrideRunsTheScriptOnAnotherStage) {
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig05_leader_crash.toml"), 3), "");
  EXPECT_EQ(app.session().stage().number, 3);
  EXPECT_EQ(app.session().sim().config().stage, 3);
}

TEST(App, SeedCommandRestartsWithThatSeedAndTheSameScript) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig05_leader_crash.toml")), "");
  app.queue().push(cmd::SetSeed{42});
  h.frame(app);
  EXPECT_EQ(app.session().sim().config().seed, 42u);
  EXPECT_TRUE(app.session().source().scenario.has_value());
}

TEST(Layout, PanelsDoNotOverlapAndFillTheWindow) {
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(1600, 1000), ImVec2(2560, 1440)}) {
    const Layout l = compute_layout(ImVec2(0, 0), size, 15.0f);
    const PanelRect rects[] = {l.controls, l.cluster, l.chart, l.side, l.log, l.invariant};
    for (const auto& a : rects) {
      EXPECT_GT(a.size.x, 100);
      EXPECT_GT(a.size.y, 30);
      EXPECT_LE(a.pos.x + a.size.x, size.x + 0.5f);
      EXPECT_LE(a.pos.y + a.size.y, size.y + 0.5f);
      for (const auto& b : rects) {
        if (&a == &b) continue;
        const bool apart = a.pos.x + a.size.x <= b.pos.x || b.pos.x + b.size.x <= a.pos.x ||
                           a.pos.y + a.size.y <= b.pos.y || b.pos.y + b.size.y <= a.pos.y;
        EXPECT_TRUE(apart);
      }
    }
  }
}

TEST(Preferences, RoundTripThroughTheFile) {
  const std::string path = (std::filesystem::temp_directory_path() / "paxoslab_prefs_test" / "preferences.ini").string();
  Preferences p;
  p.speed_ticks_per_second = 123.5;
  p.show_timers = false;
  p.last_scenario = "/x/y.toml";
  ASSERT_TRUE(save_preferences(p, path));
  EXPECT_EQ(load_preferences(path), p);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  EXPECT_EQ(load_preferences(path), Preferences{});  // missing file: defaults
}

TEST(ScenarioCatalog, FindsTheRepositoryScenarios) {
  const auto list = list_scenarios("");
  ASSERT_FALSE(list.empty());
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
  EXPECT_NE(default_scenario("").find("fig03_send_accept.toml"), std::string::npos);
}

TEST(CommandLine, BadFlagsExitWithTwo) {
  CliOptions o;
  const char* bad[] = {"paxos-lab", "--frobnicate"};
  EXPECT_EQ(parse_cli(2, const_cast<char**>(bad), o), 2);
  const char* stage[] = {"paxos-lab", "--stage", "9"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(stage), o), 2);
  // A missing file is not a bad flag: the app opens and reports it (below).
  const char* missing[] = {"paxos-lab", "--scenario", "/no/such/file.toml"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(missing), o), -1);
  const char* size[] = {"paxos-lab", "--size", "12x5"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(size), o), 2);
  // --screenshot writes PNG data: another extension would mislabel it.
  const char* jpg[] = {"paxos-lab", "--screenshot", "shot.jpg"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(jpg), o), 2);
  const char* png[] = {"paxos-lab", "--screenshot", "shot.PNG"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(png), o), -1);
  // --page is a lesson's page: without --lesson it would be ignored.
  const char* page[] = {"paxos-lab", "--scenario", "x.toml", "--page", "2"};
  EXPECT_EQ(parse_cli(5, const_cast<char**>(page), o), 2);
}

TEST(CommandLine, ExitAndExportsStopAfterThreeFramesUnlessFramesIsGiven) {
  // Without a default, `--export-chart F --exit` rendered forever.
  CliOptions exported;
  const char* export_args[] = {"paxos-lab", "--export-chart", "out.svg", "--exit"};
  ASSERT_EQ(parse_cli(4, const_cast<char**>(export_args), exported), -1);
  EXPECT_EQ(exported.frames, 3);
  CliOptions exit_only;
  const char* exit_args[] = {"paxos-lab", "--exit"};
  ASSERT_EQ(parse_cli(2, const_cast<char**>(exit_args), exit_only), -1);
  EXPECT_EQ(exit_only.frames, 3);
  CliOptions given;
  const char* given_args[] = {"paxos-lab", "--export-chart", "out.svg", "--frames", "7"};
  ASSERT_EQ(parse_cli(5, const_cast<char**>(given_args), given), -1);
  EXPECT_EQ(given.frames, 7);
  CliOptions interactive;
  const char* none[] = {"paxos-lab"};
  ASSERT_EQ(parse_cli(1, const_cast<char**>(none), interactive), -1);
  EXPECT_EQ(interactive.frames, 0);
}

TEST(CommandLine, LogViewIsOnOffOrLeftToThePreferences) {
  CliOptions unset;
  const char* none[] = {"paxos-lab"};
  ASSERT_EQ(parse_cli(1, const_cast<char**>(none), unset), -1);
  EXPECT_FALSE(unset.log_view.has_value());
  CliOptions on;
  const char* on_args[] = {"paxos-lab", "--log-view", "on"};
  ASSERT_EQ(parse_cli(3, const_cast<char**>(on_args), on), -1);
  EXPECT_EQ(on.log_view, std::optional<bool>(true));
  CliOptions off;
  const char* off_args[] = {"paxos-lab", "--log-view", "OFF"};
  ASSERT_EQ(parse_cli(3, const_cast<char**>(off_args), off), -1);
  EXPECT_EQ(off.log_view, std::optional<bool>(false));
  CliOptions bad;
  const char* bad_args[] = {"paxos-lab", "--log-view", "maybe"};
  EXPECT_EQ(parse_cli(3, const_cast<char**>(bad_args), bad), 2);
}

TEST(CommandLine, CaptureFlagsParse) {
  CliOptions o;
  const std::string file = test::scenario_path("fig05_leader_crash.toml");
  const char* args[] = {"paxos-lab", "--scenario", file.c_str(), "--stage", "2", "--steps", "30",
                        "--screenshot", "/tmp/x.png", "--exit"};
  ASSERT_EQ(parse_cli(10, const_cast<char**>(args), o), -1);
  EXPECT_EQ(o.scenario, file);
  EXPECT_EQ(o.stage, 2);
  EXPECT_EQ(o.steps, 30);
  EXPECT_EQ(o.frames, 3);  // default with --screenshot
  EXPECT_TRUE(o.exit);
}

}  // namespace
}  // namespace paxoslab::gui
