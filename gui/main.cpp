// paxos-lab: the desktop app. See gui/app/cli_options.hpp for the flags and
// gui/platform/glfw_runner.hpp for the window; everything else is in
// paxoslab_gui_lib.
#include <filesystem>
#include <system_error>

#include "gui/app/cli_options.hpp"
#include "gui/platform/glfw_runner.hpp"

int main(int argc, char** argv) {
  paxoslab::gui::CliOptions cli;
  const int rc = paxoslab::gui::parse_cli(argc, argv, cli);
  if (rc >= 0) return rc;
  std::error_code ec;
  const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  return paxoslab::gui::run_window(cli, ec ? std::string{} : exe.parent_path().string());
}
