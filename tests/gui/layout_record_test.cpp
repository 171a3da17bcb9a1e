// The layout record: labels drawn through gui/panels/labels.hpp and
// ImGui widget text captured at ImDrawList::AddText, and the report of
// overlapping and clipped text built from them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "gui/app/text_capture.hpp"
#include "gui/panels/labels.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

const ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings;

bool has_text(const std::vector<LayoutClip>& v, const std::string& text) {
  return std::any_of(v.begin(), v.end(), [&](const LayoutClip& c) { return c.text == text; });
}

TEST(LayoutBox, IntersectOverlapContain) {
  const Box a{ImVec2(0, 0), ImVec2(10, 10)};
  const Box b{ImVec2(5, 5), ImVec2(20, 20)};
  const Box c{ImVec2(10, 0), ImVec2(20, 10)};  // touches a's edge only
  EXPECT_TRUE(a.overlaps(b));
  EXPECT_FALSE(a.overlaps(c));
  const Box i = a.intersect(b);
  EXPECT_FLOAT_EQ(i.min.x, 5);
  EXPECT_FLOAT_EQ(i.max.y, 10);
  EXPECT_TRUE(a.intersect(Box{ImVec2(30, 30), ImVec2(40, 40)}).empty());
  EXPECT_TRUE(b.contains(Box{ImVec2(6, 6), ImVec2(19, 19)}));
  EXPECT_FALSE(a.contains(b));
}

class LayoutRecordTest : public ::testing::Test {
 protected:
  test::Harness h{ImVec2(800, 600)};
  LayoutRecord rec;

  void begin(bool capture) {
    rec.begin_frame(capture);
    attach_layout_record(&rec);
    ImGui::NewFrame();
    if (capture) begin_widget_capture();
  }
  void end() {
    end_widget_capture();
    ImGui::Render();
    attach_layout_record(nullptr);
  }
};

TEST_F(LayoutRecordTest, OverlappingLabelsAreReportedWithPanelAndTexts) {
  begin(false);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Canvas", nullptr, kFixed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(50, 50), IM_COL32_WHITE, "follower of S3");
  draw_label_box(rec, dl, nullptr, 13.0f, ImVec2(70, 56), "Lrn", IM_COL32_WHITE, IM_COL32_BLACK);
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(50, 150), IM_COL32_WHITE, "far away");
  ImGui::End();
  end();

  ASSERT_EQ(rec.labels().size(), 3u);
  EXPECT_EQ(rec.labels()[0].panel, "Canvas");
  const LayoutReport r = rec.report();
  ASSERT_EQ(r.overlaps.size(), 1u);
  EXPECT_EQ(r.overlaps[0].kind, "text");
  EXPECT_EQ(r.overlaps[0].panel, "Canvas");
  EXPECT_EQ(r.overlaps[0].text_a, "follower of S3");
  EXPECT_EQ(r.overlaps[0].text_b, "Lrn");
  EXPECT_TRUE(r.clipped.empty());

  const auto j = nlohmann::json::parse(layout_report_json(r));
  ASSERT_EQ(j["overlaps"].size(), 1u);
  EXPECT_EQ(j["overlaps"][0]["texts"][1], "Lrn");
  EXPECT_EQ(j["clipped"].size(), 0u);
}

TEST_F(LayoutRecordTest, IsFreeSeesLabelsAndObstacles) {
  begin(false);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Canvas", nullptr, kFixed);
  const Box drawn = draw_label(rec, ImGui::GetWindowDrawList(), nullptr, 13.0f, ImVec2(50, 50), IM_COL32_WHITE, "S1");
  rec.add_obstacle("Canvas", "node S2", Box{ImVec2(200, 200), ImVec2(240, 240)});
  EXPECT_FALSE(rec.is_free("Canvas", drawn));
  EXPECT_FALSE(rec.is_free("Canvas", Box{ImVec2(230, 230), ImVec2(260, 250)}));
  EXPECT_TRUE(rec.is_free("Canvas", Box{ImVec2(100, 100), ImVec2(150, 120)}));
  EXPECT_TRUE(rec.is_free("Other panel", drawn));
  ImGui::End();
  end();
}

TEST_F(LayoutRecordTest, ALabelMeetingAMarkOrAnotherNodeIsAShapeOverlap) {
  begin(false);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Canvas", nullptr, kFixed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  rec.add_obstacle("Canvas", "S1", Box{ImVec2(100, 100), ImVec2(150, 150)});
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(115, 118), IM_COL32_WHITE, "S1");          // its own name, inside
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(90, 145), IM_COL32_WHITE, "witness <m1>");  // half on the node
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(20, 40), IM_COL32_WHITE, "rnd 8, promised 8");
  rec.add_mark("Canvas", "lost Acc m1", Box{ImVec2(40, 36), ImVec2(52, 48)});  // a cross over the caption
  rec.add_mark("Canvas", "far mark", Box{ImVec2(300, 250), ImVec2(312, 262)});
  EXPECT_FALSE(rec.is_free("Canvas", Box{ImVec2(296, 246), ImVec2(300, 250)}, 1.0f));  // marks keep later labels off
  EXPECT_TRUE(rec.is_free("Canvas", Box{ImVec2(296, 246), ImVec2(300, 250)}, 1.0f, "far mark"));
  EXPECT_TRUE(rec.is_free("Canvas", Box{ImVec2(145, 120), ImVec2(155, 128)}, 0.0f, "S1"));  // on S1's rim
  EXPECT_FALSE(rec.is_free("Canvas", Box{ImVec2(145, 120), ImVec2(155, 128)}, 0.0f));
  ImGui::End();
  end();

  const LayoutReport r = rec.report();
  ASSERT_EQ(r.overlaps.size(), 2u);
  EXPECT_EQ(r.overlaps[0].kind, "shape");
  EXPECT_EQ(r.overlaps[0].text_a, "witness <m1>");
  EXPECT_EQ(r.overlaps[0].text_b, "S1");
  EXPECT_EQ(r.overlaps[1].kind, "shape");
  EXPECT_EQ(r.overlaps[1].text_a, "rnd 8, promised 8");
  EXPECT_EQ(r.overlaps[1].text_b, "lost Acc m1");
  const auto j = nlohmann::json::parse(layout_report_json(r));
  EXPECT_EQ(j["overlaps"][1]["kind"], "shape");
  EXPECT_EQ(j["overlaps"][1]["texts"][1], "lost Acc m1");
}

TEST_F(LayoutRecordTest, LabelCutByTheClipRectIsClippedUnlessThePanelPans) {
  begin(false);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("Canvas", nullptr, kFixed);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImVec2(0, 0), ImVec2(100, 100), true);
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(80, 20), IM_COL32_WHITE, "cut at the edge");
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(80, 40), IM_COL32_WHITE, "pannable", true);
  draw_label(rec, dl, nullptr, 13.0f, ImVec2(300, 20), IM_COL32_WHITE, "not drawn at all");
  dl->PopClipRect();
  ImGui::End();
  end();
  const LayoutReport r = rec.report();
  ASSERT_EQ(r.clipped.size(), 1u);
  EXPECT_EQ(r.clipped[0].text, "cut at the edge");
  EXPECT_EQ(r.clipped[0].panel, "Canvas");
}

TEST_F(LayoutRecordTest, WidgetBeyondAWindowThatCannotScrollIsClipped) {
  // Two frames: a window's scrollbars are decided from the last frame's content.
  for (int frame = 0; frame < 3; ++frame) {
    begin(true);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(140, 120));
    ImGui::Begin("Fixed", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar);
    ImGui::Button("Start an empty cluster");
    ImGui::SameLine();
    ImGui::Button("Add");  // beyond the right edge
    ImGui::Dummy(ImVec2(10, 200));
    ImGui::Button("Below");  // beyond the bottom
    ImGui::End();
    ImGui::SetNextWindowPos(ImVec2(300, 0));
    ImGui::SetNextWindowSize(ImVec2(200, 120));
    ImGui::Begin("Scrolls", nullptr, kFixed);
    ImGui::Dummy(ImVec2(10, 200));
    ImGui::Button("Reachable");  // below, but the window scrolls
    ImGui::End();
    end();
  }
  const LayoutReport r = rec.report();
  EXPECT_TRUE(has_text(r.clipped, "Add"));
  EXPECT_TRUE(has_text(r.clipped, "Below"));
  EXPECT_TRUE(has_text(r.clipped, "Start an empty cluster"));  // wider than the window
  EXPECT_FALSE(has_text(r.clipped, "Reachable"));
  for (const LayoutClip& c : r.clipped) EXPECT_EQ(c.panel, "Fixed") << c.text;
}

TEST_F(LayoutRecordTest, WithoutCaptureWidgetTextIsNotRecorded) {
  begin(false);
  ImGui::Begin("Plain", nullptr, kFixed);
  ImGui::Button("Hello");
  ImGui::End();
  end();
  EXPECT_TRUE(rec.widget_texts().empty());
}

TEST(LayoutRecordApp, AFrameRecordsTheClusterLabels) {
  test::Harness h;
  App app(AppOptions{}, Preferences{});
  app.set_layout_capture(true);
  h.frame(app);
  h.frame(app);
  const auto& labels = app.layout().labels();
  EXPECT_TRUE(std::any_of(labels.begin(), labels.end(),
                          [](const DrawnLabel& l) { return l.panel == "Cluster" && l.text == "S1"; }));
  EXPECT_FALSE(app.layout().widget_texts().empty());
}

/// The cluster view's overlaps (text on text, text on a node or a mark) on
/// `lesson`'s page `page` (1-based) at its stop, run with `servers` servers.
std::vector<LayoutOverlap> cluster_overlaps(const std::string& lesson, int page, int servers) {
  test::Harness h;
  App app(AppOptions{}, Preferences{});
  app.set_layout_capture(true);
  EXPECT_EQ(app.open_lesson(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/" + lesson), "");
  SimConfig c = app.session().source().config;
  if (c.servers != servers) {
    c.servers = servers;
    c.knobs.quorum_size = std::min(c.knobs.quorum_size, c.servers);
    app.start_setup(c, true);
  }
  app.show_lesson_page(page - 1);
  for (int i = 0; i < 3; ++i) h.frame(app);
  // The page is on screen and the cluster view drew its servers: an empty
  // report must not pass for a clean one.
  EXPECT_EQ(app.lessons().page(), page - 1) << lesson;
  const auto& labels = app.layout().labels();
  EXPECT_TRUE(std::any_of(labels.begin(), labels.end(),
                          [](const DrawnLabel& l) { return l.panel == "Cluster" && l.text == "S1"; }))
      << lesson << " page " << page << ": nothing recorded in the cluster view";
  std::vector<LayoutOverlap> out;
  for (const LayoutOverlap& o : app.layout().report().overlaps)
    if (o.panel == "Cluster") out.push_back(o);
  return out;
}

// Pages where lost messages' crosses, failure-detector pies and a witness's
// chip met captions and nodes: nothing in the cluster view overlaps now.
TEST(LayoutRecordApp, BusyLessonPagesHaveNoOverlapsInTheClusterView) {
  struct Case { const char* lesson; int page; int servers; };
  for (const Case& k : {Case{"13_round_numbers.toml", 2, 3}, Case{"13_round_numbers.toml", 1, 5},
                        Case{"08_two_server_partition.toml", 2, 5}, Case{"06_leader_crash.toml", 3, 7},
                        Case{"16_duelling_leaders.toml", 3, 3}}) {
    for (const LayoutOverlap& o : cluster_overlaps(k.lesson, k.page, k.servers))
      ADD_FAILURE() << k.lesson << " page " << k.page << " at " << k.servers << " servers: " << o.kind << " overlap of '"
                    << o.text_a << "' and '" << o.text_b << "'";
  }
}

}  // namespace
}  // namespace paxoslab::gui
