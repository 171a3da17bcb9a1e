// The OpenGL side of gui/panels/backdrop.hpp: each backdrop marker in the
// frame's draw data becomes a scissored glClear of its rectangle, unless the
// window was just cleared to its colour.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// Points every backdrop marker command of `draw_data` at the OpenGL clear,
/// except those of colour `window_clear` (the colour the whole window was
/// cleared to this frame): their rectangle has that colour already, as long
/// as nothing is drawn under a backdrop before it (the tiled panels do not
/// overlap). A software renderer draws a scissored clear as a shaded
/// rectangle, so one clear less is a canvas of pixels less (docs/gui.md,
/// "Speed"). Call before ImGui_ImplOpenGL3_RenderDrawData, with the GL
/// context current.
void bind_backdrops(ImDrawData* draw_data, ImU32 window_clear);

}  // namespace paxoslab::gui
