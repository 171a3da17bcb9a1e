// Helpers for the lesson tests: a scratch directory per test and small lesson texts.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace paxoslab::lesson_testing {

/// A fresh empty directory under the system temp dir, removed on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("paxoslab-lessons-" + std::string(info->test_suite_name()) + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Writes `text` to `name` inside the directory; returns its full path.
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

/// Stage 1, two servers, both requests at t=0 (Fig. 3's set-up, equal delays):
/// a lesson with one page pausing at S2's first Accept and one exercise
/// "make S2 stuck" solved by losing the first accept.
inline std::string stage1_lesson(const std::string& id = "stage1", int order = 1) {
  return R"([lesson]
id = ")" + id + R"("
order = )" + std::to_string(order) + R"(
title = "Stage 1 test lesson"
figure = "Fig. 3"
summary = "A leader orders requests."

[scenario]
name = "two servers, stage 1"
stage = 1
servers = 2

[[step]]
at = 0
do = "request"
client = "C1"
request = "m1"

[[step]]
at = 0
do = "request"
client = "C2"
request = "m2"

[expect]
safety = "ok"
stuck = false

[[page]]
title = "The accept"
text = "Watch **S2**."
pause_at = { event = "deliver", who = "S2", msg = "Accept" }
[page.highlight]
servers = ["S2"]
lanes = ["S2", "C1"]
message = { kind = "Accept", to = "S2" }

[[page]]
title = "Done"
text = "Both agree."

[[exercise]]
id = "make-s2-stuck"
task = "Make S2 stuck."
goal = { stuck = true }
hints = ["Lose something.", "Lose the first accept."]

[[exercise.solution]]
at = 0
do = "lose-next"
kind = "Accept"
from = "S1"
to = "S2"
)";
}

}  // namespace paxoslab::lesson_testing
