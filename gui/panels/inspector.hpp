// Inspector: everything about the selected server (role, leader belief and
// suspicions, the stage's ServerView fields, the per-slot table of
// (vrnd, vval), decided values and learns, sigma, timers) or client (sent
// requests, replies). Values the last step changed are highlighted.
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

void draw_inspector(const PanelContext& ctx);

}  // namespace paxoslab::gui
