// Stage 4's liveness (docs/protocol.md "Liveness"): a false suspicion, a healed
// partition and the phase-1 back-off, each a scenario file in
// tests/scenarios/liveness/ that would end stuck, slow or with ever higher rounds
// without the failure detector's heartbeats, the Nack and the back-off
// (stages/stage4_leader_change/server.hpp) and meets its [expect] now.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

struct Outcome {
  Simulation sim;
  std::vector<std::string> mismatches;
};

Outcome run_file(const std::string& name) {
  const std::string path = std::string(PAXOSLAB_SOURCE_DIR) + "/tests/scenarios/liveness/" + name;
  const ScenarioLoad l = load_scenario_file(path);
  if (!l.ok()) {
    ADD_FAILURE() << l.error->to_string();
    return Outcome{Simulation(SimConfig{}, *find_stage(0)), {"load error"}};
  }
  Simulation sim = start_scenario(*l.scenario, *find_stage(l.scenario->config.stage));
  run_to_end(sim, *l.scenario);
  std::vector<std::string> m = check_expectation(l.scenario->expect, sim);
  return Outcome{std::move(sim), std::move(m)};
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// Finding 1: lost messages plus one false suspicion (S1 suspects S3) left S3
// lacking m1 in a live, connected cluster; S3's heartbeat now ends it.
TEST(Stage4Liveness, FalseSuspicionOfAFollowerEndsAndItIsCaughtUp) {
  const Outcome r = run_file("false_suspicion_follower_lacks_m1.toml");
  EXPECT_TRUE(r.mismatches.empty()) << joined(r.mismatches);
  EXPECT_TRUE(r.sim.liveness().quiescent);
  EXPECT_FALSE(r.sim.suspects(ServerId{1}, ServerId{3}));
  bool heartbeat = false;
  for (const auto& e : r.sim.trace().events())
    if (e.kind == TraceKind::Send && e.msg_kind == MsgKind::Heartbeat && e.who == NodeId::of(ServerId{3})) heartbeat = true;
  EXPECT_TRUE(heartbeat) << "S3's heartbeat should end S1's false suspicion";
}

// Finding 1: two lost client copies plus one false suspicion left every
// server without m1 (forwarding gave up after three tries).
TEST(Stage4Liveness, RequestThatReachedOnlyAFollowerIsOrdered) {
  const Outcome r = run_file("false_suspicion_forwarded_request.toml");
  EXPECT_TRUE(r.mismatches.empty()) << joined(r.mismatches);
  EXPECT_TRUE(r.sim.liveness().quiescent);
}

// Finding 2: a 6,000-tick minority partition heals and the run is quiet
// within 50 retransmission periods (max_ticks = heal + 50 * 40).
TEST(Stage4Liveness, MinorityPartitionHealsAndFallsQuietWithin50Periods) {
  for (const char* file : {"minority_partition_heals.toml", "minority_partition_leader_heals.toml"}) {
    const Outcome r = run_file(file);
    EXPECT_TRUE(r.mismatches.empty()) << file << "\n" << joined(r.mismatches);
    EXPECT_TRUE(r.sim.liveness().quiescent) << file << ": not quiet by t=8000 (heal at 6000 + 50 periods of 40)";
  }
}

// Finding 5: two servers, one crashed - rounds do not climb and the waits
// between phase-1 retries grow.
TEST(Stage4Liveness, PhaseOneRetriesBackOffWithoutAMajority) {
  const Outcome r = run_file("two_servers_one_crashed_backoff.toml");
  EXPECT_TRUE(r.mismatches.empty()) << joined(r.mismatches);
  std::vector<Tick> prepares;
  std::int64_t max_rnd = 0;
  for (const auto& e : r.sim.trace().events()) {
    if (e.kind != TraceKind::Send || e.msg_kind != MsgKind::Prepare || e.who != NodeId::of(ServerId{2})) continue;
    prepares.push_back(e.tick);
    if (const Envelope* env = r.sim.trace().message(e.message)) max_rnd = std::max(max_rnd, env->payload.rnd);
  }
  ASSERT_GE(prepares.size(), 4u);
  EXPECT_LE(prepares.size(), 10u) << "retries should back off, not come every few periods";
  EXPECT_EQ(max_rnd, 2) << "no round above S2's first: nobody refused it, nobody answered";
  for (std::size_t i = 2; i < prepares.size(); ++i)
    EXPECT_GT(prepares[i] - prepares[i - 1], prepares[i - 1] - prepares[i - 2]) << "retry " << i;
  EXPECT_GE(prepares.back() - prepares[prepares.size() - 2], 8 * 40);
}

}  // namespace
}  // namespace paxoslab
