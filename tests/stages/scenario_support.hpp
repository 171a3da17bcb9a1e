// Loading and running the catalogue scenario files of scenarios/ in tests.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"
#include "tests/stages/stage_test_support.hpp"

namespace paxoslab::testing_support {

/// scenarios/<file> loaded; fails the test (and returns nullopt) on a load error.
inline std::optional<Scenario> load_catalogue(const std::string& file) {
  const ScenarioLoad l = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/" + file);
  if (!l.ok()) {
    ADD_FAILURE() << l.error->to_string();
    return std::nullopt;
  }
  return *l.scenario;
}

/// Runs `sc` to its end on `stage` (default: its own stage).
inline Simulation run_catalogue(const Scenario& sc, std::optional<int> stage = std::nullopt) {
  Simulation sim = start_scenario(sc, *find_stage(stage.value_or(sc.config.stage)));
  run_to_end(sim, sc);
  return sim;
}

}  // namespace paxoslab::testing_support
