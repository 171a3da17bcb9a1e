// Stage 0 answers a repeated request (a closed-loop client's retry) with its
// state instead of ignoring it, so a run whose reply was lost falls quiet
// (docs/protocol.md, Stage 0; tests/scenarios/stage0_closed_loop_lost_reply.toml).
#include <gtest/gtest.h>

#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

TEST(Stage0Retry, LostReplyIsAnsweredAgainAndTheRunFallsQuiet) {
  const std::string path = std::string(PAXOSLAB_SOURCE_DIR) + "/tests/scenarios/stage0_closed_loop_lost_reply.toml";
  const ScenarioLoad l = load_scenario_file(path);
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  Simulation sim = start_scenario(*l.scenario, *find_stage(0));
  run_to_end(sim, *l.scenario);
  EXPECT_TRUE(check_expectation(l.scenario->expect, sim).empty());
  EXPECT_TRUE(sim.liveness().quiescent) << sim.liveness().explanation;
  int m1_requests = 0;
  int m1_replies = 0;
  for (const auto& e : sim.trace().events()) {
    if (e.request != RequestId{1}) continue;
    if (e.kind == TraceKind::ClientRequest) ++m1_requests;
    if (e.kind == TraceKind::Send && e.msg_kind == MsgKind::Reply) ++m1_replies;
  }
  EXPECT_EQ(m1_requests, 2) << "sent once, resent once after the lost reply";
  EXPECT_EQ(m1_replies, 2) << "S1 replies to the first copy and again to the retry";
  EXPECT_TRUE(sim.checker().safe());
}

}  // namespace
}  // namespace paxoslab
