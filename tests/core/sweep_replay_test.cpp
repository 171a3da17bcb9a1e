// A sweep run is a scenario (core/sweep/sweep.hpp): sweep_scenario writes it, and
// loading and running that file gives the same trace (hash and step count)
// and the same verdict - for passing and failing runs, Stage 3 (which
// breaks) and Stage 4, with and without crash_any.
#include <gtest/gtest.h>

#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sweep/sweep.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

struct Replayed {
  std::uint64_t hash = 0;
  std::uint64_t steps = 0;
  std::size_t violations = 0;
  std::vector<std::string> mismatches;
};

Replayed replay(const std::string& text) {
  const ScenarioLoad load = load_scenario_string(text, "sweep-failure.toml");
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "") << "\n" << text;
  if (!load.ok()) return {};
  Simulation sim = start_scenario(*load.scenario, *find_stage(load.scenario->config.stage), std::nullopt, false);
  run_to_end(sim, *load.scenario);
  return {sim.trace().hash(), sim.steps(), sim.checker().violations().size(),
          check_expectation(load.scenario->expect, sim)};
}

void expect_same_run(int stage, int servers, bool crash_any, std::uint64_t seeds, int want_failures) {
  SweepOptions o;
  o.servers = servers;
  o.crash_any = crash_any;
  o.step_limit = 60'000;  // a Stage 3 run that never falls quiet stops here, in the sweep and the replay alike
  int failures = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    Simulation sim(sweep_config(stage, seed, servers), *find_stage(stage), false);
    const SweepRun run = sweep_run(o, *find_stage(stage), seed, false, &sim);
    failures += run.passed() ? 0 : 1;
    const Replayed r = replay(sweep_scenario(o, run, sim, "reproduce"));
    EXPECT_EQ(r.hash, sim.trace().hash()) << "stage " << stage << " seed " << seed;
    EXPECT_EQ(r.steps, sim.steps()) << "stage " << stage << " seed " << seed;
    EXPECT_EQ(r.violations, sim.checker().violations().size()) << "stage " << stage << " seed " << seed;
    EXPECT_TRUE(r.mismatches.empty()) << "stage " << stage << " seed " << seed << ": " << r.mismatches.front();
  }
  if (want_failures > 0) {
    EXPECT_GE(failures, want_failures) << "the replayed runs should include failures";
  } else {
    EXPECT_EQ(failures, 0);
  }
}

TEST(SweepReplay, Stage4RunsReplayToTheSameTrace) { expect_same_run(4, 3, false, 25, 0); }

TEST(SweepReplay, Stage4AnyCrashRunsReplayToTheSameTrace) { expect_same_run(4, 5, true, 15, 0); }

TEST(SweepReplay, Stage3FailuresReplayToTheSameViolation) { expect_same_run(3, 3, false, 25, 5); }

// The written file says how to reproduce the run and what it showed.
TEST(SweepReplay, TheFileCarriesTheReproduceLineAndTheVerdict) {
  SweepOptions o;
  o.step_limit = 60'000;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Simulation sim(sweep_config(3, seed, 3), *find_stage(3), false);
    const SweepRun run = sweep_run(o, *find_stage(3), seed, false, &sim);
    if (run.safety_violations == 0) continue;
    const std::string text = sweep_scenario(o, run, sim, "paxos-lab-cli sweep --stage 3 --first-seed X --seeds 1");
    EXPECT_NE(text.find("# Reproduce: paxos-lab-cli sweep --stage 3 --first-seed X --seeds 1"), std::string::npos) << text;
    EXPECT_NE(text.find("safety = \"violated\""), std::string::npos) << text;
    EXPECT_NE(text.find("violation = \"" + run.kind + "\""), std::string::npos) << text;
    return;
  }
  FAIL() << "no Stage 3 sweep run in 40 seeds violated safety";
}

}  // namespace
}  // namespace paxoslab
