// The link-fault model: which links are up (cut links, partitions), how each
// link behaves (delay range, loss and duplication chances), the standing
// fault rules on future sends (lose, duplicate or delay matching messages),
// and what all of that does to one message sent now (fate()). A plain
// copyable value owned by the Simulation; the only random draws it makes are
// the ones fate() takes from the Rng it is handed, in a fixed order.
//
// The rules are those of docs/protocol.md, "The world", "Time and faults"
// (every message takes a delay drawn from its link's range; a message may be
// lost, delayed or duplicated; a link cut or mended; the servers split into
// groups and healed - clients reach everyone), with the fault actions of
// docs/scenario-format.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"
#include "core/sim/rng.hpp"
#include "core/sim/script.hpp"

namespace paxoslab {

class Hasher;

/// What the link-fault model does to one message sent now (LinkFaults::fate).
/// The trace text is the simulation's: "lost: the link S1->S2 is cut".
struct SendFate {
  /// Non-empty: the message is lost, and this is why (a whole trace sentence).
  std::string lost;
  /// A Delay rule matched: the message arrives `held_back_ticks` later than
  /// its drawn delay (a negative count holds nothing back but is still
  /// reported as the rule said). `held_back_by` names the rule.
  bool held_back = false;
  Tick held_back_ticks = 0;
  std::string held_back_by;
  /// A second copy is also delivered (a Duplicate rule or the link's chance).
  bool duplicate = false;
};

class LinkFaults {
 public:
  LinkFaults() = default;
  /// `servers` servers (S1..Sn) and `clients` clients (C1..Cm), every link up,
  /// no partition, no rule; `defaults` for every link but those `overrides`
  /// name (the last matching override wins, see rules()).
  LinkFaults(int servers, int clients, LinkRules defaults, std::vector<LinkOverride> overrides);

  // ---- links and partitions ----
  /// True if a message from a to b can get through now: both are known nodes,
  /// the directed link a->b is not cut and, for two servers, they are in the
  /// same partition group. Clients are never partitioned from anyone.
  bool connected(NodeId a, NodeId b) const;
  /// Adds connected(a, b) (1 or 0) to `h` for every ordered pair of nodes,
  /// a and b each running over S1..Sn then C1..Cm (b fastest): what a
  /// simulation's state hash counts of the links, in one pass.
  void hash_connectivity(Hasher& h) const;
  /// Cuts (`cut` = true) or mends the directed link a -> b. Unknown nodes: no-op.
  void set_cut(NodeId a, NodeId b, bool cut);
  /// True if the directed link a -> b is cut (false for unknown nodes).
  bool cut(NodeId a, NodeId b) const;
  /// Partitions the servers into `groups` (numbered 1, 2, ... in order);
  /// servers not listed form one more group. Unknown servers are ignored.
  void partition(const std::vector<std::vector<ServerId>>& groups);
  /// Ends the partition: every server in group 0 again.
  void heal();
  /// Group number of server s (0 when there is no partition or s is unknown).
  int group_of(ServerId s) const;
  bool partitioned() const { return partitioned_; }

  // ---- link behaviour ----
  /// The rules in force for messages a -> b: the defaults, or the last
  /// override whose ends match (an invalid end matches any node).
  LinkRules rules(NodeId a, NodeId b) const;
  /// Sets the rules for from -> to (an invalid end = any node). Both ends
  /// invalid: new defaults, and every override is dropped.
  void set_rules(NodeId from, NodeId to, const LinkRules& rules);

  // ---- standing rules on future sends ----
  /// Adds a filter, or replaces the one with the same non-empty name.
  void add_filter(const FilterAction& f);
  /// Removes the filter named `name`; false if none.
  bool remove_filter(const std::string& name);
  /// The filters in force, in the order they were added.
  const std::vector<FilterAction>& filters() const { return filters_; }
  /// The first filter matching `env`, consuming one of its uses (a filter
  /// with count 1 is gone after it; count -1 never runs out); returns false
  /// if none matches. `out` gets a copy of the filter as it was.
  bool take_filter(const Envelope& env, FilterAction& out);

  // ---- one send ----
  /// What happens to `env` (from, to and payload set), sent now over a link
  /// with `rules` (= rules(env.from, env.to)), in this order:
  ///   1. the link is down (cut, or partitioned): lost;
  ///   2. the first matching filter: Lose -> lost; Duplicate -> duplicate;
  ///      Delay -> held back (and on to 3);
  ///   3. lost with rules.loss_probability (one rng.chance draw);
  ///   4. duplicated with rules.duplicate_probability (one more draw).
  /// Consumes a filter use in 2; draws from `rng` only in 3 and 4.
  SendFate fate(const Envelope& env, const LinkRules& rules, Rng& rng);

  bool operator==(const LinkFaults&) const = default;

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
};

}  // namespace paxoslab
