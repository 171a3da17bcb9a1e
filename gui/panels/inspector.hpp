// Inspector: everything about the selected server (role as the cluster view
// words it, its failure detector's leader and suspicions, the stage's
// ServerView fields, the per-slot table of (vrnd, vval), decided values and
// learns, sigma, what its handler still has to do, timers) or client (sent
// requests, replies). Values the last step changed are highlighted. The node
// buttons wrap onto more rows where one row is full.
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

void draw_inspector(const PanelContext& ctx);

}  // namespace paxoslab::gui
