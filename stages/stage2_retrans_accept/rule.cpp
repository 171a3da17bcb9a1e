// Stage 2's rule, Solution 2 (docs/protocol.md "Stage 2", Fig. 4): the
// leader needs no Learn before it executes - it executes m as it sends
// Accept(m, j), then waits (stop and wait) until every live follower has
// sent Learn. Everything else is the shared stop-and-wait server.
#include "stages/stage2_retrans_accept/server.hpp"

namespace paxoslab::stage2 {

int RetransAcceptServer::learns_needed(const Context&) const {
  return 0;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<RetransAcceptServer>(id, config.servers);
}

}  // namespace paxoslab::stage2
