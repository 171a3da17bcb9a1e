// What a lesson page talks about ("the view frames the moment"):
// its [page.highlight] turned into the two questions the views ask while
// drawing - is this node in focus, is this message in focus - and the tick
// range the sequence chart frames around the page's moment. No ImGui here:
// the chart and the cluster view dim what is out of focus (still drawn, at a
// fraction of its opacity; one click or D undims).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/lessons/lesson.hpp"
#include "core/sim/message.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::gui {

/// The nodes and messages a page's highlight names. A default-constructed
/// focus is inactive: everything is in focus.
class LessonFocus {
 public:
  LessonFocus() = default;
  /// Focus nodes: the highlight's servers and lanes, and the sender and
  /// receiver its message pattern names (if any).
  explicit LessonFocus(const Highlight& highlight);

  /// False when nothing would be dimmed (no highlight, or an empty one).
  bool active() const { return active_; }
  /// Node `n` is named by the page (always true when inactive, or when the
  /// highlight names messages only).
  bool node(NodeId n) const;
  /// A message from `from` to `to` is in focus when it matches the
  /// highlight's message pattern (`env`, if known), or both its ends are focus
  /// nodes, or the page names a single node and the message touches it.
  bool message(NodeId from, NodeId to, const Envelope* env) const;

 private:
  bool active_ = false;
  std::vector<NodeId> nodes_;
  std::optional<MessagePattern> pattern_;
};

/// A closed range of simulated time, in ticks (first <= last).
struct TickRange {
  double first = 0;
  double last = 0;
  bool operator==(const TickRange&) const = default;
};

/// The ticks the sequence chart shows for a page: from the previous page's
/// moment (`since_tick`, 0 on the first page) to this page's moment
/// (`moment_tick`), widened to the arrows of the highlighted messages
/// (`highlighted_arrows`: sent and end ticks of each matching message that
/// was sent by the moment), with margins: about a tenth of the span on the
/// left, a fifth on the right (the moment sits left of the right edge, where
/// its labels fit), at least `min_span_ticks` wide (widened mostly to the
/// left, towards what led up to the moment) and at most
/// `max_span_ticks` (then it keeps the ticks just before the moment).
/// The (sent, end) ticks of every message in `trace` that matches `pattern`:
/// its Send (or Duplicate) to its Deliver or Drop, or to its due tick while
/// still in flight. Messages whose envelope the trace does not keep are skipped.
std::vector<std::pair<Tick, Tick>> highlighted_arrows(const Trace& trace, const MessagePattern& pattern);

TickRange frame_ticks(Tick moment_tick, Tick since_tick, const std::vector<std::pair<Tick, Tick>>& highlighted_arrows,
                      double min_span_ticks = 30.0, double max_span_ticks = 220.0);

/// The server a lesson page is about: what the Inspector shows when the page
/// opens. Candidates, in order: the moment's server (`pause_at`'s `who`) when
/// the highlight names it or names no server; the highlight's servers; its
/// server lanes; the ends of its message pattern; then the moment's server.
/// The first candidate in 1..`servers` that is not `crashed` (indexed by
/// server number - 1; missing entries count as live) wins; if every candidate
/// has crashed, the first candidate (the page is about a crash); if the page
/// names no server, the lowest-numbered live server; S1 if all have crashed.
/// `servers` >= 1.
ServerId page_subject(const LessonPage& page, int servers, const std::vector<bool>& crashed);

}  // namespace paxoslab::gui
