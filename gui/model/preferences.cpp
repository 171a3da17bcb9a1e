#include "gui/model/preferences.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/scenario/atomic_file.hpp"

namespace paxoslab::gui {

std::string config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0')
    return (std::filesystem::path(xdg) / "paxos-lab").string();
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return (std::filesystem::path(home) / ".config" / "paxos-lab").string();
  return {};
}

namespace {
std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}
bool parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1") out = true;
  else if (v == "false" || v == "0") out = false;
  else return false;
  return true;
}
}  // namespace

Preferences load_preferences(const std::string& path, std::string* warning) {
  Preferences p;
  std::string why;
  const std::optional<std::string> text = read_user_file(path, "preferences file", why);
  if (warning != nullptr) *warning = why;
  std::istringstream in(text.value_or(std::string()));
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos || line[0] == '#') continue;
    const std::string key = trim(line.substr(0, eq));
    const std::string value = trim(line.substr(eq + 1));
    char* end = nullptr;
    if (key == "speed_ticks_per_second") {
      const double v = std::strtod(value.c_str(), &end);
      if (end != value.c_str() && v > 0 && v < 1e6) p.speed_ticks_per_second = v;
    } else if (key == "font_size_px") {
      const double v = std::strtod(value.c_str(), &end);
      if (end != value.c_str() && v >= 8 && v <= 40) p.font_size_px = static_cast<float>(v);
    } else if (key == "show_message_labels") {
      parse_bool(value, p.show_message_labels);
    } else if (key == "show_timers") {
      parse_bool(value, p.show_timers);
    } else if (key == "show_log_view") {
      parse_bool(value, p.show_log_view);
    } else if (key == "show_help_on_start") {
      parse_bool(value, p.show_help_on_start);
    } else if (key == "last_scenario") {
      p.last_scenario = value;
    }
  }
  return p;
}

bool save_preferences(const Preferences& p, const std::string& path) {
  std::ostringstream out;
  out << "# Paxos Lab preferences (written by the app)\n"
      << "speed_ticks_per_second = " << p.speed_ticks_per_second << "\n"
      << "font_size_px = " << p.font_size_px << "\n"
      << "show_message_labels = " << (p.show_message_labels ? "true" : "false") << "\n"
      << "show_timers = " << (p.show_timers ? "true" : "false") << "\n"
      << "show_log_view = " << (p.show_log_view ? "true" : "false") << "\n"
      << "show_help_on_start = " << (p.show_help_on_start ? "true" : "false") << "\n"
      << "last_scenario = " << p.last_scenario << "\n";
  return write_file_atomically(path, out.str()).empty();  // temporary file, fsync, rename
}

}  // namespace paxoslab::gui
