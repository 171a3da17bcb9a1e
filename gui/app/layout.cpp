#include "gui/app/layout.hpp"

#include <algorithm>
#include <cmath>

namespace paxoslab::gui {

Layout compute_layout(ImVec2 origin, ImVec2 size, float font_px, float logs_h) {
  Layout l;
  const float w = std::max(size.x, 640.0f);
  const float h = std::max(size.y, 400.0f);
  const float gap = kPanelGapPx;
  const float frame = font_px + 8.0f;                  // ImGui frame height with our padding
  const float controls_h = std::round(frame * 2 + 6 + 16 + 2);
  const float bar_h = std::round(font_px * 2 + 6 + 16 + 2);  // two lines of text
  const float side_w = std::round(std::clamp(w * 0.36f, 300.0f, 600.0f));
  const float top = origin.y + controls_h + gap;
  const float bottom = origin.y + h - bar_h - gap;
  const float center_w = w - side_w - gap;
  const float center_h = bottom - top;

  l.controls = {origin, ImVec2(w, controls_h)};
  l.invariant = {ImVec2(origin.x, origin.y + h - bar_h), ImVec2(w, bar_h)};
  const float log_h = logs_h > 0 ? std::round(std::min(logs_h, center_h * 0.4f)) : 0.0f;
  const float rest_h = center_h - (log_h > 0 ? log_h + gap : 0.0f);
  // With the log view the cluster keeps the larger share (its nodes carry their state).
  const float cluster_h = std::round(rest_h * (log_h > 0 ? 0.6f : 0.5f));
  l.cluster = {ImVec2(origin.x, top), ImVec2(center_w, cluster_h)};
  float y = top + cluster_h + gap;
  if (log_h > 0) {
    l.logs = {ImVec2(origin.x, y), ImVec2(center_w, log_h)};
    y += log_h + gap;
  }
  l.chart = {ImVec2(origin.x, y), ImVec2(center_w, top + center_h - y)};
  const float side_h = std::round(center_h * 0.56f);
  l.side = {ImVec2(origin.x + center_w + gap, top), ImVec2(side_w, side_h)};
  l.log = {ImVec2(origin.x + center_w + gap, top + side_h + gap), ImVec2(side_w, center_h - side_h - gap)};
  return l;
}

void draw_gaps(ImDrawList* dl, const Layout& l, ImU32 col) {
  // Each gap once: every panel fills the band below it (reaching across the
  // band to its right, where the column gap meets it) and the band to its
  // right; the panels on the layout's left edge the band to their left and
  // the controls the band above (both outside the window unless a lesson
  // panel sits beside the layout). Bands beyond the window's edge fall outside it.
  const float g = kPanelGapPx;
  const float left = l.controls.pos.x;
  const ImVec2 top = l.controls.pos;
  dl->AddRectFilled(ImVec2(top.x - g, top.y - g), ImVec2(top.x + l.controls.size.x + g, top.y), col);  // above
  for (const PanelRect* r : {&l.controls, &l.cluster, &l.logs, &l.chart, &l.side, &l.log, &l.invariant}) {
    if (r->size.x <= 0 || r->size.y <= 0) continue;
    const ImVec2 a = r->pos;
    const ImVec2 b(r->pos.x + r->size.x, r->pos.y + r->size.y);
    if (a.x == left) dl->AddRectFilled(ImVec2(a.x - g, a.y), ImVec2(a.x, b.y + g), col);  // left
    dl->AddRectFilled(ImVec2(a.x, b.y), ImVec2(b.x + g, b.y + g), col);                  // below
    dl->AddRectFilled(ImVec2(b.x, a.y), ImVec2(b.x + g, b.y), col);                      // right
  }
}

}  // namespace paxoslab::gui
