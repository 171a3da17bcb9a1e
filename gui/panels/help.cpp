#include "gui/panels/help.hpp"

#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {
constexpr Shortcut kShortcuts[] = {
    {"Space", "play / pause (auto mode)"},
    {"Right", "step one event forward"},
    {"Left", "step one event back"},
    {"Home / End", "jump to the start / end of the recorded run"},
    {"M", "switch between auto and manual mode"},
    {"R", "reset: start the set-up over"},
    {"B", "find a way to break this stage (the break-finder)"},
    {"W", "which rule matters? switch a rule off and find the break"},
    {"[ / ]", "slower / faster (0.25x to 64x)"},
    {"N", "lesson: Next - the next page, the run played to its moment"},
    {"D", "lesson: dim / undim what the page does not talk about"},
    {"Z", "lesson: frame the page's moment / show the whole run"},
    {"L", "show / hide the log view (every server's log side by side)"},
    {"F1", "show / hide this help"},
    {"Compare mode", "Space, Right, Left and R act on both runs; Esc closes compare"},
    {"Ctrl + wheel", "zoom the sequence chart"},
    {"Wheel / drag", "scroll the sequence chart"},
};
}  // namespace

const Shortcut* shortcuts(int& count) {
  count = static_cast<int>(sizeof kShortcuts / sizeof kShortcuts[0]);
  return kShortcuts;
}

void draw_help(const PanelContext& ctx) {
  if (!ctx.ui.help_open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(fs * 34, 0), ImGuiCond_Appearing);
  bool open = true;
  if (ImGui::Begin("Help - Paxos Lab", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(fs * 33);
    ImGui::TextWrapped("Paxos Lab builds Paxos up from scratch, stage by stage, and lets you watch each stage break. "
                       "The cluster view shows servers, clients and the messages in flight; the sequence chart draws "
                       "the run the way the paper does; the invariant bar turns red when two observed states disagree.");
    section_title("Keyboard");
    int n = 0;
    const Shortcut* list = shortcuts(n);
    if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
      for (int i = 0; i < n; ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(theme::vec(theme::kLeader), "%s", list[i].keys);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(list[i].action);
      }
      ImGui::EndTable();
    }
    section_title("Mouse");
    ImGui::BulletText("Right-click a message: deliver now, lose, duplicate, delay.");
    ImGui::BulletText("Right-click a server: crash, restart, suspect its leader, isolate.");
    ImGui::BulletText("Click a link between servers: cut or mend it.");
    ImGui::BulletText("Right-click a client: send its next request.");
    ImGui::BulletText("Manual mode: click a message (or a Pending event) to make it happen next.");
    ImGui::BulletText("Click a row of the event log, or the chart's time ruler, to jump there.");
    section_title("Timeline");
    ImGui::TextWrapped("Every step and every fault is recorded. Step back or drag the timeline to rewind; doing "
                       "something new at an earlier step starts a new future from there.");
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  if (!open) ctx.out.push(cmd::ShowHelp{false});
}

}  // namespace paxoslab::gui
