// `paxos-lab-cli search` in-process (cli/cmd_search.cpp): the JSON
// fields the issue names, the written counterexample replaying through
// `run`, the Stage 4 default being exhaustive, and bad flags exiting 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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

/// Runs `paxos-lab-cli <args>` with the search and run commands, in-process.
Result cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command, add_search_command});
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("paxoslab_cli_" + name + ".toml")).string();
}

TEST(SearchCommand, Stage1JsonNamesTheStuckRunAndItsFile) {
  const std::string out = temp_path("search_stage1");
  std::filesystem::remove(out);
  const Result r = cli({"search", "--stage", "1", "--max-crashes", "0", "--max-suspicions", "0", "--json", "--quiet",
                        "--out", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("result"), "stuck");
  EXPECT_EQ(j.at("depth"), 6);
  EXPECT_GT(j.at("states_explored").get<std::uint64_t>(), 0u);
  EXPECT_GT(j.at("unique_states").get<std::uint64_t>(), 0u);
  EXPECT_LE(j.at("unique_states").get<std::uint64_t>(), j.at("states_explored").get<std::uint64_t>() + 1);
  EXPECT_GE(j.at("seconds").get<double>(), 0.0);
  EXPECT_GT(j.at("peak_memory_bytes").get<std::uint64_t>(), 0u);
  EXPECT_EQ(j.at("scenario"), out);
  EXPECT_EQ(j.at("replay_verified"), true);
  ASSERT_TRUE(std::filesystem::exists(out));

  // `run` replays the written file to the same verdict (its [expect] holds).
  const Result replay = cli({"run", out, "--json"});
  EXPECT_EQ(replay.code, 0) << replay.err;
  const auto rj = nlohmann::json::parse(replay.out);
  EXPECT_EQ(rj.at("stuck"), true) << replay.out;
}

// --jobs N: the written counterexample is the same file whatever N, and
// the JSON says how many threads searched; --jobs 0 is a bad flag.
TEST(SearchCommand, JobsGiveTheSameCounterexampleFile) {
  std::string files[2];
  const char* jobs[2] = {"1", "3"};
  for (int i = 0; i < 2; ++i) {
    files[i] = temp_path(std::string("search_jobs") + jobs[i]);
    const Result r = cli({"search", "--stage", "2", "--jobs", jobs[i], "--json", "--quiet", "--out", files[i]});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("jobs"), std::stoi(jobs[i]));
    EXPECT_EQ(j.at("discarded_states"), 0);
    EXPECT_EQ(j.at("replay_verified"), true);
  }
  std::ifstream a(files[0]);
  std::ifstream b(files[1]);
  const std::string ta((std::istreambuf_iterator<char>(a)), std::istreambuf_iterator<char>());
  const std::string tb((std::istreambuf_iterator<char>(b)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(ta.empty());
  EXPECT_EQ(ta, tb);
  EXPECT_EQ(cli({"search", "--stage", "2", "--jobs", "0"}).code, 2);
}

// Stage 4's defaults search depth-first; with one request (the two
// take about a minute: Search.Stage4SurvivesEveryScheduleOfTheIssuesBounds)
// the whole space closes in well under a second.
TEST(SearchCommand, Stage4IsExhaustiveDepthFirstAndWritesNoFile) {
  const std::string out = temp_path("search_stage4");
  std::filesystem::remove(out);
  const Result r =
      cli({"search", "--stage", "4", "--clients", "1", "--requests", "1", "--json", "--quiet", "--out", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("result"), "none");
  EXPECT_EQ(j.at("complete"), true);
  EXPECT_TRUE(j.at("scenario").is_null());
  EXPECT_TRUE(j.at("replay_verified").is_null());
  EXPECT_EQ(j.at("bounds").at("servers"), 3);
  EXPECT_EQ(j.at("bounds").at("max_losses"), 1);
  EXPECT_EQ(j.at("bounds").at("max_crashes"), 1);
  EXPECT_EQ(j.at("bounds").at("max_suspicions"), 1);
  EXPECT_EQ(j.at("bounds").at("depth_first"), true);
  EXPECT_LE(j.at("peak_states").get<int>(), 401) << "depth-first holds only the current path";
  EXPECT_FALSE(std::filesystem::exists(out));
  // --breadth-first overrides the stage's order; the two cannot be combined.
  const Result bfs = cli({"search", "--stage", "4", "--clients", "1", "--requests", "1", "--breadth-first", "--json",
                          "--quiet", "--out", out});
  ASSERT_EQ(bfs.code, 0) << bfs.err;
  EXPECT_EQ(nlohmann::json::parse(bfs.out).at("bounds").at("depth_first"), false);
  EXPECT_EQ(nlohmann::json::parse(bfs.out).at("result"), "none");
  EXPECT_EQ(cli({"search", "--stage", "4", "--breadth-first", "--depth-first"}).code, 2);
}

TEST(SearchCommand, BadFlagsExitTwoWithTheReason) {
  const Result no_stage = cli({"search", "--json"});
  EXPECT_EQ(no_stage.code, 2);
  EXPECT_NE(no_stage.err.find("--stage"), std::string::npos) << no_stage.err;
  const Result too_many = cli({"search", "--stage", "2", "--servers", "9"});
  EXPECT_EQ(too_many.code, 2);
  EXPECT_NE(too_many.err.find("servers"), std::string::npos) << too_many.err;
  const Result crashes = cli({"search", "--stage", "2", "--servers", "2", "--max-crashes", "3"});
  EXPECT_EQ(crashes.code, 2);
  EXPECT_NE(crashes.err.find("max-crashes"), std::string::npos) << crashes.err;
  EXPECT_TRUE(too_many.out.empty());
}

}  // namespace
}  // namespace paxoslab::cli
