// PLACEHOLDER - Stage 3 WaitForLearn. Being implemented; replace this whole file.
#include "stages/stage3_wait_for_learn/server.hpp"

#include "stages/stage0_single_server/server.hpp"

namespace paxoslab::stage3 {

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return stage0::make_server(id, config);
}

}  // namespace paxoslab::stage3
