// Colours and fonts shared by every panel: one place so the cluster view,
// the chart and the log speak the same visual language (an Accept is the
// same blue everywhere; a leader is gold; a violation is red).
#pragma once

#include <imgui.h>

#include "core/sim/message.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::gui {

/// The fonts the app loaded (nullptr = ImGui's default font).
struct Fonts {
  ImFont* regular = nullptr;
  ImFont* small = nullptr;   ///< Message labels, chart annotations.
  ImFont* bold = nullptr;    ///< Node names, headings.
  ImFont* large = nullptr;   ///< Invariant verdict.
  float scale = 1.0f;        ///< Monitor content scale the sizes were multiplied by.
};

namespace theme {
/// The canvases (cluster view, chart) and the tiled panels around them.
inline constexpr ImU32 kBackground = IM_COL32(24, 27, 33, 255);
/// Behind the panels: the gaps between them, darker than the panels.
inline constexpr ImU32 kBackdrop = IM_COL32(12, 14, 17, 255);
/// Floating windows (the lesson column, popups, the break-finder).
inline constexpr ImU32 kPanel = IM_COL32(30, 34, 41, 255);
inline constexpr ImU32 kGrid = IM_COL32(60, 66, 78, 255);
inline constexpr ImU32 kText = IM_COL32(220, 224, 232, 255);
inline constexpr ImU32 kTextDim = IM_COL32(140, 148, 160, 255);
inline constexpr ImU32 kLink = IM_COL32(80, 88, 104, 255);
inline constexpr ImU32 kLinkCut = IM_COL32(230, 70, 70, 255);
inline constexpr ImU32 kLeader = IM_COL32(240, 190, 60, 255);
inline constexpr ImU32 kFollower = IM_COL32(90, 150, 230, 255);
inline constexpr ImU32 kCandidate = IM_COL32(240, 130, 50, 255);
inline constexpr ImU32 kServerPlain = IM_COL32(150, 160, 175, 255);
inline constexpr ImU32 kCrashed = IM_COL32(90, 92, 98, 255);
inline constexpr ImU32 kClient = IM_COL32(120, 200, 160, 255);
inline constexpr ImU32 kSafe = IM_COL32(46, 160, 90, 255);
inline constexpr ImU32 kViolation = IM_COL32(210, 50, 60, 255);
inline constexpr ImU32 kStuck = IM_COL32(215, 140, 30, 255);
inline constexpr ImU32 kWitness = IM_COL32(255, 80, 200, 255);
inline constexpr ImU32 kSelection = IM_COL32(255, 255, 255, 230);
inline constexpr ImU32 kNow = IM_COL32(255, 210, 80, 200);
inline constexpr ImU32 kChanged = IM_COL32(255, 200, 60, 255);

/// The colour of a message kind (markers, arrows, log rows).
ImU32 message_color(MsgKind k);
/// The colour of a role string from ServerView ("leader", "follower", ...).
ImU32 role_color(const char* role);
/// The colour of a trace event's row in the log.
ImU32 event_color(TraceKind k);
/// Partition group tint (group 1, 2, ...), translucent.
ImU32 group_tint(int group);
/// `c` with alpha multiplied by `a` in [0, 1].
ImU32 fade(ImU32 c, float a);
/// ImVec4 of an ImU32 (for ImGui::TextColored).
ImVec4 vec(ImU32 c);
}  // namespace theme

/// ImGui's style set up for the app (dark, rounded, roomy), scaled by `scale`.
void apply_style(float scale);

}  // namespace paxoslab::gui
