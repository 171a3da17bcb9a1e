// Every fault expressible in a scenario file: a fault step
// names a message by its id (`message = 7`) or by the n-th match of its
// pattern (`nth = 2`), `[scenario] format`, and what the simulation does
// with them. The scenario files under tests/scenarios/fault_*.toml show each
// form's effect end to end (tests/stages/regression_scenarios_test.cpp runs them).
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

/// [scenario] on line 1 (keys on lines 2-6), then a request at line 7.
const std::string kHeader =
    "[scenario]\n"            // 1
    "name = \"t\"\n"          // 2
    "stage = 0\n"             // 3
    "servers = 2\n"           // 4
    "clients = 2\n"           // 5
    "\n"                      // 6
    "[[step]]\n"              // 7
    "at = 0\n"                // 8
    "do = \"request\"\n"      // 9
    "client = \"C1\"\n"       // 10
    "request = \"m1\"\n\n";   // 11, 12

/// Appends one step at line 13 (`at = 0` on 14, `do` on 15, then `keys`).
std::string with_step(const std::string& action, const std::string& keys) {
  return kHeader + "[[step]]\nat = 0\ndo = \"" + action + "\"\n" + keys;  // keys from line 16
}

LoadError error_of(const std::string& text) {
  const ScenarioLoad r = load_scenario_string(text, "bad.toml");
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << text;
  return r.error.value_or(LoadError{});
}

Scenario load_ok(const std::string& text) {
  const ScenarioLoad r = load_scenario_string(text, "good.toml");
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->to_string() : std::string());
  return r.scenario.value_or(Scenario{});
}

#define EXPECT_ERROR(text, line_no, fragment)                                   \
  do {                                                                          \
    const LoadError e_ = error_of(text);                                        \
    EXPECT_EQ(e_.file, "bad.toml");                                             \
    EXPECT_EQ(e_.line, line_no) << e_.to_string();                              \
    EXPECT_NE(e_.message.find(fragment), std::string::npos) << e_.to_string(); \
  } while (0)

// ---- message = N -------------------------------------------------------------

TEST(ScenarioFaultForms, MessageIdNamesOneMessage) {
  const Scenario s = load_ok(with_step("lose", "message = 7\n"));
  ASSERT_EQ(s.script.size(), 2u);
  const auto& a = std::get<LoseAction>(s.script[1].action);
  EXPECT_EQ(a.id, MessageId{7});
  EXPECT_EQ(a.pattern, MessagePattern{});
  EXPECT_EQ(describe(s.script[1].action), "lose #7");
}

TEST(ScenarioFaultForms, MessageIdMayBeWrittenAsTheTraceWritesIt) {
  const Scenario s = load_ok(with_step("duplicate", "message = \"#12\"\n"));
  EXPECT_EQ(std::get<DuplicateAction>(s.script[1].action).id, MessageId{12});
  const Scenario d = load_ok(with_step("delay", "message = 3\nticks = 5\n"));
  EXPECT_EQ(std::get<DelayAction>(d.script[1].action).id, MessageId{3});
  EXPECT_EQ(std::get<DelayAction>(d.script[1].action).ticks, 5);
  const Scenario n = load_ok(with_step("deliver", "message = 4\n"));
  EXPECT_EQ(std::get<DeliverNowAction>(n.script[1].action).id, MessageId{4});
}

TEST(ScenarioFaultForms, BadMessageIdsAreErrorsAtTheirLine) {
  EXPECT_ERROR(with_step("lose", "message = 0\n"), 16, "expected an integer at least 1 for 'message'");
  EXPECT_ERROR(with_step("lose", "message = -3\n"), 16, "got -3");
  EXPECT_ERROR(with_step("lose", "message = \"7\"\n"), 16, "expected a message id of at least 1");
  EXPECT_ERROR(with_step("lose", "message = \"#0\"\n"), 16, "\"#7\" as the trace writes it");
  EXPECT_ERROR(with_step("lose", "message = \"#x\"\n"), 16, "got \"#x\"");
  EXPECT_ERROR(with_step("lose", "message = 1.5\n"), 16, "got a floating-point");
}

TEST(ScenarioFaultForms, MessageIdExcludesAPattern) {
  EXPECT_ERROR(with_step("lose", "message = 7\nkind = \"Accept\"\n"), 17, "either 'message'");
  EXPECT_ERROR(with_step("duplicate", "nth = 2\nmessage = 7\n"), 16, "not both");
}

TEST(ScenarioFaultForms, MessageIsNotAKeyOfStandingRules) {
  EXPECT_ERROR(with_step("lose-next", "message = 7\n"), 16, "unknown key 'message'");
}

// ---- nth = N -----------------------------------------------------------------

TEST(ScenarioFaultForms, NthPicksTheNthMatch) {
  const Scenario s = load_ok(with_step("lose", "kind = \"Request\"\nto = \"S2\"\nnth = 2\n"));
  const auto& a = std::get<LoseAction>(s.script[1].action);
  EXPECT_FALSE(a.id.valid());
  EXPECT_EQ(a.nth, 2);
  EXPECT_EQ(a.pattern.kind, std::optional<MsgKind>(MsgKind::Request));
  EXPECT_EQ(describe(s.script[1].action), "lose the 2nd Request to S2");
  const Scenario d = load_ok(with_step("delay", "nth = 3\nticks = 4\n"));
  EXPECT_EQ(std::get<DelayAction>(d.script[1].action).nth, 3);
  EXPECT_EQ(describe(d.script[1].action), "delay the 3rd message by 4 ticks");
}

TEST(ScenarioFaultForms, NthDefaultsToOne) {
  const Scenario s = load_ok(with_step("deliver", "kind = \"Request\"\n"));
  EXPECT_EQ(std::get<DeliverNowAction>(s.script[1].action).nth, 1);
  EXPECT_EQ(describe(s.script[1].action), "deliver now Request");
}

TEST(ScenarioFaultForms, NthZeroOrNotAnIntegerIsAnError) {
  EXPECT_ERROR(with_step("lose", "kind = \"Request\"\nnth = 0\n"), 17, "expected an integer at least 1 for 'nth'");
  EXPECT_ERROR(with_step("duplicate", "nth = \"2\"\n"), 16, "got a string");
}

// ---- the simulation's side -----------------------------------------------------

/// Stage 0, two servers: C1 sends m1 (#1 to S1, #2 to S2), C2 sends m2 (#3, #4).
Simulation two_requests_in_flight() {
  SimConfig c;
  c.stage = 0;
  c.servers = 2;
  c.clients = 2;
  Simulation sim(c, *find_stage(0));
  EXPECT_EQ(sim.apply(ClientRequestAction{ClientId{1}, RequestId{1}}), "");
  EXPECT_EQ(sim.apply(ClientRequestAction{ClientId{2}, RequestId{2}}), "");
  return sim;
}

TEST(ScenarioFaultForms, NthSelectsInSendingOrder) {
  Simulation sim = two_requests_in_flight();
  MessagePattern to_s2;
  to_s2.to = parse_node("S2");
  EXPECT_EQ(sim.apply(LoseAction{{}, to_s2, 2}), "");
  EXPECT_EQ(sim.network().find(MessageId{4}), nullptr);  // m2 to S2, the 2nd to S2
  EXPECT_NE(sim.network().find(MessageId{2}), nullptr);
}

TEST(ScenarioFaultForms, ADuplicateComesAfterItsOriginal) {
  Simulation sim = two_requests_in_flight();
  MessagePattern m1_to_s2;
  m1_to_s2.to = parse_node("S2");
  m1_to_s2.request = RequestId{1};
  EXPECT_EQ(sim.apply(DuplicateAction{{}, m1_to_s2}), "");
  const auto* copy = sim.network().find(MessageId{5});
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->envelope.duplicate_of, MessageId{2});
  EXPECT_EQ(sim.apply(LoseAction{{}, m1_to_s2, 2}), "");  // the copy
  EXPECT_EQ(sim.network().find(MessageId{5}), nullptr);
  EXPECT_NE(sim.network().find(MessageId{2}), nullptr);
}

TEST(ScenarioFaultForms, NthBeyondTheMatchesIsANoteNotAnError) {
  Simulation sim = two_requests_in_flight();
  MessagePattern to_s2;
  to_s2.to = parse_node("S2");
  const std::string why = sim.apply(DeliverNowAction{{}, to_s2, 3});
  EXPECT_EQ(why, "only 2 messages in flight match message to S2, not 3 (nth = 3)");
  EXPECT_NE(sim.network().find(MessageId{2}), nullptr);
  EXPECT_NE(sim.network().find(MessageId{4}), nullptr);
}

// ---- [scenario] format -----------------------------------------------------------

const std::string kFormat2 =
    "[scenario]\n"         // 1
    "name = \"t\"\n"       // 2
    "format = 2\n"         // 3
    "stage = 0\n"          // 4
    "servers = 1\n"        // 5
    "new_key = true\n";    // 6: a key a newer format might have

TEST(ScenarioFaultForms, FormatOneAndNoFormatAreRead) {
  EXPECT_EQ(kScenarioFormat, 1);
  load_ok("[scenario]\nname = \"t\"\nformat = 1\nstage = 0\nservers = 1\n");
  load_ok("[scenario]\nname = \"t\"\nstage = 0\nservers = 1\n");
}

TEST(ScenarioFaultForms, AHigherFormatIsRefusedNamingTheFormatThisBuildReads) {
  EXPECT_ERROR(kFormat2, 3, "this file has scenario format 2 but this build of Paxos Lab reads format 1 only");
  EXPECT_EQ(error_of(kFormat2).column, 10);
}

TEST(ScenarioFaultForms, ABadFormatIsAnError) {
  EXPECT_ERROR("[scenario]\nname = \"t\"\nformat = 0\nstage = 0\nservers = 1\n", 3,
               "expected the scenario format as an integer from 1 to 1");
  EXPECT_ERROR("[scenario]\nname = \"t\"\nformat = \"1\"\nstage = 0\nservers = 1\n", 3, "got a string");
}

}  // namespace
}  // namespace paxoslab
