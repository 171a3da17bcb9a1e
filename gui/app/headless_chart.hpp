// The sequence chart of a scenario's run, exported without a window
// (`paxos-lab-cli run FILE --chart FILE.svg`): a Dear ImGui context with no
// renderer, the app opened on the file and played to its end, then one
// export frame (gui/app/chart_export.hpp) - the same picture the app shows
// at the end of the run.
#pragma once

#include <optional>
#include <string>

#include "core/scenario/scenario.hpp"

namespace paxoslab::gui {

/// Opens `scenario` (a scenario or lesson file; on `stage` if given) in an
/// app of `width` x `height` pixels, plays it to its end and writes the chart
/// as SVG to `out` (an existing file is replaced). Returns an error sentence
/// (the loader's "file:line:col: ...", or why the file could not be
/// written), or empty. Must not be called while another ImGui context is current.
std::string export_chart_headless(const std::string& scenario, const std::string& out, std::optional<int> stage = {},
                                  int width = 1280, int height = 800);

/// The same for a scenario already loaded and adjusted by the caller (`run`'s
/// --seed, --knob, --without, --max-steps): `scenario` runs on `stage` with
/// its config as given (seed and `without` included), so the chart shows
/// the very run `run` reports. Returns an error sentence or empty.
std::string export_chart_headless(const Scenario& scenario, int stage, const std::string& out, int width = 1280,
                                  int height = 800);

}  // namespace paxoslab::gui
