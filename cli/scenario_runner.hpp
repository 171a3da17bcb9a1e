// Running a scenario against a stage from the registry (stages/registry.hpp):
// the CLI-side half of core/scenario/scenario_run.hpp, which cannot see the stages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/scenario/scenario.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::cli {

/// The stage a run uses: `stage_override` if given, else the scenario's own.
/// nullopt (and `error` set to a sentence) if the registry has no such stage.
std::optional<StageInfo> stage_for(const Scenario& scenario, std::optional<int> stage_override, std::string& error);

/// Builds the simulation of `scenario` (see core start_scenario) with the
/// stage chosen by stage_for. nullopt if there is no such stage.
std::optional<Simulation> start_scenario(const Scenario& scenario, std::optional<int> stage_override,
                                         std::optional<std::uint64_t> seed_override);

}  // namespace paxoslab::cli
