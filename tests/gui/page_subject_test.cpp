// The server a lesson page is about (page_subject, gui/model/lesson_focus.hpp):
// what the Inspector shows when the page opens.
#include <gtest/gtest.h>

#include "core/lessons/lesson_loader.hpp"
#include "gui/model/lesson_focus.hpp"
#include "tests/gui/gui_harness.hpp"

namespace paxoslab::gui {
namespace {

NodeId S(int i) { return NodeId::of(ServerId{i}); }

Lesson lesson(const char* file) {
  const LessonLoad load = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/" + file);
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  return load.ok() ? *load.lesson : Lesson{};
}

LessonPage moment_of(NodeId who) {
  LessonPage p;
  EventPattern e;
  e.kind = TraceKind::Deliver;
  e.who = who;
  p.pause_at = Trigger{std::nullopt, e};
  return p;
}

TEST(PageSubject, TheMomentsServerWhenTheHighlightNamesIt) {
  LessonPage p = moment_of(S(3));
  p.highlight.servers = {ServerId{2}, ServerId{3}};
  EXPECT_EQ(page_subject(p, 3, {}), ServerId{3});
  p.highlight.servers = {ServerId{2}};  // the highlight's own server first
  EXPECT_EQ(page_subject(p, 3, {}), ServerId{2});
}

TEST(PageSubject, NeverACrashedServerWhileAnotherNamedOneIsUp) {
  LessonPage p;
  p.highlight.servers = {ServerId{1}, ServerId{2}};
  EXPECT_EQ(page_subject(p, 3, {true, false, false}), ServerId{2});
  p.highlight.servers = {ServerId{1}};  // only the crashed one named: the page is about its crash
  EXPECT_EQ(page_subject(p, 3, {true, false, false}), ServerId{1});
  const LessonPage none;  // nothing named: the first live server
  EXPECT_EQ(page_subject(none, 3, {true, false, false}), ServerId{2});
  EXPECT_EQ(page_subject(none, 3, {}), ServerId{1});
}

TEST(PageSubject, LanesAndTheMessagesEndsCountAndOutOfRangeServersDoNot) {
  LessonPage p;
  p.highlight.lanes = {NodeId::of(ClientId{1}), S(5)};
  MessagePattern m;
  m.from = S(4);
  p.highlight.message = m;
  EXPECT_EQ(page_subject(p, 3, {}), ServerId{1});  // S5 and S4 are not in a 3-server run
  EXPECT_EQ(page_subject(p, 5, {}), ServerId{5});
  EXPECT_EQ(page_subject(p, 5, {false, false, false, false, true}), ServerId{4});
}

TEST(PageSubject, TheLessonsPagesTheInspectorOpensOn) {
  const Lesson l11 = lesson("11_prepare_promise.toml");
  ASSERT_GE(l11.pages.size(), 3u);
  EXPECT_EQ(page_subject(l11.pages[2], 3, {}), ServerId{3});  // the late accept reaches S3
  const Lesson l12 = lesson("12_repropose.toml");
  ASSERT_GE(l12.pages.size(), 3u);
  EXPECT_EQ(page_subject(l12.pages[1], 3, {true, false, false}), ServerId{2});
  EXPECT_EQ(page_subject(l12.pages[2], 3, {true, false, false}), ServerId{3});  // S3's no-op
  const Lesson l15 = lesson("15_five_servers_paxos.toml");
  ASSERT_GE(l15.pages.size(), 3u);
  EXPECT_EQ(page_subject(l15.pages[2], 5, {true, true, false, false, false}), ServerId{3});
}

}  // namespace
}  // namespace paxoslab::gui
