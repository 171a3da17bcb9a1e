// Preferences: every user setting the app remembers, in one plain struct,
// saved as "key = value" lines in $XDG_CONFIG_HOME/paxos-lab/preferences.ini
// (or ~/.config/paxos-lab/), beside ImGui's own imgui.ini (window state).
#pragma once

#include <string>

namespace paxoslab::gui {

struct Preferences {
  double speed_ticks_per_second = 20.0;  ///< Playback speed.
  float font_size_px = 15.0f;            ///< Before the monitor's content scale.
  bool show_message_labels = true;       ///< Labels on in-flight markers and chart arrows.
  bool show_timers = true;               ///< Dashed timer brackets in the chart.
  bool show_log_view = false;            ///< The all-servers log view under the cluster view (L, View menu).
  bool show_help_on_start = true;        ///< Open the Help window at the first start.
  std::string last_scenario;             ///< Reopened at start when no file is given.
  bool operator==(const Preferences&) const = default;
};

/// The folder: $XDG_CONFIG_HOME/paxos-lab, else $HOME/.config/paxos-lab,
/// else empty (nothing is saved).
std::string config_dir();

/// Reads `path`; unknown keys and bad values are skipped (a preferences file
/// must never stop the app). Missing file: defaults. A file that cannot be
/// read (a FIFO or directory in its place, unreadable, over 1 MiB) is kept
/// aside as path.bad-N (core/scenario/atomic_file.hpp) and `warning`, if given, says so.
Preferences load_preferences(const std::string& path, std::string* warning = nullptr);
/// Writes `prefs` to `path` atomically (temporary file, fsync, rename),
/// creating the folder. Returns false on failure.
bool save_preferences(const Preferences& prefs, const std::string& path);

}  // namespace paxoslab::gui
