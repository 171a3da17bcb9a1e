// Dimming what a lesson page does not talk about: whatever a draw
// list received since a mark is faded to a fraction of its opacity by scaling
// the alpha of those vertices, so a panel dims one item (an arrow, a node and
// its captions) without a second set of colours.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// Opacity of an item the page does not talk about.
inline constexpr float kDimAlpha = 0.28f;

/// Marks where an item starts in `dl`; fade_since() fades from there.
inline int fade_mark(const ImDrawList* dl) { return dl->VtxBuffer.Size; }

/// Multiplies the alpha of every vertex added to `dl` since `mark` by `alpha` (0..1).
void fade_since(ImDrawList* dl, int mark, float alpha = kDimAlpha);

}  // namespace paxoslab::gui
