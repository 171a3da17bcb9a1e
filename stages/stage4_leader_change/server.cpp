// PLACEHOLDER - Stage 4 LeaderChange. Being implemented; replace this whole file.
#include "stages/stage4_leader_change/server.hpp"

#include "stages/stage0_single_server/server.hpp"

namespace paxoslab::stage4 {

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return stage0::make_server(id, config);
}

}  // namespace paxoslab::stage4
