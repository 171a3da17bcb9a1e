// Stage 1 - SendAccept (docs/protocol.md "Stage 1"; the paper's Fig. 3, the paper's
// Solution 1).
//
// S1 is the fixed leader. On a client Request(m) it takes the next sequence
// number j, sends Accept(m, j) to every other server, executes m at once and
// replies. A follower executes m when it receives Accept(m, j) for exactly
// its next expected j, then replies; an accept for a later j is discarded
// (the follower can never catch up: nothing is ever sent again), a repeat
// (an earlier j) is ignored. Followers never order client requests
// themselves: a Request reaching a follower is ignored. No timers, no failure
// detector.
//
// Break (liveness, the text after Fig. 3): lose Accept(m2, 1) and the
// follower discards Accept(m1, 2) as well - stuck forever.
//
// Durable state (survives crash + restart): sigma only (kept by the core).
// next j is not stored separately: in this stage every server's j-th
// execution is exactly the request numbered j, so next j = |sigma| + 1 is
// recomputed on restart.
#pragma once

#include <cstdint>
#include <memory>

#include "core/sim/server.hpp"

namespace paxoslab::stage1 {

/// The fixed leader of Stage 1.
inline constexpr ServerId kLeader{1};

/// One server of Stage 1 (leader S1 or a follower).
class SendAcceptServer final : public Server {
 public:
  explicit SendAcceptServer(ServerId self) : self_(self) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<SendAcceptServer>(*this); }
  /// Request(m): the leader orders and executes it (on_request); a follower
  /// ignores it. Accept(m, j): a follower executes it if j is its next
  /// expected number (on_accept). Anything else is ignored with a reason.
  void on_message(Context& ctx, const Envelope& message) override;
  /// Stage 1 arms no timers; a fired timer is ignored.
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  /// Recomputes next j = |sigma| + 1 from the durable sigma.
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  /// role "leader" (S1) or "follower"; field "next j".
  ServerView view() const override;

  /// The next sequence number: the leader assigns it to its next request, a
  /// follower executes only the accept carrying it. Starts at 1.
  std::int64_t next_j() const { return next_j_; }

 private:
  bool is_leader() const { return self_ == kLeader; }
  void on_request(Context& ctx, const Envelope& message);
  void on_accept(Context& ctx, const Envelope& message);

  ServerId self_;
  std::int64_t next_j_ = 1;
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage1
