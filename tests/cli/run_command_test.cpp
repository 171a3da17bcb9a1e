// `paxos-lab-cli run` in-process (cli/cmd_run.cpp through cli/app.hpp): the
// JSON report's fields for the Fig. 1 and Fig. 2 runs, --stage/--seed,
// text output, and errors going to stderr with exit code 2.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";

using Result = testing::CliResult;

/// Runs `paxos-lab-cli <args>` with the stages and run commands, in-process.
Result cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_stages_command, add_run_command});
}

nlohmann::json run_json(std::vector<std::string> args) {
  args.insert(args.begin(), "run");
  args.push_back("--json");
  const Result r = cli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);  // throws (fails the test) if not exactly one JSON value
}

TEST(RunCommand, Fig2JsonReportsTheViolationWithBothWitnesses) {
  const auto j = run_json({kDir + "fig02_uncoordinated.toml"});
  EXPECT_EQ(j.at("scenario"), "Fig. 2: uncoordinated servers diverge");
  EXPECT_EQ(j.at("stage"), 0);
  EXPECT_EQ(j.at("servers"), 2);
  EXPECT_EQ(j.at("seed"), 1);
  EXPECT_EQ(j.at("steps"), 18);  // one effect per step: each send, execute and reply is a step
  EXPECT_EQ(j.at("ticks"), 25);
  EXPECT_EQ(j.at("trace_hash").get<std::string>().size(), 16u);
  EXPECT_EQ(j.at("safety"), "violated");
  ASSERT_EQ(j.at("violations").size(), 1u);
  const auto& v = j.at("violations")[0];
  EXPECT_EQ(v.at("kind"), "divergence");
  EXPECT_FALSE(v.at("explanation").get<std::string>().empty());
  ASSERT_EQ(v.at("witnesses").size(), 2u);
  EXPECT_EQ(v.at("witnesses")[0].at("who"), "S1");
  EXPECT_EQ(v.at("witnesses")[0].at("state"), nlohmann::json({"m1"}));
  EXPECT_EQ(v.at("witnesses")[1].at("who"), "S2");
  EXPECT_EQ(v.at("witnesses")[1].at("state"), nlohmann::json({"m2"}));
  EXPECT_EQ(j.at("stuck"), false);
  EXPECT_EQ(j.at("executed").at("S1"), nlohmann::json({"m1", "m2"}));
  EXPECT_EQ(j.at("executed").at("S2"), nlohmann::json({"m2", "m1"}));
  ASSERT_EQ(j.at("replies").size(), 4u);
  bool saw_m2_m1 = false;
  for (const auto& r : j.at("replies")) {
    EXPECT_TRUE(r.contains("client") && r.contains("server") && r.contains("request") && r.contains("state"));
    if (r.at("client") == "C1" && r.at("state") == nlohmann::json({"m2", "m1"})) saw_m2_m1 = true;
  }
  EXPECT_TRUE(saw_m2_m1);  // C1 was told <m2 m1> by S2 (Fig. 2)
  EXPECT_EQ(j.at("expectation_met"), true);
  EXPECT_TRUE(j.at("mismatches").empty());
}

TEST(RunCommand, Fig1JsonIsConsistent) {
  const auto j = run_json({kDir + "fig01_single_server.toml"});
  EXPECT_EQ(j.at("safety"), "ok");
  EXPECT_TRUE(j.at("violations").empty());
  EXPECT_EQ(j.at("stuck"), false);
  EXPECT_EQ(j.at("executed").at("S1"), nlohmann::json({"m1", "m2"}));
  EXPECT_EQ(j.at("expectation_met"), true);
}

TEST(RunCommand, StageOverrideAndSeedOverride) {
  const auto j = run_json({kDir + "fig02_uncoordinated.toml", "--stage", "1", "--seed", "42"});
  EXPECT_EQ(j.at("stage"), 1);
  EXPECT_EQ(j.at("seed"), 42);
  EXPECT_EQ(j.at("safety"), "ok");             // the leader orders both requests
  EXPECT_EQ(j.at("expectation_met"), false);   // the file expects Stage 0's divergence
  EXPECT_FALSE(j.at("mismatches").empty());
}

TEST(RunCommand, SameSeedSameTraceHash) {
  const auto a = run_json({kDir + "fig02_uncoordinated.toml", "--seed", "9"});
  const auto b = run_json({kDir + "fig02_uncoordinated.toml", "--seed", "9"});
  EXPECT_EQ(a.at("trace_hash"), b.at("trace_hash"));
}

TEST(RunCommand, MaxStepsFlagLimitsTheRun) {
  const auto j = run_json({kDir + "fig02_uncoordinated.toml", "--max-steps", "4"});
  EXPECT_EQ(j.at("steps"), 4);
  EXPECT_EQ(j.at("stopped"), "step limit");
}

TEST(RunCommand, TextOutputHasTraceLinesAndTheVerdict) {
  const Result r = cli({"run", kDir + "fig02_uncoordinated.toml"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("execute        S1   m1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("safety:   VIOLATED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("witness S1 <m1>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("witness S2 <m2>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("S2 <m2 m1>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expect:   met"), std::string::npos) << r.out;
  const Result quiet = cli({"run", kDir + "fig02_uncoordinated.toml", "--no-trace"});
  EXPECT_EQ(quiet.out.find("client-request"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("---- summary ----"), std::string::npos);
}

/// A scenario whose crash step waits for an event that never happens (S2
/// never executes m7): the run must say so, not end as if the step were not
/// there.
TEST(RunCommand, AStepThatNeverFiresIsNamedWithItsLine) {
  const std::string path = ::testing::TempDir() + "unfired_step.toml";
  {
    std::ofstream f(path);
    f << "[scenario]\nname = \"t\"\nstage = 1\nservers = 2\nclients = 1\n\n"
         "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n\n"
         "[[step]]\nafter = { event = \"execute\", who = \"S2\", request = \"m7\" }\ndo = \"crash\"\nserver = \"S1\"\n";
  }
  const Result r = cli({"run", path});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("script:   the step at line 13 (after S2 execute m7: crash S1) never fired: no event in the run "
                       "matched it"),
            std::string::npos)
      << r.out;
  const auto j = run_json({path});
  ASSERT_EQ(j.at("unfired_steps").size(), 1u);
  EXPECT_EQ(j.at("unfired_steps")[0].at("line"), 13);
  EXPECT_EQ(j.at("unfired_steps")[0].at("trigger"), "after S2 execute m7");
  EXPECT_EQ(j.at("unfired_steps")[0].at("action"), "crash S1");

  // A step at a tick the run never reaches (the step limit ends it first).
  const auto limited = cli({"run", kDir + "fig02_uncoordinated.toml", "--max-steps", "1"});
  EXPECT_NE(limited.out.find("never fired: the run ended before its turn"), std::string::npos) << limited.out;
  // Every step of a finished scenario fired: nothing is named.
  EXPECT_TRUE(run_json({kDir + "fig02_uncoordinated.toml"}).at("unfired_steps").empty());
  EXPECT_EQ(cli({"run", kDir + "fig02_uncoordinated.toml"}).out.find("script:"), std::string::npos);
}

TEST(RunCommand, BadInputExitsTwoWithOneLineOnStderr) {
  const Result missing = cli({"run", kDir + "no_such.toml"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_NE(missing.err.find("no_such.toml: cannot open"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find('\n'), missing.err.size() - 1);

  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", kDir + "fig01_single_server.toml", "--stage", "7"},
           {"run", kDir + "fig01_single_server.toml", "--seed", "-3"},
           {"run", kDir + "fig01_single_server.toml", "--bogus"},
           {"run"},
           {},
           {"frobnicate"}}) {
    const Result r = cli(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.err.rfind("paxos-lab-cli: ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

TEST(RunCommand, HelpExitsZeroAndPointsAtTheFormat) {
  const Result top = cli({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_NE(top.out.find("docs/scenario-format.md"), std::string::npos);
  const Result run = cli({"run", "--help"});
  EXPECT_EQ(run.code, 0);
  for (const char* flag : {"--stage", "--seed", "--json", "--max-steps", "--max-ticks", "--no-trace", "FILE"})
    EXPECT_NE(run.out.find(flag), std::string::npos) << flag;
}

TEST(StagesCommand, ListsEveryStageWithItsPaperName) {
  const Result r = cli({"stages"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("0  SingleServer"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("4  LeaderChange"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
}

}  // namespace
}  // namespace paxoslab::cli
