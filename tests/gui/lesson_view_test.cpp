// The lesson's view: what a page dims (LessonFocus), the ticks
// the chart frames around the page's moment, and the speed in words.
#include <gtest/gtest.h>

#include "gui/app/shortcuts.hpp"
#include "gui/model/lesson_focus.hpp"
#include "gui/model/moment_words.hpp"
#include "gui/model/speed.hpp"
#include "tests/gui/gui_harness.hpp"

namespace paxoslab::gui {
namespace {

NodeId S(int i) { return NodeId::of(ServerId{i}); }
NodeId C(int i) { return NodeId::of(ClientId{i}); }

Envelope envelope(MsgKind kind, NodeId from, NodeId to) {
  Envelope e;
  e.from = from;
  e.to = to;
  e.payload.kind = kind;
  return e;
}

TEST(LessonFocus, AnEmptyHighlightDimsNothing) {
  const LessonFocus none;
  EXPECT_FALSE(none.active());
  EXPECT_TRUE(none.node(S(3)));
  EXPECT_TRUE(none.message(S(1), S(2), nullptr));
  EXPECT_FALSE(LessonFocus(Highlight{}).active());
}

TEST(LessonFocus, NamedNodesAndTheMessagesBetweenThemStayInFocus) {
  Highlight h;  // lesson 6, page 1: S1, C1 and the Accept S1 -> S2
  h.servers = {ServerId{1}};
  h.lanes = {C(1)};
  MessagePattern accept;
  accept.kind = MsgKind::Accept;
  accept.from = S(1);
  accept.to = S(2);
  h.message = accept;
  const LessonFocus f(h);
  ASSERT_TRUE(f.active());
  EXPECT_TRUE(f.node(S(1)));
  EXPECT_TRUE(f.node(C(1)));
  EXPECT_TRUE(f.node(S(2)));  // the highlighted message's receiver
  EXPECT_FALSE(f.node(C(2)));
  const Envelope acc = envelope(MsgKind::Accept, S(1), S(2));
  const Envelope hb = envelope(MsgKind::Heartbeat, S(1), S(2));
  const Envelope reply = envelope(MsgKind::Reply, S(1), C(1));
  const Envelope other = envelope(MsgKind::Request, C(2), S(2));
  EXPECT_TRUE(f.message(acc.from, acc.to, &acc));
  EXPECT_TRUE(f.message(reply.from, reply.to, &reply));
  EXPECT_TRUE(f.message(hb.from, hb.to, &hb));  // both ends are named
  EXPECT_FALSE(f.message(other.from, other.to, &other));
}

TEST(LessonFocus, ASingleNamedServerKeepsEveryMessageItTouches) {
  Highlight h;
  h.servers = {ServerId{2}};
  const LessonFocus f(h);
  EXPECT_TRUE(f.message(C(1), S(2), nullptr));
  EXPECT_TRUE(f.message(S(2), S(3), nullptr));
  EXPECT_FALSE(f.message(S(1), S(3), nullptr));
  EXPECT_FALSE(f.node(S(1)));
}

TEST(FrameTicks, FramesFromThePreviousMomentToThisOneWithTheMomentLeftOfTheEdge) {
  const TickRange r = frame_ticks(120, 80, {});
  EXPECT_LT(r.first, 80.0);
  EXPECT_GT(r.first, 60.0);
  EXPECT_GT(r.last, 120.0);
  // The moment sits in the right part of the frame, not at its edge.
  const double at = (120.0 - r.first) / (r.last - r.first);
  EXPECT_GT(at, 0.7);
  EXPECT_LT(at, 0.9);
}

TEST(FrameTicks, WidensToTheHighlightedMessageAndKeepsAMinimumAndMaximumSpan) {
  // The highlighted accept was sent at t=40, before the previous moment (t=60).
  const TickRange r = frame_ticks(70, 60, {{40, 52}, {500, 520}});
  EXPECT_LT(r.first, 40.0);
  EXPECT_LT(r.last, 200.0);  // a message sent after the moment does not stretch the frame
  const TickRange tiny = frame_ticks(5, 5, {});
  EXPECT_GE(tiny.last - tiny.first, 30.0);
  const TickRange long_story = frame_ticks(900, 0, {});
  EXPECT_LE(long_story.last - long_story.first, 220.0 * 1.31 + 5.0);
  EXPECT_GT(long_story.first, 600.0);  // keeps the ticks just before the moment
}

TEST(MomentWords, ThePagesMomentInPlainWords) {
  EventPattern suspect;
  suspect.kind = TraceKind::Suspect;
  suspect.who = S(2);
  suspect.other = S(1);
  EXPECT_EQ(moment_words(suspect), "S2 suspects S1");
  EventPattern reply;
  reply.kind = TraceKind::Reply;
  reply.who = C(1);
  reply.other = S(1);
  reply.request = RequestId{1};
  EXPECT_EQ(moment_words(reply), "C1 gets S1's reply to m1");
  EventPattern drop;
  drop.kind = TraceKind::Drop;
  drop.who = S(2);
  drop.msg_kind = MsgKind::Accept;
  drop.occurrence = 2;
  EXPECT_EQ(moment_words(drop), "the Accept to S2 is lost (2nd time)");
  Trigger at;
  at.at_tick = 40;
  EXPECT_EQ(moment_words(at), "t = 40");
}

TEST(Speed, WordsAndLevels) {
  EXPECT_EQ(speed_words(kTicksPerSecondAt1x), "1x");
  EXPECT_EQ(speed_words(kTicksPerSecondAt1x * 0.5), "0.5x");
  EXPECT_EQ(speed_words(kTicksPerSecondAt1x * 0.25), "0.25x");
  EXPECT_EQ(speed_words(kTicksPerSecondAt1x * 4), "4x");
  EXPECT_EQ(speed_words(kTicksPerSecondAt1x * 16), "16x");
  EXPECT_EQ(speed_words(37.0), "1.9x");
  EXPECT_DOUBLE_EQ(faster_speed(kTicksPerSecondAt1x), 2 * kTicksPerSecondAt1x);
  EXPECT_DOUBLE_EQ(slower_speed(kTicksPerSecondAt1x), 0.5 * kTicksPerSecondAt1x);
  EXPECT_DOUBLE_EQ(faster_speed(37.0), 2 * kTicksPerSecondAt1x);
  EXPECT_DOUBLE_EQ(slower_speed(37.0), kTicksPerSecondAt1x);
  EXPECT_DOUBLE_EQ(faster_speed(1e6), speed_levels().back() * kTicksPerSecondAt1x);
  EXPECT_DOUBLE_EQ(slower_speed(0.1), speed_levels().front() * kTicksPerSecondAt1x);
}

const std::string kLessons = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

/// Answers the page's question (if it asks one) with its right choice, then
/// runs frames until the lesson has played the run to the page's moment.
void play_to_pause(test::Harness& h, App& app, int max_frames = 3000) {
  h.frame(app);
  if (app.lessons().asking()) {
    app.lessons().push(lesson_cmd::Answer{app.lessons().current_page()->predict->right_choice()});
    h.frame(app);
  }
  for (int i = 0; i < max_frames && app.lessons().playing_page(); ++i) h.frame(app);
}

/// The ticks the chart shows.
TickRange visible(App& app) {
  const ChartState& st = app.chart_state();
  return TickRange{st.left_tick, st.left_tick + (st.plot_max.x - st.plot_min.x) / st.px_per_tick};
}

TEST(LessonView, TheChartFramesThePagesMomentAndWholeRunZoomsOut) {
  test::Harness h(ImVec2(1600, 1000));
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_lesson(kLessons + "/06_leader_crash.toml"), "");
  play_to_pause(h, app);
  ASSERT_FALSE(app.lessons().playing_page());
  const auto moment = static_cast<double>(app.session().sim().now());  // the run stands on the moment
  h.frame(app);
  ASSERT_TRUE(app.chart_state().frame);
  const TickRange first_frame = *app.chart_state().frame;
  const TickRange framed = visible(app);
  EXPECT_LE(framed.first, moment);
  EXPECT_GE(framed.last, moment);
  EXPECT_LT(framed.last - framed.first, 120.0);  // the ticks around the moment, not the whole run
  // "Whole run" (Z): the chart zooms out to the whole run; Z again frames the moment.
  h.key_down(app, keys::kZ);
  h.key_up(app, keys::kZ);
  h.frame(app);
  EXPECT_FALSE(app.lessons().framing());
  EXPECT_FALSE(app.chart_state().frame);
  EXPECT_GT(visible(app).last - visible(app).first, framed.last - framed.first);
  h.key_down(app, keys::kZ);
  h.key_up(app, keys::kZ);
  h.frame(app);
  EXPECT_TRUE(app.lessons().framing());
  EXPECT_NEAR(visible(app).first, framed.first, 1e-6);
  // Next: the chart frames the next page's stretch before the run gets there.
  h.key_down(app, keys::kN);
  h.key_up(app, keys::kN);
  h.frame(app);
  EXPECT_EQ(app.lessons().page(), 1);
  ASSERT_TRUE(app.chart_state().frame);
  EXPECT_NE(*app.chart_state().frame, first_frame);
  EXPECT_GE(visible(app).first, framed.first);
}

TEST(LessonView, WhatThePageDoesNotNameIsDimmedAndOneClickUndims) {
  test::Harness h(ImVec2(1600, 1000));
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_lesson(kLessons + "/06_leader_crash.toml"), "");
  play_to_pause(h, app);
  ASSERT_TRUE(app.lesson_focus().active());
  EXPECT_FALSE(app.lesson_focus().node(NodeId::of(ClientId{2})));  // page 1 names S1, C1 and S1's accept
  EXPECT_TRUE(app.lesson_focus().node(NodeId::of(ServerId{1})));
  // The visible checkbox undims...
  ImVec2 box;
  ASSERT_TRUE(h.find_item(app, ImGui::FindWindowByName("Lesson"), "Dim the rest", box));
  h.click(app, box);
  h.frame(app);
  EXPECT_FALSE(app.lessons().dimming());
  EXPECT_FALSE(app.lesson_focus().active());
  // ...and D dims again.
  h.key_down(app, keys::kD);
  h.key_up(app, keys::kD);
  h.frame(app);
  EXPECT_TRUE(app.lessons().dimming());
  EXPECT_TRUE(app.lesson_focus().active());
}

TEST(LessonView, BracketKeysChangeTheSpeedByOneLevel) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  const double before = app.session().speed();
  h.key_down(app, keys::kRightBracket);
  h.key_up(app, keys::kRightBracket);
  h.frame(app);
  EXPECT_DOUBLE_EQ(app.session().speed(), faster_speed(before));
  h.key_down(app, keys::kLeftBracket);
  h.key_up(app, keys::kLeftBracket);
  h.key_down(app, keys::kLeftBracket);
  h.key_up(app, keys::kLeftBracket);
  h.frame(app);
  EXPECT_DOUBLE_EQ(app.session().speed(), slower_speed(before));
}

}  // namespace
}  // namespace paxoslab::gui
