// The Inspector and the lesson column together: a page opens on the server
// it is about, and warns about another cluster size before its question.
#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace paxoslab::gui
