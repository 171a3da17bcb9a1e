// The invariant checker of docs/protocol.md, kept outside the servers (TigerBeetle
// style) and incremental: each observation costs O(1) amortised, never a
// rescan of the run.
//
// Safety (the paper's consistency test): every observed state - each server's
// executed sequence sigma (a crashed server's as it was when it crashed) and
// every reply a client received - must be prefix-comparable with every other.
// A set of pairwise prefix-comparable sequences is a chain, so it suffices to
// compare each new observation with the longest one seen so far. Also: no
// server executes a request twice; only requests a client sent are executed.
//
// Replies carry the length of the replying server's sigma at reply time;
// because sigma is append-only and durable, that state is a prefix of a server
// state already checked, so a reply can never add a divergence of its own. The
// checker still records who saw what, to name the clients in explanations.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace paxoslab {

/// One observed state that takes part in a violation.
struct Witness {
  NodeId who;                       ///< A server (its sigma) or a client (a reply).
  std::vector<RequestId> state;     ///< The observed sequence.
  std::string description;          ///< "S1 executed m1 (then crashed)".
  bool operator==(const Witness&) const = default;
};

struct Violation {
  enum class Kind : std::uint8_t { Divergence, DoubleExecution, UnsentRequest };
  Kind kind = Kind::Divergence;
  Tick tick = 0;
  std::vector<Witness> witnesses;   ///< Divergence: exactly two.
  std::string explanation;          ///< One or two sentences.
  bool operator==(const Violation&) const = default;
};
/// "divergence", "double-execution", "unsent-request".
const char* to_string(Violation::Kind k);

/// sigma written the paper's way, e.g. "<m2 m1>", "<>" for the empty state.
std::string format_state(const std::vector<RequestId>& state);
/// Appends format_state(state) to `out` (no temporaries: used on hot paths).
void append_state(std::string& out, std::span<const RequestId> state);

class SafetyChecker {
 public:
  /// `servers` in 1..7.
  explicit SafetyChecker(int servers = 1);

  /// A client sent request m (call before any server can execute it).
  void on_request_sent(RequestId m);
  /// Server s appended m to its sigma, which is now `sigma` (m = sigma.back()).
  /// May add violations.
  void on_execute(Tick now, ServerId s, std::span<const RequestId> sigma);
  /// Client c received a reply from s carrying the first `state_len` entries of s's sigma.
  void on_reply(ClientId c, ServerId s, std::int64_t state_len);

  bool safe() const { return violations_.empty(); }
  const std::vector<Violation>& violations() const { return violations_; }
  /// Marks server s as crashed (only changes the wording of explanations).
  void set_crashed(ServerId s, bool crashed);

  bool operator==(const SafetyChecker&) const = default;

 private:
  Witness server_witness(ServerId s, std::span<const RequestId> state) const;

  int servers_;
  std::vector<std::uint8_t> sent_;            // index = request value
  std::vector<std::vector<std::uint8_t>> executed_;  // [server-1][request value]
  std::vector<RequestId> longest_;            // the longest state seen
  ServerId longest_owner_;
  std::vector<bool> diverged_;                // reported once; then left out of the chain
  std::vector<bool> crashed_;
  std::vector<std::vector<std::pair<ClientId, std::int64_t>>> replies_seen_;  // per server
  std::vector<Violation> violations_;
};

}  // namespace paxoslab
