// Cluster view, part 4: the context menus on messages, servers, links and
// clients. Every item emits a Command (usually cmd::Apply with a core Action,
// so it is recorded on the timeline like any other step).
#include <algorithm>
#include <string>

#include "gui/panels/cluster_view.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

void message_menu(const PanelContext& ctx, ClusterViewState& st) {
  if (!ImGui::BeginPopup("##msg_menu")) return;
  const Simulation& sim = ctx.session.sim();
  const auto* f = sim.network().find(st.menu_message);
  if (f == nullptr) {
    ImGui::TextDisabled("%s is no longer in flight", to_string(st.menu_message).c_str());
    ImGui::EndPopup();
    return;
  }
  const MessageId id = st.menu_message;
  ImGui::TextDisabled("%s %s", to_string(id).c_str(), describe(f->envelope.payload).c_str());
  ImGui::Separator();
  if (ImGui::MenuItem("Deliver now")) {
    bool picked = false;
    if (ctx.session.manual())
      for (const auto& pe : sim.pending())
        if (pe.type == PendingEvent::Type::Delivery && pe.message == id) {
          ctx.out.push(cmd::Pick{pe});
          picked = true;
        }
    if (!picked) ctx.out.push(cmd::Apply{DeliverNowAction{id, {}}});
  }
  if (ImGui::IsItemHovered()) item_tooltip("Deliver this message right away, ahead of its arrival time.");
  if (ImGui::MenuItem("Lose")) ctx.out.push(cmd::Apply{LoseAction{id, {}}});
  if (ImGui::IsItemHovered()) item_tooltip("The network loses this message: it is never delivered.");
  if (ImGui::MenuItem("Duplicate")) ctx.out.push(cmd::Apply{DuplicateAction{id, {}}});
  if (ImGui::IsItemHovered()) item_tooltip("The network delivers a second copy of this message as well.");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::SliderInt("##delay", &st.delay_ticks, 1, 200, "%d ticks");
  ImGui::SameLine();
  if (ImGui::MenuItem("Delay")) ctx.out.push(cmd::Apply{DelayAction{id, {}, st.delay_ticks}});
  if (ImGui::IsItemHovered()) item_tooltip("Hold this message back: it arrives this many ticks later.");
  ImGui::Separator();
  if (ImGui::MenuItem("Select")) ctx.out.push(cmd::SelectMessage{id});
  ImGui::EndPopup();
}

void server_menu(const PanelContext& ctx, ClusterViewState& st) {
  if (!ImGui::BeginPopup("##server_menu")) return;
  const Simulation& sim = ctx.session.sim();
  const ServerId s = st.menu_node.server();
  if (!s.valid() || s.value > sim.config().servers) {
    ImGui::EndPopup();
    return;
  }
  ImGui::TextDisabled("%s", to_string(s).c_str());
  ImGui::Separator();
  const bool crashed = sim.crashed(s);
  if (ImGui::MenuItem("Inspect")) ctx.out.push(cmd::Select{NodeId::of(s)});
  if (ImGui::MenuItem("Crash", nullptr, false, !crashed)) ctx.out.push(cmd::Apply{CrashAction{s}});
  if (ImGui::IsItemHovered()) item_tooltip("Crash-stop this server: it loses its volatile state and all messages to it are lost.");
  if (ImGui::MenuItem("Restart", nullptr, false, crashed)) ctx.out.push(cmd::Apply{RestartAction{s}});
  if (ImGui::IsItemHovered()) item_tooltip("Restart with only the state the stage keeps on disk.");
  const bool fd = ctx.session.stage().uses_failure_detector;
  const std::string sus = "Suspect its leader (" + to_string(sim.leader_of(s)) + ")";
  if (ImGui::MenuItem(sus.c_str(), nullptr, false, fd && !crashed && sim.leader_of(s) != s))
    ctx.out.push(cmd::Apply{SuspectAction{s, {}}});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(fd ? "A false suspicion: fire this server's failure detector now, as if its leader were silent. "
                      "It ends by itself when the leader's next heartbeat arrives."
                    : "This stage has no failure detector.");
  bool suspects_any = false;
  for (int p = 1; p <= sim.config().servers; ++p) suspects_any = suspects_any || sim.suspects(s, ServerId{p});
  if (ImGui::MenuItem("Trust every peer again", nullptr, false, fd && !crashed && suspects_any))
    ctx.out.push(cmd::Apply{TrustAction{s, {}}});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(fd ? "End this server's suspicions now (and any rule that kept them). A peer that is still silent is "
                      "suspected again after the failure-detection timeout."
                    : "This stage has no failure detector.");
  const LinkFaults& net = sim.links();
  bool alone = net.partitioned();
  if (alone)
    for (int o = 1; o <= sim.config().servers; ++o)
      if (o != s.value && net.group_of(ServerId{o}) == net.group_of(s)) alone = false;
  if (ImGui::MenuItem("Isolate", nullptr, false, !alone)) ctx.out.push(cmd::Apply{PartitionAction{{{s}}}});
  if (ImGui::IsItemHovered()) item_tooltip("Partition this server alone: it cannot reach the other servers (clients still reach it).");
  if (ImGui::MenuItem("Heal partition", nullptr, false, net.partitioned())) ctx.out.push(cmd::Apply{HealAction{}});
  ImGui::EndPopup();
}

void link_menu(const PanelContext& ctx, ClusterViewState& st) {
  if (!ImGui::BeginPopup("##link_menu")) return;
  const NodeId a = NodeId::of(st.menu_link_a);
  const NodeId b = NodeId::of(st.menu_link_b);
  const bool cut = ctx.session.sim().links().cut(a, b) || ctx.session.sim().links().cut(b, a);
  ImGui::TextDisabled("Link %s - %s", to_string(a).c_str(), to_string(b).c_str());
  ImGui::Separator();
  if (ImGui::MenuItem("Cut", nullptr, false, !cut)) ctx.out.push(cmd::Apply{CutLinkAction{a, b, false}});
  if (ImGui::IsItemHovered()) item_tooltip("Cut the link in both directions: messages on it are lost until mended.");
  if (ImGui::MenuItem("Mend", nullptr, false, cut)) ctx.out.push(cmd::Apply{MendLinkAction{a, b, false}});
  ImGui::EndPopup();
}

void client_menu(const PanelContext& ctx, ClusterViewState& st) {
  if (!ImGui::BeginPopup("##client_menu")) return;
  const ClientId c = st.menu_node.client();
  int next = 0;
  for (const auto& cs : ctx.session.sim().clients())
    for (RequestId m : cs.sent) next = std::max(next, m.value);
  const RequestId m{next + 1};
  ImGui::TextDisabled("%s", to_string(c).c_str());
  ImGui::Separator();
  const std::string item = "Send request " + to_string(m);
  if (ImGui::MenuItem(item.c_str())) ctx.out.push(cmd::Apply{ClientRequestAction{c, m}});
  if (ImGui::IsItemHovered()) item_tooltip("The client sends this request to every server.");
  if (ImGui::MenuItem("Inspect")) ctx.out.push(cmd::Select{st.menu_node});
  ImGui::EndPopup();
}

}  // namespace

void draw_cluster_menus(const PanelContext& ctx, ClusterViewState& state) {
  message_menu(ctx, state);
  server_menu(ctx, state);
  link_menu(ctx, state);
  client_menu(ctx, state);
}

}  // namespace paxoslab::gui
