#include "gui/panels/pending_events.hpp"

#include <cstdio>
#include <string>

#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

std::string describe_pending(const Simulation& sim, const PendingEvent& e) {
  char head[32];
  std::snprintf(head, sizeof head, "t=%-5lld ", static_cast<long long>(e.tick));
  std::string s = head;
  switch (e.type) {
    case PendingEvent::Type::Delivery: {
      const auto* f = sim.network().find(e.message);
      if (f == nullptr) return s + "deliver " + to_string(e.message);
      return s + "deliver " + to_string(e.message) + " " + short_label(f->envelope.payload) + "  " +
             to_string(f->envelope.from) + " -> " + to_string(f->envelope.to);
    }
    case PendingEvent::Type::Timer:
      for (const auto& t : sim.timers())
        if (t.id == e.timer) return s + "timer " + to_string(t.owner) + ": " + t.purpose;
      return s + "timer " + to_string(e.timer);
    case PendingEvent::Type::Script:
      if (e.script_index >= 0 && static_cast<std::size_t>(e.script_index) < sim.script().size())
        return s + "script: " + describe(sim.script()[static_cast<std::size_t>(e.script_index)].action);
      return s + "script step";
    case PendingEvent::Type::HandlerEffect: {
      // Effects in progress come first; the first is the next one.
      const auto next = sim.next_event();
      return s + sim.describe_effect(e) + (next && *next == e ? " (next effect of the handler)" : " (effect in progress)");
    }
  }
  return s;
}

void draw_pending_events(const PanelContext& ctx) {
  const Session& session = ctx.session;
  const Simulation& sim = session.sim();
  if (!session.manual()) {
    ImGui::TextWrapped("Auto mode: events happen in time order. Switch to Manual (M) to choose which one happens next.");
    if (ImGui::Button("Switch to manual")) ctx.out.push(cmd::SetManual{true});
  } else {
    ImGui::TextWrapped("Manual mode: click an event to make it happen next (messages can also be clicked in the cluster view).");
  }
  if (session.cursor() < session.length())
    ImGui::TextColored(theme::vec(theme::kCandidate), "You are %zu steps back: a pick here starts a new future.",
                       session.length() - session.cursor());
  ImGui::Separator();
  const auto pending = sim.pending();
  if (pending.empty()) {
    ImGui::TextDisabled("Nothing is pending.");
    return;
  }
  ImGui::BeginChild("##pending_list");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(pending.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const PendingEvent& e = pending[static_cast<std::size_t>(i)];
      ImGui::PushID(i);
      const std::string line = describe_pending(sim, e);
      ImU32 col = theme::kText;
      if (e.type == PendingEvent::Type::Delivery) {
        if (const auto* f = sim.network().find(e.message)) col = theme::message_color(f->envelope.payload.kind);
      } else if (e.type == PendingEvent::Type::Timer) {
        col = theme::kTextDim;
      } else {
        col = theme::kCandidate;
      }
      ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(col));
      ImGui::BeginDisabled(!session.manual());
      const bool cut = ImGui::CalcTextSize(line.c_str()).x > ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable(line.c_str(), false)) ctx.out.push(cmd::Pick{e});
      ImGui::EndDisabled();
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        // A row cut off at the panel's edge shows its whole text first.
        const std::string tip = (cut ? line + "\n" : std::string()) +
                                (session.manual() ? "Click: carry this out next." : "Switch to manual mode (M) to pick events.");
        item_tooltip(tip.c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace paxoslab::gui
