// Small drawing helpers shared by the panels: icon buttons drawn with the
// draw list (no icon font needed), tooltips, dashed lines and stars.
#pragma once

#include <imgui.h>

#include "gui/app/theme.hpp"

namespace paxoslab::gui {

enum class Icon { Play, Pause, StepForward, StepBack, JumpStart, JumpEnd, Reset };

/// A square button showing `icon`; `tooltip` on hover, followed when greyed
/// out by `why_disabled` (the reason). Returns true when clicked.
bool icon_button(const char* id, Icon icon, const char* tooltip, bool enabled = true, const char* why_disabled = nullptr);
/// Tooltip for the last item (text wrapped at a comfortable width).
void item_tooltip(const char* text);
/// SameLine() if an item `next_width` wide still fits on the current row, else nothing
/// (the next item starts a new row). Call it between items instead of SameLine().
void same_line_if_fits(float next_width);
/// A rounded badge ("SAFE", "VIOLATION") in the bold font (if loaded), white
/// text on `bg`, at the cursor; the cursor moves past it.
void pill(const Fonts& fonts, const char* text, ImU32 bg);
/// A dashed line from a to b (dash and gap in pixels).
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, float dash = 6, float gap = 4);
/// A 1 px horizontal line from x0 to x1 on the pixel row ImGui's AddLine at
/// `y` would cover (floor(y + 0.5)), or vertical from y0 to y1 on column
/// floor(x + 0.5): a whole-pixel rectangle, 2 triangles with no fringe (one
/// rectangle to a software renderer; docs/gui.md, "Speed").
void hline(ImDrawList* dl, float x0, float x1, float y, ImU32 col);
void vline(ImDrawList* dl, float x, float y0, float y1, ImU32 col);
/// A 1 px line from a to b as one anti-aliased triangle from the baked-lines
/// texture (`wedge` in draw_budget.hpp: half the blocks of a quad for a
/// software renderer): full width at b, narrowing to a point at a; the
/// colour from `col_a` at a to `col_b` at b. Where the draw list has no such
/// texture (the chart export), a plain 1 px line in `col_b`.
void wedge_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col_a, ImU32 col_b);
/// A wedge_line from a (transparent) to b (`col`), fading in along its way.
void fading_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col);
/// A filled five-pointed star centred at c.
void star(ImDrawList* dl, ImVec2 c, float radius, ImU32 fill, ImU32 outline);
/// An arrowhead at `tip` pointing along (tip - from).
void arrow_head(ImDrawList* dl, ImVec2 from, ImVec2 tip, float size, ImU32 col);
/// A small heading with a rule under it (ImGui 1.86 has no SeparatorText).
void section_title(const char* text);
/// Squared distance from p to the segment a-b.
float distance_sq_to_segment(ImVec2 p, ImVec2 a, ImVec2 b);

}  // namespace paxoslab::gui
