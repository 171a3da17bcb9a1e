// The Inspector and the lesson column together: a page opens on the server
// it is about, the Inspector says what a handler still has to do, the page
// warns about another cluster size before its question, and the last page
// has one way on.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "gui/model/node_state.hpp"
#include "tests/gui/gui_harness.hpp"

namespace paxoslab::gui {
namespace {

const std::string kTrack = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

/// Lesson `file` open at page `page` (1-based), played to its moment.
void open_at(test::Harness& h, App& app, const char* file, int page) {
  ASSERT_EQ(app.open_lesson(kTrack + "/" + file), "");
  app.show_lesson_page(page - 1);
  h.frame(app);
  ASSERT_EQ(app.lessons().page(), page - 1);
}

TEST(InspectorLesson, APageOpensOnTheServerItIsAbout) {
  test::Harness h(ImVec2(1280, 800));
  App app{AppOptions{}, Preferences{}};
  open_at(h, app, "11_prepare_promise.toml", 3);
  EXPECT_EQ(app.ui().selected, NodeId::of(ServerId{3}));
  open_at(h, app, "12_repropose.toml", 2);
  ASSERT_TRUE(app.session().sim().crashed(ServerId{1}));
  EXPECT_EQ(app.ui().selected, NodeId::of(ServerId{2}));
  // The learner's own pick stands until the next page.
  app.queue().push(cmd::Select{NodeId::of(ServerId{1})});
  h.frame(app);
  h.frame(app);
  EXPECT_EQ(app.ui().selected, NodeId::of(ServerId{1}));
  app.show_lesson_page(2);
  h.frame(app);
  EXPECT_EQ(app.ui().selected, NodeId::of(ServerId{3}));  // S3's no-op
}

TEST(InspectorLesson, AHandlersEffectsStillToPlayAreShownWithItsTimers) {
  // Lesson 10, page 3: S1 executes m1; its handler already waits for
  // Learn(m2, 2), but cancelling t23 and sending Accept(m2, 2) are still to play.
  test::Harness h(ImVec2(1280, 800));
  App app{AppOptions{}, Preferences{}};
  open_at(h, app, "10_two_leaders.toml", 3);
  const Simulation& sim = app.session().sim();
  const HandlerBacklog b = handler_backlog(sim, ServerId{1});
  const auto has = [&](const char* text) { return std::find(b.effects.begin(), b.effects.end(), text) != b.effects.end(); };
  EXPECT_TRUE(has("send Accept(m2, 2) to S2")) << ::testing::PrintToString(b.effects);
  EXPECT_TRUE(has("send Accept(m2, 2) to S3")) << ::testing::PrintToString(b.effects);
  ASSERT_EQ(b.cancels.size(), 1u);
  bool armed = false;
  for (const TimerInfo& t : sim.timers())
    if (t.id == b.cancels.front()) armed = t.purpose.find("retransmit Accept(m1, 1)") != std::string::npos;
  EXPECT_TRUE(armed);
  ASSERT_EQ(b.arms.size(), 1u);
  EXPECT_NE(b.arms.front().purpose.find("Accept(m2, 2)"), std::string::npos) << b.arms.front().purpose;
  EXPECT_TRUE(handler_backlog(sim, ServerId{2}).empty());
  // Looking changes nothing: the run's trace and its queue are as they were.
  const std::uint64_t events = sim.trace().size();
  const std::uint64_t hash = sim.trace().hash();
  const std::size_t queued = sim.effects_in_progress();
  (void)handler_backlog(sim, ServerId{1});
  EXPECT_EQ(sim.trace().size(), events);
  EXPECT_EQ(sim.trace().hash(), hash);
  EXPECT_EQ(sim.effects_in_progress(), queued);
}

TEST(InspectorLesson, TheServerCountWarningComesBeforeTheQuestion) {
  test::Harness h(ImVec2(1280, 800));
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_lesson(kTrack + "/09_majority_side.toml"), "");
  const Lesson& l = *app.lessons().current();
  EXPECT_EQ(servers_warning(l, 0), "");
  EXPECT_EQ(servers_warning(l, l.scenario.config.servers), "");
  EXPECT_EQ(servers_warning(l, 2), "The lesson is written for " + std::to_string(l.scenario.config.servers) +
                                       " servers and runs with 2 here: its words may not match the run.");
}

TEST(InspectorLesson, TheLastPageOffersTheNextLessonOnce) {
  test::Harness h(ImVec2(1280, 800));
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_lesson(kTrack + "/01_single_server.toml"), "");
  const int pages = static_cast<int>(app.lessons().current()->pages.size());
  app.show_lesson_page(pages - 1);
  for (int i = 0; i < 3; ++i) h.frame(app);
  ImGuiWindow* w = ImGui::FindWindowByName("Lesson");
  ImVec2 next;
  ASSERT_TRUE(h.find_item(app, w, "###next", next));
  h.press(app, next);
  h.release(app);
  h.frame(app);
  ASSERT_NE(app.lessons().current(), nullptr);
  EXPECT_EQ(app.lessons().current()->order, 2);
}

}  // namespace
}  // namespace paxoslab::gui
