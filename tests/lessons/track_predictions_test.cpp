// The shipped track's predictions: from lesson 3 on every
// lesson asks at least one, and `lessons verify` confirms every right choice
// against the simulation (predictions == predictions_checked).
#include <gtest/gtest.h>

#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_verify.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

TEST(TrackPredictions, EveryLessonFromThreeOnAsksAndEveryAnswerIsConfirmed) {
  const LessonDirLoad d = load_lessons_dir(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons");
  ASSERT_TRUE(d.broken.empty());
  int predictions = 0;
  int checked = 0;
  for (const Lesson& l : d.lessons) {
    const LessonVerdict v = verify_lesson(l, [](int n) { return find_stage(n); });
    for (const auto& p : v.problems) ADD_FAILURE() << l.id << ": " << p;
    if (l.order >= 3) {
      EXPECT_GE(v.predictions, 1) << l.id << " asks no prediction";
    }
    predictions += v.predictions;
    checked += v.predictions_checked;
    for (const LessonPage& page : l.pages)
      if (page.predict) {
        const auto& c = page.predict->choices;
        EXPECT_GE(c.size(), 2u);
        EXPECT_LE(c.size(), 4u);
        EXPECT_FALSE(page.predict->question_markdown.empty());
      }
  }
  EXPECT_GE(predictions, 15);
  EXPECT_EQ(checked, predictions);
}

}  // namespace
}  // namespace paxoslab
