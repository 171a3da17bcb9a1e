// Cluster view, part 4: timers drawn where they act - countdown rings and
// pies on the nodes that own them (fraction of the time left), labelled on hover.
#include <algorithm>
#include <cmath>
#include <string>

#include "gui/model/node_state.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {

constexpr float kTau = 6.2831853f;
constexpr ImU32 kRetransmit = IM_COL32(120, 190, 255, 255);
constexpr ImU32 kSuspect = IM_COL32(240, 130, 50, 255);  // theme::kCandidate: suspicion's colour

/// A ring of radius `rad` showing `left` (0..1) of it, from 12 o'clock
/// clockwise, `thickness` px wide over a faint 1 px track of the whole ring
/// (a thinner track: fewer blocks for a software renderer to shade).
void countdown_ring(ImDrawList* dl, ImVec2 c, float rad, float left, ImU32 col, float thickness) {
  circle_px(dl, c, rad, theme::fade(col, 0.3f), 24, 1.0f);
  if (left <= 0.0f) return;
  const float a0 = -kTau * 0.25f;
  dl->PathArcTo(c, rad, a0, a0 + kTau * left, std::max(4, static_cast<int>(24 * left)));
  stroke_path_px(dl, col, false, thickness);
}

/// A small pie of radius `rad` with `left` of it filled.
void countdown_pie(ImDrawList* dl, ImVec2 c, float rad, float left, ImU32 col) {
  dl->AddCircleFilled(c, rad, IM_COL32(30, 32, 38, 255), 16);
  if (left > 0.0f) {
    const float a0 = -kTau * 0.25f;
    dl->PathLineTo(c);
    dl->PathArcTo(c, rad, a0, a0 + kTau * left, std::max(4, static_cast<int>(16 * left)));
    dl->PathFillConvex(col);
  }
  circle_px(dl, c, rad, theme::fade(col, 0.9f), 16, 1.0f);
}

float dist2(ImVec2 a, ImVec2 b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

/// Where a failure-detector pie of server `s` at c (radius r) watching a
/// peer at `toward` goes: on the rim facing the peer, else turned 14 degrees
/// at a time either way (nearest first) to the first spot clear of every
/// caption, other node and pie drawn so far; facing the peer if none is.
ImVec2 pie_spot(const PanelContext& ctx, ServerId s, ImVec2 c, float r, ImVec2 toward) {
  const float base = std::atan2(toward.y - c.y, toward.x - c.x);
  const std::string panel(current_panel());
  const std::string own = to_string(s);  // its own node's obstacle (cluster_view.cpp names them so)
  const auto at = [&](float a) { return ImVec2(c.x + std::cos(a) * (r + 9.0f), c.y + std::sin(a) * (r + 9.0f)); };
  for (int k = 0; k <= 12; ++k) {
    for (const int side : {1, -1}) {
      const ImVec2 p = at(base + static_cast<float>(k * side) * (kTau / 26.0f));
      if (ctx.layout.is_free(panel, Box{ImVec2(p.x - 7, p.y - 7), ImVec2(p.x + 7, p.y + 7)}, 0.0f, own)) return p;
      if (k == 0) break;
    }
  }
  return at(base);
}

}  // namespace

std::string draw_cluster_timers(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse) {
  const Simulation& sim = ctx.session.sim();
  const double now = ctx.session.display_time();
  const float r = g.node_radius;
  std::string hovered;
  for (int i = 1; i <= sim.config().servers; ++i) {
    const ServerId s{i};
    if (sim.crashed(s)) continue;
    const ImVec2 c = g.servers[static_cast<std::size_t>(i - 1)];
    float ring = r - 5.0f;
    for (const TimerGlance& tg : node_timers(sim, NodeId::of(s), now)) {
      if (tg.timer.kind == TimerKind::FailureDetector) {
        // On the rim, facing the peer it watches (where that peer's silence comes from).
        const ServerId peer{static_cast<int>(tg.timer.tag)};
        const ImVec2 p = pie_spot(ctx, s, c, r, g.pos(NodeId::of(peer)));
        countdown_pie(dl, p, 6.0f, tg.fraction_left, kSuspect);
        ctx.layout.add_mark(current_panel(), tg.label, Box{ImVec2(p.x - 7, p.y - 7), ImVec2(p.x + 7, p.y + 7)});
        if (dist2(mouse, p) <= 8.0f * 8.0f) hovered = tg.label;
      } else if (ring > 6.0f) {
        countdown_ring(dl, c, ring, tg.fraction_left, kRetransmit, 3.0f);
        const float md = std::sqrt(dist2(mouse, c));
        if (md >= ring - 3.0f && md <= ring + 3.0f) hovered = tg.label;
        ring -= 4.5f;
      }
    }
  }
  for (std::size_t k = 0; k < g.clients.size(); ++k) {
    const ImVec2 c = g.clients[k];
    const float cr = std::min(r, 20.0f);
    for (const TimerGlance& tg : node_timers(sim, NodeId::of(ClientId{static_cast<int>(k + 1)}), now)) {
      // A bar along the inside of the square's bottom edge, emptying to the left.
      const ImVec2 a(c.x - cr + 5, c.y + cr - 6);
      const ImVec2 b(c.x + cr - 5, c.y + cr - 3);
      // Square: a rounded bar is a fan of thin triangles with a fringe, a
      // square one a rectangle to a software renderer (docs/gui.md, "Speed").
      dl->AddRectFilled(a, b, theme::fade(theme::kClient, 0.22f));
      dl->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * tg.fraction_left, b.y), theme::kClient);
      if (mouse.x >= a.x - 2 && mouse.x <= b.x + 2 && mouse.y >= a.y - 3 && mouse.y <= b.y + 3) hovered = tg.label;
      break;  // one retry timer per client
    }
  }
  return hovered;
}

}  // namespace paxoslab::gui
