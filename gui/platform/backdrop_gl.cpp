#include "gui/platform/backdrop_gl.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "gui/panels/backdrop.hpp"

namespace paxoslab::gui {

namespace {

/// Clears the command's clip rectangle to its colour. The OpenGL3 backend
/// keeps the scissor test on and sets the scissor again for the next draw
/// command; the runner sets the clear colour again each frame.
void clear_backdrop(const ImDrawList* /*list*/, const ImDrawCmd* cmd) {
  const ImDrawData* dd = ImGui::GetDrawData();
  if (dd == nullptr) return;
  const ImVec2 off = dd->DisplayPos;
  const ImVec2 scale = dd->FramebufferScale;
  const float fb_h = dd->DisplaySize.y * scale.y;
  const float x0 = std::max(0.0f, (cmd->ClipRect.x - off.x) * scale.x);
  const float y0 = std::max(0.0f, (cmd->ClipRect.y - off.y) * scale.y);
  const float x1 = (cmd->ClipRect.z - off.x) * scale.x;
  const float y1 = std::min(fb_h, (cmd->ClipRect.w - off.y) * scale.y);
  if (x1 <= x0 || y1 <= y0) return;
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(backdrop_color(*cmd));
  glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_h - y1), static_cast<GLsizei>(x1 - x0),
            static_cast<GLsizei>(y1 - y0));
  glClearColor(c.x, c.y, c.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

void bind_backdrops(ImDrawData* draw_data, ImU32 window_clear) {
  for (int i = 0; draw_data != nullptr && i < draw_data->CmdListsCount; ++i)
    for (ImDrawCmd& cmd : draw_data->CmdLists[i]->CmdBuffer)
      if (cmd.UserCallback == &backdrop_marker && (backdrop_color(cmd) | IM_COL32_A_MASK) != (window_clear | IM_COL32_A_MASK))
        cmd.UserCallback = &clear_backdrop;
}

}  // namespace paxoslab::gui
