// `run --json` streams its replies (cli/run_report.hpp, write_run_report_json):
// the output is byte for byte the document run_report_json builds, for runs
// with many replies, with none, and with strings that look like JSON keys.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli/run_report.hpp"
#include "cli/scenario_runner.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"

namespace paxoslab::cli {
namespace {

const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";

/// Runs `scenario` to its end and checks both JSON writers agree.
void expect_same_report(const Scenario& scenario) {
  auto sim = start_scenario(scenario, std::nullopt, std::nullopt);
  ASSERT_TRUE(sim);
  const RunEnd end = run_to_end(*sim, scenario);
  const RunSummary summary{scenario, *sim, end, check_expectation(scenario.expect, *sim)};
  std::ostringstream streamed;
  write_run_report_json(streamed, summary);
  EXPECT_EQ(streamed.str(), run_report_json(summary).dump(2) + "\n");
}

TEST(RunReportStream, MatchesTheWholeDocumentByteForByte) {
  for (const char* name : {"fig02_uncoordinated.toml", "fig05_leader_crash.toml", "fig12b_five_servers.toml"}) {
    const ScenarioLoad l = load_scenario_file(kDir + name);
    ASSERT_TRUE(l.ok()) << l.error->to_string();
    expect_same_report(*l.scenario);
  }
}

TEST(RunReportStream, NoRepliesAndTrickyStrings) {
  const ScenarioLoad l = load_scenario_string(
      "[scenario]\nname = \"x\\n  \\\"replies\\\": null\"\nfigure = \"\\\"replies\\\": null\"\nstage = 0\nservers = 1\n",
      "t.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  expect_same_report(*l.scenario);
}

}  // namespace
}  // namespace paxoslab::cli
