// The simulation's trace events, built in one place (used by core/sim/
// simulation*.cpp only). Each constructor says which fields its kind fills;
// the others stay empty, as every trace has shown them (a Delay event names
// no request or slot, a Duplicate event no slot). The tick and the sequence
// number are set when the event is recorded.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/sim/message.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::trace_event {

/// A message event at its receiver (Deliver, Drop, Reply): who = receiver,
/// other = sender; the message id, kind, request and slot.
inline TraceEvent at_receiver(TraceKind kind, const Envelope& env, std::string why = {}) {
  TraceEvent ev;
  ev.kind = kind;
  ev.who = env.to;
  ev.other = env.from;
  ev.message = env.id;
  ev.msg_kind = env.payload.kind;
  ev.request = env.payload.request;
  ev.value = env.payload.slot;
  ev.why = std::move(why);
  return ev;
}

/// Send: who = sender, other = receiver; the message id, kind, request and slot.
inline TraceEvent sent(const Envelope& env, std::string why) {
  TraceEvent ev = at_receiver(TraceKind::Send, env, std::move(why));
  std::swap(ev.who, ev.other);
  return ev;
}

/// Delay (a message held back): who = receiver, other = sender; the message
/// id and kind only - no request, no slot.
inline TraceEvent held_back(const Envelope& env, std::string why) {
  TraceEvent ev;
  ev.kind = TraceKind::Delay;
  ev.who = env.to;
  ev.other = env.from;
  ev.message = env.id;
  ev.msg_kind = env.payload.kind;
  ev.why = std::move(why);
  return ev;
}

/// Duplicate (a second copy in flight): who = sender, other = receiver; the
/// copy's id, kind and request - no slot.
inline TraceEvent duplicated(const Envelope& copy, std::string why) {
  TraceEvent ev = held_back(copy, std::move(why));
  ev.kind = TraceKind::Duplicate;
  std::swap(ev.who, ev.other);
  ev.request = copy.payload.request;
  return ev;
}

/// An event of one or two nodes without a message (Fault, LinkCut, LinkMend,
/// Crash, Restart, Suspect, Unsuspect, LeaderChange, Partition, Heal).
inline TraceEvent between(TraceKind kind, NodeId who, NodeId other, std::string why) {
  TraceEvent ev;
  ev.kind = kind;
  ev.who = who;
  ev.other = other;
  ev.why = std::move(why);
  return ev;
}

/// An event of one node about a request (Execute: `value` = its slot;
/// ClientRequest; Violation).
inline TraceEvent about_request(TraceKind kind, NodeId who, RequestId request, std::int64_t value, std::string why) {
  TraceEvent ev;
  ev.kind = kind;
  ev.who = who;
  ev.request = request;
  ev.value = value;
  ev.why = std::move(why);
  return ev;
}

/// A Note: `who` may be none; `request` (and `value`) when it is about one.
inline TraceEvent note(std::string why, NodeId who = {}, RequestId request = {}, std::int64_t value = 0) {
  return about_request(TraceKind::Note, who, request, value, std::move(why));
}

/// A timer event (TimerSet, TimerFire, TimerCancel): who = owner, the timer,
/// `value` (a TimerSet's due tick, a TimerFire's tag, else 0).
inline TraceEvent timer(TraceKind kind, NodeId owner, TimerId id, std::int64_t value, std::string why) {
  TraceEvent ev;
  ev.kind = kind;
  ev.who = owner;
  ev.timer = id;
  ev.value = value;
  ev.why = std::move(why);
  return ev;
}

}  // namespace paxoslab::trace_event
