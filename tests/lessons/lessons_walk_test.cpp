// `paxos-lab-cli lessons walk` (cli/cmd_lessons.cpp) on the shipped track:
// every lesson is played page by page through the app's player
// (core/lessons/lesson_player.hpp); every page stops on its moment, exactly, with no
// effect after it. Also the command's
// output shape and its bad-name error.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "cli/commands.hpp"
#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_player.hpp"
#include "stages/registry.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab {
namespace {

using cli::testing::CliResult;
using cli::testing::run_cli;

const std::string kTrack = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

CliResult walk(const std::string& lesson, bool json = true) {
  std::vector<std::string> args = {"lessons", "walk", lesson};
  if (json) args.push_back("--json");
  return run_cli(args, {cli::add_lessons_command});
}

// With one effect per step (core/sim/simulation.hpp) a pause lands on the moment's
// own effect, never after a handler's later sends, executes or replies.
TEST(LessonsWalk, EveryPageOfEveryLessonStopsOnItsMoment) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  ASSERT_TRUE(d.broken.empty());
  ASSERT_EQ(d.lessons.size(), 18u);
  for (const Lesson& l : d.lessons) {
    const CliResult r = walk(l.path);
    ASSERT_EQ(r.code, 0) << l.id << ": " << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["lesson"], l.id);
    ASSERT_EQ(j["pages"].size(), l.pages.size()) << l.id;
    for (std::size_t i = 0; i < l.pages.size(); ++i) {
      const auto& p = j["pages"][i];
      SCOPED_TRACE(l.id + " page " + std::to_string(i + 1));
      EXPECT_EQ(p["page"], static_cast<int>(i) + 1);
      EXPECT_TRUE(p["moment"].is_string());
      EXPECT_TRUE(p["last_event"].is_string());
      // Stopped exactly on the moment: its event is the last effect applied.
      EXPECT_TRUE(p["exact"].get<bool>()) << p.dump();
      EXPECT_EQ(p["effects_after_moment"], 0) << p.dump();
    }
  }
}

TEST(LessonsWalk, EveryMomentIsReachedByNext) {
  const LessonDirLoad d = load_lessons_dir(kTrack);
  for (const Lesson& l : d.lessons) {
    const auto stage = find_stage(l.scenario.config.stage);
    ASSERT_TRUE(stage.has_value());
    const std::vector<PageWalk> w = walk_lesson(l, *stage);
    ASSERT_EQ(w.size(), l.pages.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
      SCOPED_TRACE(l.id + " page " + std::to_string(i + 1));
      if (l.pages[i].pause_at) {
        EXPECT_EQ(w[i].stop, PlayStop::Moment) << w[i].last_event;
      }
      EXPECT_LE(w[i].stretch_first_seq, w[i].stretch_end_seq);
      if (i > 0) {
        EXPECT_EQ(w[i].stretch_first_seq, w[i - 1].stretch_end_seq);
      }
    }
  }
}

TEST(LessonsWalk, NamesALessonByIdNumberOrFile) {
  const CliResult by_id = walk("repropose");
  const CliResult by_number = walk("12");
  const CliResult by_file = walk(kTrack + "/12_repropose.toml");
  ASSERT_EQ(by_id.code, 0) << by_id.err;
  EXPECT_EQ(by_id.out, by_number.out);
  EXPECT_EQ(by_id.out, by_file.out);
  EXPECT_EQ(nlohmann::json::parse(by_id.out)["lesson"], "repropose");
  const CliResult text = walk("repropose", false);
  ASSERT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("page 1 \""), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("moment:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("last event:"), std::string::npos) << text.out;
}

TEST(LessonsWalk, AnUnknownLessonIsExit2WithTheKnownOnes) {
  const CliResult r = walk("no-such-lesson");
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no lesson 'no-such-lesson'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("12 repropose"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace paxoslab
