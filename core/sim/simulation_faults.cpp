// Simulation: the fault actions, applied now (core/sim/script.hpp; the faults
// of docs/protocol.md, "The world", "Time and faults"): on one message in
// flight (lose, duplicate, delay, deliver now), on the links (fault rules,
// cut, mend, partition, heal, link rules) and on a server (crash, restart).
// Each refused action leaves a "not applied" note and returns why.
#include <algorithm>

#include "core/sim/simulation.hpp"
#include "core/sim/trace_events.hpp"
#include "core/sim/tick_math.hpp"

namespace paxoslab {

// ---- one message in flight ---------------------------------------------------

const Network::InFlight* Simulation::select(MessageId id, const MessagePattern& pattern, int nth) const {
  if (id.valid()) return network_.find(id);
  int seen = 0;
  for (const auto& [mid, f] : network_.in_flight())  // by id: in the order they were sent
    if (pattern.matches(f.envelope) && ++seen >= nth) return &f;
  return nullptr;
}

std::string Simulation::no_selection(MessageId id, const MessagePattern& pattern, int nth) const {
  if (id.valid() || nth <= 1) return "no message in flight matches " + describe_selection(id, pattern, nth);
  int matching = 0;
  for (const auto& [mid, f] : network_.in_flight())
    if (pattern.matches(f.envelope)) ++matching;
  return "only " + std::to_string(matching) + (matching == 1 ? " message" : " messages") + " in flight " +
         (matching == 1 ? "matches " : "match ") + pattern.describe() + ", not " + std::to_string(nth) + " (nth = " +
         std::to_string(nth) + ")";
}

std::string Simulation::apply_action(const LoseAction& a) {
  const auto* f = select(a.id, a.pattern, a.nth);
  if (!f) return refuse(no_selection(a.id, a.pattern, a.nth));
  const Envelope env = f->envelope;
  network_.remove(env.id);
  record(trace_event::at_receiver(TraceKind::Drop, env, "lost: " + describe(env.payload) + " dropped by a fault"));
  heartbeat_dropped(env);
  return {};
}

std::string Simulation::apply_action(const DuplicateAction& a) {
  const auto* f = select(a.id, a.pattern, a.nth);
  if (!f) return refuse(no_selection(a.id, a.pattern, a.nth));
  Envelope copy = f->envelope;
  const MessageId original = copy.id;
  copy.id = MessageId{++next_message_id_};
  copy.duplicate_of = original;
  const LinkRules rules = links_.rules(copy.from, copy.to);
  copy.sent_tick = now_;
  copy.arrival_tick = add_ticks(now_, rng_.uniform(rules.delay_ticks_min, rules.delay_ticks_max));
  schedule_delivery(copy, "a duplicate of " + to_string(original) + " made by a fault");
  return {};
}

std::string Simulation::apply_action(const DelayAction& a) {
  auto* f = const_cast<Network::InFlight*>(select(a.id, a.pattern, a.nth));
  if (!f) return refuse(no_selection(a.id, a.pattern, a.nth));
  if (a.ticks < 1) return refuse("a delay must be at least 1 tick");
  f->envelope.arrival_tick = add_ticks(f->envelope.arrival_tick, a.ticks);
  Envelope env = f->envelope;
  network_.remove(env.id);
  trace_.update_message(env);
  record(trace_event::held_back(
      env, "held back " + std::to_string(a.ticks) + " ticks (arrives at t=" + std::to_string(env.arrival_tick) + ")"));
  schedule_delivery(env, {});
  return {};
}

std::string Simulation::apply_action(const DeliverNowAction& a) {
  const auto* f = select(a.id, a.pattern, a.nth);
  if (!f) return refuse(no_selection(a.id, a.pattern, a.nth));
  Envelope env = f->envelope;
  network_.remove(env.id);
  env.arrival_tick = now_;
  trace_.update_message(env);
  ++steps_;
  deliver(env);
  return {};
}

// ---- the links -----------------------------------------------------------------

std::string Simulation::apply_action(const FilterAction& a) {
  if (a.count == 0 || a.count < -1) return refuse("a rule's count must be -1 (always) or at least 1");
  links_.add_filter(a);
  const char* what = a.effect == FilterAction::Effect::Lose        ? "lose"
                     : a.effect == FilterAction::Effect::Duplicate ? "duplicate"
                                                                   : "delay";
  record_fault(std::string("rule '") + a.name + "': " + what + " " +
               (a.count < 0 ? std::string("every") : "the next " + std::to_string(a.count)) + " " +
               a.pattern.describe());
  return {};
}

std::string Simulation::apply_action(const RemoveFilterAction& a) {
  if (!links_.remove_filter(a.name)) return refuse("there is no rule named '" + a.name + "'");
  record_fault("rule '" + a.name + "' removed");
  return {};
}

std::string Simulation::apply_action(const CutLinkAction& a) {
  if (!valid_node(a.a) || !valid_node(a.b) || a.a == a.b)
    return refuse("a link needs two different known nodes, not " + to_string(a.a) + " and " + to_string(a.b));
  const auto before = reachability();
  links_.set_cut(a.a, a.b, true);
  if (!a.one_way) links_.set_cut(a.b, a.a, true);
  record(trace_event::between(TraceKind::LinkCut, a.a, a.b,
                              a.one_way ? "messages from " + to_string(a.a) + " to " + to_string(a.b) + " are lost"
                                        : "no message passes between " + to_string(a.a) + " and " + to_string(a.b)));
  reachability_changed(before);
  return {};
}

std::string Simulation::apply_action(const MendLinkAction& a) {
  if (!valid_node(a.a) || !valid_node(a.b) || a.a == a.b)
    return refuse("a link needs two different known nodes, not " + to_string(a.a) + " and " + to_string(a.b));
  const auto before = reachability();
  links_.set_cut(a.a, a.b, false);
  if (!a.one_way) links_.set_cut(a.b, a.a, false);
  record(trace_event::between(TraceKind::LinkMend, a.a, a.b,
                              "the link between " + to_string(a.a) + " and " + to_string(a.b) + " works again"));
  reachability_changed(before);
  return {};
}

std::string Simulation::apply_action(const PartitionAction& a) {
  std::string text;
  std::vector<int> seen(static_cast<std::size_t>(config_.servers) + 1, 0);
  for (const auto& g : a.groups) {
    if (!text.empty()) text += " | ";
    text += "{";
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (!valid_server(g[i])) return refuse("there is no server " + to_string(g[i]));
      if (seen[static_cast<std::size_t>(g[i].value)]++) return refuse(to_string(g[i]) + " is in two groups");
      text += (i ? " " : "") + to_string(g[i]);
    }
    text += "}";
  }
  const auto before = reachability();
  links_.partition(a.groups);
  std::string rest;
  for (int s = 1; s <= config_.servers; ++s)
    if (!seen[static_cast<std::size_t>(s)]) rest += (rest.empty() ? "" : " ") + to_string(ServerId{s});
  if (!rest.empty()) text += " | {" + rest + "}";
  record(trace_event::between(TraceKind::Partition, {}, {}, "partition " + text));
  reachability_changed(before);
  return {};
}

std::string Simulation::apply_action(const HealAction&) {
  const auto before = reachability();
  links_.heal();
  record(trace_event::between(TraceKind::Heal, {}, {}, "the partition is healed"));
  reachability_changed(before);
  return {};
}

std::string Simulation::apply_action(const SetLinkAction& a) {
  LinkOverride o{a.from, a.to, a.rules};
  SimConfig probe = config_;
  probe.link_overrides = {o};
  if (auto e = validate(probe); !e.empty()) return refuse(e);
  links_.set_rules(a.from, a.to, a.rules);
  record_fault("links " + (a.from.valid() ? to_string(a.from) : std::string("*")) + "->" +
               (a.to.valid() ? to_string(a.to) : std::string("*")) + ": delay " +
               std::to_string(a.rules.delay_ticks_min) + ".." + std::to_string(a.rules.delay_ticks_max) +
               " ticks, loss " + std::to_string(a.rules.loss_probability).substr(0, 4) + ", duplicate " +
               std::to_string(a.rules.duplicate_probability).substr(0, 4));
  return {};
}

// ---- a server --------------------------------------------------------------------

std::string Simulation::apply_action(const CrashAction& a) {
  if (!valid_server(a.server)) return refuse("there is no server " + to_string(a.server));
  if (slot(a.server).crashed) return refuse(to_string(a.server) + " is already crashed");
  const auto before = reachability();
  auto& sl = slot(a.server);
  sl.crashed = true;
  const CheckerMark mark = checker_mark();
  checker_.write().on_crash(now_, a.server);
  for (auto it = timers_.begin(); it != timers_.end();) {
    if (it->second.owner == NodeId::of(a.server)) {
      timer_queue_seq_.erase(it->first);
      it = timers_.erase(it);
    } else {
      ++it;
    }
  }
  fd_.drop_timers(a.server);
  record(trace_event::between(TraceKind::Crash, NodeId::of(a.server), {},
                              to_string(a.server) + " crashes with state " + format_state(*sl.executed)));
  trace_checker_findings(mark, NodeId::of(a.server), {});
  // Effects of its handlers not carried out yet never happen.
  if (std::string gone = discard_effects(a.server); !gone.empty()) {
    record(trace_event::note(to_string(a.server) + " crashed before: " + gone, NodeId::of(a.server)));
  }
  reachability_changed(before);
  return {};
}

std::string Simulation::apply_action(const RestartAction& a) {
  if (!valid_server(a.server)) return refuse("there is no server " + to_string(a.server));
  if (!slot(a.server).crashed) return refuse(to_string(a.server) + " is not crashed");
  const auto before = reachability();
  auto& sl = slot(a.server);
  sl.crashed = false;
  fd_.forget(a.server);
  const CheckerMark mark = checker_mark();
  checker_.write().on_restart(now_, a.server);
  record(trace_event::between(TraceKind::Restart, NodeId::of(a.server), {},
                              to_string(a.server) + " restarts with its durable state"));
  trace_checker_findings(mark, NodeId::of(a.server), {});
  Context ctx = make_context(a.server);
  mutable_server(a.server).on_restart(ctx);
  enqueue_effects(a.server, ctx.effects(), false);
  // After its effects: peers that suspect it get a heartbeat; it starts
  // watching every peer it cannot hear now (as if it had heard them just
  // before).
  QueuedEffect watch = work(QueuedEffect::Kind::Reachability, a.server);
  watch.before = before;
  const auto n = static_cast<std::size_t>(config_.servers);
  for (std::size_t p = 0; p < n; ++p) watch.before[p * n + static_cast<std::size_t>(a.server.value - 1)] = 1;
  enqueue({std::move(watch)}, false);
  return {};
}

}  // namespace paxoslab
