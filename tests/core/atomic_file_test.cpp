// write_file_atomically: the content lands whole and the file's permissions
// are the usual ones, not the private mode of its temporary file.
#include "core/scenario/atomic_file.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace paxoslab {
namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(PAXOSLAB_BINARY_DIR) / "tests" / "atomic_file" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 07777u;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFile, ANewFileIsReadableByOthersAndHoldsTheData) {
  const fs::path f = fresh_dir("new") / "chart.svg";
  ASSERT_EQ(write_file_atomically(f.string(), "<svg/>"), "");
  EXPECT_EQ(read(f), "<svg/>");
  EXPECT_EQ(mode_of(f), 0644u);
}

TEST(AtomicFile, AReplacedFileKeepsItsPermissions) {
  const fs::path f = fresh_dir("replace") / "progress.toml";
  ASSERT_EQ(write_file_atomically(f.string(), "old"), "");
  fs::permissions(f, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  ASSERT_EQ(write_file_atomically(f.string(), "new"), "");
  EXPECT_EQ(read(f), "new");
  EXPECT_EQ(mode_of(f), 0600u);
}

}  // namespace
}  // namespace paxoslab
