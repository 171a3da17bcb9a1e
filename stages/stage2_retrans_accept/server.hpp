// Stage 2 - RetransAccept (docs/protocol.md "Stage 2"; the paper's Figs. 4-5, the
// paper's Solution 2).
//
// Stage 1 plus Learn(m, j), an acknowledgement from follower to leader:
// - Leader, on Request(m): queues m; when it is not waiting, it takes the
//   next queued request, numbers it j, sends Accept(m, j) to every live
//   follower (one it does not suspect), executes m at once and replies. It
//   then waits - stop and wait: no next accept - until every live follower
//   has sent Learn(m, j), retransmitting the accept every retransmit_ticks to
//   those that have not. A follower the leader comes to suspect is no longer
//   waited for. With no live follower it serves alone (SingleServer).
// - Follower, on Accept(m, j) for its next expected j: sends Learn(m, j) to
//   the sender, executes m, replies. An accept it already executed (same m as
//   the same j) is answered with Learn again, so a lost learn is repaired by
//   the retransmission. A later j is discarded (it can never catch up); an
//   earlier j carrying another request is ignored (that number is taken).
// - Every server queues the client requests it receives, so that on
//   suspecting the leader (on_leader_change with itself as the new leader,
//   i.e. the next server by rank) it serves its own queue, numbering from its
//   own next j. Requests it already executed leave the queue, so nothing
//   executes twice. A leader that is replaced stops waiting.
//
// Break (safety, Fig. 5): the leader executes before any follower has m; if
// the accept is lost and the leader replies and crashes, the new leader
// orders another request first.
//
// Durable state (survives crash + restart): sigma only (kept by the core);
// next j = |sigma| + 1 is recomputed (a server's j-th execution is always
// the request numbered j). The queue, leadership, the accept being waited on,
// its learns and its timer are volatile: lost requests come back through
// client retries, and a restarted server starts as a follower of S1 (its
// failure detector starts afresh).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/sim/server.hpp"

namespace paxoslab::stage2 {

/// One server of Stage 2 (leader or follower, by its failure detector).
class RetransAcceptServer final : public Server {
 public:
  RetransAcceptServer(ServerId self, int servers) : self_(self), servers_(servers) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<RetransAcceptServer>(*this); }
  /// Notes the initial leader (S1).
  void on_start(Context& ctx) override;
  /// Request (on_request), Accept (on_accept), Learn (on_learn); others ignored.
  void on_message(Context& ctx, const Envelope& message) override;
  /// The retransmission timer: resend the accept to live followers still
  /// missing, or finish the wait if none is missing.
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  /// Takeover (new leader = self): serve the own queue from the own next j.
  /// Step-down (another leader): stop waiting for learns.
  void on_leader_change(Context& ctx, ServerId old_leader) override;
  /// A leader that comes to suspect a follower stops waiting for its Learn
  /// (only live followers are waited for).
  void on_suspicion_change(Context& ctx, ServerId peer, bool suspected) override;
  /// Keeps sigma only (see the header comment).
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  /// role "leader"/"follower"; next j, queue, the accept waited on and its learns.
  ServerView view() const override;

  /// The accept a leader is waiting on (stop and wait).
  struct Outstanding {
    RequestId request;
    std::int64_t j = 0;
    std::uint32_t learned = 0;  ///< Bit i-1 set: Si sent Learn(request, j).
    TimerId timer;              ///< The retransmission timer.
    bool operator==(const Outstanding&) const = default;
  };
  std::int64_t next_j() const { return next_j_; }
  const std::vector<RequestId>& queue() const { return queue_; }
  const std::optional<Outstanding>& outstanding() const { return outstanding_; }
  ServerId leader() const { return leader_; }

 private:
  void on_request(Context& ctx, const Envelope& message);
  void on_accept(Context& ctx, const Envelope& message);
  void on_learn(Context& ctx, const Envelope& message);
  /// While not waiting: take queued requests one by one (stop and wait).
  /// Returns a short account of what it did (for explain), empty if nothing.
  std::string serve_queue(Context& ctx);
  /// Live followers (not suspected) that have not sent Learn for the outstanding accept.
  std::vector<ServerId> missing_learns(const Context& ctx) const;
  /// Ends the wait (every live follower has m) and serves the next request.
  std::string finish_wait(Context& ctx, const std::string& reason);
  void drop_from_queue(RequestId m);
  bool queued(RequestId m) const;

  ServerId self_;
  int servers_ = 1;
  ServerId leader_{1};
  std::int64_t next_j_ = 1;
  std::vector<RequestId> queue_;  ///< Client requests received, not executed, in arrival order.
  std::optional<Outstanding> outstanding_;
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage2
