// Compare view: two stages side by side in lockstep. Each column has
// the stage's name and verdict, the cluster view, the sequence chart and the
// invariant bar of that side (the single-run panels, drawn from the side's
// mirror Session); above them the shared controls (step, play/pause, step
// back, reset), the stage-neutral fault buttons that go to both sides, each
// side's note or error for the last fault ("not applicable on Stage 1: ..."),
// and the difference summary (both verdicts and Comparison::first_difference
// with its kind, tick and sentence). The first difference's tick is marked by
// a vertical line in both charts.
//
// Data flow as in the app: drawing never changes the CompareSession; buttons
// push CompareCommands, and clicks inside a side's panels push the usual
// Commands into that side's queue; update_compare() applies both next frame
// (a fault clicked on one side goes to both, mapped by Comparison::apply).
#pragma once

#include <array>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <imgui.h>

#include "gui/model/chart_model.hpp"
#include "gui/model/command.hpp"
#include "gui/model/compare_session.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/panel_context.hpp"
#include "gui/panels/sequence_chart.hpp"

namespace paxoslab::gui {

namespace ccmd {
struct Step { bool operator==(const Step&) const = default; };
struct StepBack { bool operator==(const StepBack&) const = default; };
struct Reset { bool operator==(const Reset&) const = default; };
struct TogglePlay { bool operator==(const TogglePlay&) const = default; };
/// Apply `action` to both sides; message ids in it are side `source`'s.
struct Apply { Action action; int source = 0; bool operator==(const Apply&) const = default; };
/// Leave compare mode.
struct Close { bool operator==(const Close&) const = default; };
}  // namespace ccmd
using CompareCommand = std::variant<ccmd::Step, ccmd::StepBack, ccmd::Reset, ccmd::TogglePlay, ccmd::Apply, ccmd::Close>;

/// The compare view's own state: each side's panel states and caches, the
/// fault form's fields, and the commands emitted this frame.
struct CompareViewState {
  std::array<ChartModel, 2> charts;
  std::array<ClusterViewState, 2> clusters;
  std::array<ChartState, 2> chart_states;
  std::array<UiState, 2> ui;
  std::array<CommandQueue, 2> side_queues;   ///< What the side's own panels emitted.
  std::vector<CompareCommand> out;           ///< What the shared bar emitted.
  int from_server = 1;                       ///< "lose next message A->B": A.
  int to_server = 2;                         ///< ...and B.
  int server = 1;                            ///< crash / restart / suspects-its-leader target.
  int client = 1;                            ///< "client C_j sends next request".
  unsigned partition_mask = 1;               ///< Bit s-1 set: S_s is in the first group.
  bool close_requested = false;              ///< Set by update_compare on ccmd::Close.
};

/// Applies the commands queued last frame, advances playback by `dt_seconds`
/// and refreshes both charts' caches. Call before draw_compare_view.
void update_compare(CompareSession& session, CompareViewState& state, float dt_seconds);

/// Draws the compare view inside a window filling (pos, size).
void draw_compare_view(const CompareSession& session, CompareViewState& state, const Preferences& prefs,
                       const Fonts& fonts, LayoutRecord& layout, ImVec2 pos, ImVec2 size);

/// The "Compare..." action of the set-up tab: two stage pickers and "Open".
struct CompareOpenState {
  int stage_a = 2;
  int stage_b = 3;
  /// Set by draw_compare_open when the user asks; the App opens it next frame.
  std::optional<std::pair<int, int>> requested;
};

/// Draws "Compare..." (opens a popup choosing two stages) in the current
/// window; the choice lands in `state.requested`.
void draw_compare_open(const PanelContext& ctx, CompareOpenState& state);

/// The next request id the cluster would send ("m<k+1>", k = the largest sent on either side).
RequestId next_request(const CompareSession& session);

}  // namespace paxoslab::gui
