// `paxos-lab-cli lessons list|verify` and `run LESSON` in-process
// (cli/cmd_lessons.cpp): output lines and exit codes 0 / 2 / 3.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

using lesson_testing::ScratchDir;
using lesson_testing::stage1_lesson;

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliResult run_cli(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  cli::CliIo io{out, err};
  CLI::App app;
  cli::configure_app(app);
  cli::add_run_command(app, io);
  cli::add_lessons_command(app, io);
  args.insert(args.begin(), "paxos-lab-cli");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  CliResult r;
  r.exit_code = cli::run_app(app, static_cast<int>(argv.size()), argv.data(), io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(LessonsCli, VerifyPassesAGoodDirectory) {
  ScratchDir dir;
  dir.write("01_a.toml", stage1_lesson("a", 1));
  dir.write("02_b.toml", stage1_lesson("b", 2));
  const CliResult r = run_cli({"lessons", "verify", dir.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS  01_a.toml  a"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 passed, 0 failed, 0 broken"), std::string::npos) << r.out;
}

TEST(LessonsCli, VerifyExits2OnABrokenFileAndStillVerifiesTheOthers) {
  ScratchDir dir;
  dir.write("01_a.toml", stage1_lesson("a", 1));
  std::string bad = stage1_lesson("b", 2);
  bad.replace(bad.find("goal = { stuck = true }"), 23, "goal = { stuck = 1 }");
  const std::string bad_path = dir.write("02_b.toml", bad);
  const CliResult r = run_cli({"lessons", "verify", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("PASS  01_a.toml"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(bad_path + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected true or false for 'stuck'"), std::string::npos) << r.err;
}

TEST(LessonsCli, VerifyExits3WhenALessonFailsACheck) {
  ScratchDir dir;
  std::string failing = stage1_lesson("a", 1);
  failing.replace(failing.find("stuck = false"), 13, "stuck = true");  // the scripted run is not stuck
  const std::string path = dir.write("01_a.toml", failing);
  const CliResult r = run_cli({"lessons", "verify", path});  // one file works too
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL  01_a.toml  a: scripted run: expected the run to be stuck"), std::string::npos) << r.out;
}

TEST(LessonsCli, ListShowsTrackOrderAndBrokenFiles) {
  ScratchDir dir;
  dir.write("b.toml", stage1_lesson("second", 2));
  dir.write("a.toml", stage1_lesson("first", 1));
  dir.write("c.toml", "[lesson]\nid = \"c\"\n");
  const CliResult r = run_cli({"lessons", "list", dir.path().string()});
  EXPECT_EQ(r.exit_code, 2);
  const auto first = r.out.find("first");
  const auto second = r.out.find("second");
  ASSERT_NE(first, std::string::npos) << r.out;
  ASSERT_NE(second, std::string::npos) << r.out;
  EXPECT_LT(first, second);
  EXPECT_NE(r.out.find("BROKEN  " + (dir.path() / "c.toml").string() + ":1:1: missing key 'order'"), std::string::npos)
      << r.out;
}

TEST(LessonsCli, RunAcceptsALessonFile) {
  ScratchDir dir;
  const std::string path = dir.write("l.toml", stage1_lesson());
  const CliResult r = run_cli({"run", path, "--no-trace"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("two servers, stage 1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace paxoslab
