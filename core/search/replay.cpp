#include "core/search/replay.hpp"

#include "core/search/branches.hpp"

namespace paxoslab::search_detail {

Simulation start_state(const StageInfo& stage, const SearchBounds& bounds, std::vector<ScheduleChoice>* record) {
  Simulation sim(search_config(stage.number, bounds), stage, /*keep_trace=*/false);
  sim.trace_off();  // nothing reads a search state's trace
  // No branching between two effects of one handler: each choice carries out
  // every effect it causes (core/sim/simulation.hpp, "Effects in progress").
  sim.set_handlers_atomic(true);
  for (int i = 1; i <= bounds.requests; ++i) {
    act(sim, ClientRequestAction{ClientId{(i - 1) % bounds.clients + 1}, RequestId{i}}, record);
  }
  force(sim, bounds, Budget{}, record);
  return sim;
}

std::vector<ScheduleChoice> replay_path(const StageInfo& stage, const SearchBounds& bounds,
                                        const std::vector<std::uint32_t>& path) {
  std::vector<ScheduleChoice> out;
  Simulation sim = start_state(stage, bounds, &out);
  Budget budget;
  for (std::uint32_t b : path) {
    const auto moves = branches(sim, budget, bounds);
    take(sim, moves.at(b), budget, bounds, &out);
  }
  return out;
}

}  // namespace paxoslab::search_detail
