// Everything that sets up one simulation: cluster size, seed, link rules and
// the stage's knobs (docs/protocol.md, "Knobs that make good lessons").
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/server_set.hpp"

namespace paxoslab {

/// How one directed link behaves for messages sent on it.
struct LinkRules {
  Tick delay_ticks_min = 10;         ///< Smallest delivery delay, >= 1.
  Tick delay_ticks_max = 10;         ///< Largest delivery delay, >= delay_ticks_min.
  double loss_probability = 0.0;     ///< In [0, 1]: chance a sent message is lost.
  double duplicate_probability = 0.0;  ///< In [0, 1]: chance a second copy is also sent.
  bool operator==(const LinkRules&) const = default;
};

/// Rules for the links from `from` to `to`; an invalid (None) end matches any node.
struct LinkOverride {
  NodeId from;
  NodeId to;
  LinkRules rules;
  bool operator==(const LinkOverride&) const = default;
};

/// Stage 4: where learns go (docs/protocol.md, Knobs).
enum class LearnMode : std::uint8_t {
  ToAll,               ///< Learn to every server; each decides on a quorum (Fig. 12b).
  ToLeaderThenCommit,  ///< Learn to the leader only; the leader decides and sends Commit.
};

/// Stage 4: how a new leader picks its round (the slides' ranking lesson, row 13).
enum class RoundNumbering : std::uint8_t {
  Preassigned,  ///< Si uses i, i+n, i+2n, ...: a server can always outbid (the paper).
  ServerId,     ///< Si always uses round i: once S2 has led, S1 can never lead again.
};

/// How a client paces its requests (docs/protocol.md).
enum class ClientMode : std::uint8_t {
  /// The default, as real clients work: a client sends its next request only
  /// once some server replied to the previous one. A request scripted (or
  /// clicked) while the previous one is unanswered waits in the client's
  /// queue and is sent when that reply arrives. So one client's requests can
  /// never overtake each other and every server executes them in sending
  /// order. Unanswered requests are resent every client_retry_ticks.
  ClosedLoop,
  /// Every request is sent the moment it is scripted, answered or not (for
  /// lessons and scenarios that need several requests of one client in
  /// flight at once; one client's requests may then execute out of order).
  OpenLoop,
};

/// Knobs of the protocol stages. Each stage documents which ones it reads.
struct StageKnobs {
  Tick retransmit_ticks = 40;     ///< Stages 2-4: period of accept retransmission, >= 1.
  Tick fd_timeout_ticks = 60;     ///< Stages 2-4: silence after which a peer is suspected, >= 1.
  int quorum_size = 0;            ///< Stage 4: learns needed to decide; 0 = a majority.
  LearnMode learn_mode = LearnMode::ToAll;
  RoundNumbering round_numbering = RoundNumbering::Preassigned;
  /// Clients resend unanswered requests this often; 0 = never. The default
  /// (300 = 5 default fd timeouts) is longer than a request takes even across
  /// a leader change, so a client retries only when something was lost.
  Tick client_retry_ticks = 300;
  ClientMode client_mode = ClientMode::ClosedLoop;  ///< All stages: how clients pace their requests.
  /// The rules switched off: a variant of the stage (docs/protocol.md,
  /// "Variants"). Rule ids as stages/rules.cpp lists them ("durable-promise"),
  /// sorted, each once; empty = the full stage. Each stage follows the
  /// documented alternative of a rule that is off (StageRule::without) and
  /// accepts only its own switchable rules (core/variant.hpp checks them).
  std::vector<std::string> without;
  bool operator==(const StageKnobs&) const = default;

  /// True when rule `id` is switched off.
  bool is_off(std::string_view id) const { return std::find(without.begin(), without.end(), id) != without.end(); }

  /// Stages 2-4: a server sends a peer a Heartbeat when it has sent it nothing
  /// for this long: half the failure-detection timeout (at least 1 tick), so a
  /// live, connected peer is heard from about twice per timeout
  /// (docs/protocol.md, "Failure detection").
  Tick heartbeat_ticks() const { return fd_timeout_ticks / 2 > 0 ? fd_timeout_ticks / 2 : 1; }
};

/// The whole set-up of one simulation.
struct SimConfig {
  int stage = 0;            ///< 0..4 (see stages/registry.hpp).
  int servers = 1;          ///< 1..7.
  int clients = 2;          ///< 1..9.
  std::uint64_t seed = 1;   ///< Drives every random choice (delays, loss, duplicates).
  LinkRules link;           ///< Default rules for every link.
  std::vector<LinkOverride> link_overrides;  ///< Later entries win.
  StageKnobs knobs;
  bool operator==(const SimConfig&) const = default;

  /// Majority of `servers`: floor(n/2) + 1 (paxoslab::majority, server_set.hpp).
  int majority() const { return paxoslab::majority(servers); }
  /// knobs.quorum_size if set, else majority().
  int quorum() const { return knobs.quorum_size > 0 ? knobs.quorum_size : majority(); }
};

/// Checks ranges (servers 1..7, clients 1..9, delays >= 1 and min <= max,
/// probabilities in [0,1], timeouts >= 1, quorum 0..servers). Returns an empty
/// string when valid, else a sentence naming the first bad field.
std::string validate(const SimConfig& config);

}  // namespace paxoslab
