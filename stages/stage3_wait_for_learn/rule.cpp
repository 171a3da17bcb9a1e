// Stage 3's rule, Solution 3 (docs/protocol.md "Stage 3", Fig. 6): the
// leader executes m only once a majority has m - Learns from majority - 1
// others, suspected or not. With two servers a leader that suspects its
// only peer serves alone (Fig. 7). Everything else is as in Stage 2.
#include "stages/stage3_wait_for_learn/server.hpp"

namespace paxoslab::stage3 {

int WaitForLearnServer::learns_needed(const Context& ctx) const {
  const ServerId only_peer{3 - self_.value};  // n=2: S1's is S2, S2's is S1
  if (servers_ == 2 && ctx.suspects(only_peer)) return 0;  // Fig. 7: serves alone
  return ctx.config().majority() - 1;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<WaitForLearnServer>(id, config.servers);
}

}  // namespace paxoslab::stage3
