// The "Which rule matters?" panel (W, View menu; docs/gui.md): the current
// stage's rules, each with its id and sentence. A rule that can be switched
// off (docs/protocol.md, "Variants") has a checkbox - ticked = in force;
// the others are greyed, their tooltip says why they stay on. "Find a break"
// asks the app to search that variant with the break-finder
// (cmd::FindVariantBreak); the panel then shows the search's progress and
// its outcome in words (gui/model/rules_panel.hpp), while the main view plays
// a verified break under a banner (draw_variant_banner).
// Like every panel it only emits Commands and changes only its own state.
#pragma once

#include <string>

#include <imgui.h>

#include "gui/model/break_finder.hpp"
#include "gui/model/rules_panel.hpp"
#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

/// The panel's own state: which rules the learner switched off.
struct RulesPanelState {
  RuleSwitches switches;
};

/// What the panel shows besides the PanelContext.
struct RulesPanelView {
  const BreakFinder& finder;              ///< The break-finder (running or idle).
  bool searching = false;                 ///< The running search is this panel's variant search.
  const BreakFinding* finding = nullptr;  ///< The panel's last finished search, or nullptr.
  bool finding_on_screen = false;         ///< The main view shows that finding's break.
  std::string note;                       ///< Why the last Find a break did not start, or empty.
};

/// Draws the panel when ctx.ui.rules_panel_open (closing it emits
/// cmd::ShowRulesPanel{false}). It first appears with its top-right corner at
/// `anchor`, at most `max_size` pixels (x: at most 32 font sizes wide; y:
/// the rule list scrolls when the rules do not fit).
/// The switches follow the stage on screen (RuleSwitches::sync_stage with
/// the run's own `without`).
void draw_rules_panel(const PanelContext& ctx, const RulesPanelView& view, RulesPanelState& st, ImVec2 anchor,
                      ImVec2 max_size);

/// Draws the banner over a variant's break at the cursor, across the
/// window's content width: `variant` ("Stage 4 (LeaderChange) without
/// durable-promise") in bold, then `sentence` (gui::variant_banner) wrapped.
/// The cursor ends below it, so a view drawn next (the cluster view) takes
/// the space left. Takes no input.
void draw_variant_banner(const PanelContext& ctx, const std::string& variant, const std::string& sentence);

}  // namespace paxoslab::gui
