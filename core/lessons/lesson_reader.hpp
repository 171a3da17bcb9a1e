// Internal to the lesson loader (core/lessons/lesson_loader.cpp, core/lessons/lesson_tables.cpp):
// readers of the lesson tables [[page]], [[exercise]] and goals, built on the
// scenario loader's checked TableReader (core/scenario/scenario_reader.hpp) so errors
// name the file, line and column and what was expected. Errors are raised as
// scenario_detail::ScenarioParseFailure and turned into values at the
// loader's boundary; they never escape it.
#pragma once

#include <vector>

#include <toml++/toml.h>

#include "core/lessons/lesson.hpp"
#include "core/scenario/scenario_reader.hpp"

namespace paxoslab::lesson_detail {

using scenario_detail::ParseContext;
using scenario_detail::TableReader;

/// The [[page]] array (`pages` may be null: no pages).
std::vector<LessonPage> parse_pages(const ParseContext& ctx, const toml::node* pages);

/// The [[exercise]] array (`exercises` may be null: no exercises). Ids must be
/// unique within the lesson. `base` is the scenario's set-up ([exercise.knobs]
/// override its knobs and are validated with it).
std::vector<Exercise> parse_exercises(const ParseContext& ctx, const toml::node* exercises, const SimConfig& base);

/// One goal (docs/lesson-format.md, "Goals"): a table with exactly one
/// predicate key. `where` names it in messages ("'goal' of [[exercise]] at line 40").
Goal parse_goal(const ParseContext& ctx, const toml::node& node, const std::string& where);

/// A trigger table: `{ at = TICK }` or an event pattern `{ event = "deliver",
/// who, other, request, msg, occurrence }` (the keys of a [[step]]'s `after`).
Trigger parse_trigger_table(const ParseContext& ctx, const toml::node& node, const std::string& where);

}  // namespace paxoslab::lesson_detail
