// The incremental SafetyChecker (core/sim/checker.hpp) on hand-made histories
// that must and must not be flagged, plus the Stage 0 runs of Figs. 1 and 2.
#include "core/sim/checker.hpp"

#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

// Feeds a history to a checker: each step is (server, request), appended to
// that server's sigma.
struct History {
  explicit History(int servers, int requests = 9) : checker(servers), sigma(static_cast<std::size_t>(servers)) {
    for (int r = 1; r <= requests; ++r) checker.on_request_sent(RequestId{r});
  }
  History& exec(int s, int r) {
    auto& sg = sigma[static_cast<std::size_t>(s - 1)];
    sg.push_back(RequestId{r});
    checker.on_execute(tick++, ServerId{s}, sg);
    return *this;
  }
  SafetyChecker checker;
  std::vector<std::vector<RequestId>> sigma;
  Tick tick = 0;
};

TEST(Checker, PrefixComparableStatesAreFine) {
  History h(3);
  h.exec(1, 2).exec(2, 2).exec(1, 1).exec(3, 2).exec(3, 1).exec(3, 3).exec(2, 1);
  EXPECT_TRUE(h.checker.safe());  // <m2 m1>, <m2 m1>, <m2 m1 m3>
}

TEST(Checker, ShorterStateAfterLongerIsFine) {
  History h(2);
  h.exec(1, 2).exec(1, 1).exec(1, 3).exec(2, 2);  // "m2" vs "m2 m1 m3"
  EXPECT_TRUE(h.checker.safe());
}

TEST(Checker, DifferentFirstRequestsAreFlaggedWithBothWitnesses) {
  History h(2);
  h.exec(1, 1).exec(2, 2);  // "m1" vs "m2"
  ASSERT_EQ(h.checker.violations().size(), 1u);
  const Violation& v = h.checker.violations()[0];
  EXPECT_EQ(v.kind, Violation::Kind::Divergence);
  ASSERT_EQ(v.witnesses.size(), 2u);
  EXPECT_EQ(v.witnesses[0].who, S(1));
  EXPECT_EQ(v.witnesses[0].state, (std::vector<RequestId>{m(1)}));
  EXPECT_EQ(v.witnesses[1].who, S(2));
  EXPECT_EQ(v.witnesses[1].state, (std::vector<RequestId>{m(2)}));
  EXPECT_NE(v.explanation.find("S1"), std::string::npos);
  EXPECT_NE(v.explanation.find("S2"), std::string::npos);
  EXPECT_NE(v.explanation.find("<m1>"), std::string::npos);
  EXPECT_EQ(v.tick, 1);
  EXPECT_STREQ(to_string(v.kind), "divergence");
}

TEST(Checker, DivergenceLaterInTheSequence) {
  History h(2);
  h.exec(1, 1).exec(1, 2).exec(2, 1).exec(2, 3);  // <m1 m2> vs <m1 m3>
  ASSERT_EQ(h.checker.violations().size(), 1u);
  const Violation& v = h.checker.violations()[0];
  EXPECT_EQ(v.witnesses[0].state, (std::vector<RequestId>{m(1), m(2)}));
  EXPECT_EQ(v.witnesses[1].state, (std::vector<RequestId>{m(1), m(3)}));
  EXPECT_NE(v.explanation.find("position 2"), std::string::npos);
}

TEST(Checker, OneReportPerDivergedServer) {
  History h(3);
  h.exec(1, 1).exec(2, 2).exec(2, 1).exec(2, 3);  // S2 diverged once, then goes on
  EXPECT_EQ(h.checker.violations().size(), 1u);
  h.exec(3, 3);  // S3 diverges from the chain too
  ASSERT_EQ(h.checker.violations().size(), 2u);
  EXPECT_EQ(h.checker.violations()[1].witnesses[1].who, S(3));
  h.exec(1, 2).exec(1, 3);  // S1 keeps extending the chain: fine
  EXPECT_EQ(h.checker.violations().size(), 2u);
}

TEST(Checker, CrashedServersRevealedStateCounts) {
  History h(2);
  h.exec(1, 1);
  h.checker.on_reply(0, ClientId{1}, ServerId{1}, 1);  // C1 saw <m1>
  h.checker.on_crash(1, ServerId{1});
  h.exec(2, 2);
  ASSERT_EQ(h.checker.violations().size(), 1u);
  const auto& w = h.checker.violations()[0].witnesses[0];
  EXPECT_EQ(w.who, S(1));
  EXPECT_NE(w.description.find("then crashed"), std::string::npos) << w.description;
  EXPECT_TRUE(h.checker.warnings().empty());
}

// Fig. 5 with the crash before the reply: S1's <m1> was never observed.
TEST(Checker, CrashedServersUnrevealedDivergenceIsAWarning) {
  History h(2);
  h.exec(1, 1);
  h.checker.on_crash(1, ServerId{1});
  h.exec(2, 2).exec(2, 1);
  EXPECT_TRUE(h.checker.safe());
  ASSERT_EQ(h.checker.warnings().size(), 1u);
  const Warning& w = h.checker.warnings()[0];
  EXPECT_EQ(w.kind, Warning::Kind::DivergedNotObserved);
  EXPECT_EQ(w.server, ServerId{1});
  EXPECT_STREQ(to_string(w.kind), "diverged-not-observed");
  EXPECT_EQ(w.explanation.rfind("S1 diverged, not observed", 0), 0u) << w.explanation;
  ASSERT_EQ(w.witnesses.size(), 2u);
  EXPECT_EQ(w.witnesses[0].state, (std::vector<RequestId>{m(1)}));
  EXPECT_EQ(w.witnesses[1].who, S(2));
}

TEST(Checker, RestartMakesAnUnobservedDivergenceAViolation) {
  History h(2);
  h.exec(1, 1);
  h.checker.on_crash(1, ServerId{1});
  h.exec(2, 2);
  EXPECT_TRUE(h.checker.safe());
  h.checker.on_restart(5, ServerId{1});
  ASSERT_EQ(h.checker.violations().size(), 1u);
  EXPECT_EQ(h.checker.violations()[0].tick, 5);
  EXPECT_NE(h.checker.violations()[0].explanation.find("restarted"), std::string::npos);
}

TEST(Checker, LateReplyFromACrashedServerRevealsItsDivergence) {
  History h(2);
  h.exec(1, 1);
  h.checker.on_crash(1, ServerId{1});
  h.exec(2, 2);
  EXPECT_EQ(h.checker.warnings().size(), 1u);
  h.checker.on_reply(7, ClientId{1}, ServerId{1}, 1);  // a reply sent before the crash lands now
  ASSERT_EQ(h.checker.violations().size(), 1u);
  EXPECT_EQ(h.checker.violations()[0].kind, Violation::Kind::Divergence);
}

TEST(Checker, AgreeingCrashedServerGivesNoWarning) {
  History h(3);
  h.exec(1, 1).exec(1, 2);
  h.checker.on_crash(1, ServerId{1});
  h.exec(2, 1).exec(2, 2).exec(2, 3).exec(3, 1);
  EXPECT_TRUE(h.checker.safe());
  EXPECT_TRUE(h.checker.warnings().empty());
  h.checker.on_restart(9, ServerId{1});
  EXPECT_TRUE(h.checker.safe());
}

TEST(Checker, BothLiveThenOneCrashesIsStillAViolation) {
  History h(2);
  h.exec(1, 1).exec(2, 2);  // observed together while both were live
  h.checker.on_crash(2, ServerId{1});
  EXPECT_EQ(h.checker.violations().size(), 1u);
}

TEST(Checker, ClientOrderIsCheckedPerServer) {
  SafetyChecker c(2);
  c.on_request_sent(m(1), ClientId{1});
  c.on_request_sent(m(2), ClientId{1});
  c.on_request_sent(m(3), ClientId{2});
  std::vector<RequestId> s1{m(1), m(3), m(2)};  // C1's order kept, C2's request in between
  for (std::size_t k = 1; k <= s1.size(); ++k) c.on_execute(0, ServerId{1}, std::span(s1.data(), k));
  EXPECT_TRUE(c.safe());
  std::vector<RequestId> s2{m(2), m(1)};
  for (std::size_t k = 1; k <= s2.size(); ++k) c.on_execute(1, ServerId{2}, std::span(s2.data(), k));
  bool found = false;
  for (const auto& v : c.violations()) {
    if (v.kind != Violation::Kind::ClientOrder) continue;
    found = true;
    EXPECT_EQ(v.witnesses.at(0).who, S(2));
    EXPECT_NE(v.explanation.find("S2 executed C1's m1 after its m2"), std::string::npos) << v.explanation;
  }
  EXPECT_TRUE(found);
  EXPECT_STREQ(to_string(Violation::Kind::ClientOrder), "client-order");
}

TEST(Checker, ResendKeepsItsPlaceInTheClientsOrder) {
  SafetyChecker c(1);
  c.on_request_sent(m(1), ClientId{1});
  c.on_request_sent(m(2), ClientId{1});
  c.on_request_sent(m(1), ClientId{1});  // a resend
  std::vector<RequestId> s{m(1), m(2)};
  for (std::size_t k = 1; k <= s.size(); ++k) c.on_execute(0, ServerId{1}, std::span(s.data(), k));
  EXPECT_TRUE(c.safe());
}

TEST(Checker, RepliesNameTheClientsInTheWitness) {
  History h(2);
  h.exec(1, 1);
  h.checker.on_reply(0, ClientId{1}, ServerId{1}, 1);
  h.exec(2, 2);
  h.checker.on_reply(0, ClientId{2}, ServerId{2}, 1);
  ASSERT_EQ(h.checker.violations().size(), 1u);
  EXPECT_NE(h.checker.violations()[0].witnesses[0].description.find("C1 got <m1>"), std::string::npos)
      << h.checker.violations()[0].witnesses[0].description;
}

TEST(Checker, DoubleExecutionIsFlagged) {
  History h(1);
  h.exec(1, 1).exec(1, 2).exec(1, 1);
  ASSERT_EQ(h.checker.violations().size(), 1u);
  const Violation& v = h.checker.violations()[0];
  EXPECT_EQ(v.kind, Violation::Kind::DoubleExecution);
  EXPECT_EQ(v.witnesses[0].state, (std::vector<RequestId>{m(1), m(2), m(1)}));
  EXPECT_STREQ(to_string(v.kind), "double-execution");
}

TEST(Checker, SameRequestOnTwoServersIsNotDoubleExecution) {
  History h(2);
  h.exec(1, 1).exec(2, 1);
  EXPECT_TRUE(h.checker.safe());
}

TEST(Checker, UnsentRequestIsFlagged) {
  History h(1, 2);  // only m1, m2 were sent
  h.exec(1, 1).exec(1, 7);
  ASSERT_EQ(h.checker.violations().size(), 1u);
  EXPECT_EQ(h.checker.violations()[0].kind, Violation::Kind::UnsentRequest);
  EXPECT_NE(h.checker.violations()[0].explanation.find("m7"), std::string::npos);
}

TEST(Checker, NoopIsNeitherUnsentNorDoubleExecuted) {
  History h(1, 2);
  h.exec(1, 0).exec(1, 1).exec(1, 0);
  EXPECT_TRUE(h.checker.safe());
}

TEST(Checker, FormatState) {
  EXPECT_EQ(format_state({}), "<>");
  EXPECT_EQ(format_state({m(2), m(1)}), "<m2 m1>");
  EXPECT_EQ(format_state({m(12345), RequestId{0}}), "<m12345 noop>");
  std::string s = "x";
  append_state(s, std::vector<RequestId>{m(3)});
  EXPECT_EQ(s, "x<m3>");
}

// Fig. 1: one server orders two clients' requests consistently.
TEST(CheckerSim, Fig1OneServerIsConsistent) {
  Simulation sim(fixed_config(1, 2, 10), *find_stage(0));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(2, ClientRequestAction{ClientId{2}, m(2)})});
  run_all(sim);
  EXPECT_TRUE(sim.checker().safe());
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1), m(2)}));
  EXPECT_FALSE(sim.liveness().stuck);
}

// Fig. 2: two uncoordinated servers; delays make S1 run m1 m2 and S2 m2 m1.
TEST(CheckerSim, Fig2TwoServersDiverge) {
  SimConfig c = fixed_config(2, 2, 10);
  c.link_overrides = {LinkOverride{C(1), S(2), LinkRules{30, 30, 0, 0}},
                      LinkOverride{C(2), S(1), LinkRules{30, 30, 0, 0}}};
  Simulation sim(c, *find_stage(0));
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(0, ClientRequestAction{ClientId{2}, m(2)})});
  run_all(sim);
  EXPECT_EQ(sim.executed(ServerId{1}), (std::vector<RequestId>{m(1), m(2)}));
  EXPECT_EQ(sim.executed(ServerId{2}), (std::vector<RequestId>{m(2), m(1)}));
  ASSERT_EQ(sim.checker().violations().size(), 1u);
  const Violation& v = sim.checker().violations()[0];
  EXPECT_EQ(v.witnesses[0].who, S(1));
  EXPECT_EQ(v.witnesses[1].who, S(2));
  EXPECT_EQ(count_of(sim, TraceKind::Violation), 1u);
  // The clients hold sigma^1 and sigma^21.
  std::vector<std::vector<RequestId>> held;
  for (const auto& cl : sim.clients())
    for (const auto& r : cl.replies) held.push_back(sim.reply_state(r));
  EXPECT_NE(std::find(held.begin(), held.end(), std::vector<RequestId>{m(1)}), held.end());
  EXPECT_NE(std::find(held.begin(), held.end(), (std::vector<RequestId>{m(2), m(1)})), held.end());
}

}  // namespace
}  // namespace paxoslab
