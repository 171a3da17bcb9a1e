#include "core/scenario/portable_faults.hpp"

#include <algorithm>
#include <optional>

#include "core/sim/overloaded.hpp"

namespace paxoslab {

namespace {

/// "2nd", "3rd", "11th".
std::string ordinal(int n) {
  const int last2 = n % 100;
  const char* suffix = (last2 >= 11 && last2 <= 13) ? "th"
                       : n % 10 == 1                 ? "st"
                       : n % 10 == 2                 ? "nd"
                       : n % 10 == 3                 ? "rd"
                                                     : "th";
  return std::to_string(n) + suffix;
}

/// The kinds of trace event that are the same on every stage that has them:
/// a crash anchored after one of these is "right after S did X".
bool anchors(TraceKind k) {
  switch (k) {
    case TraceKind::Send:
    case TraceKind::Deliver:
    case TraceKind::Execute:
    case TraceKind::TimerFire:
    case TraceKind::Suspect:
    case TraceKind::Unsuspect:
    case TraceKind::LeaderChange:
    case TraceKind::Restart:
      return true;
    default:
      return false;
  }
}

/// The pattern naming `e` by what it is (kind, who, other, message kind,
/// request) with `occurrence` counting the events like it among `events` up to
/// and including `e`.
EventPattern pattern_of(const TraceEvent& e, const std::vector<TraceEvent>& events) {
  EventPattern p;
  p.kind = e.kind;
  p.who = e.who;
  p.other = e.other;
  if (!e.request.is_noop()) p.request = e.request;
  if (e.message.valid()) p.msg_kind = e.msg_kind;
  p.occurrence = 0;
  for (const TraceEvent& x : events) {
    if (p.matches(x)) ++p.occurrence;
    if (x.seq == e.seq) break;
  }
  return p;
}

/// "S1 sends Reply(m1) to C1", "S2 receives Request(m2) from C2", "S1
/// executes m1": an anchor event in words.
std::string words_of(const EventPattern& p) {
  std::string verb;
  switch (p.kind) {
    case TraceKind::Send: verb = "sends"; break;
    case TraceKind::Deliver: verb = "receives"; break;
    case TraceKind::Execute: verb = "executes"; break;
    case TraceKind::TimerFire: verb = "fires a timer"; break;
    case TraceKind::Suspect: verb = "suspects"; break;
    case TraceKind::Unsuspect: verb = "trusts"; break;
    case TraceKind::LeaderChange: verb = "follows a new leader"; break;
    case TraceKind::Restart: verb = "restarts"; break;
    default: verb = to_string(p.kind); break;
  }
  std::string what = to_string(p.who) + " " + verb;
  if (p.msg_kind) what += std::string(" ") + to_string(*p.msg_kind);
  if (p.request) what += p.msg_kind ? "(" + to_string(*p.request) + ")" : " " + to_string(*p.request);
  if (p.other.valid()) {
    if (p.kind == TraceKind::Send) what += " to " + to_string(p.other);
    else if (p.kind == TraceKind::Deliver) what += " from " + to_string(p.other);
    else if (p.kind == TraceKind::Suspect || p.kind == TraceKind::Unsuspect || p.kind == TraceKind::LeaderChange)
      what += " " + to_string(p.other);
  }
  if (p.occurrence > 1) what += " (the " + ordinal(p.occurrence) + " time)";
  return what;
}

/// The last anchoring event among events[0, before) done by `who` (any node
/// when invalid), or nullptr.
const TraceEvent* last_anchor(const std::vector<TraceEvent>& events, std::size_t before, NodeId who) {
  for (std::size_t i = before; i-- > 0;) {
    const TraceEvent& e = events[i];
    if (anchors(e.kind) && (!who.valid() || e.who == who)) return &e;
  }
  return nullptr;
}

/// `action` right after `anchor` (an event of the original run), or at tick
/// `now` without one.
PortableFault anchored(const Action& action, const TraceEvent* anchor, const std::vector<TraceEvent>& events,
                       Tick now) {
  PortableFault f;
  f.step.action = action;
  if (anchor) {
    f.step.when.after = pattern_of(*anchor, events);
    f.says = describe(action) + " right after " + words_of(*f.step.when.after);
  } else {
    f.step.when.at_tick = now;
    f.says = describe(action) + " at t=" + std::to_string(now);
  }
  return f;
}

/// The Send event of message `id`, or nullptr (a copy made by a duplicate has none).
const TraceEvent* send_of(const std::vector<TraceEvent>& events, MessageId id) {
  for (const TraceEvent& e : events)
    if (e.kind == TraceKind::Send && e.message == id) return &e;
  return nullptr;
}

/// The message a lose/duplicate choice acted on: its Send event, found through
/// the Drop/Duplicate event the choice recorded (trace events from `first`).
const TraceEvent* send_of_acted_message(const std::vector<TraceEvent>& events, std::size_t first) {
  for (std::size_t i = first; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    if ((e.kind != TraceKind::Drop && e.kind != TraceKind::Duplicate) || !e.message.valid()) continue;
    if (const TraceEvent* send = send_of(events, e.message)) return send;
    // A duplicate's new id has no Send: its original is named in the why.
  }
  return nullptr;
}

/// The pending delivery a Deliver choice takes next on `sim` (its index-th
/// match in pending order), or nullopt.
std::optional<PendingEvent> chosen_delivery(const Simulation& sim, const ScheduleChoice& c) {
  int seen = 0;
  for (const PendingEvent& e : sim.pending())
    if (matches(sim, e, c) && ++seen == c.index) return e;
  return std::nullopt;
}

/// lose/duplicate -> a standing rule on the next matching send, set right after
/// the send before it.
std::optional<PortableFault> message_fault(const TraceEvent& send, const std::vector<TraceEvent>& events,
                                           FilterAction::Effect effect, int number, Tick delay_ticks = 0) {
  MessagePattern m;
  m.kind = send.msg_kind;
  m.from = send.who;
  m.to = send.other;
  if (!send.request.is_noop()) m.request = send.request;
  FilterAction rule;
  rule.name = "fault-" + std::to_string(number);
  rule.pattern = m;
  rule.effect = effect;
  rule.count = 1;
  rule.delay_ticks = delay_ticks;
  PortableFault f;
  f.step.action = rule;
  EventPattern nth = pattern_of(send, events);  // occurrence = this send's rank among its like
  const int rank = nth.occurrence;
  if (rank <= 1) {
    f.step.when.at_tick = 0;
  } else {
    nth.occurrence = rank - 1;
    f.step.when.after = nth;
  }
  const std::string verb = effect == FilterAction::Effect::Lose        ? "lose"
                           : effect == FilterAction::Effect::Duplicate ? "duplicate"
                                                                       : "hold back";
  f.says = verb + " the " + (rank > 1 ? ordinal(rank) + " " : std::string()) + to_string(send.msg_kind) +
           (!send.request.is_noop() ? " carrying " + to_string(send.request) : std::string()) + " from " +
           to_string(send.who) + " to " + to_string(send.other);
  if (effect == FilterAction::Effect::Delay)
    f.says += " by " + std::to_string(delay_ticks) + (delay_ticks == 1 ? " tick" : " ticks");
  return f;
}

}  // namespace

std::vector<PortableFault> portable_faults(Simulation sim, const std::vector<ScheduleChoice>& schedule,
                                           std::string& error) {
  std::vector<PortableFault> out;
  const auto hold_back = [&](MessageId id, Tick late_ticks) {
    if (const TraceEvent* send = send_of(sim.trace().events(), id))
      if (auto f = message_fault(*send, sim.trace().events(), FilterAction::Effect::Delay,
                                 static_cast<int>(out.size()) + 1, late_ticks))
        out.push_back(std::move(*f));
  };
  for (const ScheduleChoice& c : schedule) {
    const std::size_t before = sim.trace().events().size();
    const Tick now = sim.now();
    const std::optional<PendingEvent> delivery =
        c.type == ScheduleChoice::Type::Deliver ? chosen_delivery(sim, c) : std::nullopt;
    if (std::string why = carry_out(sim, c); !why.empty()) {
      error = "choice " + describe(c) + ": " + why;
      return out;
    }
    // A message the schedule delivered after others due before it: auto mode
    // takes it as late only if it is held back by as much.
    if (delivery && delivery->tick < now) hold_back(delivery->message, now - delivery->tick);
    if (c.type != ScheduleChoice::Type::Act) continue;
    const auto& events = sim.trace().events();
    const int number = static_cast<int>(out.size()) + 1;
    std::optional<PortableFault> f = std::visit(
        Overloaded{
            [&](const LoseAction&) -> std::optional<PortableFault> {
              const TraceEvent* send = send_of_acted_message(events, before);
              if (!send) return std::nullopt;
              return message_fault(*send, events, FilterAction::Effect::Lose, number);
            },
            [&](const DuplicateAction&) -> std::optional<PortableFault> {
              const TraceEvent* send = send_of_acted_message(events, before);
              if (!send) return std::nullopt;
              return message_fault(*send, events, FilterAction::Effect::Duplicate, number);
            },
            [&](const CrashAction& a) -> std::optional<PortableFault> {
              return anchored(c.action, last_anchor(events, before, NodeId::of(a.server)), events, now);
            },
            [&](const RestartAction&) -> std::optional<PortableFault> {
              return anchored(c.action, nullptr, events, now);
            },
            [&](const ClientRequestAction&) -> std::optional<PortableFault> {
              return anchored(c.action, nullptr, events, now);
            },
            [&](const auto&) -> std::optional<PortableFault> {
              return anchored(c.action, last_anchor(events, before, NodeId{}), events, now);
            }},
        c.action);
    if (f) out.push_back(std::move(*f));
  }
  // Messages the schedule left in flight although due by its end: in auto
  // mode they would arrive before the break; they arrive just after it.
  for (const PendingEvent& e : sim.pending())
    if (e.type == PendingEvent::Type::Delivery && e.tick <= sim.now()) hold_back(e.message, sim.now() - e.tick + 1);
  // Rules set at tick 0 go first, before the client requests of tick 0 send.
  std::stable_partition(out.begin(), out.end(), [](const PortableFault& f) {
    return std::holds_alternative<FilterAction>(f.step.action) && f.step.when.at_tick == Tick{0};
  });
  return out;
}

Scenario scenario_of_faults(const Scenario& s) {
  Scenario out = s;
  out.schedule.clear();
  out.script.clear();
  for (const PortableFault& f : s.faults) out.script.push_back(f.step);
  out.expect = Expectation{};
  return out;
}

namespace {

/// True if a trace event other than the rule's own "set" line names the rule.
bool rule_acted(const Simulation& sim, const std::string& name) {
  const std::string mark = "rule '" + name + "'";
  for (const TraceEvent& e : sim.trace().events())
    if (e.kind != TraceKind::Fault && e.why.find(mark) != std::string::npos) return true;
  return false;
}

/// For a crash, restart or suspicion: empty if the trace shows it (the server
/// crashed, restarted; the observer suspected the peer), else why not. Other
/// actions take effect whenever their moment comes.
std::string server_fault_miss(const Simulation& sim, const Action& action) {
  const auto seen = [&](TraceKind kind, NodeId who, NodeId other) {
    for (const TraceEvent& e : sim.trace().events())
      if (e.kind == kind && e.who == who && (!other.valid() || e.other == other)) return true;
    return false;
  };
  if (const auto* c = std::get_if<CrashAction>(&action))
    return seen(TraceKind::Crash, NodeId::of(c->server), NodeId{}) ? std::string() : to_string(c->server) + " was already down";
  if (const auto* r = std::get_if<RestartAction>(&action))
    return seen(TraceKind::Restart, NodeId::of(r->server), NodeId{}) ? std::string() : to_string(r->server) + " was not down";
  if (const auto* su = std::get_if<SuspectAction>(&action))
    return seen(TraceKind::Suspect, NodeId::of(su->observer), NodeId::of(su->peer)) ? std::string()
                                                              : to_string(su->observer) + " could not suspect " +
                                                                    to_string(su->peer) + " (down, or already suspected)";
  return {};
}

}  // namespace

std::vector<std::string> fault_misses(const Simulation& sim, const std::vector<PortableFault>& faults) {
  std::vector<std::string> out(faults.size());
  const std::string stage = "Stage " + std::to_string(sim.stage().number);
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const PortableFault& f = faults[i];
    const int index = static_cast<int>(i);
    if (index >= static_cast<int>(sim.script().size()) || !sim.script_done(index)) {
      out[i] = "never happened on " + stage + ": no " +
               (f.step.when.after ? f.step.when.after->describe() : std::string("such moment")) + " there";
    } else if (const auto* rule = std::get_if<FilterAction>(&f.step.action)) {
      if (!rule_acted(sim, rule->name)) out[i] = "no such message was sent on " + stage;
    } else {
      out[i] = server_fault_miss(sim, f.step.action);
    }
  }
  return out;
}

}  // namespace paxoslab
