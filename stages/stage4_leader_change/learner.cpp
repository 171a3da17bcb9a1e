// Stage 4 LeaderChange, the learner: counting Learns per (rnd, slot),
// deciding on a quorum (Fig. 12b), Commit, and in-order execution with
// no-ops (Fig. 11) (docs/protocol.md, Stage 4).
#include <algorithm>

#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab::stage4 {

bool LeaderChange::tally(Context& ctx, std::int64_t slot, std::int64_t rnd, RequestId m, ServerSet who) {
  LearnTally& t = slots_[slot].learns[rnd];
  if (t.from.empty()) {
    t.value = m;
  } else if (t.value != m) {
    ctx.note("conflicting learn for (rnd " + std::to_string(rnd) + ", slot " + std::to_string(slot) + "): " +
             to_string(m) + " vs " + to_string(t.value) + " - ignored");
    return false;
  }
  t.from |= who;
  return true;
}

void LeaderChange::try_decide(Context& ctx, std::int64_t slot, std::int64_t rnd) {
  SlotState& st = slots_[slot];
  if (st.decided) return;
  const auto it = st.learns.find(rnd);
  if (it == st.learns.end() || !it->second.from.is_quorum(quorum_)) return;
  const bool leader_decides = learn_mode_ == LearnMode::ToLeaderThenCommit;
  if (leader_decides && owner_of_round(rnd) != self_) return;  // wait for the leader's Commit
  const RequestId m = it->second.value;
  st.decided_by = it->second.from;
  decide(ctx, slot, m, rnd,
         !ctx.narrating() ? std::string()
                          : "Learns for (rnd " + std::to_string(rnd) + ", slot " + std::to_string(slot) + ") from {" +
                                to_string(it->second.from) + "} reach the quorum of " + std::to_string(quorum_));
  if (leader_decides)
    ctx.send_to_others(Payload::commit(rnd, slot, m),
                       !ctx.narrating() ? std::string()
                                        : "the leader decided slot " + std::to_string(slot) + ": tell everyone");
}

void LeaderChange::decide(Context& ctx, std::int64_t slot, RequestId m, std::int64_t rnd, const std::string& how) {
  SlotState& st = slots_[slot];
  st.decided = true;
  st.decided_value = m;
  st.decided_rnd = rnd;
  if (ctx.narrating())
    ctx.note(to_string(self_) + " decided slot " + std::to_string(slot) + " = " + to_string(m) + ": " + how);
  if (role_ == Role::Leader && slot >= next_slot_) fill_gaps_below(ctx, slot, "is decided");
  execute_decided(ctx);
}

void LeaderChange::execute_decided(Context& ctx) {
  while (true) {
    const auto it = slots_.find(applied_ + 1);
    if (it == slots_.end() || !it->second.decided) return;
    const std::int64_t slot = it->first;
    const RequestId m = it->second.decided_value;
    applied_ = slot;
    if (m.is_noop()) {
      ctx.noop(m, slot, "slot " + std::to_string(slot) + " is a no-op: nothing to execute");
      continue;
    }
    if (executed_.count(m.value)) {
      ctx.noop(m, slot, "slot " + std::to_string(slot) + " holds " + to_string(m) +
                            ", already executed: a no-op (Fig. 11), never executed twice");
      continue;
    }
    executed_.insert(m.value);
    ctx.execute(m, slot,
                !ctx.narrating() ? std::string()
                                 : "slot " + std::to_string(slot) + " decided and every earlier slot executed");
    ctx.reply(m, "every server replies with its state after executing");
    std::erase(queue_, m);
  }
}

void LeaderChange::on_learn(Context& ctx, ServerId from, const Payload& p) {
  // The texts only when someone reads them (Context::narrating: not in the break-finder).
  const std::string what = !ctx.narrating() ? std::string()
                                            : "Learn(rnd " + std::to_string(p.rnd) + ", slot " + std::to_string(p.slot) +
                                                  ", " + to_string(p.request) + ") from " + to_string(from);
  if (p.slot < 1 || p.rnd < 1) {
    ctx.explain("ignored: a Learn needs a round and a slot >= 1");
    return;
  }
  SlotState& st = slots_[p.slot];
  const auto t = st.learns.find(p.rnd);
  const bool repeat = t != st.learns.end() && t->second.from.contains(from);
  if (!tally(ctx, p.slot, p.rnd, p.request, ServerSet::of(from))) {
    ctx.explain(what + " conflicts with the value already counted for that round: ignored");
    return;
  }
  if (st.decided) {
    if (repeat) {
      ctx.send(from, Payload::commit(st.decided_rnd, p.slot, st.decided_value), to_string(from) + " asks again about slot " + std::to_string(p.slot) + ": it is decided");
      ctx.explain(what + " again: slot already decided = " + to_string(st.decided_value) + ", answer with Commit");
    } else {
      ctx.explain(what + ": slot already decided = " + to_string(st.decided_value));
    }
    return;
  }
  const int have = slots_[p.slot].learns[p.rnd].from.count();
  if (ctx.narrating())
    ctx.explain(what + ": " + std::to_string(have) + " of " + std::to_string(quorum_) + " learns for (rnd " +
                std::to_string(p.rnd) + ", slot " + std::to_string(p.slot) + ")");
  try_decide(ctx, p.slot, p.rnd);
  if (!slots_[p.slot].decided && role_ == Role::Leader && p.rnd < round_ && p.slot >= next_slot_)
    adopt_unknown_slot(ctx, p.slot, p.request);
}

void LeaderChange::on_commit(Context& ctx, ServerId from, const Payload& p) {
  if (p.slot < 1) {
    ctx.explain("ignored: a Commit needs a slot >= 1");
    return;
  }
  SlotState& st = slots_[p.slot];
  if (st.decided) {
    ctx.explain(st.decided_value == p.request
                    ? "Commit for slot " + std::to_string(p.slot) + ": already decided"
                    : "Commit for slot " + std::to_string(p.slot) + " says " + to_string(p.request) +
                          " but it was decided " + to_string(st.decided_value) + " (a quorum below a majority?)");
    return;
  }
  ctx.explain("Commit from " + to_string(from) + ": slot " + std::to_string(p.slot) + " = " + to_string(p.request));
  decide(ctx, p.slot, p.request, p.rnd, "Commit(rnd " + std::to_string(p.rnd) + ") from " + to_string(from));
}

}  // namespace paxoslab::stage4
