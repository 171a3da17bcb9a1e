// The break-finder's moves: what may happen next at one state of the search,
// and how one move is carried out (with the forced steps that follow it).
// Internal to core/search; search.hpp documents the model.
#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/schedule.hpp"
#include "core/search/search.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::search_detail {

/// Faults used so far on one path (part of the search state).
struct Budget {
  std::uint8_t losses = 0;
  std::uint8_t crashes = 0;
  std::uint8_t suspicions = 0;
  std::uint8_t reorders = 0;
  std::uint8_t restarts = 0;
  std::uint8_t partitions = 0;
  bool operator==(const Budget&) const = default;
};

/// One move.
struct Branch {
  /// Wait: between ticks, with partial-order reduction, time passes to the
  /// earliest pending tick (Simulation::wait_until); it stands for every
  /// event of that tick.
  /// Restart: a crashed server comes back with its durable state. Reboot
  /// (restart_at_once): a live server crashes and restarts at once.
  /// Partition: the servers split into two groups; Heal: the partition in
  /// force ends.
  enum class Type : std::uint8_t { Event, Lose, Crash, Suspect, Wait, Restart, Partition, Heal, Reboot };
  Type type = Type::Event;
  bool reorder = false;   ///< Event: picks an event due later than the earliest pending one.
  PendingEvent event;     ///< Event.
  MessageId message;      ///< Lose.
  ServerId server;        ///< Crash, Restart, Reboot: the server; Suspect: the observer.
  /// Partition: bit i-1 set = server Si is in the second group (S1 is always
  /// in the first).
  std::uint32_t group_mask = 0;
  ServerId peer;          ///< Suspect: the peer.
  Tick until = 0;         ///< Wait: the tick time passes to.
  /// Suspect, with partial-order reduction: offered here only in case it is
  /// not silent (silent_suspicion); a silent one is offered where the
  /// observer moves next instead. The search drops the move if it is silent.
  bool unless_silent = false;
};

/// Every move at `sim`, in a fixed order: a wait or pending events in
/// (tick, seq) order (one per distinct delivery / timer), then losses,
/// crashes (each followed by its reboot), suspicions, restarts, then a heal (while a partition is in
/// force) or partitions, within what `budget` leaves of `bounds`.
std::vector<Branch> branches(const Simulation& sim, const Budget& budget, const SearchBounds& bounds);

/// True when suspicion move `b`, taken from `before` (forced steps included)
/// to give `after`, changed nothing but the observer's failure-detector view:
/// the observer's protocol state and sigma are unchanged, nothing was sent and
/// no timer was armed or cancelled except the observer's own "suspect if still
/// silent" timer for that peer. Such a suspicion commutes with every step not
/// at the observer and does not depend on time (docs/break-finder.md).
bool silent_suspicion(const Simulation& before, const Simulation& after, const Branch& b);

/// Carries out `b` and then the forced steps (replies, messages to crashed
/// servers and - unless `bounds` reduce interleavings - merging a re-sent copy
/// into the one in flight). Updates `budget`. When `record` is set, appends
/// the choices that replay exactly this.
void take(Simulation& sim, const Branch& b, Budget& budget, const SearchBounds& bounds,
          std::vector<ScheduleChoice>* record);

/// Delivers or fires pending event `e` and finishes its effects (no branching
/// between effects); when `record` is set, appends the choice that replays it.
void step(Simulation& sim, const PendingEvent& e, std::vector<ScheduleChoice>* record);

/// Applies action `a` to `sim`; when `record` is set, appends it as an Act choice.
void act(Simulation& sim, const Action& a, std::vector<ScheduleChoice>* record);

/// Only the forced steps (used once at the start; `budget` = the faults used
/// so far: while restarts are left, a delivery to a crashed server is a
/// choice, not a forced step).
void force(Simulation& sim, const SearchBounds& bounds, const Budget& budget, std::vector<ScheduleChoice>* record);

/// Multiset hash of every pending delivery and timer with its due tick
/// relative to now (what decides the future under timed scheduling).
std::uint64_t timing_hash(const Simulation& sim);


}  // namespace paxoslab::search_detail
