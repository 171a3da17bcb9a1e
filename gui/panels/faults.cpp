#include "gui/panels/faults.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

NodeId node_of(int index, int servers) {
  if (index <= 0) return {};
  if (index <= servers) return NodeId::of(ServerId{index});
  return NodeId::of(ClientId{index - servers});
}

bool node_combo(const char* id, int& index, int servers, int clients) {
  const NodeId cur = node_of(index, servers);
  const std::string preview = cur.valid() ? to_string(cur) : std::string("any");
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (int i = 0; i <= servers + clients; ++i) {
      const NodeId n = node_of(i, servers);
      if (ImGui::Selectable(n.valid() ? to_string(n).c_str() : "any", i == index)) {
        index = i;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void servers_section(const PanelContext& ctx) {
  const Simulation& sim = ctx.session.sim();
  const LinkFaults& net = sim.links();
  section_title("Servers");
  for (int i = 1; i <= sim.config().servers; ++i) {
    const ServerId s{i};
    ImGui::PushID(i);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(to_string(s).c_str());
    ImGui::SameLine(ImGui::GetFontSize() * 2.5f);
    bool crashed = sim.crashed(s);
    if (ImGui::Checkbox("crashed", &crashed)) ctx.out.push(cmd::Apply{crashed ? Action{CrashAction{s}} : Action{RestartAction{s}}});
    if (ImGui::IsItemHovered()) item_tooltip("Crash-stop this server / restart it with its durable state.");
    ImGui::SameLine();
    bool alone = net.partitioned();
    if (alone)
      for (int o = 1; o <= sim.config().servers; ++o)
        if (o != i && net.group_of(ServerId{o}) == net.group_of(s)) alone = false;
    bool isolated = alone;
    if (ImGui::Checkbox("isolated", &isolated))
      ctx.out.push(cmd::Apply{isolated ? Action{PartitionAction{{{s}}}} : Action{HealAction{}}});
    if (ImGui::IsItemHovered()) item_tooltip("Partition this server alone (unticking heals every partition).");
    if (ctx.session.stage().uses_failure_detector) {
      same_line_if_fits(ImGui::CalcTextSize("suspect").x + ImGui::GetStyle().FramePadding.x * 2);
      ImGui::BeginDisabled(crashed || sim.leader_of(s) == s);
      if (ImGui::SmallButton("suspect")) ctx.out.push(cmd::Apply{SuspectAction{s, {}}});
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        item_tooltip(crashed ? "Greyed: a crashed server suspects nobody (restart it first)."
                     : sim.leader_of(s) == s
                         ? "Greyed: this server believes it is the leader itself, so it has no leader to suspect."
                         : "Suspect the leader - a false suspicion: this server's failure detector fires now against its current leader. It ends by itself when the leader's next heartbeat arrives.");
      same_line_if_fits(ImGui::CalcTextSize("keep").x + ImGui::GetStyle().FramePadding.x * 2);
      const ServerId leader = sim.leader_of(s);
      ImGui::BeginDisabled(crashed || leader == s || sim.keeps_suspecting(s, leader));
      if (ImGui::SmallButton("keep")) ctx.out.push(cmd::Apply{SuspectAction{s, {}, true}});
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        item_tooltip("Suspect the leader and keep suspecting it: a standing rule that no heartbeat or message ends, "
                     "until 'trust'.");
      bool suspects_any = false;
      for (int p = 1; p <= sim.config().servers; ++p) suspects_any = suspects_any || sim.suspects(s, ServerId{p});
      same_line_if_fits(ImGui::CalcTextSize("trust").x + ImGui::GetStyle().FramePadding.x * 2);
      ImGui::BeginDisabled(crashed || !suspects_any);
      if (ImGui::SmallButton("trust")) ctx.out.push(cmd::Apply{TrustAction{s, {}}});
      ImGui::EndDisabled();
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        item_tooltip("Trust every peer again: end this server's suspicions now. A peer that is still silent is "
                     "suspected again after the failure-detection timeout.");
    }
    ImGui::PopID();
  }
}

void links_section(const PanelContext& ctx) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  if (n < 2) return;
  section_title("Links (click to cut / mend)");
  if (!ImGui::BeginTable("##links", n + 1, ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  for (int b = 1; b <= n; ++b) {
    ImGui::TableNextColumn();
    ImGui::TextDisabled(" %s", to_string(ServerId{b}).c_str());
  }
  for (int a = 1; a <= n; ++a) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", to_string(ServerId{a}).c_str());
    for (int b = 1; b <= n; ++b) {
      ImGui::TableNextColumn();
      if (a == b) continue;
      const NodeId na = NodeId::of(ServerId{a});
      const NodeId nb = NodeId::of(ServerId{b});
      const bool cut = sim.links().cut(na, nb);
      const bool split = !cut && !sim.links().connected(na, nb);  // up, but across the partition
      ImGui::PushID(a * 16 + b);
      ImGui::PushStyleColor(ImGuiCol_Button, cut || split ? theme::vec(theme::kViolation) : ImVec4(0.18f, 0.36f, 0.24f, 1));
      if (ImGui::SmallButton(cut || split ? " cut " : " up  "))
        ctx.out.push(cut ? cmd::Apply{MendLinkAction{na, nb, true}} : cmd::Apply{CutLinkAction{na, nb, true}});
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        const std::string link = "Link " + to_string(na) + " -> " + to_string(nb);
        const std::string tip = cut     ? link + " is cut: click to mend it."
                                : split ? link + " is cut by the partition in force (Heal below mends it); a click "
                                                 "also cuts the link itself."
                                        : link + " is up: click to cut it (this direction only).";
        item_tooltip(tip.c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void partition_section(const PanelContext& ctx, FaultsState& st) {
  const Simulation& sim = ctx.session.sim();
  const LinkFaults& net = sim.links();
  const int n = sim.config().servers;
  if (n < 2) return;
  section_title("Partition editor");
  if (net.partitioned()) {
    std::string in_force = "In force:";
    for (int g = 0; g <= n; ++g) {
      std::string members;
      for (int i = 1; i <= n; ++i)
        if (net.group_of(ServerId{i}) == g) members += (members.empty() ? "" : " ") + to_string(ServerId{i});
      if (!members.empty()) in_force += " {" + members + "}";
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(theme::vec(theme::kCandidate), "%s", in_force.c_str());
    ImGui::PopTextWrapPos();
  } else {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("In force: none (every server reaches every other).");
    ImGui::PopTextWrapPos();
  }
  for (int i = 1; i <= n; ++i) {
    ImGui::PushID(100 + i);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(to_string(ServerId{i}).c_str());
    for (int g = 0; g < 3; ++g) {
      ImGui::SameLine(ImGui::GetFontSize() * (2.5f + 2.8f * static_cast<float>(g)));
      const char* names[] = {"A", "B", "C"};
      ImGui::RadioButton(names[g], &st.groups[static_cast<std::size_t>(i - 1)], g);
    }
    if (net.partitioned()) {
      char now[32];
      std::snprintf(now, sizeof now, "now %c", static_cast<char>('A' + std::min(net.group_of(ServerId{i}), 25)));
      same_line_if_fits(ImGui::CalcTextSize(now).x);
      ImGui::TextDisabled("%s", now);
    }
    ImGui::PopID();
  }
  if (ImGui::Button("Apply partition")) {
    PartitionAction p;
    for (int g = 0; g < 3; ++g) {
      std::vector<ServerId> members;
      for (int i = 1; i <= n; ++i)
        if (st.groups[static_cast<std::size_t>(i - 1)] == g) members.push_back(ServerId{i});
      if (!members.empty()) p.groups.push_back(members);
    }
    if (p.groups.size() > 1) ctx.out.push(cmd::Apply{p});
  }
  if (ImGui::IsItemHovered()) item_tooltip("Servers in different groups cannot talk to each other; clients still reach everyone.");
  same_line_if_fits(ImGui::CalcTextSize("Heal").x + ImGui::GetStyle().FramePadding.x * 2);
  ImGui::BeginDisabled(!net.partitioned());
  if (ImGui::Button("Heal")) ctx.out.push(cmd::Apply{HealAction{}});
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(net.partitioned() ? "End the partition: every server reaches every other again."
                                   : "Nothing to heal: no partition is in force.");
}

void loss_and_rules(const PanelContext& ctx, FaultsState& st) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  section_title("Message loss");
  if (!st.loss_synced || !ImGui::IsAnyItemActive()) {
    st.loss = static_cast<float>(sim.links().rules(NodeId::of(ServerId{1}), NodeId::of(ServerId{n > 1 ? 2 : 1})).loss_probability);
    st.loss_synced = true;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  ImGui::SliderFloat("loss on every link", &st.loss, 0.0f, 1.0f, "%.2f");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    LinkRules r = sim.config().link;
    r.loss_probability = st.loss;
    ctx.out.push(cmd::Apply{SetLinkAction{{}, {}, r}});
  }
  if (ImGui::IsItemHovered()) item_tooltip("The chance that any message sent from now on is lost (stays until changed).");

  section_title("Standing rules");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Lose every");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::Combo("##kind", &st.rule_kind, "Request\0Reply\0Accept\0Learn\0Prepare\0Promise\0Commit\0Heartbeat\0");
  // The row wraps where the panel is narrow, so "Add" is always on screen.
  const float combo_w = ImGui::GetFontSize() * 4.5f;
  same_line_if_fits(ImGui::CalcTextSize("from").x + ImGui::GetStyle().ItemSpacing.x + combo_w);
  ImGui::TextUnformatted("from");
  ImGui::SameLine();
  node_combo("##from", st.rule_from, n, sim.config().clients);
  same_line_if_fits(ImGui::CalcTextSize("to").x + ImGui::GetStyle().ItemSpacing.x + combo_w);
  ImGui::TextUnformatted("to");
  ImGui::SameLine();
  node_combo("##to", st.rule_to, n, sim.config().clients);
  same_line_if_fits(ImGui::CalcTextSize("Add").x + ImGui::GetStyle().FramePadding.x * 2);
  if (ImGui::Button("Add")) {
    FilterAction f;
    f.pattern.kind = static_cast<MsgKind>(st.rule_kind);
    f.pattern.from = node_of(st.rule_from, n);
    f.pattern.to = node_of(st.rule_to, n);
    f.effect = FilterAction::Effect::Lose;
    f.count = -1;
    f.name = "lose every " + f.pattern.describe();
    ctx.out.push(cmd::Apply{f});
  }
  if (ImGui::IsItemHovered()) item_tooltip("A standing rule: every future message matching it is lost, until you remove it.");
  const auto& filters = sim.links().filters();
  if (filters.empty()) ImGui::TextDisabled("no rules in force");
  for (std::size_t i = 0; i < filters.size(); ++i) {
    ImGui::PushID(static_cast<int>(200 + i));
    if (ImGui::SmallButton("remove")) ctx.out.push(cmd::Apply{RemoveFilterAction{filters[i].name}});
    ImGui::SameLine();
    const std::string left = filters[i].count < 0 ? "always" : std::to_string(filters[i].count) + " left";
    ImGui::TextWrapped("%s (%s)", filters[i].name.empty() ? filters[i].pattern.describe().c_str() : filters[i].name.c_str(), left.c_str());
    ImGui::PopID();
  }
}

}  // namespace

void draw_faults(const PanelContext& ctx, FaultsState& state) {
  servers_section(ctx);
  links_section(ctx);
  partition_section(ctx, state);
  loss_and_rules(ctx, state);
}

}  // namespace paxoslab::gui
