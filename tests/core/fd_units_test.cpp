// FailureDetector on its own (core/sim/failure_detector.hpp): who suspects
// whom, standing rules, leaders, the view of a handler hearing a message, and
// the rules the simulation asks it (docs/protocol.md, "Failure detection").
#include "core/sim/failure_detector.hpp"

#include <gtest/gtest.h>

namespace paxoslab {
namespace {

constexpr ServerId s1{1}, s2{2}, s3{3};

TEST(FailureDetectorUnit, NobodySuspectedAtFirstAndS1Leads) {
  const FailureDetector fd(3);
  for (int o = 1; o <= 3; ++o) {
    EXPECT_EQ(fd.suspected(ServerId{o}), 0u);
    EXPECT_EQ(fd.kept(ServerId{o}), 0u);
    EXPECT_EQ(fd.leader_of(ServerId{o}), s1);
    for (int p = 1; p <= 3; ++p) {
      EXPECT_FALSE(fd.suspects(ServerId{o}, ServerId{p}));
      EXPECT_FALSE(fd.watch_timer(ServerId{o}, ServerId{p}).valid());
      EXPECT_FALSE(fd.heartbeat_timer(ServerId{o}, ServerId{p}).valid());
    }
  }
}

TEST(FailureDetectorUnit, LeaderIsLowestUnsuspectedItselfIncluded) {
  FailureDetector fd(3);
  fd.set_suspected(s3, s1, true);
  EXPECT_TRUE(fd.suspects(s3, s1));
  EXPECT_FALSE(fd.suspects(s1, s3)) << "suspicion is one observer's view";
  EXPECT_EQ(fd.leader_of(s3), s2);
  EXPECT_EQ(fd.suspected(s3), 0b001u);
  fd.set_suspected(s3, s2, true);
  EXPECT_EQ(fd.leader_of(s3), s3) << "suspecting every lower server: itself";
  fd.set_suspected(s3, s1, false);
  EXPECT_EQ(fd.leader_of(s3), s1);
  EXPECT_EQ(fd.leader_of(s1), s1);
}

TEST(FailureDetectorUnit, NeverSuspectsItselfOrUnknownServers) {
  FailureDetector fd(3);
  fd.set_suspected(s2, s2, true);
  fd.set_suspected(s2, ServerId{4}, true);
  fd.set_suspected(ServerId{0}, s1, true);
  EXPECT_EQ(fd.suspected(s2), 0u);
  EXPECT_FALSE(fd.suspects(s2, s2));
  EXPECT_FALSE(fd.suspects(s2, ServerId{4}));
  EXPECT_EQ(fd.suspected(ServerId{9}), 0u);
}

TEST(FailureDetectorUnit, HearingEndsASuspicionUnlessAStandingRuleKeepsIt) {
  FailureDetector fd(3);
  EXPECT_FALSE(fd.ends_on_hearing(s2, s1)) << "nothing to end";
  fd.set_suspected(s2, s1, true);
  EXPECT_TRUE(fd.ends_on_hearing(s2, s1));
  EXPECT_TRUE(fd.wants_heartbeat(s1, s2)) << "S1 owes S2 heartbeats while S2 suspects it";
  EXPECT_FALSE(fd.wants_heartbeat(s2, s1));
  fd.set_kept(s2, s1, true);
  EXPECT_TRUE(fd.keeps_suspecting(s2, s1));
  EXPECT_FALSE(fd.ends_on_hearing(s2, s1));
  EXPECT_FALSE(fd.wants_heartbeat(s1, s2)) << "no message ends a kept suspicion: no heartbeat";
  EXPECT_EQ(fd.kept(s2), 0b001u);
}

TEST(FailureDetectorUnit, TrustEndsTheStandingRuleToo) {
  FailureDetector fd(3);
  fd.set_suspected(s1, s3, true);
  fd.set_kept(s1, s3, true);
  fd.set_suspected(s1, s3, false);
  EXPECT_FALSE(fd.suspects(s1, s3));
  EXPECT_FALSE(fd.keeps_suspecting(s1, s3));
  EXPECT_EQ(fd.kept(s1), 0u);
}

TEST(FailureDetectorUnit, AHandlerHearingASenderSeesItUnsuspected) {
  FailureDetector fd(3);
  fd.set_suspected(s3, s1, true);
  fd.set_suspected(s3, s2, true);
  fd.set_kept(s3, s2, true);
  EXPECT_EQ(fd.view_hearing(s3, NodeId::of(s1)), 0b010u);
  EXPECT_EQ(fd.view_hearing(s3, NodeId::of(s2)), 0b001u) << "even under a standing rule: the handler heard it";
  EXPECT_EQ(fd.view_hearing(s3, NodeId::of(ClientId{1})), 0b011u) << "a client is not watched";
  EXPECT_EQ(fd.view_hearing(s3, NodeId{}), 0b011u);
  EXPECT_TRUE(fd.suspects(s3, s1)) << "the view changes nothing";
}

TEST(FailureDetectorUnit, SuspectOnSilenceOnlyWhenStillSilentUpAndNotYetSuspected) {
  FailureDetector fd(2);
  EXPECT_TRUE(fd.suspect_on_silence(s1, s2, true, true));
  EXPECT_FALSE(fd.suspect_on_silence(s1, s2, false, true)) << "heard again in time";
  EXPECT_FALSE(fd.suspect_on_silence(s1, s2, true, false)) << "a crashed observer suspects nobody";
  fd.set_suspected(s1, s2, true);
  EXPECT_FALSE(fd.suspect_on_silence(s1, s2, true, true)) << "already suspected";
}

TEST(FailureDetectorUnit, RestartForgetsSuspicionsAndRules) {
  FailureDetector fd(3);
  fd.set_suspected(s2, s1, true);
  fd.set_kept(s2, s1, true);
  fd.set_suspected(s2, s3, true);
  fd.set_suspected(s1, s2, true);
  fd.forget(s2);
  EXPECT_EQ(fd.suspected(s2), 0u);
  EXPECT_EQ(fd.kept(s2), 0u);
  EXPECT_TRUE(fd.suspects(s1, s2)) << "others' views stay";
}

TEST(FailureDetectorUnit, TimersPerPairAndACrashDropsTheCrashedServersOnly) {
  FailureDetector fd(3);
  fd.watch_timer(s1, s2) = TimerId{5};
  fd.heartbeat_timer(s1, s3) = TimerId{6};
  fd.watch_timer(s2, s1) = TimerId{7};
  fd.heartbeat_timer(s3, s1) = TimerId{8};
  EXPECT_EQ(fd.watch_timer(s1, s2).value, 5u);
  EXPECT_FALSE(fd.watch_timer(s2, s3).valid());
  const FailureDetector copy = fd;
  EXPECT_EQ(copy, fd);
  fd.drop_timers(s1);
  EXPECT_FALSE(fd.watch_timer(s1, s2).valid());
  EXPECT_FALSE(fd.heartbeat_timer(s1, s3).valid());
  EXPECT_EQ(fd.watch_timer(s2, s1).value, 7u);
  EXPECT_EQ(fd.heartbeat_timer(s3, s1).value, 8u);
  EXPECT_NE(copy, fd);
}

}  // namespace
}  // namespace paxoslab
