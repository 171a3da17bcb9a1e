// Stage 4 LeaderChange: construction, message dispatch, the retransmission
// timer, failure-detector callbacks and restart (hashing and the inspector
// view are in inspect.cpp).
// The protocol rules live in proposer.cpp, acceptor.cpp and learner.cpp;
// client requests in requests.cpp; the periodic retransmission and
// catch-up in catch_up.cpp.
#include "stages/stage4_leader_change/server.hpp"

#include <algorithm>

namespace paxoslab::stage4 {

namespace {
/// The largest quorum below a majority: floor(n/2), at least 1 (two such
/// quorums need not intersect) - the variants' quorum.
int below_majority(int servers) { return std::max(1, servers / 2); }
}  // namespace

LeaderChange::LeaderChange(ServerId self, const SimConfig& config)
    : self_(self),
      servers_(config.servers),
      majority_(config.majority()),
      promise_quorum_(config.knobs.is_off("majority-quorum-for-promises") ? below_majority(config.servers)
                                                                          : config.majority()),
      quorum_(config.knobs.is_off("majority-quorum-for-learns") && config.knobs.quorum_size == 0
                  ? below_majority(config.servers)
                  : config.quorum()),
      unique_rounds_(!config.knobs.is_off("rounds-unique-per-server")),
      ignore_lower_(!config.knobs.is_off("ignore-lower-rounds")),
      adopt_highest_(!config.knobs.is_off("adopt-highest-vrnd")),
      durable_promise_(!config.knobs.is_off("durable-promise")),
      durable_accepted_(!config.knobs.is_off("durable-accepted-value")),
      retransmit_ticks_(config.knobs.retransmit_ticks),
      learn_mode_(config.knobs.learn_mode),
      numbering_(config.knobs.round_numbering),
      client_retries_(config.knobs.client_retry_ticks > 0),
      seed_(config.seed) {}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<LeaderChange>(id, config);
}

// ---- helpers ----------------------------------------------------------------

void LeaderChange::see_round(std::int64_t rnd) { max_seen_ = std::max(max_seen_, rnd); }

ServerId LeaderChange::owner_of_round(std::int64_t rnd) const {
  if (rnd <= 0) return ServerId{};
  if (numbering_ == RoundNumbering::ServerId) return ServerId{static_cast<int>(rnd)};
  return ServerId{static_cast<int>((rnd - 1) % servers_) + 1};
}

bool LeaderChange::has_work(const Context& ctx) const {
  if (role_ == Role::Candidate) return true;
  if (role_ == Role::Leader) {
    for (auto it = slots_.upper_bound(applied_); it != slots_.end(); ++it)
      if (!it->second.decided && it->second.vrnd == round_) return true;
    for (auto it = slots_.upper_bound(caught_up_); it != slots_.end(); ++it) {
      if (!it->second.decided) continue;
      for (ServerId s : everyone() - holders(it->first))
        if (!ctx.suspects(s)) return true;
    }
    return false;
  }
  // Follower or Blocked: ask again about accepted but undecided slots.
  for (auto it = slots_.upper_bound(applied_); it != slots_.end(); ++it)
    if (!it->second.decided && it->second.vrnd > 0) return true;
  if (role_ == Role::Follower && forwards_to_leader(ctx))
    for (RequestId m : queue_)
      if (!executed_.count(m.value)) return true;
  return false;
}

void LeaderChange::sync_timer(Context& ctx) {
  advance_caught_up();
  const bool work = has_work(ctx);
  if (!work && role_ == Role::Leader) backoff_ = 0;  // everything decided and held: no duel going on
  if (work && !timer_.valid()) {
    std::string purpose;  // for the app's timer list: built only when read (Context::narrating)
    if (ctx.narrating()) {
      switch (role_) {
        case Role::Candidate:
          purpose = backing_off_ ? "back off, then phase 1 above rnd " + std::to_string(std::max(max_seen_, promised_))
                                 : "retransmit Prepare(rnd " + std::to_string(round_) + ") if no majority promised";
          break;
        case Role::Leader: purpose = "retransmit Accepts until decided; catch up lagging servers"; break;
        default: purpose = "ask again about undecided slots; forward queued requests to the leader"; break;
      }
    }
    timer_ = ctx.set_timer(role_ == Role::Candidate ? phase1_wait() : retransmit_ticks_, 0, purpose);
  } else if (!work && timer_.valid()) {
    ctx.cancel_timer(timer_, "nothing left to retransmit: every known slot is decided and held");
    timer_ = TimerId{};
  }
}

// ---- events -------------------------------------------------------------------

void LeaderChange::on_start(Context& ctx) {
  if (ctx.leader() == self_) {
    // Round 1 is the lowest round: no acceptor can have accepted anything in
    // a lower one, so phase 1 for it would return nothing - skip it.
    round_ = self_.value;
    promised_ = round_;
    max_seen_ = round_;
    role_ = Role::Leader;
    next_slot_ = 1;
    ctx.note(to_string(self_) + " leads rnd " + std::to_string(round_) +
             " from the start: no phase 1 needed, nothing can be accepted below the lowest round");
  }
}

void LeaderChange::on_message(Context& ctx, const Envelope& message) {
  const Payload& p = message.payload;
  if (p.rnd > 0) see_round(p.rnd);
  switch (p.kind) {
    case MsgKind::Request: on_request(ctx, message); break;
    case MsgKind::Prepare: on_prepare(ctx, message.from.server(), p); break;
    case MsgKind::Promise: on_promise(ctx, message.from.server(), p); break;
    case MsgKind::Accept: on_accept(ctx, message.from.server(), p); break;
    case MsgKind::Learn: on_learn(ctx, message.from.server(), p); break;
    case MsgKind::Commit: on_commit(ctx, message.from.server(), p); break;
    case MsgKind::Nack: on_nack(ctx, message.from.server(), p); break;
    case MsgKind::Reply:
    case MsgKind::Heartbeat: ctx.explain("nothing to do"); break;
  }
  check_preempted(ctx);
  sync_timer(ctx);
}

void LeaderChange::on_timer(Context& ctx, const TimerInfo& timer) {
  if (timer.id != timer_) {
    ctx.explain("an old timer: ignored");
    return;
  }
  timer_ = TimerId{};
  if (leading()) {
    leader_tick(ctx);
  } else {
    follower_tick(ctx);
  }
  check_preempted(ctx);
  sync_timer(ctx);
}

void LeaderChange::on_leader_change(Context& ctx, ServerId old_leader) {
  follow_failure_detector(ctx, "my failure detector now names me leader (was " + to_string(old_leader) + ")");
  sync_timer(ctx);
}

void LeaderChange::on_suspicion_change(Context& ctx, ServerId peer, bool suspected) {
  if (!suspected) backoff_ = 0;  // a peer is back: retry phase 1 at once
  if (!suspected && leading() && ctx.leader() == self_ && numbering_ == RoundNumbering::Preassigned) {
    // The peer may have accepted values in rounds this leader never saw
    // (it was cut off, crashed or falsely suspected): learn them by phase 1.
    // (Ranking by server id has no new round for it: it keeps its round.)
    start_round(ctx, "heard from " + to_string(peer) + " again: it may know rounds I missed");
  }
  sync_timer(ctx);
}

void LeaderChange::on_restart(Context& ctx) {
  // Volatile state is gone; durable: promised_, slots_ (vrnd, vval, decided), and
  // sigma, from which applied_ and executed_ are rebuilt.
  for (auto& [slot, st] : slots_) {
    st.learns.clear();
    if (!durable_accepted_) {  // variant: the accepted (vrnd, vval) did not survive
      st.vrnd = 0;
      st.vval = RequestId{};
    }
  }
  slots_.erase_if([](const auto& kv) { return kv.second.vrnd == 0 && !kv.second.decided; });
  if (!durable_promise_) promised_ = 0;  // variant: the promise did not survive
  role_ = Role::Follower;
  round_ = 0;
  max_seen_ = 0;
  promises_ = {};
  best_.clear();
  next_slot_ = 1;
  caught_up_ = 0;
  backoff_ = 0;
  backing_off_ = false;
  queue_.clear();
  timer_ = TimerId{};
  rebuild_execution_point(ctx.executed());
  std::int64_t accepted = 0;
  for (const auto& [slot, st] : slots_) accepted += st.vrnd > 0 ? 1 : 0;
  std::string forgot;
  if (!durable_promise_) forgot += ", and so is its promise (durable-promise is off)";
  if (!durable_accepted_) forgot += ", and so are its accepted values (durable-accepted-value is off)";
  ctx.note(to_string(self_) + " restarts with promised rnd " + std::to_string(promised_) + ", " +
           std::to_string(accepted) + " accepted slot(s), executed up to slot " + std::to_string(applied_) +
           "; leadership, promises, learns and its queue are lost" + forgot);
  follow_failure_detector(ctx, "restarted and my failure detector names me leader");
  execute_decided(ctx);  // decided slots whose Execute the crash discarded
  sync_timer(ctx);
}

void LeaderChange::rebuild_execution_point(const std::vector<RequestId>& sigma) {
  // A crash can land between a decision's execution point moving (in the
  // handler) and its Execute effect being carried out (core/sim/server.hpp, one
  // effect per step): sigma is what was really executed, so the execution
  // point and the executed set are recomputed from it and the decided log.
  executed_.clear();
  for (RequestId m : sigma) executed_.insert(m.value);
  std::set<int> seen;
  applied_ = 0;
  for (auto it = slots_.find(1); it != slots_.end() && it->first == applied_ + 1 && it->second.decided; ++it) {
    const RequestId m = it->second.decided_value;
    if (!m.is_noop() && !seen.count(m.value)) {
      if (!executed_.count(m.value)) break;  // decided, not executed yet
      seen.insert(m.value);
    }
    applied_ = it->first;
  }
}

}  // namespace paxoslab::stage4
