// Event log: every trace event of the timeline with its "why", filterable by
// kind and by node. Events past the cursor (the recorded future after a
// rewind) are shown dimmed. Clicking a row jumps the whole view to the step
// that recorded the event (cmd::JumpToEvent).
#pragma once

#include <cstdint>
#include <vector>

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct EventLogState {
  std::uint32_t kinds = 0xFFFFFFFFu;  ///< Bit k: show TraceKind k.
  NodeId node;                        ///< Role None = every node.
  bool follow = true;                 ///< Scroll to the cursor's last event.
  // Cache of the rows that pass the filter (seqs), extended as the trace grows.
  std::vector<std::uint64_t> rows;
  std::uint64_t scanned = 0;
  std::uint64_t cache_generation = UINT64_MAX;
  std::uint32_t cache_kinds = 0;
  NodeId cache_node;
  std::uint64_t last_followed = UINT64_MAX;
};

void draw_event_log(const PanelContext& ctx, EventLogState& state);

/// True if `e` passes the log's filter.
bool event_passes(const TraceEvent& e, std::uint32_t kinds, NodeId node);

}  // namespace paxoslab::gui
