#include "gui/panels/compare_view.hpp"
#include "gui/panels/labels.hpp"

#include <algorithm>
#include <string>

#include "gui/app/theme.hpp"
#include "gui/panels/invariant_bar.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

/// Applies one of a side's own panel commands in compare mode.
void apply_side_command(CompareSession& s, CompareViewState& st, int side, const Command& c) {
  if (const auto* a = std::get_if<cmd::Apply>(&c)) {
    s.apply(a->action, side);
  } else if (std::holds_alternative<cmd::Step>(c)) {
    s.step();
  } else if (std::holds_alternative<cmd::StepBack>(c)) {
    s.step_back();
  } else if (std::holds_alternative<cmd::TogglePlay>(c)) {
    s.set_playing(!s.playing());
  } else if (const auto* p = std::get_if<cmd::SetPlaying>(&c)) {
    s.set_playing(p->on);
  } else if (const auto* sel = std::get_if<cmd::Select>(&c)) {
    for (auto& u : st.ui) u.selected = sel->node;  // the same node on both sides
  } else if (const auto* m = std::get_if<cmd::SelectMessage>(&c)) {
    st.ui[static_cast<std::size_t>(side)].selected_message = m->id;
  }
  // Other commands (open, set-up, seed, manual picks) do not apply to a comparison.
}

std::string stage_title(const Simulation& sim) {
  return "Stage " + std::to_string(sim.stage().number) + " (" + sim.stage().name + ")";
}

/// "UNSAFE" / "STUCK" / "SAFE" and its colour.
const char* verdict(const Simulation& sim, ImU32& col) {
  if (!sim.checker().safe()) {
    col = theme::kViolation;
    return "UNSAFE";
  }
  if (sim.liveness().stuck) {
    col = theme::kStuck;
    return "STUCK";
  }
  col = theme::kSafe;
  return "SAFE";
}

/// A small "S1".."Sn" (or "C1".."Cn") picker; `value` is 1-based.
void node_combo(const char* id, char prefix, int count, int& value) {
  value = std::clamp(value, 1, std::max(count, 1));
  const std::string current = prefix + std::to_string(value);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.2f);
  if (ImGui::BeginCombo(id, current.c_str())) {
    for (int k = 1; k <= count; ++k) {
      const std::string name = prefix + std::to_string(k);
      if (ImGui::Selectable(name.c_str(), k == value)) value = k;
    }
    ImGui::EndCombo();
  }
}

void draw_shared_controls(const CompareSession& s, CompareViewState& st) {
  if (ImGui::Button("Step back") && s.position() > 0) st.out.push_back(ccmd::StepBack{});
  if (ImGui::IsItemHovered()) item_tooltip("Both runs one lockstep step back (Left arrow).");
  ImGui::SameLine();
  if (ImGui::Button("Step")) st.out.push_back(ccmd::Step{});
  if (ImGui::IsItemHovered()) item_tooltip("Both runs one lockstep step on (Right arrow).");
  ImGui::SameLine();
  if (ImGui::Button(s.playing() ? "Pause" : "Play")) st.out.push_back(ccmd::TogglePlay{});
  if (ImGui::IsItemHovered()) item_tooltip("Play or pause both runs in simulated time (Space).");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) st.out.push_back(ccmd::Reset{});
  if (ImGui::IsItemHovered()) item_tooltip("Both runs back to the scenario's start (R).");
  ImGui::SameLine();
  if (ImGui::Button("Close compare")) st.out.push_back(ccmd::Close{});
  if (ImGui::IsItemHovered()) item_tooltip("Back to the single run (Esc).");
  ImGui::SameLine(0, 20);
  ImGui::TextColored(theme::vec(theme::kTextDim), "t = %lld   lockstep step %llu%s",
                     static_cast<long long>(s.comparison().now()),
                     static_cast<unsigned long long>(s.lockstep_steps()), s.finished() ? "   (both runs finished)" : "");
}

// Partition: the ticked servers against the rest, and Heal.
void draw_partition_row(int servers, CompareViewState& st) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Partition:");
  for (int k = 1; k <= servers; ++k) {
    ImGui::SameLine();
    bool in = (st.partition_mask >> (k - 1)) & 1u;
    const std::string label = "S" + std::to_string(k) + "##part";
    if (ImGui::Checkbox(label.c_str(), &in)) st.partition_mask ^= 1u << (k - 1);
  }
  std::vector<ServerId> a;
  std::vector<ServerId> b;
  for (int k = 1; k <= servers; ++k) ((st.partition_mask >> (k - 1)) & 1u ? a : b).push_back(ServerId{k});
  std::string label = "Partition {";
  for (std::size_t k = 0; k < a.size(); ++k) label += (k ? "," : "") + to_string(a[k]);
  label += "} | {";
  for (std::size_t k = 0; k < b.size(); ++k) label += (k ? "," : "") + to_string(b[k]);
  label += "}";
  ImGui::SameLine();
  ImGui::BeginDisabled(a.empty() || b.empty());
  if (ImGui::Button(label.c_str())) st.out.push_back(ccmd::Apply{PartitionAction{{a, b}}, 0});
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(a.empty() || b.empty() ? "Greyed: tick the servers of the first group; both groups need a server."
                                        : "Partition both runs into these two groups.");
  ImGui::SameLine();
  if (ImGui::Button("Heal")) st.out.push_back(ccmd::Apply{HealAction{}, 0});
}


void draw_fault_bar(const CompareSession& s, CompareViewState& st) {
  const int servers = std::min(s.comparison().side(0).config().servers, s.comparison().side(1).config().servers);
  const int clients = std::min(s.comparison().side(0).config().clients, s.comparison().side(1).config().clients);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Faults (both sides):");
  ImGui::SameLine();
  node_combo("##lose_from", 'S', servers, st.from_server);
  ImGui::SameLine(0, 2);
  ImGui::TextUnformatted("->");
  ImGui::SameLine(0, 2);
  node_combo("##lose_to", 'S', servers, st.to_server);
  ImGui::SameLine();
  if (ImGui::Button("Lose next")) {
    LoseAction a;
    a.pattern.from = NodeId::of(ServerId{st.from_server});
    a.pattern.to = NodeId::of(ServerId{st.to_server});
    st.out.push_back(ccmd::Apply{a, 0});
  }
  ImGui::SameLine(0, 16);
  node_combo("##server", 'S', servers, st.server);
  ImGui::SameLine();
  if (ImGui::Button("Crash")) st.out.push_back(ccmd::Apply{CrashAction{ServerId{st.server}}, 0});
  ImGui::SameLine();
  if (ImGui::Button("Restart")) st.out.push_back(ccmd::Apply{RestartAction{ServerId{st.server}}, 0});
  ImGui::SameLine();
  if (ImGui::Button("Suspects its leader"))
    st.out.push_back(ccmd::Apply{SuspectAction{ServerId{st.server}, ServerId{}}, 0});
  ImGui::SameLine(0, 16);
  node_combo("##client", 'C', clients, st.client);
  ImGui::SameLine();
  const std::string send = "Send " + to_string(next_request(s));
  if (ImGui::Button(send.c_str()))
    st.out.push_back(ccmd::Apply{ClientRequestAction{ClientId{st.client}, next_request(s)}, 0});

  draw_partition_row(servers, st);
}

void draw_summary(const CompareSession& s) {
  const auto& d = s.comparison().first_difference();
  if (d) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(theme::kWitness));
    ImGui::TextWrapped("First difference (%s) at t = %lld, lockstep step %llu: %s", to_string(d->kind),
                       static_cast<long long>(d->tick), static_cast<unsigned long long>(d->lockstep_step),
                       d->description.c_str());
    ImGui::PopStyleColor();
  } else if (const auto& lead = s.comparison().first_lead()) {
    // One side ahead is not a difference (the other may catch up), but it is
    // what the two panes show: say so rather than "they agree".
    ImGui::TextWrapped("No conflicting outcome so far. One side ran ahead at t = %lld: %s",
                       static_cast<long long>(lead->tick), lead->description.c_str());
  } else {
    ImGui::TextColored(theme::vec(theme::kTextDim), "No difference so far: both runs' executions, replies and verdicts agree.");
  }
}

/// A vertical line at the first difference's tick over side i's chart.
void mark_difference(const CompareSession& s, const ChartState& cs, const Fonts& fonts, LayoutRecord& layout) {
  const auto& d = s.comparison().first_difference();
  if (!d || cs.px_per_tick <= 0) return;
  const float x = cs.plot_min.x + static_cast<float>((static_cast<double>(d->tick) - cs.left_tick) * cs.px_per_tick);
  if (x < cs.plot_min.x || x > cs.plot_max.x) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(x, cs.plot_min.y), ImVec2(x, cs.plot_max.y), theme::kWitness, 2.0f);
  ImFont* font = fonts.small ? fonts.small : ImGui::GetFont();
  const char* text = "first difference";
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text);
  const float tx = std::min(x + 4, cs.plot_max.x - ts.x - 2);
  // The first free row from the top (the chart's own "violation" label may be there).
  float ty = cs.plot_min.y + 3;
  const std::string panel(current_panel());
  for (int row = 0; row < 3 && !layout.is_free(panel, Box{ImVec2(tx, ty), ImVec2(tx + ts.x, ty + ts.y)}); ++row)
    ty += ts.y + 4;
  dl->AddRectFilled(ImVec2(tx - 2, ty - 1), ImVec2(tx + ts.x + 2, ty + 1 + ts.y), IM_COL32(24, 27, 33, 220));
  draw_label(layout, dl, font, font->FontSize, ImVec2(tx, ty), theme::kWitness, text);
}

void draw_side(const CompareSession& s, CompareViewState& st, int i, const Preferences& prefs, const Fonts& fonts,
               LayoutRecord& layout) {
  const auto idx = static_cast<std::size_t>(i);
  const Session& side = s.side(i);
  const PanelContext ctx{side, st.ui[idx], prefs, fonts, st.charts[idx], st.side_queues[idx], layout};
  const ImGuiWindowFlags no_scroll = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

  ImU32 col = 0;
  const char* v = verdict(side.sim(), col);
  pill(fonts, v, col);
  ImGui::SameLine(0, 10);
  ImGui::AlignTextToFramePadding();
  if (fonts.bold) ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(stage_title(side.sim()).c_str());
  if (fonts.bold) ImGui::PopFont();

  const float avail = ImGui::GetContentRegionAvail().y;
  const float bar_h = ImGui::GetFontSize() * 2 + ImGui::GetStyle().WindowPadding.y * 2 + 12;
  const float gap = ImGui::GetStyle().ItemSpacing.y;
  const float cluster_h = std::max(120.0f, (avail - bar_h) * 0.42f);
  const float chart_h = std::max(80.0f, avail - bar_h - cluster_h - 2 * gap);

  if (ImGui::BeginChild("##cluster", ImVec2(0, cluster_h), true, no_scroll)) draw_cluster_view(ctx, st.clusters[idx]);
  ImGui::EndChild();
  if (ImGui::BeginChild("##chart", ImVec2(0, chart_h), true, no_scroll)) {
    draw_sequence_chart(ctx, st.chart_states[idx]);
    mark_difference(s, st.chart_states[idx], fonts, layout);
  }
  ImGui::EndChild();
  if (ImGui::BeginChild("##bar", ImVec2(0, 0), true, no_scroll)) draw_invariant_bar(ctx);
  ImGui::EndChild();
}

}  // namespace

void draw_compare_open(const PanelContext& ctx, CompareOpenState& state) {
  ImGui::Separator();
  ImGui::TextColored(theme::vec(theme::kTextDim), "Compare this run's script on two stages side by side:");
  if (ImGui::Button("Compare...")) {
    state.stage_b = ctx.session.stage().number;
    state.stage_a = std::max(0, state.stage_b - 1);
    if (state.stage_a == state.stage_b) state.stage_b = state.stage_a + 1;
    ImGui::OpenPopup("##compare_open");
  }
  if (ImGui::BeginPopup("##compare_open")) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("left stage", &state.stage_a, 0, 4);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("right stage", &state.stage_b, 0, 4);
    if (ImGui::Button("Open in compare mode")) {
      state.requested = std::make_pair(state.stage_a, state.stage_b);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

RequestId next_request(const CompareSession& session) {
  int next = 0;
  for (int i = 0; i < 2; ++i)
    for (const auto& cs : session.comparison().side(i).clients())
      for (RequestId m : cs.sent) next = std::max(next, m.value);
  return RequestId{next + 1};
}

void update_compare(CompareSession& session, CompareViewState& st, float dt_seconds) {
  const auto shared = std::move(st.out);
  st.out.clear();
  for (const auto& c : shared) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, ccmd::Step>) session.step();
          else if constexpr (std::is_same_v<T, ccmd::StepBack>) session.step_back();
          else if constexpr (std::is_same_v<T, ccmd::Reset>) session.reset();
          else if constexpr (std::is_same_v<T, ccmd::TogglePlay>) session.set_playing(!session.playing());
          else if constexpr (std::is_same_v<T, ccmd::Apply>) session.apply(x.action, x.source);
          else if constexpr (std::is_same_v<T, ccmd::Close>) st.close_requested = true;
        },
        c);
  }
  for (int i = 0; i < 2; ++i)
    for (const auto& c : st.side_queues[static_cast<std::size_t>(i)].take()) apply_side_command(session, st, i, c);
  session.advance(dt_seconds);
  const CompareApply& last = session.last_apply();
  for (int i = 0; i < 2; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    st.charts[idx].update(session.side(i).record(), session.generation(i));
    std::string& status = st.ui[idx].status;
    if (!last.error[idx].empty()) status = "Not applicable: " + last.error[idx];
    else if (!session.last_action().empty())
      status = session.last_action() + (last.note[idx].empty() ? std::string{} : " - " + last.note[idx]);
    else status.clear();
  }
}

void draw_compare_view(const CompareSession& s, CompareViewState& st, const Preferences& prefs, const Fonts& fonts,
                       LayoutRecord& layout, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  if (ImGui::Begin("Compare", nullptr, fixed)) {
    draw_shared_controls(s, st);
    draw_fault_bar(s, st);
    draw_summary(s);
    ImGui::Separator();
    const float gap = 8.0f;
    const float w = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
    for (int i = 0; i < 2; ++i) {
      if (i == 1) ImGui::SameLine(0, gap);
      ImGui::PushID(i);
      if (ImGui::BeginChild("##side", ImVec2(w, 0), false, ImGuiWindowFlags_NoScrollbar)) draw_side(s, st, i, prefs, fonts, layout);
      ImGui::EndChild();
      ImGui::PopID();
    }
  }
  ImGui::End();
}

}  // namespace paxoslab::gui
