// Controls bar: play/pause, step, step back, jump to start/end, a timeline
// scrubber over the recorded steps, a logarithmic speed slider, auto/manual
// mode, reset and seed.
#pragma once

#include <cstdint>

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct ControlsState {
  int seed = 1;
  std::uint64_t seed_generation = UINT64_MAX;  ///< Seed field re-read when the run changes.
};

void draw_controls(const PanelContext& ctx, ControlsState& state);

}  // namespace paxoslab::gui
