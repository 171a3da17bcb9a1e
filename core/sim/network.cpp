#include "core/sim/network.hpp"

namespace paxoslab {

void Network::add(const Envelope& env, std::uint64_t queue_seq) {
  in_flight_[env.id.value] = InFlight{env, queue_seq, hash_payload(env.payload)};
}

const Network::InFlight* Network::find(MessageId id) const {
  const auto it = in_flight_.find(id.value);
  return it == in_flight_.end() ? nullptr : &it->second;
}

Network::InFlight* Network::find_mut(MessageId id) {
  const auto it = in_flight_.find(id.value);
  return it == in_flight_.end() ? nullptr : &it->second;
}

bool Network::remove(MessageId id) { return in_flight_.erase(id.value) > 0; }

}  // namespace paxoslab
