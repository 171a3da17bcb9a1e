// The real paxos-lab-cli binary: exit codes (0 for a completed run whatever
// the verdict, 2 for a bad file or flag) and the file:line:col message of a
// broken scenario file on stderr.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string kCli = PAXOSLAB_CLI_PATH;
const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs the binary with `args` (already shell-quoted), capturing both streams.
Outcome run_cli(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("paxoslab_cli_test_" + std::to_string(::getpid()) + "_" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  const auto out = dir / "out.txt";
  const auto err = dir / "err.txt";
  const std::string cmd = "'" + kCli + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = slurp(out);
  o.err = slurp(err);
  std::filesystem::remove_all(dir);
  return o;
}

TEST(CliBinary, CompletedRunsExitZeroWhateverTheVerdict) {
  const Outcome ok = run_cli("run '" + kDir + "fig01_single_server.toml'");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("safety:   ok"), std::string::npos);
  const Outcome violated = run_cli("run '" + kDir + "fig02_uncoordinated.toml' --json");
  EXPECT_EQ(violated.code, 0) << violated.err;
  EXPECT_NE(violated.out.find("\"safety\": \"violated\""), std::string::npos) << violated.out;
  EXPECT_TRUE(violated.err.empty()) << violated.err;
}

TEST(CliBinary, BrokenScenarioFileExitsTwoNamingTheLine) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("paxoslab_cli_broken_" + std::to_string(::getpid()) + ".toml");
  {
    std::ofstream f(file);
    f << "[scenario]\nname = \"broken\"\nstage = 0\nservers = 3\n\n[[step]]\nat = 0\ndo = \"crash\"\nserver = \"S9\"\n";
  }
  const Outcome o = run_cli("run '" + file.string() + "'");
  std::filesystem::remove(file);
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(o.out.empty()) << o.out;
  EXPECT_EQ(o.err.rfind(file.string() + ":9:10: unknown node 'S9'", 0), 0u) << o.err;
  EXPECT_EQ(o.err.find('\n'), o.err.size() - 1) << o.err;  // one line
}

/// Writes `text` to a temporary file named after the running test.
std::filesystem::path temp_file(const std::string& text) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("paxoslab_cli_" + std::to_string(::getpid()) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  std::ofstream(file) << text;
  return file;
}

const char* const kUnmatchedChoice = R"([scenario]
name = "a schedule naming a message that is never sent"
stage = 2
servers = 2
[[choose]]
do = "request"
client = "C1"
request = "m1"
[[choose]]
event = "deliver"
kind = "Learn"
from = "S2"
to = "S1"
)";

TEST(CliBinary, AScheduleChoiceMatchingNothingExitsTwoNamingItsLine) {
  const auto file = temp_file(kUnmatchedChoice);
  const Outcome o = run_cli("run '" + file.string() + "'");
  std::filesystem::remove(file);
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.out.find("schedule mismatch"), std::string::npos) << o.out;  // the run up to there is printed
  EXPECT_EQ(o.err.rfind(file.string() + ": line 9: no pending", 0), 0u) << o.err;
}

TEST(CliBinary, CompareRefusesAScheduleFile) {
  const auto file = temp_file(kUnmatchedChoice);
  const Outcome o = run_cli("compare '" + file.string() + "' --stages 2,3");
  std::filesystem::remove(file);
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("[[choose]]"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty()) << o.out;
}

TEST(CliBinary, BadFlagsExitTwoNotCli11Codes) {
  for (const std::string& args : {"run '" + kDir + "fig01_single_server.toml' --nope",
                                 "run '" + kDir + "fig01_single_server.toml' --stage 12",
                                 "run '" + kDir + "fig01_single_server.toml' --seed abc",
                                 "run '" + kDir + "fig01_single_server.toml' --max-steps",
                                 std::string("run"), std::string(""), std::string("nosuchcommand")}) {
    const Outcome o = run_cli(args);
    EXPECT_EQ(o.code, 2) << args << "\n" << o.err;
    EXPECT_FALSE(o.err.empty()) << args;
  }
}

TEST(CliBinary, HelpExitsZero) {
  const Outcome o = run_cli("--help");
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("run"), std::string::npos);
  EXPECT_NE(o.out.find("stages"), std::string::npos);
  const Outcome r = run_cli("run --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("--max-steps"), std::string::npos);
}

}  // namespace
