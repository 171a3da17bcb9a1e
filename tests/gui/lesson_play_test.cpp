// Next plays the lesson's run to the page's moment and stops exactly on it;
// Back rewinds to the previous page's moment; Replay plays the page again;
// predict, then reveal. Driven through the LessonModel on a real
// Session, as the App does each frame, and compared with the core's own walk
// of the lesson (core/lessons/lesson_player.hpp, `paxos-lab-cli lessons walk`).
#include <gtest/gtest.h>

#include "core/lessons/lesson_player.hpp"
#include "gui/model/lesson_model.hpp"
#include "gui/model/speed.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

const std::string kTrack = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

struct Open {
  LessonModel model;
  std::optional<Session> session;
};

/// Opens the track's lesson whose file name starts with `prefix`; its run starts as the App starts it.
void open(Open& o, const std::string& prefix) {
  o.model.load_track(kTrack);
  for (std::size_t i = 0; i < o.model.lessons().size(); ++i)
    if (o.model.lessons()[i].path.find("/" + prefix) != std::string::npos) o.model.push(lesson_cmd::Open{i});
  LessonEffects fx = o.model.apply_pending();
  ASSERT_TRUE(fx.run);
  SessionSource src;
  src.scenario = fx.run->scenario;
  src.config = fx.run->scenario.config;
  o.session.emplace(src, *find_stage(fx.run->stage));
}

/// Applies queued commands and drives the run until the page's stop (1 s of wall time per frame).
void play(Open& o) {
  o.model.apply_pending();
  o.model.drive(*o.session, 0.0);
  for (int i = 0; i < 20000 && o.model.playing_page(); ++i) o.model.drive(*o.session, 1.0);
  ASSERT_FALSE(o.model.playing_page());
}

/// The last effect in the state at the cursor, in the core's words.
std::string last_effect_at_cursor(const Session& s) {
  const Trace& t = s.record().trace();
  for (std::uint64_t n = s.trace_size_at(s.cursor()); n-- > t.first_seq();) {
    const TraceEvent& e = t.events()[n - t.first_seq()];
    if (is_effect(e)) return describe_event(e);
  }
  return {};
}

/// Answers the page's question, if it asks one, with its right choice.
void answer_if_asked(Open& o) {
  if (!o.model.asking()) return;
  o.model.push(lesson_cmd::Answer{o.model.current_page()->predict->right_choice()});
}

class EveryPage : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryPage, NextStopsExactlyWhereTheCoresWalkStops) {
  Open o;
  open(o, GetParam());
  const Lesson& lesson = *o.model.current();
  const std::vector<PageWalk> walk = walk_lesson(lesson, *find_stage(lesson.scenario.config.stage));
  ASSERT_EQ(walk.size(), lesson.pages.size());
  for (std::size_t p = 0; p < lesson.pages.size(); ++p) {
    if (p > 0) o.model.push(lesson_cmd::Next{});
    o.model.apply_pending();
    answer_if_asked(o);
    play(o);
    ASSERT_EQ(o.model.page(), static_cast<int>(p));
    EXPECT_EQ(last_effect_at_cursor(*o.session), walk[p].last_event) << lesson.path << " page " << p + 1;
    EXPECT_EQ(o.session->sim().now(), walk[p].tick) << lesson.path << " page " << p + 1;
    if (lesson.pages[p].pause_at) {
      LessonPlayer player(lesson);
      const MomentReport r = player.moment_report(o.session->record(), static_cast<int>(p));
      ASSERT_TRUE(r.reached);
      // The moment is the last effect shown: the state at the cursor ends with it.
      EXPECT_EQ(o.session->position_of_event(r.moment_seq), o.session->cursor()) << lesson.path << " page " << p + 1;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Lessons, EveryPage,
                         ::testing::Values("03_", "06_", "08_", "10_", "12_", "14_", "16_"));

TEST(LessonPlay, BackRewindsToThePreviousMomentAndReplayPlaysThePageAgain) {
  Open o;
  open(o, "06_");
  answer_if_asked(o);
  play(o);
  const std::size_t first_stop = o.session->cursor();
  const std::string first_effect = last_effect_at_cursor(*o.session);
  o.model.push(lesson_cmd::Next{});
  play(o);
  const std::size_t second_stop = o.session->cursor();
  ASSERT_GT(second_stop, first_stop);
  const std::size_t recorded = o.session->length();
  // Back: page 1 at its moment, at once (a rewind: nothing is played, nothing recorded).
  o.model.push(lesson_cmd::Back{});
  o.model.apply_pending();
  EXPECT_FALSE(o.model.drive(*o.session, 0.0));
  EXPECT_EQ(o.model.page(), 0);
  EXPECT_EQ(o.session->cursor(), first_stop);
  EXPECT_EQ(last_effect_at_cursor(*o.session), first_effect);
  EXPECT_EQ(o.session->length(), recorded);
  // Next again: the recorded run is played forward to page 2's moment.
  o.model.push(lesson_cmd::Next{});
  play(o);
  EXPECT_EQ(o.session->cursor(), second_stop);
  // Replay page 2: from page 1's moment, played again, to the same stop.
  o.model.push(lesson_cmd::Replay{});
  o.model.apply_pending();
  o.model.drive(*o.session, 0.0);
  EXPECT_TRUE(o.model.playing_page());
  EXPECT_GT(o.session->cursor(), first_stop);
  EXPECT_LT(o.session->cursor(), second_stop);  // it starts again from page 1's moment
  play(o);
  EXPECT_EQ(o.session->cursor(), second_stop);
  EXPECT_EQ(o.session->length(), recorded);
}

TEST(LessonPlay, ThePaceIsAFewVisibleStepsASecondAndPauseHolds) {
  Open o;
  open(o, "06_");
  answer_if_asked(o);
  o.model.apply_pending();
  o.model.drive(*o.session, 0.0);  // the first step shows at once
  const std::size_t after_first = o.session->cursor();
  EXPECT_GE(after_first, 1u);
  // A third of a second at 1x: one more visible step (nothing-new steps fold into it).
  o.session->set_speed(kTicksPerSecondAt1x);
  o.model.drive(*o.session, 1.0 / kEffectsPerSecondAt1x);
  EXPECT_GT(o.session->cursor(), after_first);
  EXPECT_TRUE(o.model.playing_page());
  // Paused (Space): nothing moves until it plays again.
  o.session->set_playing(false);
  const std::size_t paused_at = o.session->cursor();
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(o.model.drive(*o.session, 1.0));
  EXPECT_EQ(o.session->cursor(), paused_at);
  o.session->set_playing(true);
  play(o);
  EXPECT_FALSE(o.session->playing());
}

TEST(LessonPlay, APredictionWaitsForTheAnswerThenRevealsWhatTheRunDid) {
  Open o;
  open(o, "06_");
  o.model.apply_pending();
  ASSERT_TRUE(o.model.asking());
  EXPECT_EQ(o.model.next_label(), "Answer to play");
  // Cannot play before answering: neither drive nor Next moves the run.
  for (int i = 0; i < 5; ++i) o.model.drive(*o.session, 1.0);
  EXPECT_EQ(o.session->cursor(), 0u);
  EXPECT_FALSE(o.session->playing());
  o.model.push(lesson_cmd::Next{});
  o.model.apply_pending();
  EXPECT_EQ(o.model.page(), 0);
  // A wrong answer: the run plays, and the reveal names the choice the run took.
  const Prediction& pr = *o.model.current_page()->predict;
  const std::size_t right = pr.right_choice();
  const std::size_t wrong = right == 0 ? 1 : 0;
  o.model.push(lesson_cmd::Answer{wrong});
  play(o);
  ASSERT_NE(o.model.reveal(), nullptr);
  EXPECT_EQ(o.model.reveal()->taken, std::optional<std::size_t>(right));
  ASSERT_TRUE(o.model.reveal()->event);
  EXPECT_FALSE(o.model.reveal()->event->why.empty());
  EXPECT_EQ(o.model.answer(0), std::optional<std::size_t>(wrong));
  // Recorded with the lesson progress.
  const PredictionAnswer* saved = o.model.progress().answer(o.model.current()->id, 0);
  ASSERT_NE(saved, nullptr);
  EXPECT_EQ(saved->choice, static_cast<int>(wrong));
  EXPECT_FALSE(saved->right);
}

}  // namespace
}  // namespace paxoslab::gui
