#include "gui/panels/setup.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "gui/panels/widgets.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

namespace {

void scenario_section(const PanelContext& ctx, SetupState& st) {
  const Session& s = ctx.session;
  section_title("Scenario");
  if (s.source().scenario) {
    const Scenario& sc = *s.source().scenario;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(theme::vec(theme::kLeader), "%s", sc.name.c_str());
    ImGui::PopTextWrapPos();
    if (!sc.description.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", sc.description.c_str());
      ImGui::PopTextWrapPos();
    }
  } else {
    ImGui::TextDisabled("No scenario: a cluster set up by hand (no script).");
  }
  if (!st.catalog_loaded) {
    st.catalog = list_scenarios(ctx.ui.exe_dir);
    st.catalog_loaded = true;
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.5f);
  if (ImGui::BeginCombo("##catalog", "catalogue...", ImGuiComboFlags_HeightLarge)) {
    for (const auto& e : st.catalog)
      if (ImGui::Selectable(e.name.c_str())) ctx.out.push(cmd::OpenScenario{e.path});
    if (st.catalog.empty()) ImGui::TextDisabled("no scenarios/ folder found");
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) item_tooltip("Open a scenario of the catalogue (scenarios/).");
  ImGui::SameLine();
  if (ImGui::Button("Rescan")) st.catalog_loaded = false;
  if (ImGui::IsItemHovered()) item_tooltip("Look for scenario files again (next to the program, the install prefix, the source tree).");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.5f);
  const bool enter = ImGui::InputTextWithHint("##path", "path/to/scenario.toml", st.path.data(), st.path.size(),
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || enter) && st.path[0] != '\0') ctx.out.push(cmd::OpenScenario{std::string(st.path.data())});
  if (ImGui::IsItemHovered()) item_tooltip("Load a scenario file (TOML, docs/scenario-format.md).");
  if (!ctx.ui.open_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(theme::vec(IM_COL32(255, 120, 120, 255)), "%s", ctx.ui.open_error.c_str());
    ImGui::PopTextWrapPos();
  }
}

void int_knob(const char* label, std::int64_t& v, int lo, int hi, const char* tip) {
  int x = static_cast<int>(v);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::SliderInt(label, &x, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp)) v = x;
  if (ImGui::IsItemHovered()) item_tooltip(tip);
}

/// The stage to run, each with its description as a tooltip.
void stage_combo(SimConfig& c) {
  const auto stages = all_stages();
  const auto cur = std::find_if(stages.begin(), stages.end(), [&](const StageInfo& i) { return i.number == c.stage; });
  const std::string preview = cur != stages.end() ? "Stage " + std::to_string(cur->number) + ": " + cur->name : "?";
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ImGui::BeginCombo("stage", preview.c_str())) {
    for (const auto& i : stages) {
      const std::string name = "Stage " + std::to_string(i.number) + ": " + i.name;
      if (ImGui::Selectable(name.c_str(), i.number == c.stage)) c.stage = i.number;
      if (ImGui::IsItemHovered()) item_tooltip(i.description.c_str());
    }
    ImGui::EndCombo();
  }
}

/// Servers, clients, the seed and the links' delays and loss.
void cluster_knobs(SimConfig& c) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::SliderInt("servers", &c.servers, 1, 7, "%d", ImGuiSliderFlags_AlwaysClamp);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::SliderInt("clients", &c.clients, 1, 9, "%d", ImGuiSliderFlags_AlwaysClamp);
  int seed = static_cast<int>(c.seed);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::InputInt("seed", &seed) && seed >= 0) c.seed = static_cast<std::uint64_t>(seed);
  int_knob("delay min (ticks)", c.link.delay_ticks_min, 1, 200, "Smallest message delay on every link.");
  int_knob("delay max (ticks)", c.link.delay_ticks_max, 1, 400, "Largest message delay on every link.");
  float loss = static_cast<float>(c.link.loss_probability);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::SliderFloat("loss probability", &loss, 0.0f, 1.0f, "%.2f")) c.link.loss_probability = loss;
}

/// The protocol's knobs: retransmission, failure detection, quorum size,
/// learn mode, round numbering, client retries and pacing.
void protocol_knobs(SimConfig& c) {
  int_knob("retransmit_ticks", c.knobs.retransmit_ticks, 1, 400, "Stages 2-4: how often the leader resends an accept that is not yet acknowledged.");
  int_knob("fd_timeout_ticks", c.knobs.fd_timeout_ticks, 1, 600, "Stages 2-4: silence after which a server suspects a peer.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::SliderInt("quorum_size", &c.knobs.quorum_size, 0, c.servers, c.knobs.quorum_size == 0 ? "majority" : "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemHovered()) item_tooltip("Stage 4: learns needed to decide (0 = a majority). Below a majority, Fig. 12a-style breaks come back.");
  int learn = static_cast<int>(c.knobs.learn_mode);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::Combo("learn_mode", &learn, "learn to all\0learn to leader, then commit\0")) c.knobs.learn_mode = static_cast<LearnMode>(learn);
  int rounds = static_cast<int>(c.knobs.round_numbering);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::Combo("round_numbering", &rounds, "preassigned (i, i+n, ...)\0server id (always i)\0"))
    c.knobs.round_numbering = static_cast<RoundNumbering>(rounds);
  int_knob("client_retry_ticks", c.knobs.client_retry_ticks, 0, 600, "Clients resend unanswered requests this often (0 = never).");
  int mode = static_cast<int>(c.knobs.client_mode);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (ImGui::Combo("client_mode", &mode, "closed loop\0open loop\0")) c.knobs.client_mode = static_cast<ClientMode>(mode);
  if (ImGui::IsItemHovered())
    item_tooltip("Closed loop (default): a client sends its next request only after a reply to the previous one; "
                 "requests asked for meanwhile wait in its queue. Open loop: every request goes out at once, so one "
                 "client's requests may execute out of order (a client-order violation).");
}

/// What is wrong with the set-up, if anything; then Restart (with the
/// scenario's script) and Start an empty cluster.
void start_buttons(const PanelContext& ctx, const SimConfig& c) {
  const std::string problem = validate(c);
  if (!problem.empty()) ImGui::TextColored(theme::vec(IM_COL32(255, 120, 120, 255)), "%s", problem.c_str());
  ImGui::BeginDisabled(!problem.empty());
  const bool has_script = ctx.session.source().scenario.has_value();
  if (has_script) {
    if (ImGui::Button("Restart the scenario with these settings")) ctx.out.push(cmd::NewSetup{c, true});
    if (ImGui::IsItemHovered()) item_tooltip("Same script of requests and faults, replayed on this set-up (e.g. another stage).");
    same_line_if_fits(ImGui::CalcTextSize("Start an empty cluster").x + ImGui::GetStyle().FramePadding.x * 2);
  }
  if (ImGui::Button("Start an empty cluster")) ctx.out.push(cmd::NewSetup{c, false});
  if (ImGui::IsItemHovered()) item_tooltip("No script: send requests by right-clicking a client, add faults yourself.");
  ImGui::EndDisabled();
}

void config_section(const PanelContext& ctx, SetupState& st) {
  SimConfig& c = st.edit;
  section_title("Cluster and knobs");
  stage_combo(c);
  cluster_knobs(c);
  protocol_knobs(c);
  c.knobs.quorum_size = std::min(c.knobs.quorum_size, c.servers);
  start_buttons(ctx, c);
}

}  // namespace

void draw_setup(const PanelContext& ctx, SetupState& state) {
  if (state.synced_generation != ctx.session.generation()) {
    state.edit = ctx.session.source().config;
    state.synced_generation = ctx.session.generation();
  }
  scenario_section(ctx, state);
  config_section(ctx, state);
}

}  // namespace paxoslab::gui
