// The message vocabulary of the paper, shared by every stage.
//
// The paper's stages add message kinds one at a time (Accept in Fig. 3, Learn in
// Fig. 4, Prepare/Promise in Fig. 10) but never change what a kind means, so one
// plain value type carries them all: each stage fills only the fields its kinds
// use (documented per kind below). Being one copyable, comparable, hashable
// value is what makes snapshots, state hashing for the break-finder, message
// labels in the app and stage-independent faults ("lose the next message from
// S1 to S2") work without knowing which stage is running.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/ids.hpp"

namespace paxoslab {

enum class MsgKind : std::uint8_t {
  Request,    ///< client -> server: request m (field `request`).
  Reply,      ///< server -> client: m executed; `state_len` = length of sigma at reply time.
  Accept,     ///< leader -> server: Accept(m, j) (Stages 1-3: rnd 0) / Accept(rnd, slot, m).
  Learn,      ///< Learn(m) (Stages 2-3: ack to the leader) / Learn(rnd, slot, m) (Stage 4).
  Prepare,    ///< Prepare(rnd) from a new leader (Stage 4, Fig. 10).
  Promise,    ///< Promise(rnd, accepted) (Stage 4): `accepted` = per slot (vrnd, vval).
  Commit,     ///< Commit(rnd, slot, m): a decided value (Stage 4 learn-to-leader mode, catch-up).
  Heartbeat,  ///< "I am alive": sent by the core (Simulation, "Failure detector").
  Nack,       ///< Nack(rnd, slot) (Stage 4): an acceptor refused a Prepare (slot 0) or an
              ///< Accept for `slot` because it promised `rnd`, above the message's round
              ///< (Fig. 10's "Ignore", answered; docs/protocol.md, Stage 4 "Promise").
};
inline constexpr int kMsgKindCount = 9;

/// "Request", "Accept", ... (the paper's names).
const char* to_string(MsgKind k);
/// Inverse of to_string (case-insensitive). Returns false for an unknown name.
bool parse_msg_kind(const std::string& text, MsgKind& out);

/// One slot's last accepted value, as reported in a Promise (the paper's
/// (vrnd, vval) pair, Fig. 10/11).
struct AcceptedEntry {
  std::int64_t slot = 0;
  std::int64_t vrnd = 0;
  RequestId vval;
  bool operator==(const AcceptedEntry&) const = default;
};

/// The content of a message. Unused fields stay 0 / empty.
struct Payload {
  MsgKind kind = MsgKind::Request;
  RequestId request;                   ///< m (Request, Reply, Accept, Learn, Commit).
  std::int64_t slot = 0;               ///< j / slot (Accept, Learn, Commit), >= 1 when used.
  std::int64_t rnd = 0;                ///< round (Stage 4 Accept, Learn, Prepare, Promise, Commit).
  std::int64_t state_len = 0;          ///< Reply: how many requests the server had executed.
  std::vector<AcceptedEntry> accepted;  ///< Promise: accepted (vrnd, vval) per slot.

  // ---- one constructor per kind, in the paper's notation (fields not named stay 0 / empty) ----
  /// Request(m): a client asks for m, or a Stage 4 follower forwards it to its leader.
  static Payload client_request(RequestId m) { return of(MsgKind::Request, 0, 0, m); }
  /// Reply(m, |sigma|): m executed; `state_len` = requests the server had executed.
  static Payload reply(RequestId m, std::int64_t state_len) {
    Payload p = of(MsgKind::Reply, 0, 0, m);
    p.state_len = state_len;
    return p;
  }
  /// Accept(m, j) (Stages 1-3: rnd 0, slot j) or Accept(rnd, slot, m) (Stage 4, phase 2, Fig. 10).
  static Payload accept(std::int64_t rnd, std::int64_t slot, RequestId m) { return of(MsgKind::Accept, rnd, slot, m); }
  /// Learn(m, j) (Stages 2-3: rnd 0, slot j) or Learn(rnd, slot, m) (Stage 4, Fig. 12b).
  static Payload learn(std::int64_t rnd, std::int64_t slot, RequestId m) { return of(MsgKind::Learn, rnd, slot, m); }
  /// Prepare(rnd): a new leader's phase 1 (Fig. 10).
  static Payload prepare(std::int64_t rnd) { return of(MsgKind::Prepare, rnd); }
  /// Promise(rnd, accepted): the acceptor's (vrnd, vval) per slot (Figs. 10-11).
  static Payload promise(std::int64_t rnd, std::vector<AcceptedEntry> accepted) {
    Payload p = of(MsgKind::Promise, rnd);
    p.accepted = std::move(accepted);
    return p;
  }
  /// Commit(rnd, slot, m): `slot` is decided as m, in round rnd (Stage 4).
  static Payload commit(std::int64_t rnd, std::int64_t slot, RequestId m) { return of(MsgKind::Commit, rnd, slot, m); }
  /// Nack(rnd, slot): refused because the acceptor promised rnd (slot 0 = a Prepare was refused).
  static Payload nack(std::int64_t rnd, std::int64_t slot) { return of(MsgKind::Nack, rnd, slot); }
  /// Heartbeat: "I am alive" (the core's failure detector).
  static Payload heartbeat() { return of(MsgKind::Heartbeat); }
  /// Any kind with these fields (the constructors above name the kind's fields).
  static Payload of(MsgKind kind, std::int64_t rnd = 0, std::int64_t slot = 0, RequestId m = {}) {
    Payload p;
    p.kind = kind;
    p.rnd = rnd;
    p.slot = slot;
    p.request = m;
    return p;
  }

  bool operator==(const Payload&) const = default;
};

/// Short label for drawing, e.g. "Acc m2 #1", "Acc r2 s1 m1", "Prom r2", "Rep m1".
std::string short_label(const Payload& p);
/// Full paper-style text, e.g. "Accept(m2, 1)", "Accept(rnd 2, slot 1, m1)",
/// "Promise(rnd 2, [1: vrnd 1 m1])", "Reply(m1, |sigma|=2)".
std::string describe(const Payload& p);

/// A message in the network: the payload plus who sent it, to whom, and when.
struct Envelope {
  MessageId id;
  NodeId from;
  NodeId to;
  Tick sent_tick = 0;
  Tick arrival_tick = 0;       ///< When it is due; changed by a delay fault.
  MessageId duplicate_of;      ///< Set when this copy was made by a duplicate fault.
  Payload payload;
  bool operator==(const Envelope&) const = default;
};

/// Order-independent-friendly 64-bit hash of a payload (ids and times excluded).
std::uint64_t hash_payload(const Payload& p);

}  // namespace paxoslab
