// `paxos-lab-cli lessons list|verify [PATH]`: the lesson track (lessons/,
// docs/lesson-format.md) - list it, or verify every lesson headless
// (core/lessons/lesson_verify.hpp); `lessons walk LESSON`: play one lesson page by
// page with the app's lesson player (core/lessons/lesson_player.hpp) and say where
// each Next stopped.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_paths.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/lessons/lesson_verify.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

/// `lessons verify`: some lesson loaded but failed a check.
constexpr int kExitLessonFailed = 3;

struct LessonsOptions {
  std::string path;  ///< A lessons directory or one lesson file; empty = discover.
  bool verbose = false;
  bool json = false;  ///< verify: one JSON object instead of lines.
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
             << "); pass one, or set PAXOSLAB_DATA_DIR (its lessons/) or PAXOSLAB_LESSONS_DIR\n";
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

/// Every lesson's verdict, in track order, with the prediction counts.
struct TrackVerdict {
  std::vector<LessonVerdict> verdicts;  ///< One per lesson of the directory, in its order.
  int failed = 0;
  int predictions = 0;
  int predictions_checked = 0;
};

TrackVerdict verify_track(const LessonDirLoad& d) {
  const StageLookup stages = [](int n) { return find_stage(n); };
  TrackVerdict t;
  for (const Lesson& l : d.lessons) {
    t.verdicts.push_back(verify_lesson(l, stages));
    const LessonVerdict& v = t.verdicts.back();
    t.predictions += v.predictions;
    t.predictions_checked += v.predictions_checked;
    t.failed += v.passed() ? 0 : 1;
  }
  return t;
}

int verify_exit_code(const LessonDirLoad& d, const TrackVerdict& t) {
  return !d.broken.empty() ? kExitBadInput : t.failed > 0 ? kExitLessonFailed : kExitOk;
}

/// The verdicts as one JSON object (--json); broken files also on stderr.
void print_verify_json(const LessonDirLoad& d, const TrackVerdict& t, CliIo& io) {
  nlohmann::json lessons = nlohmann::json::array();
  for (std::size_t i = 0; i < d.lessons.size(); ++i) {
    const Lesson& l = d.lessons[i];
    const LessonVerdict& v = t.verdicts[i];
    lessons.push_back({{"id", l.id},
                       {"file", l.path},
                       {"passed", v.passed()},
                       {"problems", v.problems},
                       {"predictions", v.predictions},
                       {"predictions_checked", v.predictions_checked}});
  }
  nlohmann::json broken = nlohmann::json::array();
  for (const LoadError& e : d.broken) broken.push_back(e.to_string());
  const nlohmann::json j = {{"lessons", lessons},
                            {"passed", static_cast<int>(d.lessons.size()) - t.failed},
                            {"failed", t.failed},
                            {"broken", broken},
                            {"predictions", t.predictions},
                            {"predictions_checked", t.predictions_checked}};
  io.out << j.dump(2) << "\n";
  for (const LoadError& e : d.broken) io.err << e.to_string() << "\n";
}

/// One lesson's line: PASS, or FAIL with its problems (and --verbose notes).
void print_verdict_line(const LessonsOptions& opt, const Lesson& l, const LessonVerdict& v, CliIo& io) {
  const std::string name = std::filesystem::path(l.path).filename().string();
  if (v.passed()) {
    io.out << "PASS  " << name << "  " << l.id << " (" << count_of(l.exercises.size(), "exercise") << ")\n";
  } else {
    io.out << "FAIL  " << name << "  " << l.id << ": " << v.problems.front();
    if (v.problems.size() > 1) io.out << " (+" << v.problems.size() - 1 << " more)";
    io.out << "\n";
    for (std::size_t i = 1; i < v.problems.size(); ++i) io.out << "        " << v.problems[i] << "\n";
  }
  if (opt.verbose)
    for (const auto& n : v.notes) io.out << "        " << n << "\n";
}

/// The verdicts as text: a line per lesson, the broken files, the totals.
void print_verify_text(const LessonsOptions& opt, const LessonDirLoad& d, const TrackVerdict& t, CliIo& io) {
  for (std::size_t i = 0; i < d.lessons.size(); ++i) print_verdict_line(opt, d.lessons[i], t.verdicts[i], io);
  for (const LoadError& e : d.broken) {
    io.out << "BROKEN  " << e.to_string() << "\n";
    io.err << e.to_string() << "\n";
  }
  io.out << d.lessons.size() - static_cast<std::size_t>(t.failed) << " passed, " << t.failed << " failed, "
         << d.broken.size() << " broken; " << t.predictions_checked << " of "
         << count_of(static_cast<std::size_t>(t.predictions), "prediction") << " checked\n";
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
  const TrackVerdict t = verify_track(d);
  if (opt.json) {
    print_verify_json(d, t, io);
  } else {
    print_verify_text(opt, d, t, io);
  }
  io.exit_code = verify_exit_code(d, t);
}

struct WalkOptions {
  std::string lesson;  ///< A lesson file, or a lesson id or number of the discovered track.
  bool json = false;
};

/// The lesson `name` names: a lesson file, else the lesson of the discovered
/// track whose id, order number or file name (with or without .toml) it is.
/// nullopt (message on io.err, exit code 2) if there is none.
std::optional<Lesson> resolve_lesson(const std::string& name, CliIo& io) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(name, ec)) {
    LessonLoad l = load_lesson_file(name);
    if (l.ok()) return std::move(*l.lesson);
    io.err << l.error->to_string() << "\n";
    io.exit_code = kExitBadInput;
    return std::nullopt;
  }
  LessonDirLoad d;
  if (!load(LessonsOptions{}, io, d)) return std::nullopt;
  const std::string file = find_lesson_file(d.dir, name);
  for (Lesson& l : d.lessons)
    if (!file.empty() && l.path == file) return std::move(l);
  std::string known;
  for (const Lesson& l : d.lessons) known += (known.empty() ? "" : ", ") + std::to_string(l.order) + " " + l.id;
  io.err << "paxos-lab-cli: lessons walk: no lesson '" << name << "' in " << d.dir
         << " (expected a lesson file, or one of: " << known << ")\n";
  for (const LoadError& e : d.broken) io.err << "  (broken: " << e.to_string() << ")\n";
  io.exit_code = kExitBadInput;
  return std::nullopt;
}

void walk_command(const WalkOptions& opt, CliIo& io) {
  const std::optional<Lesson> lesson = resolve_lesson(opt.lesson, io);
  if (!lesson) return;
  const auto stage = find_stage(lesson->scenario.config.stage);
  if (!stage) {
    io.err << "paxos-lab-cli: lessons walk: " << lesson->path << ": there is no stage "
           << lesson->scenario.config.stage << "\n";
    io.exit_code = kExitBadInput;
    return;
  }
  const std::vector<PageWalk> pages = walk_lesson(*lesson, *stage);
  if (opt.json) {
    nlohmann::ordered_json j;
    j["lesson"] = lesson->id;
    j["pages"] = nlohmann::ordered_json::array();
    for (const PageWalk& w : pages)
      j["pages"].push_back(nlohmann::ordered_json{{"page", w.page},
                            {"moment", w.moment},
                            {"last_event", w.last_event},
                            {"exact", w.exact},
                            {"effects_after_moment", w.effects_after_moment}});
    io.out << j.dump(2) << "\n";
  } else {
    io.out << lesson->order << " " << lesson->id << ": " << lesson->title << "\n";
    for (const PageWalk& w : pages) {
      io.out << "page " << w.page << " \"" << w.title << "\": " << (w.exact ? "exact" : "NOT EXACT") << ", stopped at t="
             << w.tick << " (" << to_string(w.stop) << ")\n";
      io.out << "    moment:     " << w.moment << "\n";
      io.out << "    last event: " << (w.last_event.empty() ? "(none)" : w.last_event) << "\n";
      if (w.effects_after_moment > 0) io.out << "    " << w.effects_after_moment << " effect(s) after the moment\n";
    }
  }
  io.exit_code = kExitOk;
}

void add_path_options(CLI::App* cmd, LessonsOptions& opt) {
  cmd->add_option("PATH", opt.path,
                  "A lessons directory or one lesson file (default: the installed lessons, found next to the binary, "
                  "in the install prefix or the source tree; or $PAXOSLAB_DATA_DIR/lessons, or $PAXOSLAB_LESSONS_DIR)");
  cmd->add_flag("-v,--verbose", opt.verbose, "Say more: summaries (list), what was checked (verify)");
}

}  // namespace

void add_lessons_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand("lessons", "The lesson track (lessons/*.toml, docs/lesson-format.md): list, verify, or walk one lesson.");
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
      "happens in page order, each exercise's goal does not hold without the learner but does with its "
      "\"show me\" solution, and each prediction's right choice is what the run does on its page. One line per lesson: PASS or FAIL with the reason.");
  add_path_options(verify, *verify_opt);
  verify->add_flag("--json", verify_opt->json,
                   "One JSON object: per lesson id, file, passed, problems, predictions, predictions_checked; the "
                   "totals passed, failed, broken, predictions, predictions_checked");
  verify->footer(
      "Exit 0 only if every lesson passes; 2 if a lesson file is broken (file:line:col: message on stderr); 3 if a "
      "lesson fails a check.");
  verify->callback([verify_opt, &io] { verify_command(*verify_opt, io); });

  auto walk_opt = std::make_shared<WalkOptions>();
  CLI::App* walk = cmd->add_subcommand(
      "walk",
      "Play one lesson page by page as the app's Next does (core/lessons/lesson_player.hpp) and say, per page, its "
      "moment (pause_at), the last effect applied when Next stopped, whether that is exactly the moment, and how "
      "many effects came after it.");
  walk->add_option("LESSON", walk_opt->lesson,
                   "A lesson file, or a lesson of the installed track by id (\"repropose\"), number (12) or file name")
      ->required();
  walk->add_flag("--json", walk_opt->json,
                 "One JSON object: {\"lesson\", \"pages\": [{\"page\", \"moment\", \"last_event\", \"exact\", "
                 "\"effects_after_moment\"}]}");
  walk->footer("Exit 0 (exactness is reported, not judged); 2 if the lesson is unknown or its file is broken.");
  walk->callback([walk_opt, &io] { walk_command(*walk_opt, io); });
}

}  // namespace paxoslab::cli
