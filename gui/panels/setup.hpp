// Set-up: open a scenario file (a list of the scenarios/ files found, or a
// path), or build a cluster by hand: stage 0-4, servers 1-7, clients, seed,
// link delays and loss, and the stage's knobs. Loader errors (file:line:col)
// are shown here; the current run stays until a load succeeds.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/sim/config.hpp"
#include "gui/model/scenario_catalog.hpp"
#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct SetupState {
  SimConfig edit;
  std::uint64_t synced_generation = UINT64_MAX;
  std::array<char, 512> path{};
  std::vector<CatalogEntry> catalog;
  bool catalog_loaded = false;
};

void draw_setup(const PanelContext& ctx, SetupState& state);

}  // namespace paxoslab::gui
