// Cluster view, part 2: server and client nodes (role, crash, suspicions,
// leader belief, sigma, witnesses of a violation, selection).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/sim/checker.hpp"
#include "gui/model/node_state.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/fade.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

/// sigma, shortened to its last 6 entries: "<... m7 m8>".
std::string short_state(const std::vector<RequestId>& state) {
  if (state.size() <= 6) return format_state(state);
  std::vector<RequestId> tail(state.end() - 5, state.end());
  std::string s = format_state(tail);
  s.insert(1, "... ");
  return s;
}

bool is_witness(const Simulation& sim, NodeId n, std::string* state) {
  for (const auto& v : sim.checker().violations())
    for (const auto& w : v.witnesses)
      if (w.who == n) {
        if (state != nullptr) *state = format_state(w.state);
        return true;
      }
  return false;
}

/// A caption centred on c.x with its top at c.y, through the layout record.
void text_centered(LayoutRecord& rec, ImDrawList* dl, ImFont* font, ImVec2 c, ImU32 col, const std::string& text) {
  if (font == nullptr) font = ImGui::GetFont();
  draw_label_centered(rec, dl, font, font->FontSize, c, col, text);
}

/// How strongly a line changed `age_seconds` ago glows: 1 at once, 0 after kChangeFadeSeconds.
float change_glow(double age_seconds) {
  if (age_seconds < 0 || age_seconds >= kChangeFadeSeconds) return 0.0f;
  return static_cast<float>(1.0 - age_seconds / kChangeFadeSeconds);
}

/// A state line centred under the node, on an amber box that fades with `glow`.
void state_line(LayoutRecord& rec, ImDrawList* dl, ImFont* font, ImVec2 c, ImU32 col, const std::string& text, float glow) {
  if (glow > 0.0f) {
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text.c_str());
    const ImVec2 mn(std::floor(c.x - ts.x * 0.5f) - 3, std::floor(c.y));
    dl->AddRectFilled(mn, ImVec2(mn.x + ts.x + 6, mn.y + ts.y), theme::fade(IM_COL32(150, 110, 20, 255), 0.8f * glow), 3.0f);
  }
  text_centered(rec, dl, font, c, glow > 0.5f ? theme::kChanged : col, text);
}

/// Each server's state lines other than its role (Stage 4's rounds, what it
/// waits for), under its captions at `extra_y[s - 1]`, each only where it
/// meets no label drawn so far and stays inside the view: where space is
/// short, the log view, the Inspector and the node's tooltip still say it.
void draw_extra_lines(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImFont* font,
                      const NodeLineMemory& memory, double now_seconds, const std::vector<float>& extra_y) {
  const float line = font->FontSize + 1.0f;
  const float bottom = g.origin.y + g.size.y;
  for (std::size_t idx = 0; idx < extra_y.size() && idx < memory.lines.size(); ++idx) {
    const ImVec2 c = g.servers[idx];
    float y = extra_y[idx];
    for (std::size_t k = 0; k < memory.lines[idx].size(); ++k) {
      const NodeLine& nl = memory.lines[idx][k];
      if (nl.kind == NodeLine::Kind::Role) continue;
      const ImVec2 ts = text_size(font, font->FontSize, nl.text);
      const Box box{ImVec2(std::floor(c.x - ts.x * 0.5f) - 3, y), ImVec2(std::floor(c.x + ts.x * 0.5f) + 3, y + ts.y)};
      if (box.max.y > bottom - 2 || box.min.x < g.origin.x + 2 || box.max.x > g.origin.x + g.size.x - 2 ||
          !ctx.layout.is_free(current_panel(), box, 1.0f))
        break;
      const ImU32 col = nl.kind == NodeLine::Kind::Waiting || nl.kind == NodeLine::Kind::NoOp ? theme::kTextDim : theme::kText;
      state_line(ctx.layout, dl, font, ImVec2(c.x, y), col, nl.text, change_glow(now_seconds - memory.changed_at[idx][k]));
      y += line;
    }
  }
}

/// A server's disc: the fill a 16-sided polygon without an anti-aliased
/// fringe (its edge lies under the ring), the ring 24 segments of whole-pixel
/// width: at radius 16-30 px both stray from the circle by under 0.6 px, and a
/// software renderer shades fewer long thin triangles (docs/gui.md, "Speed").
void node_disc(ImDrawList* dl, ImVec2 c, float r, ImU32 fill, ImU32 ring, float thickness) {
  const ImDrawListFlags flags = dl->Flags;
  dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  dl->AddCircleFilled(c, r, fill, 16);
  dl->Flags = flags;
  dl->AddCircle(c, r, ring, 24, thickness);
}

void witness_ring(ImDrawList* dl, ImVec2 c, float r) {
  const float t = static_cast<float>(ImGui::GetTime());
  const float pulse = 0.65f + 0.35f * std::sin(t * 4.0f);
  dl->AddCircle(c, r + 7, theme::fade(theme::kWitness, pulse), 24, 4.0f);
}

}  // namespace

void remember_node_lines(const PanelContext& ctx, NodeLineMemory& memory, double now_seconds) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  const bool same_run = memory.generation == ctx.session.generation() && memory.lines.size() == static_cast<std::size_t>(n);
  memory.lines.resize(static_cast<std::size_t>(n));
  memory.changed_at.resize(static_cast<std::size_t>(n));
  for (int i = 1; i <= n; ++i) {
    ServerView scratch;
    const ServerView& v = view_of(ctx.session, ServerId{i}, scratch);
    auto lines = node_state_lines(sim, ServerId{i}, v);
    auto& stamps = memory.changed_at[static_cast<std::size_t>(i - 1)];
    auto& old = memory.lines[static_cast<std::size_t>(i - 1)];
    const std::vector<bool> changed = changed_lines(old, lines);
    std::vector<double> next(lines.size(), -1e9);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      // Unchanged lines keep their stamp (a fade runs to its end); changed ones restart it.
      const auto it = std::find_if(old.begin(), old.end(), [&](const NodeLine& o) { return o.kind == lines[k].kind; });
      if (same_run && changed[k]) next[k] = now_seconds;
      else if (it != old.end()) next[k] = stamps[static_cast<std::size_t>(it - old.begin())];
    }
    old = std::move(lines);
    stamps = std::move(next);
  }
  memory.generation = ctx.session.generation();
}

NodeId draw_cluster_nodes(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse,
                          const NodeLineMemory& memory, double now_seconds) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  const float r = g.node_radius;
  ImFont* small = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();
  const float line = small->FontSize + 1.0f;
  NodeId hovered;
  const auto near = [&](ImVec2 c, float rad) {
    return (mouse.x - c.x) * (mouse.x - c.x) + (mouse.y - c.y) * (mouse.y - c.y) <= rad * rad;
  };

  std::vector<float> extra_y(static_cast<std::size_t>(n), 0.0f);  // where each node's extra lines go
  for (int i = 1; i <= n; ++i) {
    const ServerId s{i};
    const NodeId node = NodeId::of(s);
    const ImVec2 c = g.servers[static_cast<std::size_t>(i - 1)];
    const int fade_from = fade_mark(dl);  // a lesson page that does not name this server dims it
    const bool crashed = sim.crashed(s);
    ServerView scratch;
    const ServerView& v = view_of(ctx.session, s, scratch);
    const ImU32 ring = crashed ? theme::kCrashed : theme::role_color(v.role.c_str());
    if (near(c, r + 2)) hovered = node;
    std::string wstate;
    if (is_witness(sim, node, &wstate)) witness_ring(dl, c, r);
    if (ctx.ui.selected == node) dl->AddCircle(c, r + 4, theme::kSelection, 24, 2.0f);
    node_disc(dl, c, r, crashed ? IM_COL32(55, 57, 62, 255) : IM_COL32(38, 44, 56, 255), ring, hovered == node ? 5.0f : 3.0f);
    const float fs = bold->FontSize * 1.1f;
    const std::string name = to_string(s);
    const ImVec2 ts = bold->CalcTextSizeA(fs, 1e9f, 0, name.c_str());
    draw_label(ctx.layout, dl, bold, fs, ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)),
               crashed ? theme::kTextDim : theme::kText, name);
    if (crashed) {
      const float k = r * 0.8f;
      dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), IM_COL32(230, 80, 80, 220), 3.0f);
      dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), IM_COL32(230, 80, 80, 220), 3.0f);
    }
    // Under the node: its role and leader belief (a changed line glows for a
    // moment), sigma, suspicions, a witness's state. The other state lines
    // (rounds, what it waits for) come after every node's captions, where
    // they are free (draw_extra_lines).
    const bool fd = ctx.session.stage().uses_failure_detector;
    float y = c.y + r + 3;
    const auto idx = static_cast<std::size_t>(i - 1);
    if (idx < memory.lines.size()) {
      for (std::size_t k = 0; k < memory.lines[idx].size(); ++k) {
        const NodeLine& nl = memory.lines[idx][k];
        if (nl.kind != NodeLine::Kind::Role) continue;
        state_line(ctx.layout, dl, small, ImVec2(c.x, y), ring, nl.text, change_glow(now_seconds - memory.changed_at[idx][k]));
        y += line;
      }
    }
    text_centered(ctx.layout, dl, small, ImVec2(c.x, y), theme::kText, short_state(sim.executed(s)));
    y += line;
    if (fd && !crashed) {
      std::string sus;
      for (int p = 1; p <= n; ++p)
        if (sim.suspects(s, ServerId{p})) sus += (sus.empty() ? "suspects " : " ") + to_string(ServerId{p});
      if (!sus.empty()) {
        text_centered(ctx.layout, dl, small, ImVec2(c.x, y), theme::kCandidate, sus);
        y += line;
      }
    }
    std::string by;
    for (int o = 1; o <= n; ++o)
      if (o != i && !sim.crashed(ServerId{o}) && sim.suspects(ServerId{o}, s))
        by += (by.empty() ? "suspected by " : " ") + to_string(ServerId{o});
    if (!by.empty()) text_centered(ctx.layout, dl, small, ImVec2(c.x, c.y - r - line - 2), theme::kCandidate, by);
    if (!wstate.empty()) {
      const std::string w = "witness " + wstate;
      draw_label_box(ctx.layout, dl, small, small->FontSize, ImVec2(c.x, y + line * 0.5f + 1), w, IM_COL32(20, 20, 20, 255),
                     theme::kWitness);
      y += line + 2;
    }
    if (idx < extra_y.size()) extra_y[idx] = y;
    if (!in_focus(ctx, node)) fade_since(dl, fade_from);
  }

  draw_extra_lines(ctx, g, dl, small, memory, now_seconds, extra_y);

  for (std::size_t i = 0; i < g.clients.size(); ++i) {
    const ClientId cid{static_cast<int>(i + 1)};
    const NodeId node = NodeId::of(cid);
    const ImVec2 c = g.clients[i];
    const int fade_from = fade_mark(dl);
    const float cr = std::min(r, 20.0f);
    if (near(c, cr + 2)) hovered = node;
    std::string wstate;
    if (is_witness(sim, node, &wstate)) witness_ring(dl, c, cr);
    if (ctx.ui.selected == node) dl->AddRect(ImVec2(c.x - cr - 4, c.y - cr - 4), ImVec2(c.x + cr + 4, c.y + cr + 4), theme::kSelection, 6);
    dl->AddRectFilled(ImVec2(c.x - cr, c.y - cr), ImVec2(c.x + cr, c.y + cr), IM_COL32(34, 48, 44, 255), 6);
    dl->AddRect(ImVec2(c.x - cr, c.y - cr), ImVec2(c.x + cr, c.y + cr), theme::kClient, 6, 0, hovered == node ? 3.5f : 2.0f);
    const std::string name = to_string(cid);
    const ImVec2 ts = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, name.c_str());
    draw_label(ctx.layout, dl, bold, bold->FontSize, ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)),
               theme::kText, name);
    const ClientState& st = sim.clients()[i];
    if (!st.replies.empty()) {
      const std::string last = format_state(sim.reply_state(st.replies.back()));
      text_centered(ctx.layout, dl, small, ImVec2(c.x, c.y + cr + 3), wstate.empty() ? theme::kClient : theme::kWitness, last);
    } else if (!st.unanswered.empty()) {
      text_centered(ctx.layout, dl, small, ImVec2(c.x, c.y + cr + 3), theme::kTextDim, "waiting");
    }
    if (!in_focus(ctx, node)) fade_since(dl, fade_from);
  }
  return hovered;
}

}  // namespace paxoslab::gui
