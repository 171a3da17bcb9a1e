// The arithmetic behind drawing less (gui/model/draw_budget.hpp): which marks
// merge into one shape.
#include "gui/model/draw_budget.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace paxoslab::gui
