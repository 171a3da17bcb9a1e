// The rules of each stage, in one place (docs/protocol.md, "Stage 0" to
// "Stage 4"): reading them in order is reading the paper - Solution 1, then
// what Solution 2 adds, and so on. `paxos-lab-cli rules` and `stages --rules`
// print them.
#pragma once

#include <vector>

#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// The rules stage `number` (0..4) follows, the earlier stages' first;
/// empty for an unknown stage.
std::vector<StageRule> stage_rules(int number);

}  // namespace paxoslab
