// `paxos-lab-cli lessons list|verify [PATH]`: the lesson track (lessons/,
// docs/lesson-format.md) - list it, or verify every lesson headless
// (core/lesson_verify.hpp).
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "core/lesson_loader.hpp"
#include "core/lesson_paths.hpp"
#include "core/lesson_verify.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

/// `lessons verify`: some lesson loaded but failed a check.
constexpr int kExitLessonFailed = 3;

struct LessonsOptions {
  std::string path;  ///< A lessons directory or one lesson file; empty = discover.
  bool verbose = false;
};

/// The lessons of `opt.path` (a file or a directory), or of the discovered
/// directory. Returns false (message on io.err, exit code set) if there is nothing to load.
bool load(const LessonsOptions& opt, CliIo& io, LessonDirLoad& out) {
  std::string path = opt.path;
  if (path.empty()) {
    const LessonSearchInputs in = current_lesson_search_inputs();
    path = find_lessons_dir(in);
    if (path.empty()) {
      std::string looked;
      for (const auto& c : lesson_dir_candidates(in)) looked += (looked.empty() ? "" : ", ") + c;
      io.err << "paxos-lab-cli: no lessons directory found (looked in " << looked
             << "); pass one, or set PAXOSLAB_LESSONS_DIR\n";
      io.exit_code = kExitBadInput;
      return false;
    }
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    out.dir = std::filesystem::path(path).parent_path().string();
    LessonLoad l = load_lesson_file(path);
    if (l.ok())
      out.lessons.push_back(std::move(*l.lesson));
    else
      out.broken.push_back(*l.error);
    return true;
  }
  out = load_lessons_dir(path);
  return true;
}

std::string stages_text(const Lesson& l) {
  std::string s = l.stages.size() == 1 ? "stage " : "stages ";
  for (std::size_t i = 0; i < l.stages.size(); ++i) s += (i ? "," : "") + std::to_string(l.stages[i]);
  return s;
}

/// "1 page", "3 pages".
std::string count_of(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void list_command(const LessonsOptions& opt, CliIo& io) {
  LessonDirLoad d;
  if (!load(opt, io, d)) return;
  for (const Lesson& l : d.lessons) {
    io.out << (l.order < 10 ? " " : "") << l.order << "  " << l.id << "  " << l.title << "  (" << stages_text(l)
           << (l.figure.empty() ? "" : ", " + l.figure) << ", " << count_of(l.pages.size(), "page") << ", "
           << count_of(l.exercises.size(), "exercise") << ")\n";
    if (opt.verbose) io.out << "      " << l.summary << "\n";
  }
  for (const LoadError& e : d.broken) io.out << "BROKEN  " << e.to_string() << "\n";
  io.exit_code = d.broken.empty() ? kExitOk : kExitBadInput;
}

void verify_command(const LessonsOptions& opt, CliIo& io) {
  LessonDirLoad d;
  if (!load(opt, io, d)) return;
  if (d.lessons.empty() && d.broken.empty()) {
    io.err << "paxos-lab-cli: lessons verify: no lesson files (*.toml) in "
           << (opt.path.empty() ? std::string("the lessons directory found") : opt.path) << "\n";
    io.exit_code = kExitBadInput;
    return;
  }
  const StageLookup stages = [](int n) { return find_stage(n); };
  int failed = 0;
  for (const Lesson& l : d.lessons) {
    const LessonVerdict v = verify_lesson(l, stages);
    const std::string name = std::filesystem::path(l.path).filename().string();
    if (v.passed()) {
      io.out << "PASS  " << name << "  " << l.id << " (" << count_of(l.exercises.size(), "exercise") << ")\n";
    } else {
      ++failed;
      io.out << "FAIL  " << name << "  " << l.id << ": " << v.problems.front();
      if (v.problems.size() > 1) io.out << " (+" << v.problems.size() - 1 << " more)";
      io.out << "\n";
      for (std::size_t i = 1; i < v.problems.size(); ++i) io.out << "        " << v.problems[i] << "\n";
    }
    if (opt.verbose)
      for (const auto& n : v.notes) io.out << "        " << n << "\n";
  }
  for (const LoadError& e : d.broken) {
    io.out << "BROKEN  " << e.to_string() << "\n";
    io.err << e.to_string() << "\n";
  }
  io.out << d.lessons.size() - static_cast<std::size_t>(failed) << " passed, " << failed << " failed, "
         << d.broken.size() << " broken\n";
  io.exit_code = !d.broken.empty() ? kExitBadInput : failed > 0 ? kExitLessonFailed : kExitOk;
}

void add_path_options(CLI::App* cmd, LessonsOptions& opt) {
  cmd->add_option("PATH", opt.path,
                  "A lessons directory or one lesson file (default: the installed lessons, found next to the binary, "
                  "in the install prefix or the source tree; or $PAXOSLAB_LESSONS_DIR)");
  cmd->add_flag("-v,--verbose", opt.verbose, "Say more: summaries (list), what was checked (verify)");
}

}  // namespace

void add_lessons_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand("lessons", "The lesson track (lessons/*.toml, docs/lesson-format.md): list or verify.");
  cmd->require_subcommand(1);
  auto list_opt = std::make_shared<LessonsOptions>();
  CLI::App* list = cmd->add_subcommand("list", "One line per lesson in track order; broken files with their error.");
  add_path_options(list, *list_opt);
  list->footer("Exit 0, or 2 if some lesson file is broken (file:line:col: what was expected).");
  list->callback([list_opt, &io] { list_command(*list_opt, io); });

  auto verify_opt = std::make_shared<LessonsOptions>();
  CLI::App* verify = cmd->add_subcommand(
      "verify",
      "Load every lesson and check it headless: the scripted run meets its [expect], every page's pause point "
      "happens in page order, and each exercise's goal does not hold without the learner but does with its "
      "\"show me\" solution. One line per lesson: PASS or FAIL with the reason.");
  add_path_options(verify, *verify_opt);
  verify->footer(
      "Exit 0 only if every lesson passes; 2 if a lesson file is broken (file:line:col: message on stderr); 3 if a "
      "lesson fails a check.");
  verify->callback([verify_opt, &io] { verify_command(*verify_opt, io); });
}

}  // namespace paxoslab::cli
