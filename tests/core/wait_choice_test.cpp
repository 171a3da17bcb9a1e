// The "wait" choice of an explicit schedule (Simulation::wait_until,
// [[choose]] event = "wait"): time passes with nothing happening, so that a
// fault after it happens at that tick; refused when it would skip an event.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/sim/schedule.hpp"
#include "core/search/scenario_writer.hpp"
#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

Simulation stage4_with_a_request() {
  SimConfig c;
  c.stage = 4;
  c.servers = 3;
  c.clients = 1;
  c.link.delay_ticks_min = c.link.delay_ticks_max = 10;
  Simulation sim(c, *find_stage(4));
  sim.apply(ClientRequestAction{ClientId{1}, RequestId{1}});  // due at the servers at t=10
  return sim;
}

TEST(WaitChoice, TimePassesWithNothingHappening) {
  Simulation sim = stage4_with_a_request();
  const auto pending = sim.pending().size();
  const auto hash = sim.state_hash();
  EXPECT_EQ(sim.wait_until(10), "");
  EXPECT_EQ(sim.now(), 10);
  EXPECT_EQ(sim.pending().size(), pending);
  EXPECT_EQ(sim.state_hash(), hash) << "only the clock moved";
  // A crash now happens at t=10: its trace event says so.
  sim.apply(CrashAction{ServerId{3}});
  const auto& events = sim.trace().events();
  const auto crash = std::find_if(events.rbegin(), events.rend(), [](const TraceEvent& e) { return e.kind == TraceKind::Crash; });
  ASSERT_NE(crash, events.rend());
  EXPECT_EQ(crash->tick, 10);
}

TEST(WaitChoice, RefusesToSkipAnEventOrGoBack) {
  Simulation sim = stage4_with_a_request();
  const std::string skip = sim.wait_until(11);
  EXPECT_NE(skip.find("due at t=10"), std::string::npos) << skip;
  EXPECT_EQ(sim.now(), 0);
  ASSERT_EQ(sim.wait_until(5), "");
  const std::string back = sim.wait_until(4);
  EXPECT_NE(back.find("cannot go back"), std::string::npos) << back;
  EXPECT_EQ(sim.now(), 5);
}

TEST(WaitChoice, IsWrittenAndReadAsAChooseTable) {
  ScheduleChoice w;
  w.type = ScheduleChoice::Type::Wait;
  w.until = 40;
  EXPECT_EQ(describe(w), "let time pass to t=40");
  const std::string text = "[scenario]\nname = \"w\"\nstage = 4\nservers = 3\nclients = 1\n\n[[choose]]\n" +
                           choose_table(w);
  const ScenarioLoad r = load_scenario_string(text, "wait.toml");
  ASSERT_TRUE(r.ok()) << (r.error ? r.error->to_string() : std::string());
  ASSERT_EQ(r.scenario->schedule.size(), 1u);
  EXPECT_EQ(r.scenario->schedule[0].type, ScheduleChoice::Type::Wait);
  EXPECT_EQ(r.scenario->schedule[0].until, 40);
}

TEST(WaitChoice, BadTablesNameTheLineAndWhatWasExpected) {
  const std::string head = "[scenario]\nname = \"w\"\nstage = 4\nservers = 3\nclients = 1\n\n";
  const ScenarioLoad missing = load_scenario_string(head + "[[choose]]\nevent = \"wait\"\n", "bad.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error->line, 7) << missing.error->to_string();
  EXPECT_NE(missing.error->message.find("until"), std::string::npos) << missing.error->to_string();
  const ScenarioLoad extra =
      load_scenario_string(head + "[[choose]]\nevent = \"wait\"\nuntil = 3\nkind = \"Accept\"\n", "bad.toml");
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.error->message.find("kind"), std::string::npos) << extra.error->to_string();
  const ScenarioLoad negative = load_scenario_string(head + "[[choose]]\nevent = \"wait\"\nuntil = -1\n", "bad.toml");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error->line, 9) << negative.error->to_string();
}

}  // namespace
}  // namespace paxoslab
