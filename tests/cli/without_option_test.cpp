// Variants (core/variant.hpp, cli/without_option.hpp): `--without RULE` on
// run, search, compare and sweep, `without = [...]` in a scenario file, and
// the rules command saying what each switchable rule becomes. The full stage
// is unchanged (its traces are the golden ones, golden_traces_test.cpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab::cli {
namespace {

using Result = testing::CliResult;

Result cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command, add_search_command, add_compare_command,
                                            add_sweep_command, add_rules_command});
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("paxoslab_without_" + name + ".toml")).string();
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string p = temp_path(name);
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  return p;
}

const std::string kFig11 = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig11_repropose.toml";

TEST(Without, RulesJsonSaysWhatEachStage4RuleBecomesWhenOff) {
  const Result r = cli({"rules", "--stage", "4", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  int switchable = 0;
  const auto j = nlohmann::json::parse(r.out);  // outlives the loop over its rules
  for (const auto& rule : j.at("rules")) {
    if (!rule.at("switchable").get<bool>()) continue;
    ++switchable;
    EXPECT_FALSE(rule.at("without").get<std::string>().empty()) << rule.at("id");
  }
  EXPECT_EQ(switchable, 7);
}

TEST(Without, AnUnknownRuleExitsTwoAndListsTheSwitchableOnes) {
  for (const std::string cmd : {"run", "search"}) {
    std::vector<std::string> args = {cmd};
    if (cmd == "run") args.push_back(kFig11);
    else args.insert(args.end(), {"--stage", "4"});
    args.insert(args.end(), {"--without", "durable-promis"});
    const Result r = cli(args);
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_NE(r.err.find("--without: Stage 4 (LeaderChange) has no rule 'durable-promis'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("durable-promise, durable-accepted-value"), std::string::npos) << r.err;
  }
  // Stage 1 has no rule with a documented alternative.
  const Result s1 = cli({"search", "--stage", "1", "--without", "leader-orders"});
  EXPECT_EQ(s1.code, 2);
  EXPECT_NE(s1.err.find("'leader-orders' of Stage 1 (SendAccept) cannot be switched off"), std::string::npos) << s1.err;
}

TEST(Without, AFileRuleTheStageLacksIsReportedAtItsKey) {
  const std::string p = write_temp("stage2", "[scenario]\nname = \"x\"\nstage = 1\nservers = 2\n"
                                             "without = [\"durable-promise\"]\n");
  const Result r = cli({"run", p});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find(p + ":5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no rule 'durable-promise'"), std::string::npos) << r.err;
  const std::string bad = write_temp("bad", "[scenario]\nname = \"x\"\nstage = 4\nservers = 3\nwithout = [4]\n");
  const Result b = cli({"run", bad});
  EXPECT_EQ(b.code, 2);
  EXPECT_NE(b.err.find(bad + ":5:12: expected a rule id"), std::string::npos) << b.err;
  const std::string twice = write_temp(
      "twice", "[scenario]\nname = \"x\"\nstage = 4\nservers = 3\nwithout = [\"durable-promise\", \"durable-promise\"]\n");
  EXPECT_NE(cli({"run", twice}).err.find("listed twice"), std::string::npos);
}

TEST(Without, TheTraceAndTheJsonNameTheVariant) {
  const Result full = cli({"run", kFig11, "--json"});
  ASSERT_EQ(full.code, 0) << full.err;
  EXPECT_TRUE(nlohmann::json::parse(full.out).at("without").empty());
  const Result v = cli({"run", kFig11, "--json", "--without", "adopt-highest-vrnd"});
  ASSERT_EQ(v.code, 0) << v.err;
  EXPECT_EQ(nlohmann::json::parse(v.out).at("without"), nlohmann::json::array({"adopt-highest-vrnd"}));
  const Result text = cli({"run", kFig11, "--without", "adopt-highest-vrnd"});
  EXPECT_EQ(text.out.find("variant: Stage 4 (LeaderChange) without adopt-highest-vrnd - rule 'adopt-highest-vrnd' is off"),
            text.out.find("variant:"))
      << text.out;
  EXPECT_NE(text.out.find("variant:  without adopt-highest-vrnd"), std::string::npos) << text.out;
  EXPECT_EQ(full.out.find("variant"), std::string::npos);
}

TEST(Without, CompareRunsTheVariantBesideTheFullStage) {
  const Result r = cli({"compare", kFig11, "--stages", "4,4", "--without", "durable-promise", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("left").at("without"), nlohmann::json::array({"durable-promise"}));
  EXPECT_TRUE(j.at("right").at("without").empty());
}

TEST(Without, SweepTakesItAndItsReproduceLineKeepsIt) {
  const Result r = cli({"sweep", "--stage", "4", "--seeds", "3", "--without", "majority-quorum-for-learns", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("without"), nlohmann::json::array({"majority-quorum-for-learns"}));
  EXPECT_EQ(cli({"sweep", "--stage", "4", "--seeds", "1", "--without", "nope"}).code, 2);
}

// The break each switched-off Stage 4 rule causes, found by the break-finder
// (breadth-first, so the shortest) and replayed by `run` from the written file.
// The durable rules need a restart: their variants' own bounds (one reboot,
// default_bounds(stage, without)) are checked below.
class SearchVariant : public ::testing::TestWithParam<const char*> {};

TEST_P(SearchVariant, FindsAViolationThatRunReplays) {
  const std::string rule = GetParam();
  const std::string out = temp_path("search_" + rule);
  std::filesystem::remove(out);
  const Result r = cli({"search", "--stage", "4", "--without", rule, "--breadth-first", "--max-depth", "16",
                        "--max-states", "150000", "--json", "--quiet", "--out", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("result"), "violation") << r.out;
  EXPECT_EQ(j.at("without"), nlohmann::json::array({rule}));
  EXPECT_EQ(j.at("replay_verified"), true);
  const Result replay = cli({"run", out, "--json"});
  ASSERT_EQ(replay.code, 0) << replay.err;
  const auto rj = nlohmann::json::parse(replay.out);
  EXPECT_EQ(rj.at("safety"), "violated") << replay.out;
  EXPECT_EQ(rj.at("without"), nlohmann::json::array({rule}));
}

INSTANTIATE_TEST_SUITE_P(Stage4, SearchVariant,
                         ::testing::Values("adopt-highest-vrnd", "majority-quorum-for-promises",
                                           "majority-quorum-for-learns", "ignore-lower-rounds",
                                           "rounds-unique-per-server"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) {
                           std::string n = param_info.param;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

// The check for the durable promise: `search --stage 4 --without
// durable-promise` with nothing else finds a violation (with the variant's
// bounds: one reboot instead of a loss, breadth-first) and run replays it.
TEST(Without, SearchFindsTheForgottenPromiseWithTheVariantsBounds) {
  if (!paxoslab::testing::long_tests_enabled())
    GTEST_SKIP() << "long search (about a minute): runs in the dev and ci presets, skipped in the sanitizer build";
  const std::string out = temp_path("search_durable_promise");
  const Result r = cli({"search", "--stage", "4", "--without", "durable-promise", "--json", "--quiet", "--out", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("result"), "violation") << r.out;
  EXPECT_EQ(j.at("replay_verified"), true);
  EXPECT_EQ(j.at("bounds").at("max_restarts"), 1);
  EXPECT_EQ(j.at("bounds").at("restart_at_once"), true);
  EXPECT_EQ(j.at("bounds").at("reduce_interleavings"), true);
  const Result replay = cli({"run", out, "--json"});
  ASSERT_EQ(replay.code, 0) << replay.err;
  EXPECT_EQ(nlohmann::json::parse(replay.out).at("safety"), "violated") << replay.out;
}

// Full Stage 4 has no break the variants' bounds can find (it is exhaustive
// for them at one request, the search tests' Stage4IsExhaustive...).
TEST(Without, FullStage4HasNoBreakWithinTheSameBounds) {
  const Result r = cli({"search", "--stage", "4", "--breadth-first", "--max-depth", "16", "--max-states", "150000",
                        "--json", "--quiet", "--out", temp_path("search_full")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("result"), "none") << r.out;
}

// Each scenarios/ablation_*.toml breaks its variant; the scripted one also
// runs beside the full stage, which survives the same faults. (The others
// are break-finder schedules: compared in auto mode through their portable
// faults, their timing is not the variant's break.)
TEST(Without, EachAblationScenarioBreaksItsVariant) {
  if (!paxoslab::testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("ablation_", 0) != 0 || e.path().extension() != ".toml") continue;
    ++files;
    const Result v = cli({"run", e.path().string(), "--json"});
    ASSERT_EQ(v.code, 0) << name << ": " << v.err;
    const auto vj = nlohmann::json::parse(v.out);
    EXPECT_EQ(vj.at("safety"), "violated") << name;
    EXPECT_EQ(vj.at("expectation_met"), true) << name;
    ASSERT_EQ(vj.at("without").size(), 1u) << name;
  }
  EXPECT_GE(files, 6);
  const Result c = cli({"compare", std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/ablation_durable_promise.toml",
                        "--stages", "4,4", "--json"});
  ASSERT_EQ(c.code, 0) << c.err;
  const auto cj = nlohmann::json::parse(c.out);
  EXPECT_EQ(cj.at("left").at("safety"), "violated");
  EXPECT_EQ(cj.at("right").at("safety"), "ok") << "the full stage survives the same faults";
  EXPECT_EQ(cj.at("left").at("without"), nlohmann::json::array({"durable-promise"}));
}

}  // namespace
}  // namespace paxoslab::cli
