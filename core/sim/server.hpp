// The interface between the core and a protocol stage.
//
// A stage's server is a plain value (copyable through clone(), hashable through
// state_hash()) that reacts to one event at a time. It never touches the
// network, the clock or other servers: every effect goes through the Context,
// which *records* it (sends, timers, executions, replies, notes and a one-line
// "why"); the Simulation then carries the effects out, traces them and checks
// the invariants. This mirrors etcd-io/raft's "pure state machine" style.
//
// One effect per step. A handler is called once and changes the
// server's own state at once; its recorded effects are then carried out by
// the Simulation one *visible* effect per step, in the order recorded: each
// send (a reply to a client included), each execute and each note is its own
// step on the timeline (core/sim/simulation.hpp, "Effects in progress"). Timer
// set/cancel effects are bookkeeping: they ride along with the visible effect
// recorded just before them (or with the handler's own step). So a crash can
// land between two effects of one handler - "the leader executed m1 but
// crashed before replying" (the paper's Fig. 5) - and discards the effects not
// yet carried out. Consequences for a stage:
//  - sigma grows only when the Execute effect is carried out. The handler sees
//    its own earlier executions (and those of its server still queued) through
//    ctx.executed()/has_executed() - a handler-local view.
//  - Durable state a stage keeps besides sigma must not run ahead of sigma
//    after a crash: on_restart rebuilds anything that counts executions (an
//    execution cursor, a set of executed requests) from ctx.executed().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"

namespace paxoslab {

/// What a timer is for. The core arms FailureDetector, ClientRetry and
/// Heartbeat timers itself; stages arm Stage timers (retransmission and the like).
/// A Heartbeat timer is owned by the server that will send the heartbeat; its
/// tag is the number of the peer it goes to (Simulation, "Failure detector").
enum class TimerKind : std::uint8_t { Stage, FailureDetector, ClientRetry, Heartbeat };

/// A pending timer.
struct TimerInfo {
  TimerId id;
  NodeId owner;
  TimerKind kind = TimerKind::Stage;
  std::int64_t tag = 0;    ///< Stage-defined (e.g. the slot to retransmit); FD: the peer's number; Heartbeat: the receiver's number.
  Tick set_tick = 0;
  Tick due_tick = 0;
  std::string purpose;     ///< "retransmit Accept(m2, 1)" - shown in the app.
  bool operator==(const TimerInfo&) const = default;
};

/// What the app shows of one server: the Inspector's text (role, fields,
/// slots) and, for the cluster and log views, the same state as structured
/// values. Stages fill what they have; the defaults mean "not in this stage".
struct ServerView {
  struct SlotRow {
    std::int64_t slot = 0;
    std::int64_t vrnd = 0;      ///< 0 = nothing accepted.
    RequestId vval;
    bool decided = false;
    RequestId decided_value;    ///< A no-op is RequestId::noop() (Fig. 11).
    std::string learns;         ///< e.g. "S1 S3" (who this server heard Learn from).
    std::int64_t decided_rnd = 0;  ///< The round whose quorum (or Commit) decided it; 0 = undecided.
    /// The servers whose Learns made this server decide the slot (bit i-1 =
    /// Si; Fig. 12b's quorum), 0 if it decided on a Commit or does not know.
    std::uint32_t quorum = 0;
  };
  /// The accept a Stage 2-3 leader is waiting on (stop and wait, Figs. 4-9).
  struct Outstanding {
    RequestId request;
    std::int64_t j = 0;          ///< Its sequence number.
    std::uint32_t learned = 0;   ///< Bit i-1 set: Si sent Learn(request, j).
    bool executed = false;       ///< The leader executed it already.
  };
  std::string role = "server";  ///< "leader", "follower", "candidate", "server".
  std::vector<std::pair<std::string, std::string>> fields;  ///< ("promised rnd", "4"), ...
  std::vector<SlotRow> slots;

  // ---- structured state (the app's cluster and log views) ----
  /// Whom this server takes for the leader (itself when it leads); invalid
  /// when the stage has no leader (Stage 0).
  ServerId leader;
  /// Stage 4: the round this server leads or tries to lead (0 = none yet);
  /// -1 when the stage has no rounds (Stages 0-3).
  std::int64_t rnd = -1;
  /// Stage 4: the highest round it promised (Prepare/Promise, Fig. 10); -1 = no rounds.
  std::int64_t promised = -1;
  /// Stage 4, a candidate or leader: bit i-1 set = Si's Promise counts for `rnd`.
  std::uint32_t promisers = 0;
  /// Stage 4: every slot <= this is decided and executed (or skipped as a no-op).
  std::int64_t executed_upto = 0;
  /// What it is waiting for, in the paper's notation ("Accept(m2, 1)",
  /// "Promise(rnd 5)"), empty if nothing (Stages 2-4).
  std::string waiting;
  /// Stages 2-3: the accept a leader is waiting on.
  std::optional<Outstanding> outstanding;
};

/// The Paxos state the protocol invariants read (core/sim/invariants.hpp): an
/// acceptor's promise and its accepted (vrnd, vval) per slot, and the slots
/// the server decided (the paper's Figs. 10-12). Only stages with rounds
/// (Stage 4) fill it; values are copies.
struct PaxosState {
  struct Slot {
    std::int64_t slot = 0;      ///< >= 1.
    std::int64_t vrnd = 0;      ///< 0 = nothing accepted.
    RequestId vval;             ///< Meaningful when vrnd > 0; a no-op is RequestId{}.
    bool decided = false;
    RequestId decided_value;    ///< Meaningful when decided.
  };
  std::int64_t promised = 0;    ///< The highest round promised (0 = none).
  std::vector<Slot> slots;      ///< Ascending by slot; slots with nothing accepted or decided may be left out.
};

// ---- Effects a handler records --------------------------------------------

struct SendEffect { NodeId to; Payload payload; std::string why; };
struct SetTimerEffect { TimerInfo timer; };
struct CancelTimerEffect { TimerId id; std::string why; };
struct ExecuteEffect { RequestId request; std::int64_t slot = 0; std::string why; };
/// A note; `request` and `noop_slot` are set for a no-op (Context::noop).
struct NoteEffect {
  std::string text;
  RequestId request;
  std::int64_t noop_slot = 0;
};
using Effect = std::variant<SendEffect, SetTimerEffect, CancelTimerEffect, ExecuteEffect, NoteEffect>;

/// What a handler may see and do. Created by the Simulation for one event.
/// Ownership: holds references into the Simulation; valid only during the call.
class Context {
 public:
  /// Built by the Simulation (and by code that drives a server directly:
  /// tests, the break-finder's same-server check). `executed` is the server's
  /// state sigma, never changed here: execute() records an Execute effect, and
  /// whoever carries the effects out appends to sigma. `queued_executions` are
  /// requests this server executes in effects still queued from an earlier
  /// handler (usually none); executed() shows them after sigma. `suspected`
  /// bit i-1 = suspects Si; `next_timer_id` is the simulation's id counter.
  Context(ServerId self, Tick now, const SimConfig& config, std::uint32_t suspected,
          const std::vector<RequestId>& executed, std::uint64_t& next_timer_id,
          std::vector<RequestId> queued_executions = {});

  ServerId self() const { return self_; }
  Tick now() const { return now_; }
  const SimConfig& config() const { return config_; }
  /// Number of servers n (1..7).
  int servers() const { return config_.servers; }

  /// The failure detector's view (docs/protocol.md, "Failure detection"): never itself,
  /// nor the server whose message is being handled (hearing it ends the suspicion).
  bool suspects(ServerId peer) const;
  ServerId leader() const;  ///< The lowest-numbered server it does not suspect, itself included.

  /// sigma as this handler sees it: the requests this server executed, in
  /// order, followed by those it executes in effects not yet carried out
  /// (earlier in this same handler call, or queued from an earlier one).
  const std::vector<RequestId>& executed() const { return local_view_ ? local_ : executed_; }
  /// True if m is in executed() (linear in |sigma|; stages keep their own set
  /// when they need it often).
  bool has_executed(RequestId m) const;

  /// Send `p` to server `to` (to != self) with a reason for the trace.
  void send(ServerId to, Payload p, std::string why = {});
  /// Send `p` to every other server (not to self).
  void send_to_others(const Payload& p, std::string why = {});
  /// Arm a Stage timer firing `delay_ticks` (>= 1) from now; returns its id.
  TimerId set_timer(Tick delay_ticks, std::int64_t tag, std::string purpose);
  /// Cancel a pending timer of this server (unknown/fired ids are ignored).
  void cancel_timer(TimerId id, std::string why = {});
  /// Execute request m on the state machine: records an Execute effect (sigma
  /// grows when it is carried out, in its own step) and adds m to executed().
  /// Executing a request twice is a safety violation the checker reports;
  /// stages must skip a request they already executed (the paper's "noop",
  /// Fig. 11). `slot` (0 if none) is shown in the trace.
  void execute(RequestId m, std::int64_t slot, std::string why = {});
  /// Reply to the client that sent m, with the current sigma - executed() as
  /// it is now, so a reply recorded after an execute carries it (docs/
  /// protocol.md: a server that executes a request replies with its state).
  /// A Send effect of its own step, after the effects recorded before it.
  void reply(RequestId m, std::string why = {});
  /// A protocol decision worth a line in the trace ("decided slot 2 = m1").
  void note(std::string text);
  /// A note that slot `slot` (>= 1) holds `m` but nothing executes there: m
  /// is a no-op value or a request this server already executed (the paper's
  /// noop, Fig. 11). Recorded as a Note whose request is m and whose value is
  /// the slot, so that views can mark it on the server (the chart's "no-op").
  void noop(RequestId m, std::int64_t slot, std::string text);
  /// The reason for how the current message/timer was handled, shown on its
  /// deliver / timer-fire line ("ignored: promised rnd 2 > 1").
  void explain(std::string why) { explanation_ = std::move(why); }
  /// False when nothing will read the texts a handler gives (the reasons of
  /// send, cancel_timer, execute and reply, notes, explanations, timer
  /// purposes): the break-finder's simulations, whose trace is off
  /// (Simulation::trace_off). A handler may then skip building them - pass
  /// an empty text - as long as it does exactly the same otherwise (same
  /// state, same effects). True unless set_narrating(false) was called.
  bool narrating() const { return narrating_; }
  void set_narrating(bool on) { narrating_ = on; }

  // ---- read by the Simulation after the handler returns ----
  std::vector<Effect>& effects() { return effects_; }
  const std::string& explanation() const { return explanation_; }

 private:
  ServerId self_;
  Tick now_;
  const SimConfig& config_;
  std::uint32_t suspected_;
  const std::vector<RequestId>& executed_;
  std::vector<RequestId> local_;  // executed_ + executions not carried out yet
  bool local_view_ = false;       // executed() is local_ (set once there is any)
  std::uint64_t& next_timer_id_;
  std::vector<Effect> effects_;
  std::string explanation_;
  bool narrating_ = true;
};

/// A protocol stage's server (proposer, acceptor and learner at once, as in
/// the paper). Implementations must be deterministic functions of their state
/// and the event: no clocks, threads, randomness or globals.
class Server {
 public:
  virtual ~Server() = default;
  /// A deep copy (snapshots, side-by-side comparison, the break-finder).
  virtual std::unique_ptr<Server> clone() const = 0;
  /// Called once at tick 0.
  virtual void on_start(Context&) {}
  /// A message arrived (from a client or a server).
  virtual void on_message(Context& ctx, const Envelope& message) = 0;
  /// A Stage timer this server armed fired.
  virtual void on_timer(Context& ctx, const TimerInfo& timer) = 0;
  /// The failure detector changed this server's leader (ctx.leader() is the new one).
  virtual void on_leader_change(Context& ctx, ServerId old_leader) { (void)ctx; (void)old_leader; }
  /// The failure detector started (`suspected` true) or stopped suspecting
  /// `peer` (called after on_leader_change when the leader changed as well).
  /// Default: nothing. Stage 4 uses it to resume catching up a peer that is
  /// heard from again (a restart's or a heal's heartbeat reaches only the core).
  /// The break-finder relies on three things here (its "silent suspicion"
  /// reduction, docs/break-finder.md): everything this (or on_leader_change)
  /// changes is covered by state_hash(), what it does does not depend on
  /// ctx.now(), and no other server reads this server's suspicions.
  virtual void on_suspicion_change(Context& ctx, ServerId peer, bool suspected) {
    (void)ctx;
    (void)peer;
    (void)suspected;
  }
  /// The server restarts after a crash: it must drop every volatile field and
  /// keep only what its stage declares durable (in its header), then may arm
  /// timers. sigma (ctx.executed()) is durable for every stage.
  virtual void on_restart(Context& ctx) = 0;
  /// Hash of the protocol state (for the break-finder's duplicate detection).
  virtual std::uint64_t state_hash() const = 0;
  /// For the app's inspector.
  virtual ServerView view() const = 0;
  /// Stages with rounds: fills `out` (cleared first) and returns true;
  /// others return false and leave `out` alone. Called after every step
  /// that ran one of this server's handlers (core/sim/invariants.hpp).
  virtual bool paxos_state(PaxosState& out) const {
    (void)out;
    return false;
  }
};

}  // namespace paxoslab
