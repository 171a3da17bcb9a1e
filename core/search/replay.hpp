// The break-finder's start state and how a found path becomes a schedule.
// Internal to core/search.
#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/schedule.hpp"
#include "core/search/search.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::search_detail {

/// The start state: request m_i sent by client C((i-1) mod clients + 1) at
/// tick 0, in order, then the forced steps. When `record` is set, appends the
/// choices that replay exactly this.
Simulation start_state(const StageInfo& stage, const SearchBounds& bounds, std::vector<ScheduleChoice>* record);

/// The schedule (client requests, then every choice and forced step) of the
/// run that takes, from the start state, branch path[0] of branches(), then
/// path[1] of the next state's branches(), and so on.
/// Throws std::out_of_range if an index is not a branch there.
std::vector<ScheduleChoice> replay_path(const StageInfo& stage, const SearchBounds& bounds,
                                        const std::vector<std::uint32_t>& path);

}  // namespace paxoslab::search_detail
