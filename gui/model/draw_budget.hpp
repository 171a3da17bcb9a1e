// What the panels draw when a view is crowded: the arithmetic that keeps the
// vertex count near what a learner can tell apart, with no ImGui (tested in
// tests/gui/draw_budget_test.cpp). On a software renderer (Mesa llvmpipe in a
// virtual machine or a remote desktop) every vertex costs CPU, so marks that
// land on the same pixels are merged into one shape instead of being drawn on
// top of each other (docs/gui.md, "Speed").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace paxoslab::gui {

/// A run of marks drawn as one shape: from the first mark's x to the last
/// mark's x (pixels), holding `count` marks.
struct PixelRun {
  float x0 = 0.0f;
  float x1 = 0.0f;
  std::size_t count = 0;
};

/// Groups marks at x positions `xs` (pixels, ascending) into runs: a mark at
/// most `join_px` right of the previous one extends that run, a farther one
/// starts a new run. A lone mark is a run of count 1 with x0 == x1. Empty
/// input gives no runs; `join_px` < 0 is treated as 0 (only marks on the same
/// x join).
std::vector<PixelRun> merge_marks(const std::vector<float>& xs, float join_px);

/// An interval [x0, x1] in pixels (x0 <= x1).
struct PixelSpan {
  float x0 = 0.0f;
  float x1 = 0.0f;
};

/// The union of `spans` (any order; a span with x1 < x0 is swapped): spans
/// that overlap or are at most `join_px` apart become one. The result is
/// sorted by x0 and its spans are disjoint, more than `join_px` apart.
std::vector<PixelSpan> merge_spans(std::vector<PixelSpan> spans, float join_px);

/// The whole pixels (rounded to nearest) that `xs` fall on, ascending, each
/// once: marks drawn at the same pixel are drawn once.
std::vector<float> distinct_pixels(std::vector<float> xs);

/// A line segment from (x0, y0) to (x1, y1), in pixels.
struct PixelSegment {
  float x0 = 0.0f;
  float y0 = 0.0f;
  float x1 = 0.0f;
  float y1 = 0.0f;
};

/// The part of `s` whose x lies in [x_min, x_max] (the chart's visible
/// columns), its ends moved along the segment; the ends keep their order.
/// Nullopt when no part of it does (or x_max < x_min). A vertical segment is
/// kept whole when its x is inside.
std::optional<PixelSegment> clip_to_columns(PixelSegment s, float x_min, float x_max);

/// The columns [x_min, x_max] an arrow from x0 to x1 (x0 <= x1) is drawn in:
/// an arrow entering from the left (x0 < x_min, its sender off the plot) that
/// ends inside (x1 <= x_max) only over its last `stub_px` (its stub), so a
/// line across the whole plot costs its last few pixels; any other arrow over
/// all of [x_min, x_max]. Returns the first column drawn, x_min or more.
float stub_start(float x0, float x1, float x_min, float x_max, float stub_px);

/// The first `ray_px` pixels of `s`, from (x0, y0) towards (x1, y1): `s`
/// itself when it is no longer than that. A ray stands for a long faint line
/// whose whole length a software renderer would shade block by block (the
/// cluster view's client links). `ray_px` < 0 is treated as 0 (the start
/// point, a segment of no length).
PixelSegment ray(PixelSegment s, float ray_px);

/// A line from (x0, y0) to (x1, y1) as one triangle instead of a quad's two:
/// its apex at the start, its base across the end, `half_width` px either
/// side of the line. A quad 3 px wide is two long thin triangles that each
/// touch every 4 x 4 block along the line, so a software renderer shades its
/// blocks twice; the wedge touches them about once. With the line's texture
/// profile across the base and its middle at the apex the line narrows
/// towards its start: for lines that fade in there anyway (the chart's
/// messages in flight, the cluster's client rays). Corners: apex, then the
/// base's left and right seen from the start (for y down: left is the -y
/// side of a line running in +x). A segment shorter than 0.5 px gives nullopt.
struct Wedge {
  float apex_x = 0.0f;
  float apex_y = 0.0f;
  float left_x = 0.0f;
  float left_y = 0.0f;
  float right_x = 0.0f;
  float right_y = 0.0f;
};
std::optional<Wedge> wedge(PixelSegment s, float half_width);

/// The quad of an anti-aliased line `width_px` whole pixels wide drawn from
/// ImGui's baked-lines texture, trimmed to where it can colour a pixel. ImGui
/// draws it width_px + 2 px wide across texels [clear, width_px opaque,
/// clear]; with linear filtering the alpha falls to 0 at the clear texels'
/// centres, half a pixel inside each side, so the outer half pixel on either
/// side is always clear. The trimmed quad, width_px + 1 px wide with the
/// texture row cut by half a texel at each end (u0 + du / 2 and u1 - du / 2,
/// du = (u1 - u0) / (width_px + 2)), gives the same pixels and fewer 4 x 4
/// blocks for a software renderer to shade. width_px < 1 is treated as 1.
struct LineProfile {
  float half_width = 0.0f;  ///< Pixels either side of the line's centre.
  float u0 = 0.0f;          ///< Texture u at the +normal side.
  float u1 = 0.0f;          ///< Texture u at the -normal side.
};
LineProfile trimmed_profile(int width_px, float u0, float u1);

/// How far the cluster view draws each of `links` client links (clients x
/// servers) from its client, in pixels: whole (infinity) while there are at
/// most kWholeClientLinks of them (3 clients and 3 servers, 2 and 5), else
/// rays of kClientRayPx that fade out (a fan of 21 long faint lines across a
/// 7-server view was its costliest shape for a software renderer).
inline constexpr std::size_t kWholeClientLinks = 10;
inline constexpr float kClientRayPx = 90.0f;
float client_link_reach(std::size_t links);

/// Segments drawn once: a segment whose ends round to the same whole pixels
/// as one offered before, in the same style, would be drawn on the same
/// pixels (arrows of one kind between one pair of lanes sent and received
/// in the same pixel columns), so it is drawn only the first time.
///
/// With `cell_px` > 1 the ends are rounded to cells of that many pixels: a
/// segment whose two ends each lie in the cell of one offered before runs
/// side by side with it, at most about cell_px apart (the chart's bundles of
/// messages in flight between one pair of lanes: one line for the bundle).
class SegmentSet {
 public:
  explicit SegmentSet(float cell_px = 1.0f) : cell_px_(cell_px > 1.0f ? cell_px : 1.0f) {}
  /// True the first time a segment with these rounded ends and `style` (a
  /// colour, a width: whatever changes the pixels) is offered, false after.
  /// The same ends in the other order are another segment (another arrow).
  bool first(const PixelSegment& s, std::uint64_t style);
  /// Segments offered that were new.
  std::size_t size() const { return seen_.size(); }

 private:
  float cell_px_ = 1.0f;
  std::set<std::tuple<long, long, long, long, std::uint64_t>> seen_;
};

}  // namespace paxoslab::gui
