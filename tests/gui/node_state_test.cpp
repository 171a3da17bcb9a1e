// What the cluster view writes on a node, per stage (gui/model/node_state.hpp),
// and the timers drawn on nodes (fraction of time left, hover labels).
#include <gtest/gtest.h>

#include <functional>

#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "gui/model/node_state.hpp"
#include "gui/model/session.hpp"
#include "gui_harness.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

Session fig(const char* name) {
  const auto load = load_scenario_file(test::scenario_path(name));
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  SessionSource src{load.scenario, load.scenario->config};
  return Session(src, *find_stage(src.config.stage));
}

bool run_until(Session& s, const std::function<bool(const Simulation&)>& done) {
  for (int i = 0; i < 20000; ++i) {
    if (done(s.sim())) return true;
    if (!s.step()) return false;
  }
  return false;
}

std::vector<std::string> texts(const Simulation& sim, int server) {
  const ServerId s{server};
  std::vector<std::string> out;
  for (const auto& l : node_state_lines(sim, s, sim.server(s).view())) out.push_back(l.text);
  return out;
}

using Lines = std::vector<std::string>;

TEST(NodeState, StageZeroIsAPlainServer) {
  Session s = fig("fig02_uncoordinated.toml");
  EXPECT_EQ(texts(s.sim(), 1), Lines{"server"});
}

TEST(NodeState, StageOneNamesTheFixedLeader) {
  Session s = fig("fig03_send_accept.toml");
  EXPECT_EQ(texts(s.sim(), 1), Lines{"leader"});
  EXPECT_EQ(texts(s.sim(), 2), Lines{"follower of S1"});
}

TEST(NodeState, StageTwoLeaderShowsTheAcceptItWaitsOn) {
  Session s = fig("fig04_retransmission.toml");
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) { return sim.server(ServerId{1}).view().outstanding.has_value(); }));
  const auto v = s.sim().server(ServerId{1}).view();
  const std::string acc = "Accept(" + to_string(v.outstanding->request) + ", " + std::to_string(v.outstanding->j) + ")";
  EXPECT_EQ(texts(s.sim(), 1), (Lines{"leader", "waiting: " + acc}));
  EXPECT_EQ(texts(s.sim(), 2), Lines{"follower of S1"});
}

TEST(NodeState, StageFourAddsRoundsAndPromisesAndACrashedServerSaysSo) {
  Session s = fig("fig12b_five_servers.toml");
  // S3 runs phase 1 with rnd 3: a candidate waiting for promises.
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) { return sim.server(ServerId{3}).view().role == "candidate"; }));
  EXPECT_EQ(texts(s.sim(), 3), (Lines{"candidate", "rnd 3, promised 3", "waiting: Promise(rnd 3)"}));
  EXPECT_EQ(texts(s.sim(), 1), Lines{"crashed"});
  for (int i = 0; i < 20000 && s.step(); ++i) {
  }
  EXPECT_EQ(texts(s.sim(), 3), (Lines{"leader", "rnd 3, promised 3"}));
  EXPECT_EQ(texts(s.sim(), 4), (Lines{"follower of S3", "promised 3"}));
}

TEST(NodeState, RoundOwnersArePreassignedOrTheServersOwn) {
  SimConfig c;
  c.servers = 3;
  EXPECT_FALSE(round_owner(c, 0).valid());
  EXPECT_EQ(round_owner(c, 1), ServerId{1});
  EXPECT_EQ(round_owner(c, 2), ServerId{2});
  EXPECT_EQ(round_owner(c, 7), ServerId{1});  // S1 uses 1, 4, 7 (docs/protocol.md, "Rounds")
  c.knobs.round_numbering = RoundNumbering::ServerId;
  EXPECT_EQ(round_owner(c, 3), ServerId{3});
  EXPECT_FALSE(round_owner(c, 4).valid());
}

TEST(NodeState, AStageFourFollowerFollowsTheRoundItPromisedNotItsDetector) {
  // Lesson 11: S3 promised S2's rnd 2 while its failure detector still names
  // S1; it takes S2's accepts and ignores S1's, so it is S2's follower.
  const LessonLoad l = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/11_prepare_promise.toml");
  ASSERT_TRUE(l.ok());
  const SessionSource src{l.lesson->scenario, l.lesson->scenario.config};
  Session s(src, *find_stage(src.config.stage));
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) { return sim.server(ServerId{3}).view().promised == 2; }));
  EXPECT_EQ(s.sim().leader_of(ServerId{3}), ServerId{1});
  EXPECT_EQ(texts(s.sim(), 3), (Lines{"follower of S2", "promised 2"}));
}

TEST(NodeState, ANoOpShowsOnTheServerForAWhile) {
  // Fig. 11: S3 already executed m1; slot 2 brings it again: a no-op (the
  // paper's noop), shown under S3 until kNoOpShownTicks have passed.
  Session s = fig("fig11_repropose.toml");
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) {
    const auto& ev = sim.trace().events();
    return !ev.empty() && ev.back().kind == TraceKind::Note && ev.back().value > 0;
  }));
  const TraceEvent noop = s.sim().trace().events().back();
  EXPECT_EQ(noop.who, NodeId::of(ServerId{3}));
  EXPECT_EQ(noop.value, 2);
  const Lines at = texts(s.sim(), 3);
  ASSERT_FALSE(at.empty());
  EXPECT_EQ(at.back(), "no-op: m1 again in slot 2");
  ASSERT_TRUE(run_until(s, [&](const Simulation& sim) { return sim.now() >= noop.tick + kNoOpShownTicks; }));
  for (const std::string& line : texts(s.sim(), 3)) EXPECT_EQ(line.find("no-op"), std::string::npos) << line;
}

TEST(NodeState, ABackingOffCandidateWaitsForItsBackOffNotForPromises) {
  // Duelling leaders: a candidate pre-empted again backs off; its caption must
  // not say it waits for promises of a round it already gave up.
  Session s = fig("duelling_leaders.toml");
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) {
    for (int i = 1; i <= sim.config().servers; ++i) {
      const ServerView v = sim.server(ServerId{i}).view();
      for (const auto& [name, value] : v.fields)
        if (name == "promises" && value == "- (backing off)") return true;
    }
    return false;
  }));
  bool seen = false;
  for (int i = 1; i <= s.sim().config().servers; ++i) {
    const ServerView v = s.sim().server(ServerId{i}).view();
    for (const auto& [name, value] : v.fields) {
      if (name != "promises" || value != "- (backing off)") continue;
      seen = true;
      EXPECT_EQ(v.waiting.rfind("back-off, then a round above ", 0), 0u) << v.waiting;
    }
  }
  EXPECT_TRUE(seen);
}

TEST(NodeState, ChangedLinesAreThoseWhoseTextDiffersByKind) {
  const std::vector<NodeLine> before{{NodeLine::Kind::Role, "follower of S1"}, {NodeLine::Kind::Rounds, "promised 1"}};
  const std::vector<NodeLine> after{{NodeLine::Kind::Role, "follower of S1"},
                                    {NodeLine::Kind::Rounds, "promised 3"},
                                    {NodeLine::Kind::Waiting, "waiting: Promise(rnd 3)"}};
  EXPECT_EQ(changed_lines(before, after), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(changed_lines(after, after), (std::vector<bool>{false, false, false}));
}

TEST(NodeTimers, FractionLeftCountsDownFromOneToZero) {
  TimerInfo t;
  t.set_tick = 100;
  t.due_tick = 140;
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 100.0), 1.0f);
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 110.0), 0.75f);
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 130.5), 0.2375f);
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 140.0), 0.0f);
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 150.0), 0.0f);
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 90.0), 1.0f);
  t.due_tick = 100;
  EXPECT_FLOAT_EQ(timer_fraction_left(t, 100.0), 0.0f);
}

TEST(NodeTimers, FailureDetectorAndRetransmissionTimersAreLabelledWhereTheyAct) {
  Session s = fig("fig12b_five_servers.toml");
  // After S1 crashes the others' failure detectors count down to suspecting it.
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) {
    for (const auto& t : sim.timers())
      if (t.kind == TimerKind::FailureDetector && t.owner == NodeId::of(ServerId{3}) && t.tag == 1) return true;
    return false;
  }));
  const Simulation& sim = s.sim();
  bool fd = false;
  for (const TimerGlance& g : node_timers(sim, NodeId::of(ServerId{3}), static_cast<double>(sim.now()))) {
    EXPECT_EQ(g.timer.owner, NodeId::of(ServerId{3}));
    EXPECT_GE(g.fraction_left, 0.0f);
    EXPECT_LE(g.fraction_left, 1.0f);
    EXPECT_FLOAT_EQ(g.fraction_left, timer_fraction_left(g.timer, static_cast<double>(sim.now())));
    if (g.timer.kind == TimerKind::FailureDetector && g.timer.tag == 1) {
      fd = true;
      EXPECT_EQ(g.label, "S3 suspects S1 at t=" + std::to_string(g.timer.due_tick) + " if still silent");
    }
  }
  EXPECT_TRUE(fd);
  // A Stage 4 retransmission timer is labelled with its purpose and due tick.
  ASSERT_TRUE(run_until(s, [](const Simulation& now) {
    for (const auto& t : now.timers())
      if (t.kind == TimerKind::Stage) return true;
    return false;
  }));
  for (const auto& t : s.sim().timers()) {
    if (t.kind != TimerKind::Stage) continue;
    const auto glances = node_timers(s.sim(), t.owner, static_cast<double>(s.sim().now()));
    const auto it = std::find_if(glances.begin(), glances.end(), [&](const TimerGlance& g) { return g.timer.id == t.id; });
    ASSERT_NE(it, glances.end());
    EXPECT_EQ(it->label, to_string(t.owner) + ": " + t.purpose + " at t=" + std::to_string(t.due_tick));
  }
}

}  // namespace
}  // namespace paxoslab::gui
