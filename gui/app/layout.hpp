// The fixed, docked-looking layout (Debian's ImGui 1.86 has no docking):
// controls bar on top, cluster view and sequence chart in the centre, the
// side tabs (inspector, pending, faults, set-up) and the event log on the
// right, the invariant bar at the bottom. Pure arithmetic on the viewport
// size, so it is testable and never overlaps.
#pragma once

#include <imgui.h>

namespace paxoslab::gui {

struct PanelRect {
  ImVec2 pos{0, 0};
  ImVec2 size{0, 0};
};

struct Layout {
  PanelRect controls;
  PanelRect cluster;
  PanelRect logs;     ///< The all-servers log view under the cluster view (size 0 when hidden).
  PanelRect chart;
  PanelRect side;
  PanelRect log;
  PanelRect invariant;
};

/// Pixels between two panels.
inline constexpr float kPanelGapPx = 4.0f;

/// Splits a viewport at `origin` of `size` pixels; `font_px` sizes the bars.
/// `logs_h` (0 = hidden) is the log view's wanted height: it goes between the
/// cluster view and the chart, capped at 40% of the centre column.
Layout compute_layout(ImVec2 origin, ImVec2 size, float font_px, float logs_h = 0.0f);

/// Fills the kPanelGapPx bands between the panels of `l` (size > 0) with
/// `col`, each once: the gaps between panels that draw no background (or
/// border) of their own.
void draw_gaps(ImDrawList* dl, const Layout& l, ImU32 col);

}  // namespace paxoslab::gui
