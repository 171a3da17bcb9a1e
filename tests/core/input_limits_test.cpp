// Bounded input (core/scenario/input_limits.hpp): only regular files of bounded size
// are read, never blocking; TOML texts that crash or overflow toml++ 3.3.0
// are refused with file:line:col before it sees them; echoed text is short
// and free of control characters.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/scenario/input_limits.hpp"
#include "core/scenario/scenario_loader.hpp"

namespace paxoslab {
namespace {

namespace fs = std::filesystem;

/// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path dir = fs::temp_directory_path() /
                 ("paxoslab-limits-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::optional<LoadError> check(const std::string& text) { return check_toml_text(text, "t.toml"); }

TEST(InputLimits, ReadsARegularFile) {
  Scratch s;
  std::ofstream(s.dir / "a.toml") << "x = 1\n";
  LoadError e;
  const auto text = read_bounded_file((s.dir / "a.toml").string(), 100, "scenario file", e);
  ASSERT_TRUE(text) << e.to_string();
  EXPECT_EQ(*text, "x = 1\n");
}

TEST(InputLimits, RefusesDevicesFifosDirectoriesAndLargeFiles) {
  Scratch s;
  LoadError e;
  EXPECT_FALSE(read_bounded_file("/dev/zero", kMaxScenarioFileBytes, "scenario file", e));
  EXPECT_NE(e.message.find("regular file"), std::string::npos) << e.message;
  EXPECT_EQ(e.file, "/dev/zero");
  const fs::path fifo = s.dir / "fifo.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(read_bounded_file(fifo.string(), kMaxScenarioFileBytes, "scenario file", e));  // does not block
  EXPECT_NE(e.message.find("FIFO"), std::string::npos) << e.message;
  EXPECT_FALSE(read_bounded_file(s.dir.string(), kMaxScenarioFileBytes, "scenario file", e));
  EXPECT_NE(e.message.find("got a directory"), std::string::npos) << e.message;
  std::ofstream(s.dir / "big.toml") << std::string(101, '#');
  EXPECT_FALSE(read_bounded_file((s.dir / "big.toml").string(), 100, "scenario file", e));
  EXPECT_NE(e.message.find("at most 100 bytes, got one of 101 bytes"), std::string::npos) << e.message;
  EXPECT_FALSE(read_bounded_file((s.dir / "none.toml").string(), 100, "scenario file", e));
  EXPECT_NE(e.message.find("cannot open the scenario file"), std::string::npos) << e.message;
}

TEST(InputLimits, AcceptsOrdinaryToml) {
  EXPECT_FALSE(check("[scenario]\nname = \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r\" # x.y\n"
                     "text = \"\"\"\nline \"quoted\" [[[[ {{{{ \\\"\"\" \n\"\"\"\n"
                     "lit = '''a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s'''\n"
                     "[[exercise.solution]]\nf = 1.5\ng = [[1, 2], [3]]\nh = { a.b = 1 }\n"
                     "u = \"caf\xC3\xA9\" # \xE2\x9C\x93\n"));
  EXPECT_FALSE(check("\xEF\xBB\xBFx = 1\n"));  // a byte-order mark
}

TEST(InputLimits, RefusesDeepDottedKeysBeforeTomlSeesThem) {
  std::string key = "a";
  for (int i = 0; i < 40000; ++i) key += ".a";
  const auto e = check("x = 1\n" + key + " = 1\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line, 2);
  EXPECT_NE(e->message.find("at most 16 parts"), std::string::npos) << e->message;
  const auto h = check("[" + key + "]\n");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->line, 1);
  // Through the loader: an error value, no stack overflow.
  const ScenarioLoad l = load_scenario_string(key + " = 1\n", "deep.toml");
  ASSERT_TRUE(l.error);
  EXPECT_EQ(l.error->line, 1);
}

TEST(InputLimits, RefusesLongKeysAndDeepNesting) {
  const auto e = check("[scenario]\n" + std::string(200, 'k') + " = 1\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line, 2);
  EXPECT_NE(e->message.find("at most 128 characters"), std::string::npos) << e->message;
  EXPECT_TRUE(check("[" + std::string(200, 'k') + "]\n"));
  EXPECT_TRUE(check("\"" + std::string(200, 'k') + "\" = 1\n"));
  const auto n = check("x = " + std::string(33, '[') + std::string(33, ']') + "\n");
  ASSERT_TRUE(n);
  EXPECT_NE(n->message.find("nested at most 32"), std::string::npos) << n->message;
  EXPECT_FALSE(check("x = " + std::string(31, '[') + std::string(31, ']') + "\n"));
}

TEST(InputLimits, RefusesTheTinyCrashersOfToml) {
  const auto nul = check(std::string("[\0", 2));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->line, 1);
  EXPECT_EQ(nul->column, 2);
  EXPECT_NE(nul->message.find("NUL"), std::string::npos);
  const auto ub = check("\xEF\xB9\xBF\x4E\x21");
  ASSERT_TRUE(ub);
  EXPECT_NE(ub->message.find("ASCII"), std::string::npos) << ub->message;
  const auto bad = check("x = \"\xC0\xAF\"\n");
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->message.find("UTF-8"), std::string::npos) << bad->message;
  EXPECT_EQ(bad->column, 6);
  EXPECT_TRUE(check("x = 1\x1B[31m\n"));
}

TEST(InputLimits, ShortensAndEscapesEchoedText) {
  EXPECT_EQ(shorten_for_message("abc", 80), "abc");
  EXPECT_EQ(shorten_for_message(std::string(100, 'x'), 10), "xxxxxxxxxx...");
  EXPECT_EQ(shorten_for_message("a\x1B[2Jb\nc", 80), "a\\x1B[2Jb\\nc");
  EXPECT_EQ(shorten_for_message("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9...");  // not cut inside a character
  EXPECT_EQ(escape_control("a\nb\x07"), "a\nb\\x07");
}

}  // namespace
}  // namespace paxoslab
