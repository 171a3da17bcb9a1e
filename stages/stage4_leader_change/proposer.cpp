// Stage 4 LeaderChange, the proposer: becoming leader, phase 1
// (Prepare/Promise, Fig. 10), adopting the highest-vrnd values and filling
// gaps with no-ops (Fig. 11), phase 2 (Accept), duelling leaders and the
// candidate's phase-1 retries (docs/protocol.md, Stage 4).
#include <algorithm>

#include "core/sim/hash.hpp"
#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab::stage4 {

std::int64_t LeaderChange::next_round_above(std::int64_t floor) const {
  if (!unique_rounds_) return floor + 1;  // variant: any server may pick any round
  // Pre-assigned rounds: Si uses i, i+n, i+2n, ...
  if (floor < self_.value) return self_.value;
  const std::int64_t k = (floor - self_.value) / servers_ + 1;
  return self_.value + k * servers_;
}

void LeaderChange::follow_failure_detector(Context& ctx, const std::string& cause) {
  const ServerId l = ctx.leader();
  if (l == self_) {
    if (!leading()) {
      backoff_ = 0;  // leader anew: phase 1 at once
      start_round(ctx, cause);
    }
  } else if (role_ != Role::Follower) {
    step_down(ctx, to_string(l) + " is my leader now");
  }
}

void LeaderChange::start_round(Context& ctx, const std::string& cause) {
  const std::int64_t floor = std::max({max_seen_, promised_, round_});
  std::int64_t rnd = 0;
  if (numbering_ == RoundNumbering::ServerId && unique_rounds_) {
    rnd = self_.value;
    if (rnd <= floor) {
      role_ = Role::Blocked;
      promises_ = {};
      best_.clear();
      ctx.note(to_string(self_) + " cannot lead (" + cause + "): ranking by server id gives it only rnd " +
               std::to_string(rnd) + ", not above rnd " + std::to_string(floor) + " it has seen - stuck");
      return;
    }
  } else {
    rnd = next_round_above(floor);
  }
  round_ = rnd;
  max_seen_ = std::max(max_seen_, rnd);
  promised_ = rnd;  // its own promise counts towards the majority
  role_ = Role::Candidate;
  backing_off_ = false;
  promises_ = ServerSet::of(self_);
  best_.clear();
  for (const auto& [slot, st] : slots_)
    if (st.vrnd > 0) best_[slot] = AcceptedEntry{slot, st.vrnd, st.vval};
  caught_up_ = 0;
  if (timer_.valid()) {  // a fresh retransmission period for the new round
    ctx.cancel_timer(timer_, "new round: restart the retransmission period");
    timer_ = TimerId{};
  }
  ctx.note(to_string(self_) + " starts phase 1 with rnd " + std::to_string(rnd) + " (" + cause +
           "); rnd " + std::to_string(rnd) + " is above every round it has seen (" + std::to_string(floor) + ")");
  ctx.send_to_others(Payload::prepare(rnd), "new leader: ask every acceptor to promise rnd " + std::to_string(rnd));
  if (promises_.is_quorum(promise_quorum_)) finish_phase1(ctx);
}

void LeaderChange::step_down(Context& ctx, const std::string& cause) {
  const bool was_leading = role_ != Role::Follower;
  role_ = Role::Follower;
  promises_ = {};
  best_.clear();
  backoff_ = 0;
  backing_off_ = false;
  ctx.note(to_string(self_) + " stops leading rnd " + std::to_string(round_) + ": " + cause);
  if (!was_leading) return;
  // Tell the new leader the highest slot this server knows decided: if it was
  // decided in a round the new leader never saw, the Commit's round makes the
  // new leader run phase 1 again and learn it.
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it) {
    if (!it->second.decided) continue;
    const ServerId l = ctx.leader();
    if (l == self_) break;
    ctx.send(l, Payload::commit(it->second.decided_rnd, it->first, it->second.decided_value), "stepping down: tell " + to_string(l) + " the highest slot I know decided");
    break;
  }
}

void LeaderChange::on_promise(Context& ctx, ServerId from, const Payload& p) {
  // Every entry is a fact: `from` accepted vval in vrnd. Count it as a learn.
  for (const auto& e : p.accepted)
    if (e.vrnd > 0 && tally(ctx, e.slot, e.vrnd, e.vval, ServerSet::of(from))) try_decide(ctx, e.slot, e.vrnd);
  if (role_ != Role::Candidate || backing_off_ || p.rnd != round_) {
    ctx.explain("late or foreign Promise(rnd " + std::to_string(p.rnd) + "): not collecting promises for it" +
                (role_ == Role::Leader && p.rnd == round_ ? " (phase 1 already done)" : ""));
    return;
  }
  if (promises_.contains(from)) {
    ctx.explain("a repeat Promise from " + to_string(from) + ": already counted");
    return;
  }
  promises_.insert(from);
  if (adopt_highest_) {
    for (const auto& e : p.accepted) {
      auto it = best_.find(e.slot);
      if (it == best_.end() || e.vrnd > it->second.vrnd) best_[e.slot] = e;
    }
  }
  const int have = promises_.count();
  ctx.explain("Promise " + std::to_string(have) + " of the " + std::to_string(promise_quorum_) +
              " needed for rnd " + std::to_string(round_) + " (" + std::to_string(p.accepted.size()) +
              " accepted slot(s) reported" +
              (adopt_highest_ || p.accepted.empty() ? ")" : "; adopt-highest-vrnd is off: not adopted)"));
  if (promises_.is_quorum(promise_quorum_)) finish_phase1(ctx);
}

void LeaderChange::finish_phase1(Context& ctx) {
  role_ = Role::Leader;
  const std::int64_t last = last_slot_to_settle();
  const std::string quorum =
      promise_quorum_ == majority_ ? std::string("a majority") : std::to_string(promise_quorum_) + " server(s), below a majority,";
  ctx.note(to_string(self_) + " has promises for rnd " + std::to_string(round_) + " from " + quorum + " {" +
           to_string(promises_) + "}: phase 2, re-propose slots up to " + std::to_string(last) + ", then new requests");
  next_slot_ = last + 1;
  repropose_up_to(ctx, last);
  best_.clear();
  propose_queue(ctx);
}

std::int64_t LeaderChange::last_slot_to_settle() const {
  std::int64_t last = applied_;
  if (!best_.empty()) last = std::max(last, best_.rbegin()->first);
  for (auto it = slots_.rbegin(); it != slots_.rend(); ++it)
    if (it->second.decided) return std::max(last, it->first);
  return last;
}

void LeaderChange::repropose_up_to(Context& ctx, std::int64_t last) {
  for (std::int64_t s = applied_ + 1; s <= last; ++s) {
    const auto st = slots_.find(s);
    if (st != slots_.end() && st->second.decided) continue;
    const auto b = best_.find(s);
    if (b != best_.end()) {
      propose(ctx, s, b->second.vval,
              "re-propose " + to_string(b->second.vval) + ": the highest vrnd (" + std::to_string(b->second.vrnd) +
                  ") reported for slot " + std::to_string(s) + " (Fig. 11)");
    } else {
      fill_gap(ctx, s, "no promise reports slot " + std::to_string(s) + ": fill the gap with a no-op");
    }
  }
}

void LeaderChange::propose(Context& ctx, std::int64_t slot, RequestId m, const std::string& why) {
  if (promised_ > round_) return;  // pre-empted: check_preempted starts a higher round
  SlotState& st = slots_[slot];
  if (st.decided) return;
  st.vrnd = round_;  // the leader accepts its own proposal: the Accept counts as its learn
  st.vval = m;
  tally(ctx, slot, round_, m, ServerSet::of(self_));
  ctx.send_to_others(Payload::accept(round_, slot, m), why);
  try_decide(ctx, slot, round_);
}

void LeaderChange::fill_gap(Context& ctx, std::int64_t gap, const std::string& why) {
  propose(ctx, gap, RequestId{}, why);
}

void LeaderChange::fill_gaps_below(Context& ctx, std::int64_t slot, const std::string& cause) {
  for (std::int64_t s = next_slot_; s < slot; ++s)
    fill_gap(ctx, s, "slot " + std::to_string(slot) + " " + cause + ": fill gap " + std::to_string(s) + " with a no-op");
  next_slot_ = std::max(next_slot_, slot + 1);
}

void LeaderChange::adopt_unknown_slot(Context& ctx, std::int64_t slot, RequestId m) {
  // No acceptor of this leader's phase-1 majority reported `slot` (it is at
  // or past next_slot_), and they promised to ignore lower rounds, so nothing
  // can have been chosen there: any value is safe. Keep the reported one.
  fill_gaps_below(ctx, slot, "was reported");
  propose(ctx, slot, m,
          "slot " + std::to_string(slot) + " holds " + to_string(m) + " from an older round: drive it to a decision");
}

void LeaderChange::check_preempted(Context& ctx) {
  const ServerId l = ctx.leader();
  if (l != self_) {
    if (role_ != Role::Follower) step_down(ctx, to_string(l) + " is my leader now");
    return;
  }
  if (role_ == Role::Follower) {
    start_round(ctx, "my failure detector names me leader");
    return;
  }
  const std::int64_t higher = std::max(max_seen_, promised_);
  if (!leading() || higher <= round_ || backing_off_) return;
  const std::string seen = "saw rnd " + std::to_string(higher) + " above my rnd " + std::to_string(round_) +
                           " while I still believe I lead";
  if (backoff_ == 0 || numbering_ == RoundNumbering::ServerId) {
    start_round(ctx, "pre-empted: " + seen + "; move above it at once");
    ++backoff_;
    return;
  }
  // Pre-empted again without deciding anything since: duelling leaders. Back
  // off before the next phase 1 so that the other one can finish.
  role_ = Role::Candidate;
  backing_off_ = true;
  promises_ = {};
  best_.clear();
  if (timer_.valid()) {
    ctx.cancel_timer(timer_, "pre-empted: back off instead");
    timer_ = TimerId{};
  }
  ctx.note(to_string(self_) + " is pre-empted again (" + seen + "): back off " + std::to_string(phase1_wait()) +
           " ticks before phase 1 with a higher round (duelling leaders)");
}

Tick LeaderChange::phase1_wait() const {
  if (backoff_ == 0) return retransmit_ticks_;
  const Tick base = retransmit_ticks_ << std::min(backoff_, kMaxBackoffExp);
  Hasher h;
  h.add(seed_);
  h.add(static_cast<std::uint64_t>(self_.value));
  h.add(static_cast<std::uint64_t>(round_));
  h.add(static_cast<std::uint64_t>(backoff_));
  return base + static_cast<Tick>(h.value() % static_cast<std::uint64_t>(base / 2 + 1));
}

void LeaderChange::on_nack(Context& ctx, ServerId from, const Payload& p) {
  const std::string what = p.slot > 0 ? "my Accept for slot " + std::to_string(p.slot) : std::string("my Prepare");
  if (p.rnd <= round_ || !leading()) {
    ctx.explain(to_string(from) + " refused " + what + " (it promised rnd " + std::to_string(p.rnd) +
                "): nothing to do, " + (leading() ? "my round is above that now" : "I do not lead"));
    return;
  }
  ctx.explain(to_string(from) + " refused " + what + ": it promised rnd " + std::to_string(p.rnd) + ", above my rnd " +
              std::to_string(round_));
}

void LeaderChange::candidate_tick(Context& ctx) {
  const std::int64_t higher = std::max(max_seen_, promised_);
  if (backing_off_ || higher > round_) {
    ctx.explain("back-off over: phase 1 above rnd " + std::to_string(higher));
    start_round(ctx, "pre-empted by rnd " + std::to_string(higher) + "; my back-off is over");
  } else {
    for (ServerId s : everyone() - promises_ - ServerSet::of(self_))
      ctx.send(s, Payload::prepare(round_), "no Promise yet: retransmit Prepare(rnd " + std::to_string(round_) + ")");
    ctx.explain("retransmit Prepare(rnd " + std::to_string(round_) + ") to servers that did not promise");
  }
  ++backoff_;  // the next retry waits longer (phase1_wait)
}

}  // namespace paxoslab::stage4
