// Taking a branch of the break-finder: the move itself, its place in the
// recorded schedule, the budget it uses, then the forced steps (branches.hpp).
#include <algorithm>

#include "core/search/branches.hpp"

namespace paxoslab::search_detail {

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

}  // namespace paxoslab::search_detail
