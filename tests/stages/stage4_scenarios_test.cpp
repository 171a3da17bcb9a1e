// Stage 4 catalogue runs: the Stage 4 scenario files reach the outcome their
// [expect] states (rows 11, 12, 13, 15, 16 of docs/protocol.md and the quorum knob),
// their traces show the figure's key events, and every stage-breaking
// scenario of Stages 1-3 (scenarios/fig*.toml), replayed with Stage 4 forced,
// keeps safety.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/stages/scenario_support.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing_support;

std::string trace_lines(const Simulation& sim) {
  std::string out;
  for (const auto& e : sim.trace().events()) {
    const Envelope* env = e.message.valid() ? sim.trace().message(e.message) : nullptr;
    out += to_text(e, env ? describe(env->payload) : std::string()) + "\n";
  }
  return out;
}

/// Runs scenarios/<file> on Stage 4 and checks its [expect] table.
Simulation run_expecting(const std::string& file) {
  const auto sc = load_catalogue(file);
  if (!sc) return Simulation(SimConfig{}, *find_stage(0));
  EXPECT_EQ(sc->config.stage, 4) << file;
  Simulation sim = run_catalogue(*sc);
  const auto mismatches = check_expectation(sc->expect, sim);
  std::string all;
  for (const auto& m : mismatches) all += m + "\n";
  EXPECT_TRUE(mismatches.empty()) << file << ":\n" << all << trace_lines(sim);
  return sim;
}

bool trace_has(const Simulation& sim, const std::string& text) {
  return trace_lines(sim).find(text) != std::string::npos;
}

TEST(Stage4Scenarios, Fig10LateAcceptOfOldRoundIsIgnored) {
  const Simulation sim = run_expecting("fig10_prepare_promise.toml");
  EXPECT_TRUE(trace_has(sim, "Prepare(rnd 2)"));
  EXPECT_TRUE(trace_has(sim, "Promise(rnd 2, [-])"));
  EXPECT_TRUE(trace_has(sim, "S3 refused Accept(rnd 1, slot 1) because it promised rnd 2"));
}

TEST(Stage4Scenarios, Fig11PromiseCarriesM1AndRepeatIsNoop) {
  const Simulation sim = run_expecting("fig11_repropose.toml");
  EXPECT_TRUE(trace_has(sim, "Promise(rnd 4, [slot 2: vrnd 2 m1])"));
  EXPECT_TRUE(trace_has(sim, "re-propose m1: the highest vrnd (2) reported for slot 2"));
  EXPECT_TRUE(trace_has(sim, "slot 2 holds m1, already executed: a no-op"));
}

TEST(Stage4Scenarios, SlidesRankingByIdGetsStuck) {
  const Simulation sim = run_expecting("slides_round_numbers_server_id.toml");
  EXPECT_TRUE(sim.liveness().stuck);
  EXPECT_TRUE(trace_has(sim, "cannot lead"));
}

TEST(Stage4Scenarios, SlidesPreassignedRoundsLetS1LeadAgain) {
  const Simulation sim = run_expecting("slides_round_numbers_preassigned.toml");
  EXPECT_TRUE(trace_has(sim, "S1 starts phase 1 with rnd 4"));
}

TEST(Stage4Scenarios, Fig12bFiveServersSafe) {
  const Simulation sim = run_expecting("fig12b_five_servers.toml");
  // S2 held only the accept and its own learn: two of three, so it never executed m1.
  EXPECT_TRUE(sim.executed(ServerId{2}).empty());
}

TEST(Stage4Scenarios, QuorumBelowMajorityBringsFig12aBack) {
  const Simulation sim = run_expecting("fig12a_quorum_below_majority.toml");
  EXPECT_FALSE(sim.checker().safe());
}

TEST(Stage4Scenarios, DuellingLeadersDelayButStaySafe) {
  const Simulation sim = run_expecting("duelling_leaders.toml");
  EXPECT_TRUE(trace_has(sim, "duelling leaders"));
  EXPECT_TRUE(trace_has(sim, "because it promised rnd"));
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(sim.executed(ServerId{i}).size(), 4u);
}

// Every stage-breaking scenario of Stages 1-3 (and every other catalogue
// file, except one that sets the quorum below a majority), replayed on Stage 4: safe.
TEST(Stage4Scenarios, EveryFigureScenarioIsSafeOnStage4) {
  const std::filesystem::path dir = std::filesystem::path(PAXOSLAB_SOURCE_DIR) / "scenarios";
  int run = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".toml") continue;
    const auto sc = load_catalogue(name);
    if (!sc) continue;
    if (sc->config.quorum() < sc->config.majority()) continue;  // the knob that breaks it on purpose
    if (!sc->config.knobs.without.empty()) continue;             // a variant: a rule switched off on purpose
    const Simulation sim = run_catalogue(*sc, 4);
    ++run;
    EXPECT_TRUE(sim.checker().safe()) << name << " on Stage 4: " << sim.checker().violations().front().explanation
                                      << "\n"
                                      << trace_lines(sim);
  }
  EXPECT_GE(run, 10);
}

}  // namespace
}  // namespace paxoslab
