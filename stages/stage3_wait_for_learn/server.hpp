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

#include <memory>
#include <string>
#include <vector>

#include "stages/common/stop_and_wait.hpp"

namespace paxoslab::stage3 {

/// One server of Stage 3: the stop-and-wait server (stages/common/stop_and_wait.hpp)
/// with Solution 3's rule - wait for learn: the leader executes m once a
/// majority has m (Fig. 6), then waits as in Stage 2 for every live server.
class WaitForLearnServer final : public stages::StopAndWaitServer {
 public:
  WaitForLearnServer(ServerId self, int servers) : StopAndWaitServer(self, servers, "Stage 3", true) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<WaitForLearnServer>(*this); }

 private:
  // ---- the rule: wait for learn - execute once a majority has m (Fig. 6) ----

  /// Numbers m as the next j and sends Accept(m, j) to every other server; does
  /// not execute yet (serves alone at once when n=1, or n=2 with the peer suspected).
  std::string propose(Context& ctx, RequestId m) override;
  /// Learns needed from others: majority - 1, or 0 when serving alone (n=2, peer suspected).
  int learns_needed(const Context& ctx) const;
  int learns_got() const;
  /// Executes the outstanding request once a majority has it (reply too),
  /// and ends the wait once every live server has it. Returns an account.
  std::string make_progress(Context& ctx, const std::string& reason);
  /// make_progress(), then serve_queue(); returns both accounts ("; next: ").
  std::string progress_then_next(Context& ctx, const std::string& reason);
  /// Abandons the outstanding accept (m goes back to the queue front unless executed).
  void abandon_outstanding(Context& ctx, const std::string& reason);
  /// Executes once a majority has m; waits on for live stragglers after that.
  void on_learn_recorded(Context& ctx, ServerId from, const std::string& learn) override;
  /// Resends the accept: before executing to every server that has not sent
  /// Learn (suspected or not), after it to live ones; n=2 with the peer suspected: serve alone.
  void on_retransmit_timer(Context& ctx) override;
  /// A replaced leader stops waiting; an unexecuted request goes back in its queue.
  void step_down(Context& ctx) override;
  /// With two servers, a leader that comes to suspect its only peer serves
  /// alone at once (Fig. 7); otherwise a suspicion changes nothing.
  void on_peer_suspected(Context& ctx, ServerId peer) override;
  /// The leader's own j taken by another leader's accept: it proposes its request anew.
  void after_follower_executes(Context& ctx, RequestId m, std::int64_t j, ServerId from) override;

  // ---- the stage's words ----
  std::string waiting_reason() const override;
  FollowerWords follower_words(RequestId m, std::int64_t j, ServerId from) const override;
  std::string waiting_for_text() const override;
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage3
