#include "gui/platform/draw_coverage.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

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

/// The axis-aligned rectangle two triangles make (4 distinct corners on 2
/// columns and 2 rows), as (min x, min y, max x, max y); nullopt otherwise.
std::optional<ImVec4> rectangle_of(const ImVec2 (&a)[3], const ImVec2 (&b)[3]) {
  std::vector<ImVec2> corners;
  for (const ImVec2& p : {a[0], a[1], a[2], b[0], b[1], b[2]})
    if (std::none_of(corners.begin(), corners.end(), [&](ImVec2 q) { return q.x == p.x && q.y == p.y; }))
      corners.push_back(p);
  if (corners.size() != 4) return std::nullopt;
  const auto [x0, x1] = std::minmax({corners[0].x, corners[1].x, corners[2].x, corners[3].x});
  const auto [y0, y1] = std::minmax({corners[0].y, corners[1].y, corners[2].y, corners[3].y});
  for (const ImVec2& p : corners)
    if ((p.x != x0 && p.x != x1) || (p.y != y0 && p.y != y1)) return std::nullopt;
  return ImVec4(x0, y0, x1, y1);
}

/// Pixels in the 4x4 blocks rectangle r touches inside clip rectangle c.
double rect_block_pixels(const ImVec4& r, const ImVec4& c) {
  const float x0 = std::max(r.x, c.x);
  const float y0 = std::max(r.y, c.y);
  const float x1 = std::min(r.z, c.z);
  const float y1 = std::min(r.w, c.w);
  if (x1 <= x0 || y1 <= y0) return 0.0;
  const double cols = std::ceil(x1 / 4) - std::floor(x0 / 4);
  const double rows = std::ceil(y1 / 4) - std::floor(y0 / 4);
  return cols * rows * 16.0;
}

void triangle_at(const ImDrawList& list, const ImDrawCmd& cmd, unsigned int i, ImVec2 (&v)[3]) {
  for (unsigned int k = 0; k < 3; ++k)
    v[k] = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)])].pos;
}

bool uv_in(ImVec2 uv, ImVec2 a, ImVec2 b) { return uv.x >= a.x && uv.x <= b.x && uv.y >= a.y && uv.y <= b.y; }

/// What the triangle at index i draws, by its first vertex's texture
/// coordinates in the current context's font atlas (kFill without one).
Coverage::Kind kind_at(const ImDrawList& list, const ImDrawCmd& cmd, unsigned int i) {
  const ImFontAtlas* atlas = ImGui::GetCurrentContext() != nullptr ? ImGui::GetIO().Fonts : nullptr;
  if (atlas == nullptr) return Coverage::kFill;
  const ImVec2 uv = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])].uv;
  if (uv.x == atlas->TexUvWhitePixel.x && uv.y == atlas->TexUvWhitePixel.y) return Coverage::kFill;
  for (int r = 0; r < atlas->CustomRects.Size; ++r) {
    const ImFontAtlasCustomRect& c = atlas->CustomRects[r];
    if (c.Font != nullptr || !c.IsPacked()) continue;
    ImVec2 a;
    ImVec2 b;
    atlas->CalcCustomRectUV(&c, &a, &b);
    if (uv_in(uv, a, b)) return r == atlas->PackIdLines ? Coverage::kLine : Coverage::kDot;
  }
  return Coverage::kText;
}

/// Adds triangle v's area and blocks to `cov` (nothing if it lies outside c or has no area).
void add_triangle(const ImVec2 (&v)[3], const ImVec4& c, Coverage& cov, bool in_rectangle, Coverage::Kind kind) {
  if (std::max({v[0].x, v[1].x, v[2].x}) <= c.x || std::min({v[0].x, v[1].x, v[2].x}) >= c.z ||
      std::max({v[0].y, v[1].y, v[2].y}) <= c.y || std::min({v[0].y, v[1].y, v[2].y}) >= c.w)
    return;
  const float area2 = (v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y);
  if (std::abs(area2) < 1e-6f) return;
  cov.area_px += std::abs(area2) * 0.5;
  const double blocks = block_pixels(v, area2, c);
  cov.block_px += blocks;
  if (in_rectangle) return;
  cov.block_px_rects_once += blocks;
  cov.by_kind[kind] += blocks;
}

}  // namespace

Coverage draw_list_coverage(const ImDrawList& list) {
  Coverage cov;
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    if (cmd.UserCallback != nullptr) continue;
    const ImVec4& c = cmd.ClipRect;
    for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
      ImVec2 v[3];
      triangle_at(list, cmd, i, v);
      ImVec2 w[3];
      const bool pair = i + 5 < cmd.ElemCount;
      if (pair) triangle_at(list, cmd, i + 3, w);
      const auto r = pair ? rectangle_of(v, w) : std::nullopt;
      const Coverage::Kind kind = kind_at(list, cmd, i);
      add_triangle(v, c, cov, r.has_value(), kind);
      if (!r) continue;
      add_triangle(w, c, cov, true, kind);  // the rectangle's second triangle
      const double rect = rect_block_pixels(*r, c);
      cov.block_px_rects_once += rect;
      cov.by_kind[kind] += rect;
      i += 3;
    }
  }
  return cov;
}

}  // namespace paxoslab::gui
