#include "gui/panels/timeline_bar.hpp"
#include "gui/panels/labels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "gui/model/draw_budget.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

// Actions on the timeline and the first violation, at x_of(position).
template <class XOf>
void draw_timeline_marks(const PanelContext& ctx, ImDrawList* dl, const XOf& x_of, float cy, float top, float h) {
  const Session& s = ctx.session;
  // Actions on the timeline: a lone one is a tick, ticks closer than 2 pixels
  // (which would overlap into a solid band anyway) one band from the first to
  // the last, so a long run costs a few shapes, not one per action.
  std::vector<float> act_x;
  const auto& log = s.timeline();
  for (std::size_t i = 0; i < log.size(); ++i)
    if (log[i].type == TimelineEntry::Type::Act) act_x.push_back(x_of(i + 1));
  const ImU32 act_col = IM_COL32(240, 150, 60, 200);
  for (const PixelRun& r : merge_marks(act_x, 2.0f)) {
    if (r.count == 1) dl->AddLine(ImVec2(r.x0, cy - 7), ImVec2(r.x0, cy + 7), act_col, 1.5f);
    else dl->AddRectFilled(ImVec2(r.x0 - 0.75f, cy - 7), ImVec2(r.x1 + 0.75f, cy + 7), act_col);
  }
  for (const auto& m : ctx.chart.marks()) {
    if (m.type != ChartMark::Type::Violation) continue;
    const float x = x_of(s.position_of_event(m.seq));
    dl->AddLine(ImVec2(x, top + 2), ImVec2(x, top + h - 2), theme::kViolation, 3.0f);
    break;
  }
}

}  // namespace

void draw_timeline_bar(const PanelContext& ctx) {
  const Session& s = ctx.session;
  const float h = ImGui::GetFrameHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = std::max(100.0f, ImGui::GetContentRegionAvail().x);
  ImGui::InvisibleButton("##timeline", ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::size_t length = s.length();
  const float pad = h * 0.5f;
  const float x0 = p.x + pad;
  const float x1 = p.x + w - pad;
  const auto x_of = [&](std::size_t pos) {
    return length == 0 ? x0 : x0 + (x1 - x0) * static_cast<float>(pos) / static_cast<float>(length);
  };
  const float cy = p.y + h * 0.5f;
  // The bar's rectangles square, on whole pixels: a rounded one is a fan of
  // long thin triangles along the 1280 px bar that a software renderer shades
  // block by block, a square one is one rectangle (docs/gui.md, "Speed").
  const float ty = std::floor(cy) - 3.0f;
  // The progress and the rest of the track side by side, not the progress over
  // the whole track: the same pixels, the track's blocks under it not shaded.
  const float xc = std::round(x_of(s.cursor()));
  dl->AddRectFilled(ImVec2(std::max(x0, xc), ty), ImVec2(x1, ty + 6.0f), IM_COL32(60, 66, 78, 255));
  dl->AddRectFilled(ImVec2(x0, ty), ImVec2(xc, ty + 6.0f), IM_COL32(70, 130, 220, 255));
  draw_timeline_marks(ctx, dl, x_of, cy, p.y, h);
  const float tx = x_of(s.cursor());
  dl->AddCircleFilled(ImVec2(tx, cy), h * 0.32f, hovered || active ? IM_COL32(255, 255, 255, 255) : IM_COL32(200, 215, 235, 255));
  char text[96];
  std::snprintf(text, sizeof text, "step %zu / %zu    t = %lld", s.cursor(), length, static_cast<long long>(s.sim().now()));
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, 1e9f, 0, text);
  const float lx = tx < p.x + w * 0.5f ? p.x + w - ts.x - pad - 6 : p.x + pad + 6;
  dl->AddRectFilled(ImVec2(lx - 4, cy - ts.y * 0.5f - 1), ImVec2(lx + ts.x + 4, cy + ts.y * 0.5f + 1), ImGui::GetColorU32(ImGuiCol_FrameBg));
  draw_label(ctx.layout, dl, font, font->FontSize, ImVec2(lx, cy - ts.y * 0.5f), theme::kText, text);

  if (length > 0 && (active || (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)))) {
    const float mx = std::clamp(ImGui::GetIO().MousePos.x, x0, x1);
    const auto pos = static_cast<std::size_t>(std::lround((mx - x0) / (x1 - x0) * static_cast<float>(length)));
    if (pos != s.cursor()) ctx.out.push(cmd::JumpToStep{pos});
  }
  if (hovered)
    item_tooltip("The timeline: every step and action so far (orange: actions and faults, red: the first violation). "
                 "Click or drag to rewind or replay; doing something new at an earlier step starts a new future from there.");
}

}  // namespace paxoslab::gui
