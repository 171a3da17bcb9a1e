#include "gui/model/scenario_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace paxoslab::gui {

namespace fs = std::filesystem;

std::vector<std::string> scenario_folders(const std::string& exe_dir) {
  std::vector<fs::path> candidates;
  if (const char* data = std::getenv("PAXOSLAB_DATA_DIR")) candidates.push_back(fs::path(data) / "scenarios");
  if (!exe_dir.empty()) {
    const fs::path exe(exe_dir);
    candidates.push_back(exe / "scenarios");
    candidates.push_back(exe / ".." / "share" / "paxos-lab" / "scenarios");
  }
#ifdef PAXOSLAB_SOURCE_DIR
  candidates.push_back(fs::path(PAXOSLAB_SOURCE_DIR) / "scenarios");
#endif
  candidates.push_back(fs::path("scenarios"));
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    std::error_code ec;
    if (!fs::is_directory(c, ec)) continue;
    const std::string canon = fs::weakly_canonical(c, ec).string();
    if (std::find(out.begin(), out.end(), canon) == out.end()) out.push_back(canon);
  }
  return out;
}

std::vector<CatalogEntry> list_scenarios(const std::string& exe_dir) {
  std::vector<CatalogEntry> out;
  for (const auto& folder : scenario_folders(exe_dir)) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().extension() != ".toml") continue;
      out.push_back(CatalogEntry{entry.path().string(), entry.path().filename().string()});
    }
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) { return a.name < b.name; });
  return out;
}

std::string default_scenario(const std::string& exe_dir) {
  for (const auto& e : list_scenarios(exe_dir))
    if (e.name == "fig03_send_accept.toml") return e.path;
  return {};
}

}  // namespace paxoslab::gui
