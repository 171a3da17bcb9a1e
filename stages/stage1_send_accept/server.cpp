// PLACEHOLDER - Stage 1 SendAccept. Being implemented; replace this whole file.
#include "stages/stage1_send_accept/server.hpp"

#include "stages/stage0_single_server/server.hpp"

namespace paxoslab::stage1 {

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return stage0::make_server(id, config);
}

}  // namespace paxoslab::stage1
