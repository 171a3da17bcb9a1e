// The "Which rule matters?" panel's model (gui/model/rules_panel.hpp): the
// rows of Stage 4's rules, the switches, the variant's bounds, the banner,
// and what a finished search of a variant is reported as.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/sim/variant.hpp"
#include "gui/model/rules_panel.hpp"
#include "stages/registry.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab::gui {
namespace {

StageInfo stage(int n) {
  auto s = find_stage(n);
  EXPECT_TRUE(s.has_value());
  return s ? *s : StageInfo{};
}

const RuleRow* row(const std::vector<RuleRow>& rows, const std::string& id) {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const RuleRow& r) { return r.id == id; });
  return it == rows.end() ? nullptr : &*it;
}

TEST(RulesPanelModel, Stage4RowsMarkTheSevenSwitchableRules) {
  const StageInfo s4 = stage(4);
  const std::vector<RuleRow> rows = rule_rows(s4);
  ASSERT_EQ(rows.size(), s4.rules.size());
  const auto switchable = static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const RuleRow& r) { return r.switchable; }));
  EXPECT_EQ(switchable, switchable_rules(s4).size());
  EXPECT_EQ(switchable, 7u);

  const RuleRow* dp = row(rows, "durable-promise");
  ASSERT_NE(dp, nullptr);
  EXPECT_TRUE(dp->switchable);
  EXPECT_EQ(dp->sentence, find_rule(s4, "durable-promise")->sentence);
  EXPECT_EQ(dp->tooltip, "Without it: " + find_rule(s4, "durable-promise")->without);

  const RuleRow* takeover = row(rows, "takeover-on-suspicion");
  ASSERT_NE(takeover, nullptr);
  EXPECT_FALSE(takeover->switchable);
  EXPECT_NE(takeover->tooltip.find("Cannot be switched off"), std::string::npos) << takeover->tooltip;
  EXPECT_NE(takeover->tooltip.find("comes from Stage 2"), std::string::npos) << takeover->tooltip;
  for (const RuleRow& r : rows) EXPECT_FALSE(r.tooltip.empty()) << r.id;
}

TEST(RulesPanelModel, SwitchesAreSortedAndBelongToOneStage) {
  RuleSwitches sw;
  EXPECT_TRUE(sw.sync_stage(4, {}));
  EXPECT_FALSE(sw.sync_stage(4, {"durable-promise"}));  // same stage: kept as they are
  EXPECT_TRUE(sw.without().empty());
  sw.set_off("durable-promise", true);
  sw.set_off("adopt-highest-vrnd", true);
  sw.set_off("durable-promise", true);  // twice is still once
  EXPECT_EQ(sw.without(), (std::vector<std::string>{"adopt-highest-vrnd", "durable-promise"}));
  EXPECT_TRUE(sw.off("durable-promise"));
  sw.set_off("durable-promise", false);
  EXPECT_FALSE(sw.off("durable-promise"));
  EXPECT_EQ(sw.without(), std::vector<std::string>{"adopt-highest-vrnd"});
  // Another stage starts from that run's own rules off.
  EXPECT_TRUE(sw.sync_stage(3, {}));
  EXPECT_TRUE(sw.without().empty());
  EXPECT_TRUE(sw.sync_stage(4, {"durable-promise"}));
  EXPECT_EQ(sw.without(), std::vector<std::string>{"durable-promise"});
}

TEST(RulesPanelModel, VariantBoundsAreTheStagesWithTheRulesOff) {
  const SearchBounds b = variant_bounds(4, {"durable-promise", "adopt-highest-vrnd"});
  EXPECT_EQ(b.knobs.without, (std::vector<std::string>{"adopt-highest-vrnd", "durable-promise"}));
  EXPECT_EQ(validate(b), "");
  EXPECT_EQ(b.servers, default_bounds(4).servers);
  EXPECT_TRUE(variant_bounds(2, {}).knobs.without.empty());
}

TEST(RulesPanelModel, BannerNamesTheRulesAndWhatTheStageDoesWithoutThem) {
  const StageInfo s4 = stage(4);
  EXPECT_EQ(variant_banner(s4, {}), "");
  EXPECT_EQ(variant_banner(s4, {"durable-promise"}),
            "Without durable-promise: A restarted server has forgotten its promised round: it starts again from rnd 0 "
            "and promises any round; here is how it breaks.");
  const std::string two = variant_banner(s4, {"adopt-highest-vrnd", "durable-promise"});
  EXPECT_EQ(two.rfind("Without adopt-highest-vrnd and durable-promise: The new leader ignores the values", 0), 0u) << two;
  EXPECT_NE(two.find("; A restarted server has forgotten its promised round"), std::string::npos) << two;
  EXPECT_EQ(two.find("survives a crash"), std::string::npos) << two;  // the rule's own sentence is not the banner
  EXPECT_EQ(rule_list({"a", "b", "c"}), "a, b and c");
}

BreakFinding none_finding(bool complete, bool state_bound) {
  BreakFinding f;
  f.stage = 4;
  f.bounds = variant_bounds(4, {"durable-promise"});
  f.result.result = SearchResult::Outcome::None;
  f.result.complete = complete;
  f.result.state_bound_hit = state_bound;
  f.result.states_explored = 1234567;
  f.result.unique_states = 1000;
  f.result.depth = 40;
  return f;
}

TEST(RulesPanelModel, NoBreakSaysWhatWasSearchedAndWhetherItWasComplete) {
  const StageInfo s4 = stage(4);
  const VariantOutcome done = describe_variant_finding(none_finding(true, false), s4);
  EXPECT_EQ(done.kind, VariantOutcome::Kind::NoBreak);
  EXPECT_EQ(done.headline, "No break of Stage 4 without durable-promise within these bounds");
  const BreakFinding f = none_finding(true, false);
  EXPECT_NE(done.details.find("Searched " + bounds_summary(f.bounds)), std::string::npos) << done.details;
  for (const std::string& words : {std::string("servers"), std::string("clients"), std::string("requests"),
                                   "schedules of up to " + format_count(static_cast<std::uint64_t>(f.bounds.max_depth)),
                                   std::string("1\u00A0234\u00A0567 states explored"),
                                   std::string("Complete: every reachable state")})
    EXPECT_NE(done.details.find(words), std::string::npos) << words << " in: " << done.details;

  BreakFinding no_restarts = none_finding(true, false);
  no_restarts.bounds.max_restarts = 0;
  EXPECT_NE(describe_variant_finding(no_restarts, s4).details.find("No server restarted in this search"), std::string::npos);
  BreakFinding with_restart = no_restarts;
  with_restart.bounds.max_restarts = 1;
  EXPECT_EQ(describe_variant_finding(with_restart, s4).details.find("No server restarted"), std::string::npos);

  const VariantOutcome cut = describe_variant_finding(none_finding(false, true), s4);
  EXPECT_EQ(cut.kind, VariantOutcome::Kind::NoBreak);
  EXPECT_NE(cut.details.find("Not complete: the search stopped at its bound"), std::string::npos) << cut.details;

  BreakFinding canceled = none_finding(false, false);
  canceled.result.canceled = true;
  EXPECT_EQ(describe_variant_finding(canceled, s4).kind, VariantOutcome::Kind::Canceled);
}

TEST(RulesPanelModel, AFoundRunWhoseReplayWasNotVerifiedIsNotShown) {
  BreakFinding f = none_finding(false, false);
  f.result.result = SearchResult::Outcome::Violation;
  f.error = "the counterexample replays to 'none', not 'violation'";
  const VariantOutcome o = describe_variant_finding(f, stage(4));
  EXPECT_EQ(o.kind, VariantOutcome::Kind::Failed);
  EXPECT_NE(o.details.find("replay was not verified"), std::string::npos) << o.details;
}

TEST(RulesPanelModel, SearchingAVariantFindsAVerifiedBreakOfThatVariant) {
  if (!testing::long_tests_enabled())
    GTEST_SKIP() << "several searches or a long sweep (minutes under the sanitizers): runs in the dev and ci presets";

  BreakFinder finder;
  ASSERT_EQ(finder.start(4, variant_bounds(4, {"adopt-highest-vrnd"})), "");
  finder.wait();
  const std::optional<BreakFinding> f = finder.take();
  ASSERT_TRUE(f.has_value());
  ASSERT_TRUE(f->has_counterexample()) << f->error << " / " << f->result.explanation;
  EXPECT_EQ(f->scenario->config.knobs.without, std::vector<std::string>{"adopt-highest-vrnd"});
  const VariantOutcome o = describe_variant_finding(*f, stage(4));
  EXPECT_EQ(o.kind, VariantOutcome::Kind::Break);
  EXPECT_EQ(o.headline.rfind("Stage 4 without adopt-highest-vrnd breaks in ", 0), 0u) << o.headline;
  EXPECT_GT(f->break_step, 0u);
}

}  // namespace
}  // namespace paxoslab::gui
