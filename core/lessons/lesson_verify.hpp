// Verifying a lesson headless (`paxos-lab-cli lessons verify`, the test
// suite): its scripted run meets the scenario's [expect]; every page's pause
// point is reached, in page order; compare mode runs on both stages; and each
// exercise is meaningful - its goal does not already hold without the learner
// (the start alone), and the "show me" solution achieves it with every
// solution step carried out; and every prediction is right - played page by
// page with the app's player (core/lessons/lesson_player.hpp), the choice marked
// right happens in its page's stretch of the run and no other choice does.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// Finds a stage by number (usually paxoslab::find_stage from stages/registry.hpp).
using StageLookup = std::function<std::optional<StageInfo>(int)>;

/// The result of verify_lesson.
struct LessonVerdict {
  std::string lesson_id;
  std::string path;
  /// One sentence per failed check ("exercise 'make-s2-stuck': the solution
  /// does not achieve the goal (the run is stuck ...)"). Empty = pass.
  std::vector<std::string> problems;
  /// What was checked, for a verbose report ("scripted run: 42 events, expect met").
  std::vector<std::string> notes;
  int predictions = 0;          ///< Pages with a prediction ([page.predict]).
  int predictions_checked = 0;  ///< ...whose right choice the run confirmed (and no wrong one happened).
  bool passed() const { return problems.empty(); }
};

/// Runs every check on `lesson` (loaded by the loader). Never throws on a
/// failing check: each one becomes a sentence in `problems`.
LessonVerdict verify_lesson(const Lesson& lesson, const StageLookup& stages);

}  // namespace paxoslab
