// The break-finder window: "Find a way to break this stage" (the
// search itself is core/search, run by gui/model/break_finder.hpp).
//
// Three faces, one window:
//  - the bounds form (stage = the current stage; servers, clients, requests,
//    max losses, crashes, suspicions, reorders, depth and states; each input
//    clamped to its range, validate()'s sentence in red when the set is
//    invalid) and a Start button;
//  - while searching: a progress bar (the level being expanded out of
//    max depth), states explored, unique states, frontier, states/s, elapsed
//    time, and Cancel;
//  - the finding: "Here is how Stage N breaks in D steps:" with the
//    checker's explanation, where on the timeline the break shows (Jump to the
//    break / Back to the start), and "Save counterexample as..."; or "No way
//    to break Stage N within these bounds (...)" with the states explored.
// Like every panel it only emits Commands (cmd::StartBreakSearch, ...) and
// changes nothing but its own form state.
#pragma once

#include <array>
#include <cstdint>

#include <imgui.h>

#include "core/search/search.hpp"
#include "gui/model/break_finder.hpp"
#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

/// The window's own state: the bounds being edited and the save path field.
struct BreakFinderWindowState {
  SearchBounds edit;                      ///< The bounds in the form.
  int edit_stage = -1;                    ///< The stage `edit` was defaulted for (-1 = not yet).
  std::array<char, 512> save_path{};      ///< "Save counterexample as" field.
  std::uint64_t synced_finding = 0;       ///< The finding save_path was filled for.
};

/// What the window shows besides the PanelContext.
struct BreakFinderView {
  const BreakFinder& finder;              ///< The search (running or idle).
  const BreakFinding* finding = nullptr;  ///< The last finished search, if any.
  std::uint64_t finding_id = 0;           ///< Changes with every new finding (1, 2, ...).
  bool finding_on_screen = false;         ///< The session is that finding's counterexample.
};

/// Draws the window when ctx.ui.break_finder_open (closing it emits
/// cmd::ShowBreakFinder{false}). It first appears with its top-right corner
/// at `anchor` (the App puts it over the event log and the right of the chart,
/// leaving the cluster view and the Inspector free).
void draw_break_finder_window(const PanelContext& ctx, const BreakFinderView& view, BreakFinderWindowState& state,
                              ImVec2 anchor);

}  // namespace paxoslab::gui
