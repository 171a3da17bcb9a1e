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
  PanelRect chart;
  PanelRect side;
  PanelRect log;
  PanelRect invariant;
};

/// Splits a viewport at `origin` of `size` pixels; `font_px` sizes the bars.
Layout compute_layout(ImVec2 origin, ImVec2 size, float font_px);

}  // namespace paxoslab::gui
