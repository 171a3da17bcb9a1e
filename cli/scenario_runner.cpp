#include "cli/scenario_runner.hpp"

#include "stages/registry.hpp"

namespace paxoslab::cli {

std::optional<StageInfo> stage_for(const Scenario& scenario, std::optional<int> stage_override, std::string& error) {
  const int number = stage_override ? *stage_override : scenario.config.stage;
  auto stage = find_stage(number);
  if (!stage || !stage->make_server) {
    error = "there is no stage " + std::to_string(number) + " (see 'paxos-lab-cli stages')";
    return std::nullopt;
  }
  return stage;
}

std::optional<Simulation> start_scenario(const Scenario& scenario, std::optional<int> stage_override,
                                         std::optional<std::uint64_t> seed_override) {
  std::string error;
  const auto stage = stage_for(scenario, stage_override, error);
  if (!stage) return std::nullopt;
  return paxoslab::start_scenario(scenario, *stage, seed_override);
}

}  // namespace paxoslab::cli
