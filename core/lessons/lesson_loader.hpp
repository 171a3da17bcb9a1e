// Loading lessons from TOML (format: docs/lesson-format.md).
//
// A lesson file holds [lesson], [[page]] and [[exercise]] tables plus either
// the scenario tables of docs/scenario-format.md ([scenario], [link], [knobs],
// [[step]], [expect]) or `scenario_file = "..."` in [lesson] naming a scenario
// file (relative to the lesson file). Every problem is returned as a LoadError
// value naming the file, line and column and what was expected there; nothing
// here throws or crashes on bad input.
#pragma once

#include <string>

#include "core/lessons/lesson.hpp"
#include "core/scenario/scenario.hpp"

namespace paxoslab {

/// Reads and parses the lesson file at `path`. Errors: the file cannot be
/// read, a TOML syntax error, any error of the scenario tables (or of the
/// referenced scenario file, then named in the error), or of the lesson tables.
LessonLoad load_lesson_file(const std::string& path);

/// Parses lesson TOML text as if read from `source_path` (used in messages and
/// to resolve a relative `scenario_file`).
LessonLoad load_lesson_string(const std::string& text, const std::string& source_path);

/// Loads every `*.toml` file directly inside `dir`. A directory that cannot
/// be read gives one error in `broken`. Two files with the same lesson id or
/// order: the second (by file name) is reported broken.
LessonDirLoad load_lessons_dir(const std::string& dir);

/// True when the TOML text has a top-level [lesson] table (a cheap check that
/// tolerates otherwise broken files: used by `run` to tell lessons from scenarios).
bool looks_like_lesson(const std::string& text);

/// Loads `path` as a scenario file, or - if it holds a [lesson] table - as a
/// lesson, returning that lesson's scenario. For `paxos-lab-cli run`.
ScenarioLoad load_scenario_or_lesson_file(const std::string& path);

}  // namespace paxoslab
