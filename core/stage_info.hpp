// How the core learns about a protocol stage without depending on it.
#pragma once

#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/server.hpp"

namespace paxoslab {

/// Describes one stage; the instances live in stages/registry.hpp.
struct StageInfo {
  int number = 0;                 ///< 0..4.
  std::string name;               ///< The paper's name: "SingleServer", "SendAccept", ...
  std::string description;        ///< One line for `paxos-lab-cli stages`.
  bool uses_failure_detector = false;  ///< Stages 2-4 (docs/protocol.md, "Failure detection").
  /// Makes server `id`'s initial state. Never null.
  std::unique_ptr<Server> (*make_server)(ServerId id, const SimConfig& config) = nullptr;
};

}  // namespace paxoslab
