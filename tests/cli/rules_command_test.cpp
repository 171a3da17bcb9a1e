// `paxos-lab-cli rules` and `stages --rules` (stages/rules.cpp): every stage
// lists its rules with stable ids; Stage N holds Stage N-1's rules plus its
// own (Stages 1-3; Stage 1's leader order replaces Stage 0's arrival order),
// and Stage 4 names its rules (durable promise, adopt the highest vrnd, ...).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "stages/registry.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab::cli {
namespace {

testing::CliResult cli(std::vector<std::string> args) {
  return testing::run_cli(std::move(args), {add_rules_command, add_stages_command});
}

TEST(RulesCommand, Stage4JsonListsItsRules) {
  const auto r = cli({"rules", "--stage", "4", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("stage"), 4);
  std::set<std::string> ids;
  for (const auto& rule : j.at("rules")) {
    ids.insert(rule.at("id").get<std::string>());
    EXPECT_FALSE(rule.at("sentence").get<std::string>().empty());
    EXPECT_EQ(rule.at("figure").get<std::string>().rfind("Fig. ", 0), 0u);
  }
  for (const char* id : {"durable-promise", "durable-accepted-value", "adopt-highest-vrnd", "majority-quorum-for-promises",
                         "majority-quorum-for-learns", "ignore-lower-rounds", "rounds-unique-per-server"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(RulesCommand, EachStageIsThePreviousOnePlusItsOwnRules) {
  for (int n = 2; n <= 3; ++n) {
    const auto prev = find_stage(n - 1)->rules;
    const auto mine = find_stage(n)->rules;
    ASSERT_GT(mine.size(), prev.size()) << "stage " << n;
    for (std::size_t i = 0; i < prev.size(); ++i) EXPECT_EQ(mine[i].id, prev[i].id) << "stage " << n;
    for (std::size_t i = prev.size(); i < mine.size(); ++i) EXPECT_EQ(mine[i].since_stage, n) << mine[i].id;
  }
  const auto s1 = find_stage(1)->rules;
  EXPECT_TRUE(std::none_of(s1.begin(), s1.end(), [](const StageRule& r) { return r.id == "execute-in-arrival-order"; }));
  std::set<std::string> ids;
  for (const StageInfo& s : all_stages())
    for (const StageRule& r : s.rules) {
      if (r.since_stage == s.number) {
        EXPECT_TRUE(ids.insert(r.id).second) << "duplicate id " << r.id;
      }
    }
}

TEST(RulesCommand, TextAndStagesRules) {
  const auto r = cli({"rules"});
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Stage 3 - WaitForLearn"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("execute-after-majority-learned  (new)"), std::string::npos) << r.out;
  const auto s = cli({"stages", "--rules"});
  ASSERT_EQ(s.code, 0);
  EXPECT_NE(s.out.find("durable-promise"), std::string::npos);
  EXPECT_EQ(cli({"rules", "--stage", "9"}).code, 2);
}

}  // namespace
}  // namespace paxoslab::cli
