// What every panel gets: read-only views of the model and the UI state, the
// fonts, and the queue it emits Commands into. A panel never changes the
// Session or the UiState itself (docs/architecture.md, "Data flow"); only its own
// view state (scroll, zoom, form fields), passed separately, is its to change.
#pragma once

#include <string>

#include "core/sim/ids.hpp"
#include "gui/app/theme.hpp"
#include "gui/model/chart_model.hpp"
#include "gui/model/command.hpp"
#include "gui/model/lesson_focus.hpp"
#include "gui/model/preferences.hpp"
#include "gui/model/session.hpp"
#include "gui/panels/layout_record.hpp"

namespace paxoslab::gui {

/// UI state shared between panels; changed only by the App applying Commands.
struct UiState {
  NodeId selected{NodeId::Role::Server, 1};  ///< Inspector's node.
  MessageId selected_message;                ///< Highlighted message.
  bool help_open = false;
  std::string open_error;   ///< The last scenario load error ("file:line:col: ..."), or empty.
  std::string status;       ///< One line about the last command (a failed action's reason...).
  std::string exe_dir;      ///< Folder of the running binary (scenario search).
  int side_tab_request = -1;  ///< Side tab to bring to front next frame (-1 = none).
  bool break_finder_open = false;  ///< The break-finder window is shown.
  std::string break_note;          ///< The break-finder's last note ("Saved to ...", "Could not start: ...").
  bool break_note_is_error = false;  ///< break_note reports a failure (drawn in red).
  std::string break_replace_path;  ///< Save found this file already there: the window asks before replacing it.
  bool rules_panel_open = false;   ///< The "Which rule matters?" panel is shown.
};

struct PanelContext {
  const Session& session;
  const UiState& ui;
  const Preferences& prefs;
  const Fonts& fonts;
  const ChartModel& chart;
  CommandQueue& out;
  /// This frame's layout record: every label drawn goes in (gui/panels/labels.hpp).
  LayoutRecord& layout;
  /// What the lesson page talks about (nullptr or inactive = nothing is dimmed).
  const LessonFocus* focus = nullptr;
};

/// Whether node `n` is drawn at full strength (not dimmed by a lesson page).
inline bool in_focus(const PanelContext& ctx, NodeId n) { return ctx.focus == nullptr || ctx.focus->node(n); }
/// Whether a message from `from` to `to` (`env` if known) is drawn at full strength.
inline bool in_focus(const PanelContext& ctx, NodeId from, NodeId to, const Envelope* env) {
  return ctx.focus == nullptr || ctx.focus->message(from, to, env);
}

/// Server s's view at the cursor: the per-frame cache when it is fresh, else
/// computed into `scratch`.
inline const ServerView& view_of(const Session& session, ServerId s, ServerView& scratch) {
  const auto& views = session.frame().views;
  const auto i = static_cast<std::size_t>(s.value - 1);
  if (session.frame_fresh() && i < views.size()) return views[i];
  scratch = session.sim().server(s).view();
  return scratch;
}

/// The liveness verdict at the cursor (cached per frame; the full check only
/// runs when nothing is pending and nothing more is recorded or scheduled).
inline LivenessReport liveness_of(const Session& session) {
  if (session.frame_fresh()) return session.frame().liveness;
  const Simulation& sim = session.sim();
  if (!sim.next_event() && !session.next_tick()) return sim.liveness();
  LivenessReport r;
  r.explanation = "Running.";
  return r;
}

}  // namespace paxoslab::gui
