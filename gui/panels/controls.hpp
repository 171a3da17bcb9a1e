// Controls bar: play/pause, step, step back, jump to start/end, a timeline
// scrubber over the recorded steps, the speed in words ("0.5x" .. "64x",
// gui/model/speed.hpp), auto/manual mode, reset and seed.
#pragma once

#include <cstdint>

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct ControlsState {
  int seed = 1;
  std::uint64_t seed_generation = UINT64_MAX;  ///< Seed field re-read when the run changes.
};

void draw_controls(const PanelContext& ctx, ControlsState& state);
/// The speed combo ("1x"; tooltip says what 1x means and the [ ] keys).
void draw_speed_combo(const PanelContext& ctx);

}  // namespace paxoslab::gui
