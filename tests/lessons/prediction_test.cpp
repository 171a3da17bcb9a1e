// Predict, then reveal (core/lessons/prediction.hpp, [page.predict] in
// docs/lesson-format.md): loading, malformed predictions as file:line:col
// errors, the reveal, verify's check of the right choice (progress answers: tests/gui/progress_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/lessons/lesson_verify.hpp"
#include "core/lessons/prediction.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"
#include "tests/lessons/lesson_test_support.hpp"
#include "tests/support/cli_in_process.hpp"

namespace paxoslab {
namespace {

using lesson_testing::ScratchDir;
using lesson_testing::stage1_lesson;

/// stage1_lesson with a prediction on its first page (moment: S2's first
/// Accept arrives): "what does S2 do?". `right_line` / `wrong_line` are the
/// two choices (the first is marked right).
std::string with_prediction(const std::string& right_choice, const std::string& wrong_choice) {
  std::string t = stage1_lesson();
  const std::string anchor = "[page.highlight]";
  t.insert(t.find(anchor), "[page.predict]\nquestion = \"What does S2 see first?\"\nexplanation = \"The leader orders.\"\nchoices = [\n  " +
                               right_choice + ",\n  " + wrong_choice + ",\n]\n");
  return t;
}

const std::string kRight = R"({ text = "S2 gets the client's request", event = "deliver", who = "S2", msg = "Request", right = true })";
const std::string kWrong = R"({ text = "S1 crashes first", event = "crash", who = "S1" })";

Lesson load(const std::string& text) {
  const LessonLoad l = load_lesson_string(text, "lessons/x.toml");
  EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
  return l.ok() ? *l.lesson : Lesson{};
}

LoadError expect_error(const std::string& text) {
  const LessonLoad l = load_lesson_string(text, "lessons/x.toml");
  EXPECT_FALSE(l.ok());
  return l.error.value_or(LoadError{});
}

int line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

StageLookup stages() {
  return [](int n) { return find_stage(n); };
}

TEST(Prediction, LoadsQuestionChoicesAndExplanation) {
  const std::string t = with_prediction(kRight, kWrong);
  const Lesson l = load(t);
  ASSERT_TRUE(l.pages[0].predict.has_value());
  const Prediction& p = *l.pages[0].predict;
  EXPECT_EQ(p.question_markdown, "What does S2 see first?");
  EXPECT_EQ(p.explanation_markdown, "The leader orders.");
  ASSERT_EQ(p.choices.size(), 2u);
  EXPECT_EQ(p.right_choice(), 0u);
  EXPECT_EQ(p.choices[0].event.kind, TraceKind::Deliver);
  EXPECT_EQ(p.choices[0].event.msg_kind, MsgKind::Request);
  EXPECT_EQ(p.choices[1].text_markdown, "S1 crashes first");
  EXPECT_EQ(p.choices[1].source_line, line_of(t, "S1 crashes first"));
  EXPECT_FALSE(l.pages[1].predict.has_value());
}

TEST(Prediction, MalformedPredictionsNameFileLineAndColumn) {
  {  // two right choices
    const std::string t = with_prediction(kRight, R"({ text = "x", event = "crash", who = "S2", right = true })");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.file, "lessons/x.toml");
    EXPECT_EQ(e.line, line_of(t, "choices = ["));
    EXPECT_GT(e.column, 0);
    EXPECT_NE(e.message.find("exactly one choice with right = true"), std::string::npos) << e.message;
  }
  {  // one choice only
    std::string t = with_prediction(kRight, kWrong);
    t.erase(t.find(kWrong), kWrong.size() + 1);
    const LoadError e = expect_error(t);
    EXPECT_NE(e.message.find("2 to 4 choices"), std::string::npos) << e.message;
  }
  {  // a choice without text, and a misspelt key
    const std::string t = with_prediction(kRight, R"({ event = "crash", who = "S2" })");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "event = \"crash\", who = \"S2\""));
    EXPECT_NE(e.message.find("'text'"), std::string::npos) << e.message;
    const std::string u = with_prediction(kRight, R"({ text = "x", event = "crash", whom = "S1" })");
    const LoadError f = expect_error(u);
    EXPECT_EQ(f.line, line_of(u, "whom"));
    EXPECT_NE(f.message.find("unknown key 'whom'"), std::string::npos) << f.message;
  }
  {  // a bad event kind in a choice
    const std::string t = with_prediction(kRight, R"({ text = "x", event = "explode" })");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "explode"));
    EXPECT_NE(e.message.find("\"deliver\""), std::string::npos) << e.message;
  }
  {  // two choices naming the same event cannot be told apart
    const std::string t = with_prediction(kRight, R"({ text = "y", event = "deliver", who = "S2", msg = "Request" })");
    const LoadError e = expect_error(t);
    EXPECT_NE(e.message.find("name the same event"), std::string::npos) << e.message;
  }
  {  // a misspelt 'question'
    std::string t = with_prediction(kRight, kWrong);
    t.replace(t.find("question = "), 8, "qestion");
    const LoadError e = expect_error(t);
    EXPECT_EQ(e.line, line_of(t, "qestion"));
    EXPECT_NE(e.message.find("unknown key 'qestion'"), std::string::npos) << e.message;
  }
}

TEST(Prediction, RevealSaysWhichChoiceTheRunTookAndWhy) {
  const Lesson l = load(with_prediction(kRight, kWrong));
  Simulation sim = start_scenario(l.scenario, *find_stage(1));
  const std::vector<PageWalk> w = walk_lesson(l, sim);
  const Prediction& p = *l.pages[0].predict;
  const PredictionReveal r = reveal_prediction(p, sim.trace(), w[0].stretch_first_seq, w[0].stretch_end_seq);
  ASSERT_TRUE(r.taken.has_value());
  EXPECT_EQ(*r.taken, 0u);
  ASSERT_TRUE(r.event.has_value());
  EXPECT_EQ(r.event->kind, TraceKind::Deliver);
  EXPECT_FALSE(r.event->why.empty()) << "the reveal shows the handler's reason";
  EXPECT_TRUE(r.happened[0]);
  EXPECT_FALSE(r.happened[1]);
  EXPECT_TRUE(prediction_problems(p, r, sim.trace()).empty());
  // Judged on the second page's stretch instead, the first choice is not there.
  const PredictionReveal later = reveal_prediction(p, sim.trace(), w[1].stretch_first_seq, w[1].stretch_end_seq);
  EXPECT_FALSE(later.happened[0]);
}

TEST(Prediction, VerifyCountsAndChecksPredictions) {
  const LessonVerdict ok = verify_lesson(load(with_prediction(kRight, kWrong)), stages());
  EXPECT_TRUE(ok.passed()) << (ok.problems.empty() ? "" : ok.problems.front());
  EXPECT_EQ(ok.predictions, 1);
  EXPECT_EQ(ok.predictions_checked, 1);
}

TEST(Prediction, VerifyFailsWhenTheRightChoiceIsWrong) {
  // The right and wrong choices swapped: the choice marked right does not happen.
  std::string right = kWrong;
  right.insert(right.size() - 2, ", right = true");
  std::string wrong = kRight;
  wrong.erase(wrong.find(", right = true"), 14);
  const std::string t = with_prediction(right, wrong);
  const LessonVerdict v = verify_lesson(load(t), stages());
  EXPECT_FALSE(v.passed());
  EXPECT_EQ(v.predictions, 1);
  EXPECT_EQ(v.predictions_checked, 0);
  ASSERT_EQ(v.problems.size(), 2u);
  const std::string where = "lessons/x.toml:" + std::to_string(line_of(t, "[page.predict]"));
  EXPECT_EQ(v.problems[0].rfind(where, 0), 0u) << v.problems[0];
  EXPECT_NE(v.problems[0].find("line " + std::to_string(line_of(t, "S1 crashes first"))), std::string::npos) << v.problems[0];
  EXPECT_NE(v.problems[0].find("is marked right but its event does not happen"), std::string::npos) << v.problems[0];
  EXPECT_NE(v.problems[1].find("is not marked right but its event happens"), std::string::npos) << v.problems[1];
}

TEST(Prediction, VerifyJsonReportsPredictionsNextToTheVerdicts) {
  ScratchDir dir;
  dir.write("01_a.toml", with_prediction(kRight, kWrong));
  dir.write("02_b.toml", stage1_lesson("b", 2));
  const auto r = cli::testing::run_cli({"lessons", "verify", dir.path().string(), "--json"}, {cli::add_lessons_command});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["passed"], 2);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_TRUE(j["broken"].empty());
  EXPECT_EQ(j["predictions"], 1);
  EXPECT_EQ(j["predictions_checked"], 1);
  ASSERT_EQ(j["lessons"].size(), 2u);
  EXPECT_EQ(j["lessons"][0]["id"], "stage1");
  EXPECT_EQ(j["lessons"][0]["predictions"], 1);
  EXPECT_EQ(j["lessons"][1]["predictions_checked"], 0);
}

}  // namespace
}  // namespace paxoslab
