// What the command line asks the window to show before its first frame
// (gui/app/cli_options.hpp): the file or the default run at its steps, compare
// mode, the break-finder, the rules panel, a lesson page, the busy run of
// --bench-frames. No window system here: gui/platform/glfw_runner.cpp calls
// these once the App exists.
#pragma once

#include "gui/app/app.hpp"
#include "gui/app/cli_options.hpp"

namespace paxoslab::gui {

/// --bench-frames: the --scenario or --lesson file at its --steps, or else the
/// busy run (gui/app/bench.hpp). False, with a message, when the file failed.
bool set_up_bench(App& app, const CliOptions& cli);

/// What the command line asks to show: the file (or the default run), compare
/// mode, the break-finder, the rules panel, the steps, a lesson page; the help
/// on a first start when not `headless`. False, with a message, when a file
/// or a flag's value failed.
bool set_up_content(App& app, const CliOptions& cli, bool headless);

/// --tab and --layout-report: what the first frame shows and records.
void apply_view_flags(App& app, const CliOptions& cli);

}  // namespace paxoslab::gui
