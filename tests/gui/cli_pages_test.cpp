// The lesson page flags (gui/app/cli_options.hpp): a page out of range gets a
// short sentence, not CLI11's range with a 300-digit bound, and --page with
// --lesson-page is refused with a sentence saying which does what.
#include <gtest/gtest.h>

#include <string>

#include "gui/app/cli_options.hpp"

namespace paxoslab::gui {
namespace {

/// parse_cli's exit code and what it wrote on stderr.
std::pair<int, std::string> parse(std::vector<const char*> args) {
  CliOptions o;
  args.insert(args.begin(), "paxos-lab");
  testing::internal::CaptureStderr();
  const int rc = parse_cli(static_cast<int>(args.size()), const_cast<char**>(args.data()), o);
  return {rc, testing::internal::GetCapturedStderr()};
}

TEST(CommandLinePages, APageOfZeroSaysWhatIsExpected) {
  for (const char* flag : {"--lesson-page", "--page"}) {
    const auto [rc, err] = parse({"--lesson", "x.toml", flag, "0"});
    EXPECT_EQ(rc, 2) << flag;
    EXPECT_NE(err.find("expects a whole number from 1 to 100, got '0'"), std::string::npos) << err;
    EXPECT_LT(err.size(), 300u) << err;
  }
  const auto [rc, err] = parse({"--lesson", "x.toml", "--lesson-page", "2", "--lesson-answer", "0"});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("expects a whole number from 1 to 26, got '0'"), std::string::npos) << err;
}

TEST(CommandLinePages, PageAndLessonPageTogetherAreRefused) {
  const auto [rc, err] = parse({"--lesson", "x.toml", "--page", "2", "--lesson-page", "2"});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("--page and --lesson-page both show a lesson page; give one"), std::string::npos) << err;
  EXPECT_EQ(parse({"--lesson", "x.toml", "--page", "2"}).first, -1);
  EXPECT_EQ(parse({"--lesson", "x.toml", "--lesson-page", "2", "--lesson-answer", "1"}).first, -1);
}

}  // namespace
}  // namespace paxoslab::gui
