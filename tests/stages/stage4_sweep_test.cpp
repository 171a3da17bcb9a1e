// Stage 4 random-fault sweep (core/sweep/sweep.hpp, the same runs as
// `paxos-lab-cli sweep`): 3 and 5 servers, 2 clients, a few requests; random
// delays (reordering), losses, duplicates, crashes and restarts (at most a
// minority down at once), partitions, cut links, standing loss rules and
// transient false suspicions, all chosen from the seed. The checker checks
// the invariants after every step. Then the faults stop - loss 0, rules
// removed, links mended, partition healed, crashed servers restarted; nothing
// ends a suspicion but the failure detector's own heartbeats - and every run
// must have no violation, every live server must execute every request and
// the run must fall quiet (no message in flight, no timer armed).
//
// With crash_any (`sweep --crash-any`) any number of servers may be down at
// once, all of them included: safety does not depend on how many crash,
// because promised, accepted and the decided log are durable (docs/
// protocol.md, Stage 4, "What survives a crash"); once every server is back
// the run must still finish.
//
// Size: PAXOSLAB_SWEEP_SEEDS seeds per cluster size (default 300, so 600 runs
// in all); the sanitizer preset of CI sets fewer. A big sweep runs outside CI:
// `paxos-lab-cli sweep --stage 4 --seeds 20000`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/sim/simulation.hpp"
#include "core/sweep/sweep.hpp"
#include "stages/registry.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

int sweep_seeds() { return testing::sweep_seeds(300); }

std::string trace_tail(const Simulation& sim, std::size_t lines) {
  const auto& ev = sim.trace().events();
  std::string out;
  for (std::size_t i = ev.size() > lines ? ev.size() - lines : 0; i < ev.size(); ++i) {
    const Envelope* env = ev[i].message.valid() ? sim.trace().message(ev[i].message) : nullptr;
    out += to_text(ev[i], env ? describe(env->payload) : std::string()) + "\n";
  }
  return out;
}

SweepOptions options(int servers, int quorum_size = 0, bool crash_any = false) {
  SweepOptions o;
  o.servers = servers;
  o.quorum_size = quorum_size;
  o.crash_any = crash_any;
  o.seeds = sweep_seeds();
  return o;
}

void sweep(int servers, bool crash_any = false) {
  const SweepOptions opt = options(servers, 0, crash_any);
  int failures = 0;
  const SweepTotals t = sweep(opt, *find_stage(4), [&](const SweepRun& r) {
    if (r.passed()) return true;
    if (++failures > 1) return true;  // show the first failure in full
    Simulation sim(sweep_config(4, r.seed, servers), *find_stage(4), true);
    sweep_run(opt, *find_stage(4), r.seed, true, &sim);
    ADD_FAILURE() << "Stage 4, " << servers << " servers" << (crash_any ? ", any crash" : "") << ", seed " << r.seed
                  << ": " << r.failure
                  << "\n--- trace tail ---\n"
                  << trace_tail(sim, 80);
    return true;
  });
  EXPECT_EQ(t.runs, opt.seeds);
  EXPECT_EQ(t.safety_violations, 0);
  EXPECT_EQ(t.client_order_violations, 0);
  EXPECT_EQ(t.not_executed, 0);
  EXPECT_EQ(t.not_quiet, 0);
  EXPECT_EQ(t.passed, t.runs) << t.failed_seeds.size() << " seeds failed";
  EXPECT_GT(t.faults, static_cast<long long>(t.runs)) << "the sweep should inject faults";
}

TEST(Stage4Sweep, ThreeServersStaySafeAndCatchUp) { sweep(3); }

TEST(Stage4Sweep, FiveServersStaySafeAndCatchUp) { sweep(5); }

TEST(Stage4Sweep, AnyNumberOfCrashesThreeServers) { sweep(3, true); }

TEST(Stage4Sweep, AnyNumberOfCrashesFiveServers) { sweep(5, true); }

// The crash-any sweep can fail: a quorum of 1 (far below a majority) breaks safety.
TEST(Stage4Sweep, AnyCrashQuorumOfOneIsCaught) {
  SweepOptions opt = options(5, 1, true);
  opt.seeds = 300;
  int violations = 0;
  sweep(opt, *find_stage(4), [&](const SweepRun& r) {
    violations += r.safety_violations;
    return violations == 0;
  });
  EXPECT_GT(violations, 0) << "quorum 1 of 5 should let the crash-any sweep find a violation";
}

// The sweep can fail: with a quorum below a majority (the knob of docs/protocol.md)
// the same faults break safety (Fig. 12a-style) within a few hundred seeds.
TEST(Stage4Sweep, QuorumBelowMajorityIsCaught) {
  SweepOptions opt = options(5, 2);
  opt.seeds = 400;
  int violations = 0;
  sweep(opt, *find_stage(4), [&](const SweepRun& r) {
    violations += r.safety_violations;
    return violations == 0;
  });
  EXPECT_GT(violations, 0) << "quorum 2 of 5 should let the sweep find a divergence";
}

// The faults really happen: over a handful of seeds the runs see crashes,
// restarts, suspicions that end by themselves, heartbeats, leader changes,
// phase 1 in higher rounds, drops and duplicates (a sweep that injects
// nothing would pass vacuously).
TEST(Stage4Sweep, FaultsActuallyHappen) {
  std::map<TraceKind, int> seen;
  int prepares = 0, heartbeats = 0;
  const SweepOptions opt = options(3);
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Simulation sim(sweep_config(4, seed, 3), *find_stage(4), true);
    ASSERT_EQ(sweep_run(opt, *find_stage(4), seed, true, &sim).failure, "") << "seed " << seed;
    for (const auto& e : sim.trace().events()) {
      ++seen[e.kind];
      if (e.kind == TraceKind::Send && e.msg_kind == MsgKind::Prepare) ++prepares;
      if (e.kind == TraceKind::Send && e.msg_kind == MsgKind::Heartbeat) ++heartbeats;
    }
  }
  for (TraceKind k : {TraceKind::Crash, TraceKind::Restart, TraceKind::Suspect, TraceKind::Unsuspect,
                      TraceKind::LeaderChange, TraceKind::Drop, TraceKind::Duplicate, TraceKind::Partition,
                      TraceKind::Execute})
    EXPECT_GT(seen[k], 0) << to_string(k);
  EXPECT_GT(prepares, 0);
  EXPECT_GT(heartbeats, 0);
}

// The sweep ends no suspicion itself: a run whose only fault is a kept
// suspicion (a standing rule) would never see it end - the sweep uses
// transient ones, which the failure detector ends.
TEST(Stage4Sweep, SuspicionsEndByThemselves) {
  const SweepOptions opt = options(3);
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Simulation sim(sweep_config(4, seed, 3), *find_stage(4), false);
    sweep_run(opt, *find_stage(4), seed, false, &sim);
    for (int o = 1; o <= 3; ++o)
      for (int p = 1; p <= 3; ++p)
        EXPECT_FALSE(!sim.crashed(ServerId{o}) && sim.suspects(ServerId{o}, ServerId{p}))
            << "seed " << seed << ": S" << o << " still suspects S" << p;
  }
}

}  // namespace
}  // namespace paxoslab
