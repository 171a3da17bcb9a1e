// The lesson player (core/lessons/lesson_player.hpp): Next plays to a page's moment
// and stops right after it; reading and closing pages; Back/Replay targets;
// the walk report.
#include <gtest/gtest.h>

#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

using lesson_testing::ScratchDir;
using lesson_testing::stage1_lesson;

Lesson load_text(const ScratchDir& dir, const std::string& text) {
  LessonLoad l = load_lesson_file(dir.write("lesson.toml", text));
  EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
  return l.ok() ? *l.lesson : Lesson{};
}

/// stage1_lesson with a reading page put in front of its two pages.
std::string with_reading_page_first() {
  std::string t = stage1_lesson();
  const std::string first = "[[page]]\ntitle = \"The accept\"";
  t.insert(t.find(first), "[[page]]\ntitle = \"Before\"\ntext = \"Read this first.\"\n\n");
  return t;
}

TEST(LessonPlayer, NextStopsRightAfterTheStepOfTheMoment) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, stage1_lesson());
  Simulation sim = start_scenario(lesson.scenario, *find_stage(1));
  LessonPlayer player(lesson);
  ASSERT_NE(player.moment_of(0), nullptr);
  EXPECT_EQ(player.moment_of(1), nullptr);
  EXPECT_EQ(player.play_page(sim, 0), PlayStop::Moment);
  // The step that stopped it delivered an Accept to S2; the step before did not.
  const MomentReport m = player.moment_report(sim, 0);
  ASSERT_TRUE(m.reached);
  const TraceEvent& moment = sim.trace().events()[m.moment_seq];
  EXPECT_EQ(moment.kind, TraceKind::Deliver);
  EXPECT_EQ(moment.msg_kind, MsgKind::Accept);
  EXPECT_EQ(to_string(moment.who), "S2");
  // Everything after the moment's event belongs to the same step.
  int after = 0;
  for (const TraceEvent& e : sim.trace().events())
    if (e.seq > m.moment_seq && is_effect(e)) ++after;
  EXPECT_EQ(m.effects_after_moment, after);
  EXPECT_EQ(m.exact, after == 0);
  // Once there, Next on the same page does not move the run.
  const std::uint64_t steps = sim.steps();
  EXPECT_EQ(player.step_toward(sim, 0).stop, PlayStop::Moment);
  EXPECT_EQ(sim.steps(), steps);
}

TEST(LessonPlayer, TheMomentsStepIsTheFirstThatContainsIt) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, stage1_lesson());
  Simulation sim = start_scenario(lesson.scenario, *find_stage(1));
  LessonPlayer player(lesson);
  std::uint64_t steps_at_stop = 0;
  while (true) {
    const PlayStep s = player.step_toward(sim, 0);
    if (s.stop != PlayStop::None) {
      steps_at_stop = sim.steps();
      // The moment's event lies inside the step just taken.
      const MomentReport m = player.moment_report(sim, 0);
      EXPECT_GE(m.moment_seq, s.first_seq);
      EXPECT_LT(m.moment_seq, s.end_seq);
      EXPECT_TRUE(s.stepped);
      break;
    }
  }
  // The same run one step shorter has not reached it.
  Simulation again = start_scenario(lesson.scenario, *find_stage(1));
  for (std::uint64_t i = 1; i < steps_at_stop; ++i) again.step();
  LessonPlayer fresh(lesson);
  EXPECT_EQ(fresh.check(again, 0), PlayStop::None);
}

TEST(LessonPlayer, AClosingPagePlaysToTheEndOfTheRun) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, stage1_lesson());
  Simulation sim = start_scenario(lesson.scenario, *find_stage(1));
  LessonPlayer player(lesson);
  player.play_page(sim, 0);
  EXPECT_FALSE(player.reading_page(1));
  EXPECT_EQ(player.play_page(sim, 1), PlayStop::RunEnded);
  EXPECT_FALSE(sim.next_event().has_value());
  EXPECT_TRUE(player.moment_report(sim, 1).exact);
}

TEST(LessonPlayer, AReadingPageDoesNotMoveTheRun) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, with_reading_page_first());
  ASSERT_EQ(lesson.pages.size(), 3u);
  Simulation sim = start_scenario(lesson.scenario, *find_stage(1));
  LessonPlayer player(lesson);
  EXPECT_TRUE(player.reading_page(0));
  const std::uint64_t size = sim.trace().size();
  EXPECT_EQ(player.play_page(sim, 0), PlayStop::Reading);
  EXPECT_EQ(sim.trace().size(), size);
  EXPECT_EQ(player.play_page(sim, 1), PlayStop::Moment);
}

TEST(LessonPlayer, BackAndReplayRewindToThePreviousMoment) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, with_reading_page_first());
  LessonPlayer player(lesson);
  EXPECT_EQ(player.replay_from(0), -1);
  EXPECT_EQ(player.replay_from(1), -1);  // page 0 has no moment: the start of the run
  EXPECT_EQ(player.replay_from(2), 1);
  EXPECT_EQ(player.replay_from(99), 1);
}

TEST(LessonPlayer, AWatcherStartsOverWhenTheRunIsRewound) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, stage1_lesson());
  Simulation sim = start_scenario(lesson.scenario, *find_stage(1));
  const Simulation start = sim.snapshot();
  LessonPlayer player(lesson);
  player.play_page(sim, 0);
  const std::uint64_t steps = sim.steps();
  sim.restore(start);  // Replay: back to the start (replay_from(0) == -1)
  EXPECT_EQ(player.check(sim, 0), PlayStop::None);
  EXPECT_EQ(player.play_page(sim, 0), PlayStop::Moment);
  EXPECT_EQ(sim.steps(), steps);
}

TEST(LessonPlayer, PlayToPageMatchesNextPageByPage) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, stage1_lesson());
  const Simulation a = play_to_page(lesson, *find_stage(1), 0);
  Simulation b = start_scenario(lesson.scenario, *find_stage(1));
  LessonPlayer(lesson).play_page(b, 0);
  EXPECT_EQ(a.trace().hash(), b.trace().hash());
  EXPECT_EQ(a.steps(), b.steps());
}

TEST(LessonPlayer, WalkReportsEveryPage) {
  ScratchDir dir;
  const Lesson lesson = load_text(dir, with_reading_page_first());
  const std::vector<PageWalk> w = walk_lesson(lesson, *find_stage(1));
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].page, 1);
  EXPECT_EQ(w[0].moment, "(reading page)");
  EXPECT_EQ(w[0].stop, PlayStop::Reading);
  EXPECT_TRUE(w[0].exact);
  EXPECT_EQ(w[1].moment, "S2 deliver Accept");
  EXPECT_EQ(w[1].stop, PlayStop::Moment);
  EXPECT_EQ(w[1].last_event.rfind("S", 0), 0u) << w[1].last_event;
  EXPECT_EQ(w[2].stop, PlayStop::RunEnded);
}

TEST(LessonPlayer, DescribeEventUsesThePatternsWords) {
  TraceEvent e;
  e.tick = 40;
  e.kind = TraceKind::Deliver;
  e.who = NodeId::of(ServerId{2});
  e.other = NodeId::of(ServerId{1});
  e.message = MessageId{3};
  e.msg_kind = MsgKind::Accept;
  e.request = RequestId{1};
  EXPECT_EQ(describe_event(e), "S2 deliver Accept m1 (S1), t=40");
  EventPattern p;
  p.kind = TraceKind::Deliver;
  p.who = e.who;
  p.other = e.other;
  p.msg_kind = MsgKind::Accept;
  p.request = RequestId{1};
  EXPECT_EQ(describe_event(e).rfind(p.describe(), 0), 0u);
  TraceEvent v = e;
  v.kind = TraceKind::Violation;
  EXPECT_FALSE(is_effect(v));
  v.kind = TraceKind::TimerSet;
  EXPECT_FALSE(is_effect(v));
  EXPECT_TRUE(is_effect(e));
}

}  // namespace
}  // namespace paxoslab
