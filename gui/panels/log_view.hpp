// Log view: every server's log side by side (gui/model/log_view_model.hpp),
// one row per server, one column per slot (Stage 4), sequence number j
// (Stages 1-3) or sigma position (Stage 0). Cells show accepted (vrnd, vval),
// decided, executed and no-op entries; a cell the last step changed glows for
// a moment. Stage 4: hovering a decided cell outlines the servers whose
// Learns decided it (its quorum), hovering a leader's round outlines the
// acceptors whose Promise made that round; with nothing hovered, the leader's
// latest decided slot and its round's promises are outlined, so the quorum
// intersection is something a learner can point at. Scrolls horizontally,
// following the newest column unless the user scrolled back.
#pragma once

#include <cstdint>
#include <map>
#include <utility>

#include "gui/model/log_view_model.hpp"
#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

/// The log view's own state: the last model (to find what changed), when each
/// cell changed (ImGui::GetTime() seconds), and the scroll follow.
struct LogViewState {
  LogViewModel last;
  std::uint64_t last_generation = static_cast<std::uint64_t>(-1);
  std::map<std::pair<std::size_t, std::int64_t>, double> changed_at;
  std::int64_t followed_columns = -1;  ///< Columns when the view last scrolled to the newest.
  /// What the mouse is on this frame (tests read it): a cell (row, column),
  /// or a row's round (row, 0); row = SIZE_MAX for nothing.
  std::pair<std::size_t, std::int64_t> hovered{static_cast<std::size_t>(-1), 0};
};

/// The height the view needs for `servers` rows (pixels, `font_px` = the
/// regular font size): a heading row, one row per server, the caption line
/// and the horizontal scrollbar.
float log_view_height(int servers, float font_px);

/// Draws the view inside the current window.
void draw_log_view(const PanelContext& ctx, LogViewState& state);

}  // namespace paxoslab::gui
