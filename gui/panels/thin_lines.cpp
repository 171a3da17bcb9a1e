#include "gui/panels/thin_lines.hpp"

#include <algorithm>
#include <vector>

#include <imgui_internal.h>

#include "gui/model/draw_budget.hpp"

namespace paxoslab::gui {

namespace {

/// The line's whole-pixel width when `dl` can draw it from the baked-lines
/// texture (as ImGui decides), else 0.
int textured_width(const ImDrawList* dl, float thickness) {
  const ImDrawListFlags need = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex;
  if ((dl->Flags & need) != need || dl->_Data == nullptr || dl->_FringeScale != 1.0f) return 0;
  const float t = std::max(thickness, 1.0f);
  const int n = static_cast<int>(t);
  if (t - static_cast<float>(n) > 0.00001f || n >= IM_DRAWLIST_TEX_LINES_WIDTH_MAX) return 0;
  return n;
}

ImVec2 unit_normal(ImVec2 a, ImVec2 b) {
  float dx = b.x - a.x;
  float dy = b.y - a.y;
  const float d2 = dx * dx + dy * dy;
  if (d2 > 0.0f) {
    const float inv = ImRsqrt(d2);
    dx *= inv;
    dy *= inv;
  }
  return ImVec2(dy, -dx);
}

/// The mean of two unit normals, lengthened at a bend as ImGui does (at most 10x).
ImVec2 joint_normal(ImVec2 n1, ImVec2 n2) {
  float x = (n1.x + n2.x) * 0.5f;
  float y = (n1.y + n2.y) * 0.5f;
  const float d2 = x * x + y * y;
  if (d2 > 0.000001f) {
    const float inv = std::min(1.0f / d2, 100.0f);
    x *= inv;
    y *= inv;
  }
  return ImVec2(x, y);
}

}  // namespace

void polyline_px(ImDrawList* dl, const ImVec2* pts, int count, ImU32 col, bool closed, float thickness) {
  if (count < 2 || (col & IM_COL32_A_MASK) == 0) return;
  const int n = textured_width(dl, thickness);
  if (n == 0) {
    dl->AddPolyline(pts, count, col, closed ? ImDrawFlags_Closed : 0, thickness);
    return;
  }
  const ImVec4 tex = dl->_Data->TexUvLines[n];
  const LineProfile prof = trimmed_profile(n, tex.x, tex.z);
  const int segments = closed ? count : count - 1;
  std::vector<ImVec2> normals(static_cast<std::size_t>(count));
  for (int i = 0; i < segments; ++i)
    normals[static_cast<std::size_t>(i)] = unit_normal(pts[i], pts[i + 1 == count ? 0 : i + 1]);
  if (!closed) normals[static_cast<std::size_t>(count - 1)] = normals[static_cast<std::size_t>(count - 2)];
  // The first index after the reservation: with 16-bit indices PrimReserve
  // may start a new vertex offset and reset _VtxCurrentIdx.
  dl->PrimReserve(segments * 6, count * 2);
  const auto i0 = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
  for (int i = 0; i < count; ++i) {
    const auto at = static_cast<std::size_t>(i);
    // An open line's ends square to their segment; every other point on the mean of its two segments' normals.
    ImVec2 d = normals[at];
    if (closed || (i > 0 && i < count - 1)) d = joint_normal(normals[at == 0 ? static_cast<std::size_t>(count - 1) : at - 1], normals[at]);
    d = ImVec2(d.x * prof.half_width, d.y * prof.half_width);
    dl->PrimWriteVtx(ImVec2(pts[i].x + d.x, pts[i].y + d.y), ImVec2(prof.u0, tex.y), col);
    dl->PrimWriteVtx(ImVec2(pts[i].x - d.x, pts[i].y - d.y), ImVec2(prof.u1, tex.w), col);
  }
  for (int i = 0; i < segments; ++i) {
    const auto a = static_cast<ImDrawIdx>(i0 + i * 2);
    const auto b = static_cast<ImDrawIdx>(i0 + (i + 1 == count ? 0 : i + 1) * 2);
    for (const ImDrawIdx k : {b, a, static_cast<ImDrawIdx>(a + 1), static_cast<ImDrawIdx>(b + 1), static_cast<ImDrawIdx>(a + 1), b})
      dl->PrimWriteIdx(k);
  }
}

void line_px(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness) {
  const ImVec2 pts[2] = {ImVec2(a.x + 0.5f, a.y + 0.5f), ImVec2(b.x + 0.5f, b.y + 0.5f)};
  if (textured_width(dl, thickness) == 0) {
    dl->AddLine(a, b, col, thickness);
    return;
  }
  polyline_px(dl, pts, 2, col, false, thickness);
}

void stroke_path_px(ImDrawList* dl, ImU32 col, bool closed, float thickness) {
  polyline_px(dl, dl->_Path.Data, dl->_Path.Size, col, closed, thickness);
  dl->PathClear();
}

void circle_px(ImDrawList* dl, ImVec2 c, float radius, ImU32 col, int segments, float thickness) {
  if ((col & IM_COL32_A_MASK) == 0 || radius <= 0.0f) return;
  const int k = std::clamp(segments, 3, 512);
  const float a_max = (IM_PI * 2.0f) * (static_cast<float>(k) - 1.0f) / static_cast<float>(k);
  dl->PathArcTo(c, radius - 0.5f, 0.0f, a_max, k - 1);
  stroke_path_px(dl, col, true, thickness);
}

}  // namespace paxoslab::gui
