// Anti-aliased lines of whole-pixel width as ImGui draws them from its
// baked-lines texture, but each quad half a pixel narrower on either side
// (trimmed_profile in draw_budget.hpp): the pixels are the same - the outer
// half pixel of ImGui's quad is always clear - and a software renderer
// (Mesa llvmpipe) shades fewer 4 x 4 blocks along every line (docs/gui.md,
// "Speed"). Where the texture cannot be used (a fractional width, a draw
// list without anti-aliased textured lines: the chart export) each falls
// back to ImGui's own call.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// As ImDrawList::AddLine(a, b, col, thickness).
void line_px(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness);

/// As ImDrawList::AddPolyline(pts, count, col, closed ? ImDrawFlags_Closed : 0, thickness).
void polyline_px(ImDrawList* dl, const ImVec2* pts, int count, ImU32 col, bool closed, float thickness);

/// As ImDrawList::PathStroke(col, closed ? ImDrawFlags_Closed : 0, thickness):
/// strokes the draw list's current path and clears it.
void stroke_path_px(ImDrawList* dl, ImU32 col, bool closed, float thickness);

/// As ImDrawList::AddCircle(c, radius, col, segments, thickness), segments >= 3.
void circle_px(ImDrawList* dl, ImVec2 c, float radius, ImU32 col, int segments, float thickness);

}  // namespace paxoslab::gui
