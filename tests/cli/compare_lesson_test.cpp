// `paxos-lab-cli compare FILE` takes a lesson file as `run` does (its scripted
// run): lessons 10 and 15 send the learner to compare mode with their run.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

const std::string kLessons = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/";

testing::CliResult cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command, add_compare_command});
}

TEST(CompareLesson, ALessonFileIsComparedByItsScriptedRun) {
  // Lesson 15: five servers, S1 and S2 crash; Stage 3 loses m2's order, Stage 4 keeps it.
  const auto r = cli({"compare", kLessons + "15_five_servers_paxos.toml", "--stages", "3,4", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_FALSE(j.at("first_difference").is_null());
  EXPECT_EQ(j.at("first_difference").at("where"), "C1");
  EXPECT_NE(j.at("first_difference").at("description").get<std::string>().find("<m2 m1> under Stage 4"),
            std::string::npos);
}

TEST(CompareLesson, ABrokenLessonFileIsStillABadFile) {
  const auto r = cli({"compare", kLessons + "no_such_lesson.toml", "--stages", "3,4"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no_such_lesson.toml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace paxoslab::cli
