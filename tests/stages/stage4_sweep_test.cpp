// Stage 4 random-fault sweep (issue 3): 3 and 5 servers, 2 clients, a few
// requests; random delays (reordering), losses, duplicates, crashes and
// restarts (at most a minority down at once), partitions, cut links, standing
// loss rules and false suspicions, all chosen from the seed. The core's
// checker checks the invariants on every execution and reply (after every
// step); the sweep stops at the first violation and reports the seed and the
// tail of the trace. Then the faults stop - loss 0, rules removed, links
// mended, partition healed, crashed servers restarted, and lingering false
// suspicions ended (the failure detector is eventually accurate: every server
// that suspects a reachable peer gets that peer's heartbeat) - and the run
// continues: every request must be executed on every server and the run must
// fall quiet (no message in flight, no timer armed).
//
// Size: PAXOSLAB_SWEEP_SEEDS seeds per cluster size (default 5000, so 10000
// runs in all); the sanitizer build of CI sets fewer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/rng.hpp"
#include "core/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {

int sweep_seeds() { return testing::sweep_seeds(5000); }

constexpr Tick kFaultPhaseTicks = 900;
constexpr std::uint64_t kStepLimit = 400'000;

SimConfig sweep_config(std::uint64_t seed, int servers, int quorum_size = 0) {
  Rng r(seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(servers));
  SimConfig c;
  c.stage = 4;
  c.servers = servers;
  c.clients = 2;
  c.seed = seed;
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = r.uniform(5, 40);
  static constexpr double kLoss[] = {0.0, 0.05, 0.15, 0.3};
  c.link.loss_probability = kLoss[r.uniform(0, 3)];
  c.link.duplicate_probability = r.chance(0.5) ? 0.05 : 0.0;
  c.knobs.retransmit_ticks = r.uniform(20, 60);
  c.knobs.fd_timeout_ticks = r.uniform(30, 120);
  c.knobs.learn_mode = r.chance(0.5) ? LearnMode::ToAll : LearnMode::ToLeaderThenCommit;
  // Clients resend unanswered requests (a request lost on the way to every
  // server, or held only by servers that crashed, is otherwise gone).
  c.knobs.client_retry_ticks = 300;
  c.knobs.quorum_size = quorum_size;
  return c;
}

MessagePattern random_pattern(Rng& r, int servers) {
  static constexpr MsgKind kKinds[] = {MsgKind::Prepare, MsgKind::Promise, MsgKind::Accept,
                                       MsgKind::Learn,   MsgKind::Commit,  MsgKind::Request};
  MessagePattern p;
  if (r.chance(0.8)) p.kind = kKinds[r.uniform(0, 5)];
  if (r.chance(0.5)) p.from = NodeId::of(ServerId{static_cast<int>(r.uniform(1, servers))});
  if (r.chance(0.3)) p.to = NodeId::of(ServerId{static_cast<int>(r.uniform(1, servers))});
  return p;
}

/// One random fault, chosen with the current state in view (crash only while
/// fewer than a minority are down).
void inject_fault(Simulation& sim, Rng& r, int& rule_count) {
  const int n = sim.config().servers;
  const auto srv = [&] { return ServerId{static_cast<int>(r.uniform(1, n))}; };
  int down = 0;
  for (int i = 1; i <= n; ++i) down += sim.crashed(ServerId{i}) ? 1 : 0;
  switch (r.uniform(0, 11)) {
    case 0:
    case 1: {
      const ServerId s = srv();
      if (!sim.crashed(s) && down + 1 <= (n - 1) / 2)
        sim.apply(CrashAction{s});
      break;
    }
    case 2: {
      for (int i = 1; i <= n; ++i)
        if (sim.crashed(ServerId{i})) {
          sim.apply(RestartAction{ServerId{i}});
          break;
        }
      break;
    }
    case 3: {
      std::vector<ServerId> a, b;
      for (int i = 1; i <= n; ++i) (r.chance(0.5) ? a : b).push_back(ServerId{i});
      sim.apply(PartitionAction{{a, b}});
      break;
    }
    case 4: sim.apply(HealAction{}); break;
    case 5: {
      const ServerId x = srv(), y = srv();
      if (x != y) sim.apply(CutLinkAction{NodeId::of(x), NodeId::of(y), r.chance(0.5)});
      break;
    }
    case 6: {
      const ServerId x = srv(), y = srv();
      if (x != y) sim.apply(MendLinkAction{NodeId::of(x), NodeId::of(y), false});
      break;
    }
    case 7:
    case 8: {
      const ServerId o = srv();
      if (!sim.crashed(o)) {
        const ServerId p = r.chance(0.5) ? ServerId{} : srv();
        if (p != o) sim.apply(SuspectAction{o, p});
      }
      break;
    }
    case 9: sim.apply(LoseAction{{}, random_pattern(r, n)}); break;
    case 10:
      if (r.chance(0.5)) {
        sim.apply(DuplicateAction{{}, random_pattern(r, n)});
      } else {
        sim.apply(DelayAction{{}, random_pattern(r, n), r.uniform(1, 120)});
      }
      break;
    default: {
      FilterAction f;
      f.name = "rule" + std::to_string(++rule_count);
      f.pattern = random_pattern(r, n);
      f.effect = r.chance(0.7) ? FilterAction::Effect::Lose : FilterAction::Effect::Delay;
      f.count = static_cast<int>(r.uniform(1, 4));
      f.delay_ticks = r.uniform(10, 150);
      sim.apply(f);
      break;
    }
  }
}

/// Ends every fault: loss 0, rules gone, links mended, partition healed,
/// crashed servers restarted, and every lingering suspicion of a reachable
/// peer ended (a split into singletons healed at once makes each suspected
/// peer send its heartbeat).
void stop_faults(Simulation& sim, int rule_count) {
  const int n = sim.config().servers;
  LinkRules calm = sim.config().link;
  calm.loss_probability = 0.0;
  calm.duplicate_probability = 0.0;
  sim.apply(SetLinkAction{NodeId{}, NodeId{}, calm});
  for (int i = 1; i <= rule_count; ++i) {
    // Rules that were used up are gone already; removing them again only notes it.
    bool present = false;
    for (const auto& f : sim.network().filters())
      if (f.name == "rule" + std::to_string(i)) present = true;
    if (present) sim.apply(RemoveFilterAction{"rule" + std::to_string(i)});
  }
  for (int a = 1; a <= n; ++a)
    for (int b = a + 1; b <= n; ++b)
      if (sim.network().cut(NodeId::of(ServerId{a}), NodeId::of(ServerId{b})) ||
          sim.network().cut(NodeId::of(ServerId{b}), NodeId::of(ServerId{a})))
        sim.apply(MendLinkAction{NodeId::of(ServerId{a}), NodeId::of(ServerId{b}), false});
  sim.apply(HealAction{});
  for (int i = 1; i <= n; ++i)
    if (sim.crashed(ServerId{i})) sim.apply(RestartAction{ServerId{i}});
  std::vector<std::vector<ServerId>> singletons;
  for (int i = 1; i <= n; ++i) singletons.push_back({ServerId{i}});
  sim.apply(PartitionAction{singletons});
  sim.apply(HealAction{});
}

std::string trace_tail(const Simulation& sim, std::size_t lines) {
  const auto& ev = sim.trace().events();
  std::string out;
  for (std::size_t i = ev.size() > lines ? ev.size() - lines : 0; i < ev.size(); ++i) {
    const Envelope* env = ev[i].message.valid() ? sim.trace().message(ev[i].message) : nullptr;
    out += to_text(ev[i], env ? describe(env->payload) : std::string()) + "\n";
  }
  return out;
}

/// Runs one seed; returns "" when every check passes, else what failed.
std::string run_seed(std::uint64_t seed, int servers, bool keep_trace, Simulation* out = nullptr,
                     int quorum_size = 0) {
  const SimConfig config = sweep_config(seed, servers, quorum_size);
  Simulation sim(config, *find_stage(4), keep_trace);
  Rng r(seed ^ 0x5bd1e995ULL);
  // A few requests from two clients.
  std::vector<ScriptStep> script;
  const int requests = static_cast<int>(r.uniform(2, 5));
  for (int i = 1; i <= requests; ++i) {
    ScriptStep st;
    st.when.at_tick = r.uniform(0, kFaultPhaseTicks - 200);
    st.action = ClientRequestAction{ClientId{static_cast<int>(r.uniform(1, 2))}, RequestId{i}};
    script.push_back(st);
  }
  sim.add_script(script);
  // Faults at random moments of the fault phase.
  int rule_count = 0;
  Tick next_fault = r.uniform(0, 80);
  std::string failure;
  while (sim.now() <= kFaultPhaseTicks && sim.steps() < kStepLimit) {
    sim.run(kStepLimit, next_fault);
    if (!sim.checker().safe()) break;
    if (next_fault > kFaultPhaseTicks) break;
    inject_fault(sim, r, rule_count);
    next_fault += r.uniform(10, 120);
  }
  if (sim.checker().safe()) {
    stop_faults(sim, rule_count);
    sim.run(kStepLimit);
  }
  if (!sim.checker().safe()) {
    failure = "safety violated: " + sim.checker().violations().front().explanation;
  } else {
    const LivenessReport live = sim.liveness();
    if (!live.quiescent) failure = "not quiescent after the faults stopped (" + std::to_string(sim.steps()) + " steps)";
    for (const auto& c : sim.clients())
      for (RequestId m : c.sent)
        for (int i = 1; i <= servers; ++i) {
          const auto& sigma = sim.executed(ServerId{i});
          if (std::find(sigma.begin(), sigma.end(), m) == sigma.end() && failure.empty())
            failure = to_string(ServerId{i}) + " never executed " + to_string(m) + " (" + live.explanation + ")";
        }
  }
  if (out) *out = sim;
  return failure;
}

void sweep(int servers) {
  const int seeds = sweep_seeds();
  for (int k = 1; k <= seeds; ++k) {
    const auto seed = static_cast<std::uint64_t>(k);
    const std::string failure = run_seed(seed, servers, false);
    if (failure.empty()) continue;
    Simulation sim(sweep_config(seed, servers), *find_stage(4), true);
    run_seed(seed, servers, true, &sim);
    ADD_FAILURE() << "Stage 4, " << servers << " servers, seed " << seed << ": " << failure
                  << "\n--- trace tail ---\n"
                  << trace_tail(sim, 80);
    return;
  }
}

TEST(Stage4Sweep, ThreeServersStaySafeAndCatchUp) { sweep(3); }

TEST(Stage4Sweep, FiveServersStaySafeAndCatchUp) { sweep(5); }

// The sweep can fail: with a quorum below a majority (the knob of docs/protocol.md)
// the same faults break safety (Fig. 12a-style) within a few hundred seeds.
TEST(Stage4Sweep, QuorumBelowMajorityIsCaught) {
  int violations = 0;
  for (std::uint64_t seed = 1; seed <= 400 && violations == 0; ++seed) {
    const std::string failure = run_seed(seed, 5, false, nullptr, 2);
    if (failure.rfind("safety violated", 0) == 0) ++violations;
  }
  EXPECT_GT(violations, 0) << "quorum 2 of 5 should let the sweep find a divergence";
}

// The faults really happen: over a handful of seeds the runs see crashes,
// restarts, suspicions, leader changes, phase 1 in higher rounds, drops and
// duplicates (a sweep that injects nothing would pass vacuously).
TEST(Stage4Sweep, FaultsActuallyHappen) {
  std::map<TraceKind, int> seen;
  int prepares_above_first = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Simulation sim(sweep_config(seed, 3), *find_stage(4), true);
    ASSERT_EQ(run_seed(seed, 3, true, &sim), "");
    for (const auto& e : sim.trace().events()) {
      ++seen[e.kind];
      if (e.kind == TraceKind::Send && e.msg_kind == MsgKind::Prepare) ++prepares_above_first;
    }
  }
  for (TraceKind k : {TraceKind::Crash, TraceKind::Restart, TraceKind::Suspect, TraceKind::LeaderChange,
                      TraceKind::Drop, TraceKind::Duplicate, TraceKind::Partition, TraceKind::Execute})
    EXPECT_GT(seen[k], 0) << to_string(k);
  EXPECT_GT(prepares_above_first, 0);
}

}  // namespace
}  // namespace paxoslab
