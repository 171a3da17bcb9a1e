// Pending events: everything that can happen next (deliveries, timers,
// scripted actions) in the order auto mode would take them. In manual mode a
// click carries that event out next (cmd::Pick) - the paper's "messages may be
// delivered in any order" made tangible.
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

void draw_pending_events(const PanelContext& ctx);

/// One line for a pending event: "t=20  deliver #3 Acc m2 #1  S1 -> S2".
std::string describe_pending(const Simulation& sim, const PendingEvent& e);

}  // namespace paxoslab::gui
