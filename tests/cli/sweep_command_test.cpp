// `paxos-lab-cli sweep` in-process (cli/cmd_sweep.cpp, issue 14): the JSON
// report per run and in total, the text summary, the quorum knob finding a
// violation, and bad flags exiting 2.
#include <gtest/gtest.h>

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
TEST(SweepCommand, QuorumBelowMajorityShowsViolations) {
  const auto r = cli({"sweep", "--servers", "5", "--quorum", "2", "--seeds", "300", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j.at("total").at("safety_violations").get<int>(), 0);
  EXPECT_FALSE(j.at("total").at("failed_seeds").empty());
}

// Open-loop clients let one client's requests race (issue 14, finding 3): the
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

TEST(SweepCommand, BadFlagsExit2) {
  EXPECT_EQ(cli({"sweep", "--stage", "9"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--seeds", "0"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--servers", "8"}).code, 2);
  EXPECT_EQ(cli({"sweep", "--client-mode", "sometimes"}).code, 2);
  const auto q = cli({"sweep", "--servers", "3", "--quorum", "5"});
  EXPECT_EQ(q.code, 2);
  EXPECT_NE(q.err.find("--quorum"), std::string::npos) << q.err;
}

}  // namespace
}  // namespace paxoslab::cli
