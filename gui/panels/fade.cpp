#include "gui/panels/fade.hpp"

#include <algorithm>

namespace paxoslab::gui {

void fade_since(ImDrawList* dl, int mark, float alpha) {
  const float k = std::clamp(alpha, 0.0f, 1.0f);
  for (int i = std::max(0, mark); i < dl->VtxBuffer.Size; ++i) {
    ImU32& col = dl->VtxBuffer[i].col;
    const auto a = static_cast<ImU32>(static_cast<float>((col >> IM_COL32_A_SHIFT) & 0xFFu) * k + 0.5f);
    col = (col & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
  }
}

}  // namespace paxoslab::gui
