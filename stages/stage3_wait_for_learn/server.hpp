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

#include "stages/common/stop_and_wait.hpp"

namespace paxoslab::stage3 {

/// One server of Stage 3: the stop-and-wait server (stages/common/stop_and_wait.hpp)
/// with Solution 3's rule - wait for learn: the leader executes m once a
/// majority has m (Fig. 6), then waits as in Stage 2 for every live server.
class WaitForLearnServer final : public stages::StopAndWaitServer {
 public:
  WaitForLearnServer(ServerId self, int servers) : StopAndWaitServer(self, servers, "Stage 3") {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<WaitForLearnServer>(*this); }

 private:
  /// The rule (rule.cpp): majority - 1 Learns before the leader executes;
  /// 0 when it serves alone (n=1, or n=2 with its peer suspected: Fig. 7).
  int learns_needed(const Context& ctx) const override;

  // ---- the stage's words (words.cpp) ----
  Words execute_words(const ExecuteCause& cause) const override;
  Words proposed_words(RequestId m, std::int64_t j, ServerSet targets, int needed, bool wait_over) const override;
  Words wait_over_words(WaitOver how, ServerId peer) const override;
  std::string learned_words(ServerId from, const std::string& learn, RequestId m, ServerSet missing,
                            const std::string& next) const override;
  std::string all_live_have_words(RequestId m) const override;
  std::string resend_words(RequestId m, std::int64_t j) const override;
  std::string busy_words() const override;
  FollowerWords follower_words(RequestId m, std::int64_t j, ServerId from) const override;
  std::string waiting_for_words() const override;
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage3
