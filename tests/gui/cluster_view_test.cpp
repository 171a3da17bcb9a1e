// The cluster view with real ImGui input: links, clients, and markers that
// move with simulated time while playing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

using test::Harness;

class ClusterViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(app.open_scenario(test::scenario_path("fig09_two_leaders.toml")), "");
    h.frame(app);
    h.frame(app);
  }
  Harness h;
  App app{AppOptions{}, Preferences{}};
};

TEST_F(ClusterViewTest, ClickingALinkThenCutCutsItInBothDirections) {
  const auto& g = app.cluster_state().geometry;
  const ImVec2 a = g.pos(NodeId::of(ServerId{2}));
  const ImVec2 b = g.pos(NodeId::of(ServerId{3}));
  const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  h.click(app, mid);
  ImGuiWindow* popup = Harness::open_popup();
  ASSERT_NE(popup, nullptr);
  ImVec2 item;
  ASSERT_TRUE(h.find_item(app, popup, "Cut", item));
  h.click(app, item);
  h.frame(app);
  const LinkFaults& net = app.session().sim().links();
  EXPECT_TRUE(net.cut(NodeId::of(ServerId{2}), NodeId::of(ServerId{3})));
  EXPECT_TRUE(net.cut(NodeId::of(ServerId{3}), NodeId::of(ServerId{2})));
}

TEST_F(ClusterViewTest, RightClickOnAClientSendsItsNextRequest) {
  const ImVec2 c1 = app.cluster_state().geometry.pos(NodeId::of(ClientId{1}));
  h.click(app, c1, 1);
  ImVec2 item;
  ASSERT_TRUE(h.find_item(app, Harness::open_popup(), "Send request m1", item));  // nothing sent yet
  const auto emitted = h.click(app, item);
  ASSERT_EQ(emitted.size(), 1u);
  const auto* apply = std::get_if<cmd::Apply>(&emitted.front());
  ASSERT_NE(apply, nullptr);
  const auto* req = std::get_if<ClientRequestAction>(&apply->action);
  ASSERT_NE(req, nullptr);
  EXPECT_EQ(req->client, ClientId{1});
  EXPECT_EQ(req->request, RequestId{1});
  h.frame(app);
  ASSERT_FALSE(app.session().sim().clients()[0].sent.empty());
  EXPECT_EQ(app.session().sim().clients()[0].sent.front(), RequestId{1});
}

TEST_F(ClusterViewTest, MarkersGlideBetweenEventsWhilePlaying) {
  while (app.session().sim().network().in_flight().empty()) ASSERT_TRUE(app.session().step());
  app.session().set_speed(5.0);  // slow: several frames per tick
  app.queue().push(cmd::SetPlaying{true});
  h.frame(app);
  h.frame(app);
  ASSERT_FALSE(app.cluster_state().markers.empty());
  const MessageMarker before = app.cluster_state().markers.front();
  const auto steps = app.session().cursor();
  h.frame(app);
  h.frame(app);
  const MessageMarker after = app.cluster_state().markers.front();
  ASSERT_EQ(before.id, after.id);
  EXPECT_EQ(app.session().cursor(), steps);  // no event passed...
  EXPECT_GT(std::hypot(after.center.x - before.center.x, after.center.y - before.center.y), 0.5f);  // ...yet it moved
  EXPECT_GT(app.session().display_time(), static_cast<double>(app.session().sim().now()));
}

TEST(ClusterGeometryTest, CoversNodeOnlyNearACircleOrAClientSquare) {
  const ClusterGeometry g = layout_cluster(ImVec2(0, 0), ImVec2(800, 400), 3, 1);
  const ImVec2 s1 = g.servers[0];
  const float r = g.node_radius;
  // A box on the circle, one just off its edge (within the margin), one clear of it.
  EXPECT_TRUE(g.covers_node(ImVec2(s1.x - 5, s1.y - 5), ImVec2(s1.x + 5, s1.y + 5), 3.0f));
  EXPECT_TRUE(g.covers_node(ImVec2(s1.x + r + 1, s1.y - 5), ImVec2(s1.x + r + 40, s1.y + 5), 3.0f));
  EXPECT_FALSE(g.covers_node(ImVec2(s1.x + r + 5, s1.y - 5), ImVec2(s1.x + r + 40, s1.y + 5), 3.0f));
  // Diagonally off a circle the box's corner counts, not its bounding square.
  const float d = r * 0.85f;
  EXPECT_FALSE(g.covers_node(ImVec2(s1.x + d, s1.y + d), ImVec2(s1.x + d + 30, s1.y + d + 10), 3.0f));
  const ImVec2 c1 = g.clients[0];
  const float cr = std::min(r, 20.0f);
  EXPECT_TRUE(g.covers_node(ImVec2(c1.x + cr, c1.y + cr), ImVec2(c1.x + cr + 20, c1.y + cr + 10), 3.0f));
  // The middle of the view is clear of every node.
  const ImVec2 mid((g.servers[1].x + g.servers[2].x) * 0.5f, (g.servers[1].y + g.servers[2].y) * 0.5f);
  EXPECT_FALSE(g.covers_node(ImVec2(mid.x - 10, mid.y - 5), ImVec2(mid.x + 10, mid.y + 5), 3.0f));
}

}  // namespace
}  // namespace paxoslab::gui
