// Two lessons' subtle points: lesson 10's exercise goal holds only for a run
// that matches its task; lesson 12 pauses on the no-op of a repeated value.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/lessons/lesson_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

Lesson track_lesson(const std::string& file) {
  const LessonLoad l = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/" + file);
  EXPECT_TRUE(l.ok()) << (l.error ? l.error->to_string() : "");
  return l.ok() ? *l.lesson : Lesson{};
}

/// The scripted run's faults (every step but the client requests), as a "solution".
std::vector<ScriptStep> scripted_faults(const Lesson& l) {
  std::vector<ScriptStep> out;
  for (const ScriptStep& s : l.scenario.script)
    if (!std::holds_alternative<ClientRequestAction>(s.action)) out.push_back(s);
  return out;
}

TEST(Lesson10, TheExerciseGoalNeedsTheTasksStoryNotJustADivergence) {
  const Lesson l = track_lesson("10_two_leaders.toml");
  ASSERT_EQ(l.exercises.size(), 1u);
  const Exercise& ex = l.exercises[0];
  const StageInfo stage = *find_stage(exercise_stage(l, ex));
  EXPECT_TRUE(run_exercise(l, ex, stage, true).achieved) << "the false-suspicion solution";

  // The figure's own faults (a cut link, S3's learn lost, S3 crashes): a
  // divergence too, but made with a cut link instead of a false suspicion.
  Exercise cut = ex;
  cut.solution = scripted_faults(l);
  Exercise any_divergence = cut;
  any_divergence.goal = Goal{};
  any_divergence.goal.kind = Goal::Kind::Violation;
  any_divergence.goal.violation = Violation::Kind::Divergence;
  ASSERT_TRUE(run_exercise(l, any_divergence, stage, true).achieved) << "the old goal passed this run";
  EXPECT_FALSE(run_exercise(l, cut, stage, true).achieved);

  // The false suspicion alone, without losing S3's learns or crashing it.
  Exercise suspicion_only = ex;
  suspicion_only.solution.resize(1);
  ASSERT_TRUE(std::holds_alternative<SuspectAction>(suspicion_only.solution[0].action));
  EXPECT_FALSE(run_exercise(l, suspicion_only, stage, true).achieved);
}

TEST(Lesson12, APageStopsOnTheNoOpOfTheRepeatedValue) {
  const Lesson l = track_lesson("12_repropose.toml");
  int noop_page = -1;
  for (std::size_t i = 0; i < l.pages.size(); ++i)
    if (l.pages[i].pause_at && l.pages[i].pause_at->after && l.pages[i].pause_at->after->kind == TraceKind::Note)
      noop_page = static_cast<int>(i);
  ASSERT_GE(noop_page, 0) << "a page whose moment is the no-op note";
  Simulation sim = play_to_page(l, *find_stage(4), noop_page);
  LessonPlayer player(l);
  const MomentReport m = player.moment_report(sim, noop_page);
  ASSERT_TRUE(m.reached);
  const TraceEvent& note = sim.trace().events()[m.moment_seq];
  EXPECT_EQ(to_string(note.who), "S3");
  EXPECT_NE(note.why.find("m1"), std::string::npos) << note.why;
  EXPECT_NE(note.why.find("no-op"), std::string::npos) << note.why;
  ASSERT_TRUE(l.pages[static_cast<std::size_t>(noop_page)].predict.has_value()) << "predict, then reveal the no-op";
}

}  // namespace
}  // namespace paxoslab
