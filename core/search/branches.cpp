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

LinkContent content_of(const Envelope& e) { return {e.from, e.to, hash_payload(e.payload)}; }

bool server_to_server(const Envelope& e) { return e.from.is_server() && e.to.is_server(); }

/// The in-flight message that `pattern` selects (Simulation::apply's rule:
/// the earliest sent one matching).
const Envelope* selected_by(const Simulation& sim, const MessagePattern& pattern) {
  for (const auto& [id, f] : sim.network().in_flight())
    if (pattern.matches(f.envelope)) return &f.envelope;
  return nullptr;
}

void step(Simulation& sim, const PendingEvent& e, std::vector<ScheduleChoice>* record) {
  if (record) {
    if (auto c = choice_for(sim, e)) record->push_back(*c);
  }
  sim.step_event(e);
  sim.finish_effects();  // no branching between effects (a no-op when handlers are atomic)
}

/// A message whose delivery is a forced step rather than a choice: to a
/// client, or to a crashed server that stays down (`stays_down`: no
/// restart left in the budget; otherwise a restart may come first and the
/// message then arrives).
bool delivery_is_forced(const Simulation& sim, const Envelope& e, bool stays_down) {
  return e.to.is_client() || (stays_down && e.to.is_server() && sim.crashed(e.to.server()));
}

bool is_forced_delivery(const Simulation& sim, const PendingEvent& p, bool stays_down) {
  if (p.type != PendingEvent::Type::Delivery) return false;
  const auto* f = sim.network().find(p.message);
  return f && delivery_is_forced(sim, f->envelope, stays_down);
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
  // Most states have none: look for one before sorting what is pending.
  const auto& flight = sim.network().in_flight();
  const auto forced_due = [&](const auto& kv) {
    const Envelope& e = kv.second.envelope;
    return (!timed || e.arrival_tick <= sim.now()) && delivery_is_forced(sim, e, stays_down);
  };
  if (std::any_of(flight.begin(), flight.end(), forced_due)) {
    for (const auto& p : sim.pending()) {
      if (timed && p.tick > sim.now()) break;
      if (is_forced_delivery(sim, p, stays_down)) {
        step(sim, p, record);
        return true;
      }
    }
  }
  if (!merge) return false;
  // A re-sent copy identical to one still in flight on the same link: merge.
  std::vector<LinkContent> seen;
  for (const auto& [id, f] : flight) {
    const Envelope& e = f.envelope;
    if (!server_to_server(e)) continue;
    const LinkContent c = content_of(e);
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

/// The server an event happens at: a delivery's destination, a timer's
/// owner; 0 for anything else (client nodes, script steps).
int owner_of(const Simulation& sim, const PendingEvent& p) {
  if (p.type == PendingEvent::Type::Delivery) {
    const auto* f = sim.network().find(p.message);
    return f && f->envelope.to.is_server() ? f->envelope.to.index : 0;
  }
  if (p.type == PendingEvent::Type::Timer) {
    const TimerInfo* t = sim.timer(p.timer);
    return t && t->owner.is_server() ? t->owner.index : 0;
  }
  return 0;
}

}  // namespace

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
    const LinkContent c = content_of(f.envelope);
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

MessagePattern full_pattern(const Envelope& m) {
  MessagePattern p;
  p.kind = m.payload.kind;
  p.from = m.from;
  p.to = m.to;
  p.request = m.payload.request;
  if (m.payload.slot != 0) p.slot = m.payload.slot;
  if (m.payload.rnd != 0) p.rnd = m.payload.rnd;
  return p;
}

std::vector<Branch> branches(const Simulation& sim, const Budget& budget, const SearchBounds& bounds) {
  std::vector<Branch> out;
  const bool stays_down = crashed_final(budget, bounds);
  const auto is_forced = [&](const PendingEvent& p) { return is_forced_delivery(sim, p, stays_down); };
  // Timed scheduling (max_reorders >= 0): equal events due at different ticks
  // differ; unbounded, only their content matters.
  const bool timed = bounds.max_reorders >= 0;
  const bool may_reorder = !timed || budget.reorders < bounds.max_reorders;
  std::vector<std::pair<LinkContent, Tick>> deliveries;
  std::vector<std::pair<std::pair<NodeId, std::pair<TimerKind, std::int64_t>>, Tick>> timer_keys;
  const auto pending = sim.pending();
  const Tick earliest = pending.empty() ? 0 : pending.front().tick;
  // Partial-order reduction (search.hpp, reduce_interleavings;
  // docs/break-finder.md). The mover is the lowest-numbered live server with
  // an event due at the earliest pending tick. Between ticks (now <
  // earliest) the first event of the next tick is one of the mover's, or a
  // wait - time passes to that tick with nothing happening, offered when
  // another server has an event due then, which could have moved time just
  // as well - and crashes and suspicions are offered (they happen at the
  // earlier tick). Once time stands at the earliest pending tick, only the
  // mover moves next, and only faults at the mover are offered.
  //
  // Two faults that do not depend on time are offered only where the server
  // they touch moves next: losing a message only when it is due to the mover
  // (a loss commutes with every step but the message's delivery), and a
  // silent suspicion (silent_suspicion) only by the mover; between ticks a
  // suspicion is offered in case it is not silent (Branch::unless_silent).
  const bool por = reduces_interleavings(bounds) && !pending.empty();
  const bool reduce = por && sim.now() == earliest;
  const bool between_ticks = por && sim.now() < earliest;
  int mover = 0;
  bool others_due = false;  // another server than the mover has an event due then
  if (por) {
    for (const auto& p : pending) {
      if (p.tick > earliest) break;
      if (is_forced(p)) continue;
      const int owner = owner_of(sim, p);
      if (owner <= 0 || owner == mover) continue;
      if (mover != 0) others_due = true;
      if (mover == 0 || owner < mover) mover = owner;
    }
  }
  // A tick at which only forced deliveries are due is reached by delivering
  // the first of them (the rest follow as forced steps).
  const bool only_forced_due =
      timed && !pending.empty() &&
      std::all_of(pending.begin(), pending.end(),
                  [&](const PendingEvent& p) { return p.tick > earliest || is_forced(p); });
  bool advanced = false;
  for (const auto& p : pending) {
    const bool reorder = p.tick > earliest;
    if (reorder && !may_reorder) break;  // sorted by tick: the rest are later still
    if (is_forced(p)) {
      if (!only_forced_due || reorder || advanced) continue;
      Branch b;
      b.type = Branch::Type::Event;
      b.event = p;
      out.push_back(b);
      advanced = true;
      continue;
    }
    if (por && owner_of(sim, p) != mover) continue;
    const Tick when = timed ? p.tick : 0;
    if (p.type == PendingEvent::Type::Delivery) {
      const auto* f = sim.network().find(p.message);
      if (!f) continue;
      const auto key = std::make_pair(content_of(f->envelope), when);
      if (std::find(deliveries.begin(), deliveries.end(), key) != deliveries.end()) continue;
      deliveries.push_back(key);
    } else if (p.type == PendingEvent::Type::Timer) {
      const TimerInfo* t = sim.timer(p.timer);
      if (!t) continue;
      const auto key = std::make_pair(std::make_pair(t->owner, std::make_pair(t->kind, t->tag)), when);
      if (std::find(timer_keys.begin(), timer_keys.end(), key) != timer_keys.end()) continue;
      timer_keys.push_back(key);
    } else {
      continue;  // the search adds no script steps
    }
    Branch b;
    b.type = Branch::Type::Event;
    b.event = p;
    b.reorder = timed && reorder;
    out.push_back(b);
  }
  if (between_ticks && others_due) {
    Branch b;
    b.type = Branch::Type::Wait;
    b.until = earliest;
    out.push_back(b);
  }
  const auto at_mover = [&](int server) { return !reduce || server == mover; };
  const auto lose_at = [&](int server) { return (!reduce && !between_ticks) || server == mover; };
  const auto add_loss = [&](const Envelope& e) {
    if (!server_to_server(e)) return;
    if (!lose_at(e.to.index)) return;
    if (selected_by(sim, full_pattern(e)) != &e) return;  // an equal copy comes first
    Branch b;
    b.type = Branch::Type::Lose;
    b.message = e.id;
    out.push_back(b);
  };
  // Between ticks the mover gets a turn before its first event of the next
  // tick only after a wait, which needs another server with an event due
  // then; otherwise what must come before that event is offered here.
  const bool mover_waits = between_ticks && others_due;
  if (budget.losses < bounds.max_losses) {
    if (reduce || (between_ticks && !mover_waits)) {
      // Only messages due at the earliest tick to the mover, which is live:
      // a message to a crashed server is dropped when due anyway; one to
      // another server is offered when that server is the mover.
      for (const auto& p : pending) {
        if (p.tick > earliest) break;
        if (p.type != PendingEvent::Type::Delivery) continue;
        const auto* f = sim.network().find(p.message);
        if (f && f->envelope.to.is_server() && !sim.crashed(f->envelope.to.server())) add_loss(f->envelope);
      }
    } else if (!por) {
      for (const auto& [id, f] : sim.network().in_flight()) add_loss(f.envelope);
    }
  }
  const int n = sim.config().servers;
  if (budget.crashes < bounds.max_crashes) {
    for (int s = 1; s <= n; ++s) {
      if (sim.crashed(ServerId{s}) || !at_mover(s)) continue;
      Branch b;
      b.type = Branch::Type::Crash;
      b.server = ServerId{s};
      out.push_back(b);
      // A reboot changes only what the server does next, like a crash, so
      // it is offered where a crash is.
      if (bounds.restart_at_once && budget.restarts < bounds.max_restarts) {
        b.type = Branch::Type::Reboot;
        out.push_back(b);
      }
    }
  }
  if (budget.suspicions < bounds.max_suspicions && sim.stage().uses_failure_detector) {
    for (int o = 1; o <= n; ++o) {
      if (sim.crashed(ServerId{o}) || !at_mover(o)) continue;
      for (int p = 1; p <= n; ++p) {
        if (p == o || sim.suspects(ServerId{o}, ServerId{p})) continue;
        Branch b;
        b.type = Branch::Type::Suspect;
        b.server = ServerId{o};
        b.peer = ServerId{p};
        // A silent suspicion can wait until the observer moves next: it is
        // offered there (as the mover inside a tick, or here at the next
        // gap if the observer is the mover and no wait is offered). That is
        // only complete when no other suspicion (possibly by the same
        // observer) can come in between: the last one the budget allows.
        const bool observer_waits = o != mover || mover_waits;
        b.unless_silent = between_ticks && observer_waits && budget.suspicions + 1 == bounds.max_suspicions;
        out.push_back(b);
      }
    }
  }
  // Restarts and partitions (search.hpp: they turn the partial-order
  // reduction off, so they are offered at every state).
  if (restarts_later(bounds) && budget.restarts < bounds.max_restarts) {
    for (int s = 1; s <= n; ++s) {
      if (!sim.crashed(ServerId{s})) continue;
      Branch b;
      b.type = Branch::Type::Restart;
      b.server = ServerId{s};
      out.push_back(b);
    }
  }
  if (sim.network().partitioned()) {
    Branch b;
    b.type = Branch::Type::Heal;
    out.push_back(b);
  } else if (budget.partitions < bounds.max_partitions) {
    // Every split into two non-empty groups, once: S1 stays in the first.
    for (std::uint32_t mask = 1; mask < (1u << (n - 1)); ++mask) {
      Branch b;
      b.type = Branch::Type::Partition;
      b.group_mask = mask << 1;
      out.push_back(b);
    }
  }
  // Same-server reduction (search.hpp, commute_same_server): inside a tick,
  // when only the mover's events are offered (no fault can touch it for the
  // rest of the tick: the budget only shrinks, and it cannot stop suspecting
  // anyone without a failure-detector event, which the check refuses) and
  // they are confluent, taking the first one loses nothing.
  if (reduce && bounds.commute_same_server && out.size() >= 2 &&
      std::all_of(out.begin(), out.end(), [](const Branch& b) { return b.type == Branch::Type::Event && !b.reorder; })) {
    std::vector<PendingEvent> due;
    for (const auto& p : pending) {
      if (p.tick > earliest) break;
      if (!is_forced(p) && owner_of(sim, p) == mover) due.push_back(p);
    }
    if (same_server_events_commute(sim, ServerId{mover}, due)) out.resize(1);
  }
  return out;
}

bool silent_suspicion(const Simulation& before, const Simulation& after, const Branch& b) {
  if (b.type != Branch::Type::Suspect) return false;
  if (before.server(b.server).state_hash() != after.server(b.server).state_hash()) return false;
  if (before.executed(b.server).size() != after.executed(b.server).size()) return false;
  if (before.network().in_flight().size() != after.network().in_flight().size()) return false;
  const auto was = before.timers();
  const auto now = after.timers();
  // Timer ids only grow: a new timer has an id `was` lacks.
  for (const auto& t : now)
    if (std::none_of(was.begin(), was.end(), [&](const TimerInfo& w) { return w.id == t.id; })) return false;
  for (const auto& t : was) {
    if (std::any_of(now.begin(), now.end(), [&](const TimerInfo& n) { return n.id == t.id; })) continue;
    const bool own_fd_timer = t.kind == TimerKind::FailureDetector && t.owner == NodeId::of(b.server) &&
                              t.tag == static_cast<std::int64_t>(b.peer.value);
    if (!own_fd_timer) return false;
  }
  return true;
}

void take(Simulation& sim, const Branch& b, Budget& budget, const SearchBounds& bounds,
          std::vector<ScheduleChoice>* record) {
  switch (b.type) {
    case Branch::Type::Event:
      step(sim, b.event, record);
      if (b.reorder) ++budget.reorders;
      break;
    case Branch::Type::Lose: {
      LoseAction lose;
      const auto* f = sim.network().find(b.message);
      if (record && f) {
        lose.pattern = full_pattern(f->envelope);  // replayable: selects this very message
      } else {
        lose.id = b.message;  // same message, found faster
      }
      act(sim, lose, record);
      ++budget.losses;
      break;
    }
    case Branch::Type::Crash:
      act(sim, CrashAction{b.server}, record);
      ++budget.crashes;
      break;
    case Branch::Type::Suspect:
      act(sim, SuspectAction{b.server, b.peer}, record);
      ++budget.suspicions;
      break;
    case Branch::Type::Restart:
      act(sim, RestartAction{b.server}, record);
      ++budget.restarts;
      break;
    case Branch::Type::Reboot:
      act(sim, CrashAction{b.server}, record);
      act(sim, RestartAction{b.server}, record);
      ++budget.crashes;
      ++budget.restarts;
      break;
    case Branch::Type::Partition: {
      PartitionAction p;
      p.groups.resize(2);
      for (int s = 1; s <= sim.config().servers; ++s)
        p.groups[(b.group_mask >> (s - 1) & 1u) != 0 ? 1 : 0].push_back(ServerId{s});
      act(sim, p, record);
      ++budget.partitions;
      break;
    }
    case Branch::Type::Heal:
      act(sim, HealAction{}, record);
      break;
    case Branch::Type::Wait:
      if (record) {
        ScheduleChoice c;
        c.type = ScheduleChoice::Type::Wait;
        c.until = b.until;
        record->push_back(c);
      }
      sim.wait_until(b.until);
      break;
  }
  force(sim, bounds, budget, record);
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
