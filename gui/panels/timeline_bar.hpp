// The timeline scrubber: one bar over every recorded step. Orange ticks mark
// the user's and the script's actions (faults, requests), a red tick the
// first safety violation, the thumb the cursor. Click or drag to rewind or
// replay (cmd::JumpToStep).
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

void draw_timeline_bar(const PanelContext& ctx);

}  // namespace paxoslab::gui
