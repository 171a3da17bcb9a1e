// Variants of a stage: the stage with some of its rules switched off
// (docs/protocol.md, "Variants"). A run's StageKnobs::without names the rules
// that are off by their stable ids (stages/rules.cpp); the stage then follows
// each such rule's documented alternative (StageRule::without), and the
// protocol invariant that merely restates a switched-off rule is not checked
// (StageRule::restated_by), so that a search finds what the rule prevents.
//
// The core does not know the stages' rules: every function here takes the
// StageInfo (usually find_stage(n) from stages/registry.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// The ids of `stage`'s rules that can be switched off (a non-empty
/// StageRule::without), in the stage's order.
std::vector<std::string> switchable_rules(const StageInfo& stage);

/// Checks `without` against `stage`: empty when every id names a switchable
/// rule of the stage, each once. Else one sentence naming the first bad id
/// and listing the valid ones, e.g. "Stage 4 (LeaderChange) has no rule
/// 'durable-promis' that can be switched off; expected one of: ...".
std::string check_without(const StageInfo& stage, const std::vector<std::string>& without);

/// `without` sorted, each id once: the form StageKnobs::without keeps.
std::vector<std::string> normalized_without(std::vector<std::string> without);

/// "Stage 4 (LeaderChange)" for the full stage, "Stage 4 (LeaderChange)
/// without durable-promise, adopt-highest-vrnd" for a variant.
std::string variant_name(const StageInfo& stage, const std::vector<std::string>& without);

/// The rule `id` of `stage`, or nullptr.
const StageRule* find_rule(const StageInfo& stage, const std::string& id);

/// Bit k set = Violation::Kind k is not checked in a run of `stage` with the
/// rules `without` off (their StageRule::restated_by).
std::uint32_t unchecked_invariants(const StageInfo& stage, const std::vector<std::string>& without);

}  // namespace paxoslab
