// Cluster view: servers on a circle, clients at the side, links, partitions
// and the messages in flight as labelled markers moving along their links.
//
// Positions are a function of simulated time: a message sent at s and due at
// a is drawn at fraction (display_time - s) / (a - s) of its link, so while
// playing (display_time between two events) markers glide. A lost message
// falls away for a few ticks after its Drop event; duplicates are two
// markers. Everything is clickable: a message (deliver now / lose / duplicate
// / delay; in manual mode a left click delivers it), a server (crash,
// restart, false suspicion, isolate), a link (cut / mend), a client (send the
// next request). Each click emits a Command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/sim/ids.hpp"
#include "gui/model/node_state.hpp"
#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

/// Where the nodes are, in screen pixels (computed each frame).
struct ClusterGeometry {
  ImVec2 origin{0, 0};
  ImVec2 size{0, 0};
  float node_radius = 24.0f;
  std::vector<ImVec2> servers;  ///< [s - 1]
  std::vector<ImVec2> clients;  ///< [c - 1]
  /// Centre of node n (origin if unknown).
  ImVec2 pos(NodeId n) const;
  /// Whether the rectangle (mn, mx) comes within `margin` of a server's circle or a
  /// client's square (message labels there are drawn as plain dots).
  bool covers_node(ImVec2 mn, ImVec2 mx, float margin) const;
};

/// Lays out `servers` (1..7) on a circle and `clients` in a column at the left
/// of the rectangle (origin, size).
ClusterGeometry layout_cluster(ImVec2 origin, ImVec2 size, int servers, int clients);

/// A message marker as drawn this frame (for hit testing and tests).
struct MessageMarker {
  MessageId id;
  ImVec2 center;
  ImVec2 min;
  ImVec2 max;
};

/// How long a changed state line on a node glows (wall-clock seconds).
inline constexpr double kChangeFadeSeconds = 1.5;

/// The state lines last drawn on each server ([s - 1]) and when each line last
/// changed (ImGui::GetTime() seconds; -1e9 = not since the run started), so
/// the line a step changed glows and fades.
struct NodeLineMemory {
  std::vector<std::vector<NodeLine>> lines;
  std::vector<std::vector<double>> changed_at;
  std::uint64_t generation = static_cast<std::uint64_t>(-1);
};

/// The cluster view's own state: which context menu is open for what, and
/// what was drawn last frame (tests read it to aim their clicks).
struct ClusterViewState {
  MessageId menu_message;
  NodeId menu_node;
  ServerId menu_link_a;
  ServerId menu_link_b;
  int delay_ticks = 20;
  ClusterGeometry geometry;
  std::vector<MessageMarker> markers;
  NodeLineMemory node_lines;
};

/// Draws the view inside the current window, filling its content region.
void draw_cluster_view(const PanelContext& ctx, ClusterViewState& state);

// ---- parts (cluster_*.cpp) ----
/// Links, partition regions, and the link under `mouse` (servers a < b) if any.
void draw_cluster_links(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse,
                        bool can_hover, ServerId& hovered_a, ServerId& hovered_b);
/// Updates `memory` to the state lines at the cursor; lines that differ from
/// the last frame's (same run) are stamped `now_seconds`.
void remember_node_lines(const PanelContext& ctx, NodeLineMemory& memory, double now_seconds);
/// Server and client nodes (with the state lines in `memory`); returns the
/// node under `mouse` (invalid if none).
NodeId draw_cluster_nodes(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse,
                          const NodeLineMemory& memory, double now_seconds);
/// Timers drawn on their nodes: a server's Stage timers (retransmission) as
/// countdown rings just inside its circle, each failure-detector timer as a
/// small pie on the rim facing the peer it watches, a client's retry timer as
/// a bar inside its square; each shows the fraction of its time left. Returns
/// the hover label of the timer under `mouse` (empty if none).
std::string draw_cluster_timers(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse);
/// In-flight markers and falling lost messages; fills `out` with the markers.
/// Dots go to `split`'s channel 0 (under the nodes), chips to channel 1, where
/// no node, label or legend recorded so far is (call it after those).
void draw_cluster_messages(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl,
                           ImDrawListSplitter& split, std::vector<MessageMarker>& out);
/// The context menus (call every frame, inside the view's window).
void draw_cluster_menus(const PanelContext& ctx, ClusterViewState& state);

}  // namespace paxoslab::gui
