// Panels driven with real ImGui input in a window-less context: the commands
// they emit and what those do to the Session.
#include <gtest/gtest.h>

#include <algorithm>

#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

using test::Harness;

using test::find_command;
template <class T>
const T* find_command(const CommandQueue& q) {
  return find_command<T>(q.items());
}

class PanelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(app.open_scenario(test::scenario_path("fig03_send_accept.toml")), "");
    h.frame(app);
    h.frame(app);
  }
  Harness h;
  App app{AppOptions{}, Preferences{}};
};

TEST_F(PanelsTest, StepButtonEmitsStepAndTheNextFrameAppliesIt) {
  ImVec2 at;
  ASSERT_TRUE(h.find_item(app, ImGui::FindWindowByName("Controls"), "##step", at));
  const auto emitted = h.click(app, at);
  ASSERT_NE(find_command<cmd::Step>(emitted), nullptr);
  EXPECT_EQ(app.session().cursor(), 0u);  // drawing code never changes the session...
  h.frame(app);                           // ...the next frame applies the command
  EXPECT_EQ(app.session().cursor(), 1u);
}

TEST_F(PanelsTest, ArrowKeysStepAndStepBackToTheSameTraceHash) {
  h.key_down(app, 262);  // Right
  EXPECT_NE(find_command<cmd::Step>(app.queue()), nullptr);
  h.key_up(app, 262);
  h.key_down(app, 262);
  h.key_up(app, 262);
  ASSERT_EQ(app.session().cursor(), 2u);
  app.session().jump_to(1);
  const auto hash1 = app.session().sim().trace().hash();
  app.session().jump_to(2);
  h.key_down(app, 263);  // Left
  EXPECT_NE(find_command<cmd::StepBack>(app.queue()), nullptr);
  h.key_up(app, 263);
  EXPECT_EQ(app.session().cursor(), 1u);
  EXPECT_EQ(app.session().sim().trace().hash(), hash1);
}

TEST_F(PanelsTest, ShortcutKeysToggleModeHelpAndPlay) {
  h.key_down(app, keys::kM);
  h.key_up(app, keys::kM);
  EXPECT_TRUE(app.session().manual());
  h.key_down(app, keys::kM);
  h.key_up(app, keys::kM);
  EXPECT_FALSE(app.session().manual());
  h.key_down(app, keys::kF1);
  h.key_up(app, keys::kF1);
  EXPECT_TRUE(app.ui().help_open);
  h.key_down(app, 32);  // Space
  h.key_up(app, 32);
  EXPECT_TRUE(app.session().playing());
}

TEST_F(PanelsTest, RightClickOnAServerThenCrashLandsInTheSimulation) {
  const ImVec2 s2 = app.cluster_state().geometry.pos(NodeId::of(ServerId{2}));
  h.press(app, s2, 1);
  h.release(app, 1);
  ImGuiWindow* popup = Harness::open_popup();
  ASSERT_NE(popup, nullptr);
  ImVec2 item;
  ASSERT_TRUE(h.find_item(app, popup, "Crash", item));
  const auto emitted = h.click(app, item);
  const auto* apply = find_command<cmd::Apply>(emitted);
  ASSERT_NE(apply, nullptr);
  ASSERT_TRUE(std::holds_alternative<CrashAction>(apply->action));
  EXPECT_EQ(std::get<CrashAction>(apply->action).server, ServerId{2});
  h.frame(app);
  EXPECT_TRUE(app.session().sim().crashed(ServerId{2}));
  EXPECT_EQ(app.session().timeline().back().type, TimelineEntry::Type::Act);
}

TEST_F(PanelsTest, LeftClickOnAServerSelectsItForTheInspector) {
  const ImVec2 s2 = app.cluster_state().geometry.pos(NodeId::of(ServerId{2}));
  h.press(app, s2);
  const auto* sel = find_command<cmd::Select>(app.queue());
  ASSERT_NE(sel, nullptr);
  EXPECT_EQ(sel->node, NodeId::of(ServerId{2}));
  h.release(app);
  EXPECT_EQ(app.ui().selected, NodeId::of(ServerId{2}));
}

TEST_F(PanelsTest, ManualModeClickOnAMessageDeliversIt) {
  // Step until a message is in flight, then switch to manual mode.
  while (app.session().sim().network().in_flight().size() < 2) ASSERT_TRUE(app.session().step());
  app.session().set_manual(true);
  h.frame(app);
  h.frame(app);
  const auto markers = app.cluster_state().markers;
  ASSERT_GE(markers.size(), 2u);
  const MessageMarker m = markers.back();  // not the next one auto mode would take
  h.press(app, m.center);
  const auto* pick = find_command<cmd::Pick>(app.queue());
  ASSERT_NE(pick, nullptr);
  EXPECT_EQ(pick->event.message, m.id);
  h.release(app);
  EXPECT_EQ(app.session().sim().network().find(m.id), nullptr);
  const auto& ev = app.session().sim().trace().events();
  const auto it = std::find_if(ev.rbegin(), ev.rend(), [&](const TraceEvent& e) {
    return e.message == m.id && (e.kind == TraceKind::Deliver || e.kind == TraceKind::Reply);
  });
  EXPECT_NE(it, ev.rend());
}

TEST_F(PanelsTest, RightClickOnAMessageThenLoseDropsThatMessage) {
  while (app.session().sim().network().in_flight().empty()) ASSERT_TRUE(app.session().step());
  h.frame(app);
  h.frame(app);
  // A marker not covered by a later (topmost) one.
  const auto& ms = app.cluster_state().markers;
  std::size_t pick = ms.size();
  for (std::size_t i = 0; i < ms.size() && pick == ms.size(); ++i) {
    bool covered = false;
    for (std::size_t j = i + 1; j < ms.size(); ++j)
      covered = covered || (ms[i].center.x >= ms[j].min.x && ms[i].center.x <= ms[j].max.x &&
                            ms[i].center.y >= ms[j].min.y && ms[i].center.y <= ms[j].max.y);
    if (!covered) pick = i;
  }
  ASSERT_LT(pick, ms.size());
  const MessageMarker m = ms[pick];
  h.press(app, m.center, 1);
  h.release(app, 1);
  ImVec2 item;
  ASSERT_TRUE(h.find_item(app, Harness::open_popup(), "Lose", item));
  const auto emitted = h.click(app, item);
  const auto* apply = find_command<cmd::Apply>(emitted);
  ASSERT_NE(apply, nullptr);
  ASSERT_TRUE(std::holds_alternative<LoseAction>(apply->action));
  EXPECT_EQ(std::get<LoseAction>(apply->action).id, m.id);
  h.frame(app);
  EXPECT_EQ(app.session().sim().network().find(m.id), nullptr);
  EXPECT_EQ(app.session().sim().trace().events().back().kind, TraceKind::Drop);
}

TEST_F(PanelsTest, ClickingAnEventLogRowJumpsTheWholeViewThere) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(app.session().step());
  app.log_state().follow = false;
  h.frame(app);
  h.frame(app);
  ImGuiWindow* log = ImGui::FindWindowByName("Event log");
  ASSERT_NE(log, nullptr);
  // The first row sits under the table header: scan down the table's left edge.
  bool jumped = false;
  for (float y = log->Pos.y + 40; y < log->Pos.y + log->Size.y && !jumped; y += 3) {
    const auto emitted = h.click(app, ImVec2(log->Pos.x + 20, y));
    if (const auto* j = find_command<cmd::JumpToEvent>(emitted)) {
      const auto target = app.session().position_of_event(j->seq);
      h.frame(app);
      EXPECT_EQ(app.session().cursor(), target);
      EXPECT_LT(app.session().cursor(), 10u);
      jumped = true;
    }
  }
  EXPECT_TRUE(jumped);
}

TEST_F(PanelsTest, CuttingALinkFromTheFaultsMatrixLandsInTheNetwork) {
  app.apply(cmd::Select{});  // no selection: the side tab stays where it is asked
  app.ui().side_tab_request = static_cast<int>(SideTab::Faults);
  h.frame(app);
  h.frame(app);
  ImGuiWindow* side = ImGui::FindWindowByName("##side");
  ASSERT_NE(side, nullptr);
  // The matrix buttons live in a child window; press every "up" button region until a cut command appears.
  bool cut = false;
  for (float y = side->Pos.y + 40; y < side->Pos.y + side->Size.y && !cut; y += 4)
    for (float x = side->Pos.x + 40; x < side->Pos.x + 200 && !cut; x += 10) {
      const auto emitted = h.click(app, ImVec2(x, y));
      if (const auto* a = find_command<cmd::Apply>(emitted)) cut = std::holds_alternative<CutLinkAction>(a->action);
      h.frame(app);
      if (!cut && !app.session().timeline().empty()) app.apply(cmd::Reset{});
    }
  ASSERT_TRUE(cut);
  const auto& net = app.session().sim().links();
  bool any_cut = false;
  for (int a = 1; a <= 2; ++a)
    for (int b = 1; b <= 2; ++b)
      if (a != b) any_cut = any_cut || net.cut(NodeId::of(ServerId{a}), NodeId::of(ServerId{b}));
  EXPECT_TRUE(any_cut);
}

}  // namespace
}  // namespace paxoslab::gui
