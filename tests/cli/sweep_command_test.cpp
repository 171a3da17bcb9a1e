// `paxos-lab-cli sweep` in-process (cli/cmd_sweep.cpp): the JSON report per
// run and in total, the text summary, the quorum knob finding a violation,
// reproduce lines and written failures, and bad flags exiting 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

testing::CliResult cli(std::vector<std::string> args) { return testing::run_cli(std::move(args), {add_sweep_command}); }

TEST(SweepCommand, JsonReportsEveryRunAndTheTotals) {
  const auto r = cli({"sweep", "--stage", "4", "--seeds", "20", "--first-seed", "7", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("stage"), 4);
  EXPECT_EQ(j.at("first_seed"), 7);
  ASSERT_EQ(j.at("runs").size(), 20u);
  EXPECT_EQ(j.at("runs")[0].at("seed"), 7);
  EXPECT_EQ(j.at("runs")[19].at("seed"), 26);
  for (const auto& run : j.at("runs")) {
    EXPECT_EQ(run.at("passed"), true) << run.dump();
    EXPECT_EQ(run.at("quiet"), true);
    EXPECT_EQ(run.at("executed_everywhere"), true);
    EXPECT_GE(run.at("time_to_quiet").get<long long>(), 0);
  }
  const auto& t = j.at("total");
  EXPECT_EQ(t.at("runs"), 20);
  EXPECT_EQ(t.at("passed"), 20);
  EXPECT_EQ(t.at("safety_violations"), 0);
  EXPECT_EQ(t.at("client_order_violations"), 0);
  EXPECT_EQ(t.at("not_quiet"), 0);
  EXPECT_EQ(t.at("not_executed_everywhere"), 0);
  EXPECT_EQ(t.at("stuck"), 0);
  EXPECT_EQ(t.at("no_progress"), 0);
  EXPECT_EQ(j.at("client_mode"), "closed-loop");
  EXPECT_GT(t.at("faults_per_run_mean").get<double>(), 1.0);
  EXPECT_GE(t.at("faults_per_run_max").get<int>(), t.at("faults_per_run_min").get<int>());
  EXPECT_TRUE(t.at("failed_seeds").empty());
  // Deterministic: the same seeds give the same report.
  EXPECT_EQ(cli({"sweep", "--stage", "4", "--seeds", "20", "--first-seed", "7", "--json"}).out, r.out);
}

TEST(SweepCommand, TextSummaryNamesTheTotals) {
  const auto r = cli({"sweep", "--seeds", "5", "-v"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("5 of 5 runs passed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("seed 1: ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("longest time to quiet"), std::string::npos) << r.out;
}

// A quorum below a majority breaks safety (Fig. 12a): the sweep reports it.
TEST(SweepCommand, FlagsThatCannotApplyAreRefused) {
  // --quorum is Stage 4's knob: on another stage it would be ignored.
  const auto quorum = cli({"sweep", "--stage", "2", "--quorum", "1", "--seeds", "1"});
  EXPECT_EQ(quorum.code, 2);
  EXPECT_NE(quorum.err.find("--quorum: Stage 2 has no quorum knob"), std::string::npos) << quorum.err;
  // Seeds past 2^64-1 would wrap around to 0.
  const auto wrap = cli({"sweep", "--first-seed", "18446744073709551615", "--seeds", "5"});
  EXPECT_EQ(wrap.code, 2);
  EXPECT_NE(wrap.err.find("leaves no room for 5 seeds"), std::string::npos) << wrap.err;
}

TEST(SweepCommand, QuorumBelowMajorityShowsViolations) {
  const auto r = cli({"sweep", "--servers", "5", "--quorum", "2", "--seeds", "300", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j.at("total").at("safety_violations").get<int>(), 0);
  EXPECT_FALSE(j.at("total").at("failed_seeds").empty());
}

// Open-loop clients let one client's requests race: the
// sweep counts the checker's client-order violations apart from safety ones.
TEST(SweepCommand, OpenLoopClientsShowClientOrderViolations) {
  const auto r = cli({"sweep", "--stage", "4", "--seeds", "40", "--client-mode", "open-loop", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("client_mode"), "open-loop");
  const auto& t = j.at("total");
  EXPECT_GT(t.at("client_order_violations").get<int>(), 0);
  EXPECT_EQ(t.at("safety_violations"), 0);
  int summed = 0;
  for (const auto& run : j.at("runs")) {
    summed += run.at("client_order_violations").get<int>();
    if (run.at("client_order_violations").get<int>() > 0) {
      EXPECT_NE(run.at("failure").get<std::string>().find("client-order"), std::string::npos) << run.dump();
    }
  }
  EXPECT_EQ(summed, t.at("client_order_violations").get<int>());
}

// The top-level fields, and every failure with the command line
// that reproduces it and, with --write-failures, a scenario file that `run`
// replays to the same violation.
TEST(SweepCommand, FailuresComeWithAReproduceLineAndAScenarioFile) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "paxoslab-sweep-failures-test";
  std::filesystem::remove_all(dir);
  const auto r = cli({"sweep", "--stage", "3", "--servers", "3", "--seeds", "30", "--max-steps", "60000", "--json",
                      "--write-failures", dir.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"stage", "seeds", "violations", "client_order_violations", "stuck_after_heal",
                          "no_progress_after_heal", "max_ticks_to_quiet", "failures"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_GT(j.at("violations").get<int>(), 0) << "Stage 3 breaks under crashes";
  const auto& failures = j.at("failures");
  ASSERT_FALSE(failures.empty());
  bool replayed_a_violation = false;
  for (const auto& f : failures) {
    const auto seed = f.at("seed").get<std::uint64_t>();
    EXPECT_EQ(f.at("reproduce"), "paxos-lab-cli sweep --stage 3 --servers 3 --max-steps 60000 --first-seed " +
                                     std::to_string(seed) + " --seeds 1");
    const std::string file = f.at("scenario").get<std::string>();
    ASSERT_TRUE(std::filesystem::is_regular_file(file)) << file;
    if (replayed_a_violation || f.at("kind") != "divergence") continue;
    const auto run = testing::run_cli({"run", file, "--json", "--no-trace"}, {add_run_command});
    ASSERT_EQ(run.code, 0) << run.err;
    const auto rj = nlohmann::json::parse(run.out);
    EXPECT_EQ(rj.at("expectation_met"), true) << run.out;
    ASSERT_FALSE(rj.at("violations").empty());
    EXPECT_EQ(rj.at("violations")[0].at("kind"), "divergence");
    replayed_a_violation = true;
  }
  EXPECT_TRUE(replayed_a_violation);
  // Text mode prints the same reproduce line under each failed run.
  const auto t = cli({"sweep", "--stage", "3", "--seeds", "10", "--max-steps", "60000"});
  EXPECT_NE(t.out.find("  reproduce: paxos-lab-cli sweep --stage 3 --servers 3 --max-steps 60000 --first-seed "),
            std::string::npos)
      << t.out;
  std::filesystem::remove_all(dir);
}

// A Stage 4 made unsafe on purpose with --knob quorum_size=1 is caught by the
// protocol invariants and by the consistency test; the reproduce line keeps the knob.
TEST(SweepCommand, KnobQuorumOfOneIsCaughtByTheInvariants) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "paxoslab-sweep-knob-test";
  std::filesystem::remove_all(dir);
  const auto r = cli({"sweep", "--stage", "4", "--servers", "5", "--seeds", "300", "--knob", "quorum_size=1", "--json",
                      "--write-failures", dir.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j.at("violations").get<int>(), 0);
  std::string replayed;
  for (const auto& f : j.at("failures")) {
    EXPECT_NE(f.at("reproduce").get<std::string>().find("--knob quorum_size=1"), std::string::npos);
    if (f.at("kind") == "decided-disagree" && replayed.empty()) replayed = f.at("scenario").get<std::string>();
  }
  ASSERT_FALSE(replayed.empty()) << "the protocol invariants catch it";
  const auto run = testing::run_cli({"run", replayed, "--json"}, {add_run_command});
  ASSERT_EQ(run.code, 0) << run.err;
  std::set<std::string> kinds;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  for (const auto& v : report.at("violations")) kinds.insert(v.at("kind").get<std::string>());
  EXPECT_TRUE(kinds.count("decided-disagree"));
  EXPECT_TRUE(kinds.count("divergence")) << "the consistency test catches it too";
  std::filesystem::remove_all(dir);
  EXPECT_EQ(cli({"sweep", "--knob", "no_such_knob=1"}).code, 2);
}

TEST(SweepCommand, BadFlagsExit2) {
  EXPECT_EQ(cli({"sweep", "--stage", "9"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--seeds", "0"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--servers", "8"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--client-mode", "sometimes"}).code, 2);
  const auto q = cli({"sweep", "--servers", "3", "--quorum", "5"});
  EXPECT_EQ(q.code, 2);
  EXPECT_NE(q.err.find("--quorum"), std::string::npos) << q.err;
}

TEST(SweepCommand, BadClientModeAndTooManyStepsAreRefusedInWords) {
  const auto mode = cli({"sweep", "--client-mode", "foo"});
  EXPECT_EQ(mode.code, 2);
  EXPECT_NE(mode.err.find("expected closed-loop or open-loop, got 'foo'"), std::string::npos) << mode.err;
  // A written failure must replay: no more steps than a scenario file holds.
  const auto steps = cli({"sweep", "--max-steps", "2000000"});
  EXPECT_EQ(steps.code, 2);
  EXPECT_NE(steps.err.find("--max-steps"), std::string::npos) << steps.err;
  EXPECT_EQ(cli({"sweep", "--seeds", "1", "--client-mode", "Open-Loop", "--max-steps", "1000000"}).code, 0);
}

}  // namespace
}  // namespace paxoslab::cli
