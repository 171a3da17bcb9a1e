#include "gui/panels/cluster_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/sim/checker.hpp"
#include "gui/panels/backdrop.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

ImVec2 ClusterGeometry::pos(NodeId n) const {
  if (n.is_server() && n.index >= 1 && static_cast<std::size_t>(n.index) <= servers.size())
    return servers[static_cast<std::size_t>(n.index - 1)];
  if (n.is_client() && n.index >= 1 && static_cast<std::size_t>(n.index) <= clients.size())
    return clients[static_cast<std::size_t>(n.index - 1)];
  return origin;
}

bool ClusterGeometry::covers_node(ImVec2 mn, ImVec2 mx, float margin) const {
  const auto close_to = [&](ImVec2 c, float r) {
    const float dx = c.x - std::clamp(c.x, mn.x, mx.x);
    const float dy = c.y - std::clamp(c.y, mn.y, mx.y);
    return dx * dx + dy * dy < (r + margin) * (r + margin);
  };
  for (const ImVec2& c : servers)
    if (close_to(c, node_radius)) return true;
  // A client is a square of half side min(r, 20): its corners reach 1.42 of that.
  for (const ImVec2& c : clients)
    if (close_to(c, std::min(node_radius, 20.0f) * 1.42f)) return true;
  return false;
}

ClusterGeometry layout_cluster(ImVec2 origin, ImVec2 size, int servers, int clients) {
  ClusterGeometry g;
  g.origin = origin;
  g.size = size;
  const float client_col = std::clamp(size.x * 0.14f, 70.0f, 130.0f);
  const float cx = origin.x + client_col + (size.x - client_col) * 0.5f;
  // An ellipse that leaves room for the legend and a caption above the top
  // node (kTop), three caption lines under the bottom ones (kBottom) and half
  // a caption at the sides (kSide).
  constexpr float kTop = 48.0f;
  constexpr float kBottom = 62.0f;
  constexpr float kSide = 62.0f;
  const float cy = origin.y + kTop + (size.y - kTop - kBottom) * 0.5f;
  const float rx = std::max(40.0f, (size.x - client_col) * 0.5f - kSide);
  const float ry = std::max(30.0f, (size.y - kTop - kBottom) * 0.5f - 24.0f);
  const float per_node = servers > 1 ? 3.14159265f * (rx + ry) / static_cast<float>(servers) : rx;
  // Whole pixels: a caption at floor(c.y + r + 3) then clears the node's box (r + 2) below it.
  g.node_radius = std::round(std::clamp(std::min(per_node * 0.2f, ry * 0.45f), 16.0f, 30.0f));
  for (int i = 0; i < servers; ++i) {
    if (servers == 1) {
      g.servers.emplace_back(std::round(cx), std::round(cy));
      continue;
    }
    // S1 at the top, then clockwise (two servers: left and right of the centre).
    const float start = servers == 2 ? 3.14159265f : -1.5707963f;
    const float a = start + 6.2831853f * static_cast<float>(i) / static_cast<float>(servers);
    const float sx = servers == 2 ? std::min(rx, 260.0f) : rx;
    // Five or more: x pulled in by |cos|^1.4, so a node low on one side does
    // not sit right beside the captions of the node above it (S4 under S5).
    const float c = std::cos(a);
    const float ex = servers >= 5 ? std::copysign(std::pow(std::fabs(c), 1.4f), c) : c;
    g.servers.emplace_back(std::round(cx + sx * ex), std::round(cy + ry * std::sin(a)));
  }
  for (int c = 0; c < clients; ++c) {
    const float y = origin.y + size.y * (static_cast<float>(c) + 1.0f) / (static_cast<float>(clients) + 1.0f);
    g.clients.emplace_back(std::round(origin.x + client_col * 0.5f + 4.0f), std::round(y));
  }
  return g;
}

namespace {

std::string node_tooltip(const PanelContext& ctx, NodeId n) {
  const Simulation& sim = ctx.session.sim();
  std::string t;
  if (n.is_client()) {
    const ClientState& c = sim.clients()[static_cast<std::size_t>(n.index - 1)];
    t = to_string(n) + " (client)\nsent:";
    for (RequestId m : c.sent) t += " " + to_string(m);
    t += "\nreplies:";
    for (const auto& r : c.replies) t += "\n  " + to_string(r.request) + " from " + to_string(r.server) + ": " + format_state(sim.reply_state(r));
    if (c.replies.empty()) t += " none yet";
    t += "\n\nRight-click: send the next request.";
    return t;
  }
  const ServerId s = n.server();
  ServerView scratch;
  const ServerView& v = view_of(ctx.session, s, scratch);
  t = to_string(s) + " - " + (sim.crashed(s) ? std::string("crashed") : v.role);
  t += "\nsigma = " + format_state(sim.executed(s));
  if (ctx.session.stage().uses_failure_detector && !sim.crashed(s)) {
    t += "\nbelieves the leader is " + to_string(sim.leader_of(s));
    std::string sus;
    for (int p = 1; p <= sim.config().servers; ++p)
      if (sim.suspects(s, ServerId{p})) sus += " " + to_string(ServerId{p});
    if (!sus.empty()) t += "\nsuspects" + sus;
  }
  for (const auto& [k, val] : v.fields) t += "\n" + k + ": " + val;
  for (const TimerGlance& tg : node_timers(sim, n, ctx.session.display_time())) t += "\ntimer: " + tg.label;
  t += "\n\nClick: inspect.  Right-click: crash, restart, suspect, isolate.";
  return t;
}

std::string message_tooltip(const PanelContext& ctx, MessageId id) {
  const auto* f = ctx.session.sim().network().find(id);
  if (f == nullptr) return {};
  const Envelope& e = f->envelope;
  char buf[160];
  std::snprintf(buf, sizeof buf, "\n%s -> %s, sent t=%lld, due t=%lld", to_string(e.from).c_str(),
                to_string(e.to).c_str(), static_cast<long long>(e.sent_tick), static_cast<long long>(e.arrival_tick));
  std::string t = to_string(id) + " " + describe(e.payload) + buf;
  if (e.duplicate_of.valid()) t += "\n(a duplicate of " + to_string(e.duplicate_of) + ")";
  t += ctx.session.manual() ? "\n\nClick: deliver it now (manual pick).  Right-click: lose, duplicate, delay."
                            : "\n\nClick: select.  Right-click: deliver now, lose, duplicate, delay.";
  return t;
}

/// The nodes' circles and squares, which message chips must not cover.
void add_node_obstacles(LayoutRecord& rec, const ClusterGeometry& g) {
  const std::string panel(current_panel());
  for (std::size_t i = 0; i < g.servers.size(); ++i) {
    const ImVec2 c = g.servers[i];
    const float r = g.node_radius + 2.0f;
    rec.add_obstacle(panel, "S" + std::to_string(i + 1), Box{ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r)});
  }
  const float cr = std::min(g.node_radius, 20.0f) + 2.0f;
  for (std::size_t i = 0; i < g.clients.size(); ++i) {
    const ImVec2 c = g.clients[i];
    rec.add_obstacle(panel, "C" + std::to_string(i + 1), Box{ImVec2(c.x - cr, c.y - cr), ImVec2(c.x + cr, c.y + cr)});
  }
}

/// The run's time, step and messages in flight at the top right (and the
/// manual-mode hint under them): drawn before the nodes, so captions and
/// chips keep clear of them. Returns the status line's text size.
ImVec2 draw_status(const PanelContext& ctx, ImDrawList* dl, ImVec2 origin, ImVec2 size) {
  const Session& s = ctx.session;
  char buf[160];
  std::snprintf(buf, sizeof buf, "t = %.1f   step %zu / %zu   %zu in flight", s.display_time(), s.cursor(),
                s.length(), s.sim().network().in_flight().size());
  ImFont* f = ctx.fonts.small;
  const float fs = f ? f->FontSize : ImGui::GetFontSize();
  const ImVec2 ts = (f ? f : ImGui::GetFont())->CalcTextSizeA(fs, 1e9f, 0, buf);
  draw_label(ctx.layout, dl, f, fs, ImVec2(origin.x + size.x - ts.x - 8, origin.y + 6), theme::kTextDim, buf);
  if (s.manual()) {
    const char* m = "MANUAL: click a message to deliver it";
    const ImVec2 ms = (f ? f : ImGui::GetFont())->CalcTextSizeA(fs, 1e9f, 0, m);
    draw_label_box(ctx.layout, dl, f, fs, ImVec2(origin.x + size.x - ms.x * 0.5f - 12, origin.y + 14 + ts.y + ms.y * 0.5f), m,
                   IM_COL32(20, 20, 20, 255), theme::kCandidate);
  }
  return ts;
}

/// The legend of the message kinds this run has used: top left beside the
/// status line (`status` its text size), or bottom right if the top is too
/// narrow; nowhere if captions are there (no overlap).
void draw_legend(const PanelContext& ctx, ImDrawList* dl, ImVec2 origin, ImVec2 size, ImVec2 status) {
  ImFont* f = ctx.fonts.small;
  const float fs = f ? f->FontSize : ImGui::GetFontSize();
  const ImVec2 ts = status;
  ImFont* lf = f ? f : ImGui::GetFont();
  float legend_w = 0;
  for (int k = 0; k < kMsgKindCount; ++k)
    if ((ctx.chart.kinds_seen() >> k) & 1u) legend_w += lf->CalcTextSizeA(fs, 1e9f, 0, to_string(static_cast<MsgKind>(k))).x + 20;
  const std::string panel(current_panel());
  const bool top_fits = legend_w + ts.x + 30 < size.x;
  const Box top_box{ImVec2(origin.x + 8, origin.y + 6), ImVec2(origin.x + 8 + legend_w, origin.y + 6 + fs)};
  const Box bottom_box{ImVec2(origin.x + size.x - legend_w - 8, origin.y + size.y - fs - 6),
                       ImVec2(origin.x + size.x - 8, origin.y + size.y - 6)};
  const bool top = top_fits && ctx.layout.is_free(panel, top_box);
  if (!top && !ctx.layout.is_free(panel, bottom_box)) return;
  float x = top ? origin.x + 8 : origin.x + size.x - legend_w - 8;
  const float y = top ? origin.y + 6 : origin.y + size.y - fs - 6;
  for (int k = 0; k < kMsgKindCount; ++k) {
    if (((ctx.chart.kinds_seen() >> k) & 1u) == 0) continue;
    const auto kind = static_cast<MsgKind>(k);
    const char* name = to_string(kind);
    dl->AddCircleFilled(ImVec2(x + 5, y + fs * 0.5f + 1), 4.5f, theme::message_color(kind));
    draw_label(ctx.layout, dl, f, fs, ImVec2(x + 12, y), theme::kTextDim, name);
    x += lf->CalcTextSizeA(fs, 1e9f, 0, name).x + 20;
  }
}

/// What the canvas drew under the mouse: a node (or a timer's tip) and a link.
struct CanvasHits {
  NodeId node;
  std::string timer_tip;
  ServerId link_a;
  ServerId link_b;
};

/// Draws the cluster on the canvas at `origin` (`size` px): links and message
/// dots under the nodes, then captions, timers, the legend and message chips.
CanvasHits draw_canvas(const PanelContext& ctx, ClusterViewState& state, ImVec2 origin, ImVec2 size, ImVec2 mouse,
                       bool hovered) {
  const ClusterGeometry& g = state.geometry;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  fill_backdrop(dl, origin, ImVec2(origin.x + size.x, origin.y + size.y), theme::kBackground);
  CanvasHits hits;
  // Two layers: links and message dots under the nodes, captions, legend and chips.
  ImDrawListSplitter split;
  split.Split(dl, 2);
  split.SetCurrentChannel(dl, 0);
  draw_cluster_links(ctx, g, dl, mouse, hovered, hits.link_a, hits.link_b);
  split.SetCurrentChannel(dl, 1);
  const double now_seconds = ImGui::GetTime();
  remember_node_lines(ctx, state.node_lines, now_seconds);
  add_node_obstacles(ctx.layout, g);  // first: captions keep clear of every node
  const ImVec2 status = draw_status(ctx, dl, origin, size);  // and of the status line
  hits.node = draw_cluster_nodes(ctx, g, dl, mouse, state.node_lines, now_seconds);
  hits.timer_tip = draw_cluster_timers(ctx, g, dl, mouse);
  draw_legend(ctx, dl, origin, size, status);
  draw_cluster_messages(ctx, g, dl, split, state.markers);  // last: chips go where no label is
  split.Merge(dl);
  dl->PopClipRect();
  return hits;
}

/// The message marker under the mouse (the topmost first); invalid if none.
MessageId marker_under(const ClusterViewState& state, ImVec2 mouse) {
  for (auto it = state.markers.rbegin(); it != state.markers.rend(); ++it)
    if (mouse.x >= it->min.x && mouse.x <= it->max.x && mouse.y >= it->min.y && mouse.y <= it->max.y) return it->id;
  return {};
}

/// The mouse on message `msg`: its tooltip; a click picks its delivery (manual
/// mode) or selects it; a right-click opens its menu.
void on_message(const PanelContext& ctx, ClusterViewState& state, MessageId msg) {
  item_tooltip(message_tooltip(ctx, msg).c_str());
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (ctx.session.manual()) {
      for (const auto& pe : ctx.session.sim().pending())
        if (pe.type == PendingEvent::Type::Delivery && pe.message == msg) ctx.out.push(cmd::Pick{pe});
    } else {
      ctx.out.push(cmd::SelectMessage{msg});
    }
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    state.menu_message = msg;
    ImGui::OpenPopup("##msg_menu");
  }
}

/// The mouse on `node`: a click selects it (the Inspector), a right-click
/// opens its menu.
void on_node(const PanelContext& ctx, ClusterViewState& state, NodeId node) {
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ctx.out.push(cmd::Select{node});
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    state.menu_node = node;
    ImGui::OpenPopup(node.is_server() ? "##server_menu" : "##client_menu");
  }
}

/// The mouse on the link a - b: its tooltip; a click opens the cut/mend menu.
void on_link(const PanelContext& ctx, ClusterViewState& state, ServerId a, ServerId b) {
  const bool cut = ctx.session.sim().links().cut(NodeId::of(a), NodeId::of(b));
  const std::string tip = "Link " + to_string(a) + " - " + to_string(b) + (cut ? " (cut)" : "") +
                          "\nClick or right-click: " + (cut ? "mend it." : "cut it.");
  item_tooltip(tip.c_str());
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    state.menu_link_a = a;
    state.menu_link_b = b;
    ImGui::OpenPopup("##link_menu");
  }
}

}  // namespace

void draw_cluster_view(const PanelContext& ctx, ClusterViewState& state) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 200.0f);
  size.y = std::max(size.y, 150.0f);
  const Simulation& sim = ctx.session.sim();
  state.geometry = layout_cluster(origin, size, sim.config().servers, sim.config().clients);
  ImGui::InvisibleButton("##cluster_canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const CanvasHits hits = draw_canvas(ctx, state, origin, size, mouse, hovered);
  // What is under the mouse: a marker, else a node or timer, else a link.
  if (hovered) {
    if (const MessageId msg = marker_under(state, mouse); msg.valid()) {
      on_message(ctx, state, msg);
    } else if (!hits.timer_tip.empty() || hits.node.valid()) {
      item_tooltip(hits.timer_tip.empty() ? node_tooltip(ctx, hits.node).c_str() : hits.timer_tip.c_str());
      if (hits.node.valid()) on_node(ctx, state, hits.node);
    } else if (hits.link_a.valid()) {
      on_link(ctx, state, hits.link_a, hits.link_b);
    }
  }
  draw_cluster_menus(ctx, state);
}

}  // namespace paxoslab::gui
