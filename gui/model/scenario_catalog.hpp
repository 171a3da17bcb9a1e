// Finding scenario files: the scenarios/ folders next to the binary, in the
// install prefix (share/paxos-lab/scenarios), in the source tree the app was
// built from, and in the working directory.
#pragma once

#include <string>
#include <vector>

namespace paxoslab::gui {

/// One scenario file found on disk.
struct CatalogEntry {
  std::string path;   ///< Absolute or as found.
  std::string name;   ///< File name without folder, e.g. "fig03_send_accept.toml".
};

/// Folders that may hold scenarios, most specific first, existing ones only
/// (duplicates removed). `exe_dir` is the folder of the running binary (may be empty).
std::vector<std::string> scenario_folders(const std::string& exe_dir);

/// Every *.toml in the first existing folder of scenario_folders (sorted by name).
std::vector<CatalogEntry> list_scenarios(const std::string& exe_dir);

/// The default scenario (fig03_send_accept.toml) if found, else empty.
std::string default_scenario(const std::string& exe_dir);

}  // namespace paxoslab::gui
