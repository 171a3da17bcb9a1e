// Invariant bar: the safety and liveness verdict at the cursor. Green "Safe"
// while every observed state is prefix-comparable; red with the checker's
// explanation and both witnesses (also highlighted in the cluster view and
// the chart) on a violation; amber "Stuck" with the liveness explanation.
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

void draw_invariant_bar(const PanelContext& ctx);

}  // namespace paxoslab::gui
