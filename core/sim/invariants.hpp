// Protocol invariants checked after every step (docs/protocol.md, "Protocol
// invariants"), beside the consistency test of core/sim/checker.hpp: where the
// consistency test looks only at what clients and servers can observe
// (executed sequences), these look inside the protocol - at each acceptor's
// promise and accepted (vrnd, vval) and each server's decided slots - and
// name the first step where Paxos's own reasoning (the paper's Figs. 10-12)
// stops holding, usually long before a client could notice:
//   - promise-decreased: an acceptor's promised round never goes down (a
//     promise is durable: it survives a crash);
//   - accept-below-promise: an acceptor never accepts (vrnd, vval) with vrnd
//     below the round it had promised;
//   - decided-disagree: every server that decides a slot decides the same
//     value;
//   - decided-changed: a slot a server decided keeps its value;
//   - accept-conflict: no two acceptors accept different values for the same
//     (rnd, slot) - one leader proposes one value per slot in its round.
// Each violation names its witnesses (the servers and what they held).
// Only stages with rounds report a PaxosState (core/sim/server.hpp), so Stages
// 0-3 are never checked here.
//
// Cost: a check reads one server's state (O(slots)) after a step that ran
// one of its handlers; the history kept is O(servers x slots + rounds x slots).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/sim/checker.hpp"
#include "core/sim/flat_map.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/server.hpp"

namespace paxoslab {

class ProtocolInvariants {
 public:
  /// `servers` in 1..7. Bit k of `unchecked` set: Violation::Kind k is never
  /// reported (a variant without the rule it restates, core/variant.hpp).
  explicit ProtocolInvariants(int servers = 1, std::uint32_t unchecked = 0);

  /// Server s's state `now`, after a step that ran one of its handlers (a
  /// restart included). Appends each newly broken invariant to `out`; each
  /// kind is reported once per server (per slot for the slot kinds).
  void check(Tick now, ServerId s, const PaxosState& state, std::vector<Violation>& out);
  /// True when check(now, s, state, out) would change nothing and report
  /// nothing: the promise and every accepted and decided slot of `state` are
  /// as check() last saw them for s (a repeated finding is never reported
  /// twice). Lets a caller that shares this object skip copying it.
  bool up_to_date(ServerId s, const PaxosState& state) const;

  bool operator==(const ProtocolInvariants&) const = default;

 private:
  struct Accepted {
    std::int64_t vrnd = 0;
    RequestId vval;
    bool operator==(const Accepted&) const = default;
  };
  struct Holder {
    RequestId value;
    ServerId server;
    bool operator==(const Holder&) const = default;
  };
  /// What was last seen of one server.
  struct Seen {
    std::int64_t promised = 0;
    FlatMap<std::int64_t, Accepted> accepted;   ///< slot -> (vrnd, vval)
    FlatMap<std::int64_t, RequestId> decided;   ///< slot -> value
    bool promise_reported = false;
    bool operator==(const Seen&) const = default;
  };
  using SlotKey = std::pair<std::int64_t, std::int64_t>;  // (kind, slot) or (rnd, slot)

  void check_promise(Tick now, ServerId s, const PaxosState& st, std::vector<Violation>& out);
  void check_accepted(Tick now, ServerId s, const PaxosState::Slot& slot, std::int64_t promised_before,
                      std::vector<Violation>& out);
  void check_decided(Tick now, ServerId s, const PaxosState::Slot& slot, std::vector<Violation>& out);
  /// True the first time (kind, server, slot) is reported.
  bool first_report(Violation::Kind kind, ServerId s, std::int64_t slot);

  std::vector<Seen> seen_;                         // [server-1]
  FlatMap<SlotKey, Holder> accepted_in_round_;    // (rnd, slot) -> the first acceptor's value
  FlatMap<std::int64_t, Holder> decided_;         // slot -> the first server's decided value
  std::vector<std::pair<int, SlotKey>> reported_;  // (server, (kind, slot)) already reported
  std::uint32_t unchecked_ = 0;                    // bit k: Violation::Kind k is not reported
};

}  // namespace paxoslab
