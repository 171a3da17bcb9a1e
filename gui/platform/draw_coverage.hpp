// What a frame's triangles cost a software rasterizer (Mesa llvmpipe), from
// the draw lists alone, for `paxos-lab --bench-frames` (docs/gui.md,
// "Speed"): llvmpipe shades a triangle in blocks of 4 x 4 pixels, every
// block it touches whole, so a long thin line or a small glyph costs its
// blocks, not its area.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

/// Both counts add up every triangle on its own (overlaps count again); a
/// triangle wholly outside its clip rectangle counts nothing.
///
/// With no depth buffer (our window's) llvmpipe draws two triangles that
/// make an axis-aligned rectangle (a glyph, a filled rectangle) as one
/// rectangle: its blocks are shaded once, not once per triangle.
struct Coverage {
  double area_px = 0.0;   ///< The triangles' area in pixels.
  double block_px = 0.0;  ///< 16 per 4 x 4 block a triangle touches inside its clip rectangle.
  /// As block_px, but a rectangle's two triangles (consecutive in the index
  /// buffer) count its blocks once.
  double block_px_rects_once = 0.0;
  /// block_px_rects_once by what a triangle draws, told by its texture
  /// coordinates in the font atlas: glyphs, a baked disc or other custom
  /// rectangle (dots), the baked-lines texture (whole-pixel lines), or the
  /// white pixel (solid fills: rectangles, polygons, fringes).
  enum Kind { kText = 0, kDot, kLine, kFill, kKinds };
  double by_kind[kKinds] = {0, 0, 0, 0};
};

/// The coverage of `list`'s triangles (callback commands skipped).
Coverage draw_list_coverage(const ImDrawList& list);

}  // namespace paxoslab::gui
