// The thin platform layer: a GLFW window with an OpenGL 3.3 core context
// (glad), Dear ImGui's GLFW + OpenGL3 backends, the frame loop, headless
// capture (a PNG of the back buffer via stb_image_write) and the frame-time
// benchmark. Everything else lives in the App.
#pragma once

#include <string>

#include "gui/app/cli_options.hpp"

namespace paxoslab::gui {

/// Runs the app for `cli`. Returns the process exit code.
int run_window(const CliOptions& cli, const std::string& exe_dir);

}  // namespace paxoslab::gui
