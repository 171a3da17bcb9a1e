// Running scenarios (core/scenario/scenario_run.hpp): the Stage 0 runs of the
// catalogue reach their stated outcomes (Fig. 1 consistent, Fig. 2 violated
// with witnesses S1 and S2), limits and triggers work, expectations are
// checked, and runs are deterministic over many seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";

Scenario load(const std::string& file) {
  const ScenarioLoad r = load_scenario_file(kDir + file);
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->to_string() : std::string());
  return r.scenario.value_or(Scenario{});
}

Scenario parse(const std::string& text) {
  const ScenarioLoad r = load_scenario_string(text, "inline.toml");
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->to_string() : std::string());
  return r.scenario.value_or(Scenario{});
}

StageInfo stage(int n) {
  auto s = find_stage(n);
  EXPECT_TRUE(s.has_value());
  return s.value_or(StageInfo{});
}

std::vector<RequestId> ms(std::initializer_list<int> values) {
  std::vector<RequestId> out;
  for (int v : values) out.push_back(RequestId{v});
  return out;
}

TEST(ScenarioRun, Fig1OneServerIsConsistent) {
  const Scenario s = load("fig01_single_server.toml");
  Simulation sim = start_scenario(s, stage(s.config.stage));
  EXPECT_EQ(run_to_end(sim, s), RunEnd::Quiescent);
  EXPECT_TRUE(sim.checker().safe());
  EXPECT_FALSE(sim.liveness().stuck);
  EXPECT_EQ(sim.executed(ServerId{1}), ms({1, 2}));
  EXPECT_TRUE(check_expectation(s.expect, sim).empty());
  // Both clients got a reply, and C2's state <m1 m2> extends C1's <m1>.
  ASSERT_EQ(sim.clients().size(), 2u);
  ASSERT_EQ(sim.clients()[1].replies.size(), 1u);
  EXPECT_EQ(sim.reply_state(sim.clients()[1].replies[0]), ms({1, 2}));
}

TEST(ScenarioRun, Fig2UncoordinatedServersDivergeWithWitnessesS1AndS2) {
  const Scenario s = load("fig02_uncoordinated.toml");
  Simulation sim = start_scenario(s, stage(s.config.stage));
  EXPECT_EQ(run_to_end(sim, s), RunEnd::Quiescent);
  ASSERT_FALSE(sim.checker().safe());
  const Violation& v = sim.checker().violations().front();
  EXPECT_EQ(v.kind, Violation::Kind::Divergence);
  ASSERT_EQ(v.witnesses.size(), 2u);
  std::set<std::string> who;
  for (const Witness& w : v.witnesses) who.insert(to_string(w.who));
  EXPECT_EQ(who, (std::set<std::string>{"S1", "S2"}));
  EXPECT_EQ(sim.executed(ServerId{1}), ms({1, 2}));
  EXPECT_EQ(sim.executed(ServerId{2}), ms({2, 1}));
  EXPECT_FALSE(sim.liveness().stuck);
  EXPECT_TRUE(check_expectation(s.expect, sim).empty());
}

TEST(ScenarioRun, StageOverrideRunsTheSameScriptAgainstAnotherStage) {
  const Scenario s = load("fig02_uncoordinated.toml");
  Simulation sim = start_scenario(s, stage(1));
  EXPECT_EQ(sim.stage().number, 1);
  EXPECT_EQ(sim.config().stage, 1);
  run_to_end(sim, s);
  // Stage 1's fixed leader orders both requests: no divergence, so the
  // file's expectation (written for Stage 0) is not met.
  EXPECT_TRUE(sim.checker().safe());
  const auto mismatches = check_expectation(s.expect, sim);
  ASSERT_FALSE(mismatches.empty());
  EXPECT_NE(mismatches.front().find("expected a safety violation"), std::string::npos) << mismatches.front();
}

TEST(ScenarioRun, SeedOverrideReplacesTheFilesSeed) {
  const Scenario s = load("fig01_single_server.toml");
  const Simulation sim = start_scenario(s, stage(0), 77);
  EXPECT_EQ(sim.config().seed, 77u);
}

TEST(ScenarioRun, StepAndTickLimitsStopTheRun) {
  Scenario s = load("fig02_uncoordinated.toml");
  s.max_steps = 3;
  Simulation a = start_scenario(s, stage(0));
  EXPECT_EQ(run_to_end(a, s), RunEnd::StepLimit);
  EXPECT_EQ(a.steps(), 3u);

  s.max_steps = 100000;
  s.max_ticks = 7;
  Simulation b = start_scenario(s, stage(0));
  EXPECT_EQ(run_to_end(b, s), RunEnd::TickLimit);
  EXPECT_LE(b.now(), 7);
  EXPECT_EQ(b.executed(ServerId{1}), ms({1}));  // m1 arrived at t=5, m2 is due at t=15
}

TEST(ScenarioRun, AfterTriggerCrashesRightAfterTheNamedEvent) {
  const Scenario s = parse(R"(
[scenario]
name = "crash after execute"
stage = 0
servers = 2
[[step]]
at = 0
do = "request"
client = "C1"
request = "m1"
[[step]]
at = 1
do = "request"
client = "C2"
request = "m2"
[[step]]
after = { event = "execute", who = "S1", request = "m1" }
do = "crash"
server = "S1"
[expect]
executed = { S1 = ["m1"], S2 = ["m1", "m2"] }
)");
  Simulation sim = start_scenario(s, stage(0));
  run_to_end(sim, s);
  EXPECT_TRUE(sim.crashed(ServerId{1}));
  EXPECT_TRUE(check_expectation(s.expect, sim).empty());
}

TEST(ScenarioRun, CheckExpectationNamesEveryMismatch) {
  const Scenario s = load("fig01_single_server.toml");
  Simulation sim = start_scenario(s, stage(0));
  run_to_end(sim, s);
  Expectation wrong;
  wrong.safety_ok = false;
  wrong.stuck = true;
  wrong.violation = Violation::Kind::DoubleExecution;
  wrong.executed = {{ServerId{1}, ms({2, 1})}};
  wrong.witnesses = {parse_node("S1")};
  const auto m = check_expectation(wrong, sim);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_NE(m[0].find("expected a safety violation"), std::string::npos) << m[0];
  EXPECT_NE(m[1].find("expected the run to be stuck"), std::string::npos) << m[1];
  EXPECT_NE(m[2].find("double-execution"), std::string::npos) << m[2];
  EXPECT_NE(m[3].find("expected S1 to execute <m2 m1>, but it executed <m1 m2>"), std::string::npos) << m[3];
  EXPECT_NE(m[4].find("S1 to witness"), std::string::npos) << m[4];
  EXPECT_TRUE(check_expectation(Expectation{}, sim).empty());
}

/// Fig. 2's set-up with random delays on every link.
const char* kRandomDelays = R"(
[scenario]
name = "random delays"
stage = 0
servers = 3
clients = 2
[link]
delay_ticks_min = 1
delay_ticks_max = 30
duplicate_probability = 0.1
[[step]]
at = 0
do = "request"
client = "C1"
request = "m1"
[[step]]
at = 0
do = "request"
client = "C2"
request = "m2"
[[step]]
at = 3
do = "request"
client = "C1"
request = "m3"
)";

TEST(ScenarioRun, SameSeedSameTraceHashOverManySeeds) {
  const Scenario s = parse(kRandomDelays);
  std::set<std::uint64_t> distinct;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    Simulation a = start_scenario(s, stage(0), seed);
    Simulation b = start_scenario(s, stage(0), seed);
    run_to_end(a, s);
    run_to_end(b, s);
    ASSERT_EQ(a.trace().hash(), b.trace().hash()) << "seed " << seed;
    ASSERT_EQ(a.trace().events(), b.trace().events()) << "seed " << seed;
    distinct.insert(a.trace().hash());
  }
  // The seed really drives the delays: different seeds give different runs.
  EXPECT_GT(distinct.size(), 100u);
}

}  // namespace
}  // namespace paxoslab
