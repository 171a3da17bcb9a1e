// Determinism (docs/architecture.md): same seed + same script => the same trace
// hash, over many seeds with random delays, loss, duplication and faults;
// different seeds give different runs; a hash-only trace has the same hash.
#include <gtest/gtest.h>

#include <set>

#include "core/sim/rng.hpp"
#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"
#include "tests/support/test_env.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

constexpr ProbeOptions kProbe{.timer_rounds = 3, .uses_failure_detector = true};

// A random but seed-determined script: requests plus every kind of fault.
std::vector<ScriptStep> random_script(std::uint64_t seed, int servers) {
  Rng r(seed * 7919 + 1);
  std::vector<ScriptStep> s;
  for (int i = 1; i <= 15; ++i)
    s.push_back(at(r.uniform(0, 150), ClientRequestAction{ClientId{static_cast<int>(r.uniform(1, 2))}, m(i)}));
  const auto srv = [&] { return ServerId{static_cast<int>(r.uniform(1, servers))}; };
  for (int i = 0; i < 10; ++i) {
    const Tick t = r.uniform(0, 200);
    MessagePattern p;
    if (r.chance(0.5)) p.kind = r.chance(0.5) ? MsgKind::Request : MsgKind::Learn;
    switch (r.uniform(0, 9)) {
      case 0: s.push_back(at(t, CrashAction{srv()})); break;
      case 1: s.push_back(at(t, RestartAction{srv()})); break;
      case 2: s.push_back(at(t, CutLinkAction{NodeId::of(srv()), NodeId::of(srv()), r.chance(0.5)})); break;
      case 3: s.push_back(at(t, MendLinkAction{NodeId::of(srv()), NodeId::of(srv()), r.chance(0.5)})); break;
      case 4: s.push_back(at(t, PartitionAction{{{srv()}}})); break;
      case 5: s.push_back(at(t, HealAction{})); break;
      case 6: s.push_back(at(t, LoseAction{{}, p})); break;
      case 7: s.push_back(at(t, DelayAction{{}, p, r.uniform(1, 50)})); break;
      case 8: s.push_back(at(t, DuplicateAction{{}, p})); break;
      default: s.push_back(at(t, SuspectAction{srv(), {}})); break;
    }
  }
  EventPattern exec;
  exec.kind = TraceKind::Execute;
  exec.request = m(3);
  s.push_back(after(exec, DeliverNowAction{{}, MessagePattern{}}));
  return s;
}

SimConfig random_config(std::uint64_t seed) {
  SimConfig c = fixed_config(3, 2, 10, seed);
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = 30;
  c.link.loss_probability = 0.1;
  c.link.duplicate_probability = 0.1;
  return c;
}

std::uint64_t run_hash(const StageInfo& stage, std::uint64_t seed, std::uint64_t script_seed, bool keep) {
  Simulation sim(random_config(seed), stage, keep);
  sim.add_script(random_script(script_seed, 3));
  sim.run(200'000);
  return sim.trace().hash();
}

TEST(Determinism, SameSeedSameScriptSameHashOverManySeeds) {
  const StageInfo stages[] = {*find_stage(0), probe_stage<kProbe>()};
  for (const auto& stage : stages) {
    const auto seeds = static_cast<std::uint64_t>(testing::sweep_seeds(150));
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
      const auto h1 = run_hash(stage, seed, seed, true);
      const auto h2 = run_hash(stage, seed, seed, true);
      const auto h3 = run_hash(stage, seed, seed, false);
      ASSERT_EQ(h1, h2) << stage.name << " seed " << seed;
      ASSERT_EQ(h1, h3) << stage.name << " seed " << seed << ": a hash-only trace must hash the same";
    }
  }
}

TEST(Determinism, DifferentSeedsGiveDifferentRuns) {
  std::set<std::uint64_t> hashes;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) hashes.insert(run_hash(probe_stage<kProbe>(), seed, 1, false));
  EXPECT_EQ(hashes.size(), 100u) << "same script, different seeds";
}

TEST(Determinism, EventsAreIdenticalNotJustTheHash) {
  Simulation a(random_config(77), probe_stage<kProbe>());
  Simulation b(random_config(77), probe_stage<kProbe>());
  a.add_script(random_script(77, 3));
  b.add_script(random_script(77, 3));
  run_all(a);
  run_all(b);
  EXPECT_EQ(a.trace().events(), b.trace().events());
  EXPECT_EQ(a.trace().messages(), b.trace().messages());
  EXPECT_EQ(a.state_hash(), b.state_hash());
  EXPECT_GT(a.trace().size(), 100u);
}

// state_hash leaves ids and ticks out: the same situation reached along
// different paths hashes equal.
TEST(StateHash, PathIndependent) {
  SimConfig c = fixed_config(2, 2, 10);
  Simulation a(c, *find_stage(0));
  Simulation b(c, *find_stage(0));
  a.apply(ClientRequestAction{ClientId{1}, m(1)});
  // b: an extra message made and lost first (shifts ids), and later time.
  b.apply(ClientRequestAction{ClientId{1}, m(1)});
  b.apply(DuplicateAction{MessageId{1}, {}});
  b.apply(LoseAction{MessageId{3}, {}});
  EXPECT_EQ(a.state_hash(), b.state_hash()) << "in flight: same messages, other ids";
  run_all(a);
  b.apply(DelayAction{MessageId{2}, {}, 50});
  run_all(b);
  EXPECT_NE(a.now(), b.now());
  EXPECT_EQ(a.state_hash(), b.state_hash());
}

TEST(StateHash, DistinguishesDifferentSituations) {
  SimConfig c = fixed_config(2, 2, 10);
  Simulation a(c, *find_stage(0));
  Simulation b(c, *find_stage(0));
  a.apply(ClientRequestAction{ClientId{1}, m(1)});
  b.apply(ClientRequestAction{ClientId{1}, m(1)});
  b.apply(LoseAction{MessageId{1}, {}});
  EXPECT_NE(a.state_hash(), b.state_hash());
  run_all(a);
  run_all(b);
  EXPECT_NE(a.state_hash(), b.state_hash()) << "S1 executed m1 only in a";
  Simulation d(c, *find_stage(0));
  d.apply(ClientRequestAction{ClientId{1}, m(1)});
  d.apply(CrashAction{ServerId{2}});
  run_all(d);
  EXPECT_NE(a.state_hash(), d.state_hash());
}

}  // namespace
}  // namespace paxoslab
