#include "gui/platform/draw_coverage.hpp"

#include <algorithm>
#include <cmath>

namespace paxoslab::gui {

namespace {

/// True when the 4 x 4 block at (bx, by) lies wholly outside one edge of the
/// triangle v (area2: twice its signed area, not 0).
bool block_outside(const ImVec2 (&v)[3], float area2, float bx, float by) {
  const float sign = area2 > 0 ? 1.0f : -1.0f;
  for (int e = 0; e < 3; ++e) {
    const ImVec2 p = v[e];
    const ImVec2 q = v[(e + 1) % 3];
    const float nx = -(q.y - p.y) * sign;
    const float ny = (q.x - p.x) * sign;
    float best = -1e30f;
    for (int k = 0; k < 4; ++k)
      best = std::max(best, nx * (bx + ((k & 1) ? 4.0f : 0.0f) - p.x) + ny * (by + ((k & 2) ? 4.0f : 0.0f) - p.y));
    if (best < 0) return true;
  }
  return false;
}

/// Pixels in the 4 x 4 blocks triangle v touches inside clip rectangle c.
double block_pixels(const ImVec2 (&v)[3], float area2, const ImVec4& c) {
  const float x0 = std::max(c.x, std::min({v[0].x, v[1].x, v[2].x}));
  const float x1 = std::min(c.z, std::max({v[0].x, v[1].x, v[2].x}));
  const float y0 = std::max(c.y, std::min({v[0].y, v[1].y, v[2].y}));
  const float y1 = std::min(c.w, std::max({v[0].y, v[1].y, v[2].y}));
  double n = 0.0;
  for (float by = std::floor(y0 / 4) * 4; by < y1; by += 4)
    for (float bx = std::floor(x0 / 4) * 4; bx < x1; bx += 4)
      if (!block_outside(v, area2, bx, by)) n += 16.0;
  return n;
}

}  // namespace

Coverage draw_list_coverage(const ImDrawList& list) {
  Coverage cov;
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    if (cmd.UserCallback != nullptr) continue;
    const ImVec4& c = cmd.ClipRect;
    for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
      ImVec2 v[3];
      for (unsigned int k = 0; k < 3; ++k)
        v[k] = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)])].pos;
      if (std::max({v[0].x, v[1].x, v[2].x}) <= c.x || std::min({v[0].x, v[1].x, v[2].x}) >= c.z ||
          std::max({v[0].y, v[1].y, v[2].y}) <= c.y || std::min({v[0].y, v[1].y, v[2].y}) >= c.w)
        continue;
      const float area2 = (v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y);
      if (std::abs(area2) < 1e-6f) continue;
      cov.area_px += std::abs(area2) * 0.5;
      cov.block_px += block_pixels(v, area2, c);
    }
  }
  return cov;
}

}  // namespace paxoslab::gui
