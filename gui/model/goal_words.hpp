// An exercise's goal (core/lessons/lesson.hpp, Goal) in words a learner
// reads, as a short indented list instead of Goal::describe()'s one-line
// formula: "all of: a divergence violation; event: S2 suspect (S1); not (...)"
// becomes
//   the checker finds a divergence violation
//   S2 suspects S1
//   never: S1 crashes
// No ImGui here; the lesson panel draws the lines.
#pragma once

#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"

namespace paxoslab::gui {

/// One line of a goal: its text and how deep it sits (0 = top level).
struct GoalLine {
  int depth = 0;
  std::string text;
  bool operator==(const GoalLine&) const = default;
};

/// `goal` as lines: a top-level "all of" is its parts, one line each at
/// depth 0; a nested "all of" / "one of" is a heading ("all of these:",
/// "one of these:") with its parts one level deeper; "not" of a trace fact
/// (an event, a delivery, a loss) reads "never: ...", of a state "not: ...".
/// Leaves in plain words: "S2 suspects S1" (moment_words), "a Promise from
/// S3 to S2 is delivered", "S2 executed exactly <m1, m2>", "the run is stuck:
/// nothing can change, yet a request is missing".
std::vector<GoalLine> goal_lines(const Goal& goal);

}  // namespace paxoslab::gui
