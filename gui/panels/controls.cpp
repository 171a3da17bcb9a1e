#include "gui/panels/controls.hpp"

#include <cstdio>
#include <string>

#include "gui/model/speed.hpp"
#include "gui/panels/timeline_bar.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

void draw_speed_combo(const PanelContext& ctx) {
  const double speed = ctx.session.speed();
  const std::string now = speed_words(speed);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0.25x").x + ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2);
  if (ImGui::BeginCombo("##speed", now.c_str())) {
    for (double level : speed_levels()) {
      const double tps = level * kTicksPerSecondAt1x;
      const std::string words = speed_words(tps);
      if (ImGui::Selectable(words.c_str(), words == now)) ctx.out.push(cmd::SetSpeed{tps});
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) {
    char tip[256];
    std::snprintf(tip, sizeof tip,
                  "Playback speed: %s. 1x is %.0f simulated ticks per second; a lesson playing to its page's moment "
                  "shows about %.0f effects per second at 1x.  [ slower,  ] faster.",
                  now.c_str(), kTicksPerSecondAt1x, kEffectsPerSecondAt1x);
    item_tooltip(tip);
  }
}

namespace {

/// Jump to start, step back, play/pause, step, jump to end.
void draw_transport(const PanelContext& ctx) {
  const Session& s = ctx.session;
  const bool can_back = s.cursor() > 0;
  const bool can_step = s.cursor() < s.length() || (s.frame_fresh() ? s.frame().next_tick : s.next_tick()).has_value();
  if (icon_button("##start", Icon::JumpStart, "Jump to the start (Home)", can_back, "already at the start.")) ctx.out.push(cmd::JumpStart{});
  ImGui::SameLine(0, 4);
  if (icon_button("##back", Icon::StepBack, "Step back one event (Left arrow)", can_back, "already at the start.")) ctx.out.push(cmd::StepBack{});
  ImGui::SameLine(0, 4);
  const bool playing = s.playing();
  if (icon_button("##play", playing ? Icon::Pause : Icon::Play,
                  s.manual() ? "Playback is off in manual mode: pick events yourself (M switches to auto)"
                             : (playing ? "Pause (Space)" : "Play (Space)"),
                  !s.manual() && (playing || can_step), s.manual() ? nullptr : "the run is over: nothing is left to play."))
    ctx.out.push(cmd::TogglePlay{});
  ImGui::SameLine(0, 4);
  if (icon_button("##step", Icon::StepForward, "Step one event (Right arrow)", can_step,
                  "nothing left to happen: no event is pending and nothing more is recorded.")) ctx.out.push(cmd::Step{});
  ImGui::SameLine(0, 4);
  if (icon_button("##end", Icon::JumpEnd, "Jump to the end of the recorded run (End)", s.cursor() < s.length(),
                  "already at the end of what is recorded (step on to record more)."))
    ctx.out.push(cmd::JumpEnd{});
}

/// Auto or Manual: who picks the next event.
void draw_mode(const PanelContext& ctx) {
  const Session& s = ctx.session;
  int mode = s.manual() ? 1 : 0;
  if (ImGui::RadioButton("Auto", &mode, 0) && s.manual()) ctx.out.push(cmd::SetManual{false});
  if (ImGui::IsItemHovered()) item_tooltip("Auto: events happen in time order (M toggles).");
  ImGui::SameLine();
  if (ImGui::RadioButton("Manual", &mode, 1) && !s.manual()) ctx.out.push(cmd::SetManual{true});
  if (ImGui::IsItemHovered()) item_tooltip("Manual: you pick the next delivery or timer from the Pending tab, or click a message (M toggles).");
}

/// Reset, and the seed that drives every random choice.
void draw_reset_and_seed(const PanelContext& ctx, ControlsState& st) {
  if (icon_button("##reset", Icon::Reset, "Reset: start this set-up over and forget the timeline (R)")) ctx.out.push(cmd::Reset{});
  ImGui::SameLine(0, 8);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Seed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt("##seed", &st.seed, 1, 10);
  if (ImGui::IsItemDeactivatedAfterEdit() && st.seed >= 0) ctx.out.push(cmd::SetSeed{static_cast<std::uint64_t>(st.seed)});
  if (ImGui::IsItemHovered()) item_tooltip("The seed drives every random choice (delays, losses). Press Enter to restart with it.");
}

/// View menu, Help, Find a break..., and Which rule? where it fits.
void draw_menus(const PanelContext& ctx) {
  if (ImGui::Button("View")) ImGui::OpenPopup("##view_menu");
  if (ImGui::IsItemHovered())
    item_tooltip("What the window shows: the log view of every server (L), the break-finder (B), which rule matters (W).");
  if (ImGui::BeginPopup("##view_menu")) {
    if (ImGui::MenuItem("Log view (every server's log)", "L", ctx.prefs.show_log_view)) ctx.out.push(cmd::ToggleLogView{});
    if (ImGui::MenuItem("Find a break...", "B", ctx.ui.break_finder_open)) ctx.out.push(cmd::ToggleBreakFinder{});
    if (ImGui::IsItemHovered()) item_tooltip("The break-finder: the shortest run that breaks this stage.");
    if (ImGui::MenuItem("Which rule matters?", "W", ctx.ui.rules_panel_open)) ctx.out.push(cmd::ToggleRulesPanel{});
    if (ImGui::IsItemHovered())
      item_tooltip("This stage's rules: switch one off and find the break it was preventing.");
    ImGui::EndPopup();
  }
  ImGui::SameLine(0, 8);
  if (ImGui::Button("Help")) ctx.out.push(cmd::ToggleHelp{});
  if (ImGui::IsItemHovered()) item_tooltip("Keyboard shortcuts and how to use Paxos Lab (F1).");
  ImGui::SameLine(0, 8);
  if (ImGui::Button("Find a break...")) ctx.out.push(cmd::ToggleBreakFinder{});
  if (ImGui::IsItemHovered())
    item_tooltip("Find a way to break this stage (B): search every order of deliveries and timers and every fault "
                 "within bounds for the shortest run that violates safety or gets stuck, then step through it.");
  // Only where it fits (a lesson column narrows the bar); the View menu and W always open the panel.
  const float rules_w = ImGui::CalcTextSize("Which rule?").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(0, 8);
  if (ImGui::GetContentRegionAvail().x >= rules_w) {
    if (ImGui::Button("Which rule?")) ctx.out.push(cmd::ToggleRulesPanel{});
    if (ImGui::IsItemHovered())
      item_tooltip("Which rule matters? (W): this stage's rules; switch one off and Find a break plays the break "
                   "that rule prevents.");
  } else {
    ImGui::Dummy(ImVec2(0, 0));
  }
}

/// The scenario's name (or the stage's), right-aligned where it fits.
void draw_title(const PanelContext& ctx) {
  const Session& s = ctx.session;
  const std::string title = s.source().scenario ? s.source().scenario->name
                                                : "Stage " + std::to_string(s.stage().number) + " " + s.stage().name;
  const float tw = ImGui::CalcTextSize(title.c_str()).x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  const float x = std::max(ImGui::GetCursorPosX() + 12, right - tw);
  if (x + tw <= right + 1) {
    ImGui::SetCursorPosX(x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::vec(theme::kLeader), "%s", title.c_str());
  } else {
    ImGui::NewLine();
  }
}

}  // namespace

void draw_controls(const PanelContext& ctx, ControlsState& st) {
  const Session& s = ctx.session;
  if (st.seed_generation != s.generation()) {
    st.seed = static_cast<int>(s.source().config.seed);
    st.seed_generation = s.generation();
  }
  draw_transport(ctx);
  ImGui::SameLine(0, 16);
  draw_speed_combo(ctx);
  ImGui::SameLine(0, 16);
  draw_mode(ctx);
  ImGui::SameLine(0, 16);
  draw_reset_and_seed(ctx, st);
  ImGui::SameLine(0, 16);
  draw_menus(ctx);
  draw_title(ctx);
  draw_timeline_bar(ctx);
}

}  // namespace paxoslab::gui
