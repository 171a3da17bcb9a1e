// The catalogue of protocol stages (docs/protocol.md): Stage 0 SingleServer and the
// paper's Solutions 1-4 (SendAccept, RetransAccept, WaitForLearn, LeaderChange).
#pragma once

#include <optional>
#include <vector>

#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// Every implemented stage, in order 0, 1, 2, ... (a fresh vector per call).
std::vector<StageInfo> all_stages();
/// Stage `number`, or nullopt if there is no such stage.
std::optional<StageInfo> find_stage(int number);

}  // namespace paxoslab
