// ChartModel: the sequence chart's items derived from a trace.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/scenario/scenario_loader.hpp"
#include "gui/model/chart_model.hpp"
#include "gui/model/session.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

Session run(const char* name) {
  const auto load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(load.ok());
  Session s(SessionSource{load.scenario, load.scenario->config}, *find_stage(load.scenario->config.stage));
  while (s.step() && s.length() < 2000) {
  }
  return s;
}

TEST(ChartModel, LostAcceptEndsInABarAndRepliesCarryTheirState) {
  Session s = run("fig05_leader_crash.toml");
  ChartModel m;
  m.update(s.record(), s.generation());
  bool lost_accept = false;
  bool reply_state = false;
  for (const auto& a : m.arrows()) {
    if (a.kind == MsgKind::Accept && a.end == ChartArrow::End::Lost) lost_accept = true;
    if (a.kind == MsgKind::Reply && a.label == "<m1>") reply_state = true;
    EXPECT_LE(a.sent_tick, a.end_tick);
  }
  EXPECT_TRUE(lost_accept);
  EXPECT_TRUE(reply_state);
  bool crash = false;
  bool violation = false;
  for (const auto& k : m.marks()) {
    crash = crash || k.type == ChartMark::Type::Crash;
    violation = violation || k.type == ChartMark::Type::Violation;
  }
  EXPECT_TRUE(crash);
  EXPECT_TRUE(violation);
  for (std::size_t i = 1; i < m.arrows().size(); ++i) EXPECT_LE(m.arrows()[i - 1].sent_tick, m.arrows()[i].sent_tick);
}

TEST(ChartModel, IncrementalUpdatesEqualOneFullBuildAndRebuildOnANewGeneration) {
  const auto load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig04_retransmission.toml");
  ASSERT_TRUE(load.ok());
  Session s(SessionSource{load.scenario, load.scenario->config}, *find_stage(load.scenario->config.stage));
  ChartModel inc;
  while (s.step() && s.length() < 500) inc.update(s.record(), s.generation());
  ChartModel full;
  full.update(s.record(), s.generation());
  ASSERT_EQ(inc.arrows().size(), full.arrows().size());
  ASSERT_EQ(inc.marks().size(), full.marks().size());
  ASSERT_EQ(inc.timers().size(), full.timers().size());
  for (std::size_t i = 0; i < inc.arrows().size(); ++i) EXPECT_EQ(inc.arrows()[i].end_seq, full.arrows()[i].end_seq);
  s.reset();
  inc.update(s.record(), s.generation());
  EXPECT_LT(inc.arrows().size(), full.arrows().size());
  EXPECT_EQ(inc.first_arrow_at(0), 0u);
}

}  // namespace
TEST(ChartModel, ANoOpIsAMarkOnItsServerNamingTheValueThatDidNotRun) {
  // Fig. 11: slot 2 holds m1 again, which S3 and S1 already executed.
  Session s = run("fig11_repropose.toml");
  ChartModel m;
  m.update(s.record(), s.generation());
  std::vector<std::string> noops;
  for (const auto& k : m.marks())
    if (k.type == ChartMark::Type::NoOp) noops.push_back(to_string(k.node) + " " + k.label);
  EXPECT_EQ(noops, (std::vector<std::string>{"S3 no-op m1", "S3 no-op m1", "S1 no-op m1"}));
  // An ordinary note is no mark.
  for (const auto& k : m.marks()) EXPECT_NE(k.label, "no-op");
}

}  // namespace paxoslab::gui
