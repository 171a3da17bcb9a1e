#include "gui/model/progress.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/scenario/atomic_file.hpp"
#include "core/scenario/input_limits.hpp"

namespace paxoslab {

namespace fs = std::filesystem;

namespace {

constexpr int kProgressVersion = 1;

/// "answers": {"<page>": {"choice": i, "right": b}} of lesson `id` into `lp`.
bool read_answers(const nlohmann::json& answers, const std::string& id, LessonProgress& lp, std::string& error) {
  if (!answers.is_object()) {
    error = "expected an object (page -> answer) for 'answers' of lesson '" + id + "'";
    return false;
  }
  for (const auto& [key, a] : answers.items()) {
    const bool page_ok = !key.empty() && key.size() <= 6 && key.find_first_not_of("0123456789") == std::string::npos;
    if (!page_ok || !a.is_object() || !a.contains("choice") || !a["choice"].is_number_integer() ||
        a["choice"].get<long long>() < 0 || a["choice"].get<long long>() > 100 ||
        (a.contains("right") && !a["right"].is_boolean())) {
      error = "expected \"<page number>\": {\"choice\": <0..100>, \"right\": true|false} in 'answers' of lesson '" +
              id + "', got \"" + key + "\"";
      return false;
    }
    lp.answers[std::stoi(key)] = {static_cast<int>(a["choice"].get<long long>()), a.value("right", false)};
  }
  return true;
}

}  // namespace

bool Progress::mark_exercise(const std::string& lesson_id, const std::string& exercise_id) {
  auto& done = lessons[lesson_id].exercises_done;
  if (std::find(done.begin(), done.end(), exercise_id) != done.end()) return false;
  done.push_back(exercise_id);
  return true;
}

bool Progress::exercise_done(const std::string& lesson_id, const std::string& exercise_id) const {
  const auto it = lessons.find(lesson_id);
  if (it == lessons.end()) return false;
  const auto& done = it->second.exercises_done;
  return std::find(done.begin(), done.end(), exercise_id) != done.end();
}

bool Progress::record_answer(const std::string& lesson_id, int page, PredictionAnswer answer) {
  return lessons[lesson_id].answers.emplace(page, answer).second;
}

const PredictionAnswer* Progress::answer(const std::string& lesson_id, int page) const {
  const auto it = lessons.find(lesson_id);
  if (it == lessons.end()) return nullptr;
  const auto a = it->second.answers.find(page);
  return a == it->second.answers.end() ? nullptr : &a->second;
}

std::string default_progress_path(const EnvLookup& env) {
  if (auto xdg = env("XDG_DATA_HOME"); xdg && !xdg->empty() && fs::path(*xdg).is_absolute())
    return (fs::path(*xdg) / "paxos-lab" / "progress.json").string();
  if (auto home = env("HOME"); home && !home->empty())
    return (fs::path(*home) / ".local" / "share" / "paxos-lab" / "progress.json").string();
  return {};
}

std::string default_progress_path() {
  return default_progress_path([](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  });
}

std::string progress_to_json(const Progress& p) {
  nlohmann::json j;
  j["version"] = kProgressVersion;
  j["lessons"] = nlohmann::json::object();
  for (const auto& [id, lp] : p.lessons) {
    j["lessons"][id] = {{"page", lp.page}, {"exercises_done", lp.exercises_done}, {"completed", lp.completed}};
    if (lp.answers.empty()) continue;
    nlohmann::json answers = nlohmann::json::object();
    for (const auto& [page, a] : lp.answers) answers[std::to_string(page)] = {{"choice", a.choice}, {"right", a.right}};
    j["lessons"][id]["answers"] = std::move(answers);
  }
  return j.dump(2) + "\n";
}

std::optional<Progress> progress_from_json(const std::string& text, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    error = "expected JSON, but the text does not parse";
    return std::nullopt;
  }
  if (!j.is_object() || !j.contains("version") || !j["version"].is_number_integer() ||
      j["version"].get<int>() != kProgressVersion) {
    error = "expected an object with \"version\": 1";
    return std::nullopt;
  }
  Progress p;
  if (!j.contains("lessons")) return p;
  const auto& lessons = j["lessons"];
  if (!lessons.is_object()) {
    error = "expected \"lessons\" to be an object (lesson id -> progress)";
    return std::nullopt;
  }
  for (const auto& [id, v] : lessons.items()) {
    if (!v.is_object()) {
      error = "expected an object for lesson '" + id + "'";
      return std::nullopt;
    }
    LessonProgress lp;
    if (v.contains("page")) {
      if (!v["page"].is_number_integer() || v["page"].get<long long>() < 0) {
        error = "expected a non-negative integer 'page' for lesson '" + id + "'";
        return std::nullopt;
      }
      lp.page = static_cast<int>(std::min<long long>(v["page"].get<long long>(), 100000));
    }
    if (v.contains("completed")) {
      if (!v["completed"].is_boolean()) {
        error = "expected true or false for 'completed' of lesson '" + id + "'";
        return std::nullopt;
      }
      lp.completed = v["completed"].get<bool>();
    }
    if (v.contains("exercises_done")) {
      const auto& done = v["exercises_done"];
      if (!done.is_array()) {
        error = "expected a list of exercise ids for 'exercises_done' of lesson '" + id + "'";
        return std::nullopt;
      }
      for (const auto& e : done) {
        if (!e.is_string()) {
          error = "expected exercise ids (strings) in 'exercises_done' of lesson '" + id + "'";
          return std::nullopt;
        }
        lp.exercises_done.push_back(e.get<std::string>());
      }
    }
    if (v.contains("answers") && !read_answers(v["answers"], id, lp, error)) return std::nullopt;
    p.lessons[id] = std::move(lp);
  }
  return p;
}

ProgressLoad load_progress(const std::string& path) {
  ProgressLoad out;
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status)) return out;  // nothing yet: fresh progress, no warning
  LoadError read_error;
  const auto text = read_bounded_file(path, kMaxUserDataFileBytes, "progress file", read_error);
  std::string problem;
  if (!text) {
    problem = "cannot be read (" + read_error.message + ")";
  } else {
    std::string error;
    if (auto p = progress_from_json(*text, error)) {
      out.progress = std::move(*p);
      return out;
    }
    problem = "is corrupt (" + shorten_for_message(error, 120) + ")";
  }
  std::string kept_as;
  if (const std::string err = keep_aside(path, kept_as); !err.empty()) {
    out.save_blocked = true;
    out.warning = "the progress file " + path + " " + problem + " and could not be kept aside (" + err +
                  "); your progress this session will not be saved, so the file stays as it is";
    return out;
  }
  out.kept_as = kept_as;
  out.warning = "the progress file " + path + " " + problem + "; kept it as " + kept_as +
                " and started with fresh progress";
  return out;
}

std::string save_progress(const Progress& p, const std::string& path) {
  if (path.empty()) return "no progress file path (set XDG_DATA_HOME or HOME)";
  return write_file_atomically(path, progress_to_json(p));
}

std::string reset_progress(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return "cannot remove " + path + ": " + ec.message();
  return {};
}

}  // namespace paxoslab
