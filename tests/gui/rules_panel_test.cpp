// "Which rule matters?" in the app (gui/panels/rules_panel.hpp,
// gui/app/app_rules_panel.cpp), driven with real ImGui input: W opens the
// panel on Stage 4's rules, unticking a rule switches it off, Find a break
// searches that variant with the break-finder and the verified break plays in
// the main view under the variant's banner; the panel's text is not clipped
// at 1280x800.
#include <gtest/gtest.h>

#include <algorithm>

#include "gui_harness.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab::gui {
namespace {

using test::Harness;

using test::find_command;

ImGuiWindow* panel_window() { return ImGui::FindWindowByName("###rules_panel"); }

/// The panel's scrolling rule list (a child window of the panel).
ImGuiWindow* rule_list_window() {
  ImGuiWindow* panel = panel_window();
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (w->ParentWindow == panel && panel != nullptr && std::string(w->Name).find("##rule_list") != std::string::npos)
      return w;
  return nullptr;
}

/// Hovers over `w` until item `id` is hovered; its position goes to `out`.
bool find_id(Harness& h, App& app, ImGuiWindow* w, ImGuiID id, ImVec2& out) {
  if (w == nullptr) return false;
  for (float y = w->Pos.y + 2; y < w->Pos.y + w->Size.y; y += 3)
    for (float x = w->Pos.x + 2; x < w->Pos.x + w->Size.x; x += 6) {
      h.move(app, ImVec2(x, y));
      if (ImGui::GetCurrentContext()->HoveredIdPreviousFrame == id || ImGui::GetCurrentContext()->HoveredId == id) {
        out = ImVec2(x, y);
        return true;
      }
    }
  return false;
}

/// The id of rule `rule`'s checkbox: table "##rules" in the list, PushID(rule), "##on".
ImGuiID checkbox_id(ImGuiWindow* list, const char* rule) {
  const ImGuiID table = ImHashStr("##rules", 0, list->ID);
  return ImHashStr("##on", 0, ImHashStr(rule, 0, table));
}

class RulesPanelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(app.open_scenario(test::scenario_path("duelling_leaders.toml")), "");  // Stage 4
    ASSERT_EQ(app.session().stage().number, 4);
    h.frame(app);
    h.frame(app);
  }
  Harness h;
  App app{AppOptions{}, Preferences{}};
};

TEST_F(RulesPanelTest, KeyWOpensThePanelAndUntickingSwitchesARuleOff) {
  EXPECT_EQ(panel_window(), nullptr);
  h.key_down(app, keys::kW);
  h.key_up(app, keys::kW);
  EXPECT_TRUE(app.ui().rules_panel_open);
  h.frame(app);
  ASSERT_NE(panel_window(), nullptr);
  ImGuiWindow* list = rule_list_window();
  ASSERT_NE(list, nullptr);
  ImVec2 at;
  ASSERT_TRUE(find_id(h, app, list, checkbox_id(list, "rounds-unique-per-server"), at));
  h.click(app, at);
  h.frame(app);
  EXPECT_EQ(app.rules_off(), std::vector<std::string>{"rounds-unique-per-server"});
  h.click(app, at);  // and back on
  h.frame(app);
  EXPECT_TRUE(app.rules_off().empty());
  // A rule with no documented alternative cannot be switched off.
  EXPECT_NE(app.set_rules_off({"answer-executed-request-again"}), "");
  EXPECT_TRUE(app.rules_off().empty());
}

TEST_F(RulesPanelTest, FindABreakPlaysTheVariantsVerifiedBreakUnderABanner) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  ASSERT_EQ(app.set_rules_off({"adopt-highest-vrnd"}), "");
  EXPECT_NE(app.set_rules_off({"no-such-rule"}), "");
  h.frame(app);
  h.frame(app);  // an auto-sized window is laid out on its second frame
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, panel_window(), "Find a break", at));
  const auto emitted = h.click(app, at);
  const auto* find = find_command<cmd::FindVariantBreak>(emitted);
  ASSERT_NE(find, nullptr);
  EXPECT_EQ(find->without, std::vector<std::string>{"adopt-highest-vrnd"});
  h.frame(app);  // applies it
  app.wait_for_break_search();
  EXPECT_FALSE(app.ui().break_finder_open) << "the panel shows its own search; the break-finder window stays shut";
  ASSERT_NE(app.finding(), nullptr);
  const BreakFinding& f = *app.finding();
  ASSERT_TRUE(f.has_counterexample()) << f.error;
  EXPECT_EQ(f.bounds.knobs.without, std::vector<std::string>{"adopt-highest-vrnd"});
  EXPECT_TRUE(app.variant_break_on_screen());
  EXPECT_TRUE(app.session().playing());
  EXPECT_EQ(app.session().sim().config().knobs.without, std::vector<std::string>{"adopt-highest-vrnd"});

  app.set_layout_capture(true);
  h.frame(app);
  h.frame(app);
  bool banner = false;
  bool headline = false;
  for (const WidgetText& t : app.layout().widget_texts()) {
    if (t.text.find("Without adopt-highest-vrnd: The new leader ignores the values the Promises report") == 0 &&
        t.text.find("; here is how it breaks.") != std::string::npos)
      banner = true;
    if (t.text.rfind("Stage 4 without adopt-highest-vrnd breaks in ", 0) == 0) headline = true;
  }
  EXPECT_TRUE(banner) << "the main view names the rule that was off and what the stage does without it";
  EXPECT_TRUE(headline) << "the panel says what it found";

  // Opening something else ends the banner.
  ASSERT_EQ(app.open_scenario(test::scenario_path("duelling_leaders.toml")), "");
  EXPECT_FALSE(app.variant_break_on_screen());
}

TEST_F(RulesPanelTest, PanelTextIsNotClippedAt1280x800) {
  app.queue().push(cmd::ShowRulesPanel{true});
  app.set_layout_capture(true);
  h.frame(app);
  h.frame(app);
  h.frame(app);
  const LayoutReport r = app.layout().report();
  for (const LayoutClip& c : r.clipped)
    EXPECT_EQ(c.panel.find("Which rule matters?"), std::string::npos) << c.panel << ": " << c.text;
  for (const LayoutOverlap& o : r.overlaps)
    EXPECT_EQ(o.panel.find("Which rule matters?"), std::string::npos) << o.text_a << " / " << o.text_b;
  bool listed = false;
  for (const WidgetText& t : app.layout().widget_texts()) listed = listed || t.text == "rounds-unique-per-server";
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace paxoslab::gui
