#include "core/lessons/step_novelty.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace paxoslab {

namespace {

/// Kept events with seq in [from, to).
template <class F>
void for_each_kept(const Trace& trace, std::uint64_t from, std::uint64_t to, F&& f) {
  const auto& events = trace.events();
  for (std::uint64_t i = from > trace.first_seq() ? from - trace.first_seq() : 0; i < events.size(); ++i) {
    if (events[i].seq >= to) return;
    f(events[i]);
  }
}

bool same_message(const Envelope& a, const Envelope& b) {
  return a.from == b.from && a.to == b.to && a.payload == b.payload;
}

/// Message `id` is a resend: an earlier message went the same way with the same payload.
bool is_resend(const Trace& trace, MessageId id) {
  const Envelope* env = trace.message(id);
  if (!env) return false;
  for (const Envelope& earlier : trace.messages()) {
    if (earlier.id.value >= id.value) return false;
    if (same_message(earlier, *env)) return true;
  }
  return false;
}

/// Some event before `before` delivered a message like `id` (same way, same payload).
bool delivered_before(const Trace& trace, MessageId id, std::uint64_t before) {
  const Envelope* env = trace.message(id);
  if (!env) return false;
  bool found = false;
  for_each_kept(trace, 0, before, [&](const TraceEvent& e) {
    if (found || e.kind != TraceKind::Deliver || !e.message.valid()) return;
    const Envelope* other = trace.message(e.message);
    found = other && same_message(*other, *env);
  });
  return found;
}

bool repeated_event(const Trace& trace, const TraceEvent& ev, std::uint64_t before) {
  bool found = false;
  for_each_kept(trace, 0, before, [&](const TraceEvent& e) {
    found = found || (e.kind == ev.kind && e.who == ev.who && e.other == ev.other && e.request == ev.request &&
                      e.why == ev.why);
  });
  return found;
}

/// Purpose of every timer set before `before` (its TimerSet why), by timer id.
std::map<std::uint64_t, std::string> timer_purposes(const Trace& trace, std::uint64_t before) {
  std::map<std::uint64_t, std::string> out;
  for_each_kept(trace, 0, before, [&](const TraceEvent& e) {
    if (e.kind == TraceKind::TimerSet) out[e.timer.value] = e.why;
  });
  return out;
}

/// A timer of the same owner and purpose fired before `before`.
bool fired_before(const Trace& trace, const TraceEvent& fire, const std::map<std::uint64_t, std::string>& purpose,
                  std::uint64_t before) {
  const auto it = purpose.find(fire.timer.value);
  if (it == purpose.end()) return false;
  bool found = false;
  for_each_kept(trace, 0, before, [&](const TraceEvent& e) {
    if (found || e.kind != TraceKind::TimerFire || e.who != fire.who) return;
    const auto p = purpose.find(e.timer.value);
    found = p != purpose.end() && p->second == it->second;
  });
  return found;
}

std::string count_text(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

StepNovelty classify_step(const Trace& trace, std::uint64_t first_seq, std::uint64_t end_seq) {
  StepNovelty s;
  const auto purposes = timer_purposes(trace, end_seq);
  std::vector<std::uint64_t> sent_now;  // messages this step sent
  for_each_kept(trace, first_seq, end_seq, [&](const TraceEvent& e) {
    const bool history = trace.first_seq() == 0;  // earlier events are all kept
    const bool heartbeat = e.message.valid() && e.msg_kind == MsgKind::Heartbeat;
    switch (e.kind) {
      case TraceKind::Violation: return;  // the checker's finding, not an effect
      case TraceKind::Send:
        if (heartbeat) ++s.heartbeats;
        else if (history && is_resend(trace, e.message)) ++s.retransmissions;
        else ++s.new_effects;
        sent_now.push_back(e.message.value);
        return;
      case TraceKind::Drop: {  // a lost resend is part of its retransmission
        const bool counted = std::find(sent_now.begin(), sent_now.end(), e.message.value) != sent_now.end();
        if (heartbeat) s.heartbeats += counted ? 0 : 1;
        else if (history && is_resend(trace, e.message)) s.retransmissions += counted ? 0 : 1;
        else ++s.new_effects;
        return;
      }
      case TraceKind::Deliver:
        if (heartbeat) ++s.heartbeats;
        else if (history && delivered_before(trace, e.message, e.seq)) ++s.repeat_deliveries;
        else ++s.new_effects;
        return;
      case TraceKind::Reply:
        if (history && repeated_event(trace, e, e.seq)) ++s.repeat_deliveries;
        else ++s.new_effects;
        return;
      case TraceKind::TimerSet:
        if (history && repeated_event(trace, e, e.seq)) ++s.timer_rearms;
        else ++s.new_effects;
        return;
      case TraceKind::TimerFire:
        if (history && fired_before(trace, e, purposes, e.seq)) ++s.timer_rearms;
        else ++s.new_effects;
        return;
      case TraceKind::TimerCancel: ++s.timer_rearms; return;
      case TraceKind::Note:
        if (history && repeated_event(trace, e, e.seq)) ++s.repeated_notes;
        else ++s.new_effects;
        return;
      default: ++s.new_effects; return;
    }
  });
  s.nothing_new = s.new_effects == 0;
  return s;
}

void QuietStretch::add(const StepNovelty& s) {
  ++steps;
  retransmissions += s.retransmissions;
  repeat_deliveries += s.repeat_deliveries;
  heartbeats += s.heartbeats;
  timer_rearms += s.timer_rearms;
  repeated_notes += s.repeated_notes;
}

std::string QuietStretch::summary() const {
  std::string parts;
  const auto add_part = [&](int n, const char* one, const char* many) {
    if (n > 0) parts += (parts.empty() ? "" : ", ") + count_text(n, one, many);
  };
  add_part(retransmissions, "retransmission", "retransmissions");
  add_part(repeat_deliveries, "repeat delivery", "repeat deliveries");
  add_part(heartbeats, "heartbeat", "heartbeats");
  add_part(timer_rearms, "timer re-arm", "timer re-arms");
  add_part(repeated_notes, "repeated note", "repeated notes");
  if (parts.empty()) return count_text(steps, "step", "steps") + ", nothing new";
  const bool one_kind = parts.find(", ") == std::string::npos;
  return parts + (one_kind ? ", nothing new" : ": nothing new");
}

}  // namespace paxoslab
