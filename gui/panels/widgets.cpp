#include "gui/panels/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <imgui_internal.h>

#include "gui/model/draw_budget.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {
ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

void draw_icon(ImDrawList* dl, ImVec2 c, float s, Icon icon, ImU32 col) {
  const float h = s * 0.5f;
  auto tri_right = [&](float cx) {
    dl->AddTriangleFilled(ImVec2(cx - h * 0.55f, c.y - h), ImVec2(cx - h * 0.55f, c.y + h), ImVec2(cx + h * 0.75f, c.y), col);
  };
  auto tri_left = [&](float cx) {
    dl->AddTriangleFilled(ImVec2(cx + h * 0.55f, c.y - h), ImVec2(cx + h * 0.55f, c.y + h), ImVec2(cx - h * 0.75f, c.y), col);
  };
  const float bar = std::max(2.0f, s * 0.14f);
  switch (icon) {
    case Icon::Play: tri_right(c.x + h * 0.1f); break;
    case Icon::Pause:
      dl->AddRectFilled(ImVec2(c.x - h * 0.6f, c.y - h), ImVec2(c.x - h * 0.6f + bar * 1.4f, c.y + h), col);
      dl->AddRectFilled(ImVec2(c.x + h * 0.6f - bar * 1.4f, c.y - h), ImVec2(c.x + h * 0.6f, c.y + h), col);
      break;
    case Icon::StepForward:
      tri_right(c.x - h * 0.2f);
      dl->AddRectFilled(ImVec2(c.x + h * 0.6f, c.y - h), ImVec2(c.x + h * 0.6f + bar, c.y + h), col);
      break;
    case Icon::StepBack:
      tri_left(c.x + h * 0.2f);
      dl->AddRectFilled(ImVec2(c.x - h * 0.6f - bar, c.y - h), ImVec2(c.x - h * 0.6f, c.y + h), col);
      break;
    case Icon::JumpStart:
      dl->AddRectFilled(ImVec2(c.x - h, c.y - h), ImVec2(c.x - h + bar, c.y + h), col);
      tri_left(c.x - h * 0.05f);
      tri_left(c.x + h * 0.75f);
      break;
    case Icon::JumpEnd:
      tri_right(c.x - h * 0.75f);
      tri_right(c.x + h * 0.05f);
      dl->AddRectFilled(ImVec2(c.x + h - bar, c.y - h), ImVec2(c.x + h, c.y + h), col);
      break;
    case Icon::Reset:
      dl->PathArcTo(c, h * 0.85f, 0.6f, 5.6f, 16);
      dl->PathStroke(col, 0, bar);
      dl->AddTriangleFilled(add(c, ImVec2(h * 0.85f * std::cos(0.6f) - h * 0.45f, h * 0.85f * std::sin(0.6f))),
                            add(c, ImVec2(h * 0.85f * std::cos(0.6f) + h * 0.45f, h * 0.85f * std::sin(0.6f))),
                            add(c, ImVec2(h * 0.85f * std::cos(0.6f), h * 0.85f * std::sin(0.6f) - h * 0.55f)), col);
      break;
  }
}
}  // namespace

bool icon_button(const char* id, Icon icon, const char* tooltip, bool enabled, const char* why_disabled) {
  const float size = ImGui::GetFrameHeight();
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(id, ImVec2(size * 1.25f, size));
  const ImVec2 mn = ImGui::GetItemRectMin();
  const ImVec2 mx = ImGui::GetItemRectMax();
  const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
  draw_icon(ImGui::GetWindowDrawList(), ImVec2((mn.x + mx.x) * 0.5f, (mn.y + mx.y) * 0.5f), size * 0.5f, icon, col);
  ImGui::EndDisabled();
  if (tooltip != nullptr && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    std::string tip = tooltip;
    if (!enabled && why_disabled != nullptr) tip += std::string("\nGreyed: ") + why_disabled;
    item_tooltip(tip.c_str());
  }
  return clicked && enabled;
}

void item_tooltip(const char* text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void same_line_if_fits(float next_width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_width <= right) ImGui::SameLine();
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash, float gap) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 0.5f) return;
  const float ux = dx / len;
  const float uy = dy / len;
  // Only the part inside the current clip rectangle (Liang-Barsky), so a long
  // line mostly off screen costs what is visible.
  const ImVec2 cmin = dl->GetClipRectMin();
  const ImVec2 cmax = dl->GetClipRectMax();
  float t0 = 0.0f;
  float t1 = len;
  const float p[4] = {-ux, ux, -uy, uy};
  const float q[4] = {a.x - (cmin.x - thickness), (cmax.x + thickness) - a.x, a.y - (cmin.y - thickness),
                      (cmax.y + thickness) - a.y};
  for (int i = 0; i < 4; ++i) {
    if (std::fabs(p[i]) < 1e-9f) {
      if (q[i] < 0) return;
      continue;
    }
    const float r = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, r);
    else t1 = std::min(t1, r);
  }
  if (t0 >= t1) return;
  t0 = std::floor(t0 / (dash + gap)) * (dash + gap);  // keep the dash pattern anchored at a
  // A horizontal line's dashes are whole-pixel rectangles: 2 triangles each
  // and no anti-aliased fringe (docs/gui.md, "Speed").
  const bool horizontal = a.y == b.y;
  const float h = std::max(1.0f, std::round(thickness));
  const float top = std::round(a.y - h * 0.5f);
  for (float t = t0; t < t1; t += dash + gap) {
    const float e = std::min(len, t + dash);
    if (horizontal) dl->AddRectFilled(ImVec2(std::round(a.x + ux * t), top), ImVec2(std::round(a.x + ux * e), top + h), col);
    else line_px(dl, ImVec2(a.x + ux * t, a.y + uy * t), ImVec2(a.x + ux * e, a.y + uy * e), col, thickness);
  }
}

void hline(ImDrawList* dl, float x0, float x1, float y, ImU32 col) {
  const float row = std::floor(y + 0.5f);
  dl->AddRectFilled(ImVec2(std::round(x0), row), ImVec2(std::round(x1), row + 1.0f), col);
}

void vline(ImDrawList* dl, float x, float y0, float y1, ImU32 col) {
  const float column = std::floor(x + 0.5f);
  dl->AddRectFilled(ImVec2(column, std::round(y0)), ImVec2(column + 1.0f, std::round(y1)), col);
}

void wedge_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col_a, ImU32 col_b) {
  const ImDrawListFlags textured = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex;
  if ((dl->Flags & textured) != textured || dl->_Data == nullptr) {
    dl->AddLine(a, b, col_b, 1.0f);
    return;
  }
  // As ImGui draws a textured 1 px line: 1.5 px either side at the end, the
  // texture's row for width 1 across it; its middle at the apex.
  const auto w = wedge(PixelSegment{a.x, a.y, b.x, b.y}, 1.5f);
  if (!w) return;
  const ImVec4 uv = dl->_Data->TexUvLines[1];
  dl->PrimReserve(3, 3);  // before reading the index: it may start a new vertex offset
  const auto i0 = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
  dl->PrimWriteVtx(ImVec2(w->apex_x, w->apex_y), ImVec2((uv.x + uv.z) * 0.5f, (uv.y + uv.w) * 0.5f), col_a);
  dl->PrimWriteVtx(ImVec2(w->left_x, w->left_y), ImVec2(uv.x, uv.y), col_b);
  dl->PrimWriteVtx(ImVec2(w->right_x, w->right_y), ImVec2(uv.z, uv.w), col_b);
  for (const int k : {0, 1, 2}) dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + k));
}

void fading_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) { wedge_line(dl, a, b, col & ~IM_COL32_A_MASK, col); }

void star(ImDrawList* dl, ImVec2 c, float radius, ImU32 fill, ImU32 outline) {
  ImVec2 pts[10];
  for (int i = 0; i < 10; ++i) {
    const float r = (i % 2 == 0) ? radius : radius * 0.45f;
    const float a = -1.5707963f + static_cast<float>(i) * 0.6283185f;
    pts[i] = ImVec2(c.x + r * std::cos(a), c.y + r * std::sin(a));
  }
  // Concave: fill as five triangles around the centre.
  for (int i = 0; i < 10; ++i) dl->AddTriangleFilled(c, pts[i], pts[(i + 1) % 10], fill);
  dl->AddPolyline(pts, 10, outline, ImDrawFlags_Closed, 1.0f);
}

void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 tip, float size, ImU32 col) {
  const float dx = tip.x - from.x;
  const float dy = tip.y - from.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len < 0.5f) return;
  const float ux = dx / len;
  const float uy = dy / len;
  const ImVec2 base(tip.x - ux * size, tip.y - uy * size);
  dl->AddTriangleFilled(tip, ImVec2(base.x - uy * size * 0.5f, base.y + ux * size * 0.5f),
                        ImVec2(base.x + uy * size * 0.5f, base.y - ux * size * 0.5f), col);
}

void section_title(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.62f, 0.68f, 0.78f, 1.0f), "%s", text);
  ImGui::Separator();
}

float distance_sq_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float l2 = dx * dx + dy * dy;
  float t = l2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2 : 0.0f;
  t = std::clamp(t, 0.0f, 1.0f);
  const float qx = a.x + t * dx - p.x;
  const float qy = a.y + t * dy - p.y;
  return qx * qx + qy * qy;
}

void pill(const Fonts& fonts, const char* text, ImU32 bg) {
  ImFont* font = fonts.bold ? fonts.bold : ImGui::GetFont();
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeight();
  const ImVec2 size(ts.x + 24, h);
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), bg, h * 0.5f);
  ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(p.x + 12, p.y + (h - ts.y) * 0.5f),
                                      IM_COL32(255, 255, 255, 255), text);
  ImGui::Dummy(size);
}

}  // namespace paxoslab::gui
