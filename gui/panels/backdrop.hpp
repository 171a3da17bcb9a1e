// Opaque canvas backgrounds (the cluster view's and the chart's) as a
// rectangle the renderer clears to a colour instead of two blended, shaded
// triangles: a software renderer (Mesa llvmpipe) shades and blends every
// pixel of a filled rectangle, while a clear only writes the colour. The two
// canvases cover about half of a 1280x800 window (docs/gui.md, "Speed").
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// Marks `dl`'s rectangle [min, max] (inside its current clip rectangle) to be
/// filled with the opaque colour `col` before what is drawn after it. In the
/// draw list it is a callback command (backdrop_marker) whose clip rectangle
/// is the rectangle and whose data is the colour; the renderer replaces the
/// marker by its clear (gui/platform/backdrop_gl.hpp). A draw list without
/// anti-aliasing (a chart export, which keeps only triangles) gets an ordinary
/// filled rectangle instead.
void fill_backdrop(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col);

/// The callback fill_backdrop adds: does nothing itself (a renderer that does
/// not replace it draws no background).
void backdrop_marker(const ImDrawList* list, const ImDrawCmd* cmd);

/// The colour of a backdrop command (one whose UserCallback is backdrop_marker).
ImU32 backdrop_color(const ImDrawCmd& cmd);

}  // namespace paxoslab::gui
