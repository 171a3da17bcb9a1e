// The lesson loader (core/lessons/lesson_loader.hpp): good files load into the right
// values; bad files give one error naming file, line and what was expected;
// a directory with a broken file still loads every other lesson.
#include <gtest/gtest.h>

#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "tests/lessons/lesson_test_support.hpp"

namespace paxoslab {
namespace {

using lesson_testing::ScratchDir;
using lesson_testing::stage1_lesson;

/// Replaces the first occurrence of `from` in `text` by `to` (the test fails if absent).
std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

/// 1-based line of the first line containing `needle`.
int line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

LoadError expect_error(const std::string& text) {
  const LessonLoad l = load_lesson_string(text, "lessons/x.toml");
  EXPECT_FALSE(l.ok());
  return l.error.value_or(LoadError{});
}

TEST(LessonLoader, LoadsEveryPartOfAGoodLesson) {
  const LessonLoad l = load_lesson_string(stage1_lesson("send-accept", 3), "lessons/03.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  const Lesson& x = *l.lesson;
  EXPECT_EQ(x.id, "send-accept");
  EXPECT_EQ(x.order, 3);
  EXPECT_EQ(x.figure, "Fig. 3");
  EXPECT_EQ(x.stages, std::vector<int>{1});  // default: the scenario's stage
  EXPECT_EQ(x.scenario.config.servers, 2);
  EXPECT_EQ(x.scenario.script.size(), 2u);
  ASSERT_EQ(x.pages.size(), 2u);
  EXPECT_EQ(x.pages[0].title, "The accept");
  EXPECT_EQ(x.pages[0].text_markdown, "Watch **S2**.");
  ASSERT_TRUE(x.pages[0].pause_at && x.pages[0].pause_at->after);
  EXPECT_EQ(x.pages[0].pause_at->after->kind, TraceKind::Deliver);
  EXPECT_EQ(x.pages[0].pause_at->after->msg_kind, MsgKind::Accept);
  EXPECT_EQ(x.pages[0].highlight.servers, std::vector<ServerId>{ServerId{2}});
  EXPECT_EQ(x.pages[0].highlight.lanes.size(), 2u);
  ASSERT_TRUE(x.pages[0].highlight.message);
  EXPECT_EQ(x.pages[0].highlight.message->kind, MsgKind::Accept);
  EXPECT_TRUE(x.pages[1].highlight.empty());
  EXPECT_FALSE(x.pages[1].pause_at);
  ASSERT_EQ(x.exercises.size(), 1u);
  const Exercise& e = x.exercises[0];
  EXPECT_EQ(e.id, "make-s2-stuck");
  EXPECT_EQ(e.start, ExerciseStart::Requests);
  EXPECT_EQ(e.goal.kind, Goal::Kind::Stuck);
  EXPECT_EQ(e.hints.size(), 2u);
  ASSERT_EQ(e.solution.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<FilterAction>(e.solution[0].action));
  EXPECT_EQ(x.find_exercise("make-s2-stuck"), &x.exercises[0]);
  EXPECT_EQ(x.find_exercise("nope"), nullptr);
}

TEST(LessonLoader, ParsesEveryGoalForm) {
  const std::string text = replace(replace(stage1_lesson(), "goal = { stuck = true }\n", ""), "[[exercise.solution]]", R"([exercise.goal]
any = [
  { safe = true },
  { violation = "divergence" },
  { executed = { server = "S2", equals = ["m2", "m1"] } },
  { executed = { server = "S1", contains = ["m1"] } },
  { delivered = { kind = "Accept", from = "S1", to = "S2", count = 2 } },
  { lost = { kind = "Learn" } },
  { all_executed = true },
  { event = { event = "crash", who = "S1", occurrence = 2 } },
  { all = [{ stuck = true }] },
  { not = { violation = "any" } },
]

[[exercise.solution]])");
  const LessonLoad l = load_lesson_string(text, "x.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  const Goal& g = l.lesson->exercises[0].goal;
  ASSERT_EQ(g.kind, Goal::Kind::Any);
  ASSERT_EQ(g.children.size(), 10u);
  EXPECT_EQ(g.children[0].kind, Goal::Kind::Safe);
  EXPECT_EQ(g.children[1].violation, Violation::Kind::Divergence);
  EXPECT_EQ(g.children[2].kind, Goal::Kind::ExecutedEquals);
  EXPECT_EQ(g.children[2].requests, (std::vector<RequestId>{RequestId{2}, RequestId{1}}));
  EXPECT_EQ(g.children[3].kind, Goal::Kind::ExecutedContains);
  EXPECT_EQ(g.children[4].count, 2);
  EXPECT_EQ(g.children[5].kind, Goal::Kind::Lost);
  EXPECT_EQ(g.children[6].kind, Goal::Kind::AllExecuted);
  EXPECT_EQ(g.children[7].event.occurrence, 2);
  EXPECT_EQ(g.children[8].kind, Goal::Kind::All);
  EXPECT_EQ(g.children[9].kind, Goal::Kind::Not);
  EXPECT_FALSE(g.children[9].children[0].violation);  // "any"
  EXPECT_NE(g.describe().find("any of"), std::string::npos);
}

TEST(LessonLoader, ErrorsNameFileLineAndWhatWasExpected) {
  const std::string good = stage1_lesson();
  {  // unknown key in a page
    const std::string t = replace(good, "title = \"Done\"", "titel = \"Done\"");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.file, "lessons/x.toml");
    EXPECT_EQ(e.line, line_of(t, "titel"));
    EXPECT_NE(e.message.find("unknown key 'titel' in [[page]]"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("did you mean 'title'"), std::string::npos) << e.message;
  }
  {  // a misspelt violation kind in a goal
    const std::string t = replace(good, "goal = { stuck = true }", "goal = { violation = \"divergance\" }");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "divergance"));
    EXPECT_NE(e.message.find("\"divergence\""), std::string::npos) << e.message;
  }
  {  // two predicates in one goal table
    const std::string t = replace(good, "goal = { stuck = true }", "goal = { stuck = true, safe = true }");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "goal = {"));
    EXPECT_NE(e.message.find("exactly one predicate"), std::string::npos) << e.message;
  }
  {  // a server the cluster does not have
    const std::string t = replace(good, "servers = [\"S2\"]", "servers = [\"S3\"]");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "servers = [\"S3\"]"));
    EXPECT_NE(e.message.find("this scenario has 2 servers"), std::string::npos) << e.message;
  }
  {  // a bad solution step
    const std::string t = replace(good, "do = \"lose-next\"", "do = \"loose-next\"");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "loose-next"));
    EXPECT_NE(e.message.find("lose-next"), std::string::npos) << e.message;
  }
  {  // an exercise without a solution
    const std::string t = good.substr(0, good.find("[[exercise.solution]]"));
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "[[exercise]]"));
    EXPECT_NE(e.message.find("missing key 'solution'"), std::string::npos) << e.message;
  }
  {  // a bad pause trigger
    const std::string t = replace(good, "event = \"deliver\"", "event = \"delivery\"");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "delivery"));
    EXPECT_NE(e.message.find("'pause_at' of [[page]]"), std::string::npos) << e.message;
  }
  {  // a pause on a request that no step sends: the page would never stop
    const std::string t = replace(good, "pause_at = { event = \"deliver\", who = \"S2\", msg = \"Accept\" }",
                                  "pause_at = { event = \"execute\", who = \"S2\", request = \"m7\" }");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "[[page]]"));
    EXPECT_NE(e.message.find("names request m7, which the lesson's scenario never sends (it sends m1, m2)"),
              std::string::npos)
        << e.message;
  }
  {  // a [[choose]] schedule (a break-finder file) sends its requests by its "request" choices
    std::string t = replace(good, "pause_at = { event = \"deliver\", who = \"S2\", msg = \"Accept\" }",
                            "pause_at = { event = \"execute\", who = \"S1\", request = \"m2\" }");
    t = replace(t, "[[step]]\nat = 0\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n\n[[step]]\nat = 0\ndo = \"request\"",
                "[[choose]]\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n\n[[choose]]\ndo = \"request\"");
    t = replace(t, "[expect]\nsafety = \"ok\"\nstuck = false\n", "");
    const LessonLoad l = load_lesson_string(t, "lessons/x.toml");
    EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
    t = replace(t, "request = \"m2\" }", "request = \"m3\" }");
    EXPECT_NE(expect_error(t).message.find("names request m3"), std::string::npos);
  }
  {  // TOML syntax error
    const std::string t = replace(good, "title = \"Done\"", "title = \"Done");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "title = \"Done"));
    EXPECT_NE(e.message.find("expected valid TOML"), std::string::npos) << e.message;
  }
  {  // no [lesson]
    const std::string t = replace(good, "[lesson]", "[lessons]");
    const LoadError e = expect_error(t);
    EXPECT_NE(e.message.find("missing table [lesson]"), std::string::npos) << e.message;
  }
  {  // scenario tables are checked too
    const std::string t = replace(good, "servers = 2", "servers = 9");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "servers = 9"));
    EXPECT_NE(e.message.find("from 1 to 7"), std::string::npos) << e.message;
  }
  {  // duplicate exercise ids
    std::string t = good + "\n[[exercise]]\nid = \"make-s2-stuck\"\ntask = \"again\"\ngoal = { safe = true }\n"
                           "[[exercise.solution]]\nat = 0\ndo = \"heal\"\n";
    const LoadError e = expect_error(t);
    EXPECT_NE(e.message.find("unique exercise id"), std::string::npos) << e.message;
    EXPECT_GT(e.line, line_of(good, "[[exercise]]"));
  }
  {  // compare needs two different stages
    const std::string t = replace(good, "figure = \"Fig. 3\"", "compare = [2, 2]");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "compare"));
  }
}

TEST(LessonLoader, ReferencesAScenarioFileRelativeToTheLesson) {
  ScratchDir dir;
  const std::string good = stage1_lesson();
  // Move the scenario tables into their own file.
  const auto begin = good.find("[scenario]");
  const auto end = good.find("[[page]]");
  dir.write("scenarios/s.toml", good.substr(begin, end - begin));
  const std::string lesson_text = replace(good.substr(0, begin) + good.substr(end), "summary =",
                                          "scenario_file = \"../scenarios/s.toml\"\nsummary =");
  const std::string path = dir.write("lessons/l.toml", lesson_text);
  const LessonLoad l = load_lesson_file(path);
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  EXPECT_EQ(l.lesson->scenario_file, "../scenarios/s.toml");
  EXPECT_EQ(l.lesson->scenario.config.stage, 1);
  EXPECT_EQ(l.lesson->scenario.script.size(), 2u);

  // A broken scenario file: the error names that file and the lesson.
  dir.write("scenarios/s.toml", "[scenario]\nname = \"x\"\nstage = 9\nservers = 2\n");
  const LessonLoad bad = load_lesson_file(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error->file.find("scenarios/s.toml"), std::string::npos) << bad.error->to_string();
  EXPECT_EQ(bad.error->line, 3);
  EXPECT_NE(bad.error->message.find("scenario_file of the lesson at " + path), std::string::npos) << bad.error->message;

  // Both a scenario_file and embedded tables: an error.
  const std::string both = dir.write("lessons/both.toml", replace(good, "summary =", "scenario_file = \"x.toml\"\nsummary ="));
  const LessonLoad b = load_lesson_file(both);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error->message.find("not both"), std::string::npos) << b.error->message;
}

// scenario_file stays inside the lesson's folder tree or the scenarios folder
// next to it (docs/lesson-format.md, "Limits"): no absolute paths, no '..'
// or symbolic link leading elsewhere, and nothing of such a file is quoted.
TEST(LessonLoader, ScenarioFileMustStayInsideTheDataFolders) {
  ScratchDir dir;
  const std::string good = stage1_lesson();
  const auto begin = good.find("[scenario]");
  const auto end = good.find("[[page]]");
  const std::string scenario = good.substr(begin, end - begin);
  dir.write("data/scenarios/s.toml", scenario);
  dir.write("data/lessons/sub/t.toml", scenario);
  dir.write("outside/secret.toml", "secret-line = \"do not quote\"\n");
  const auto lesson_with = [&](const std::string& name, const std::string& file) {
    return dir.write("data/lessons/" + name,
                     replace(good.substr(0, begin) + good.substr(end), "summary =", "scenario_file = \"" + file + "\"\nsummary ="));
  };
  EXPECT_TRUE(load_lesson_file(lesson_with("a.toml", "../scenarios/s.toml")).ok());
  EXPECT_TRUE(load_lesson_file(lesson_with("b.toml", "sub/t.toml")).ok());
  EXPECT_TRUE(load_lesson_file(lesson_with("c.toml", "sub/../sub/t.toml")).ok());
  const auto refused = [&](const std::string& name, const std::string& file, const std::string& why) {
    const std::string path = lesson_with(name, file);
    const LessonLoad l = load_lesson_file(path);
    ASSERT_FALSE(l.ok()) << file;
    EXPECT_EQ(l.error->file, path);
    EXPECT_EQ(l.error->line, 6) << l.error->to_string();  // the scenario_file line
    EXPECT_NE(l.error->message.find(why), std::string::npos) << l.error->message;
    EXPECT_EQ(l.error->to_string().find("do not quote"), std::string::npos);
  };
  refused("d.toml", "/dev/zero", "absolute path");
  refused("e.toml", (dir.path() / "outside/secret.toml").string(), "absolute path");
  refused("f.toml", "../../outside/secret.toml", "leads outside");
  refused("g.toml", "../../../../../../../../../../etc/passwd", "leads outside");
  std::filesystem::create_symlink(dir.path() / "outside/secret.toml", dir.path() / "data/lessons/link.toml");
  refused("h.toml", "link.toml", "leads outside");
}

TEST(LessonLoader, DirectoryLoadsEveryGoodFileAndReportsTheBrokenOnes) {
  ScratchDir dir;
  dir.write("02_b.toml", stage1_lesson("b", 2));
  dir.write("01_a.toml", stage1_lesson("a", 1));
  const std::string bad_text = replace(stage1_lesson("c", 3), "goal = { stuck = true }", "goal = { stuk = true }");
  const std::string bad = dir.write("03_c.toml", bad_text);
  dir.write("04_dup.toml", stage1_lesson("a", 4));
  dir.write("notes.txt", "not a lesson");
  const LessonDirLoad d = load_lessons_dir(dir.path().string());
  ASSERT_EQ(d.lessons.size(), 2u);
  EXPECT_EQ(d.lessons[0].id, "a");  // order 1 first
  EXPECT_EQ(d.lessons[1].id, "b");
  ASSERT_EQ(d.broken.size(), 2u);
  EXPECT_EQ(d.broken[0].file, bad);
  EXPECT_EQ(d.broken[0].line, line_of(bad_text, "stuk"));
  EXPECT_NE(d.broken[0].message.find("did you mean 'stuck'"), std::string::npos) << d.broken[0].message;
  EXPECT_NE(d.broken[1].message.find("unique lesson id"), std::string::npos) << d.broken[1].message;

  const LessonDirLoad missing = load_lessons_dir((dir.path() / "nope").string());
  EXPECT_TRUE(missing.lessons.empty());
  ASSERT_EQ(missing.broken.size(), 1u);
  EXPECT_NE(missing.broken[0].message.find("cannot read the lessons directory"), std::string::npos);
}

TEST(LessonLoader, RunAcceptsALessonFile) {
  ScratchDir dir;
  const std::string path = dir.write("l.toml", stage1_lesson());
  EXPECT_TRUE(looks_like_lesson(stage1_lesson()));
  EXPECT_FALSE(looks_like_lesson("[scenario]\nname = \"x\"\n"));
  const ScenarioLoad s = load_scenario_or_lesson_file(path);
  ASSERT_TRUE(s.ok()) << s.error->to_string();
  EXPECT_EQ(s.scenario->name, "two servers, stage 1");
  const std::string bad = dir.write("bad.toml", replace(stage1_lesson(), "order = 1", "order = \"one\""));
  const ScenarioLoad b = load_scenario_or_lesson_file(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error->line, 3);
  EXPECT_NE(b.error->message.find("expected an integer"), std::string::npos) << b.error->message;
}

TEST(LessonLoader, MissingFileIsAnErrorValue) {
  const LessonLoad l = load_lesson_file("/nonexistent/lesson.toml");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error->line, 0);
  EXPECT_NE(l.error->message.find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace paxoslab
