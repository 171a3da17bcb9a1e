// The messages in flight between servers and clients: each one's envelope
// (sender, receiver, payload, send and arrival ticks) and which entry of the
// simulation's event queue delivers it. A plain copyable value owned by the
// Simulation. Which links are up and what a link does to a message is the
// link-fault model's (core/sim/link_faults.hpp).
#pragma once

#include <cstdint>

#include "core/sim/flat_map.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"

namespace paxoslab {

class Network {
 public:
  struct InFlight {
    Envelope envelope;
    std::uint64_t queue_seq = 0;  ///< Which queue entry will deliver it.
    /// hash_payload(envelope.payload), computed once by add() (state hashes
    /// read it for every message at every state of a search).
    std::uint64_t payload_hash = 0;
    bool operator==(const InFlight&) const = default;
  };
  /// Puts `env` in flight (replacing a message with the same id), to be
  /// delivered by queue entry `queue_seq`.
  void add(const Envelope& env, std::uint64_t queue_seq);
  /// nullptr if `id` is not in flight.
  const InFlight* find(MessageId id) const;
  /// As find(), to change the message's delivery (not its payload, which
  /// payload_hash mirrors).
  InFlight* find_mut(MessageId id);
  /// Takes message `id` out of flight; false if it was not in flight.
  bool remove(MessageId id);
  /// Messages in flight, in id order (= send order).
  const FlatMap<std::uint64_t, InFlight>& in_flight() const { return in_flight_; }

  bool operator==(const Network&) const = default;

 private:
  FlatMap<std::uint64_t, InFlight> in_flight_;
};

}  // namespace paxoslab
