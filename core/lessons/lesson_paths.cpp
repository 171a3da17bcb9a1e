#include "core/lessons/lesson_paths.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/lessons/lesson_loader.hpp"

namespace paxoslab {

namespace fs = std::filesystem;

std::vector<std::string> lesson_dir_candidates(const LessonSearchInputs& in) {
  std::vector<std::string> out;
  if (!in.env_lessons_dir.empty()) out.push_back(in.env_lessons_dir);
  if (!in.env_data_dir.empty()) out.push_back((fs::path(in.env_data_dir) / "lessons").lexically_normal().string());
  if (!in.executable_path.empty()) {
    const fs::path bin = fs::path(in.executable_path).parent_path();
    out.push_back((bin / ".." / "share" / "paxos-lab" / "lessons").lexically_normal().string());
    out.push_back((bin / ".." / "lessons").lexically_normal().string());
  }
  if (!in.install_datadir.empty()) out.push_back((fs::path(in.install_datadir) / "lessons").lexically_normal().string());
  if (!in.source_dir.empty()) out.push_back((fs::path(in.source_dir) / "lessons").lexically_normal().string());
  return out;
}

std::string find_lessons_dir(const LessonSearchInputs& in) {
  for (const auto& dir : lesson_dir_candidates(in)) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->path().extension() == ".toml") return dir;
  }
  return {};
}

std::string find_lesson_file(const std::string& dir, const std::string& name) {
  std::error_code ec;
  if (fs::is_regular_file(name, ec)) return name;
  if (dir.empty() || name.empty()) return {};
  const LessonDirLoad d = load_lessons_dir(dir);
  for (const Lesson& l : d.lessons) {
    const fs::path file(l.path);
    if (l.id == name || std::to_string(l.order) == name || file.filename() == name || file.stem() == name) return l.path;
  }
  for (const LoadError& e : d.broken) {
    const fs::path file(e.file);
    if (file.filename() == name || file.stem() == name) return e.file;
  }
  return {};
}

namespace {

/// `p` lies inside `root` (both already canonical).
bool is_inside(const fs::path& p, const fs::path& root) {
  auto pi = p.begin();
  for (auto ri = root.begin(); ri != root.end(); ++ri, ++pi) {
    if (ri->empty()) continue;  // a trailing separator
    if (pi == p.end() || *pi != *ri) return false;
  }
  return true;
}

std::string compiled_datadir() {
#ifdef PAXOSLAB_INSTALL_DATADIR
  return PAXOSLAB_INSTALL_DATADIR;
#else
  return {};
#endif
}

}  // namespace

std::vector<std::string> scenario_file_roots(const std::string& lesson_path, const std::string& install_datadir) {
  std::error_code ec;
  const fs::path dir = fs::absolute(fs::path(lesson_path), ec).parent_path();
  std::vector<std::string> out = {dir.lexically_normal().string(),
                                  (dir.parent_path() / "scenarios").lexically_normal().string()};
  if (!install_datadir.empty()) out.push_back((fs::path(install_datadir) / "scenarios").lexically_normal().string());
  return out;
}

std::string resolve_scenario_file(const std::string& lesson_path, const std::string& scenario_file, std::string& out) {
  const fs::path rel(scenario_file);
  const std::string expected =
      "expected 'scenario_file' to be a path relative to the lesson's folder, naming a file in that folder (or "
      "below it) or in the scenarios folder next to it, e.g. \"../scenarios/fig01_single_server.toml\"";
  if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory()) return expected + ", got an absolute path";
  std::error_code ec;
  const fs::path dir = fs::absolute(fs::path(lesson_path), ec).parent_path();
  const fs::path joined = (dir / rel).lexically_normal();
  const fs::path real = fs::weakly_canonical(joined, ec);
  if (ec) return expected + ", got one that cannot be resolved (" + ec.message() + ")";
  for (const auto& root : scenario_file_roots(lesson_path, compiled_datadir())) {
    const fs::path r = fs::weakly_canonical(fs::path(root), ec);
    if (!ec && is_inside(real, r)) {
      out = (fs::path(lesson_path).parent_path() / rel).lexically_normal().string();
      return {};
    }
  }
  return expected + ", got one that leads outside them";
}

LessonSearchInputs current_lesson_search_inputs(const std::string& argv0) {
  LessonSearchInputs in;
  if (const char* env = std::getenv("PAXOSLAB_LESSONS_DIR")) in.env_lessons_dir = env;
  if (const char* env = std::getenv("PAXOSLAB_DATA_DIR")) in.env_data_dir = env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    in.executable_path = self.string();
  } else if (!argv0.empty()) {
    in.executable_path = fs::absolute(argv0, ec).string();
  }
#ifdef PAXOSLAB_INSTALL_DATADIR
  in.install_datadir = PAXOSLAB_INSTALL_DATADIR;
#endif
#ifdef PAXOSLAB_LESSONS_SOURCE_DIR
  in.source_dir = PAXOSLAB_LESSONS_SOURCE_DIR;
#endif
  return in;
}

}  // namespace paxoslab
