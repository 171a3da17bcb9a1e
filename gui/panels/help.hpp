// Help window: keyboard shortcuts and a short guide (F1).
#pragma once

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

/// One keyboard shortcut, as listed in the Help window.
struct Shortcut {
  const char* keys;
  const char* action;
};

/// Every shortcut of the app (the single source for the Help window and tests).
const Shortcut* shortcuts(int& count);

/// Draws the Help window when ctx.ui.help_open (closing it emits cmd::ShowHelp{false}).
void draw_help(const PanelContext& ctx);

}  // namespace paxoslab::gui
