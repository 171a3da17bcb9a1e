// The network between servers and clients: which links are up, how each link
// behaves (delay range, loss, duplication), standing fault rules, and the
// messages in flight. A plain copyable value owned by the Simulation; it makes
// no random choices itself (the Simulation draws them from its Rng).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"
#include "core/sim/script.hpp"

namespace paxoslab {

class Network {
 public:
  Network() = default;
  /// A network of `servers` servers and `clients` clients, every link up.
  Network(int servers, int clients, LinkRules defaults, std::vector<LinkOverride> overrides);

  // ---- links and partitions ----
  /// True if a message from a to b can get through now: the link is not cut
  /// and, for two servers, they are in the same partition group.
  bool connected(NodeId a, NodeId b) const;
  /// Cut or mend the directed link a -> b.
  void set_cut(NodeId a, NodeId b, bool cut);
  bool cut(NodeId a, NodeId b) const;
  /// Partition the servers into groups (servers not listed form one more group).
  void partition(const std::vector<std::vector<ServerId>>& groups);
  void heal();
  /// Group number of server s (0 when there is no partition).
  int group_of(ServerId s) const;
  bool partitioned() const { return partitioned_; }
  /// The rules in force for messages a -> b (the last matching override wins).
  LinkRules rules(NodeId a, NodeId b) const;
  void set_rules(NodeId from, NodeId to, const LinkRules& rules);

  // ---- standing rules on future sends ----
  /// Adds (or replaces, by name) a filter.
  void add_filter(const FilterAction& f);
  /// Removes the filter named `name`; false if none.
  bool remove_filter(const std::string& name);
  const std::vector<FilterAction>& filters() const { return filters_; }
  /// The first filter matching `env`, consuming one of its uses; returns false
  /// if none matches. `out` gets a copy of the filter as it was.
  bool take_filter(const Envelope& env, FilterAction& out);

  // ---- messages in flight ----
  struct InFlight {
    Envelope envelope;
    std::uint64_t queue_seq = 0;  ///< Which queue entry will deliver it.
    bool operator==(const InFlight&) const = default;
  };
  void add(const Envelope& env, std::uint64_t queue_seq);
  /// nullptr if `id` is not in flight.
  const InFlight* find(MessageId id) const;
  InFlight* find_mut(MessageId id);
  bool remove(MessageId id);
  /// Messages in flight, in id order (= send order).
  const std::map<std::uint64_t, InFlight>& in_flight() const { return in_flight_; }

  bool operator==(const Network&) const = default;

 private:
  std::size_t index(NodeId n) const;

  int servers_ = 0;
  int clients_ = 0;
  LinkRules defaults_;
  std::vector<LinkOverride> overrides_;
  std::vector<std::uint8_t> cut_;  // [from][to], nodes: servers then clients
  std::vector<int> group_;         // per server
  bool partitioned_ = false;
  std::vector<FilterAction> filters_;
  std::map<std::uint64_t, InFlight> in_flight_;
};

}  // namespace paxoslab
