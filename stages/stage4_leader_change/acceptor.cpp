// Stage 4 LeaderChange, the acceptor: Prepare -> Promise (Fig. 10) and
// Accept -> Learn, with the promised round that makes it ignore older rounds.
#include <algorithm>

#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab::stage4 {

void LeaderChange::on_prepare(Context& ctx, ServerId from, const Payload& p) {
  // Without unique rounds an acceptor tells rounds apart by number only.
  const bool repeat = p.rnd == promised_ && (!unique_rounds_ || owner_of_round(p.rnd) == from);
  if (p.rnd <= promised_ && !repeat && ignore_lower_) {
    ctx.explain(to_string(self_) + " refused Prepare(rnd " + std::to_string(p.rnd) + ") because it promised rnd " +
                std::to_string(promised_) + ": answer Nack(" + std::to_string(promised_) + ")");
    send_nack(ctx, from, 0, "refused Prepare(rnd " + std::to_string(p.rnd) + "): I promised rnd " +
                                std::to_string(promised_));
    return;
  }
  const std::int64_t before = promised_;
  promised_ = std::max(promised_, p.rnd);
  std::vector<AcceptedEntry> accepted;
  for (const auto& [slot, st] : slots_)
    if (st.vrnd > 0) accepted.push_back(AcceptedEntry{slot, st.vrnd, st.vval});
  Payload r = Payload::promise(p.rnd, std::move(accepted));
  if (repeat) {
    ctx.explain("a repeat of Prepare(rnd " + std::to_string(p.rnd) + "), which I promised: answer again");
  } else if (p.rnd <= before) {
    ctx.explain("promise rnd " + std::to_string(p.rnd) + " although I promised rnd " + std::to_string(before) +
                " (ignore-lower-rounds is off); report " + std::to_string(r.accepted.size()) + " accepted slot(s)");
  } else {
    ctx.explain("promise rnd " + std::to_string(p.rnd) + " (above promised rnd " + std::to_string(before) +
                "): from now on ignore lower rounds; report " + std::to_string(r.accepted.size()) +
                " accepted slot(s)");
  }
  ctx.send(from, std::move(r), "Promise(rnd " + std::to_string(p.rnd) + ") with my accepted (vrnd, vval) per slot");
}

void LeaderChange::on_accept(Context& ctx, ServerId from, const Payload& p) {
  // The texts only when someone reads them (Context::narrating: not in the break-finder).
  const bool say = ctx.narrating();
  const std::string what = say ? "Accept(rnd " + std::to_string(p.rnd) + ", slot " + std::to_string(p.slot) + ")" : "";
  if (p.rnd < promised_ && ignore_lower_) {
    ctx.explain(to_string(self_) + " refused " + what + " because it promised rnd " + std::to_string(promised_) +
                ": answer Nack(" + std::to_string(promised_) + ")");
    send_nack(ctx, from, p.slot, "refused " + what + ": I promised rnd " + std::to_string(promised_));
    return;
  }
  if (p.slot < 1) {
    ctx.explain("ignored: an Accept needs a slot >= 1");
    return;
  }
  const bool below = p.rnd < promised_;  // only when ignore-lower-rounds is off
  promised_ = std::max(promised_, p.rnd);
  SlotState& st = slots_[p.slot];
  const std::int64_t before_vrnd = st.vrnd;
  st.vrnd = p.rnd;
  st.vval = p.request;
  // The Accept counts as its sender's learn; this acceptance is our own learn.
  const bool counted = tally(ctx, p.slot, p.rnd, p.request, ServerSet::of(from) | ServerSet::of(self_));
  const bool to_all = learn_mode_ == LearnMode::ToAll;
  if (say)
    ctx.explain("accept: rnd " + std::to_string(p.rnd) + (below ? " < promised (ignore-lower-rounds is off)" : " >= promised") +
                "; (vrnd, vval) of slot " + std::to_string(p.slot) + " := (" + std::to_string(p.rnd) + ", " +
                to_string(p.request) + "); Learn to " + (to_all ? std::string("all") : to_string(from)) +
                (st.decided ? " (slot already decided)" : ""));
  // A new leader re-proposes what a promise reported (Fig. 11): a slot this
  // server already decided and executed comes back in a higher round with the
  // same value. Accepting it changes nothing here - say so once per round
  // (a retransmission in the same round stays quiet).
  if (st.decided && p.slot <= applied_ && p.request == st.decided_value && before_vrnd < p.rnd)
    ctx.noop(p.request, p.slot, "slot " + std::to_string(p.slot) + " holds " + to_string(p.request) + " again (rnd " +
             std::to_string(p.rnd) + "), already executed: a no-op here, " + to_string(p.request) +
             " is never executed twice (Fig. 11)");
  send_learn(ctx, from, p.rnd, p.slot, p.request, say ? "accepted " + what : std::string());
  if (counted) try_decide(ctx, p.slot, p.rnd);
}

void LeaderChange::send_nack(Context& ctx, ServerId to, std::int64_t slot, const std::string& why) {
  ctx.send(to, Payload::nack(promised_, slot), why + " (Fig. 10's \"Ignore\", answered: move above it)");
}

void LeaderChange::send_learn(Context& ctx, ServerId leader_of_round, std::int64_t rnd, std::int64_t slot,
                              RequestId m, const std::string& why) {
  const Payload l = Payload::learn(rnd, slot, m);
  if (learn_mode_ == LearnMode::ToAll) {
    ctx.send_to_others(l, why);
  } else if (leader_of_round != self_) {
    ctx.send(leader_of_round, l, why);
  }
}

}  // namespace paxoslab::stage4
