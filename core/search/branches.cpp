#include "core/search/branches.hpp"

#include <algorithm>

#include "core/sim/hash.hpp"
#include "core/search/same_server.hpp"

namespace paxoslab::search_detail {

namespace {

/// Identity of a message's content on its link (ids and ticks left out).
struct LinkContent {
  NodeId from;
  NodeId to;
  std::uint64_t payload = 0;
  bool operator==(const LinkContent&) const = default;
};

LinkContent content_of(const Network::InFlight& f) { return {f.envelope.from, f.envelope.to, f.payload_hash}; }

bool server_to_server(const Envelope& e) { return e.from.is_server() && e.to.is_server(); }

/// The in-flight message that `pattern` selects (Simulation::apply's rule:
/// the earliest sent one matching).
const Envelope* selected_by(const Simulation& sim, const MessagePattern& pattern) {
  for (const auto& [id, f] : sim.network().in_flight())
    if (pattern.matches(f.envelope)) return &f.envelope;
  return nullptr;
}

/// A message whose delivery is a forced step rather than a choice: to a
/// client, or to a crashed server that stays down (`stays_down`: no
/// restart left in the budget; otherwise a restart may come first and the
/// message then arrives).
bool delivery_is_forced(const Simulation& sim, const Envelope& e, bool stays_down) {
  return e.to.is_client() || (stays_down && e.to.is_server() && sim.crashed(e.to.server()));
}

/// No restart is left: a crashed server stays down for the rest of the path.
bool crashed_final(const Budget& budget, const SearchBounds& bounds) {
  return !restarts_later(bounds) || budget.restarts >= bounds.max_restarts;
}

/// Merging a re-sent copy into an equal one in flight (search.hpp): not with
/// the partial-order reduction, and not when a restart or a heal may let a
/// later copy through where the earlier one was dropped.
bool merges_copies(const SearchBounds& bounds) {
  return !reduces_interleavings(bounds) && !restarts_later(bounds) && bounds.max_partitions == 0;
}

/// One forced step, if any is due. Returns false when none is.
/// Timed: a delivery to a client or to a crashed server is forced once time
/// has reached its tick (an event of that tick has happened), so forcing it
/// never moves time (a crash or timer after it happens at the same tick as
/// without it). A tick with nothing else due is reached by a choice
/// (branches). Untimed (max_reorders = -1) ticks carry no information and
/// such deliveries are forced at once.
bool force_one(Simulation& sim, bool merge, bool timed, bool stays_down, std::vector<ScheduleChoice>* record) {
  // The first forced delivery due in the order step() takes events: by
  // tick, then by queue sequence number (a message's delivery is queued at
  // its arrival tick; no effects are in progress between the search's steps).
  const auto& flight = sim.network().in_flight();
  const Network::InFlight* due = nullptr;
  for (const auto& [id, f] : flight) {
    const Envelope& e = f.envelope;
    if ((timed && e.arrival_tick > sim.now()) || !delivery_is_forced(sim, e, stays_down)) continue;
    if (!due || e.arrival_tick < due->envelope.arrival_tick ||
        (e.arrival_tick == due->envelope.arrival_tick && f.queue_seq < due->queue_seq))
      due = &f;
  }
  if (due) {
    PendingEvent p;
    p.type = PendingEvent::Type::Delivery;
    p.tick = due->envelope.arrival_tick;
    p.seq = due->queue_seq;
    p.message = due->envelope.id;
    step(sim, p, record);
    return true;
  }
  if (!merge) return false;
  // A re-sent copy identical to one still in flight on the same link: merge.
  std::vector<LinkContent> seen;
  for (const auto& [id, f] : flight) {
    const Envelope& e = f.envelope;
    if (!server_to_server(e)) continue;
    const LinkContent c = content_of(f);
    if (std::find(seen.begin(), seen.end(), c) == seen.end()) {
      seen.push_back(c);
      continue;
    }
    const MessagePattern pattern = full_pattern(e);
    const Envelope* first = selected_by(sim, pattern);
    if (!first || first->payload != e.payload) continue;  // the pattern cannot name it exactly
    LoseAction lose;
    lose.pattern = pattern;
    act(sim, lose, record);
    return true;
  }
  return false;
}

}  // namespace

void step(Simulation& sim, const PendingEvent& e, std::vector<ScheduleChoice>* record) {
  if (record) {
    if (auto c = choice_for(sim, e)) record->push_back(*c);
  }
  sim.step_event(e);
  sim.finish_effects();  // no branching between effects (a no-op when handlers are atomic)
}

void act(Simulation& sim, const Action& a, std::vector<ScheduleChoice>* record) {
  if (record) {
    ScheduleChoice c;
    c.type = ScheduleChoice::Type::Act;
    c.action = a;
    record->push_back(c);
  }
  sim.apply(a);
  sim.finish_effects();
}

std::uint64_t timing_hash(const Simulation& sim) {
  // A multiset: every message in flight and every timer is pending exactly
  // once, due at its arrival / due tick.
  std::uint64_t sum = 0;
  for (const auto& [id, f] : sim.network().in_flight()) {
    Hasher e;
    e.add(static_cast<std::uint64_t>(f.envelope.arrival_tick - sim.now()));
    const LinkContent c = content_of(f);
    e.add(static_cast<std::uint64_t>(c.from.role) << 8 | static_cast<std::uint64_t>(c.from.index));
    e.add(static_cast<std::uint64_t>(c.to.role) << 8 | static_cast<std::uint64_t>(c.to.index));
    e.add(c.payload);
    sum += e.value();
  }
  for (const auto& [id, t] : sim.timers_by_id()) {
    Hasher e;
    e.add(static_cast<std::uint64_t>(t.due_tick - sim.now()));
    e.add(0x7157ULL);
    e.add(static_cast<std::uint64_t>(t.owner.role) << 8 | static_cast<std::uint64_t>(t.owner.index));
    e.add(static_cast<std::uint64_t>(t.kind));
    e.add(static_cast<std::uint64_t>(t.tag));
    sum += e.value();
  }
  return sum;
}

namespace {

/// What one state offers is decided once per state (branches()): the pending
/// events sorted by tick, and where the partial-order reduction lets
/// things happen. Partial-order reduction (search.hpp, reduce_interleavings;
/// docs/break-finder.md): the mover is the lowest-numbered live server with
/// an event due at the earliest pending tick. Between ticks (now <
/// earliest) the first event of the next tick is one of the mover's, or a
/// wait - time passes to that tick with nothing happening, offered when
/// another server has an event due then, which could have moved time just
/// as well - and crashes and suspicions are offered (they happen at the
/// earlier tick). Once time stands at the earliest pending tick, only the
/// mover moves next, and only faults at the mover are offered.
///
/// Two faults that do not depend on time are offered only where the server
/// they touch moves next: losing a message only when it is due to the mover
/// (a loss commutes with every step but the message's delivery), and a
/// silent suspicion (silent_suspicion) only by the mover; between ticks a
/// suspicion is offered in case it is not silent (Branch::unless_silent).
/// One pending event, looked up once per state: what it is and where it happens.
struct EventInfo {
  const Network::InFlight* flight = nullptr;  ///< Delivery: the message (nullptr if gone).
  const TimerInfo* timer = nullptr;           ///< Timer: the timer (nullptr if gone).
  /// The server it happens at: a delivery's destination, a timer's owner;
  /// 0 for anything else (client nodes, script steps).
  int owner = 0;
  /// A delivery that is a forced step (delivery_is_forced), not a choice.
  bool forced = false;
};

EventInfo info_of(const Simulation& sim, const PendingEvent& p, bool stays_down) {
  EventInfo e;
  if (p.type == PendingEvent::Type::Delivery) {
    e.flight = sim.network().find(p.message);
    e.owner = e.flight && e.flight->envelope.to.is_server() ? e.flight->envelope.to.index : 0;
    e.forced = e.flight && delivery_is_forced(sim, e.flight->envelope, stays_down);
  } else if (p.type == PendingEvent::Type::Timer) {
    e.timer = sim.timer(p.timer);
    e.owner = e.timer && e.timer->owner.is_server() ? e.timer->owner.index : 0;
  }
  return e;
}

struct Turn {
  Turn(const Simulation& s, const Budget& b, const SearchBounds& limits) : sim(s), budget(b), bounds(limits) {}
  const Simulation& sim;
  const Budget& budget;
  const SearchBounds& bounds;
  bool stays_down = false;  ///< crashed_final(budget, bounds)
  /// Timed scheduling (max_reorders >= 0): equal events due at different
  /// ticks differ; unbounded, only their content matters.
  bool timed = false;
  std::vector<PendingEvent> pending;
  std::vector<EventInfo> info;  ///< info[i] describes pending[i].
  Tick earliest = 0;
  bool por = false;            ///< the partial-order reduction applies
  bool reduce = false;         ///< por, and time stands at the earliest tick
  bool between_ticks = false;  ///< por, and time is before the earliest tick
  int mover = 0;
  bool others_due = false;  ///< another server than the mover has an event due then
  /// Between ticks the mover gets a turn before its first event of the next
  /// tick only after a wait, which needs another server with an event due
  /// then; otherwise what must come before that event is offered here.
  bool mover_waits = false;

  bool at_mover(int server) const { return !reduce || server == mover; }
  bool lose_at(int server) const { return (!reduce && !between_ticks) || server == mover; }
};

Turn turn_of(const Simulation& sim, const Budget& budget, const SearchBounds& bounds) {
  Turn t(sim, budget, bounds);
  t.stays_down = crashed_final(budget, bounds);
  t.timed = bounds.max_reorders >= 0;
  t.pending = sim.pending();
  t.info.reserve(t.pending.size());
  for (const auto& p : t.pending) t.info.push_back(info_of(sim, p, t.stays_down));
  t.earliest = t.pending.empty() ? 0 : t.pending.front().tick;
  t.por = reduces_interleavings(bounds) && !t.pending.empty();
  t.reduce = t.por && sim.now() == t.earliest;
  t.between_ticks = t.por && sim.now() < t.earliest;
  if (t.por) {
    for (std::size_t i = 0; i < t.pending.size(); ++i) {
      if (t.pending[i].tick > t.earliest) break;
      if (t.info[i].forced) continue;
      const int owner = t.info[i].owner;
      if (owner <= 0 || owner == t.mover) continue;
      if (t.mover != 0) t.others_due = true;
      if (t.mover == 0 || owner < t.mover) t.mover = owner;
    }
  }
  t.mover_waits = t.between_ticks && t.others_due;
  return t;
}

Branch event_branch(const PendingEvent& p, bool reorder) {
  Branch b;
  b.type = Branch::Type::Event;
  b.event = p;
  b.reorder = reorder;
  return b;
}

/// The events that may happen next (one of equal content per tick), a
/// forced delivery where only forced ones are due, and the wait.
void add_events(const Turn& t, std::vector<Branch>& out) {
  const bool may_reorder = !t.timed || t.budget.reorders < t.bounds.max_reorders;
  std::vector<std::pair<LinkContent, Tick>> deliveries;
  std::vector<std::pair<std::pair<NodeId, std::pair<TimerKind, std::int64_t>>, Tick>> timer_keys;
  // A tick at which only forced deliveries are due is reached by delivering
  // the first of them (the rest follow as forced steps).
  bool only_forced_due = t.timed && !t.pending.empty();
  for (std::size_t i = 0; only_forced_due && i < t.pending.size(); ++i)
    only_forced_due = t.pending[i].tick > t.earliest || t.info[i].forced;
  bool advanced = false;
  for (std::size_t i = 0; i < t.pending.size(); ++i) {
    const PendingEvent& p = t.pending[i];
    const bool reorder = p.tick > t.earliest;
    if (reorder && !may_reorder) break;  // sorted by tick: the rest are later still
    if (t.info[i].forced) {
      if (!only_forced_due || reorder || advanced) continue;
      out.push_back(event_branch(p, false));
      advanced = true;
      continue;
    }
    if (t.por && t.info[i].owner != t.mover) continue;
    const Tick when = t.timed ? p.tick : 0;
    if (p.type == PendingEvent::Type::Delivery) {
      const auto* f = t.info[i].flight;
      if (!f) continue;
      const auto key = std::make_pair(content_of(*f), when);
      if (std::find(deliveries.begin(), deliveries.end(), key) != deliveries.end()) continue;
      deliveries.push_back(key);
    } else if (p.type == PendingEvent::Type::Timer) {
      const TimerInfo* timer = t.info[i].timer;
      if (!timer) continue;
      const auto key = std::make_pair(std::make_pair(timer->owner, std::make_pair(timer->kind, timer->tag)), when);
      if (std::find(timer_keys.begin(), timer_keys.end(), key) != timer_keys.end()) continue;
      timer_keys.push_back(key);
    } else {
      continue;  // the search adds no script steps
    }
    out.push_back(event_branch(p, t.timed && reorder));
  }
  if (t.mover_waits) {
    Branch b;
    b.type = Branch::Type::Wait;
    b.until = t.earliest;
    out.push_back(b);
  }
}

/// Losing a server-to-server message (one of equal copies).
void add_losses(const Turn& t, std::vector<Branch>& out) {
  if (t.budget.losses >= t.bounds.max_losses) return;
  const auto add_loss = [&](const Envelope& e) {
    if (!server_to_server(e)) return;
    if (!t.lose_at(e.to.index)) return;
    if (selected_by(t.sim, full_pattern(e)) != &e) return;  // an equal copy comes first
    Branch b;
    b.type = Branch::Type::Lose;
    b.message = e.id;
    out.push_back(b);
  };
  if (t.reduce || (t.between_ticks && !t.mover_waits)) {
    // Only messages due at the earliest tick to the mover, which is live:
    // a message to a crashed server is dropped when due anyway; one to
    // another server is offered when that server is the mover.
    for (std::size_t i = 0; i < t.pending.size(); ++i) {
      if (t.pending[i].tick > t.earliest) break;
      const auto* f = t.info[i].flight;  // nullptr unless a delivery
      if (f && f->envelope.to.is_server() && !t.sim.crashed(f->envelope.to.server())) add_loss(f->envelope);
    }
  } else if (!t.por) {
    for (const auto& [id, f] : t.sim.network().in_flight()) add_loss(f.envelope);
  }
}

/// Crashing a live server (and rebooting it, when the bounds reboot at once).
void add_crashes(const Turn& t, std::vector<Branch>& out) {
  if (t.budget.crashes >= t.bounds.max_crashes) return;
  for (int s = 1; s <= t.sim.config().servers; ++s) {
    if (t.sim.crashed(ServerId{s}) || !t.at_mover(s)) continue;
    Branch b;
    b.type = Branch::Type::Crash;
    b.server = ServerId{s};
    out.push_back(b);
    // A reboot changes only what the server does next, like a crash, so
    // it is offered where a crash is.
    if (t.bounds.restart_at_once && t.budget.restarts < t.bounds.max_restarts) {
      b.type = Branch::Type::Reboot;
      out.push_back(b);
    }
  }
}

/// A live server starting to suspect a peer it trusts.
void add_suspicions(const Turn& t, std::vector<Branch>& out) {
  if (t.budget.suspicions >= t.bounds.max_suspicions || !t.sim.stage().uses_failure_detector) return;
  const int n = t.sim.config().servers;
  for (int o = 1; o <= n; ++o) {
    if (t.sim.crashed(ServerId{o}) || !t.at_mover(o)) continue;
    for (int p = 1; p <= n; ++p) {
      if (p == o || t.sim.suspects(ServerId{o}, ServerId{p})) continue;
      Branch b;
      b.type = Branch::Type::Suspect;
      b.server = ServerId{o};
      b.peer = ServerId{p};
      // A silent suspicion can wait until the observer moves next: it is
      // offered there (as the mover inside a tick, or here at the next
      // gap if the observer is the mover and no wait is offered). That is
      // only complete when no other suspicion (possibly by the same
      // observer) can come in between: the last one the budget allows.
      const bool observer_waits = o != t.mover || t.mover_waits;
      b.unless_silent = t.between_ticks && observer_waits && t.budget.suspicions + 1 == t.bounds.max_suspicions;
      out.push_back(b);
    }
  }
}

/// Restarts and partitions (search.hpp: they turn the partial-order
/// reduction off, so they are offered at every state).
void add_restarts_and_partitions(const Turn& t, std::vector<Branch>& out) {
  const int n = t.sim.config().servers;
  if (restarts_later(t.bounds) && t.budget.restarts < t.bounds.max_restarts) {
    for (int s = 1; s <= n; ++s) {
      if (!t.sim.crashed(ServerId{s})) continue;
      Branch b;
      b.type = Branch::Type::Restart;
      b.server = ServerId{s};
      out.push_back(b);
    }
  }
  if (t.sim.links().partitioned()) {
    Branch b;
    b.type = Branch::Type::Heal;
    out.push_back(b);
  } else if (t.budget.partitions < t.bounds.max_partitions) {
    // Every split into two non-empty groups, once: S1 stays in the first.
    for (std::uint32_t mask = 1; mask < (1u << (n - 1)); ++mask) {
      Branch b;
      b.type = Branch::Type::Partition;
      b.group_mask = mask << 1;
      out.push_back(b);
    }
  }
}

/// Same-server reduction (search.hpp, commute_same_server): inside a tick,
/// when only the mover's events are offered (no fault can touch it for the
/// rest of the tick: the budget only shrinks, and it cannot stop suspecting
/// anyone without a failure-detector event, which the check refuses) and
/// they are confluent, taking the first one loses nothing.
void keep_one_if_confluent(const Turn& t, std::vector<Branch>& out) {
  if (!t.reduce || !t.bounds.commute_same_server || out.size() < 2) return;
  if (!std::all_of(out.begin(), out.end(),
                   [](const Branch& b) { return b.type == Branch::Type::Event && !b.reorder; }))
    return;
  std::vector<PendingEvent> due;
  for (std::size_t i = 0; i < t.pending.size(); ++i) {
    if (t.pending[i].tick > t.earliest) break;
    if (!t.info[i].forced && t.info[i].owner == t.mover) due.push_back(t.pending[i]);
  }
  if (same_server_events_commute(t.sim, ServerId{t.mover}, due)) out.resize(1);
}

}  // namespace

std::vector<Branch> branches(const Simulation& sim, const Budget& budget, const SearchBounds& bounds) {
  const Turn turn = turn_of(sim, budget, bounds);
  std::vector<Branch> out;
  add_events(turn, out);
  add_losses(turn, out);
  add_crashes(turn, out);
  add_suspicions(turn, out);
  add_restarts_and_partitions(turn, out);
  keep_one_if_confluent(turn, out);
  return out;
}

void force(Simulation& sim, const SearchBounds& bounds, const Budget& budget, std::vector<ScheduleChoice>* record) {
  // Merging depends on whether the copy in flight was already delivered,
  // which would make deliveries at different servers not commute.
  const bool merge = merges_copies(bounds);
  const bool timed = bounds.max_reorders >= 0;
  const bool stays_down = crashed_final(budget, bounds);
  while (force_one(sim, merge, timed, stays_down, record)) {
  }
}

}  // namespace paxoslab::search_detail
