// Stage 0 - SingleServer / no coordination (docs/protocol.md; the paper, Figs. 1-2).
//
// Every server executes each client request the moment it arrives and
// replies with its state. With one server this is consistent (Fig. 1); with
// two, message delays let S1 run m1 m2 while S2 runs m2 m1 (Fig. 2).
//
// Durable state: sigma (kept by the core). Nothing else.
#pragma once

#include <memory>

#include "core/sim/server.hpp"

namespace paxoslab::stage0 {

class SingleServer final : public Server {
 public:
  explicit SingleServer(ServerId self) : self_(self) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<SingleServer>(*this); }
  /// Request(m): execute m and reply with the new state. A repeat of a request
  /// already executed (a client's retry) executes nothing and is answered with
  /// the current state, as in Stages 1-3.
  void on_message(Context& ctx, const Envelope& message) override;
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  ServerView view() const override;

 private:
  ServerId self_;
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage0
