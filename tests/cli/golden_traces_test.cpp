// Golden traces (cli/golden_trace.hpp): `paxos-lab-cli run
// FILE` prints, for every scenario in scenarios/, exactly the trace checked in
// beside it (FILE with .trace), byte for byte. A failure names the first
// differing line; after an intended change, regenerate them with
// scripts/update-golden-traces.sh and review the diff (docs/testing.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/golden_trace.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

const std::filesystem::path kDir = std::filesystem::path(PAXOSLAB_SOURCE_DIR) / "scenarios";

std::vector<std::string> files_with(const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(kDir))
    if (e.path().extension() == ext) out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// What `paxos-lab-cli run FILE` prints before its summary.
std::string run_trace(const std::string& file) {
  const auto r = testing::run_cli({"run", file}, {add_run_command});
  EXPECT_EQ(r.code, 0) << r.err;
  const auto end = r.out.find("---- summary ----\n");
  EXPECT_NE(end, std::string::npos) << r.out;
  return r.out.substr(0, end);
}

class GoldenTrace : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTrace, RunPrintsTheCheckedInTrace) {
  const std::string toml = (kDir / (GetParam() + ".toml")).string();
  const std::filesystem::path golden = golden_trace_path(toml);
  ASSERT_TRUE(std::filesystem::exists(golden))
      << golden.string() << " is missing: write it with scripts/update-golden-traces.sh";
  const TraceDifference d = first_difference(read_file(golden), run_trace(toml));
  EXPECT_TRUE(d.same) << "the trace of " << toml << " differs from " << golden.string() << " at line " << d.line
                      << ":\n  golden: " << d.expected << "\n  now:    " << d.actual
                      << "\nIf the change is intended, regenerate with scripts/update-golden-traces.sh and review "
                         "the diff.";
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, GoldenTrace, ::testing::ValuesIn(files_with(".toml")), test_name);

TEST(GoldenTraces, EveryTraceBelongsToAScenario) {
  const auto tomls = files_with(".toml");
  for (const auto& t : files_with(".trace"))
    EXPECT_TRUE(std::binary_search(tomls.begin(), tomls.end(), t)) << "scenarios/" << t << ".trace has no .toml";
}

TEST(GoldenTraces, WriteGoldenWritesWhatRunPrints) {
  const std::filesystem::path dir = std::filesystem::path(PAXOSLAB_BINARY_DIR) / "golden_traces_test";
  std::filesystem::create_directories(dir);
  const std::filesystem::path copy = dir / "fig05_leader_crash.toml";
  std::filesystem::copy_file(kDir / "fig05_leader_crash.toml", copy, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(dir / "fig05_leader_crash.trace");
  const auto r = testing::run_cli({"run", copy.string(), "--write-golden"}, {add_run_command});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("wrote " + (dir / "fig05_leader_crash.trace").string() + " (", 0), 0u) << r.out;
  EXPECT_EQ(read_file(dir / "fig05_leader_crash.trace"), run_trace(copy.string()));
}

TEST(GoldenTraces, WriteGoldenRefusesFlagsThatChangeTheRun) {
  const std::string toml = (kDir / "fig05_leader_crash.toml").string();
  for (const auto& extra : {std::vector<std::string>{"--seed", "2"}, {"--stage", "2"},
                                               {"--knob", "fd_timeout_ticks=30"}, {"--json"}}) {
    std::vector<std::string> args{"run", toml, "--write-golden"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = testing::run_cli(args, {add_run_command});
    EXPECT_EQ(r.code, 2) << extra.front();
    EXPECT_NE(r.err.find("--write-golden records the file's own run"), std::string::npos) << r.err;
  }
}

TEST(GoldenTraces, FirstDifferenceNamesTheLine) {
  EXPECT_TRUE(first_difference("a\nb\n", "a\nb\n").same);
  const auto d = first_difference("a\nb\nc\n", "a\nB\nc\n");
  EXPECT_FALSE(d.same);
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.expected, "b");
  EXPECT_EQ(d.actual, "B");
  const auto shorter = first_difference("a\nb\n", "a\n");
  EXPECT_EQ(shorter.line, 2);
  EXPECT_EQ(shorter.actual, "(end of file)");
  const auto no_newline = first_difference("a\n", "a");
  EXPECT_EQ(no_newline.line, 1);
  EXPECT_EQ(no_newline.actual, "a (no newline at end of file)");
}

TEST(GoldenTraces, PathIsTheScenarioWithDotTrace) {
  EXPECT_EQ(golden_trace_path("scenarios/fig05_leader_crash.toml"), "scenarios/fig05_leader_crash.trace");
  EXPECT_EQ(golden_trace_path("x"), "x.trace");
}

}  // namespace
}  // namespace paxoslab::cli
