// Per-user progress (gui/model/progress.hpp): where it lives, round trips, atomic
// writes that leave no temporary files, recovery from a corrupt file, reset.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "core/scenario/atomic_file.hpp"
#include "gui/model/progress.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

namespace fs = std::filesystem;
using lesson_testing::ScratchDir;

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Progress sample() {
  Progress p;
  p.lessons["send-accept"].page = 2;
  p.mark_exercise("send-accept", "make-s2-stuck");
  p.lessons["single-server"].completed = true;
  return p;
}

TEST(Progress, DefaultPathFollowsXdgThenHome) {
  EXPECT_EQ(default_progress_path(env_of({{"XDG_DATA_HOME", "/x/data"}, {"HOME", "/home/u"}})),
            "/x/data/paxos-lab/progress.json");
  EXPECT_EQ(default_progress_path(env_of({{"HOME", "/home/u"}})), "/home/u/.local/share/paxos-lab/progress.json");
  // XDG says a relative path is invalid and must be ignored.
  EXPECT_EQ(default_progress_path(env_of({{"XDG_DATA_HOME", "rel"}, {"HOME", "/home/u"}})),
            "/home/u/.local/share/paxos-lab/progress.json");
  EXPECT_EQ(default_progress_path(env_of({})), "");
}

TEST(Progress, MarksExercisesOnce) {
  Progress p;
  EXPECT_TRUE(p.mark_exercise("l", "e"));
  EXPECT_FALSE(p.mark_exercise("l", "e"));
  EXPECT_TRUE(p.exercise_done("l", "e"));
  EXPECT_FALSE(p.exercise_done("l", "f"));
  EXPECT_FALSE(p.exercise_done("m", "e"));
  EXPECT_EQ(p.lessons["l"].exercises_done.size(), 1u);
}

TEST(Progress, SavesAtomicallyAndLoadsBack) {
  ScratchDir dir;
  const fs::path file = dir.path() / "deep" / "paxos-lab" / "progress.json";  // directory created on save
  EXPECT_EQ(save_progress(sample(), file.string()), "");
  const ProgressLoad l = load_progress(file.string());
  EXPECT_EQ(l.warning, "");
  EXPECT_EQ(l.progress, sample());
  // Overwrite: the new content replaces the old, and no temporary file is left behind.
  Progress more = sample();
  more.lessons["send-accept"].page = 3;
  EXPECT_EQ(save_progress(more, file.string()), "");
  EXPECT_EQ(load_progress(file.string()).progress, more);
  int files = 0;
  for (const auto& e : fs::directory_iterator(file.parent_path())) {
    ++files;
    EXPECT_EQ(e.path().filename(), "progress.json");
  }
  EXPECT_EQ(files, 1);
}

TEST(Progress, MissingFileIsFreshProgressWithoutWarning) {
  ScratchDir dir;
  const ProgressLoad l = load_progress((dir.path() / "none.json").string());
  EXPECT_EQ(l.warning, "");
  EXPECT_TRUE(l.progress.lessons.empty());
}

TEST(Progress, CorruptFileIsKeptAsideNeverOverwrittenAndProgressStartsFresh) {
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  int n = 0;
  for (const std::string& bad : {std::string("{\"version\": 1, \"lessons\": {\"a\": {\"page\": "),  // torn write
                                std::string("{\"version\": 7}"),                                   // unknown version
                                std::string("{\"version\": 1, \"lessons\": {\"a\": {\"page\": -1}}}"),
                                std::string("{\"version\": 1, \"lessons\": {\"a\": {\"exercises_done\": [1]}}}"),
                                std::string("\x01\x02 garbage")}) {
    ++n;
    std::ofstream(file, std::ios::binary) << bad;
    const ProgressLoad l = load_progress(file.string());
    EXPECT_TRUE(l.progress.lessons.empty()) << bad;
    EXPECT_NE(l.warning.find("corrupt"), std::string::npos) << bad;
    const std::string kept = file.string() + ".bad-" + std::to_string(n);
    EXPECT_EQ(l.kept_as, kept) << bad;
    EXPECT_NE(l.warning.find(kept), std::string::npos) << l.warning;
    EXPECT_FALSE(l.save_blocked);
    EXPECT_FALSE(fs::exists(file)) << bad;
    // Saving afterwards works and the next load is clean.
    EXPECT_EQ(save_progress(sample(), file.string()), "");
    EXPECT_EQ(load_progress(file.string()).warning, "");
  }
  // Every corrupt file is still there, none replaced by a later one.
  EXPECT_EQ(read(file.string() + ".bad-1"), "{\"version\": 1, \"lessons\": {\"a\": {\"page\": ");
  EXPECT_EQ(read(file.string() + ".bad-2"), "{\"version\": 7}");
  EXPECT_EQ(read(file.string() + ".bad-5"), "\x01\x02 garbage");
}

// An unreadable progress file (here a directory in its place, which cannot be
// read even as root) is kept aside; the first save then does not destroy it.
TEST(Progress, UnreadableFileIsKeptAsideAndSavingDoesNotReplaceIt) {
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  fs::create_directories(file / "inner");
  std::ofstream(file / "inner" / "keep.txt") << "learner data";
  const ProgressLoad l = load_progress(file.string());
  EXPECT_TRUE(l.progress.lessons.empty());
  EXPECT_NE(l.warning.find("cannot be read"), std::string::npos) << l.warning;
  EXPECT_EQ(l.kept_as, file.string() + ".bad-1");
  EXPECT_EQ(save_progress(sample(), file.string()), "");
  EXPECT_EQ(load_progress(file.string()).progress, sample());
  EXPECT_EQ(read(file.string() + ".bad-1/inner/keep.txt"), "learner data");
}

TEST(Progress, UnreadableByPermissionsIsKeptAside) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads a chmod 000 file; the directory test covers this path";
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  ASSERT_EQ(save_progress(sample(), file.string()), "");
  fs::permissions(file, fs::perms::none);
  const ProgressLoad l = load_progress(file.string());
  EXPECT_NE(l.warning.find("cannot be read"), std::string::npos) << l.warning;
  EXPECT_EQ(save_progress(Progress{}, file.string()), "");
  fs::permissions(file.string() + ".bad-1", fs::perms::owner_read);
  EXPECT_EQ(read(file.string() + ".bad-1"), progress_to_json(sample()));
}

TEST(Progress, FifoInPlaceDoesNotBlockAndIsKeptAside) {
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);
  const ProgressLoad l = load_progress(file.string());  // would block forever if opened for a plain read
  EXPECT_NE(l.warning.find("FIFO"), std::string::npos) << l.warning;
  EXPECT_TRUE(fs::is_fifo(file.string() + ".bad-1"));
}

TEST(Progress, InterruptedWriteLeavesThePreviousFileIntact) {
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  ASSERT_EQ(save_progress(sample(), file.string()), "");
  // The process dies after writing the new content, before the rename.
  EXPECT_EXIT(write_file_atomically(file.string(), "{\"version\": 1, \"lessons\": {}}", [] { std::_Exit(3); }),
              ::testing::ExitedWithCode(3), "");
  const ProgressLoad l = load_progress(file.string());
  EXPECT_EQ(l.warning, "");
  EXPECT_EQ(l.progress, sample());
}

TEST(Progress, JsonRoundTripAndErrors) {
  std::string error;
  const auto back = progress_from_json(progress_to_json(sample()), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, sample());
  EXPECT_FALSE(progress_from_json("[]", error));
  EXPECT_NE(error.find("version"), std::string::npos);
  EXPECT_FALSE(progress_from_json("{\"version\": 1, \"lessons\": []}", error));
  EXPECT_NE(error.find("lessons"), std::string::npos);
  EXPECT_TRUE(progress_from_json("{\"version\": 1}", error));
}

TEST(Progress, ResetRemovesTheFile) {
  ScratchDir dir;
  const fs::path file = dir.path() / "progress.json";
  ASSERT_EQ(save_progress(sample(), file.string()), "");
  EXPECT_EQ(reset_progress(file.string()), "");
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(load_progress(file.string()).progress.lessons.empty());
  EXPECT_EQ(reset_progress(file.string()), "");  // already gone: fine
}

TEST(Progress, SaveFailureIsASentenceNotACrash) {
  ScratchDir dir;
  const std::string blocker = dir.write("file", "x");  // a file where a directory should be
  const std::string err = save_progress(sample(), blocker + "/sub/progress.json");
  EXPECT_NE(err, "");
  EXPECT_NE(save_progress(sample(), ""), "");
}

// A prediction's answer is kept with the lesson's progress.
TEST(Prediction, ProgressKeepsTheFirstAnswerAndRoundTrips) {
  Progress p;
  EXPECT_TRUE(p.record_answer("send-accept", 1, {2, false}));
  EXPECT_FALSE(p.record_answer("send-accept", 1, {0, true}));  // a replay keeps the first answer
  ASSERT_NE(p.answer("send-accept", 1), nullptr);
  EXPECT_EQ(p.answer("send-accept", 1)->choice, 2);
  EXPECT_EQ(p.answer("send-accept", 0), nullptr);
  EXPECT_EQ(p.answer("other", 1), nullptr);
  std::string error;
  const auto back = progress_from_json(progress_to_json(p), error);
  ASSERT_TRUE(back.has_value()) << error;
  EXPECT_EQ(*back, p);
}

TEST(Prediction, ProgressWithoutAnswersStillLoadsAndBadAnswersAreNamed) {
  std::string error;
  const auto old = progress_from_json(
      R"({"version": 1, "lessons": {"send-accept": {"page": 2, "exercises_done": ["x"], "completed": false}}})", error);
  ASSERT_TRUE(old.has_value()) << error;
  EXPECT_TRUE(old->lessons.at("send-accept").answers.empty());
  EXPECT_EQ(old->lessons.at("send-accept").page, 2);
  const auto bad = progress_from_json(R"({"version": 1, "lessons": {"a": {"answers": {"one": {"choice": 1}}}}})", error);
  EXPECT_FALSE(bad.has_value());
  EXPECT_NE(error.find("'answers' of lesson 'a'"), std::string::npos) << error;
}

}  // namespace
}  // namespace paxoslab
