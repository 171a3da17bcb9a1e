#include "core/search/branches.hpp"

#include <algorithm>

#include "core/hash.hpp"

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

/// The pending delivery of message `id`, as pending() lists it.
std::optional<PendingEvent> pending_delivery(const Simulation& sim, MessageId id) {
  for (const auto& p : sim.pending())
    if (p.type == PendingEvent::Type::Delivery && p.message == id) return p;
  return std::nullopt;
}

void step(Simulation& sim, const PendingEvent& e, std::vector<ScheduleChoice>* record) {
  if (record) {
    if (auto c = choice_for(sim, e)) record->push_back(*c);
  }
  sim.step_event(e);
}

void act(Simulation& sim, const Action& a, std::vector<ScheduleChoice>* record) {
  if (record) {
    ScheduleChoice c;
    c.type = ScheduleChoice::Type::Act;
    c.action = a;
    record->push_back(c);
  }
  sim.apply(a);
}

/// One forced step, if any is due. Returns false when none is.
bool force_one(Simulation& sim, std::vector<ScheduleChoice>* record) {
  const auto& flight = sim.network().in_flight();
  for (const auto& [id, f] : flight) {
    const Envelope& e = f.envelope;
    if (e.to.is_client() || (e.to.is_server() && sim.crashed(e.to.server()))) {
      PendingEvent p;
      p.type = PendingEvent::Type::Delivery;
      p.message = e.id;
      if (record) {
        if (auto exact = pending_delivery(sim, e.id)) p = *exact;
      }
      step(sim, p, record);
      return true;
    }
  }
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

}  // namespace

std::uint64_t timing_hash(const Simulation& sim) {
  std::uint64_t sum = 0;
  const auto timers = sim.timers();
  for (const auto& p : sim.pending()) {
    Hasher e;
    e.add(static_cast<std::uint64_t>(p.tick - sim.now()));
    if (p.type == PendingEvent::Type::Delivery) {
      const auto* f = sim.network().find(p.message);
      if (!f) continue;
      const LinkContent c = content_of(f->envelope);
      e.add(static_cast<std::uint64_t>(c.from.role) << 8 | static_cast<std::uint64_t>(c.from.index));
      e.add(static_cast<std::uint64_t>(c.to.role) << 8 | static_cast<std::uint64_t>(c.to.index));
      e.add(c.payload);
    } else if (p.type == PendingEvent::Type::Timer) {
      for (const auto& t : timers) {
        if (t.id != p.timer) continue;
        e.add(0x7157ULL);
        e.add(static_cast<std::uint64_t>(t.owner.role) << 8 | static_cast<std::uint64_t>(t.owner.index));
        e.add(static_cast<std::uint64_t>(t.kind));
        e.add(static_cast<std::uint64_t>(t.tag));
      }
    }
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
  // Timed scheduling (max_reorders >= 0): equal events due at different ticks
  // differ; unbounded, only their content matters.
  const bool timed = bounds.max_reorders >= 0;
  const bool may_reorder = !timed || budget.reorders < bounds.max_reorders;
  std::vector<std::pair<LinkContent, Tick>> deliveries;
  std::vector<std::pair<std::pair<NodeId, std::pair<TimerKind, std::int64_t>>, Tick>> timer_keys;
  const auto timers = sim.timers();
  const auto pending = sim.pending();
  const Tick earliest = pending.empty() ? 0 : pending.front().tick;
  for (const auto& p : pending) {
    const bool reorder = p.tick > earliest;
    if (reorder && !may_reorder) break;  // sorted by tick: the rest are later still
    const Tick when = timed ? p.tick : 0;
    if (p.type == PendingEvent::Type::Delivery) {
      const auto* f = sim.network().find(p.message);
      if (!f) continue;
      const auto key = std::make_pair(content_of(f->envelope), when);
      if (std::find(deliveries.begin(), deliveries.end(), key) != deliveries.end()) continue;
      deliveries.push_back(key);
    } else if (p.type == PendingEvent::Type::Timer) {
      const auto t = std::find_if(timers.begin(), timers.end(), [&](const TimerInfo& i) { return i.id == p.timer; });
      if (t == timers.end()) continue;
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
  if (budget.losses < bounds.max_losses) {
    for (const auto& [id, f] : sim.network().in_flight()) {
      if (!server_to_server(f.envelope)) continue;
      if (selected_by(sim, full_pattern(f.envelope)) != &f.envelope) continue;  // an equal copy comes first
      Branch b;
      b.type = Branch::Type::Lose;
      b.message = f.envelope.id;
      out.push_back(b);
    }
  }
  const int n = sim.config().servers;
  if (budget.crashes < bounds.max_crashes) {
    for (int s = 1; s <= n; ++s) {
      if (sim.crashed(ServerId{s})) continue;
      Branch b;
      b.type = Branch::Type::Crash;
      b.server = ServerId{s};
      out.push_back(b);
    }
  }
  if (budget.suspicions < bounds.max_suspicions && sim.stage().uses_failure_detector) {
    for (int o = 1; o <= n; ++o) {
      if (sim.crashed(ServerId{o})) continue;
      for (int p = 1; p <= n; ++p) {
        if (p == o || sim.suspects(ServerId{o}, ServerId{p})) continue;
        Branch b;
        b.type = Branch::Type::Suspect;
        b.server = ServerId{o};
        b.peer = ServerId{p};
        out.push_back(b);
      }
    }
  }
  return out;
}

void take(Simulation& sim, const Branch& b, Budget& budget, std::vector<ScheduleChoice>* record) {
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
  }
  force(sim, record);
}

void force(Simulation& sim, std::vector<ScheduleChoice>* record) {
  while (force_one(sim, record)) {
  }
}

}  // namespace paxoslab::search_detail
