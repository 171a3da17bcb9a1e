// The sequence chart as a figure for slides (docs/gui.md, "Export the chart"):
// the chart window exactly as the app drew it - arrows, lost-message bars,
// execute boxes, crash crosses, timers, lanes - as SVG with text kept as
// text, or as PNG (the window's pixels, gui/platform/glfw_runner.cpp).
//
// How: for one frame the app draws without anti-aliasing (so every shape is
// plain single-colour triangles) and records every text it draws
// (LayoutRecord::set_capture_texts); after ImGui::Render the chart window's
// draw list is turned into SVG paths - shape triangles only, glyph triangles
// skipped - and the recorded texts into <text> elements.
#pragma once

#include <imgui.h>

#include <string>

#include "gui/panels/layout_record.hpp"

namespace paxoslab::gui {

/// The window the chart is drawn in.
inline constexpr const char* kChartWindow = "Sequence chart";

/// Sets the style for an export frame (anti-aliasing off) and returns the
/// style to restore afterwards.
ImGuiStyle begin_export_style();

/// The SVG of what top-level window `window` (and its children) drew in
/// `data` - the frame after begin_export_style, with texts captured in
/// `record` - cut to `rect` (x, y, width, height in screen pixels; the
/// whole window when its width is 0); empty when the window was not drawn.
std::string window_svg(const ImDrawData& data, const LayoutRecord& record, ImVec4 rect = ImVec4(0, 0, 0, 0),
                       const char* window = kChartWindow);

/// The rectangle of top-level window `window` in the last frame (screen
/// pixels: x, y, width, height); all zero when it was not drawn.
ImVec4 window_rect(const char* window = kChartWindow);

/// `path` if nothing is there, else "stem-2.ext", "stem-3.ext", ... - the
/// first name not taken (an export never replaces a file).
std::string unused_path(const std::string& path);

}  // namespace paxoslab::gui
