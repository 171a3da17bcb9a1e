#include "gui/panels/invariant_bar.hpp"

#include <algorithm>
#include <string>

#include "core/sim/checker.hpp"
#include "gui/model/missing_nodes.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {
/// The verdict badge, followed on the same line by the verdict text.
void verdict_pill(const PanelContext& ctx, const char* text, ImU32 bg) {
  pill(ctx.fonts, text, bg);
  ImGui::SameLine(0, 12);
}
}  // namespace

namespace {
/// Muted amber: a warning is worth a look, not an alarm (red is for violations).
constexpr ImU32 kWarningPill = IM_COL32(150, 122, 40, 255);

/// The checker's warnings as one small named pill (e.g. "diverged, not
/// observed"), each explained in its tooltip. Nothing when there are none.
void warning_pill(const PanelContext& ctx, const Simulation& sim) {
  const auto& warnings = sim.checker().warnings();
  if (warnings.empty()) return;
  std::string label = display_name(warnings.front().kind);
  if (warnings.size() > 1) label += " (+" + std::to_string(warnings.size() - 1) + ")";
  pill(ctx.fonts, label.c_str(), kWarningPill);
  if (ImGui::IsItemHovered()) {
    std::string all =
        "A warning, not a violation: a crashed server holds a state that disagrees with what the clients saw, but no "
        "reply revealed it, so no one can observe it. It becomes a violation if the server restarts or a late reply "
        "from it arrives.\n\n";
    for (const auto& w : warnings) all += "t=" + std::to_string(w.tick) + ": " + w.explanation + "\n";
    item_tooltip(all.c_str());
  }
  ImGui::SameLine(0, 12);
}

/// Once the run has ended (quiescent), the scripted steps that never fired
/// (an `after` trigger no event matched) as one pill, each named with its
/// file line in the tooltip: a scenario author's step that silently did
/// nothing would otherwise look like a protocol result.
void unfired_pill(const PanelContext& ctx, const Simulation& sim, bool quiescent) {
  if (!quiescent) return;
  // A step naming a server the run does not have has its own pill (missing_nodes_pill).
  const MissingNodes missing = missing_nodes(sim.script(), sim.config().servers, sim.config().clients);
  auto unfired = sim.unfired_steps();
  std::erase_if(unfired, [&](const ScriptStep* step) {
    return std::find(missing.steps.begin(), missing.steps.end(), step) != missing.steps.end();
  });
  if (unfired.empty()) return;
  const std::string label = unfired.size() == 1 ? "1 step never fired" : std::to_string(unfired.size()) + " steps never fired";
  pill(ctx.fonts, label.c_str(), kWarningPill);
  if (ImGui::IsItemHovered()) {
    std::string all = "The run ended without carrying out these scripted steps: nothing in the run matched them.\n\n";
    for (const ScriptStep* step : unfired) all += describe(*step) + "\n";
    item_tooltip(all.c_str());
  }
  ImGui::SameLine(0, 12);
}

/// Scripted steps that name servers (or clients) this run does not have -
/// a five-server scenario run with three - as one pill saying how many and
/// which ("3 scripted steps name S4, S5: this run has 3 servers"), each step
/// named with its file line in the tooltip: the simulator refuses them, and
/// a run that quietly skips part of its script would look like the protocol's doing.
void missing_nodes_pill(const PanelContext& ctx, const Simulation& sim) {
  const int servers = sim.config().servers;
  const int clients = sim.config().clients;
  const MissingNodes missing = missing_nodes(sim.script(), servers, clients);
  if (missing.empty()) return;
  pill(ctx.fonts, missing_nodes_sentence(missing, servers, clients).c_str(), kWarningPill);
  if (ImGui::IsItemHovered()) {
    std::string all =
        "The script was written for a larger cluster. These steps are not applied: the simulator refuses each (a \"not "
        "applied\" note in the event log), or its trigger never happens. Run the file's own cluster size to see them.\n\n";
    for (const ScriptStep* step : missing.steps) all += describe(*step) + "\n";
    item_tooltip(all.c_str());
  }
  ImGui::SameLine(0, 12);
}

/// The verdict text, wrapped into the bar's two lines, with the last status note.
void verdict_text(const PanelContext& ctx, const std::string& text, ImU32 col, const char* tooltip) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(col));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  const std::string& note = !ctx.ui.status.empty() ? ctx.ui.status : ctx.session.play_status();
  if (!note.empty()) ImGui::TextColored(theme::vec(theme::kCandidate), "%s", note.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (ImGui::IsItemHovered() && tooltip != nullptr) item_tooltip(tooltip);
}
}  // namespace

void draw_invariant_bar(const PanelContext& ctx) {
  // A file that did not open: say so here, not a verdict of the run left
  // on screen (the previous one, or an empty cluster at start-up).
  if (!ctx.ui.open_error.empty()) {
    verdict_pill(ctx, "NOT OPENED", theme::kStuck);
    verdict_text(ctx, ctx.ui.open_error + "  The run shown is not that file's (Set-up tab).",
                 IM_COL32(255, 200, 200, 255), ctx.ui.open_error.c_str());
    return;
  }
  const Simulation& sim = ctx.session.sim();
  const auto& violations = sim.checker().violations();
  if (!violations.empty()) {
    const Violation& v = violations.front();
    verdict_pill(ctx, "VIOLATION", theme::kViolation);
    std::string text = v.explanation;
    if (v.witnesses.size() >= 2)
      text += "  Witnesses: " + v.witnesses[0].description + "  |  " + v.witnesses[1].description + ".";
    if (violations.size() > 1) text += "  (+" + std::to_string(violations.size() - 1) + " more)";
    std::string all;
    for (const auto& x : violations) {
      all += std::string(to_string(x.kind)) + " at t=" + std::to_string(x.tick) + ": " + x.explanation + "\n";
      for (const auto& w : x.witnesses) all += "  - " + w.description + "  " + format_state(w.state) + "\n";
    }
    verdict_text(ctx, text, IM_COL32(255, 200, 200, 255), all.c_str());
    return;
  }
  // A schedule ([[choose]]) that matched nothing: the run shown stops there.
  if (const std::string& stopped = ctx.session.schedule_error(); !stopped.empty()) {
    verdict_pill(ctx, "SCHEDULE STOPPED", theme::kStuck);
    verdict_text(ctx, "The file's schedule stopped: " + stopped + ". The run is shown up to there.",
                 IM_COL32(255, 225, 180, 255), stopped.c_str());
    return;
  }
  const LivenessReport live = liveness_of(ctx.session);
  const char* about =
      "Safety (the paper's consistency test): every observed state - every reply a client received, every live "
      "server's executed sequence, and a crashed server's as far as some reply revealed it - must be a prefix of the "
      "others. Stuck: nothing can change any more, yet a request is missing somewhere. No progress: timers keep firing "
      "but nothing has executed for 10 retransmission/failure-detection periods while a request is outstanding.";
  if (live.stuck) {
    verdict_pill(ctx, "STUCK", theme::kStuck);
    warning_pill(ctx, sim);
    missing_nodes_pill(ctx, sim);
    unfired_pill(ctx, sim, live.quiescent);
    verdict_text(ctx, live.explanation, IM_COL32(255, 225, 180, 255), about);
  } else if (live.no_progress) {
    verdict_pill(ctx, "NO PROGRESS", theme::kStuck);
    warning_pill(ctx, sim);
    missing_nodes_pill(ctx, sim);
    verdict_text(ctx, live.explanation, IM_COL32(255, 225, 180, 255), about);
  } else if (ctx.session.cursor() == 0 && !live.quiescent) {
    verdict_pill(ctx, "SAFE", theme::kSafe);
    warning_pill(ctx, sim);
    missing_nodes_pill(ctx, sim);
    verdict_text(ctx, "Ready. Press Space to play, Right arrow to step one event, or M to pick events yourself.",
                 theme::kTextDim, about);
  } else {
    verdict_pill(ctx, "SAFE", theme::kSafe);
    warning_pill(ctx, sim);
    missing_nodes_pill(ctx, sim);
    unfired_pill(ctx, sim, live.quiescent);
    verdict_text(ctx, "Every observed state is a prefix of the others.  " + live.explanation, theme::kTextDim, about);
  }
}

}  // namespace paxoslab::gui
