// The invariant checker of docs/protocol.md (the paper's consistency test), kept outside the
// servers (TigerBeetle style) and incremental: each execution costs O(n)
// (n = servers, at most 7), never a rescan of the run; only a crash (rare)
// rescans the servers' states once.
//
// Safety = what can be observed (the paper's consistency test, Sec. 2; the
// slides' four crash points of Fig. 5). The *observed states* of a run are:
//   - every reply a client received (the replying server's sigma up to the
//     reply's length),
//   - every live server's executed sequence sigma (anyone could ask it),
//   - a restarted server's sigma (it is live again, with its durable sigma),
//   - a crashed server's sigma only as far as some reply received by a client
//     revealed it (its "revealed prefix").
// Every two observed states must be prefix-comparable ("m2" and "m2 m1" agree;
// "m1" and "m2" do not); a violation names its two witnesses. A set of
// pairwise prefix-comparable sequences is a chain, so it suffices to compare
// each newly observed request with the longest observed state so far.
//
// A crashed server whose sigma, beyond its revealed prefix, is not
// prefix-comparable with the observed states is a *warning*, "diverged, not
// observed" (Warning::Kind::DivergedNotObserved), not a violation: no client
// can tell. This is why, of Fig. 5's four crash points, only "the leader
// replied, then crashed" breaks safety. The warning turns into a violation
// if the divergence is observed later: the server restarts, or a reply it
// sent before crashing arrives and reveals it.
//
// Also (violations of their own kind):
//   - no server executes a request twice (double-execution),
//   - only requests that a client sent are executed (unsent-request),
//   - client order: a server executes one client's requests in the order that
//     client sent them (client-order) - e.g. executing C1's m7 before its m5.
//     A request the server never executes is no order violation by itself
//     (that is liveness); executing an earlier-sent one after a later-sent
//     one is. Closed-loop clients (core/sim/config.hpp ClientMode) make this hold
//     by construction; open-loop clients can expose it.
// A server is reported once per kind of order or divergence problem: after
// its first divergence it is left out of the chain; after its first
// client-order violation for a client, that pair is not checked again.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/ids.hpp"

namespace paxoslab {

/// One observed state that takes part in a violation or warning.
struct Witness {
  NodeId who;                       ///< A server (its sigma, or the part a reply revealed).
  std::vector<RequestId> state;     ///< The observed sequence.
  std::string description;          ///< "S1 executed <m1> (then crashed); C1 got <m1>".
  bool operator==(const Witness&) const = default;
};

struct Violation {
  /// The consistency test's kinds first, then the protocol invariants of
  /// core/sim/invariants.hpp (docs/protocol.md, "Protocol invariants").
  enum class Kind : std::uint8_t {
    Divergence,
    DoubleExecution,
    UnsentRequest,
    ClientOrder,
    PromiseDecreased,    ///< An acceptor's promised round went down.
    AcceptBelowPromise,  ///< An acceptor accepted a round below its promise.
    DecidedDisagree,     ///< Two servers decided different values for one slot.
    DecidedChanged,      ///< A server's decided slot changed its value.
    AcceptConflict,      ///< Two acceptors accepted different values for one (rnd, slot).
  };
  Kind kind = Kind::Divergence;
  Tick tick = 0;
  std::vector<Witness> witnesses;   ///< Divergence: exactly two; others: the server.
  std::string explanation;          ///< One or two sentences.
  bool operator==(const Violation&) const = default;
};
/// Number of Violation kinds (they are 0..kViolationKindCount-1).
inline constexpr int kViolationKindCount = 9;
/// "divergence", "double-execution", "unsent-request", "client-order",
/// "promise-decreased", "accept-below-promise", "decided-disagree",
/// "decided-changed", "accept-conflict".
const char* to_string(Violation::Kind k);
/// Every kind's to_string, in enum order.
std::vector<std::string> violation_kind_names();
/// True for the protocol invariants' kinds (core/sim/invariants.hpp).
bool is_protocol_invariant(Violation::Kind k);

/// Something worth showing that is not a violation.
struct Warning {
  enum class Kind : std::uint8_t {
    /// A crashed server's never-revealed sigma is not prefix-comparable with
    /// the observed states ("diverged, not observed").
    DivergedNotObserved,
  };
  Kind kind = Kind::DivergedNotObserved;
  Tick tick = 0;
  ServerId server;                  ///< The crashed server.
  std::vector<Witness> witnesses;   ///< The crashed server's sigma, then the observed state it disagrees with.
  std::string explanation;          ///< Starts with "S1 diverged, not observed: ".
  bool operator==(const Warning&) const = default;
};
/// "diverged-not-observed".
const char* to_string(Warning::Kind k);
/// "diverged, not observed" (the name shown to people).
const char* display_name(Warning::Kind k);

/// sigma written the paper's way, e.g. "<m2 m1>", "<>" for the empty state.
std::string format_state(const std::vector<RequestId>& state);
/// Appends format_state(state) to `out` (no temporaries: used on hot paths).
void append_state(std::string& out, std::span<const RequestId> state);

class SafetyChecker {
 public:
  /// `servers` in 1..7.
  explicit SafetyChecker(int servers = 1);

  /// Client c sent request m (call before any server can execute it). The
  /// order of these calls per client is that client's sending order (a resend
  /// is not a new call). c invalid: m is known as sent, its order unchecked.
  void on_request_sent(RequestId m, ClientId c = {});
  /// Server s appended m to its sigma, which is now `sigma` (m = sigma.back()).
  /// May add violations and warnings.
  void on_execute(Tick now, ServerId s, std::span<const RequestId> sigma);
  /// Client c received a reply from s carrying the first `state_len` entries
  /// of s's sigma. From a crashed server this reveals that much of its sigma
  /// (may add a violation).
  void on_reply(Tick now, ClientId c, ServerId s, std::int64_t state_len);
  /// Server s crashed: from now on only its revealed prefix is observed.
  void on_crash(Tick now, ServerId s);
  /// Server s restarted: its whole sigma is observed again (may add a violation).
  void on_restart(Tick now, ServerId s);

  /// A protocol invariant's violation (core/sim/invariants.hpp) joins the list.
  void add_invariant_violation(Violation v) { violations_.push_back(std::move(v)); }

  bool safe() const { return violations_.empty(); }
  const std::vector<Violation>& violations() const { return violations_; }
  const std::vector<Warning>& warnings() const { return warnings_; }

  bool operator==(const SafetyChecker&) const = default;

 private:
  std::size_t index(ServerId s) const { return static_cast<std::size_t>(s.value - 1); }
  /// Length of s's observed state: all of sigma if live, the revealed prefix if crashed.
  std::size_t observed_len(ServerId s) const;
  Witness server_witness(ServerId s, std::span<const RequestId> state) const;
  /// Compares positions [from, to) of s's sigma with the chain, extending the
  /// chain past its end; a mismatch adds a divergence (why = how it became observed).
  void observe(Tick now, ServerId s, std::size_t from, std::size_t to, const std::string& why);
  /// The chain grew to position k: warns about crashed servers whose unrevealed sigma differs there.
  void check_crashed_tails(Tick now, std::size_t k);
  /// Rebuilds the chain from the observed states (after a crash shrank them).
  void rebuild_chain();
  void check_client_order(Tick now, ServerId s, std::span<const RequestId> sigma);

  struct SentInfo {
    ClientId client;        ///< Invalid: sent, order unknown.
    std::int64_t order = 0; ///< 0, 1, 2, ... in the client's sending order.
    bool operator==(const SentInfo&) const = default;
  };
  struct OrderMark {
    std::int64_t order = -1;   ///< Highest sending-order index executed so far.
    RequestId request;         ///< The request that had it.
    bool reported = false;
    bool operator==(const OrderMark&) const = default;
  };

  int servers_;
  std::vector<std::uint8_t> sent_;            // index = request value
  std::vector<SentInfo> sent_info_;           // index = request value
  std::vector<std::int64_t> client_sent_count_;  // index = client value
  std::vector<std::vector<std::uint8_t>> executed_;  // [server-1][request value]
  std::vector<std::vector<RequestId>> sigma_;        // [server-1]: its sigma
  std::vector<std::size_t> revealed_;                // [server-1]: longest reply received
  std::vector<std::vector<OrderMark>> order_;        // [server-1][client value]
  std::vector<RequestId> longest_;            // the longest observed state (the chain)
  ServerId longest_owner_;
  std::vector<bool> diverged_;                // reported once; then left out of the chain
  std::vector<bool> warned_;                  // diverged, not observed: warned once
  std::vector<bool> crashed_;
  std::vector<std::vector<std::pair<ClientId, std::int64_t>>> replies_seen_;  // per server
  std::vector<Violation> violations_;
  std::vector<Warning> warnings_;
};

}  // namespace paxoslab
