// Lesson loading: the file, string and directory entry points and the
// [lesson] table (docs/lesson-format.md). Pages, exercises and goals are in
// lesson_tables.cpp; the scenario tables go through the scenario loader.
#include "core/lessons/lesson_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/scenario/input_limits.hpp"
#include "core/lessons/lesson_paths.hpp"
#include "core/lessons/lesson_reader.hpp"
#include "core/scenario/scenario_loader.hpp"

namespace paxoslab {

using scenario_detail::ParseContext;
using scenario_detail::ScenarioParseFailure;
using scenario_detail::TableReader;

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kLessonTopKeys = {"lesson", "page", "exercise"};
const std::vector<std::string> kScenarioTopKeys = {"scenario", "link", "knobs", "step", "choose", "expect"};
const std::vector<std::string> kLessonKeys = {"id",      "order",   "title",   "figure",       "stage",
                                              "stages",  "summary", "compare", "scenario_file"};

/// The header fields of [lesson]; the scenario is filled in later.
struct Header {
  Lesson lesson;
  int scenario_file_line = 0;
};

Header parse_header(const ParseContext& ctx, const toml::table& root) {
  const auto* node = root.get("lesson");
  if (!node)
    throw ScenarioParseFailure{LoadError{ctx.file, 1, 1, "missing table [lesson]; expected it with at least id, order, title and summary"}};
  const auto* table = node->as_table();
  if (!table)
    scenario_detail::fail_at(ctx, node->source(), "expected a table [lesson], got " + scenario_detail::describe_type(*node));
  const TableReader r(ctx, *table, "[lesson]");
  r.allow_only(kLessonKeys);
  r.require("id", "a short unique name, e.g. \"send-accept\"");
  r.require("order", "an integer: the lesson's place in the track (1 = first)");
  r.require("title", "a string: the lesson's title");
  r.require("summary", "one or two sentences for the lesson list");
  Header h;
  Lesson& l = h.lesson;
  l.id = *r.string("id");
  if (l.id.empty() || l.id.find_first_of(" \t\n\"") != std::string::npos)
    r.fail("id", "expected a non-empty 'id' without spaces or quotes in [lesson], got \"" + shorten_for_message(l.id) + "\"");
  l.order = static_cast<int>(*r.integer("order", 0, 1000));
  l.title = *r.string("title");
  l.summary = *r.string("summary");
  l.figure = r.string("figure").value_or("");
  if (r.has("stage") && r.has("stages")) r.fail("stages", "expected either 'stage' or 'stages' in [lesson], not both");
  if (auto s = r.integer("stage", 0, 4)) l.stages.push_back(static_cast<int>(*s));
  if (const toml::array* list = r.array("stages")) {
    for (const auto& item : *list) {
      const auto* i = item.as_integer();
      if (!i || i->get() < 0 || i->get() > 4)
        scenario_detail::fail_at(ctx, item.source(), "expected a stage number from 0 to 4 in 'stages' of [lesson]");
      l.stages.push_back(static_cast<int>(i->get()));
    }
  }
  if (const toml::array* cmp = r.array("compare")) {
    const auto* a = cmp->size() == 2 ? (*cmp)[0].as_integer() : nullptr;
    const auto* b = cmp->size() == 2 ? (*cmp)[1].as_integer() : nullptr;
    if (!a || !b || a->get() < 0 || a->get() > 4 || b->get() < 0 || b->get() > 4 || a->get() == b->get())
      r.fail("compare", "expected two different stage numbers from 0 to 4 for 'compare' in [lesson], e.g. compare = [2, 3]");
    l.compare = std::pair<int, int>(static_cast<int>(a->get()), static_cast<int>(b->get()));
  }
  if (auto f = r.string("scenario_file")) {
    if (f->empty()) r.fail("scenario_file", "expected a non-empty path for 'scenario_file' in [lesson]");
    l.scenario_file = *f;
    h.scenario_file_line = static_cast<int>(r.node("scenario_file")->source().begin.line);
    for (const auto& k : kScenarioTopKeys)
      if (const auto* n = root.get(k))
        scenario_detail::fail_at(ctx, n->source(),
                                 "expected either 'scenario_file' in [lesson] or embedded scenario tables, not both; "
                                 "remove [" + k + "] or 'scenario_file'");
  }
  return h;
}

/// The scenario of the lesson: embedded, or loaded from scenario_file
/// (relative to the lesson file's directory).
Scenario load_lesson_scenario(const ParseContext& ctx, const toml::table& root, const Header& h) {
  ScenarioLoad load;
  if (h.lesson.scenario_file.empty()) {
    std::vector<std::string> extra = kLessonTopKeys;
    load = parse_scenario_table(root, ctx.file, ScenarioParseOptions{extra});
  } else {
    std::string path;
    if (const std::string why = resolve_scenario_file(ctx.file, h.lesson.scenario_file, path); !why.empty())
      throw ScenarioParseFailure{LoadError{ctx.file, h.scenario_file_line, 1, why}};
    load = load_scenario_file(path);
    if (!load.ok()) {
      LoadError e = *load.error;
      e.message += " (the scenario_file of the lesson at " + ctx.file + ":" + std::to_string(h.scenario_file_line) + ")";
      throw ScenarioParseFailure{std::move(e)};
    }
    // Check the rest of the lesson's top level too (a misspelt [[pages]] ...).
    TableReader(ctx, root, "the top level of a lesson").allow_only(kLessonTopKeys);
  }
  if (!load.ok()) throw ScenarioParseFailure{*load.error};
  return std::move(*load.scenario);
}

/// A page's pause point that names a request the scenario never sends would
/// never happen (requests come only from [[step]]s, or from a [[choose]]
/// schedule's "request" choices, docs/scenario-format.md): an error at the
/// page, naming what is sent.
void check_pause_requests(const Lesson& lesson, const std::string& source_path) {
  std::vector<RequestId> sent;
  const auto add = [&](const Action& a) {
    if (const auto* r = std::get_if<ClientRequestAction>(&a)) sent.push_back(r->request);
  };
  for (const ScriptStep& step : lesson.scenario.script) add(step.action);
  for (const ScheduleChoice& c : lesson.scenario.schedule)
    if (c.type == ScheduleChoice::Type::Act) add(c.action);
  for (const LessonPage& page : lesson.pages) {
    if (!page.pause_at || !page.pause_at->after || !page.pause_at->after->request) continue;
    const RequestId m = *page.pause_at->after->request;
    if (std::find(sent.begin(), sent.end(), m) != sent.end()) continue;
    std::string names;
    for (RequestId r : sent) names += (names.empty() ? "" : ", ") + to_string(r);
    throw ScenarioParseFailure{LoadError{source_path, page.source_line, 1,
                                         "the 'pause_at' of [[page]] at line " + std::to_string(page.source_line) +
                                             " names request " + to_string(m) +
                                             ", which the lesson's scenario never sends (it sends " +
                                             (names.empty() ? std::string("none") : names) +
                                             "), so the page would never stop"}};
  }
}

Lesson parse_lesson(const toml::table& root, const std::string& source_path) {
  ParseContext ctx;
  ctx.file = source_path;
  Header h = parse_header(ctx, root);
  h.lesson.path = source_path;
  h.lesson.scenario = load_lesson_scenario(ctx, root, h);
  Lesson lesson = std::move(h.lesson);
  if (lesson.stages.empty()) lesson.stages.push_back(lesson.scenario.config.stage);
  ctx.servers = lesson.scenario.config.servers;
  ctx.clients = lesson.scenario.config.clients;
  ctx.link = lesson.scenario.config.link;
  lesson.pages = lesson_detail::parse_pages(ctx, root.get("page"));
  if (lesson.pages.empty())
    throw ScenarioParseFailure{LoadError{source_path, 1, 1, "expected at least one [[page]] of narration (title and text)"}};
  check_pause_requests(lesson, source_path);
  lesson.exercises = lesson_detail::parse_exercises(ctx, root.get("exercise"), lesson.scenario.config);
  return lesson;
}

LessonLoad error_load(LoadError e) {
  LessonLoad l;
  l.error = std::move(e);
  return l;
}

std::optional<std::string> read_text(const std::string& path, LoadError& error) {
  return read_bounded_file(path, kMaxScenarioFileBytes, "lesson file", error);
}

}  // namespace

std::size_t Prediction::right_choice() const {
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i].right) return i;
  return 0;
}

const Exercise* Lesson::find_exercise(const std::string& exercise_id) const {
  for (const auto& e : exercises)
    if (e.id == exercise_id) return &e;
  return nullptr;
}

LessonLoad load_lesson_string(const std::string& text, const std::string& source_path) {
  try {
    LoadError error;
    const auto root = parse_toml_checked(text, source_path, error);
    if (!root) return error_load(std::move(error));
    LessonLoad result;
    result.lesson = parse_lesson(*root, source_path);
    return result;
  } catch (const ScenarioParseFailure& f) {
    return error_load(f.error);
  } catch (const std::exception& e) {  // e.g. std::bad_alloc: still a value, never a crash
    return error_load(LoadError{source_path, 0, 0, std::string("cannot load lesson: ") + e.what()});
  }
}

LessonLoad load_lesson_file(const std::string& path) {
  LoadError error;
  const auto text = read_text(path, error);
  if (!text) return error_load(std::move(error));
  return load_lesson_string(*text, path);
}

LessonDirLoad load_lessons_dir(const std::string& dir) {
  LessonDirLoad out;
  out.dir = dir;
  std::vector<std::string> files;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out.broken.push_back(LoadError{dir, 0, 0, "cannot read the lessons directory: " + ec.message()});
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (p.extension() == ".toml" && !it->is_directory(ec)) files.push_back(p.string());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> id_owner;
  std::map<int, std::string> order_owner;
  for (const auto& f : files) {
    LessonLoad l = load_lesson_file(f);
    if (!l.ok()) {
      out.broken.push_back(*l.error);
      continue;
    }
    if (auto [pos, fresh] = id_owner.emplace(l.lesson->id, f); !fresh) {
      out.broken.push_back(LoadError{f, 0, 0, "expected a unique lesson id, but '" + l.lesson->id + "' is also the id of " + pos->second});
      continue;
    }
    if (auto [pos, fresh] = order_owner.emplace(l.lesson->order, f); !fresh) {
      id_owner.erase(l.lesson->id);
      out.broken.push_back(LoadError{f, 0, 0, "expected a unique lesson order, but " + std::to_string(l.lesson->order) +
                                                  " is also the order of " + pos->second});
      continue;
    }
    out.lessons.push_back(std::move(*l.lesson));
  }
  std::stable_sort(out.lessons.begin(), out.lessons.end(), [](const Lesson& a, const Lesson& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  return out;
}

bool looks_like_lesson(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    if (line.compare(start, 8, "[lesson]") == 0) return true;
  }
  return false;
}

ScenarioLoad load_scenario_or_lesson_file(const std::string& path) {
  LoadError error;
  const auto text = read_text(path, error);
  if (text && looks_like_lesson(*text)) {
    LessonLoad l = load_lesson_string(*text, path);
    ScenarioLoad out;
    if (l.ok())
      out.scenario = std::move(l.lesson->scenario);
    else
      out.error = *l.error;
    return out;
  }
  return load_scenario_file(path);
}

}  // namespace paxoslab
