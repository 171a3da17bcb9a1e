// Sequence chart in the paper's visual language: one lane per client and
// server, time left to right, arrows for messages (Send to Deliver), a bar
// end for a lost one, a star for a crash, a box with the request name for an
// execution, dashed brackets for timers, "Leader" marks, replies labelled with
// the state they carry ("<m2 m1>").
//
// An arrow entering from the left edge (sent before the visible range) and
// ending inside it is drawn as its last 64 px, in flight fading in: its
// sender is off the plot; selected, it is drawn whole.
//
// Only the visible time range is drawn: the ChartModel keeps items in tick
// order and the panel binary-searches the first visible one (so a 10,000-
// event trace costs what is on screen). Mouse wheel scrolls, Ctrl+wheel
// zooms around the mouse, dragging pans; the view follows the current time
// until the user pans, and "Follow" turns it back on. Clicking the time ruler
// jumps the whole app to that time.
#pragma once

#include <optional>
#include <vector>

#include <imgui.h>

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct ChartState {
  double px_per_tick = 4.0;
  double left_tick = 0.0;
  bool follow = true;
  std::uint64_t fitted_generation = UINT64_MAX;  ///< Zoom is fitted once per new run.
  /// A lesson page's frame around its moment, set by the App each
  /// frame: the view zooms to it whenever it changes (and stops following);
  /// when it goes away (the learner chose "Whole run") the whole run is fitted.
  /// The learner can still zoom and pan inside it.
  std::optional<TickRange> frame;
  std::optional<TickRange> applied_frame;  ///< The frame the view was last zoomed to.
  // Drawn last frame (tests and hit testing):
  ImVec2 plot_min{0, 0};
  ImVec2 plot_max{0, 0};
  /// The whole chart below the toolbar (lane names, ruler, lanes): what an export shows.
  ImVec2 canvas_min{0, 0};
  ImVec2 canvas_max{0, 0};
  /// The export popup's file name, without extension.
  char export_name[256] = "paxos-lab-chart";
};

/// Maps ticks and nodes to pixels for one frame.
struct ChartFrame {
  ImVec2 plot_min;   ///< Top-left of the lanes area (right of the lane labels, below the ruler).
  ImVec2 plot_max;
  double left_tick = 0;
  double px_per_tick = 1;
  std::vector<NodeId> lanes;   ///< Top to bottom.
  std::vector<float> lane_y;
  std::uint64_t upto = 0;      ///< Trace events visible at the cursor (seq < upto).
  double now = 0;              ///< Display time.
  float x(double tick) const { return plot_min.x + static_cast<float>((tick - left_tick) * px_per_tick); }
  double tick_at(float px) const { return left_tick + static_cast<double>(px - plot_min.x) / px_per_tick; }
  /// y of node n's lane (plot_min.y if not shown).
  float y(NodeId n) const;
};

/// Something drawn that the mouse can point at.
struct ChartHit {
  enum class Type : std::uint8_t { Arrow, Mark, Timer } type = Type::Arrow;
  std::size_t index = 0;   ///< Into the ChartModel's arrows / marks / timers.
  ImVec2 a, b;             ///< Arrow segment, or the mark's / timer's box.
};

void draw_sequence_chart(const PanelContext& ctx, ChartState& state);

/// Draws the visible timers, arrows and marks (chart_items.cpp); appends hit areas.
void draw_chart_items(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, std::vector<ChartHit>& hits);
/// Tooltip text for a hit.
std::string chart_hit_text(const PanelContext& ctx, const ChartHit& h);

}  // namespace paxoslab::gui
