// The OpenGL side of gui/panels/backdrop.hpp: each backdrop marker in the
// frame's draw data becomes a scissored glClear of its rectangle.
#pragma once

struct ImDrawData;

namespace paxoslab::gui {

/// Points every backdrop marker command of `draw_data` at the OpenGL clear.
/// Call before ImGui_ImplOpenGL3_RenderDrawData, with the GL context current.
void bind_backdrops(ImDrawData* draw_data);

}  // namespace paxoslab::gui
