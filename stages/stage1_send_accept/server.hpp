// PLACEHOLDER - Stage 1 SendAccept. Being implemented; replace this whole file.
#pragma once

#include <memory>

#include "core/server.hpp"

namespace paxoslab::stage1 {

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage1
