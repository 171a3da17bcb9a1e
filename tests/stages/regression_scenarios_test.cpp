// Regression scenarios under tests/scenarios/: each file reproduces a finding
// (client order, observed-states safety, "no progress") and states
// the verdict it must give in its [expect] table. Every file must load, state
// an expectation, and meet it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(PAXOSLAB_SOURCE_DIR) / "tests" / "scenarios";
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".toml") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class RegressionScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(RegressionScenario, MeetsItsExpectation) {
  const std::string path = std::string(PAXOSLAB_SOURCE_DIR) + "/tests/scenarios/" + GetParam();
  const ScenarioLoad load = load_scenario_file(path);
  ASSERT_TRUE(load.ok()) << load.error->to_string();
  const Scenario& sc = *load.scenario;
  ASSERT_FALSE(sc.expect.empty()) << path << " states no [expect]";
  Simulation sim = start_scenario(sc, *find_stage(sc.config.stage));
  run_to_end(sim, sc);
  const auto mismatches = check_expectation(sc.expect, sim);
  std::string all;
  for (const auto& m : mismatches) all += "  " + m + "\n";
  EXPECT_TRUE(mismatches.empty()) << path << ":\n" << all;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.size() - 5);  // without ".toml"
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Files, RegressionScenario, ::testing::ValuesIn(scenario_files()), test_name);

}  // namespace
}  // namespace paxoslab
