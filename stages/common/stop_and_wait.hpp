// What Stages 2 and 3 share (docs/protocol.md "Stage 2" and "Stage 3"; the
// paper's Solutions 2 and 3, Figs. 4-9): a fixed-rank leader that numbers
// client requests j = 1, 2, ... and sends one Accept(m, j) at a time (stop and
// wait), retransmitting it on a timer; followers that execute the accept for
// their next expected j and answer Learn(m, j).
//
// StopAndWaitServer holds that machinery once:
// - every server's queue of client requests (a repeated request is answered,
//   never executed twice; a non-leader keeps requests in case it must take over);
// - the leader's loop over its queue - one outstanding accept at a time;
// - the follower's accept handling (next expected j only, Learn again for a
//   repeat, a later j discarded, an earlier j ignored);
// - takeover (the next server by rank serves its own queue from its own
//   next j), restart (sigma only is durable), state_hash and view.
// Each stage's own file holds only its rule, as the hooks below:
// - Stage 2, Solution 2 (Fig. 4): the leader executes at once and retransmits
//   until every live follower has accepted (sent Learn);
// - Stage 3, Solution 3 (Fig. 6): the leader executes once a majority has m.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/server.hpp"
#include "core/sim/server_set.hpp"

namespace paxoslab::stages {

/// A server of a stop-and-wait stage (leader or follower, by its failure
/// detector). Abstract: a stage derives from it and implements its rule.
class StopAndWaitServer : public Server {
 public:
  /// The accept a leader is waiting on (stop and wait: at most one).
  struct Outstanding {
    RequestId request;
    std::int64_t j = 0;
    ServerSet learned;          ///< The servers that sent Learn(request, j).
    bool executed = false;      ///< The leader executed it (Stage 2: at once).
    TimerId timer;              ///< The retransmission timer.
    bool operator==(const Outstanding&) const = default;
  };

  /// `self` is this server, `servers` the number n of servers (1..32).
  /// `stage` names the stage in narration ("Stage 2"). `leader_waits_to_execute`:
  /// whether Outstanding::executed is state (Stage 3) or always true (Stage 2).
  StopAndWaitServer(ServerId self, int servers, const char* stage, bool leader_waits_to_execute)
      : self_(self), servers_(servers), stage_(stage), leader_waits_to_execute_(leader_waits_to_execute) {}

  /// Notes the initial leader (S1).
  void on_start(Context& ctx) override;
  /// Request (on_request), Accept (on_accept), Learn (on_learn); others ignored.
  void on_message(Context& ctx, const Envelope& message) override;
  /// A stale timer is ignored; the outstanding accept's goes to on_retransmit_timer.
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  /// Takeover (new leader = self): serve the own queue from the own next j.
  /// Another leader: step_down().
  void on_leader_change(Context& ctx, ServerId old_leader) override;
  /// A leader waiting on an accept that comes to suspect `peer`: on_peer_suspected().
  void on_suspicion_change(Context& ctx, ServerId peer, bool suspected) override;
  /// Keeps sigma only: next j = |sigma| + 1 (a server's j-th execution is
  /// always the request numbered j); queue, leadership and the wait are volatile.
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  /// role "leader"/"follower"; next j, queue, the accept waited on and its learns.
  ServerView view() const override;

  std::int64_t next_j() const { return next_j_; }
  const std::vector<RequestId>& queue() const { return queue_; }
  const std::optional<Outstanding>& outstanding() const { return outstanding_; }
  ServerId leader() const { return leader_; }

 protected:
  // ---- the stage's rule (the points where Stages 2 and 3 differ) ----

  /// Leader, not waiting: propose m (taken from the queue, never executed)
  /// as its next j. Returns a short account for explain.
  virtual std::string propose(Context& ctx, RequestId m) = 0;
  /// Leader: Learn(m, j) from `from` for the outstanding accept was recorded
  /// in Outstanding::learned; `learn` is its text. Explains what follows.
  virtual void on_learn_recorded(Context& ctx, ServerId from, const std::string& learn) = 0;
  /// Leader: the outstanding accept's retransmission timer fired.
  virtual void on_retransmit_timer(Context& ctx) = 0;
  /// Another server became leader (ctx.leader()): what happens to the wait.
  virtual void step_down(Context& ctx) = 0;
  /// Leader with an outstanding accept: it now suspects `peer`.
  virtual void on_peer_suspected(Context& ctx, ServerId peer) = 0;
  /// Follower: it just executed Accept(m, j) from `from`. Default: nothing.
  virtual void after_follower_executes(Context& ctx, RequestId m, std::int64_t j, ServerId from);

  // ---- the stage's words ----

  /// Why a leader that is waiting queues a new request ("stop and wait - ...").
  virtual std::string waiting_reason() const = 0;
  /// Narration of a follower executing Accept(m, j) from `from`.
  struct FollowerWords {
    std::string explain;         ///< The explanation of the step.
    std::string learn_reason;    ///< Why it sends Learn(m, j).
    std::string execute_reason;  ///< Why it executes m.
  };
  virtual FollowerWords follower_words(RequestId m, std::int64_t j, ServerId from) const = 0;
  /// The view's "waiting for" after "Learn(m, j)" (" from every live follower").
  virtual std::string waiting_for_text() const = 0;

  // ---- shared steps the rules are built from ----

  /// While the leader is not waiting: propose queued requests one by one.
  /// Returns the accounts joined by "; then " (empty if nothing happened).
  std::string serve_queue(Context& ctx);
  /// Other servers not suspected that have not sent Learn for the outstanding accept.
  ServerSet live_missing(const Context& ctx) const;
  /// Sends Accept(m, j) of the outstanding accept to each of `to` ("S2 S3")
  /// again and re-arms the timer (retransmit_ticks).
  void retransmit(Context& ctx, ServerSet to);
  bool queued(RequestId m) const;

  ServerId self_;
  int servers_ = 1;
  ServerId leader_{1};
  std::int64_t next_j_ = 1;
  std::vector<RequestId> queue_;  ///< Client requests received, not executed, in arrival order.
  std::optional<Outstanding> outstanding_;

 private:
  void on_request(Context& ctx, const Envelope& message);
  void on_accept(Context& ctx, const Envelope& message);
  void on_learn(Context& ctx, const Envelope& message);

  const char* stage_;
  bool leader_waits_to_execute_ = false;
};

}  // namespace paxoslab::stages
