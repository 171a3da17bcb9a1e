// Stage 4 LeaderChange, client requests: every server queues the requests it
// gets; the leader proposes each in the next free slot (phase 2, Fig. 10); a
// follower forwards its queue to its leader until it has executed it
// [catch-up] (docs/protocol.md, Stage 4).
#include <algorithm>

#include "stages/stage4_leader_change/server.hpp"

namespace paxoslab::stage4 {

void LeaderChange::on_request(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const bool say = ctx.narrating();  // texts only when someone reads them
  const std::string via = say && message.from.is_server() ? " (forwarded by " + to_string(message.from) + ")" : "";
  if (m.is_noop() || executed_.count(m.value)) {
    if (!m.is_noop() && message.from.is_client() && client_retries_) {
      // Clients resend only requests they got no reply for: answer again.
      ctx.reply(m, "already executed: reply again with my state");
      if (say) ctx.explain(to_string(m) + " was already executed: the client resends only when it got no reply");
    } else if (say) {
      ctx.explain("ignored" + via + ": " + to_string(m) + " was already executed");
    }
    return;
  }
  const bool queued = std::find(queue_.begin(), queue_.end(), m) != queue_.end();
  enqueue(m);
  if (role_ == Role::Leader) {
    if (in_known_slot(m)) {
      if (say) ctx.explain(to_string(m) + via + " already has a slot");
    } else {
      if (say)
        ctx.explain("leader of rnd " + std::to_string(round_) + ": propose " + to_string(m) + via + " in slot " +
                    std::to_string(next_slot_));
      propose_queue(ctx);
    }
    return;
  }
  if (!say) return;
  const ServerId l = ctx.leader();
  ctx.explain(std::string(queued ? "already queued " : "queue ") + to_string(m) + via +
              (role_ == Role::Candidate ? ": propose it once a majority promised rnd " + std::to_string(round_)
               : role_ == Role::Blocked ? ": cannot lead (no higher round available)"
                                        : ": " + to_string(l) + " leads and orders it"));
}

bool LeaderChange::in_known_slot(RequestId m) const {
  for (auto it = slots_.upper_bound(applied_); it != slots_.end(); ++it) {
    const SlotState& st = it->second;
    if (st.decided ? st.decided_value == m : (st.vrnd == round_ && role_ == Role::Leader && st.vval == m))
      return true;
  }
  return false;
}

void LeaderChange::enqueue(RequestId m) {
  if (std::find(queue_.begin(), queue_.end(), m) == queue_.end()) queue_.push_back(m);
}

void LeaderChange::propose_queue(Context& ctx) {
  if (role_ != Role::Leader) return;
  const std::vector<RequestId> pending = queue_;
  for (RequestId m : pending) {
    if (executed_.count(m.value) || in_known_slot(m)) continue;
    const std::int64_t s = next_slot_++;
    propose(ctx, s, m, ctx.narrating() ? "new request " + to_string(m) + ": next free slot " + std::to_string(s) : "");
  }
}

bool LeaderChange::forwards_to_leader(const Context& ctx) const {
  const ServerId l = ctx.leader();
  if (l == self_) return false;
  if (numbering_ == RoundNumbering::Preassigned) return true;
  return l.value >= max_seen_;
}

int LeaderChange::forward_queue(Context& ctx) {
  if (role_ != Role::Follower || !forwards_to_leader(ctx)) return 0;
  const ServerId l = ctx.leader();
  int forwarded = 0;
  for (RequestId m : queue_) {
    if (executed_.count(m.value)) continue;
    ctx.send(l, Payload::client_request(m),
             ctx.narrating() ? to_string(m) + " not executed yet: forward it to my leader " + to_string(l) : "");
    ++forwarded;
  }
  return forwarded;
}

}  // namespace paxoslab::stage4
