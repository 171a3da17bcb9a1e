// What Stages 2 and 3 share (docs/protocol.md "Stage 2" and "Stage 3"; the
// paper's Solutions 2 and 3, Figs. 4-9): a fixed-rank leader that numbers
// client requests j = 1, 2, ... and sends one Accept(m, j) at a time (stop and
// wait), retransmitting it on a timer; followers that execute the accept for
// their next expected j and answer Learn(m, j).
//
// StopAndWaitServer holds that machinery once:
// - every server's queue of client requests (a repeated request is answered,
//   never executed twice; a non-leader keeps requests in case it must take over);
// - the leader's loop over its queue - one outstanding accept at a time: it
//   sends Accept(m, j), executes m once it has the Learns its stage's rule
//   needs first (learns_needed), and sends no next accept until every live
//   follower has sent Learn (stop_and_wait_leader.cpp);
// - the follower's accept handling (next expected j only, Learn again for a
//   repeat, a later j discarded, an earlier j ignored);
// - takeover (the next server by rank serves its own queue from its own
//   next j), restart (sigma only is durable), state_hash and view.
// Each stage's own folder holds its rule (rule.cpp: learns_needed) and its
// words (words.cpp: how it narrates the same steps):
// - Stage 2, Solution 2 (Fig. 4): no Learn is needed first - the leader
//   executes at once and retransmits until every live follower has accepted;
// - Stage 3, Solution 3 (Fig. 6): Learns from a majority are needed first.
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
  /// `stage` names the stage in narration ("Stage 2").
  StopAndWaitServer(ServerId self, int servers, const char* stage) : self_(self), servers_(servers), stage_(stage) {}

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
  // ---- the stage's rule (rule.cpp) ----

  /// Learns from other servers the leader needs for its outstanding accept
  /// before it executes (0 = at once), given what it suspects now. At most
  /// n - 1. Stage 2: 0 (Fig. 4). Stage 3: majority - 1, 0 serving alone (Figs. 6-7).
  virtual int learns_needed(const Context& ctx) const = 0;

  // ---- the stage's words (words.cpp): the same steps, narrated per stage ----
  // Each returns text only; the shared code makes the trace events.

  /// A note for the log (empty: none) and the text of the step it goes with.
  struct Words {
    std::string note;
    std::string text;
  };
  /// What made the leader execute its outstanding request.
  struct ExecuteCause {
    enum class Kind {
      AtOnce,           ///< On proposing: no Learn needed (Stage 2; Stage 3 serving alone).
      LearnsIn,         ///< `got` Learns of the `needed` arrived.
      PeerSuspected,    ///< n=2: it came to suspect its only peer `peer` (Fig. 7).
      TimerSuspecting,  ///< n=2: the retransmission timer found its only peer suspected (Fig. 7).
    };
    Kind kind = Kind::AtOnce;
    int got = 0;
    int needed = 0;
    ServerId peer;
  };
  /// Executing the outstanding request: the note and the execute event's reason.
  virtual Words execute_words(const ExecuteCause& cause) const = 0;
  /// After proposing Accept(m, j) to `targets` (`needed` Learns before
  /// executing): the note and the account for explain. `wait_over`: it
  /// executed at once and no live follower is missing (no wait at all).
  virtual Words proposed_words(RequestId m, std::int64_t j, ServerSet targets, int needed, bool wait_over) const = 0;

  /// How a leader's wait on its outstanding accept ends.
  enum class WaitOver {
    AllLearned,     ///< The last live follower's Learn arrived.
    RestSuspected,  ///< The retransmission timer found only suspected servers missing.
    PeerSuspected,  ///< It came to suspect the last missing follower (`peer`).
    SteppedDown,    ///< Another server leads now.
  };
  /// The wait ends: the note (empty: none) and the timer cancellation's reason.
  /// Called before the wait is dropped (outstanding_ is still set).
  virtual Words wait_over_words(WaitOver how, ServerId peer) const = 0;
  /// Explains a Learn `learn` from `from` for m, after the leader executed m:
  /// `missing` live followers still to answer, or none and `next` (what it served next).
  virtual std::string learned_words(ServerId from, const std::string& learn, RequestId m, ServerSet missing,
                                    const std::string& next) const = 0;
  /// The account of a wait that ended because every live follower has m.
  virtual std::string all_live_have_words(RequestId m) const = 0;
  /// Why the leader resends Accept(m, j) after it executed m.
  virtual std::string resend_words(RequestId m, std::int64_t j) const = 0;
  /// Why a leader that is waiting queues a new request ("stop and wait - ...").
  virtual std::string busy_words() const = 0;
  /// Narration of a follower executing Accept(m, j) from `from`.
  struct FollowerWords {
    std::string explain;         ///< The explanation of the step.
    std::string learn_reason;    ///< Why it sends Learn(m, j).
    std::string execute_reason;  ///< Why it executes m.
  };
  virtual FollowerWords follower_words(RequestId m, std::int64_t j, ServerId from) const = 0;
  /// The view's "waiting for" after "Learn(m, j)" (" from every live follower").
  virtual std::string waiting_for_words() const = 0;

  ServerId self_;
  int servers_ = 1;
  ServerId leader_{1};
  std::int64_t next_j_ = 1;
  std::vector<RequestId> queue_;  ///< Client requests received, not executed, in arrival order.
  std::optional<Outstanding> outstanding_;

 private:
  // ---- the follower and the queue (stop_and_wait.cpp) ----
  void on_request(Context& ctx, const Envelope& message);
  void on_accept(Context& ctx, const Envelope& message);
  void on_learn(Context& ctx, const Envelope& message);
  bool queued(RequestId m) const;
  /// While the leader is not waiting: propose queued requests one by one.
  /// Returns the accounts joined by "; then " (empty if nothing happened).
  std::string serve_queue(Context& ctx);

  // ---- the leader's wait (stop_and_wait_leader.cpp) ----

  /// Leader, not waiting: numbers m (from the queue, never executed) as its
  /// next j, sends Accept(m, j) to accept_targets(), executes at once if no
  /// Learn is needed, arms the retransmission timer. Returns an account.
  std::string propose(Context& ctx, RequestId m);
  /// Every other server while Learns are needed (they may come from
  /// suspected servers too), else the live ones.
  ServerSet accept_targets(const Context& ctx) const;
  /// Other servers not suspected that have not sent Learn for the outstanding accept.
  ServerSet live_missing(const Context& ctx) const;
  /// Executes the outstanding request and replies (next j, off the queue).
  void execute_outstanding(Context& ctx, const ExecuteCause& cause);
  /// Executes once learns_needed() Learns are in, ends the wait once every
  /// live follower has the request. Returns what it did ("" if nothing).
  std::string make_progress(Context& ctx, ExecuteCause cause, WaitOver how, ServerId peer = ServerId{});
  /// Cancels the retransmission timer, says wait_over_words(), drops the wait.
  void end_wait(Context& ctx, WaitOver how, ServerId peer);
  /// Drops an accept not yet executed (only then: after it, next j > j): the
  /// request goes back to the queue front.
  void abandon_outstanding(Context& ctx, const std::string& reason);
  /// Sends Accept(m, j) of the outstanding accept to each of `to` again and
  /// re-arms the timer (retransmit_ticks).
  void retransmit(Context& ctx, ServerSet to);
  void arm_retransmit(Context& ctx);
  int learns_got() const { return outstanding_ ? outstanding_->learned.count() : 0; }
  /// Leader: Learn(m, j) for the outstanding accept recorded from `from`.
  void on_learn_recorded(Context& ctx, ServerId from, const std::string& learn);
  /// Learn recorded before executing: executes once enough are in.
  void on_learn_before_executing(Context& ctx, ServerId from, const std::string& learn);
  /// Leader: the outstanding accept's retransmission timer fired.
  void on_retransmit_timer(Context& ctx);
  /// The timer before executing: resend to every server without a Learn, or
  /// execute if fewer Learns are needed now (n=2, its peer suspected).
  void on_retransmit_timer_before_executing(Context& ctx);
  /// Another server became leader (leader_): the wait ends (an unexecuted request is requeued).
  void step_down(Context& ctx);
  /// Leader with an outstanding accept now suspects `peer`: the wait may end.
  void on_peer_suspected(Context& ctx, ServerId peer);
  /// Follower: it executed Accept(m, j) from `from`; a wait of its own on j
  /// (two leaders at once) is abandoned - that number is taken.
  void after_follower_executes(Context& ctx, RequestId m, std::int64_t j, ServerId from);

  const char* stage_;
};

}  // namespace paxoslab::stages
