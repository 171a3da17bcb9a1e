#include "core/sim/schedule.hpp"

#include "core/sim/simulation.hpp"

namespace paxoslab {

const char* to_string(TimerKind k) {
  switch (k) {
    case TimerKind::Stage: return "stage";
    case TimerKind::FailureDetector: return "failure-detector";
    case TimerKind::ClientRetry: return "client-retry";
    case TimerKind::Heartbeat: return "heartbeat";
  }
  return "stage";
}

bool parse_timer_kind(const std::string& text, TimerKind& out) {
  for (TimerKind k : {TimerKind::Stage, TimerKind::FailureDetector, TimerKind::ClientRetry, TimerKind::Heartbeat}) {
    if (text == to_string(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

std::string describe(const ScheduleChoice& c) {
  const std::string nth = c.index > 1 ? " (match #" + std::to_string(c.index) + ")" : std::string();
  switch (c.type) {
    case ScheduleChoice::Type::Deliver: return "deliver " + c.message.describe() + nth;
    case ScheduleChoice::Type::Timer:
      return "fire " + to_string(c.timer_owner) + "'s " + to_string(c.timer_kind) + " timer (tag " +
             std::to_string(c.timer_tag) + ")" + nth;
    case ScheduleChoice::Type::Act: return describe(c.action);
    case ScheduleChoice::Type::Wait: return "let time pass to t=" + std::to_string(c.until);
  }
  return {};
}

bool matches(const Simulation& sim, const PendingEvent& e, const ScheduleChoice& c) {
  if (c.type == ScheduleChoice::Type::Deliver) {
    if (e.type != PendingEvent::Type::Delivery) return false;
    const auto* f = sim.network().find(e.message);
    return f && c.message.matches(f->envelope);
  }
  if (c.type == ScheduleChoice::Type::Timer) {
    if (e.type != PendingEvent::Type::Timer) return false;
    for (const auto& t : sim.timers())
      if (t.id == e.timer) return t.owner == c.timer_owner && t.kind == c.timer_kind && t.tag == c.timer_tag;
  }
  return false;
}

MessagePattern full_pattern(const Envelope& m) {
  MessagePattern p;
  p.kind = m.payload.kind;
  p.from = m.from;
  p.to = m.to;
  const MsgKind k = m.payload.kind;
  if (k != MsgKind::Prepare && k != MsgKind::Promise && k != MsgKind::Nack && k != MsgKind::Heartbeat)
    p.request = m.payload.request;
  if (m.payload.slot != 0) p.slot = m.payload.slot;
  if (m.payload.rnd != 0) p.rnd = m.payload.rnd;
  return p;
}

std::optional<ScheduleChoice> choice_for(const Simulation& sim, const PendingEvent& e) {
  ScheduleChoice c;
  if (e.type == PendingEvent::Type::Delivery) {
    const auto* f = sim.network().find(e.message);
    if (!f) return std::nullopt;
    const Envelope& env = f->envelope;
    c.type = ScheduleChoice::Type::Deliver;
    c.message = full_pattern(env);
  } else if (e.type == PendingEvent::Type::Timer) {
    bool found = false;
    for (const auto& t : sim.timers()) {
      if (t.id != e.timer) continue;
      c.type = ScheduleChoice::Type::Timer;
      c.timer_owner = t.owner;
      c.timer_kind = t.kind;
      c.timer_tag = t.tag;
      found = true;
    }
    if (!found) return std::nullopt;
  } else {
    return std::nullopt;
  }
  int n = 0;
  for (const auto& p : sim.pending()) {
    if (!matches(sim, p, c)) continue;
    ++n;
    if (p == e) {
      c.index = n;
      return c;
    }
  }
  return std::nullopt;
}

std::string carry_out(Simulation& sim, const ScheduleChoice& c) {
  // A choice is atomic: the effects it causes are all carried out before the
  // next choice (the break-finder does not branch between effects).
  if (c.type == ScheduleChoice::Type::Act) {
    std::string err = sim.apply(c.action);
    sim.finish_effects();
    return err;
  }
  if (c.type == ScheduleChoice::Type::Wait) {
    std::string err = sim.wait_until(c.until);
    sim.finish_effects();
    return err;
  }
  int n = 0;
  for (const auto& p : sim.pending()) {
    if (!matches(sim, p, c)) continue;
    if (++n == c.index) {
      sim.step_event(p);
      sim.finish_effects();
      return {};
    }
  }
  const std::string what = c.type == ScheduleChoice::Type::Deliver ? "message" : "timer";
  if (n == 0) return "no pending " + what + " matches: " + describe(c);
  return "only " + std::to_string(n) + " pending " + what + (n == 1 ? "" : "s") + " match, not " +
         std::to_string(c.index) + ": " + describe(c);
}

std::size_t carry_out_all(Simulation& sim, const std::vector<ScheduleChoice>& choices, std::string& error) {
  error.clear();
  for (std::size_t i = 0; i < choices.size(); ++i) {
    std::string why = carry_out(sim, choices[i]);
    if (!why.empty()) {
      error = (choices[i].source_line > 0 ? "line " + std::to_string(choices[i].source_line) + ": " : "choice " +
                                                std::to_string(i + 1) + ": ") +
              why;
      return i;
    }
  }
  return choices.size();
}

}  // namespace paxoslab
