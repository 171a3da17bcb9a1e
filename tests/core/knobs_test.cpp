// Knobs by name (core/sim/knobs.hpp): what `--knob NAME=VALUE` sets, and every
// bad name or value refused with the valid names or values, config unchanged.
#include <gtest/gtest.h>

#include <string>

#include "core/sim/knobs.hpp"
#include "core/scenario/scenario_loader.hpp"

namespace paxoslab {
namespace {

SimConfig five_servers() {
  SimConfig c;
  c.stage = 4;
  c.servers = 5;
  return c;
}

TEST(Knobs, NamesAreTheScenarioFilesKnobKeys) {
  EXPECT_EQ(knob_names(), (std::vector<std::string>{"retransmit_ticks", "fd_timeout_ticks", "quorum_size", "learn_mode",
                                                    "round_numbering", "client_retry_ticks", "client_mode"}));
  // The loader's [knobs] table takes exactly these keys.
  const ScenarioLoad r =
      load_scenario_string("[scenario]\nname = \"t\"\nstage = 4\nservers = 3\n[knobs]\nquorum = 1\n", "k.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error->message.find("expected one of retransmit_ticks, fd_timeout_ticks, quorum_size"), std::string::npos)
      << r.error->to_string();
}

TEST(Knobs, EachKnobIsSet) {
  SimConfig c = five_servers();
  EXPECT_EQ(apply_knob(c, "retransmit_ticks", "25"), "");
  EXPECT_EQ(apply_knob(c, "fd_timeout_ticks", "90"), "");
  EXPECT_EQ(apply_knob(c, "quorum_size", "1"), "");
  EXPECT_EQ(apply_knob(c, "learn_mode", "leader"), "");
  EXPECT_EQ(apply_knob(c, "round_numbering", "server_id"), "");
  EXPECT_EQ(apply_knob(c, "client_retry_ticks", "0"), "");
  EXPECT_EQ(apply_knob(c, "client_mode", "open-loop"), "");
  EXPECT_EQ(c.knobs.retransmit_ticks, 25);
  EXPECT_EQ(c.knobs.fd_timeout_ticks, 90);
  EXPECT_EQ(c.knobs.quorum_size, 1);
  EXPECT_EQ(c.knobs.learn_mode, LearnMode::ToLeaderThenCommit);
  EXPECT_EQ(c.knobs.round_numbering, RoundNumbering::ServerId);
  EXPECT_EQ(c.knobs.client_retry_ticks, 0);
  EXPECT_EQ(c.knobs.client_mode, ClientMode::OpenLoop);
  EXPECT_EQ(apply_knob(c, "learn_mode", "all"), "");
  EXPECT_EQ(c.knobs.learn_mode, LearnMode::ToAll);
}

TEST(Knobs, AnUnknownNameListsEveryKnob) {
  SimConfig c = five_servers();
  EXPECT_EQ(apply_knob(c, "quorum", "1"),
            "unknown knob 'quorum'; expected one of retransmit_ticks, fd_timeout_ticks, quorum_size, learn_mode, "
            "round_numbering, client_retry_ticks, client_mode");
  EXPECT_EQ(c, five_servers());
}

TEST(Knobs, BadValuesSayWhatIsValidAndChangeNothing) {
  SimConfig c = five_servers();
  EXPECT_EQ(apply_knob(c, "quorum_size", "6"), "quorum_size: expected an integer from 0 (a majority) to 5 (the servers), got '6'");
  EXPECT_EQ(apply_knob(c, "quorum_size", "-1"), "quorum_size: expected an integer from 0 (a majority) to 5 (the servers), got '-1'");
  EXPECT_EQ(apply_knob(c, "retransmit_ticks", "0"), "retransmit_ticks: expected an integer of at least 1, got '0'");
  EXPECT_EQ(apply_knob(c, "retransmit_ticks", "12x"), "retransmit_ticks: expected an integer of at least 1, got '12x'");
  EXPECT_EQ(apply_knob(c, "retransmit_ticks", ""), "retransmit_ticks: expected an integer of at least 1, got ''");
  EXPECT_EQ(apply_knob(c, "fd_timeout_ticks", "99999999999999999999"),
            "fd_timeout_ticks: expected an integer of at least 1, got '99999999999999999999'");
  EXPECT_EQ(apply_knob(c, "learn_mode", "Leader"), "learn_mode: expected one of all | leader, got 'Leader'");
  EXPECT_EQ(apply_knob(c, "client_mode", "open"), "client_mode: expected one of closed-loop | open-loop, got 'open'");
  EXPECT_EQ(c, five_servers());
}

TEST(Knobs, AssignmentsAreNameEqualsValue) {
  SimConfig c = five_servers();
  EXPECT_EQ(apply_knob_assignment(c, "quorum_size=2"), "");
  EXPECT_EQ(c.knobs.quorum_size, 2);
  EXPECT_NE(apply_knob_assignment(c, "quorum_size").find("expected NAME=VALUE"), std::string::npos);
  EXPECT_NE(apply_knob_assignment(c, "=2").find("expected NAME=VALUE"), std::string::npos);
  EXPECT_EQ(apply_knob_assignment(c, "quorum_size = 2"), "unknown knob 'quorum_size '; expected one of retransmit_ticks, "
                                                         "fd_timeout_ticks, quorum_size, learn_mode, round_numbering, "
                                                         "client_retry_ticks, client_mode");
  EXPECT_EQ(c.knobs.quorum_size, 2);
}

TEST(Knobs, HelpListsEveryKnobWithItsValues) {
  const std::string h = knob_help();
  for (const auto& n : knob_names()) EXPECT_NE(h.find(n + " ("), std::string::npos) << n;
  EXPECT_NE(h.find("learn_mode (all | leader)"), std::string::npos) << h;
}

}  // namespace
}  // namespace paxoslab
