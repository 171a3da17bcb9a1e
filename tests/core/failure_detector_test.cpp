// The failure detector of docs/protocol.md ("Failure detection"), as the core
// implements it (core/sim/simulation.hpp): suspicion after fd_timeout_ticks of
// unreachability, cleared on hearing from the peer, heartbeats when
// reachability comes back, leader = lowest unsuspected, restarted servers
// re-watch their peers, false suspicions.
#include <gtest/gtest.h>

#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"
#include "tests/support/probe_server.hpp"
#include "tests/support/sim_helpers.hpp"

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

constexpr ProbeOptions kFd{.uses_failure_detector = true};

Simulation fd_sim(int servers, Tick fd_timeout = 60) {
  SimConfig c = fixed_config(servers, 2, 10);
  c.knobs.fd_timeout_ticks = fd_timeout;
  return Simulation(c, probe_stage<kFd>());
}

std::vector<Tick> suspect_ticks(const Simulation& sim, int observer, int peer) {
  std::vector<Tick> out;
  for (const auto& e : events_of(sim, TraceKind::Suspect, S(observer)))
    if (e.other == S(peer)) out.push_back(e.tick);
  return out;
}

TEST(FailureDetector, CrashIsSuspectedAfterTheTimeout) {
  Simulation sim = fd_sim(3);
  sim.add_script({at(5, CrashAction{ServerId{1}})});
  run_all(sim);
  EXPECT_EQ(suspect_ticks(sim, 2, 1), (std::vector<Tick>{65}));
  EXPECT_EQ(suspect_ticks(sim, 3, 1), (std::vector<Tick>{65}));
  EXPECT_EQ(sim.leader_of(ServerId{2}), ServerId{2});
  EXPECT_EQ(sim.leader_of(ServerId{3}), ServerId{2});
  EXPECT_EQ(probe<kFd>(sim, ServerId{3}).leader_changes(),
            (std::vector<std::pair<Tick, ServerId>>{{65, ServerId{2}}}));
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{3}));
}

TEST(FailureDetector, RestartSendsHeartbeatsThatClearSuspicion) {
  Simulation sim = fd_sim(3);
  sim.add_script({at(5, CrashAction{ServerId{1}}), at(100, RestartAction{ServerId{1}})});
  run_all(sim);
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_FALSE(sim.suspects(ServerId{3}, ServerId{1}));
  EXPECT_EQ(sim.leader_of(ServerId{2}), ServerId{1});
  std::size_t heartbeats = 0;
  for (const auto& e : events_of(sim, TraceKind::Send, S(1)))
    if (e.msg_kind == MsgKind::Heartbeat) {
      ++heartbeats;
      EXPECT_EQ(e.tick, 100);
    }
  EXPECT_EQ(heartbeats, 2u);
  const auto unsuspects = events_of(sim, TraceKind::Unsuspect);
  ASSERT_EQ(unsuspects.size(), 2u);
  EXPECT_EQ(unsuspects[0].tick, 110);
  EXPECT_EQ(probe<kFd>(sim, ServerId{2}).leader_changes(),
            (std::vector<std::pair<Tick, ServerId>>{{65, ServerId{2}}, {110, ServerId{1}}}));
}

TEST(FailureDetector, ShortOutageIsNotSuspected) {
  Simulation sim = fd_sim(2);
  sim.add_script({at(0, CutLinkAction{S(1), S(2), false}), at(30, MendLinkAction{S(1), S(2), false})});
  run_all(sim);
  EXPECT_TRUE(events_of(sim, TraceKind::Suspect).empty()) << trace_text(sim);
  EXPECT_EQ(count_of(sim, TraceKind::TimerFire), 2u) << "the watch timers fire and find the peer audible";
}

TEST(FailureDetector, OneWayCutOnlyTheReceiverSuspects) {
  Simulation sim = fd_sim(2);
  sim.add_script({at(0, CutLinkAction{S(1), S(2), true})});
  run_all(sim);
  EXPECT_EQ(suspect_ticks(sim, 2, 1), (std::vector<Tick>{60}));
  EXPECT_TRUE(suspect_ticks(sim, 1, 2).empty());
}

// Regression: a watch timer left from an earlier outage used to suspect the
// peer after only part of fd_timeout_ticks of the new outage.
TEST(FailureDetector, SilenceIsMeasuredFromTheLatestOutage) {
  Simulation sim = fd_sim(2);
  sim.add_script({at(0, CutLinkAction{S(1), S(2), false}), at(10, MendLinkAction{S(1), S(2), false}),
                  at(50, CutLinkAction{S(1), S(2), false})});
  run_all(sim);
  EXPECT_EQ(suspect_ticks(sim, 2, 1), (std::vector<Tick>{110})) << trace_text(sim);
  EXPECT_EQ(suspect_ticks(sim, 1, 2), (std::vector<Tick>{110}));
}

// Regression: a message sent before its sender crashed cleared the suspicion
// for good, so the crashed sender was never suspected again.
TEST(FailureDetector, LateMessageFromACrashedPeerDoesNotEndTheWatch) {
  Simulation sim = fd_sim(2);
  MessagePattern ping_s1_s2;
  ping_s1_s2.kind = MsgKind::Learn;
  ping_s1_s2.from = S(1);
  ping_s1_s2.to = S(2);
  // m1 reaches both at 10; S1's ping to S2 (due 20) is held back to 220.
  sim.add_script({at(0, ClientRequestAction{ClientId{1}, m(1)}), at(11, DelayAction{{}, ping_s1_s2, 200}),
                  at(12, CrashAction{ServerId{1}})});
  run_all(sim);
  EXPECT_EQ(suspect_ticks(sim, 2, 1), (std::vector<Tick>{72, 280})) << trace_text(sim);
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_EQ(sim.leader_of(ServerId{2}), ServerId{2});
}

TEST(FailureDetector, FalseSuspicionClearsOnHearingFromThePeer) {
  Simulation sim = fd_sim(3);
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, {}}), "") << "no peer = the current leader";
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_EQ(sim.leader_of(ServerId{2}), ServerId{2});
  EXPECT_EQ(sim.leader_of(ServerId{3}), ServerId{1});
  const auto s = events_of(sim, TraceKind::Suspect);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].why.find("false suspicion"), std::string::npos);
  EXPECT_FALSE(sim.apply(SuspectAction{ServerId{2}, ServerId{1}}).empty()) << "already suspected";
  EXPECT_FALSE(sim.apply(SuspectAction{ServerId{2}, ServerId{2}}).empty()) << "not itself";
  // S1 executes m1 at 10 and pings S2, which hears it at 20.
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_EQ(probe<kFd>(sim, ServerId{2}).leader_changes(),
            (std::vector<std::pair<Tick, ServerId>>{{0, ServerId{2}}, {20, ServerId{1}}}));
}

TEST(FailureDetector, StagesWithoutDetectorRefuseSuspicion) {
  Simulation sim(fixed_config(2), *find_stage(0));
  EXPECT_FALSE(sim.apply(SuspectAction{ServerId{2}, ServerId{1}}).empty());
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
  sim.apply(CrashAction{ServerId{1}});
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Suspect), 0u) << "no watch timers without a failure detector";
}

TEST(FailureDetector, RestartedServerWatchesItsPeersAgain) {
  Simulation sim = fd_sim(3);
  sim.add_script({at(0, CrashAction{ServerId{3}}), at(100, CrashAction{ServerId{1}}),
                  at(110, RestartAction{ServerId{1}})});
  run_all(sim);
  EXPECT_EQ(suspect_ticks(sim, 1, 3), (std::vector<Tick>{60, 170})) << trace_text(sim);
  EXPECT_TRUE(sim.suspects(ServerId{1}, ServerId{3}));
  EXPECT_FALSE(sim.suspects(ServerId{1}, ServerId{2}));
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1})) << "S1 was back before S2's timeout";
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{3}));
}

TEST(FailureDetector, PartitionAndHeal) {
  Simulation sim = fd_sim(3);
  sim.add_script({at(0, PartitionAction{{{ServerId{1}}}}), at(100, HealAction{})});
  sim.run(1'000'000, 99);
  EXPECT_TRUE(sim.suspects(ServerId{1}, ServerId{2}));
  EXPECT_TRUE(sim.suspects(ServerId{1}, ServerId{3}));
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{3}));
  EXPECT_EQ(sim.leader_of(ServerId{1}), ServerId{1});
  EXPECT_EQ(sim.leader_of(ServerId{3}), ServerId{2});
  run_all(sim);
  for (int o = 1; o <= 3; ++o)
    for (int p = 1; p <= 3; ++p) EXPECT_FALSE(sim.suspects(ServerId{o}, ServerId{p})) << o << " " << p;
  EXPECT_EQ(sim.leader_of(ServerId{3}), ServerId{1});
  EXPECT_EQ(count_of(sim, TraceKind::Unsuspect), 4u);
}

TEST(FailureDetector, CrashedObserverDoesNotSuspect) {
  Simulation sim = fd_sim(2);
  sim.add_script({at(0, CrashAction{ServerId{2}}), at(1, CrashAction{ServerId{1}})});
  run_all(sim);
  EXPECT_EQ(count_of(sim, TraceKind::Suspect), 0u) << trace_text(sim);
}

}  // namespace
}  // namespace paxoslab

namespace paxoslab {
namespace {
using namespace paxoslab::testing;

constexpr ProbeOptions kHb{.uses_failure_detector = true};

Simulation hb_sim(int servers) {
  SimConfig c = fixed_config(servers, 2, 10);
  c.knobs.fd_timeout_ticks = 60;  // heartbeat period 30
  return Simulation(c, probe_stage<kHb>());
}

std::vector<Tick> heartbeat_sends(const Simulation& sim, int from) {
  std::vector<Tick> out;
  for (const auto& e : events_of(sim, TraceKind::Send, S(from)))
    if (e.msg_kind == MsgKind::Heartbeat) out.push_back(e.tick);
  return out;
}

// A false suspicion of a live, connected peer ends by itself: the peer, which
// sends nothing else, sends a heartbeat one heartbeat period (fd/2) later.
TEST(FailureDetectorHeartbeats, FalseSuspicionOfAQuietPeerEndsWithItsHeartbeat) {
  Simulation sim = hb_sim(3);
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{1}, ServerId{3}}), "");
  run_all(sim);
  EXPECT_FALSE(sim.suspects(ServerId{1}, ServerId{3}));
  EXPECT_EQ(heartbeat_sends(sim, 3), (std::vector<Tick>{30}));
  const auto un = events_of(sim, TraceKind::Unsuspect, S(1));
  ASSERT_EQ(un.size(), 1u);
  EXPECT_EQ(un[0].tick, 40);
  EXPECT_TRUE(sim.liveness().quiescent) << "no heartbeat once no one suspects";
}

// A lost heartbeat is followed by the next one a period later.
TEST(FailureDetectorHeartbeats, LostHeartbeatIsFollowedByTheNextOne) {
  Simulation sim = hb_sim(2);
  FilterAction lose;
  lose.name = "hb";
  lose.pattern.kind = MsgKind::Heartbeat;
  lose.count = 1;
  ASSERT_EQ(sim.apply(lose), "");
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, ServerId{1}}), "");
  run_all(sim);
  EXPECT_EQ(heartbeat_sends(sim, 1), (std::vector<Tick>{30, 60}));
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
}

// keep = true is a standing rule: messages and heartbeats do not end it, and
// no heartbeat timer runs for it; trust ends it at once.
TEST(FailureDetectorHeartbeats, KeptSuspicionLastsUntilTrusted) {
  Simulation sim = hb_sim(3);
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, ServerId{1}, true}), "");
  EXPECT_TRUE(sim.keeps_suspecting(ServerId{2}, ServerId{1}));
  sim.apply(ClientRequestAction{ClientId{1}, m(1)});
  run_all(sim);
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_TRUE(heartbeat_sends(sim, 1).empty());
  EXPECT_TRUE(sim.liveness().quiescent);
  EXPECT_FALSE(sim.apply(SuspectAction{ServerId{2}, ServerId{1}, true}).empty()) << "already kept";
  ASSERT_EQ(sim.apply(TrustAction{ServerId{2}, ServerId{1}}), "");
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{1}));
  EXPECT_FALSE(sim.keeps_suspecting(ServerId{2}, ServerId{1}));
  EXPECT_EQ(sim.leader_of(ServerId{2}), ServerId{1});
  EXPECT_FALSE(sim.apply(TrustAction{ServerId{2}, ServerId{1}}).empty()) << "does not suspect it any more";
  EXPECT_FALSE(sim.apply(TrustAction{ServerId{2}, ServerId{2}}).empty()) << "not itself";
}

// A transient suspicion can be made a standing one; trusting a silent
// (crashed) peer makes the failure detector watch it again.
TEST(FailureDetectorHeartbeats, TrustingACrashedPeerWatchesItAgain) {
  Simulation sim = hb_sim(3);
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, ServerId{3}}), "");
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, ServerId{3}, true}), "") << "transient -> kept";
  EXPECT_TRUE(sim.keeps_suspecting(ServerId{2}, ServerId{3}));
  sim.apply(CrashAction{ServerId{3}});
  ASSERT_EQ(sim.apply(TrustAction{ServerId{2}, {}}), "") << "no peer = every peer it suspects";
  EXPECT_FALSE(sim.suspects(ServerId{2}, ServerId{3}));
  run_all(sim);
  EXPECT_TRUE(sim.suspects(ServerId{2}, ServerId{3})) << "still silent: suspected again after the timeout";
}

// A suspicion by a server that crashes, or of a peer that crashes, needs no heartbeat.
TEST(FailureDetectorHeartbeats, NoHeartbeatForACrashedObserverOrPeer) {
  Simulation sim = hb_sim(3);
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{1}, ServerId{3}}), "");
  ASSERT_EQ(sim.apply(SuspectAction{ServerId{2}, ServerId{3}}), "");
  sim.apply(CrashAction{ServerId{1}});
  sim.apply(CrashAction{ServerId{3}});
  for (const auto& t : sim.timers()) EXPECT_NE(t.kind, TimerKind::Heartbeat) << t.purpose;
}

}  // namespace
}  // namespace paxoslab
