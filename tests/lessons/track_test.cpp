// The shipped track (lessons/): loads without a broken file, in catalogue
// order, with the shape the track needs; and lesson discovery (core/lessons/lesson_paths.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_paths.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

const std::string kTrack = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

TEST(Track, LoadsEveryLessonInCatalogueOrder) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  for (const auto& e : d.broken) ADD_FAILURE() << e.to_string();
  ASSERT_EQ(d.lessons.size(), 18u);  // 16 catalogue rows + the sandbox + a variant (a rule switched off)
  EXPECT_EQ(d.lessons.front().id, "single-server");
  EXPECT_EQ(d.lessons.front().figure, "Fig. 1");
  EXPECT_EQ(d.lessons[16].id, "sandbox");
  EXPECT_EQ(d.lessons.back().id, "without-durable-promise");  // the course ends with "which rule matters?"
  EXPECT_EQ(d.lessons.back().scenario.config.knobs.without, std::vector<std::string>{"durable-promise"});
  for (std::size_t i = 0; i < d.lessons.size(); ++i) EXPECT_EQ(d.lessons[i].order, static_cast<int>(i) + 1);
  const std::vector<std::string> figures = {"Fig. 1", "Fig. 2", "Fig. 3", "Fig. 3", "Fig. 4", "Fig. 5",
                                            "Fig. 6", "Fig. 7", "Fig. 8", "Fig. 9", "Fig. 10", "Fig. 11",
                                            "slides", "Fig. 12a", "Fig. 12b"};
  for (std::size_t i = 0; i < figures.size(); ++i) EXPECT_EQ(d.lessons[i].figure, figures[i]) << d.lessons[i].id;
}

TEST(Track, EveryLessonHasPagesPausesAndAWorkingExerciseShape) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  for (const Lesson& l : d.lessons) {
    SCOPED_TRACE(l.id);
    EXPECT_GE(l.pages.size(), 2u);
    EXPECT_LE(l.pages.size(), 4u);
    EXPECT_FALSE(l.summary.empty());
    EXPECT_GE(l.exercises.size(), 1u);
    for (const Exercise& e : l.exercises) {
      EXPECT_FALSE(e.hints.empty()) << e.id;
      EXPECT_FALSE(e.solution.empty()) << e.id;
      EXPECT_FALSE(e.goal_text.empty()) << e.id << ": the learner reads the goal in plain words, not as a goal table";
    }
    if (l.id != "sandbox") {
      const bool pauses = std::any_of(l.pages.begin(), l.pages.end(), [](const LessonPage& p) { return p.pause_at.has_value(); });
      EXPECT_TRUE(pauses) << "a catalogue lesson pauses at its key moments";
      EXPECT_FALSE(l.scenario.expect.empty()) << "a catalogue lesson states its expected outcome";
    }
  }
}

TEST(Track, CompareModeOnFig5AndFig9) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  std::set<std::string> with_compare;
  for (const Lesson& l : d.lessons)
    if (l.compare) with_compare.insert(l.figure + " " + std::to_string(l.compare->first) + "," + std::to_string(l.compare->second));
  EXPECT_TRUE(with_compare.count("Fig. 5 2,3"));
  EXPECT_TRUE(with_compare.count("Fig. 9 3,4"));
}

TEST(Track, CatalogueScenariosAreReferencedNotCopied) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  int referenced = 0;
  for (const Lesson& l : d.lessons)
    if (!l.scenario_file.empty()) {
      ++referenced;
      EXPECT_EQ(l.scenario_file.rfind("../scenarios/", 0), 0u) << l.id;
    }
  EXPECT_GE(referenced, 11);  // rows 1-10 and 14 have scenarios/fig*.toml files
}

TEST(LessonPaths, CandidatesInPriorityOrder) {
  LessonSearchInputs in;
  in.env_lessons_dir = "/env/lessons";
  in.env_data_dir = "/data";
  in.executable_path = "/opt/pl/bin/paxos-lab";
  in.install_datadir = "/usr/local/share/paxos-lab";
  in.source_dir = "/src";
  const std::vector<std::string> expected = {"/env/lessons", "/data/lessons", "/opt/pl/share/paxos-lab/lessons", "/opt/pl/lessons",
                                             "/usr/local/share/paxos-lab/lessons", "/src/lessons"};
  EXPECT_EQ(lesson_dir_candidates(in), expected);
  EXPECT_EQ(lesson_dir_candidates(LessonSearchInputs{}).size(), 0u);
}

TEST(LessonPaths, FindsTheFirstDirectoryWithLessons) {
  lesson_testing::ScratchDir dir;
  dir.write("empty/readme.txt", "no lessons here");
  dir.write("share/paxos-lab/lessons/01.toml", "x");
  LessonSearchInputs in;
  in.env_lessons_dir = (dir.path() / "empty").string();  // exists, but holds no *.toml
  in.executable_path = (dir.path() / "bin" / "paxos-lab").string();
  in.source_dir = PAXOSLAB_SOURCE_DIR;
  EXPECT_EQ(find_lessons_dir(in), (dir.path() / "share/paxos-lab/lessons").string());
  in.executable_path.clear();
  EXPECT_EQ(find_lessons_dir(in), kTrack);  // the source tree as the last resort
  in.source_dir.clear();
  EXPECT_EQ(find_lessons_dir(in), "");
}

// A lesson of the track by id, order number or file name (`paxos-lab --lesson
// repropose`, `lessons walk 12`); a file path is itself; anything else: none.
TEST(LessonPaths, FindsALessonFileByIdNumberOrFileName) {
  const std::string want = std::string(kTrack) + "/12_repropose.toml";
  EXPECT_EQ(find_lesson_file(kTrack, "repropose"), want);
  EXPECT_EQ(find_lesson_file(kTrack, "12"), want);
  EXPECT_EQ(find_lesson_file(kTrack, "12_repropose"), want);
  EXPECT_EQ(find_lesson_file(kTrack, "12_repropose.toml"), want);
  EXPECT_EQ(find_lesson_file(kTrack, want), want);
  EXPECT_EQ(find_lesson_file(kTrack, "no-such-lesson"), "");
  EXPECT_EQ(find_lesson_file("", "repropose"), "");
}

}  // namespace
}  // namespace paxoslab
