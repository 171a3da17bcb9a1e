// The compare view in a real, window-less ImGui context: entering compare mode
// from the App, the fault buttons landing on both sides, and leaving again.
#include <gtest/gtest.h>

#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

using test::Harness;

class CompareViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(app.open_scenario(test::scenario_path("fig05_leader_crash.toml")), "");
    ASSERT_EQ(app.open_compare(2, 3), "");
    h.frame(app);
    h.frame(app);
  }
  Harness h{ImVec2(1600, 1000)};
  App app{AppOptions{}, Preferences{}};
};

TEST_F(CompareViewTest, OpensBothStagesAndDrawsTheirCharts) {
  ASSERT_NE(app.compare(), nullptr);
  EXPECT_EQ(app.compare()->side(0).stage().number, 2);
  EXPECT_EQ(app.compare()->side(1).stage().number, 3);
  EXPECT_NE(ImGui::FindWindowByName("Compare"), nullptr);
  // Both charts were laid out side by side, left of one another.
  const auto& cs = app.compare_view().chart_states;
  EXPECT_LT(cs[0].plot_max.x, cs[1].plot_min.x);
  EXPECT_GT(cs[0].plot_max.y, cs[0].plot_min.y);
}

TEST_F(CompareViewTest, CrashButtonLandsOnBothSides) {
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, ImGui::FindWindowByName("Compare"), "Crash", at));
  h.press(app, at);
  h.release(app);  // ImGui buttons fire on release; the command is applied next frame
  h.frame(app);
  EXPECT_TRUE(app.compare()->comparison().side(0).crashed(ServerId{1}));
  EXPECT_TRUE(app.compare()->comparison().side(1).crashed(ServerId{1}));
  EXPECT_NE(app.compare_view().ui[0].status.find("crash S1"), std::string::npos) << app.compare_view().ui[0].status;
}

TEST_F(CompareViewTest, StepButtonStepsInLockstepAndCloseLeaves) {
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, ImGui::FindWindowByName("Compare"), "Step", at));
  h.press(app, at);
  h.release(app);  // ImGui buttons fire on release; the command is applied next frame
  h.frame(app);
  EXPECT_EQ(app.compare()->lockstep_steps(), 1u);
  ASSERT_TRUE(h.find_item(app, ImGui::FindWindowByName("Compare"), "Close compare", at));
  h.press(app, at);
  h.release(app);  // ImGui buttons fire on release; the command is applied next frame
  h.frame(app);
  EXPECT_EQ(app.compare(), nullptr);
}

TEST_F(CompareViewTest, KeysStepBackResetAndClose) {
  h.key_down(app, 262);  // Right: one lockstep step (applied the frame after the key)
  h.key_up(app, 262);
  h.key_down(app, 262);
  h.key_up(app, 262);
  EXPECT_EQ(app.compare()->lockstep_steps(), 2u);
  h.key_down(app, 263);  // Left: one back
  h.key_up(app, 263);
  EXPECT_EQ(app.compare()->lockstep_steps(), 1u);
  h.key_down(app, 'R');  // reset
  h.key_up(app, 'R');
  EXPECT_EQ(app.compare()->lockstep_steps(), 0u);
  h.key_down(app, 256);  // Esc: back to the single run
  h.key_up(app, 256);
  EXPECT_EQ(app.compare(), nullptr);
}

TEST_F(CompareViewTest, RunToTheEndShowsTheFirstDifferenceInBothCharts) {
  app.compare()->run(10000);
  h.frame(app);
  const auto& d = app.compare()->comparison().first_difference();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Difference::Kind::Safety);
  EXPECT_FALSE(app.compare()->side(0).sim().checker().safe());
  EXPECT_TRUE(app.compare()->side(1).sim().checker().safe());
}

}  // namespace
}  // namespace paxoslab::gui
