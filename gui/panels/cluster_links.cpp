// Cluster view, part 1: partition regions and links (cut links dashed red).
#include <algorithm>
#include <cmath>
#include <utility>

#include "gui/model/draw_budget.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {

/// Convex hull (monotone chain) of `pts`, counter-clockwise.
std::vector<ImVec2> hull(std::vector<ImVec2> pts) {
  std::sort(pts.begin(), pts.end(), [](ImVec2 a, ImVec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  if (pts.size() < 3) return pts;
  auto cross = [](ImVec2 o, ImVec2 a, ImVec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); };
  std::vector<ImVec2> h(pts.size() * 2);
  std::size_t k = 0;
  for (const auto& p : pts) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p) <= 0) --k;
    h[k++] = p;
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
    h[k++] = pts[i];
  }
  h.resize(k - 1);
  return h;
}

void draw_partitions(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl) {
  const Simulation& sim = ctx.session.sim();
  const LinkFaults& net = sim.links();
  if (!net.partitioned()) return;
  int groups = 0;
  for (int s = 1; s <= sim.config().servers; ++s) groups = std::max(groups, net.group_of(ServerId{s}));
  const float pad = g.node_radius * 1.9f;
  for (int grp = 0; grp <= groups; ++grp) {
    std::vector<ImVec2> pts;
    for (int s = 1; s <= sim.config().servers; ++s) {
      if (net.group_of(ServerId{s}) != grp) continue;
      const ImVec2 c = g.servers[static_cast<std::size_t>(s - 1)];
      for (int k = 0; k < 16; ++k) {
        const float a = 6.2831853f * static_cast<float>(k) / 16.0f;
        pts.emplace_back(c.x + pad * std::cos(a), c.y + pad * std::sin(a));
      }
    }
    if (pts.empty()) continue;
    const auto h = hull(pts);
    const ImU32 tint = theme::group_tint(grp + 1);
    dl->AddConvexPolyFilled(h.data(), static_cast<int>(h.size()), tint);
    dl->AddPolyline(h.data(), static_cast<int>(h.size()), theme::fade(tint | IM_COL32_A_MASK, 0.55f),
                    ImDrawFlags_Closed, 2.0f);
  }
}

/// The part of the segment a-b outside a node of radius `ra` at a and `rb`
/// at b: the nodes are drawn over their ends, so those pixels need not be shaded.
std::pair<ImVec2, ImVec2> between_rims(ImVec2 a, ImVec2 b, float ra, float rb) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= ra + rb + 1.0f) return {a, a};
  const ImVec2 u(dx / len, dy / len);
  return {ImVec2(a.x + u.x * ra, a.y + u.y * ra), ImVec2(b.x - u.x * rb, b.y - u.y * rb)};
}

}  // namespace

void draw_cluster_links(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse,
                        bool can_hover, ServerId& hovered_a, ServerId& hovered_b) {
  const Simulation& sim = ctx.session.sim();
  const LinkFaults& net = sim.links();
  const int n = sim.config().servers;
  draw_partitions(ctx, g, dl);
  // Client links: faint, drawn first, only between the nodes' rims. Many of
  // them (3 clients x 7 servers) are rays from each client towards every
  // server that fade out (client_link_reach): a fan of whole lines across
  // the view was its costliest shape for a software renderer (docs/gui.md,
  // "Speed"); a message's dot still travels the whole way.
  const float client_r = std::min(g.node_radius, 20.0f);
  const float reach = client_link_reach(g.clients.size() * static_cast<std::size_t>(n));
  for (std::size_t c = 0; c < g.clients.size(); ++c)
    for (int s = 1; s <= n; ++s) {
      const auto [a, b] = between_rims(g.clients[c], g.servers[static_cast<std::size_t>(s - 1)], client_r, g.node_radius);
      const PixelSegment r = ray(PixelSegment{a.x, a.y, b.x, b.y}, reach);
      if (r.x1 == b.x && r.y1 == b.y) line_px(dl, a, b, theme::fade(theme::kLink, 0.35f), 1.0f);
      else fading_line(dl, ImVec2(r.x1, r.y1), a, theme::fade(theme::kLink, 0.6f));
    }
  float best = 36.0f;  // hover within 6 px of a link, not on a node
  for (int a = 1; a <= n; ++a) {
    for (int b = a + 1; b <= n; ++b) {
      const ImVec2 pa = g.servers[static_cast<std::size_t>(a - 1)];
      const ImVec2 pb = g.servers[static_cast<std::size_t>(b - 1)];
      const NodeId na = NodeId::of(ServerId{a});
      const NodeId nb = NodeId::of(ServerId{b});
      const bool cut = net.cut(na, nb) || net.cut(nb, na);
      const bool split = net.partitioned() && net.group_of(ServerId{a}) != net.group_of(ServerId{b});
      const auto [ra, rb] = between_rims(pa, pb, g.node_radius, g.node_radius);
      if (cut) {
        dashed_line(dl, ra, rb, theme::kLinkCut, 2.0f, 7, 5);
        const ImVec2 mid((pa.x + pb.x) * 0.5f, (pa.y + pb.y) * 0.5f);
        line_px(dl, ImVec2(mid.x - 5, mid.y - 5), ImVec2(mid.x + 5, mid.y + 5), theme::kLinkCut, 3.0f);
        line_px(dl, ImVec2(mid.x - 5, mid.y + 5), ImVec2(mid.x + 5, mid.y - 5), theme::kLinkCut, 3.0f);
      } else if (split) {
        dashed_line(dl, ra, rb, theme::fade(theme::kLinkCut, 0.45f), 1.0f, 3, 5);
      } else {
        line_px(dl, ra, rb, theme::kLink, 1.0f);  // whole pixels: the baked-lines texture, trimmed
      }
      if (!can_hover) continue;
      const auto dist_node = [&](ImVec2 p) { return (mouse.x - p.x) * (mouse.x - p.x) + (mouse.y - p.y) * (mouse.y - p.y); };
      const float r2 = g.node_radius * g.node_radius * 1.6f;
      if (dist_node(pa) < r2 || dist_node(pb) < r2) continue;
      const float d = distance_sq_to_segment(mouse, pa, pb);
      if (d < best) {
        best = d;
        hovered_a = ServerId{a};
        hovered_b = ServerId{b};
      }
    }
  }
  if (hovered_a.valid()) {
    dl->AddLine(g.servers[static_cast<std::size_t>(hovered_a.value - 1)],
                g.servers[static_cast<std::size_t>(hovered_b.value - 1)], theme::fade(theme::kSelection, 0.5f), 4.0f);
  }
}

}  // namespace paxoslab::gui
