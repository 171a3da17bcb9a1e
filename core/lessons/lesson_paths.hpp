// Where the lesson files are found at run time (lessons are data, never
// compiled in): an explicit directory from $PAXOSLAB_LESSONS_DIR, the data
// folder $PAXOSLAB_DATA_DIR (its lessons/ and scenarios/), next to the
// binary (an installed tree or a relocated bundle), the install prefix chosen
// at configure time, and the source tree (a build tree run in place).
#pragma once

#include <string>
#include <vector>

namespace paxoslab {

/// Everything the search looks at, gathered so the rule itself is a pure
/// function (testable without touching the environment).
struct LessonSearchInputs {
  std::string env_lessons_dir;  ///< $PAXOSLAB_LESSONS_DIR (empty = unset).
  std::string env_data_dir;     ///< $PAXOSLAB_DATA_DIR (empty = unset): holds lessons/ and scenarios/.
  std::string executable_path;  ///< The running binary (empty = unknown).
  std::string install_datadir;  ///< <prefix>/share/paxos-lab (configure time; may be empty).
  std::string source_dir;       ///< The source tree (configure time; may be empty).
};

/// The candidate directories, best first: $PAXOSLAB_LESSONS_DIR;
/// $PAXOSLAB_DATA_DIR/lessons; <exe dir>/../share/paxos-lab/lessons; <exe dir>/../lessons;
/// <install_datadir>/lessons; <source_dir>/lessons. Empty inputs are skipped.
std::vector<std::string> lesson_dir_candidates(const LessonSearchInputs& in);

/// The first candidate that is a directory holding at least one *.toml file,
/// or an empty string if none does.
std::string find_lessons_dir(const LessonSearchInputs& in);

/// The lesson file `name` names in the lesson folder `dir`: `name` itself
/// when it is a file; else the *.toml in `dir` whose file name (with or
/// without .toml), lesson id ("repropose") or order number ("12") it is.
/// Empty when none is (a lesson file that fails to load matches by file
/// name only).
std::string find_lesson_file(const std::string& dir, const std::string& name);

/// The inputs of this process: the environment variable, /proc/self/exe (or
/// `argv0` if that cannot be read), and the install prefix and source tree
/// compiled into the core.
LessonSearchInputs current_lesson_search_inputs(const std::string& argv0 = {});

/// The folders a lesson's `scenario_file` may name a file in
/// (docs/lesson-format.md, "scenario_file"): the lesson's own folder tree,
/// the `scenarios` folder next to it (<data>/lessons and <data>/scenarios,
/// as installed and in the source tree), and the installed data folder's
/// `scenarios` (<install_datadir>/scenarios; skipped if empty).
std::vector<std::string> scenario_file_roots(const std::string& lesson_path, const std::string& install_datadir);

/// Resolves `scenario_file` (as written in the lesson at `lesson_path`)
/// against the lesson's folder, following symbolic links, into `out`.
/// Returns an empty string on success, else a sentence saying what was
/// expected: an absolute path, or one that leads outside every folder of
/// scenario_file_roots, is refused (nothing of the named file is read).
std::string resolve_scenario_file(const std::string& lesson_path, const std::string& scenario_file, std::string& out);

}  // namespace paxoslab
