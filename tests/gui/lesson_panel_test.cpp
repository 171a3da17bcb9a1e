// The lesson panel's model and Markdown (gui/model/lesson_model.hpp,
// gui/model/lesson_markdown.hpp) and its integration in the App: pause
// points, live exercise success, saved progress, and drawing in a real
// ImGui context.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "gui/model/lesson_markdown.hpp"
#include "gui/model/lesson_model.hpp"
#include "stages/registry.hpp"
#include "tests/gui/gui_harness.hpp"

namespace paxoslab::gui {
namespace {

const std::string kTrack = std::string(PAXOSLAB_SOURCE_DIR) + "/lessons";

/// Steps `sim` one event at a time, letting the model observe after each
/// (exercise goals); returns true if the model asks for a pause.
bool play_until_pause(LessonModel& m, Simulation& sim, const std::string& name, int max_steps = 10000) {
  for (int i = 0; i < max_steps && sim.step(); ++i)
    if (m.observe(sim, name, 1, true).pause) return true;
  return false;
}

std::filesystem::path scratch(const char* name) {
  const auto p = std::filesystem::temp_directory_path() / (std::string("paxoslab-lesson-gui-") + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

TEST(LessonMarkdown, BlocksAndStyles) {
  const auto blocks = parse_lesson_markdown(
      "# Title\n\nSome *emphasis*, **strong**, `code` and a [link](https://example.org).\n\n"
      "* one\n* two\n  1. nested\n\n```\nx = 1\n```\n\n---\n");
  ASSERT_GE(blocks.size(), 6u);
  EXPECT_EQ(blocks[0].kind, MdBlock::Kind::Heading);
  EXPECT_EQ(blocks[0].level, 1);
  EXPECT_EQ(blocks[0].plain(), "Title");
  const MdBlock& p = blocks[1];
  EXPECT_EQ(p.kind, MdBlock::Kind::Paragraph);
  EXPECT_EQ(p.plain(), "Some emphasis, strong, code and a link.");
  bool em = false, strong = false, code = false, link = false;
  for (const MdRun& r : p.runs) {
    em = em || (r.emphasis && r.text == "emphasis");
    strong = strong || (r.strong && r.text == "strong");
    code = code || (r.code && r.text == "code");
    link = link || (r.link == "https://example.org" && r.text == "link");
  }
  EXPECT_TRUE(em && strong && code && link);
  EXPECT_EQ(blocks[2].kind, MdBlock::Kind::ListItem);
  EXPECT_EQ(blocks[2].plain(), "one");
  EXPECT_EQ(blocks[2].level, 1);
  EXPECT_EQ(blocks[3].plain(), "two");
  EXPECT_EQ(blocks[4].kind, MdBlock::Kind::ListItem);
  EXPECT_EQ(blocks[4].level, 2);
  EXPECT_EQ(blocks[4].number, 1);
  EXPECT_EQ(blocks[5].kind, MdBlock::Kind::Code);
  EXPECT_EQ(blocks[5].plain(), "x = 1");
  EXPECT_EQ(blocks.back().kind, MdBlock::Kind::Rule);
}

TEST(LessonMarkdown, SoftBreaksJoinLinesAndEmptyTextIsFine) {
  const auto blocks = parse_lesson_markdown("one\ntwo");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].plain(), "one two");
  EXPECT_TRUE(parse_lesson_markdown("").empty());
}

TEST(LessonModel, OpeningALessonStartsItsScriptedRunAndPlaysToThePagesMoment) {
  LessonModel m;
  m.load_track(kTrack);
  ASSERT_GE(m.lessons().size(), 3u);
  m.push(lesson_cmd::Open{2});  // lesson 3: Fig. 3
  LessonEffects fx = m.apply_pending();
  ASSERT_TRUE(fx.run);
  EXPECT_FALSE(fx.run->play);  // the lesson plays it (drive), page by page
  EXPECT_EQ(fx.run->stage, 1);
  EXPECT_EQ(m.run_kind(), LessonRunKind::Script);
  ASSERT_NE(m.highlight(), nullptr);
  SessionSource src;
  src.scenario = fx.run->scenario;
  src.config = fx.run->scenario.config;
  Session s(src, *find_stage(fx.run->stage));
  ASSERT_TRUE(m.drive(s, 0.0));
  EXPECT_TRUE(s.playing());
  for (int i = 0; i < 10000 && m.playing_page(); ++i) m.drive(s, 1.0);
  ASSERT_FALSE(m.playing_page());
  EXPECT_FALSE(s.playing());
  // Page 1 stops right after S2 receives (and ignores) C1's m1.
  const TraceEvent& last = s.record().trace().events().back();
  EXPECT_EQ(last.kind, TraceKind::Deliver);
  EXPECT_EQ(last.who, NodeId::of(ServerId{2}));
  EXPECT_NE(m.pause_note().find("Stopped on this page's moment"), std::string::npos) << m.pause_note();
  // Another run in the app: the lesson is detached and checks nothing.
  EXPECT_FALSE(m.observe(s.record(), "something else", 1, true).pause);
  EXPECT_TRUE(m.detached());
  EXPECT_EQ(m.highlight(), nullptr);
}

/// Opens lesson file `path`, runs it with `servers` (0 = as written), and
/// plays to page 1's moment; returns the pause note.
std::string pause_note_of_first_page(const std::filesystem::path& path, int servers) {
  LessonModel m;
  LessonEffects fx;
  const std::string error = m.open_file(path.string(), fx);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(fx.run);
  if (!fx.run) return {};
  SessionSource src;
  src.scenario = fx.run->scenario;
  src.config = fx.run->scenario.config;
  if (servers > 0) src.config.servers = servers;
  Session s(src, *find_stage(fx.run->stage));
  m.drive(s, 0.0);
  for (int i = 0; i < 10000 && m.playing_page(); ++i) m.drive(s, 1.0);
  // Whatever the cluster, the chart's frame shows where the run stopped.
  if (const auto frame = m.frame()) {
    EXPECT_LE(frame->first, static_cast<double>(s.sim().now()));
    EXPECT_GE(frame->last, static_cast<double>(s.sim().now()));
  }
  return m.pause_note();
}

TEST(LessonModel, AMomentThatNeverHappensIsNotClaimed) {
  // Lesson 3 with page 1's moment naming a message Stage 1 never sends (a
  // request no step sends is refused when the lesson loads).
  const auto dir = scratch("never");
  std::ifstream in(kTrack + "/03_send_accept.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Its scenario file is found next to the lesson's folder, as in the track.
  std::filesystem::create_directories(dir / "lessons");
  std::filesystem::create_directories(dir / "scenarios");
  std::filesystem::copy_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig03_send_accept.toml",
                             dir / "scenarios" / "fig03_send_accept.toml");
  const std::string moment = R"(msg = "Request", request = "m1" })";
  ASSERT_NE(text.find(moment), std::string::npos);
  std::ofstream(dir / "lessons" / "never.toml") << std::string(text).replace(text.find(moment), moment.size(),
                                                                R"(msg = "Promise", request = "m1" })");
  const std::string note = pause_note_of_first_page(dir / "lessons" / "never.toml", 0);
  EXPECT_EQ(note.find("Stopped on this page's moment"), std::string::npos) << note;
  EXPECT_NE(note.find("This page's moment never happened in this run: "), std::string::npos) << note;

  // The lesson as written, run on another cluster size: the page says so.
  const std::string track_lesson = kTrack + "/03_send_accept.toml";
  const std::string resized = pause_note_of_first_page(track_lesson, 3);
  EXPECT_NE(resized.find("written for 2 servers and runs with 3"), std::string::npos) << resized;
  EXPECT_EQ(pause_note_of_first_page(track_lesson, 0).find("written for"), std::string::npos);
}

TEST(LessonModel, ExerciseSuccessIsLiveAndSavedButShowMeDoesNotCount) {
  const auto dir = scratch("progress");
  const std::string progress = (dir / "progress.json").string();
  LessonModel m(progress);
  m.load_track(kTrack);
  m.push(lesson_cmd::Open{2});
  m.apply_pending();
  const Lesson& lesson = *m.current();
  ASSERT_FALSE(lesson.exercises.empty());

  // "Show me" plays the solution: the goal is reached but not credited.
  m.push(lesson_cmd::ShowMe{0});
  LessonEffects fx = m.apply_pending();
  ASSERT_TRUE(fx.run);
  EXPECT_TRUE(fx.run->play);
  {
    Simulation sim = start_scenario(fx.run->scenario, *find_stage(fx.run->stage));
    play_until_pause(m, sim, fx.run->scenario.name);
    m.observe(sim, fx.run->scenario.name, 1, true);
  }
  EXPECT_TRUE(m.exercise_status()[0].shown);
  EXPECT_FALSE(m.exercise_status()[0].achieved);

  // The learner's own attempt: start paused, add the fault by hand, play.
  m.push(lesson_cmd::StartExercise{0});
  fx = m.apply_pending();
  ASSERT_TRUE(fx.run);
  EXPECT_FALSE(fx.run->play);
  Simulation sim = start_scenario(fx.run->scenario, *find_stage(fx.run->stage));
  m.observe(sim, fx.run->scenario.name, 1, true);
  EXPECT_FALSE(m.exercise_status()[0].achieved);
  for (const ScriptStep& s : lesson.exercises[0].solution) ASSERT_EQ(sim.apply(s.action), "");
  play_until_pause(m, sim, fx.run->scenario.name);
  EXPECT_TRUE(m.exercise_status()[0].achieved);
  EXPECT_TRUE(m.progress().exercise_done(lesson.id, lesson.exercises[0].id));
  EXPECT_EQ(m.progress_mark(lesson), "1/1");

  // Saved on disk: a new model sees it.
  LessonModel again(progress);
  EXPECT_TRUE(again.progress().exercise_done(lesson.id, lesson.exercises[0].id));
  EXPECT_EQ(again.progress_warning(), "");

  // Last page + every exercise = completed; reset forgets it all.
  m.push(lesson_cmd::GoToPage{static_cast<int>(lesson.pages.size()) - 1});
  m.apply_pending();
  EXPECT_EQ(m.progress_mark(lesson), "done");
  m.push(lesson_cmd::ResetProgress{});
  m.apply_pending();
  EXPECT_EQ(m.progress_mark(lesson), "");
  EXPECT_FALSE(std::filesystem::exists(progress));
  std::filesystem::remove_all(dir);
}

TEST(LessonModel, HintsAndCompareAndClose) {
  LessonModel m;
  m.load_track(kTrack);
  std::size_t fig5 = m.lessons().size();
  for (std::size_t i = 0; i < m.lessons().size(); ++i)
    if (m.lessons()[i].figure == "Fig. 5") fig5 = i;
  ASSERT_LT(fig5, m.lessons().size());
  m.push(lesson_cmd::Open{fig5});
  m.apply_pending();
  const int hints = static_cast<int>(m.current()->exercises[0].hints.size());
  for (int i = 0; i < hints + 2; ++i) m.push(lesson_cmd::Hint{0});
  m.apply_pending();
  EXPECT_EQ(m.exercise_status()[0].hints_shown, hints);  // never more than there are
  m.push(lesson_cmd::Compare{});
  const LessonEffects fx = m.apply_pending();
  ASSERT_TRUE(fx.compare);
  EXPECT_EQ(*fx.compare, std::make_pair(2, 3));
  m.push(lesson_cmd::Close{});
  m.apply_pending();
  EXPECT_EQ(m.current(), nullptr);
}

TEST(LessonModel, OpenFileReportsABrokenLessonAndAddsAnUnknownOne) {
  const auto dir = scratch("open");
  const std::string bad = (dir / "bad.toml").string();
  std::ofstream(bad) << "[lesson]\nid = \"x\"\norder = \"first\"\ntitle = \"t\"\nsummary = \"s\"\n";
  LessonModel m;
  m.load_track(kTrack);
  const std::size_t before = m.lessons().size();
  LessonEffects fx;
  const std::string err = m.open_file(bad, fx);
  EXPECT_NE(err.find(bad + ":3"), std::string::npos) << err;
  EXPECT_FALSE(fx.run);
  // A lesson of the track opened by path is the same entry, not a new one.
  EXPECT_EQ(m.open_file(kTrack + "/01_single_server.toml", fx), "");
  EXPECT_EQ(m.lessons().size(), before);
  EXPECT_EQ(m.current_index(), 0u);
  ASSERT_TRUE(fx.run);
  std::filesystem::remove_all(dir);
}

TEST(LessonPanel, AppOpensALessonAndDrawsItsPanel) {
  test::Harness h(ImVec2(1600, 1000));
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_lesson(kTrack + "/06_leader_crash.toml"), "");
  ASSERT_NE(app.lessons().current(), nullptr);
  EXPECT_EQ(app.session().source().scenario->name, app.lessons().current()->scenario.name);
  for (int i = 0; i < 5; ++i) h.frame(app);
  ImGuiWindow* w = ImGui::FindWindowByName("Lesson");
  ASSERT_NE(w, nullptr);
  EXPECT_LT(w->Pos.x, 1.0f);  // the left column
  // Page 1 asks first: the Next button says so and is greyed until an answer.
  EXPECT_TRUE(app.lessons().asking());
  EXPECT_FALSE(app.session().playing());
  EXPECT_EQ(app.lessons().next_label(), "Answer to play");
  for (int i = 0; i < 5; ++i) h.frame(app);
  EXPECT_FALSE(app.session().playing());  // it waits
  app.lessons().push(lesson_cmd::Answer{1});  // the right choice: it executes at once and replies
  h.frame(app);
  EXPECT_TRUE(app.session().playing());  // the run plays to the page's moment
  for (int i = 0; i < 3000 && app.lessons().playing_page(); ++i) h.frame(app);
  ASSERT_NE(app.lessons().reveal(), nullptr);
  EXPECT_EQ(app.lessons().reveal()->taken, std::optional<std::size_t>(1));
  EXPECT_EQ(app.lessons().next_label(), "Play to: S2 suspects S1");
  // Next is a button of the lesson window; clicking it moves to page 2 and plays on.
  ImVec2 next;
  ASSERT_TRUE(h.find_item(app, w, "###next", next));
  h.press(app, next);
  h.release(app);
  h.frame(app);
  EXPECT_EQ(app.lessons().page(), 1);
  EXPECT_EQ(app.lessons().playing_page(), std::optional<int>(1));
  // A broken lesson file is an error and keeps the lesson open.
  EXPECT_NE(app.open_lesson("/nonexistent.toml"), "");
  EXPECT_NE(app.lessons().current(), nullptr);
}

TEST(LessonPanel, OpenDefaultStartsOnLessonOne) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  app.open_default();
  ASSERT_NE(app.lessons().current(), nullptr);
  EXPECT_EQ(app.lessons().current()->order, 1);
  h.frame(app);
}

}  // namespace
}  // namespace paxoslab::gui
