// Lesson panel: the lesson list with progress marks and broken
// files; the open lesson's narration rendered from Markdown, Back / Next,
// Replay, compare mode; its exercises with live success, hints and "Show me";
// and the page's highlight drawn over the cluster view and the sequence chart.
//
// The panel only reads the LessonModel and emits lesson_cmd values into
// `out`; the App applies them next frame (docs/architecture.md, "Data flow").
#pragma once

#include <map>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/sim/simulation.hpp"
#include "gui/app/theme.hpp"
#include "gui/model/lesson_markdown.hpp"
#include "gui/model/lesson_model.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/sequence_chart.hpp"

namespace paxoslab::gui {

/// The panel's own view state.
struct LessonPanelState {
  /// Parsed Markdown per source text (lesson texts are few and small).
  std::map<std::string, std::vector<MdBlock>> markdown_cache;
  bool confirm_reset = false;
};

/// Draws the panel inside the current window (fills its content region).
/// `run_servers` is the app's run's number of servers (0 = unknown): when it
/// differs from the lesson's, the page says so at its top, before its text
/// and any question.
void draw_lesson_panel(const LessonModel& model, LessonPanelState& state, const Fonts& fonts,
                       std::vector<LessonCommand>& out, int run_servers = 0);

/// "The lesson is written for 3 servers and runs with 2 here: its words may
/// not match the run." - empty when `run_servers` is 0 or the lesson's own.
std::string servers_warning(const Lesson& lesson, int run_servers);

/// Draws parsed Markdown wrapped to the current content width: headings in
/// the bold (level 1: large) font, **strong** bold, *emphasis* tinted, `code`
/// on a dark box, lists with bullets or numbers, links underlined in link
/// colour with their URL as a tooltip.
void draw_markdown(const std::vector<MdBlock>& blocks, const Fonts& fonts);

/// Draws `highlight`: rings around its servers and lane
/// nodes in the cluster view, rings around matching in-flight messages, and a
/// band over its lanes in the sequence chart - using where those panels drew
/// things last frame (`cluster`, `chart`). `sim` resolves message markers.
/// Drawn into each panel's own draw list (`cluster_dl`, `chart_dl`; nullptr
/// skips that panel), clipped to the panel's canvas, so a ring never covers
/// another window; a server's ring leaves a gap at the bottom for its caption
/// and a client's hugs its square, clear of the caption under it.
void draw_lesson_highlight(const Highlight& highlight, const ClusterViewState& cluster, const ChartState& chart,
                           const Simulation& sim, double pulse_seconds, ImDrawList* cluster_dl, ImDrawList* chart_dl);

}  // namespace paxoslab::gui
