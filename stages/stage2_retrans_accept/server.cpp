// PLACEHOLDER - Stage 2 RetransAccept. Being implemented; replace this whole file.
#include "stages/stage2_retrans_accept/server.hpp"

#include "stages/stage0_single_server/server.hpp"

namespace paxoslab::stage2 {

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return stage0::make_server(id, config);
}

}  // namespace paxoslab::stage2
