// The failure detector's state and rules (docs/protocol.md, "Failure
// detection (Stages 2-4)": a monarchical eventual leader detector):
// who suspects whom, which suspicions a standing rule keeps, each observer's
// leader, and the per-pair timers the simulation arms for it (the "suspect if
// still silent" watch and the heartbeat). A plain copyable value owned by the
// Simulation, for stages with a failure detector (StageInfo::
// uses_failure_detector, Stages 2-4); it records no trace and arms no timer
// itself: the Simulation does both and asks it the rules below.
//
// The rules:
//   - A server O suspects a peer P after P has been silent (could not reach O)
//     for fd_timeout_ticks (suspect_on_silence()); never itself.
//   - O's leader is the lowest-numbered server it does not suspect, itself
//     included (leader_of()).
//   - Hearing any message from P ends O's suspicion of P (ends_on_hearing()),
//     unless a standing rule keeps it (SuspectAction keep = true, which only a
//     TrustAction ends). A handler of O that handles a message from P already
//     sees P as unsuspected (view_hearing()), even under a standing rule.
//   - While O suspects P (not by a standing rule) and P can reach O, P sends O
//     a heartbeat every heartbeat_ticks (wants_heartbeat()).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/sim/ids.hpp"

namespace paxoslab {

class FailureDetector {
 public:
  FailureDetector() = default;
  /// `servers` servers (S1..Sn, n <= 32), nobody suspected, no timer.
  explicit FailureDetector(int servers);

  // ---- who suspects whom ----
  /// True if `observer` suspects `peer`; false for unknown servers and for
  /// observer == peer.
  bool suspects(ServerId observer, ServerId peer) const;
  /// True when a standing rule keeps `observer` suspecting `peer`: hearing
  /// from the peer does not end it, only a trust (set_suspected(false)).
  bool keeps_suspecting(ServerId observer, ServerId peer) const;
  /// The lowest-numbered server `observer` does not suspect (itself if it
  /// suspects every lower one).
  ServerId leader_of(ServerId observer) const;
  /// observer's suspicions as a mask: bit i-1 set = suspects Si (the view a
  /// handler's Context gets, core/sim/server.hpp).
  std::uint32_t suspected(ServerId observer) const;
  /// observer's standing rules as a mask: bit i-1 set = a rule keeps Si suspected.
  std::uint32_t kept(ServerId observer) const;
  /// The view of a handler of `observer` that handles a message from
  /// `sender`: suspected(observer) without the sender's bit when the sender
  /// is a server (hearing from it ends the suspicion, standing rule or not:
  /// the handler heard it). A client sender changes nothing.
  std::uint32_t view_hearing(ServerId observer, NodeId sender) const;

  // ---- the rules ----
  /// A message from `peer` reaching `observer` ends observer's suspicion of
  /// it: true when observer suspects peer and no standing rule keeps it.
  bool ends_on_hearing(ServerId observer, ServerId peer) const {
    return suspects(observer, peer) && !keeps_suspecting(observer, peer);
  }
  /// observer's watch on peer fired: observer starts suspecting peer if peer
  /// is still `silent` (cannot reach it), observer is `observer_up` (not
  /// crashed) and does not suspect peer already.
  bool suspect_on_silence(ServerId observer, ServerId peer, bool silent, bool observer_up) const {
    return silent && observer_up && !suspects(observer, peer);
  }
  /// The failure detector's part of the heartbeat rule: `to` suspects `from`
  /// and no standing rule keeps it, so `from` owes `to` heartbeats. The
  /// simulation arms from's heartbeat timer for `to` exactly while this holds,
  /// `to` is up, `from` can reach `to` and no heartbeat from -> to is in flight.
  bool wants_heartbeat(ServerId from, ServerId to) const { return ends_on_hearing(to, from); }

  // ---- changes ----
  /// Starts (`suspected` = true) or ends observer's suspicion of peer; ending
  /// it also ends a standing rule that kept it.
  void set_suspected(ServerId observer, ServerId peer, bool suspected);
  /// Makes (`kept` = true) or ends a standing rule that keeps observer
  /// suspecting peer; the suspicion itself is set_suspected's.
  void set_kept(ServerId observer, ServerId peer, bool kept);
  /// `s` restarted: it suspects nobody and keeps no rule (volatile state).
  void forget(ServerId s);

  // ---- the simulation's timers for it (invalid id = none) ----
  /// observer's pending "suspect peer if still silent" timer.
  TimerId& watch_timer(ServerId observer, ServerId peer) { return timers_[pair(0, observer, peer)]; }
  TimerId watch_timer(ServerId observer, ServerId peer) const { return timers_[pair(0, observer, peer)]; }
  /// from's pending heartbeat timer for peer `to`.
  TimerId& heartbeat_timer(ServerId from, ServerId to) { return timers_[pair(1, from, to)]; }
  TimerId heartbeat_timer(ServerId from, ServerId to) const { return timers_[pair(1, from, to)]; }
  /// `s` crashed: it holds no timer any more.
  void drop_timers(ServerId s);

  bool operator==(const FailureDetector&) const = default;

 private:
  bool valid(ServerId s) const { return s.value >= 1 && s.value <= servers_; }
  static std::uint32_t bit(ServerId s) { return 1u << (s.value - 1); }
  /// Index into timers_ of pair (a, b) in table `table` (0 = watch, 1 = heartbeat).
  std::size_t pair(std::size_t table, ServerId a, ServerId b) const {
    const auto n = static_cast<std::size_t>(servers_);
    return table * n * n + static_cast<std::size_t>(a.value - 1) * n + static_cast<std::size_t>(b.value - 1);
  }

  // Inline arrays and one vector: a copy (every snapshot, every state of the
  // break-finder's search) allocates once.
  int servers_ = 0;
  std::array<std::uint32_t, 32> suspected_{};  // per observer: bit i-1 = suspects Si
  std::array<std::uint32_t, 32> kept_{};       // per observer: bit i-1 = a standing rule keeps Si suspected
  std::vector<TimerId> timers_;                // [observer][peer] watches, then [from][to] heartbeats
};

}  // namespace paxoslab
