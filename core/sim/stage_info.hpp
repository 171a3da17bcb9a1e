// How the core learns about a protocol stage without depending on it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/server.hpp"

namespace paxoslab {

/// One rule a stage follows, as the paper builds it up (docs/protocol.md).
struct StageRule {
  std::string id;        ///< Stable kebab-case id ("durable-promise"): other tools name rules by it.
  std::string sentence;  ///< What the rule says, one sentence in the field's terms.
  std::string figure;    ///< The paper's figure that introduces it ("Fig. 10").
  int since_stage = 0;   ///< The stage that adds it (0..4).
  /// What the stage does instead when the rule is switched off
  /// (StageKnobs::without), one sentence; empty = it cannot be switched off.
  std::string without;
  /// The protocol invariants (core/invariants.hpp, by to_string name, e.g.
  /// "promise-decreased") that say no more than the rule; may be empty. A
  /// variant without the rule does not check them - they break by
  /// construction - so that what is found is the rule's consequence (two
  /// servers deciding differently, clients seeing diverging states).
  std::vector<std::string> restated_by;
};

/// Describes one stage; the instances live in stages/registry.hpp.
struct StageInfo {
  int number = 0;                 ///< 0..4.
  std::string name;               ///< The paper's name: "SingleServer", "SendAccept", ...
  std::string description;        ///< One line for `paxos-lab-cli stages`.
  bool uses_failure_detector = false;  ///< Stages 2-4 (docs/protocol.md, "Failure detection").
  /// Makes server `id`'s initial state. Never null.
  std::unique_ptr<Server> (*make_server)(ServerId id, const SimConfig& config) = nullptr;
  /// Every rule the stage follows, the earlier stages' first: Stage N is
  /// Stage N-1 plus the rules whose since_stage is N (stages/rules.cpp).
  std::vector<StageRule> rules;
};

}  // namespace paxoslab
