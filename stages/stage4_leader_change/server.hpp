// Stage 4 - LeaderChange = Multi-Paxos (docs/protocol.md, Stage 4; the
// paper's Solution 4, Figs. 10-12b). It reads as Stage 3 plus the paper's one
// rule - rounds, with phase 1 before a new leader proposes - and the few
// rules that make it converge after faults (marked [catch-up]).
//
// Every server is proposer, acceptor and learner at once.
//
// Proposer (the server whose failure detector names itself leader):
//   - Rounds are pre-assigned: Si uses i, i+n, i+2n, ... (knob round_numbering
//     = ServerId: Si always uses round i, the slides' "ranking by id").
//     A new leader picks its next round above every round it has seen and
//     sends Prepare(rnd) to all (phase 1, Fig. 10). S1's very first round 1
//     needs no phase 1: no acceptor can have accepted anything below round 1.
//   - It waits for Promises from a majority counting its own, then per slot
//     re-proposes the value with the highest vrnd (Fig. 11), fills gaps with a
//     no-op and only then proposes its queued client requests:
//     Accept(rnd, slot, m) to all (phase 2).
//   - Pre-empted: when a message (a Nack, a Prepare, a Learn ...) shows a round
//     above its own while its failure detector still names it leader
//     (duelling leaders, or a stale leader after a partition), it starts phase
//     1 again above that round - at once the first time, and after a back-off
//     when it has been pre-empted or unanswered before without deciding
//     anything since. [catch-up]
//   - Phase-1 retries back off: a candidate resends
//     Prepare to the servers that did not promise after retransmit_ticks, then
//     after 2, 4, 8, 16 and at most 32 periods, each plus a jitter of up to
//     half that wait drawn from a hash of (seed, server, round, retry) - no
//     global random generator, so a run stays deterministic - so two
//     duelling candidates fall out of step and one completes. In a duel that
//     lasts (two servers that each believe they lead, with work to do) each
//     one holds the lead for about twice as long as the time before: the
//     duel settles into ever longer reigns. The back-off starts over when
//     the leader has nothing left to do (every slot decided and held), when
//     its failure detector makes it leader anew, when it steps down and when
//     it hears from a suspected peer again. A round is never raised just because nobody answers: only a
//     round seen above its own raises it, so a leader without a majority (two
//     servers, one crashed) keeps its round and retries ever more slowly.
//     [catch-up]
//   - It retransmits Accept every retransmit_ticks until the slot is decided,
//     and catches up lagging servers (below).
// Acceptor:
//   - Prepare(rnd): if rnd is above its promised round, promise it and answer
//     Promise(rnd, accepted (vrnd, vval) per slot); a repeat of the round it
//     promised is answered again (the promise stands).
//   - Accept(rnd, slot, m): if rnd >= promised, record (vrnd, vval) = (rnd, m),
//     raise promised to rnd and send Learn(rnd, slot, m) to all servers (knob
//     learn_mode ToAll) or to the Accept's sender only (ToLeaderThenCommit).
//   - A Prepare or Accept of a round below its promise is refused (Fig. 10's
//     "Ignore") and answered with Nack(promised rnd, slot) so that its sender
//     moves above that round at once instead of retrying in vain. The answer
//     changes no state of the acceptor, so no safety argument changes.
//     [catch-up]
// Learner:
//   - A server decides a slot once it holds Learns for the same (rnd, slot)
//     from quorum() servers (knob quorum_size; default a majority, Fig. 12b).
//     The Accept counts as its sender's learn and a server's own acceptance
//     counts. In ToLeaderThenCommit mode only the round's leader counts
//     learns; it sends Commit(rnd, slot, m) to all and the others decide on
//     the Commit.
//   - Decided slots execute in slot order; a no-op or a request already
//     executed is skipped (Fig. 11), so nothing executes twice. Every server
//     replies to the request's client after executing it, as in the paper's
//     figures (each reply carries that server's state sigma).
// Catch-up [catch-up] (so that, once faults stop and a majority is connected,
// every live server executes every request and the run falls quiet):
//   - The leader learns which decided slots each server holds from its Learns
//     (and Promises). Every retransmit_ticks it sends each unsuspected server
//     that has not shown it holds a decided slot a Commit and an Accept of that
//     slot; the Accept's Learn is the acknowledgement, a refusal's Nack moves
//     the leader above the follower's promise. A suspected server is skipped;
//     the failure detector's heartbeats end a false suspicion by themselves
//     (core/sim/simulation.hpp, "Failure detector"), and hearing from it again
//     starts phase 1 anew (it may know rounds the leader missed).
//   - A server holding an accepted but undecided slot re-sends its Learn to
//     every server every retransmit_ticks; a server that already decided the
//     slot and hears that Learn a second time answers with a Commit.
//   - A follower forwards its queued, unexecuted client requests to its leader
//     every retransmit_ticks until it has executed them, so a request that
//     reached only followers is never lost while a leader exists.
//
// Variants (StageKnobs::without; docs/protocol.md, "Variants"; the
// alternatives are stages/rules.cpp's): with a rule off the server does this
// instead -
//   - rounds-unique-per-server: a new leader takes the round just above every
//     round it has seen (rnd + 1), and an acceptor answers a Prepare of the
//     round it promised as a repeat, whoever sends it;
//   - majority-quorum-for-promises: phase 1 ends on floor(n/2) promises (at
//     least 1, its own included);
//   - ignore-lower-rounds: Prepares and Accepts below the promise are
//     promised and accepted too (promised_ only goes up);
//   - adopt-highest-vrnd: the Promises' reported values are not adopted, only
//     the candidate's own accepted values are re-proposed;
//   - majority-quorum-for-learns: a slot is decided on floor(n/2) learns (at
//     least 1; the quorum_size knob, if set, wins);
//   - durable-promise / durable-accepted-value: a restart forgets the promised
//     round / every accepted (vrnd, vval) (the decided log stays).
//
// Durable state (survives crash + restart): promised round; accepted
// (vrnd, vval) per slot; the decided log (value and round per slot); the
// execution point (last executed slot) and the set of executed requests
// (both mirror sigma, which the core keeps: on restart they are rebuilt from
// sigma and the decided log, since a crash may have discarded an Execute
// effect the handler had already counted, and the decided slots not executed
// are executed then). Leadership, round in use, promises and learns
// collected (quorum counts), the back-off, the request queue and timers are
// volatile and lost on a crash.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/sim/flat_map.hpp"
#include "core/sim/server.hpp"
#include "core/sim/server_set.hpp"

namespace paxoslab::stage4 {

/// Learns counted for one (rnd, slot): the value and who sent them. The
/// Accept counts as its sender's learn.
struct LearnTally {
  RequestId value;
  ServerSet from;
  bool operator==(const LearnTally&) const = default;
};

/// Everything one server knows about one slot.
struct SlotState {
  // durable (acceptor and decided log)
  std::int64_t vrnd = 0;          ///< Round of the last accepted value; 0 = none.
  RequestId vval;                 ///< Last accepted value.
  bool decided = false;
  RequestId decided_value;
  std::int64_t decided_rnd = 0;   ///< Round whose quorum (or Commit) decided it.
  /// Who made it decided: the senders of the Learns that reached the quorum,
  /// empty if decided on a Commit. Shown by the app (its log view outlines
  /// the quorum); the protocol never reads it, so it is left out of
  /// state_hash().
  ServerSet decided_by;
  // volatile (quorum counts)
  FlatMap<std::int64_t, LearnTally> learns;  ///< rnd -> tally (a sorted vector: a few rounds, cheap to clone).
  bool operator==(const SlotState&) const = default;
};

/// A Stage 4 server: Multi-Paxos proposer, acceptor and learner.
class LeaderChange final : public Server {
 public:
  /// Role of the proposer part.
  enum class Role : std::uint8_t {
    Follower,   ///< Its failure detector names another server leader.
    Candidate,  ///< Leader by its failure detector, running phase 1 (Prepare/Promise).
    Leader,     ///< Phase 1 done for `round_`: proposing with Accept.
    Blocked,    ///< Leader by its failure detector but cannot pick a round above
                ///< the rounds it has seen (round_numbering = ServerId).
  };
  /// Phase-1 back-off: the wait before a retry is at most 2^kMaxBackoffExp
  /// retransmission periods (plus jitter).
  static constexpr int kMaxBackoffExp = 5;

  LeaderChange(ServerId self, const SimConfig& config);
  std::unique_ptr<Server> clone() const override { return std::make_unique<LeaderChange>(*this); }
  void on_start(Context& ctx) override;
  void on_message(Context& ctx, const Envelope& message) override;
  void on_timer(Context& ctx, const TimerInfo& timer) override;
  void on_leader_change(Context& ctx, ServerId old_leader) override;
  void on_suspicion_change(Context& ctx, ServerId peer, bool suspected) override;
  void on_restart(Context& ctx) override;
  std::uint64_t state_hash() const override;
  ServerView view() const override;
  bool paxos_state(PaxosState& out) const override;

  // Read-only accessors for tests and the app.
  Role role() const { return role_; }
  std::int64_t round() const { return round_; }
  std::int64_t promised() const { return promised_; }
  const FlatMap<std::int64_t, SlotState>& slots() const { return slots_; }
  const std::vector<RequestId>& queue() const { return queue_; }
  std::int64_t applied_slot() const { return applied_; }
  /// Phase-1 retries since the back-off last started over (0 = the next one is at once).
  int backoff() const { return backoff_; }

 private:
  // ---- helpers (server.cpp) ----
  int n() const { return servers_; }
  /// S1..Sn, the whole cluster.
  ServerSet everyone() const { return ServerSet::first(servers_); }
  void see_round(std::int64_t rnd);
  bool leading() const { return role_ == Role::Candidate || role_ == Role::Leader; }
  /// Arms the retransmission timer when there is work, cancels it when not.
  void sync_timer(Context& ctx);
  bool has_work(const Context& ctx) const;

  // ---- client requests (requests.cpp) ----
  /// Request(m) from a client, or forwarded by a follower: queue it; the
  /// leader proposes it in the next free slot, anyone else keeps it queued.
  void on_request(Context& ctx, const Envelope& message);
  bool in_known_slot(RequestId m) const;
  void enqueue(RequestId m);
  /// The leader proposes each queued request that has no slot yet in the next free slot.
  void propose_queue(Context& ctx);
  /// A follower forwards its queue to its leader L while L could lead: always
  /// with pre-assigned rounds; ranking by server id only while L's one round
  /// is not below a round this server has seen (else L is blocked, and
  /// forwarding to it would go on for ever without ordering anything).
  bool forwards_to_leader(const Context& ctx) const;
  /// A follower's period: each queued, unexecuted request to its leader
  /// again (when forwards_to_leader()). Returns how many were forwarded.
  int forward_queue(Context& ctx);

  // ---- proposer (proposer.cpp) ----
  void follow_failure_detector(Context& ctx, const std::string& cause);
  void start_round(Context& ctx, const std::string& cause);
  std::int64_t next_round_above(std::int64_t floor) const;
  void step_down(Context& ctx, const std::string& cause);
  void on_promise(Context& ctx, ServerId from, const Payload& p);
  void finish_phase1(Context& ctx);
  /// The highest slot the new leader must settle before new requests: the
  /// highest reported by a Promise, decided here or executed.
  std::int64_t last_slot_to_settle() const;
  /// Phase 2 for Promise-reported slots up to `last` (Fig. 11): the value
  /// with the highest vrnd, or a no-op where no promise reports the slot.
  void repropose_up_to(Context& ctx, std::int64_t last);
  /// Phase 2: Accept(round_, slot, m) to all; the leader's own acceptance counts as its learn.
  void propose(Context& ctx, std::int64_t slot, RequestId m, const std::string& why);
  /// The gap rule (Fig. 11): a free slot below one in use gets a no-op, so
  /// that execution, in slot order, can pass it. Proposes the no-op for `gap`.
  void fill_gap(Context& ctx, std::int64_t gap, const std::string& why);
  /// The leader learns that `slot`, at or past next_slot_, is in use (`cause`:
  /// "was reported", "is decided"): fills every free slot below it with a
  /// no-op (fill_gap) and moves next_slot_ past it.
  void fill_gaps_below(Context& ctx, std::int64_t slot, const std::string& cause);
  void adopt_unknown_slot(Context& ctx, std::int64_t slot, RequestId m);
  void check_preempted(Context& ctx);
  /// Ticks to wait before the next phase-1 retry: retransmit_ticks for the
  /// first, then 2^min(backoff_, kMaxBackoffExp) periods plus a seeded jitter.
  Tick phase1_wait() const;
  void on_nack(Context& ctx, ServerId from, const Payload& p);
  /// A candidate's period: after a back-off, phase 1 above the highest round
  /// seen; else Prepare again to the servers that have not promised.
  void candidate_tick(Context& ctx);

  // ---- retransmission and catch-up (catch_up.cpp) ----
  /// The period of a leading server: candidate_tick(), or (leader) every
  /// undecided slot of its round retransmitted and every decided slot pushed
  /// to the servers not known to hold it.
  void leader_tick(Context& ctx);
  /// Accept again for an undecided slot of round_ to the servers whose Learn
  /// is missing; returns how many were sent, -1 if the slot is not round_'s.
  int retransmit_accept(Context& ctx, std::int64_t slot, const SlotState& st);
  /// Commit (and an Accept, whose Learn acknowledges it) of a decided slot to
  /// each unsuspected server not known to hold it; returns how many servers.
  int catch_up(Context& ctx, std::int64_t slot, SlotState& st);
  /// Servers known to hold slot s's decided value (Learns of it, Promises, self).
  ServerSet holders(std::int64_t slot) const;
  /// Moves caught_up_ past every slot that every server holds.
  void advance_caught_up();
  /// A follower's period: its Learn again for each accepted, undecided slot,
  /// then forward_queue().
  void follower_tick(Context& ctx);

  // ---- acceptor (acceptor.cpp) ----
  void on_prepare(Context& ctx, ServerId from, const Payload& p);
  void on_accept(Context& ctx, ServerId from, const Payload& p);
  /// Nack(promised_, slot) to `to`: its Prepare (slot 0) or Accept was refused.
  void send_nack(Context& ctx, ServerId to, std::int64_t slot, const std::string& why);
  void send_learn(Context& ctx, ServerId leader_of_round, std::int64_t rnd, std::int64_t slot, RequestId m,
                  const std::string& why);

  // ---- learner (learner.cpp) ----
  void on_learn(Context& ctx, ServerId from, const Payload& p);
  void on_commit(Context& ctx, ServerId from, const Payload& p);
  /// Adds `who`'s learn of (rnd, slot, m); returns false (and notes why) if
  /// the tally for (rnd, slot) holds another value.
  bool tally(Context& ctx, std::int64_t slot, std::int64_t rnd, RequestId m, ServerSet who);
  /// Decides `slot` if the tally for (rnd, slot) reached quorum() and this server counts learns.
  void try_decide(Context& ctx, std::int64_t slot, std::int64_t rnd);
  void decide(Context& ctx, std::int64_t slot, RequestId m, std::int64_t rnd, const std::string& how);
  void execute_decided(Context& ctx);
  /// On restart: applied_ and executed_ from sigma and the decided log.
  void rebuild_execution_point(const std::vector<RequestId>& sigma);
  ServerId owner_of_round(std::int64_t rnd) const;

  // ---- configuration (copied) ----
  ServerId self_;
  int servers_ = 1;
  int majority_ = 1;
  int promise_quorum_ = 1;          ///< Promises that end phase 1: majority_ (or below, in a variant).
  int quorum_ = 1;
  // The rules a variant may switch off (StageKnobs::without); true = followed.
  bool unique_rounds_ = true;       ///< rounds-unique-per-server
  bool ignore_lower_ = true;        ///< ignore-lower-rounds
  bool adopt_highest_ = true;       ///< adopt-highest-vrnd
  bool durable_promise_ = true;     ///< durable-promise
  bool durable_accepted_ = true;    ///< durable-accepted-value
  Tick retransmit_ticks_ = 40;
  LearnMode learn_mode_ = LearnMode::ToAll;
  RoundNumbering numbering_ = RoundNumbering::Preassigned;
  bool client_retries_ = false;     ///< knobs.client_retry_ticks > 0: answer a resent request again.
  std::uint64_t seed_ = 1;          ///< The run's seed: the back-off jitter is a hash of it.

  // ---- durable ----
  std::int64_t promised_ = 0;
  FlatMap<std::int64_t, SlotState> slots_;  ///< slot -> state (a sorted vector: one allocation per clone).
  std::int64_t applied_ = 0;        ///< Every slot <= applied_ is decided and executed (or skipped).
  std::set<int> executed_;          ///< Request values in sigma.

  // ---- volatile ----
  Role role_ = Role::Follower;
  std::int64_t round_ = 0;          ///< The round this server leads (or tries to).
  std::int64_t max_seen_ = 0;       ///< Highest round seen in any message.
  ServerSet promises_;              ///< Who promised round_ (phase 1).
  FlatMap<std::int64_t, AcceptedEntry> best_;  ///< Phase 1: highest-vrnd entry per slot.
  std::int64_t next_slot_ = 1;      ///< Leader: the next free slot.
  std::int64_t caught_up_ = 0;      ///< Leader: every server holds every slot <= this.
  int backoff_ = 0;                 ///< Phase-1 retries since the back-off started over.
  bool backing_off_ = false;        ///< Pre-empted: phase 1 again above max_seen_ when the timer fires.
  std::vector<RequestId> queue_;    ///< Client requests received, not yet executed.
  TimerId timer_;                   ///< The retransmission timer, if armed.
};

/// Factory for the stage registry.
std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config);

}  // namespace paxoslab::stage4
