#include "gui/panels/backdrop.hpp"

#include <cstdint>

namespace paxoslab::gui {

void fill_backdrop(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col) {
  if ((dl->Flags & ImDrawListFlags_AntiAliasedFill) == 0) {
    dl->AddRectFilled(min, max, col);
    return;
  }
  dl->PushClipRect(min, max, true);
  dl->AddCallback(&backdrop_marker, reinterpret_cast<void*>(static_cast<std::uintptr_t>(col)));
  dl->PopClipRect();
}

void backdrop_marker(const ImDrawList* /*list*/, const ImDrawCmd* /*cmd*/) {}

ImU32 backdrop_color(const ImDrawCmd& cmd) {
  return static_cast<ImU32>(reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData));
}

}  // namespace paxoslab::gui
