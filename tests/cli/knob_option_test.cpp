// `--knob NAME=VALUE` on run, compare and search (cli/knob_option.hpp):
// a knob of the file is overridden without editing it, repeatable, and a bad
// name or value exits 2 with the valid names or values.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

const std::string kDir = std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/";
/// Stage 4, five servers, quorum_size = 2 in its [knobs]: unsafe as written.
const std::string kBelowMajority = kDir + "fig12a_quorum_below_majority.toml";

testing::CliResult cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_run_command, add_compare_command, add_search_command});
}

nlohmann::json json_of(const testing::CliResult& r) {
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(KnobOption, RunOverridesTheFilesKnob) {
  EXPECT_EQ(json_of(cli({"run", kBelowMajority, "--json"})).at("safety"), "violated");
  const auto fixed = json_of(cli({"run", kBelowMajority, "--json", "--knob", "quorum_size=0"}));
  EXPECT_EQ(fixed.at("safety"), "ok");
  EXPECT_EQ(fixed.at("expectation_met"), false);  // the file expects the violation
}

TEST(KnobOption, RunTakesSeveralKnobsInOrderAnywhere) {
  const auto a = json_of(cli({"run", "--knob", "quorum_size=1", kBelowMajority, "--knob", "quorum_size=0", "--json"}));
  EXPECT_EQ(a.at("safety"), "ok");  // the last one wins
}

TEST(KnobOption, QuorumOfOneMakesStage4Unsafe) {
  const auto r = json_of(cli({"run", kDir + "fig12b_five_servers.toml", "--json"}));
  EXPECT_EQ(r.at("safety"), "ok");
  const auto s = json_of(cli({"search", "--stage", "4", "--knob", "quorum_size=1", "--json", "--quiet", "--out",
                              std::string(PAXOSLAB_BINARY_DIR) + "/knob_option_test_break.toml"}));
  EXPECT_EQ(s.at("result"), "violation");
  EXPECT_EQ(s.at("replay_verified"), true);  // the written file carries quorum_size = 1
}

TEST(KnobOption, CompareAppliesTheKnobToBothSides) {
  const auto j = json_of(cli({"compare", kBelowMajority, "--stages", "4,4", "--json", "--knob", "quorum_size=0"}));
  EXPECT_EQ(j.at("left").at("safety"), "ok");
  EXPECT_EQ(j.at("right").at("safety"), "ok");
}

TEST(KnobOption, AnUnknownKnobExits2ListingTheNames) {
  for (const std::string cmd : {"run", "compare", "search"}) {
    std::vector<std::string> args{cmd};
    if (cmd == "search") {
      args.insert(args.end(), {"--stage", "4"});
    } else {
      args.push_back(kBelowMajority);
    }
    if (cmd == "compare") args.insert(args.end(), {"--stages", "3,4"});
    args.insert(args.end(), {"--knob", "quorum=1"});
    const auto r = cli(args);
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_EQ(r.out, "") << cmd;
    EXPECT_NE(r.err.find("paxos-lab-cli " + cmd + ": --knob: unknown knob 'quorum'; expected one of retransmit_ticks"),
              std::string::npos)
        << r.err;
  }
}

TEST(KnobOption, ABadValueExits2SayingWhatIsValid) {
  auto r = cli({"run", kBelowMajority, "--knob", "quorum_size=6"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("quorum_size: expected an integer from 0 (a majority) to 5 (the servers), got '6'"),
            std::string::npos)
      << r.err;
  r = cli({"search", "--stage", "4", "--servers", "3", "--knob", "quorum_size=4"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("to 3 (the servers), got '4'"), std::string::npos) << r.err;
  r = cli({"run", kBelowMajority, "--knob", "learn_mode"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("expected NAME=VALUE"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace paxoslab::cli
