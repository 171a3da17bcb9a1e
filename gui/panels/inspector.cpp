#include "gui/panels/inspector.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/sim/checker.hpp"
#include "gui/model/node_state.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

const ServerView* previous_view(const Session& s, ServerId id) {
  const auto& prev = s.previous_views();
  const auto i = static_cast<std::size_t>(id.value - 1);
  return i < prev.size() ? &prev[i] : nullptr;
}

/// Text, highlighted when `changed`.
void value_text(const std::string& text, bool changed) {
  if (changed) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 2, p.y), ImVec2(p.x + ts.x + 2, p.y + ts.y),
                                              IM_COL32(120, 90, 20, 150), 3.0f);
    ImGui::TextColored(theme::vec(theme::kChanged), "%s", text.c_str());
    if (ImGui::IsItemHovered()) item_tooltip("Changed by the last step.");
  } else {
    ImGui::TextWrapped("%s", text.c_str());  // long values ("Learn(m1, 1) from ...") wrap in narrow columns
  }
}

/// One button per node; a button that does not fit the row starts the next,
/// so every node stays reachable however many there are (7 servers and 3
/// clients at 1280x800 take two rows).
void node_picker(const PanelContext& ctx) {
  const Simulation& sim = ctx.session.sim();
  std::vector<NodeId> nodes;
  for (int s = 1; s <= sim.config().servers; ++s) nodes.push_back(NodeId::of(ServerId{s}));
  for (int c = 1; c <= sim.config().clients; ++c) nodes.push_back(NodeId::of(ClientId{c}));
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const NodeId n = nodes[i];
    const std::string label = to_string(n);
    if (i > 0) same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
    const bool sel = ctx.ui.selected == n;
    if (sel) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(label.c_str())) ctx.out.push(cmd::Select{n});
    if (sel) ImGui::PopStyleColor();
  }
}

void client_details(const PanelContext& ctx, ClientId c) {
  const Simulation& sim = ctx.session.sim();
  const ClientState& st = sim.clients()[static_cast<std::size_t>(c.value - 1)];
  ImGui::Text("%s (client)", to_string(c).c_str());
  std::string sent;
  for (RequestId m : st.sent) sent += to_string(m) + " ";
  ImGui::Text("sent: %s", sent.empty() ? "nothing yet" : sent.c_str());
  std::string open;
  for (RequestId m : st.unanswered) open += to_string(m) + " ";
  ImGui::Text("waiting for: %s", open.empty() ? "-" : open.c_str());
  section_title("replies");
  if (st.replies.empty()) ImGui::TextDisabled("none yet");
  for (const auto& r : st.replies)
    ImGui::Text("t=%lld  %s from %s: %s", static_cast<long long>(r.tick), to_string(r.request).c_str(),
                to_string(r.server).c_str(), format_state(sim.reply_state(r)).c_str());
}

/// The server's name and role, its failure detector's view (who it trusts as
/// leader, whom it suspects, who suspects it) and sigma.
void server_header(const PanelContext& ctx, ServerId s, const ServerView& v) {
  const Simulation& sim = ctx.session.sim();
  const bool crashed = sim.crashed(s);
  // The role as the cluster view words it ("follower of S2": in Stage 4 whose round it promised).
  const std::string role = node_state_lines(sim, s, v).front().text;
  ImGui::TextColored(theme::vec(crashed ? theme::kCrashed : theme::role_color(v.role.c_str())), "%s  %s",
                     to_string(s).c_str(), role.c_str());
  if (ctx.session.stage().uses_failure_detector) {
    ImGui::SameLine(0, 16);
    ImGui::Text("detector: %s", to_string(sim.leader_of(s)).c_str());
    if (ImGui::IsItemHovered())
      item_tooltip("The leader its failure detector names: the lowest-numbered server it does not suspect. "
                   "With rounds (Stage 4) a follower takes the accepts of the round it promised, whoever that is.");
    std::string sus;
    std::string by;
    for (int p = 1; p <= sim.config().servers; ++p) {
      if (sim.suspects(s, ServerId{p})) sus += to_string(ServerId{p}) + " ";
      if (sim.suspects(ServerId{p}, s)) by += to_string(ServerId{p}) + " ";
    }
    ImGui::Text("suspects: %s   suspected by: %s", sus.empty() ? "-" : sus.c_str(), by.empty() ? "-" : by.c_str());
  }
  ImGui::Text("sigma = %s", format_state(sim.executed(s)).c_str());
  if (ImGui::IsItemHovered()) item_tooltip("sigma: the requests this server executed, in order (durable).");
}

/// The stage's named fields (round, promises, queue...), a value changed by
/// the last step highlighted.
void field_table(const ServerView& v, const ServerView* prev) {
  // No lines between the rows: the names dim, the values bright, one row a
  // line; a 1 px line across the table is a long thin quad for a software
  // renderer to shade (docs/gui.md, "Speed").
  if (v.fields.empty() || !ImGui::BeginTable("##fields", 2, ImGuiTableFlags_SizingStretchProp)) return;
  // Fixed shares, not the first frame's content widths: a value column sized
  // by a short first value later broke long ones mid-word.
  ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch, 0.45f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.55f);
  for (const auto& [k, val] : v.fields) {
    bool changed = prev != nullptr;
    if (prev != nullptr)
      for (const auto& [pk, pv] : prev->fields)
        if (pk == k) changed = pv != val;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", k.c_str());
    ImGui::TableNextColumn();
    value_text(val, changed);
  }
  ImGui::EndTable();
}

/// Stage 4's slots: slot, vrnd, vval, decided, learns from; a new slot or a
/// changed value highlighted.
void slot_table(const ServerView& v, const ServerView* prev) {
  if (v.slots.empty()) return;
  ImGui::Spacing();
  // Rows apart by their striped backgrounds, columns by lines: a 1 px line
  // across the table under every row is a long thin quad for a software
  // renderer to shade (docs/gui.md, "Speed").
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersV | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##slots", 5, flags)) return;
  ImGui::TableSetupColumn("slot");
  ImGui::TableSetupColumn("vrnd");
  ImGui::TableSetupColumn("vval");
  ImGui::TableSetupColumn("decided");
  ImGui::TableSetupColumn("learns from");
  ImGui::TableHeadersRow();
  for (const auto& row : v.slots) {
    const ServerView::SlotRow* old = nullptr;
    if (prev != nullptr)
      for (const auto& r : prev->slots)
        if (r.slot == row.slot) old = &r;
    const bool fresh = prev != nullptr && old == nullptr;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    value_text(std::to_string(row.slot), fresh);
    ImGui::TableNextColumn();
    value_text(row.vrnd == 0 ? "-" : std::to_string(row.vrnd), fresh || (old && old->vrnd != row.vrnd));
    ImGui::TableNextColumn();
    value_text(row.vrnd == 0 ? "-" : to_string(row.vval), fresh || (old && old->vval != row.vval));
    ImGui::TableNextColumn();
    value_text(row.decided ? to_string(row.decided_value) : "-", fresh || (old && old->decided != row.decided));
    ImGui::TableNextColumn();
    value_text(row.learns.empty() ? "-" : row.learns, fresh || (old && old->learns != row.learns));
  }
  ImGui::EndTable();
}

/// What the server's handler has still to do: its state above changed at
/// once, its effects (sends, executes, timer changes) happen one per step.
void backlog_list(const HandlerBacklog& b) {
  if (b.effects.empty() && b.arms.empty()) return;
  section_title("still to do");
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(theme::kCandidate));
  ImGui::TextWrapped("Its handler already changed the state above; these effects follow, one per step:");
  ImGui::PopStyleColor();
  for (const std::string& e : b.effects) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", e.c_str());
  }
  for (const TimerInfo& t : b.arms) {
    ImGui::Bullet();
    ImGui::TextWrapped("arm %s due t=%lld: %s", to_string(t.id).c_str(), static_cast<long long>(t.due_tick),
                       t.purpose.c_str());
  }
}

/// The server's armed timers, each with its due tick and purpose; one that an
/// effect still to play cancels says so.
void timer_list(const Simulation& sim, ServerId s, const HandlerBacklog& b) {
  section_title("timers");
  bool any = false;
  for (const auto& t : sim.timers()) {
    if (t.owner != NodeId::of(s)) continue;
    any = true;
    // BulletText does not wrap; a bullet then wrapped text keeps a long purpose inside the panel.
    ImGui::Bullet();
    const bool cancelled = std::find(b.cancels.begin(), b.cancels.end(), t.id) != b.cancels.end();
    ImGui::TextWrapped("%s due t=%lld: %s%s", to_string(t.id).c_str(), static_cast<long long>(t.due_tick),
                       t.purpose.c_str(), cancelled ? " - cancelled by an effect still to play" : "");
  }
  if (!any) ImGui::TextDisabled("none armed");
}

void server_details(const PanelContext& ctx, ServerId s) {
  ServerView scratch;
  const ServerView& v = view_of(ctx.session, s, scratch);
  const ServerView* prev = previous_view(ctx.session, s);
  server_header(ctx, s, v);
  field_table(v, prev);
  slot_table(v, prev);
  const HandlerBacklog backlog = handler_backlog(ctx.session.sim(), s);
  backlog_list(backlog);
  timer_list(ctx.session.sim(), s, backlog);
}

}  // namespace

void draw_inspector(const PanelContext& ctx) {
  node_picker(ctx);
  ImGui::Separator();
  const NodeId n = ctx.ui.selected;
  const Simulation& sim = ctx.session.sim();
  if (n.is_server() && n.index >= 1 && n.index <= sim.config().servers) {
    server_details(ctx, n.server());
  } else if (n.is_client() && n.index >= 1 && n.index <= sim.config().clients) {
    client_details(ctx, n.client());
  } else {
    ImGui::TextDisabled("Click a server or client to inspect it.");
  }
}

}  // namespace paxoslab::gui
