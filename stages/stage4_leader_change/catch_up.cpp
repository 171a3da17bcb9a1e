// Stage 4 LeaderChange, the retransmission period and catch-up [catch-up]:
// the leader resends Accepts until a slot is decided and pushes decided
// slots to servers that have not shown they hold them; a follower resends
// its Learns for undecided slots and forwards its queue (docs/protocol.md,
// Stage 4; the rules that make a run converge once faults stop).
#include <algorithm>

#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab::stage4 {

void LeaderChange::leader_tick(Context& ctx) {
  if (role_ == Role::Candidate) {
    candidate_tick(ctx);
    return;
  }
  bool waiting = false;
  int resent = 0, pushed = 0;
  for (auto it = slots_.upper_bound(std::min(applied_, caught_up_)); it != slots_.end(); ++it) {
    if (!it->second.decided) {
      const int sent = retransmit_accept(ctx, it->first, it->second);
      if (sent < 0) continue;
      resent += sent;
      waiting = true;
      continue;
    }
    const int servers = catch_up(ctx, it->first, it->second);
    pushed += servers;
    waiting = waiting || servers > 0;
  }
  if (ctx.narrating())  // texts only when someone reads them
    ctx.explain(waiting ? std::to_string(resent) + " Accept(s) retransmitted, " + std::to_string(pushed) +
                              " catch-up(s) sent"
                        : "nothing to retransmit");
}

int LeaderChange::retransmit_accept(Context& ctx, std::int64_t slot, const SlotState& st) {
  if (st.vrnd != round_) return -1;
  const auto t = st.learns.find(round_);
  const ServerSet have = t == st.learns.end() ? ServerSet{} : t->second.from;
  int sent = 0;
  for (ServerId s : everyone() - have - ServerSet::of(self_)) {
    ctx.send(s, Payload::accept(round_, slot, st.vval),
             ctx.narrating() ? "slot " + std::to_string(slot) + " not decided: retransmit the Accept" : std::string());
    ++sent;
  }
  return sent;
}

int LeaderChange::catch_up(Context& ctx, std::int64_t slot, SlotState& st) {
  const ServerSet have = holders(slot);
  const auto mine = st.learns.find(round_);  // not used after tally(), which may insert into st.learns
  const bool can_accept = mine == st.learns.end() || mine->second.value == st.decided_value;
  bool accepted_own = mine != st.learns.end();
  int servers = 0;
  for (ServerId s : everyone() - have - ServerSet::of(self_)) {
    if (ctx.suspects(s)) continue;
    ctx.send(s, Payload::commit(st.decided_rnd, slot, st.decided_value),
             "catch up " + to_string(s) + ": slot " + std::to_string(slot) + " is decided");
    if (can_accept && promised_ <= round_) {
      if (!accepted_own) {
        st.vrnd = round_;
        st.vval = st.decided_value;
        tally(ctx, slot, round_, st.decided_value, ServerSet::of(self_));
        accepted_own = true;
      }
      ctx.send(s, Payload::accept(round_, slot, st.decided_value),
               "its Learn will show that " + to_string(s) + " holds slot " + std::to_string(slot));
    }
    ++servers;
  }
  return servers;
}

ServerSet LeaderChange::holders(std::int64_t slot) const {
  const auto it = slots_.find(slot);
  if (it == slots_.end() || !it->second.decided) return {};
  ServerSet held = ServerSet::of(self_);
  for (const auto& [rnd, t] : it->second.learns)
    if (t.value == it->second.decided_value) held |= t.from;
  return held;
}

void LeaderChange::advance_caught_up() {
  while (true) {
    const auto it = slots_.find(caught_up_ + 1);
    if (it == slots_.end() || !it->second.decided || holders(caught_up_ + 1) != everyone()) return;
    ++caught_up_;
  }
}

void LeaderChange::follower_tick(Context& ctx) {
  int asked = 0;
  for (auto it = slots_.upper_bound(applied_); it != slots_.end(); ++it) {
    const SlotState& st = it->second;
    if (st.decided || st.vrnd == 0) continue;
    ctx.send_to_others(Payload::learn(st.vrnd, it->first, st.vval),
                       ctx.narrating() ? "slot " + std::to_string(it->first) + " still undecided here: send my Learn again"
                                       : std::string());
    ++asked;
  }
  const int forwarded = forward_queue(ctx);
  if (ctx.narrating())
    ctx.explain(std::to_string(asked) + " undecided slot(s) asked about again, " + std::to_string(forwarded) +
                " queued request(s) forwarded");
}

}  // namespace paxoslab::stage4
