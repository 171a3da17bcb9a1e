// `paxos-lab-cli run FILE --chart OUT.svg` charts the run it reports: with
// --without RULE the chart is the variant's run, the same chart as
// a file that switches the rule off itself, and not the full stage's.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/ablation_durable_promise.toml";

testing::CliResult cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command});
}

std::string read_all(const fs::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::ostringstream s;
  s << is.rdbuf();
  return s.str();
}

/// A temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path = fs::temp_directory_path() /
                  ("paxoslab-run-chart-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

/// ablation_durable_promise.toml with its `without = [...]` line taken out:
/// the full Stage 4 running the same script.
fs::path write_full_stage_copy(const fs::path& dir) {
  std::istringstream in(read_all(kScenario));
  std::string text;
  int removed = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("without", 0) == 0) {
      ++removed;
      continue;
    }
    text += line + "\n";
  }
  EXPECT_EQ(removed, 1) << "the scenario should switch durable-promise off in one line";
  const fs::path out = dir / "full_stage4.toml";
  std::ofstream(out, std::ios::binary) << text;
  return out;
}

TEST(RunChart, WithoutFlagChartsTheVariantsRun) {
  TempDir tmp;
  const fs::path copy = write_full_stage_copy(tmp.path);
  const fs::path flag_svg = tmp.path / "flag.svg";
  const testing::CliResult flagged =
      cli({"run", copy.string(), "--no-trace", "--without", "durable-promise", "--chart", flag_svg.string()});
  if (flagged.code != 0 && flagged.err.find("--chart") != std::string::npos &&
      flagged.err.find("not expected") != std::string::npos)
    GTEST_SKIP() << "built without the app: no --chart";
  ASSERT_EQ(flagged.code, 0) << flagged.err;
  EXPECT_NE(flagged.out.find("safety:   VIOLATED"), std::string::npos) << flagged.out;

  const fs::path file_svg = tmp.path / "file.svg";
  const testing::CliResult from_file = cli({"run", kScenario, "--no-trace", "--chart", file_svg.string()});
  ASSERT_EQ(from_file.code, 0) << from_file.err;

  const fs::path full_svg = tmp.path / "full.svg";
  const testing::CliResult full = cli({"run", copy.string(), "--no-trace", "--chart", full_svg.string()});
  ASSERT_EQ(full.code, 0) << full.err;
  EXPECT_EQ(full.out.find("safety:   VIOLATED"), std::string::npos) << full.out;

  const std::string flag_chart = read_all(flag_svg);
  ASSERT_GT(flag_chart.size(), 100u);
  EXPECT_EQ(flag_chart, read_all(file_svg)) << "--without RULE should chart what `without = [RULE]` charts";
  EXPECT_NE(flag_chart, read_all(full_svg)) << "the variant's chart should differ from the full stage's";
}

TEST(RunChart, StageFlagIsChartedToo) {
  TempDir tmp;
  const std::string fig = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig02_uncoordinated.toml";
  const fs::path a = tmp.path / "a.svg";
  const fs::path b = tmp.path / "b.svg";
  const testing::CliResult ra = cli({"run", fig, "--no-trace", "--chart", a.string()});
  if (ra.code != 0 && ra.err.find("not expected") != std::string::npos) GTEST_SKIP() << "built without the app";
  ASSERT_EQ(ra.code, 0) << ra.err;
  const testing::CliResult rb = cli({"run", fig, "--no-trace", "--stage", "1", "--chart", b.string()});
  ASSERT_EQ(rb.code, 0) << rb.err;
  EXPECT_NE(read_all(a), read_all(b)) << "--stage 1 runs another protocol, so its chart differs";
}

}  // namespace
}  // namespace paxoslab::cli
