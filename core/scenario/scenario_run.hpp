// Running a loaded scenario: build the simulation, run it to its end, and
// compare what happened with the scenario's [expect] table.
//
// The core does not know the stages (stages/ depends on core, not the other
// way round), so the caller passes the StageInfo to run: usually
// find_stage(number) from stages/registry.hpp - the scenario's own stage, or
// another one to replay the same script against a different protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scenario/scenario.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// Builds the simulation of `scenario` running `stage` (config.stage becomes
/// stage.number), with the seed replaced by `seed_override` if given, and
/// adds the scenario's script. Precondition: `scenario` came from the loader
/// (its config is valid) and stage.make_server is set.
Simulation start_scenario(const Scenario& scenario, const StageInfo& stage,
                          std::optional<std::uint64_t> seed_override = std::nullopt,
                          bool keep_trace = true);

/// Why run_to_end stopped.
enum class RunEnd : std::uint8_t {
  Quiescent,  ///< Nothing left to happen: no message in flight, no timer, no scripted action.
  StepLimit,  ///< max_steps events were carried out (counted from the start of the run).
  TickLimit,  ///< The next event is due after max_ticks.
  ScheduleEnd,       ///< Every [[choose]] of the scenario's schedule was carried out.
  ScheduleMismatch,  ///< A [[choose]] matched no pending event (or its action failed); the run stopped there.
};
/// "quiescent", "step limit", "tick limit".
const char* to_string(RunEnd e);

/// Steps `sim` until quiescent, `scenario.max_steps` events in total, or the
/// next event lies beyond `scenario.max_ticks`. Returns why it stopped.
/// A scenario with a schedule ([[choose]]) is instead replayed choice by
/// choice in manual mode (core/sim/schedule.hpp) and stops after the last one:
/// Quiescent if nothing is left pending then, else ScheduleEnd;
/// ScheduleMismatch if a choice matched nothing; then `schedule_error` (when
/// given) says which ("line 12: no pending Accept from S1 to S2 ...").
RunEnd run_to_end(Simulation& sim, const Scenario& scenario, std::string* schedule_error = nullptr);

/// Compares the run's outcome with `expect`: one sentence per mismatch
/// ("expected safety ok, but it was violated: ..."); empty = expectation met.
/// Liveness ("stuck") is judged on sim.liveness() at the time of the call.
std::vector<std::string> check_expectation(const Expectation& expect, const Simulation& sim);

}  // namespace paxoslab
