#include "gui/model/chart_model.hpp"

#include <algorithm>
#include <optional>

#include "core/sim/checker.hpp"

namespace paxoslab::gui {

std::string reply_state_label(const Simulation& record, const Envelope& reply) {
  const ServerId s = reply.from.server();
  if (!s.valid() || s.value > record.config().servers) return "<?>";
  const auto& sigma = record.executed(s);
  const auto n = std::min<std::size_t>(sigma.size(), static_cast<std::size_t>(std::max<std::int64_t>(0, reply.payload.state_len)));
  std::string out;
  append_state(out, std::span<const RequestId>(sigma.data(), n));
  return out;
}

void ChartModel::clear() {
  read_ = 0;
  arrows_.clear();
  marks_.clear();
  timers_.clear();
  arrow_of_message_.clear();
  timer_of_id_.clear();
  longest_arrow_ = 0;
  longest_timer_ = 0;
  last_tick_ = 0;
  kinds_seen_ = 0;
}

void ChartModel::update(const Simulation& record, std::uint64_t generation) {
  if (generation != generation_) {
    clear();
    generation_ = generation;
  }
  const Trace& trace = record.trace();
  const auto& events = trace.events();
  if (read_ < trace.first_seq()) read_ = trace.first_seq();
  if (read_ > trace.size()) clear();  // should not happen: defensive
  for (; read_ < trace.first_seq() + events.size(); ++read_) add(record, events[read_ - trace.first_seq()]);
}

void ChartModel::open_arrow(const Simulation& record, const Envelope& env, std::uint64_t seq, bool duplicate) {
  ChartArrow a;
  a.id = env.id;
  a.from = env.from;
  a.to = env.to;
  a.kind = env.payload.kind;
  a.sent_tick = env.sent_tick;
  a.end_tick = env.arrival_tick;
  a.arrival_tick = env.arrival_tick;
  a.sent_seq = seq;
  a.duplicate = duplicate;
  a.label = env.payload.kind == MsgKind::Reply ? reply_state_label(record, env) : short_label(env.payload);
  arrow_of_message_[env.id.value] = arrows_.size();
  kinds_seen_ |= 1u << static_cast<unsigned>(a.kind);
  longest_arrow_ = std::max(longest_arrow_, a.end_tick - a.sent_tick);
  arrows_.push_back(std::move(a));
}

void ChartModel::close_arrow(MessageId id, Tick tick, std::uint64_t seq, ChartArrow::End end) {
  const auto it = arrow_of_message_.find(id.value);
  if (it == arrow_of_message_.end()) return;
  ChartArrow& a = arrows_[it->second];
  if (a.end != ChartArrow::End::Open) return;
  a.end = end;
  a.end_tick = tick;
  a.end_seq = seq;
  longest_arrow_ = std::max(longest_arrow_, a.end_tick - a.sent_tick);
}

namespace {

/// The timer a TimerSet event arms (its due tick is the event's value).
ChartTimer timer_set_by(const TraceEvent& e) {
  ChartTimer t;
  t.owner = e.who;
  t.id = e.timer;
  t.set_tick = e.tick;
  t.end_tick = std::max(e.tick, e.value);  // TimerSet carries the due tick
  t.set_seq = e.seq;
  t.purpose = e.why;
  if (t.purpose.rfind("suspect ", 0) == 0) t.kind = TimerKind::FailureDetector;
  if (e.who.is_client()) t.kind = TimerKind::ClientRetry;
  return t;
}

/// The mark on a lane an event draws (execute, crash, restart, leader,
/// suspicion, violation, client request, a no-op's note); none for others.
std::optional<ChartMark> mark_for(const TraceEvent& e) {
  const auto mark = [&](ChartMark::Type type, NodeId other, std::string label) {
    return ChartMark{type, e.who, other, e.tick, e.seq, std::move(label)};
  };
  switch (e.kind) {
    case TraceKind::Execute: return mark(ChartMark::Type::Execute, {}, to_string(e.request));
    case TraceKind::Crash: return mark(ChartMark::Type::Crash, {}, "crash");
    case TraceKind::Restart: return mark(ChartMark::Type::Restart, {}, "restart");
    case TraceKind::LeaderChange:
      return mark(ChartMark::Type::Leader, e.other, e.who == e.other ? "Leader" : "leader " + to_string(e.other));
    case TraceKind::Suspect: return mark(ChartMark::Type::Suspect, e.other, to_string(e.other) + "?");
    case TraceKind::Violation: return mark(ChartMark::Type::Violation, e.other, "violation");
    case TraceKind::ClientRequest: return mark(ChartMark::Type::Request, {}, to_string(e.request));
    case TraceKind::Note:
      if (e.value > 0) return mark(ChartMark::Type::NoOp, {}, e.request.is_noop() ? "no-op" : "no-op " + to_string(e.request));
      return std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace

void ChartModel::add(const Simulation& record, const TraceEvent& e) {
  last_tick_ = std::max(last_tick_, e.tick);
  const Trace& trace = record.trace();
  switch (e.kind) {
    case TraceKind::Send:
    case TraceKind::Duplicate: {
      const Envelope* env = trace.message(e.message);
      if (env != nullptr) open_arrow(record, *env, e.seq, e.kind == TraceKind::Duplicate);
      if (e.kind == TraceKind::Send && env != nullptr && env->sent_tick != e.tick) arrows_.back().sent_tick = e.tick;
      break;
    }
    case TraceKind::Deliver:
    case TraceKind::Reply: close_arrow(e.message, e.tick, e.seq, ChartArrow::End::Delivered); break;
    case TraceKind::Drop: {
      // A message lost at send time has no Send event before it: draw it as a stub.
      if (arrow_of_message_.find(e.message.value) == arrow_of_message_.end()) {
        const Envelope* env = trace.message(e.message);
        if (env != nullptr) open_arrow(record, *env, e.seq, false);
      }
      close_arrow(e.message, e.tick, e.seq, ChartArrow::End::Lost);
      break;
    }
    case TraceKind::Delay: {
      const auto it = arrow_of_message_.find(e.message.value);
      const Envelope* env = trace.message(e.message);
      if (it != arrow_of_message_.end() && env != nullptr && arrows_[it->second].end == ChartArrow::End::Open) {
        arrows_[it->second].end_tick = env->arrival_tick;
        arrows_[it->second].arrival_tick = env->arrival_tick;
        longest_arrow_ = std::max(longest_arrow_, env->arrival_tick - arrows_[it->second].sent_tick);
      }
      break;
    }
    case TraceKind::TimerSet: {
      ChartTimer t = timer_set_by(e);
      longest_timer_ = std::max(longest_timer_, t.end_tick - t.set_tick);
      timer_of_id_[e.timer.value] = timers_.size();
      timers_.push_back(std::move(t));
      break;
    }
    case TraceKind::TimerFire:
    case TraceKind::TimerCancel: {
      const auto it = timer_of_id_.find(e.timer.value);
      if (it == timer_of_id_.end()) break;
      ChartTimer& t = timers_[it->second];
      t.end_tick = e.tick;
      t.end_seq = e.seq;
      t.fired = e.kind == TraceKind::TimerFire;
      longest_timer_ = std::max(longest_timer_, t.end_tick - t.set_tick);
      break;
    }
    default:
      if (auto m = mark_for(e)) marks_.push_back(std::move(*m));
      break;
  }
}

std::size_t ChartModel::first_arrow_at(Tick t) const {
  return static_cast<std::size_t>(
      std::lower_bound(arrows_.begin(), arrows_.end(), t, [](const ChartArrow& a, Tick v) { return a.sent_tick < v; }) -
      arrows_.begin());
}
std::size_t ChartModel::first_mark_at(Tick t) const {
  return static_cast<std::size_t>(
      std::lower_bound(marks_.begin(), marks_.end(), t, [](const ChartMark& m, Tick v) { return m.tick < v; }) -
      marks_.begin());
}
std::size_t ChartModel::first_timer_at(Tick t) const {
  return static_cast<std::size_t>(
      std::lower_bound(timers_.begin(), timers_.end(), t, [](const ChartTimer& m, Tick v) { return m.set_tick < v; }) -
      timers_.begin());
}

}  // namespace paxoslab::gui
