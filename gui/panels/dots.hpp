// Small filled dots (messages in the cluster view, in-flight arrow heads in
// the chart) as one textured quad each: an anti-aliased disc is baked into
// the font atlas once per radius, so a dot costs 2 triangles instead of the
// 22 of an anti-aliased 8-sided polygon - a software renderer (Mesa llvmpipe)
// pays per triangle (docs/gui.md, "Speed"). The quad uses the atlas every
// window already draws with, so no extra draw call or texture switch.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// The radii (pixels) that have a baked disc: the dots' and kDiscRadius.
inline constexpr float kDotRadii[2] = {4.5f, 3.5f};
/// A larger baked disc, drawn scaled down (scaled_disc) as the cluster's
/// server fills (radius 16-30 px).
inline constexpr float kDiscRadius = 30.0f;

/// Adds one custom rectangle per kDotRadii and kDiscRadius to `atlas`, builds the atlas and
/// paints each disc's coverage into its RGBA texture: 1 inside, a 1 px ramp
/// at the edge (as ImGui's anti-aliased fill), 0 outside. Call after the
/// fonts are added and before the renderer uploads the atlas.
void bake_dot_discs(ImFontAtlas* atlas);

/// Where the disc of one radius sits in the atlas.
struct DotStamp {
  float radius = 0.0f;
  float side = 0.0f;  ///< The quad's side in pixels, centred on the dot.
  ImVec2 uv0{0, 0};
  ImVec2 uv1{0, 0};
  bool baked = false;  ///< False: no disc of that radius (dot() draws a polygon).
};

/// The baked disc of `radius` in the current ImGui context's font atlas.
DotStamp dot_stamp(float radius);

/// A filled anti-aliased dot of `radius` px centred at c: the stamp's quad
/// when it is baked for that radius and `dl` draws anti-aliased with the font
/// atlas; otherwise AddCircleFilled with 8 segments (chart exports draw
/// without anti-aliasing and keep only untextured shapes).
void dot(ImDrawList* dl, const DotStamp& stamp, ImVec2 c, float radius, ImU32 col);

/// A filled disc of `radius` px (radius <= the stamp's) centred at c: the
/// stamp's quad scaled to it, one rectangle that a software renderer shades
/// once (a polygon's slices each touch the blocks near its centre again).
/// Its 1 px edge ramp scales with it: for a fill whose edge lies under a
/// ring. False (nothing drawn) when the stamp is not baked, is smaller than
/// `radius`, or `dl` does not draw anti-aliased with the font atlas.
bool scaled_disc(ImDrawList* dl, const DotStamp& stamp, ImVec2 c, float radius, ImU32 col);

}  // namespace paxoslab::gui
