// The arithmetic behind drawing less (gui/model/draw_budget.hpp): which marks
// merge into one shape.
#include "gui/model/draw_budget.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace paxoslab::gui {
namespace {

TEST(MergeMarks, NoMarksNoRuns) { EXPECT_TRUE(merge_marks({}, 2.0f).empty()); }

TEST(MergeMarks, MarksFartherApartThanTheJoinStayLoneTicks) {
  const auto runs = merge_marks({10.0f, 13.0f, 20.0f}, 2.0f);
  ASSERT_EQ(runs.size(), 3u);
  for (const auto& r : runs) {
    EXPECT_EQ(r.count, 1u);
    EXPECT_EQ(r.x0, r.x1);
  }
  EXPECT_EQ(runs[1].x0, 13.0f);
}

TEST(MergeMarks, CloseMarksBecomeOneRunFromFirstToLast) {
  // 10, 11, 12.5 chain (each within 2 px of the one before); 20 is alone; 22 joins 20.
  const auto runs = merge_marks({10.0f, 11.0f, 12.5f, 20.0f, 22.0f}, 2.0f);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].x0, 10.0f);
  EXPECT_EQ(runs[0].x1, 12.5f);
  EXPECT_EQ(runs[0].count, 3u);
  EXPECT_EQ(runs[1].x0, 20.0f);
  EXPECT_EQ(runs[1].x1, 22.0f);
  EXPECT_EQ(runs[1].count, 2u);
}

TEST(MergeMarks, TenThousandActionsOnAThousandPixelsAreAFewShapes) {
  std::vector<float> xs;
  for (int i = 0; i < 10000; ++i) xs.push_back(static_cast<float>(i) * 0.1f);
  const auto runs = merge_marks(xs, 2.0f);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count, 10000u);
  EXPECT_FLOAT_EQ(runs[0].x1, 999.9f);
}

TEST(MergeMarks, NegativeJoinJoinsOnlyEqualPositions) {
  const auto runs = merge_marks({5.0f, 5.0f, 5.5f}, -1.0f);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].count, 2u);
}

TEST(MergeSpans, OverlappingAndTouchingSpansUnite) {
  const auto out = merge_spans({{30, 40}, {0, 10}, {5, 12}, {13, 20}, {50, 45}}, 1.0f);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].x0, 0.0f);
  EXPECT_EQ(out[0].x1, 20.0f);  // 0-10, 5-12 overlap; 13 is 1 px after 12
  EXPECT_EQ(out[1].x0, 30.0f);
  EXPECT_EQ(out[1].x1, 40.0f);
  EXPECT_EQ(out[2].x0, 45.0f);  // a reversed span is swapped
  EXPECT_EQ(out[2].x1, 50.0f);
}

TEST(MergeSpans, ContainedSpanDoesNotShrinkTheUnion) {
  const auto out = merge_spans({{0, 100}, {10, 20}}, 0.0f);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].x1, 100.0f);
}

TEST(DistinctPixels, MarksOnOnePixelAreDrawnOnce) {
  const auto xs = distinct_pixels({10.2f, 3.0f, 9.8f, 10.4f, 3.0f, 11.6f});
  ASSERT_EQ(xs.size(), 3u);
  EXPECT_EQ(xs[0], 3.0f);
  EXPECT_EQ(xs[1], 10.0f);  // 9.8, 10.2 and 10.4 round to pixel 10
  EXPECT_EQ(xs[2], 12.0f);
}

TEST(ClipToColumns, ASegmentInsideIsKept) {
  const auto c = clip_to_columns(PixelSegment{10, 5, 50, 25}, 0, 100);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->x0, 10.0f);
  EXPECT_EQ(c->y0, 5.0f);
  EXPECT_EQ(c->x1, 50.0f);
  EXPECT_EQ(c->y1, 25.0f);
}

TEST(ClipToColumns, EndsOutsideMoveAlongTheSegmentToTheEdges) {
  // From x = -100 to x = 300, y from 0 to 40: at x = 0 y is 10, at x = 200 y is 30.
  const auto c = clip_to_columns(PixelSegment{-100, 0, 300, 40}, 0, 200);
  ASSERT_TRUE(c.has_value());
  EXPECT_FLOAT_EQ(c->x0, 0.0f);
  EXPECT_FLOAT_EQ(c->y0, 10.0f);
  EXPECT_FLOAT_EQ(c->x1, 200.0f);
  EXPECT_FLOAT_EQ(c->y1, 30.0f);
}

TEST(ClipToColumns, TheEndsKeepTheirOrderRightToLeft) {
  const auto c = clip_to_columns(PixelSegment{300, 40, -100, 0}, 0, 200);
  ASSERT_TRUE(c.has_value());
  EXPECT_FLOAT_EQ(c->x0, 200.0f);
  EXPECT_FLOAT_EQ(c->y0, 30.0f);
  EXPECT_FLOAT_EQ(c->x1, 0.0f);
  EXPECT_FLOAT_EQ(c->y1, 10.0f);
}

TEST(ClipToColumns, ASegmentLeftOrRightOfTheColumnsIsDropped) {
  EXPECT_FALSE(clip_to_columns(PixelSegment{-50, 0, -1, 9}, 0, 200).has_value());
  EXPECT_FALSE(clip_to_columns(PixelSegment{201, 0, 400, 9}, 0, 200).has_value());
  EXPECT_FALSE(clip_to_columns(PixelSegment{10, 0, 20, 9}, 50, 40).has_value());  // no columns
}

TEST(StubStart, AnArrowEnteringFromTheLeftAndEndingInsideIsItsLastPixels) {
  EXPECT_FLOAT_EQ(stub_start(-300, 150, 0, 200, 64), 86.0f);
  EXPECT_FLOAT_EQ(stub_start(-300, 40, 0, 200, 64), 0.0f);  // shorter than a stub inside: from the edge
}

TEST(StubStart, AnyOtherArrowIsDrawnOverAllTheColumns) {
  EXPECT_FLOAT_EQ(stub_start(10, 150, 0, 200, 64), 0.0f);    // sent inside
  EXPECT_FLOAT_EQ(stub_start(-300, 500, 0, 200, 64), 0.0f);  // crosses the whole plot
  EXPECT_FLOAT_EQ(stub_start(0, 150, 0, 200, 64), 0.0f);     // sent on the edge
}

TEST(ClipToColumns, AVerticalSegmentInsideIsKeptWhole) {
  const auto c = clip_to_columns(PixelSegment{30, 0, 30, 80}, 0, 200);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->y0, 0.0f);
  EXPECT_EQ(c->y1, 80.0f);
  EXPECT_FALSE(clip_to_columns(PixelSegment{-30, 0, -30, 80}, 0, 200).has_value());
}

TEST(SegmentSet, ASegmentOnTheSamePixelsInTheSameStyleIsDrawnOnce) {
  SegmentSet set;
  EXPECT_TRUE(set.first(PixelSegment{10.2f, 20.0f, 90.0f, 60.4f}, 7));
  EXPECT_FALSE(set.first(PixelSegment{9.8f, 19.6f, 90.3f, 60.0f}, 7));  // rounds to the same pixels
  EXPECT_EQ(set.size(), 1u);
}

TEST(SegmentSet, AnotherStyleAnotherPixelOrTheOtherDirectionIsDrawn) {
  SegmentSet set;
  EXPECT_TRUE(set.first(PixelSegment{10, 20, 90, 60}, 7));
  EXPECT_TRUE(set.first(PixelSegment{10, 20, 90, 60}, 8));  // another colour
  EXPECT_TRUE(set.first(PixelSegment{11, 20, 90, 60}, 7));  // one pixel to the right
  EXPECT_TRUE(set.first(PixelSegment{90, 60, 10, 20}, 7));  // the other way (its head is elsewhere)
  EXPECT_EQ(set.size(), 4u);
}

TEST(SegmentSet, ABurstOfMessagesBetweenTwoLanesInOnePixelColumnIsOneLine) {
  // 50 arrows of one kind from one lane to another, sent within the same pixel
  // and received within the same pixel (0.02 px apart): one line to draw.
  SegmentSet set;
  int drawn = 0;
  for (int i = 0; i < 50; ++i) {
    const float dx = static_cast<float>(i) * 0.005f;
    if (set.first(PixelSegment{100.0f + dx, 40.0f, 180.0f + dx, 120.0f}, 1)) ++drawn;
  }
  EXPECT_EQ(drawn, 1);
}

TEST(SegmentSet, WithCellsSideBySideSegmentsAreOneBundle) {
  // Messages in flight between two lanes, sent 3 px apart, their heads 2 px
  // apart on the cursor's column: with 8 px cells one line for the bundle.
  // (Ends are rounded to the nearest cell: these stay inside one cell.)
  SegmentSet set(8.0f);
  EXPECT_TRUE(set.first(PixelSegment{86, 40, 300, 89}, 1));
  EXPECT_FALSE(set.first(PixelSegment{89, 40, 300, 91}, 1));
  EXPECT_TRUE(set.first(PixelSegment{106, 40, 300, 91}, 1));  // sent 20 px later: its own line
  EXPECT_TRUE(set.first(PixelSegment{89, 40, 300, 91}, 2));   // another kind
  EXPECT_EQ(set.size(), 3u);
}

TEST(Ray, ALongSegmentKeepsItsFirstPixelsInItsDirection) {
  const PixelSegment r = ray(PixelSegment{10, 20, 310, 420}, 100);  // 500 px long
  EXPECT_FLOAT_EQ(r.x0, 10.0f);
  EXPECT_FLOAT_EQ(r.y0, 20.0f);
  EXPECT_FLOAT_EQ(r.x1, 70.0f);
  EXPECT_FLOAT_EQ(r.y1, 100.0f);
}

TEST(Ray, ASegmentNoLongerThanTheRayIsKeptWhole) {
  const PixelSegment s{0, 0, -30, 40};  // 50 px long
  const PixelSegment r = ray(s, 50);
  EXPECT_FLOAT_EQ(r.x1, -30.0f);
  EXPECT_FLOAT_EQ(r.y1, 40.0f);
  EXPECT_FLOAT_EQ(ray(s, 80).x1, -30.0f);
}

TEST(Ray, ANegativeRayIsTheStartPoint) {
  const PixelSegment r = ray(PixelSegment{5, 6, 100, 6}, -3);
  EXPECT_FLOAT_EQ(r.x1, 5.0f);
  EXPECT_FLOAT_EQ(r.y1, 6.0f);
}

TEST(ClientLinkReach, FewLinksAreWholeManyAreRays) {
  EXPECT_TRUE(std::isinf(client_link_reach(9)));    // 3 clients, 3 servers
  EXPECT_TRUE(std::isinf(client_link_reach(10)));   // 2 clients, 5 servers
  EXPECT_FLOAT_EQ(client_link_reach(21), kClientRayPx);  // 3 clients, 7 servers
  const PixelSegment whole{0, 0, 600, 80};
  EXPECT_FLOAT_EQ(ray(whole, client_link_reach(9)).x1, 600.0f);
}

TEST(Wedge, ApexAtTheStartBaseAcrossTheEnd) {
  const auto w = wedge(PixelSegment{10, 20, 110, 20}, 1.5f);  // rightwards, y down
  ASSERT_TRUE(w.has_value());
  EXPECT_FLOAT_EQ(w->apex_x, 10.0f);
  EXPECT_FLOAT_EQ(w->apex_y, 20.0f);
  // The base is perpendicular to the line at its end, half_width either side;
  // left of a line running in +x (y down) is -y.
  EXPECT_FLOAT_EQ(w->left_x, 110.0f);
  EXPECT_FLOAT_EQ(w->left_y, 18.5f);
  EXPECT_FLOAT_EQ(w->right_x, 110.0f);
  EXPECT_FLOAT_EQ(w->right_y, 21.5f);
}

TEST(Wedge, DiagonalBaseHasTheHalfWidthFromTheEnd) {
  const auto w = wedge(PixelSegment{0, 0, 30, 40}, 2.0f);
  ASSERT_TRUE(w.has_value());
  EXPECT_NEAR(std::hypot(w->left_x - 30.0f, w->left_y - 40.0f), 2.0f, 1e-4);
  EXPECT_NEAR(std::hypot(w->right_x - 30.0f, w->right_y - 40.0f), 2.0f, 1e-4);
  // perpendicular to the line
  EXPECT_NEAR((w->left_x - w->right_x) * 30.0f + (w->left_y - w->right_y) * 40.0f, 0.0f, 1e-3);
}

TEST(Wedge, NoWedgeForASegmentShorterThanHalfAPixel) {
  EXPECT_FALSE(wedge(PixelSegment{5, 5, 5.2f, 5.2f}, 1.5f).has_value());
  EXPECT_FALSE(wedge(PixelSegment{5, 5, 5, 5}, 1.5f).has_value());
}

TEST(TrimmedProfile, A1PxLineIsTrimmedFrom3To2PxAndItsRowByHalfATexelEachSide) {
  // ImGui's row for width 1 spans 3 texels over 3 px: [clear, opaque, clear].
  const LineProfile p = trimmed_profile(1, 0.0f, 3.0f);
  EXPECT_FLOAT_EQ(p.half_width, 1.0f);
  EXPECT_FLOAT_EQ(p.u0, 0.5f);
  EXPECT_FLOAT_EQ(p.u1, 2.5f);
}

TEST(TrimmedProfile, WiderLinesLoseHalfAPixelEachSide) {
  const LineProfile p = trimmed_profile(3, 10.0f, 15.0f);  // 5 texels over 5 px
  EXPECT_FLOAT_EQ(p.half_width, 2.0f);
  EXPECT_FLOAT_EQ(p.u0, 10.5f);
  EXPECT_FLOAT_EQ(p.u1, 14.5f);
  // the texture's scale is unchanged: u per pixel across the line
  EXPECT_FLOAT_EQ((p.u1 - p.u0) / (2.0f * p.half_width), 1.0f);
}

TEST(TrimmedProfile, AWidthBelowOneIsOne) {
  const LineProfile p = trimmed_profile(0, 0.0f, 3.0f);
  EXPECT_FLOAT_EQ(p.half_width, 1.0f);
  EXPECT_FLOAT_EQ(p.u0, 0.5f);
}

}  // namespace
}  // namespace paxoslab::gui
