// ChartModel: the sequence chart's drawable items, derived from a trace.
//
// Built incrementally from the session's record trace (only new events are
// read each frame) and rebuilt when the session's generation changes. Every
// item keeps the trace seq that created it (and ended it), so a view at an
// earlier cursor draws only what had happened by then, and arrows still in
// flight at that point are drawn partially. Items are stored in tick order
// (the trace is), so the panel binary-searches the visible time range.
// No ImGui here: the panel turns items into pixels.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"
#include "core/sim/server.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::gui {

/// A message drawn from its Send to its Deliver (or Drop).
struct ChartArrow {
  enum class End : std::uint8_t { Open, Delivered, Lost };
  MessageId id;
  NodeId from;
  NodeId to;
  MsgKind kind = MsgKind::Request;
  Tick sent_tick = 0;
  Tick end_tick = 0;            ///< Deliver/Drop tick; arrival tick while open.
  Tick arrival_tick = 0;        ///< When it was due (a lost one is drawn part of the way there).
  std::uint64_t sent_seq = 0;
  std::uint64_t end_seq = UINT64_MAX;  ///< Seq of the Deliver/Drop; max while open.
  End end = End::Open;
  bool duplicate = false;       ///< A copy made by a duplicate fault.
  std::string label;            ///< "Acc m2 #1"; replies: "<m2 m1>".
};

/// Something that happened at one node at one tick.
struct ChartMark {
  /// NoOp: a slot that holds a no-op, or a request the server already
  /// executed, so nothing runs there (Fig. 11; a Note of Context::noop).
  enum class Type : std::uint8_t { Execute, Crash, Restart, Leader, Suspect, Violation, Request, NoOp };
  Type type = Type::Execute;
  NodeId node;
  NodeId other;                 ///< Leader: the new leader; Suspect: the suspected peer.
  Tick tick = 0;
  std::uint64_t seq = 0;
  std::string label;            ///< "m2", "Leader", "S1?", "no-op m1" ...
};

/// A timer from TimerSet to TimerFire / TimerCancel.
struct ChartTimer {
  NodeId owner;
  TimerId id;
  TimerKind kind = TimerKind::Stage;
  Tick set_tick = 0;
  Tick end_tick = 0;            ///< Fire/cancel tick; due tick while open.
  std::uint64_t set_seq = 0;
  std::uint64_t end_seq = UINT64_MAX;
  bool fired = false;
  std::string purpose;
};

class ChartModel {
 public:
  /// Reads the events of `record.trace()` not seen yet; starts over when
  /// `generation` differs from the last call (the timeline was rewritten).
  void update(const Simulation& record, std::uint64_t generation);

  const std::vector<ChartArrow>& arrows() const { return arrows_; }
  const std::vector<ChartMark>& marks() const { return marks_; }
  const std::vector<ChartTimer>& timers() const { return timers_; }
  /// Longest sent->end span of any arrow / timer (for the visible-range search).
  Tick longest_arrow_ticks() const { return longest_arrow_; }
  Tick longest_timer_ticks() const { return longest_timer_; }
  /// Index of the first arrow with sent_tick >= t (arrows are in tick order).
  std::size_t first_arrow_at(Tick t) const;
  std::size_t first_mark_at(Tick t) const;
  std::size_t first_timer_at(Tick t) const;
  /// Last tick seen in the trace.
  Tick last_tick() const { return last_tick_; }
  /// Bit k set: a message of MsgKind k was sent (for the legend).
  std::uint32_t kinds_seen() const { return kinds_seen_; }

 private:
  void clear();
  void add(const Simulation& record, const TraceEvent& e);
  void open_arrow(const Simulation& record, const Envelope& env, std::uint64_t seq, bool duplicate);
  void close_arrow(MessageId id, Tick tick, std::uint64_t seq, ChartArrow::End end);

  std::uint64_t generation_ = UINT64_MAX;
  std::uint64_t read_ = 0;  // trace events consumed
  std::vector<ChartArrow> arrows_;
  std::vector<ChartMark> marks_;
  std::vector<ChartTimer> timers_;
  std::unordered_map<std::uint64_t, std::size_t> arrow_of_message_;
  std::unordered_map<std::uint64_t, std::size_t> timer_of_id_;
  Tick longest_arrow_ = 0;
  Tick longest_timer_ = 0;
  Tick last_tick_ = 0;
  std::uint32_t kinds_seen_ = 0;
};

/// The reply's state string "<m2 m1>": the first state_len requests of the
/// replying server's sigma (sigma is append-only, so the record's is fine).
std::string reply_state_label(const Simulation& record, const Envelope& reply);

}  // namespace paxoslab::gui
