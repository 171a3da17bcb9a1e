// Stage 3 - WaitForLearn (docs/protocol.md "Stage 3"; the paper's Figs. 6-9 and
// 12a, the paper's Solution 3).
//
// Stage 2 with one change: the leader executes m only once a majority has m.
// - Leader, on Request(m): queues m; when it is not waiting, it takes the
//   next queued request, numbers it j (its own next j) and sends Accept(m, j)
//   to every other server. It does not execute yet: it waits for Learn(m, j)
//   from enough servers that, with itself, a majority has m
//   (config().majority() - 1 learns: n=2 one, n=3 one, n=5 two),
//   retransmitting the accept every retransmit_ticks to those that have not
//   answered (suspected or not: a majority is needed either way). Then it
//   executes m and replies. Stop and wait as in Stage 2: the next accept
//   goes out once every live server (one it does not suspect) has sent
//   Learn - it keeps retransmitting to live stragglers, so a lost accept
//   never leaves a follower behind for good.
//   With two servers, a leader that suspects its only peer serves alone (the
//   paper's SingleServer fall-back, Fig. 7): it executes at once.
// - Follower, on Accept(m, j) for its next expected j: the accept is an
//   implicit learn - it sends Learn(m, j) to the sender, executes m and
//   replies. A repeat of an accept it executed is answered with Learn again;
//   a later j is discarded; an earlier j carrying another request is ignored.
// - Takeover as in Stage 2: every server queues the client requests it gets;
//   the next server by rank, on suspecting the leader, serves its own queue
//   from its own next j. A leader that is replaced, or whose number j is
//   taken by another leader's accept, puts its request back in its queue.
//
// Breaks (docs/protocol.md): two servers partitioned both serve alone (Fig. 7);
// with three, two leaders at once can each get a follower to execute a
// different request as the same j (Fig. 9); with five, a follower executes
// on the accept alone, replies and crashes before anyone else has m (Fig. 12a).
//
// Durable state (survives crash + restart): sigma only (kept by the core);
// next j = |sigma| + 1 is recomputed. Queue, leadership, the accept being
// waited on, its learns and its timer are volatile.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/sim/server.hpp"

namespace paxoslab::stage3 {

/// One server of Stage 3 (leader or follower, by its failure detector).
class WaitForLearnServer final : public Server {
 public:
  WaitForLearnServer(ServerId self, int servers) : self_(self), servers_(servers) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<WaitForLearnServer>(*this); }
  /// Notes the initial leader (S1).
  void on_start(Context& ctx) override;
  /// Request (on_request), Accept (on_accept), Learn (on_learn); others ignored.
  void on_message(Context& ctx, const Envelope& message) override;
  /// The retransmission timer: resend the accept to servers that have not
  /// sent Learn; with two servers and the peer suspected, serve alone.
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  /// Takeover (new leader = self): serve the own queue from the own next j.
  /// Step-down: stop waiting, put the request back in the queue.
  void on_leader_change(Context& ctx, ServerId old_leader) override;
  /// With two servers, a leader that comes to suspect its only peer serves
  /// alone at once (Fig. 7); otherwise a suspicion changes nothing.
  void on_suspicion_change(Context& ctx, ServerId peer, bool suspected) override;
  /// Keeps sigma only (see the header comment).
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  /// role "leader"/"follower"; next j, queue, the accept waited on and its learns.
  ServerView view() const override;

  /// The accept a leader is waiting on (before or after executing it).
  struct Outstanding {
    RequestId request;
    std::int64_t j = 0;
    std::uint32_t learned = 0;  ///< Bit i-1 set: Si sent Learn(request, j).
    bool executed = false;      ///< A majority had it: the leader executed it.
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
  /// Learns needed from others: majority - 1, or 0 when serving alone (n=2, peer suspected).
  int learns_needed(const Context& ctx) const;
  int learns_got() const;
  /// While not waiting: propose queued requests one by one. Returns a short
  /// account for explain (empty if nothing happened).
  std::string serve_queue(Context& ctx);
  /// Executes the outstanding request once a majority has it (reply too),
  /// and ends the wait once every live server has it. Returns an account.
  std::string make_progress(Context& ctx, const std::string& reason);
  /// Other servers not suspected that have not sent Learn for the outstanding accept.
  std::vector<ServerId> live_missing(const Context& ctx) const;
  /// Abandons the outstanding accept (m goes back to the queue front unless executed).
  void abandon_outstanding(Context& ctx, const std::string& reason);
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

}  // namespace paxoslab::stage3
