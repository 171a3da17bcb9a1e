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

#include <memory>
#include <string>

#include "stages/common/stop_and_wait.hpp"

namespace paxoslab::stage2 {

/// One server of Stage 2: the stop-and-wait server (stages/common/stop_and_wait.hpp)
/// with Solution 2's rule - the leader needs no Learn before it executes: it
/// executes at once and retransmits until every live follower sent Learn (Fig. 4).
class RetransAcceptServer final : public stages::StopAndWaitServer {
 public:
  RetransAcceptServer(ServerId self, int servers) : StopAndWaitServer(self, servers, "Stage 2") {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<RetransAcceptServer>(*this); }

 private:
  /// The rule (rule.cpp): 0 - the leader executes m as it sends Accept(m, j).
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

}  // namespace paxoslab::stage2
