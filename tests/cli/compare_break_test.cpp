// A break travels to the next stage: `search --write` puts the counterexample's
// faults next to its schedule as [[fault]] tables (core/scenario/portable_faults.hpp),
// and `compare FILE --stages A,B` runs them on both stages - the stage the break
// was found on breaks again, the next one holds, and the first difference is named.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

using Result = testing::CliResult;

Result cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command, add_search_command, add_compare_command});
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("paxoslab_cli_" + name + ".toml")).string();
}

/// search --stage `stage` --write, then compare on (stage, stage + 1): returns the compare JSON.
nlohmann::json search_then_compare(int stage, std::vector<std::string> bounds) {
  const std::string file = temp_path("break_travels_" + std::to_string(stage));
  std::filesystem::remove(file);
  std::vector<std::string> args = {"search", "--stage", std::to_string(stage), "--write", file, "--quiet"};
  args.insert(args.end(), bounds.begin(), bounds.end());
  const Result found = cli(args);
  EXPECT_EQ(found.code, 0) << found.err;
  const ScenarioLoad load = load_scenario_file(file);
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  if (!load.ok()) return {};
  EXPECT_FALSE(load.scenario->schedule.empty());
  EXPECT_FALSE(load.scenario->faults.empty()) << "the file carries its faults as [[fault]] tables";
  for (const auto& f : load.scenario->faults) EXPECT_FALSE(f.says.empty());

  // `run` still replays the exact schedule to the violation.
  const Result replay = cli({"run", file, "--json"});
  EXPECT_EQ(replay.code, 0) << replay.err;
  EXPECT_EQ(nlohmann::json::parse(replay.out).at("safety"), "violated");

  const std::string pair = std::to_string(stage) + "," + std::to_string(stage + 1);
  const Result cmp = cli({"compare", file, "--stages", pair, "--json"});
  EXPECT_EQ(cmp.code, 0) << cmp.err;
  if (cmp.code != 0) return {};
  return nlohmann::json::parse(cmp.out);
}

TEST(CompareBreak, Stage2BreakIsFixedByStage3) {
  const nlohmann::json j = search_then_compare(2, {});
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j.at("left").at("safety"), "violated") << j.dump(2);
  EXPECT_EQ(j.at("right").at("safety"), "ok") << j.dump(2);
  ASSERT_FALSE(j.at("first_difference").is_null()) << j.dump(2);
  EXPECT_FALSE(j.at("first_difference").at("description").get<std::string>().empty());
  ASSERT_FALSE(j.at("faults").empty());
  for (const auto& f : j.at("faults")) {
    EXPECT_FALSE(f.at("says").get<std::string>().empty());
    EXPECT_EQ(f.at("missed").size(), 2u);
    EXPECT_TRUE(f.at("missed")[0].is_null()) << "every fault acts on the stage it was found on: " << f.dump();
  }
}

TEST(CompareBreak, Stage3BreakIsFixedByStage4) {
  const nlohmann::json j = search_then_compare(3, {});
  ASSERT_FALSE(j.is_null());
  EXPECT_EQ(j.at("left").at("safety"), "violated") << j.dump(2);
  EXPECT_EQ(j.at("right").at("safety"), "ok") << j.dump(2);
  ASSERT_FALSE(j.at("first_difference").is_null()) << j.dump(2);
}

TEST(CompareBreak, AFaultWithNothingToActOnIsNamedNotRefused) {
  // Stage 1 sends no Learn: a lost Learn of a Stage 2 break finds nothing there.
  const std::string file = temp_path("fault_missed");
  {
    std::ofstream out(file);
    out << "[scenario]\nname = \"lost learn\"\nstage = 2\nservers = 3\nclients = 1\nseed = 1\n\n"
           "[[choose]]\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n\n"
           "[[fault]]\nsays = \"lose the Learn carrying m1 from S2 to S1\"\nat = 0\ndo = \"lose-next\"\n"
           "name = \"fault-1\"\nkind = \"Learn\"\nfrom = \"S2\"\nto = \"S1\"\nrequest = \"m1\"\n\n"
           "[[fault]]\nsays = \"C1 requests m1\"\nat = 0\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n";
  }
  const Result r = cli({"compare", file, "--stages", "1,2", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("faults").size(), 2u);
  const auto& lost_learn = j.at("faults")[0];
  ASSERT_TRUE(lost_learn.at("missed")[0].is_string()) << j.dump(2);
  EXPECT_NE(lost_learn.at("missed")[0].get<std::string>().find("no such message was sent on Stage 1"), std::string::npos);
  EXPECT_TRUE(lost_learn.at("missed")[1].is_null()) << "Stage 2 sends that Learn and loses it";

  const Result text = cli({"compare", file, "--stages", "1,2"});
  EXPECT_NE(text.out.find("lose the Learn carrying m1 from S2 to S1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("on Stage 1: no such message was sent on Stage 1"), std::string::npos) << text.out;
}

TEST(CompareBreak, FaultTablesNeedASchedule) {
  const std::string file = temp_path("fault_alone");
  {
    std::ofstream out(file);
    out << "[scenario]\nname = \"x\"\nstage = 2\nservers = 3\nclients = 1\nseed = 1\n\n"
           "[[fault]]\nat = 0\ndo = \"crash\"\nserver = \"S1\"\n";
  }
  const ScenarioLoad load = load_scenario_file(file);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error->line, 8);
  EXPECT_NE(load.error->message.find("[[fault]] tables only next to a [[choose]] schedule"), std::string::npos)
      << load.error->to_string();
}

TEST(CompareBreak, AScheduleWithoutFaultsIsStillRefusedWithTheWayOut) {
  const std::string file = temp_path("schedule_alone");
  {
    std::ofstream out(file);
    out << "[scenario]\nname = \"x\"\nstage = 2\nservers = 3\nclients = 1\nseed = 1\n\n"
           "[[choose]]\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n";
  }
  const Result r = cli({"compare", file, "--stages", "2,3"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("without [[fault]] tables"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace paxoslab::cli
