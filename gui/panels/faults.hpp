// Faults: toggles that stay on until turned off - servers crashed or
// isolated, links cut (a matrix of switches), a partition editor, the loss
// probability of every link (SetLinkAction), and standing rules such as
// "lose every Accept from S1 to S2" (FilterAction with count -1).
#pragma once

#include <array>

#include "gui/panels/panel_context.hpp"

namespace paxoslab::gui {

struct FaultsState {
  int rule_kind = 2;   ///< MsgKind index (Accept).
  int rule_from = 1;   ///< 0 = any, 1..n servers, n+1.. clients.
  int rule_to = 2;
  float loss = 0.0f;
  bool loss_synced = false;
  std::array<int, 7> groups{};  ///< Partition editor: group 0..2 per server.
};

void draw_faults(const PanelContext& ctx, FaultsState& state);

}  // namespace paxoslab::gui
