// The protocol invariants (core/sim/invariants.hpp, docs/protocol.md "Protocol
// invariants"): each kind is reported with its witnesses when a server's
// Paxos state breaks it, once, and never for states that keep it; and in a
// simulation they run after every step (a Stage 4 whose quorum is below a
// majority breaks decided-disagree, full Stage 4 never does).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/sim/invariants.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sweep/sweep.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

constexpr ServerId S1{1}, S2{2}, S3{3};
constexpr RequestId m1{1}, m2{2};

PaxosState state(std::int64_t promised, std::vector<PaxosState::Slot> slots = {}) {
  PaxosState s;
  s.promised = promised;
  s.slots = std::move(slots);
  return s;
}
PaxosState::Slot accepted(std::int64_t slot, std::int64_t vrnd, RequestId v) { return {slot, vrnd, v, false, {}}; }
PaxosState::Slot decided(std::int64_t slot, std::int64_t vrnd, RequestId v) { return {slot, vrnd, v, true, v}; }

std::vector<Violation> check(ProtocolInvariants& inv, ServerId s, const PaxosState& st) {
  std::vector<Violation> out;
  inv.check(10, s, st, out);
  return out;
}

TEST(ProtocolInvariants, ANormalRoundBreaksNothing) {
  ProtocolInvariants inv(3);
  EXPECT_TRUE(check(inv, S1, state(1)).empty());
  EXPECT_TRUE(check(inv, S2, state(4)).empty());
  EXPECT_TRUE(check(inv, S2, state(4, {accepted(1, 4, m1)})).empty());
  EXPECT_TRUE(check(inv, S3, state(4, {accepted(1, 4, m1)})).empty());
  EXPECT_TRUE(check(inv, S3, state(7, {decided(1, 4, m1), accepted(2, 7, m2)})).empty());
  EXPECT_TRUE(check(inv, S1, state(7, {decided(1, 7, m1), accepted(2, 7, m2)})).empty());
}

TEST(ProtocolInvariants, PromiseDecreasedIsReportedOnce) {
  ProtocolInvariants inv(3);
  check(inv, S1, state(5));
  const auto v = check(inv, S1, state(2));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, Violation::Kind::PromiseDecreased);
  EXPECT_EQ(v[0].witnesses.at(0).who, NodeId::of(S1));
  EXPECT_NE(v[0].explanation.find("from rnd 5 to rnd 2"), std::string::npos) << v[0].explanation;
  EXPECT_TRUE(check(inv, S1, state(1)).empty()) << "reported once per server";
}

TEST(ProtocolInvariants, AcceptBelowPromise) {
  ProtocolInvariants inv(3);
  check(inv, S2, state(6));
  const auto v = check(inv, S2, state(6, {accepted(1, 3, m1)}));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, Violation::Kind::AcceptBelowPromise);
  EXPECT_NE(v[0].explanation.find("promised rnd 6"), std::string::npos) << v[0].explanation;
}

TEST(ProtocolInvariants, AcceptConflictNamesBothAcceptors) {
  ProtocolInvariants inv(3);
  check(inv, S1, state(4, {accepted(2, 4, m1)}));
  const auto v = check(inv, S3, state(4, {accepted(2, 4, m2)}));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, Violation::Kind::AcceptConflict);
  ASSERT_EQ(v[0].witnesses.size(), 2u);
  EXPECT_EQ(v[0].witnesses[0].who, NodeId::of(S1));
  EXPECT_EQ(v[0].witnesses[1].who, NodeId::of(S3));
  // A different round may carry another value (a new leader's proposal).
  EXPECT_TRUE(check(inv, S2, state(5, {accepted(2, 5, m2)})).empty());
}

TEST(ProtocolInvariants, DecidedDisagreeAndDecidedChanged) {
  ProtocolInvariants inv(3);
  check(inv, S1, state(4, {decided(1, 4, m1)}));
  auto v = check(inv, S2, state(5, {decided(1, 5, m2)}));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, Violation::Kind::DecidedDisagree);
  v = check(inv, S1, state(4, {decided(1, 4, m2)}));
  ASSERT_FALSE(v.empty());
  EXPECT_TRUE(std::any_of(v.begin(), v.end(), [](const Violation& x) { return x.kind == Violation::Kind::DecidedChanged; }));
}

// In a run: Fig. 12a's quorum below a majority breaks decided-disagree as
// well as the consistency test, traced as violation events.
TEST(ProtocolInvariants, RunInEverySimulationStep) {
  const ScenarioLoad load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig12a_quorum_below_majority.toml");
  ASSERT_TRUE(load.ok());
  Simulation sim = start_scenario(*load.scenario, *find_stage(4), std::nullopt, true);
  run_to_end(sim, *load.scenario);
  const auto& vs = sim.checker().violations();
  EXPECT_TRUE(std::any_of(vs.begin(), vs.end(), [](const Violation& v) { return v.kind == Violation::Kind::DecidedDisagree; }));
  EXPECT_TRUE(std::any_of(vs.begin(), vs.end(), [](const Violation& v) { return v.kind == Violation::Kind::Divergence; }));
  int traced = 0;
  for (const auto& e : sim.trace().events())
    if (e.kind == TraceKind::Violation && e.why.find("decided different values") != std::string::npos) ++traced;
  EXPECT_GT(traced, 0);
}

// The sweep with a quorum of one catches the break with the invariants too.
TEST(ProtocolInvariants, SweepWithQuorumOfOneBreaksThem) {
  SweepOptions o;
  o.servers = 5;
  o.quorum_size = 1;
  o.seeds = 300;
  bool invariant = false;
  sweep(o, *find_stage(4), [&](const SweepRun& r) {
    for (int k = 0; k < kViolationKindCount; ++k)
      if (is_protocol_invariant(static_cast<Violation::Kind>(k)) && r.kind == to_string(static_cast<Violation::Kind>(k)))
        invariant = true;
    return !invariant;
  });
  EXPECT_TRUE(invariant);
}

}  // namespace
}  // namespace paxoslab
