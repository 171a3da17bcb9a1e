// The deterministic simulation: servers of one stage, clients, the network,
// timers, the failure detector, the trace and the invariant checker, advanced
// one event at a time in virtual time.
//
// Determinism: one seeded Rng, events ordered by (tick, sequence number), ids
// assigned in order; same config + same script + same commands => the same
// trace hash. The whole simulation is a copyable value: copying it is a
// snapshot (use snapshot() to leave the trace history behind cheaply).
//
// Failure detector (docs/protocol.md, "Failure detection"), for stages that
// use it (state and rules: core/sim/failure_detector.hpp; links: core/sim/
// link_faults.hpp). Every server sends a peer a Heartbeat when it has sent it
// nothing for heartbeat_ticks (half of fd_timeout_ticks); a server O suspects a peer P
// that has been silent for fd_timeout_ticks; hearing any message from P ends
// the suspicion. O's leader is the lowest-numbered server it does not suspect
// (itself included). A handler of O that handles a message from P sees P as
// unsuspected already (Context::suspects), even when a standing rule keeps
// the suspicion; the Unsuspect event itself is a step after the handler's
// effects. The simulator draws only what changes something:
//   - Silence: O's "suspect if still silent" timer for P (kind
//     FailureDetector) runs while P cannot reach O (P crashed, or the link
//     P->O cut or partitioned): with P reachable, P's heartbeats would keep
//     arriving and the timer would never fire, so it is not drawn.
//   - Heartbeats: a heartbeat that reaches a peer which does not suspect its
//     sender changes nothing there, so only the ones that end a suspicion are
//     drawn. While O suspects P (not by a standing rule), P can reach O and no
//     Heartbeat P->O is in flight, P holds a Heartbeat timer for O (tag = O)
//     due heartbeat_ticks after it was armed; when it fires P sends O a
//     Heartbeat. A lost heartbeat is followed by the next one a period later.
//     When P can reach O again (restart, mend, heal) and O suspects it, P's
//     first heartbeat goes out at once.
// So a false suspicion of a live, connected server ends by itself within
// about heartbeat_ticks plus one delay. A user can make O suspect P at any
// moment (SuspectAction: transient by default; keep = true is a standing rule
// that no message ends) and make O trust P again (TrustAction).
//
// Effects in progress: one effect per step. An event (a delivery,
// a timer, a scripted action) is one step: its trace line and the handler
// call, which changes the server's own state at once. The handler's effects
// (core/sim/server.hpp) go into a FIFO of effects in progress, and each later
// step carries out one *visible* effect, before any other event and at the
// same tick: a send (a reply to a client included), an execute (sigma grows
// and the checker looks at it then), a note, a suspicion (or its end) and a
// leader change (whose on_leader_change / on_suspicion_change handler is
// called in that step, its effects queued in front of the rest, so the
// order of trace lines is the same as if everything happened at once).
// Timer set/cancel effects and the failure detector's own timer bookkeeping
// are not steps of their own: they ride along with the visible effect queued
// just before them (or with the event's step when they come first). A fault
// or a client command applied between two effects acts right there; a crash
// discards every effect in progress of that server (a trace note lists them:
// "S1 crashed before: reply to C1 for m1"), so a timer it would have armed is
// never armed, and every timer it had is cancelled. Scripted `after`
// triggers fire at the end of the step that recorded the named event: right
// after that effect, before the handler's next visible effect. Effects of a
// server's on_start are carried out at construction, before the first step.
// With handlers_atomic(true) (the break-finder) every effect is carried out
// in the step of the event that caused it, as one step.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/checker.hpp"
#include "core/sim/invariants.hpp"
#include "core/sim/config.hpp"
#include "core/sim/copy_on_write.hpp"
#include "core/sim/failure_detector.hpp"
#include "core/sim/flat_map.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/link_faults.hpp"
#include "core/sim/message.hpp"
#include "core/sim/network.hpp"
#include "core/sim/rng.hpp"
#include "core/sim/script.hpp"
#include "core/sim/server.hpp"
#include "core/sim/stage_info.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab {

class Hasher;

/// Something that can happen next: a delivery, a timer, a scripted action,
/// or the next effect of a handler in progress (see "Effects in progress").
struct PendingEvent {
  enum class Type : std::uint8_t { Delivery, Timer, Script, HandlerEffect };
  Type type = Type::Delivery;
  Tick tick = 0;            ///< When it is due (a HandlerEffect: now).
  std::uint64_t seq = 0;    ///< Tie-break among events due at the same tick (a HandlerEffect: its id).
  MessageId message;        ///< Delivery.
  TimerId timer;            ///< Timer.
  int script_index = -1;    ///< Script: index into script().
  std::uint64_t effect = 0; ///< HandlerEffect: the queued effect's id (1, 2, ... per run).
  bool operator==(const PendingEvent&) const = default;
};

/// A client: what it sent and the replies it received.
struct ClientState {
  struct ReplyRecord {
    ServerId server;
    RequestId request;
    std::int64_t state_len = 0;  ///< The reply carries the server's sigma[0..state_len).
    Tick tick = 0;
    bool operator==(const ReplyRecord&) const = default;
  };
  ClientId id;
  std::vector<RequestId> sent;            ///< In send order.
  std::vector<ReplyRecord> replies;       ///< In arrival order.
  std::vector<RequestId> unanswered;      ///< Sent, no reply yet.
  TimerId retry_timer;                    ///< Armed when knobs.client_retry_ticks > 0.
  /// Closed loop (ClientMode::ClosedLoop): requests asked for while one was
  /// unanswered, in order; the first is sent when that reply arrives.
  std::vector<RequestId> waiting;
  bool operator==(const ClientState&) const = default;
};

/// The liveness verdict of docs/protocol.md: stuck = nothing can change any more and
/// some sent request is missing at a live server (or a closed-loop client's
/// next request waits for a reply that can never come).
///
/// "No progress" is the verdict for a run that is not quiescent - timers keep
/// firing, messages keep flowing - yet gets nowhere: some request is still
/// outstanding (missing at a live server, unanswered or waiting at a client)
/// and no server has executed anything, nor has a client sent a new request,
/// for at least kNoProgressPeriods periods, a period being the larger of
/// knobs.retransmit_ticks and knobs.fd_timeout_ticks (600 ticks with the
/// default knobs). E.g. Stage 4 with two servers, one crashed: the live one
/// starts phase 1 again and again and never gets a majority of promises.
struct LivenessReport {
  bool quiescent = false;   ///< No message in flight, no timer armed, no scripted action left.
  bool stuck = false;
  /// Not quiescent, work outstanding, nothing executed for the no-progress window.
  bool no_progress = false;
  /// Why, when it can be named: "no majority reachable: S1 alone of 2 (S2 crashed)",
  /// "S2 crashed"; empty when no cause can be named (and unless no_progress).
  std::string no_progress_reason;
  std::vector<std::pair<ServerId, RequestId>> missing;  ///< Live server lacks request.
  std::string explanation;
};
/// How many periods (max of retransmit_ticks and fd_timeout_ticks) without an
/// execution make a running run "no progress" (LivenessReport::no_progress).
inline constexpr int kNoProgressPeriods = 10;

class Simulation {
 public:
  /// Builds the cluster of `config` running `stage` and calls each server's
  /// on_start. `keep_trace` = false keeps only the trace hash (break-finder).
  /// Precondition: validate(config) is empty and stage.make_server is set.
  Simulation(SimConfig config, StageInfo stage, bool keep_trace = true);
  Simulation(const Simulation& other);
  Simulation& operator=(const Simulation& other);
  Simulation(Simulation&&) noexcept = default;
  Simulation& operator=(Simulation&&) noexcept = default;
  ~Simulation() = default;

  // ---- scripted actions ----
  /// Adds scripted steps; at-tick steps become pending events, after-event
  /// steps fire right after the matching trace event (same tick).
  void add_script(const std::vector<ScriptStep>& steps);
  const std::vector<ScriptStep>& script() const { return script_; }
  /// True once script step i has been carried out.
  bool script_done(int i) const;
  /// The scripted steps not carried out yet, in script order (pointers into
  /// script(), valid until the simulation changes). Once the run has ended
  /// these never fired: an `after` trigger no event matched, or an `at` tick
  /// the run did not reach (docs/scenario-format.md).
  std::vector<const ScriptStep*> unfired_steps() const;

  // ---- advancing ----
  /// Auto mode: carry out the next effect in progress if there is one, else
  /// the next pending event by (tick, seq). One step either way.
  /// Returns false (and changes nothing) when nothing is pending.
  bool step();
  /// Manual mode: carry out this pending event next (time moves to its tick
  /// if that is later than now; events due earlier are then simply late).
  /// Effects in progress keep their order: picking a HandlerEffect carries out the
  /// effects queued before it first, and picking any other event carries out
  /// every effect in progress first (each one step), then the event.
  /// Returns false (and changes nothing) if `which` is not pending.
  bool step_event(const PendingEvent& which);
  /// Carries out every effect in progress (each one step) - what a
  /// [[choose]] schedule does after each choice (core/sim/schedule.hpp).
  /// Returns the number of steps taken.
  std::uint64_t finish_effects();
  /// Effects in progress, queued (not yet carried out) - 0 when none.
  std::size_t effects_in_progress() const { return effects_.size(); }
  /// One line for a pending HandlerEffect: "S1: send Accept(m1, 1) to S2", "S1:
  /// execute m1 (slot 1)", "S1: reply to C1 for m1", "S2: suspect S1". Empty
  /// if `e` is not a queued effect.
  std::string describe_effect(const PendingEvent& e) const;
  /// The break-finder's mode: every effect is carried out in the step of the
  /// event (or action) that caused it - nothing can
  /// happen between two effects of a handler. Set before the first step;
  /// copies inherit it.
  void set_handlers_atomic(bool atomic) { atomic_ = atomic; }
  bool handlers_atomic() const { return atomic_; }
  /// Manual mode: lets time pass to tick `until` with nothing happening (the
  /// break-finder's "wait" choice, so that a fault after it happens at that
  /// tick). Returns an empty string on success, else a sentence saying why
  /// time did not move: `until` is before now, or an event is due before
  /// `until` (it would be skipped). Either way a note goes to the trace.
  std::string wait_until(Tick until);
  /// Steps until quiescent, `max_steps` steps (each effect counts: see
  /// "Effects in progress"), or the next event is past `max_tick` (-1 = no
  /// limit). Returns the number of steps taken.
  std::uint64_t run(std::uint64_t max_steps, Tick max_tick = -1);
  /// Every pending event, in the order step() would take them: the effects in
  /// progress first (one Effect per step, in queue order, at now()), then by
  /// tick; at one tick scripted actions first ("before events due then",
  /// Trigger), then by seq.
  std::vector<PendingEvent> pending() const;
  /// The event step() would carry out, if any.
  std::optional<PendingEvent> next_event() const;

  // ---- faults and client commands (applied now, traced) ----
  /// Applies `action` at the current tick - between two effects of a handler
  /// if effects are in progress (a crash then discards its server's). Work it
  /// causes in handlers (a suspicion's leader change...) queues after the
  /// effects already in progress. Returns an empty string on success,
  /// else a sentence saying why nothing happened (unknown node, no such
  /// message...); that sentence is also written to the trace as a note.
  std::string apply(const Action& action);

  // ---- what the app, the CLI and the tests read ----
  Tick now() const { return now_; }
  /// Steps taken: events, actions applied by the script, and effects.
  std::uint64_t steps() const { return steps_; }
  const SimConfig& config() const { return config_; }
  const StageInfo& stage() const { return *stage_; }
  const Server& server(ServerId s) const;
  bool crashed(ServerId s) const;
  /// sigma of server s: executed requests in order (durable, append-only).
  const std::vector<RequestId>& executed(ServerId s) const;
  /// The failure detector's view at `observer` (FailureDetector::suspects).
  bool suspects(ServerId observer, ServerId peer) const { return fd_.suspects(observer, peer); }
  /// True when a standing rule (SuspectAction keep = true) keeps observer
  /// suspecting peer: hearing from the peer does not end it, only a TrustAction.
  bool keeps_suspecting(ServerId observer, ServerId peer) const { return fd_.keeps_suspecting(observer, peer); }
  /// observer's leader: the lowest-numbered server it does not suspect.
  ServerId leader_of(ServerId observer) const { return fd_.leader_of(observer); }
  /// The failure detector: suspicions, standing rules and its timers.
  const FailureDetector& failure_detector() const { return fd_; }
  const std::vector<ClientState>& clients() const { return *clients_; }
  /// Client that sent request m (invalid if unknown).
  ClientId owner_of(RequestId m) const;
  /// The state a reply carried.
  std::vector<RequestId> reply_state(const ClientState::ReplyRecord& r) const;
  /// The messages in flight.
  const Network& network() const { return network_; }
  /// The link-fault model: cut links, partitions, link rules, fault rules.
  const LinkFaults& links() const { return links_; }
  /// Pending timers, in id order.
  std::vector<TimerInfo> timers() const;
  /// The pending timer with this id, or nullptr (fired, canceled or unknown).
  /// Valid until the simulation changes.
  const TimerInfo* timer(TimerId id) const;
  /// The timer id counter: the next timer armed gets id next_timer_id() + 1.
  /// (The break-finder's same-server check runs handlers outside the
  /// simulation and must hand out ids that no server already holds.)
  std::uint64_t next_timer_id() const { return next_timer_id_; }
  const Trace& trace() const { return trace_; }
  /// Stops tracing, even the trace's hash, for a simulation nothing will read
  /// the trace of (the break-finder's): saves hashing every event. Timers
  /// armed from then on keep no purpose text either. Copies inherit it.
  void trace_off() { trace_.switch_off(); }
  /// Pending timers by id (what timers() copies), without copying them.
  const FlatMap<std::uint64_t, TimerInfo>& timers_by_id() const { return timers_; }
  const SafetyChecker& checker() const { return *checker_; }
  LivenessReport liveness() const;
  /// The last tick at which a server executed a request or a client sent a
  /// new one (0 at the start): where the "no progress" window starts.
  Tick last_progress_tick() const { return last_progress_tick_; }
  /// How state_hash() counts a crashed server.
  enum class CrashedServers : std::uint8_t {
    Kept,   ///< By all of its state (it may restart with its durable state).
    Final,  ///< By its sigma only: for runs where crashed servers never restart
            ///< (the break-finder), its protocol state can no longer matter.
  };
  /// Hash of the whole protocol state (servers, sigma, in-flight messages and
  /// timers as multisets, faults in force, replies), leaving out ticks and ids:
  /// two runs that reach the same situation by different paths hash equal.
  /// With CrashedServers::Final a crashed server adds only "crashed" and its
  /// sigma (which the checker still compares), not its protocol state or its
  /// failure-detector view.
  std::uint64_t state_hash(CrashedServers crashed = CrashedServers::Kept) const;

  // ---- snapshots ----
  /// A copy without the trace's event history (cheap); restore() puts it back.
  Simulation snapshot() const;
  /// Becomes `snap` (a snapshot taken earlier in this same run), keeping this
  /// run's trace history up to that point.
  void restore(const Simulation& snap);
  /// Gives this copy its own servers, safety checker and stage description
  /// (copies share them until one changes them): afterwards it shares no
  /// object, and so no reference count, with any other copy. For a copy
  /// handed to another thread (the break-finder's), whose copies would
  /// otherwise update the same counts as the first thread's. Changes nothing
  /// any accessor shows.
  void unshare();

 private:
  Simulation() = default;  // only for snapshot(): filled by copy_from

  struct ServerSlot {
    // Shared between copies of the simulation until one of them changes it
    // (mutable_server clones it then): a copy costs no server clones.
    std::shared_ptr<Server> server;
    /// server->state_hash(), kept up to date by refresh_server_hashes()
    /// unless the server's bit in stale_hashes_ is set.
    std::uint64_t hash = 0;
    CopyOnWrite<std::vector<RequestId>> executed;  // sigma: shared by copies until it grows
    bool crashed = false;
    // Cache of format_state(executed) without its closing '>', and where the
    // text of each prefix ends (state_text_end[k] = length for k requests).
    // sigma is append-only, so it only ever grows; derivable, so copies of
    // the simulation leave it empty and it is rebuilt on demand.
    std::string state_text;
    std::vector<std::size_t> state_text_end;
  };
  struct QueueEntry {
    Tick tick;
    std::uint64_t seq;
    PendingEvent::Type type;
    std::uint64_t id;  // message id, timer id or script index
  };
  struct PendingAfter {
    int script_index;
    int seen;
  };
  /// One piece of work in progress (see "Effects in progress"). `server` owns
  /// it: a crash of that server discards it.
  struct QueuedEffect {
    enum class Kind : std::uint8_t {
      Handler,           ///< `effect`, recorded by a handler of `server`.
      Suspicion,         ///< `server` starts (suspected) or stops suspecting `peer`.
      LeaderChange,      ///< `server`'s leader changed from `peer`: trace it, call on_leader_change.
      SuspicionHandler,  ///< Call `server`'s on_suspicion_change(peer, suspected).
      WatchAgain,        ///< Re-arm `server`'s FD timer for `peer` if the peer is still silent.
      Reachability,      ///< reachability_changed(before) after `server` restarted.
    };
    std::uint64_t id = 0;
    Kind kind = Kind::Handler;
    ServerId server;
    Effect effect;
    ServerId peer;
    bool suspected = false;
    std::string why;
    std::vector<std::uint8_t> before;
  };

  // event queue
  void push(Tick tick, PendingEvent::Type type, std::uint64_t id, std::uint64_t* seq_out);
  bool live(const QueueEntry& e) const;
  void pop_dead();
  void carry_out(const QueueEntry& e);
  /// Takes the next step of the effects in progress (one visible effect).
  void effect_step();
  /// After a step or an action: carries out effects in progress that are not
  /// visible (front of the queue), fires after-triggers, repeats; in atomic
  /// mode carries out every effect.
  void settle();
  void carry_out_effect(QueuedEffect w);
  static bool visible(const QueuedEffect& w);
  /// Queues a handler's effects (owner s): at the back, or in front of the
  /// rest (work caused by carrying out queued work).
  void enqueue_effects(ServerId s, std::vector<Effect>& effects, bool front);
  void enqueue(std::vector<QueuedEffect> work, bool front);
  QueuedEffect work(QueuedEffect::Kind kind, ServerId s);
  /// Drops every effect in progress owned by s; returns a description.
  std::string discard_effects(ServerId s);
  PendingEvent pending_effect(const QueuedEffect& w) const;

  // event handlers
  void deliver(const Envelope& env);
  /// deliver's parts: a message reaches a client (a Reply is recorded and
  /// checked), a live server (its handler runs), and the failure detector
  /// hears from `peer` at `to` (the suspicion ends, a step of its own).
  void deliver_to_client(const Envelope& env, TraceEvent ev);
  void deliver_to_server(const Envelope& env, TraceEvent ev);
  void heard_from(ServerId to, ServerId peer);
  void fire_timer(const TimerInfo& t);
  /// Carries out one recorded effect of server s.
  void apply_effect(ServerId s, Effect& e);
  /// A Context for a handler of s (executed(): sigma + s's queued executions).
  /// `heard_from`: the sender of the message the handler handles - a server
  /// sender counts as unsuspected (FailureDetector::view_hearing).
  Context make_context(ServerId s, NodeId heard_from = {});
  void send(NodeId from, NodeId to, Payload payload, const std::string& why);
  /// send's parts: the Send event; the Delay event of a Delay rule; a second
  /// copy of `env` (its own delay drawn with `rules`), traced as Duplicate.
  void trace_send(const Envelope& env, const std::string& why);
  void trace_held_back(const Envelope& env, const SendFate& fate);
  void send_copy(const Envelope& env, const LinkRules& rules);
  void schedule_delivery(Envelope env, const std::string& why);
  /// Flips the suspicion and traces it; queues the leader change (if any)
  /// and the on_suspicion_change call (in front when `front`).
  void set_suspected(ServerId observer, ServerId peer, bool suspected, const std::string& why, bool front);
  /// Queues timer `t` (its id already assigned) and keeps it in timers_;
  /// `traced` adds a timer-set event (client retry timers are not traced).
  void schedule_timer(TimerInfo t, bool traced);
  /// A new timer of the core's own (failure detector, heartbeat, client
  /// retry): a fresh id, set now, due `delay_ticks` later, scheduled (and
  /// traced as TimerSet when `traced`). Returns its id.
  TimerId arm_timer(NodeId owner, TimerKind kind, std::int64_t tag, Tick delay_ticks, std::string purpose, bool traced);
  /// Arms observer's failure-detector timer for peer (fd_timeout_ticks from now).
  void arm_fd_timer(ServerId observer, ServerId peer);
  /// Cancels observer's pending failure-detector timer for peer, if any,
  /// recording a timer-cancel event with `why`.
  void cancel_fd_timer(ServerId observer, ServerId peer, const std::string& why);
  void leader_changed(ServerId observer, ServerId old_leader);
  // heartbeats (simulation_heartbeats.cpp)
  /// Arms or cancels `from`'s Heartbeat timer for `to` so that it is armed
  /// exactly while `to` suspects `from` (not by a standing rule), `from` can
  /// reach `to` and no Heartbeat from->to is in flight.
  void sync_heartbeat(ServerId from, ServerId to);
  /// sync_heartbeat for every ordered pair of servers.
  void sync_heartbeats();
  bool heartbeat_in_flight(ServerId from, ServerId to) const;
  /// The Heartbeat timer of server `from` for peer `to` fired.
  void fire_heartbeat(const TimerInfo& t);
  /// A Heartbeat message was dropped: the next one follows a period later.
  void heartbeat_dropped(const Envelope& env);
  /// Why `observer` cannot take a suspect/trust action now (no such server,
  /// crashed, a stage without a failure detector); empty when it can.
  std::string fd_action_refusal(ServerId observer) const;
  /// Records "not applied: <text>" as a Note and returns `text`.
  std::string refuse(std::string text);
  void watch_again(ServerId observer, ServerId peer);
  /// Arms failure-detector timers for pairs that just lost reachability and
  /// sends heartbeats for suspected pairs that just regained it.
  void reachability_changed(const std::vector<std::uint8_t>& before);
  std::vector<std::uint8_t> reachability() const;
  /// Why a run makes no progress, as far as the cluster's state tells.
  std::string no_progress_reason() const;
  void copy_from(const Simulation& other, bool with_history);
  bool reaches(ServerId from, ServerId to) const;
  /// Appends format_state(first `len` requests of s's sigma) to `out` (len <= |sigma|).
  void append_state_of(std::string& out, ServerId s, std::size_t len);
  /// Client c is asked to send m: sent now, or (closed loop, a request
  /// unanswered) queued in c's waiting list; either way traced.
  void client_request(ClientId c, RequestId m);
  /// Closed loop: client c got a reply and has none outstanding: stops its
  /// retry timer and sends its first waiting request, if any.
  void client_answered(ClientId c, RequestId answered);
  /// Records that client c sent request m (request_owner_).
  void set_request_owner(RequestId m, ClientId c);
  void client_send(ClientId c, RequestId m, bool retry, const std::string& why = {});
  /// How many violations and warnings the checker held before a call.
  struct CheckerMark {
    std::size_t violations = 0;
    std::size_t warnings = 0;
  };
  CheckerMark checker_mark() const;
  /// Traces the checker's violations and warnings found since `mark`
  /// (a violation event, or a note starting "warning: ").
  void trace_checker_findings(const CheckerMark& mark, NodeId who, RequestId m);
  /// The protocol invariants (core/sim/invariants.hpp) on every server whose
  /// handler ran since the last check; findings join the checker's
  /// violations and the trace. Called when a step settles.
  void check_invariants();
  /// Recomputes the cached state hash (ServerSlot::hash) of every server
  /// changed since the last call (stale_hashes_). Called when a step settles.
  void refresh_server_hashes();
  /// Server s's state hash: the cached one, or computed now when stale.
  std::uint64_t server_hash(ServerId s) const;
  std::uint64_t record(TraceEvent e);
  /// Applies one action now (apply() without settling): one overload per
  /// Action alternative. Client requests here; the fault actions in
  /// simulation_faults.cpp; suspect / trust in simulation_heartbeats.cpp.
  std::string apply_now(const Action& action);
  std::string apply_action(const ClientRequestAction& a);
  std::string apply_action(const LoseAction& a);
  std::string apply_action(const DuplicateAction& a);
  std::string apply_action(const DelayAction& a);
  std::string apply_action(const DeliverNowAction& a);
  std::string apply_action(const FilterAction& a);
  std::string apply_action(const RemoveFilterAction& a);
  std::string apply_action(const CutLinkAction& a);
  std::string apply_action(const MendLinkAction& a);
  std::string apply_action(const PartitionAction& a);
  std::string apply_action(const HealAction& a);
  std::string apply_action(const CrashAction& a);
  std::string apply_action(const RestartAction& a);
  std::string apply_action(const SuspectAction& a);
  std::string apply_action(const TrustAction& a);
  std::string apply_action(const SetLinkAction& a);
  /// Records a Fault event (who, other, text).
  void record_fault(std::string text, NodeId who = {}, NodeId other = {});
  /// True for a known server or client.
  bool valid_node(NodeId n) const {
    return (n.is_server() && valid_server(n.server())) || (n.is_client() && valid_client(n.client()));
  }
  // state_hash's parts, added to `h` in this order.
  void hash_servers(Hasher& h, CrashedServers crashed) const;
  void hash_in_flight_and_timers(Hasher& h) const;
  void hash_clients(Hasher& h) const;
  void hash_links(Hasher& h) const;
  void hash_script_and_effects(Hasher& h) const;
  /// The in-flight message an action picks: `id` if valid, else the nth
  /// (1 = earliest sent) matching `pattern`; nullptr if none.
  const Network::InFlight* select(MessageId id, const MessagePattern& pattern, int nth) const;
  /// Why select(id, pattern, nth) found nothing, for the trace's note.
  std::string no_selection(MessageId id, const MessagePattern& pattern, int nth) const;
  ServerSlot& slot(ServerId s) { return servers_[static_cast<std::size_t>(s.value - 1)]; }
  /// Server s, to be changed (by a handler call): cloned first if another
  /// copy of the simulation shares it.
  Server& mutable_server(ServerId s);
  const ServerSlot& slot(ServerId s) const { return servers_[static_cast<std::size_t>(s.value - 1)]; }
  bool valid_server(ServerId s) const { return s.value >= 1 && s.value <= config_.servers; }
  bool valid_client(ClientId c) const { return c.value >= 1 && c.value <= config_.clients; }

  SimConfig config_;
  std::shared_ptr<const StageInfo> stage_;  // never changes: shared by copies
  Rng rng_;
  Tick now_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t next_message_id_ = 0;
  std::uint64_t next_timer_id_ = 0;
  std::uint64_t next_queue_seq_ = 0;
  std::vector<ServerSlot> servers_;
  // Shared by copies until one changes them (only a client's send, reply or
  // retry does): a copy of the simulation allocates nothing for them.
  CopyOnWrite<std::vector<ClientState>> clients_;
  CopyOnWrite<std::vector<ClientId>> request_owner_;  // index = request value
  Network network_;
  LinkFaults links_;
  FailureDetector fd_;
  FlatMap<std::uint64_t, TimerInfo> timers_;
  FlatMap<std::uint64_t, std::uint64_t> timer_queue_seq_;
  std::vector<QueueEntry> queue_;        // binary min-heap on (tick, seq), lazy deletion
  std::vector<ScriptStep> script_;
  std::vector<std::uint8_t> script_done_;
  std::vector<PendingAfter> after_;      // unfired after-event steps
  std::vector<int> fired_;               // after-steps matched, to apply when the step settles
  std::vector<QueuedEffect> effects_;    // effects in progress, in the order they are carried out
  std::uint64_t next_effect_id_ = 0;
  bool atomic_ = false;                  // handlers_atomic()
  Trace trace_;
  CopyOnWrite<SafetyChecker> checker_;  // shared by copies until one changes it
  CopyOnWrite<ProtocolInvariants> invariants_;  // shared by copies until a check finds something new
  std::uint32_t touched_ = 0;            // bit s-1: a handler of Ss ran since the last invariant check
  std::uint32_t stale_hashes_ = 0;       // bit s-1: Ss changed since its ServerSlot::hash was computed
  Tick last_progress_tick_ = 0;
};

}  // namespace paxoslab
