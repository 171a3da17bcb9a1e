// The one way panels draw text with the draw list: every label in
// the cluster view, the sequence chart, the legends and the message chips goes
// through draw_label or draw_label_box, which draw it and record its box,
// panel and text in the frame's LayoutRecord (gui/panels/layout_record.hpp).
// `--layout-report` and the layout tests read that record; a label that wants
// to avoid others asks LayoutRecord::is_free for a spot first.
//
// The panel is the top-level ImGui window being drawn ("Cluster", "Sequence
// chart", ...). The box of a plain label is its text; a chip's box includes
// its padding, since the chip's background hides what is under it.
#pragma once

#include <string_view>

#include <imgui.h>

#include "gui/panels/layout_record.hpp"

namespace paxoslab::gui {

/// The name labels drawn now are recorded under: the current top-level window.
std::string_view current_panel();

/// The size of `text` in `font` (nullptr = the current font) at `size` pixels.
ImVec2 text_size(ImFont* font, float size, std::string_view text);

/// Draws `text` with its top-left corner at `pos` and records it. With
/// `may_scroll`, a part cut off by the clip rectangle is not reported (the
/// view can be panned to it). Returns the text's box.
Box draw_label(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
               std::string_view text, bool may_scroll = false);

/// Draws `text` centred horizontally on `top_center.x` with its top at
/// `top_center.y` (captions under nodes). Returns its box.
Box draw_label_centered(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 top_center, ImU32 col,
                        std::string_view text);

/// The box a chip with `text` centred at `c` occupies (text plus 4 x 1 px padding).
Box chip_box(ImFont* font, float size, ImVec2 c, std::string_view text);

/// A chip: `text` on a square-cornered `bg_col` box centred at `c` (with a
/// `border_col` outline unless 0), recorded with its whole box. Returns the box.
Box draw_label_box(LayoutRecord& rec, ImDrawList* dl, ImFont* font, float size, ImVec2 c, std::string_view text,
                   ImU32 text_col, ImU32 bg_col, ImU32 border_col = 0, bool may_scroll = false);

}  // namespace paxoslab::gui
