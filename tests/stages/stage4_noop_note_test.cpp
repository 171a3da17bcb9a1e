// Stage 4's no-op on a repeated value (Fig. 11): a server that already decided
// and executed a slot, asked to accept the same value there again in a higher
// round (a new leader re-proposing what a promise reported), says so in a note
// that a lesson can pause on - once per round, not on every retransmission.
#include <gtest/gtest.h>

#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

int count_notes(const Simulation& sim, const std::string& who, const std::string& text) {
  int n = 0;
  for (const TraceEvent& e : sim.trace().events())
    if (e.kind == TraceKind::Note && to_string(e.who) == who && e.why.find(text) != std::string::npos) ++n;
  return n;
}

TEST(Stage4NoopNote, ARepeatedValueInADecidedSlotIsANoteNotASecondExecution) {
  // Lesson 12's run: S3 decided and executed slot 1 = m1 in round 1; S2 leads
  // round 2 and re-proposes m1 for slot 1 (and retransmits it once more).
  const LessonLoad l = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/12_repropose.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  Simulation sim = start_scenario(l.lesson->scenario, *find_stage(4));
  run_to_end(sim, l.lesson->scenario);
  EXPECT_EQ(count_notes(sim, "S3", "slot 1 holds m1 again (rnd 2), already executed: a no-op here"), 1);
  EXPECT_EQ(count_notes(sim, "S2", "a no-op here"), 0) << "S2 executes m1 for the first time";
  int executions_of_m1 = 0;
  for (const RequestId m : sim.executed(ServerId{3})) executions_of_m1 += m == RequestId{1} ? 1 : 0;
  EXPECT_EQ(executions_of_m1, 1);
  EXPECT_TRUE(sim.checker().safe());
}

TEST(Stage4NoopNote, AFirstAcceptOfASlotSaysNothing) {
  // The sandbox run decides every slot once, in round 1: nothing repeats.
  const LessonLoad l = load_lesson_file(std::string(PAXOSLAB_SOURCE_DIR) + "/lessons/17_sandbox.toml");
  ASSERT_TRUE(l.ok()) << l.error->to_string();
  Simulation sim = start_scenario(l.lesson->scenario, *find_stage(4));
  run_to_end(sim, l.lesson->scenario);
  for (const char* s : {"S1", "S2", "S3"}) EXPECT_EQ(count_notes(sim, s, "a no-op here"), 0) << s;
}

}  // namespace
}  // namespace paxoslab
