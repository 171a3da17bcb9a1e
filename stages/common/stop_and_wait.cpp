#include "stages/common/stop_and_wait.hpp"

#include <algorithm>

#include "core/sim/hash.hpp"
#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stages {

void StopAndWaitServer::on_start(Context& ctx) { leader_ = ctx.leader(); }

void StopAndWaitServer::on_message(Context& ctx, const Envelope& message) {
  switch (message.payload.kind) {
    case MsgKind::Request: on_request(ctx, message); return;
    case MsgKind::Accept: on_accept(ctx, message); return;
    case MsgKind::Learn: on_learn(ctx, message); return;
    default:
      ctx.explain(std::string("ignored: ") + stage_ + " has no use for " + describe(message.payload));
      return;
  }
}

bool StopAndWaitServer::queued(RequestId m) const {
  return std::find(queue_.begin(), queue_.end(), m) != queue_.end();
}

void StopAndWaitServer::on_request(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::string me = to_string(self_);
  if (ctx.has_executed(m)) {
    ctx.explain(me + " already executed " + to_string(m) + ": replies again, executes nothing");
    ctx.reply(m, "reply again to a repeated request");
    return;
  }
  if (queued(m) || (outstanding_ && outstanding_->request == m)) {
    ctx.explain(me + " already has " + to_string(m) + " queued: nothing new");
    return;
  }
  queue_.push_back(m);
  if (leader_ != self_) {
    ctx.explain(me + " queues " + to_string(m) + ": the leader " + to_string(leader_) +
                " orders requests (kept in case " + me + " must take over)");
    return;
  }
  if (outstanding_) {
    ctx.explain(me + " queues " + to_string(m) + ": " + busy_words());
    return;
  }
  ctx.explain(me + " is the leader: " + serve_queue(ctx));
}

std::string StopAndWaitServer::serve_queue(Context& ctx) {
  std::string done;
  while (leader_ == self_ && !outstanding_ && !queue_.empty()) {
    const RequestId m = queue_.front();
    queue_.erase(queue_.begin());
    if (ctx.has_executed(m)) continue;  // never execute twice (queue entries leave on execution)
    const std::string account = propose(ctx, m);
    if (!done.empty()) done += "; then ";
    done += account;
  }
  return done;
}

void StopAndWaitServer::on_accept(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::int64_t j = message.payload.slot;
  const ServerId from = message.from.server();
  const std::string me = to_string(self_);
  const std::string acc = numbered_text(MsgKind::Accept, m, j);
  const auto& sigma = ctx.executed();
  if (j >= 1 && j <= static_cast<std::int64_t>(sigma.size()) && sigma[static_cast<std::size_t>(j - 1)] == m) {
    ctx.explain(me + " already executed " + acc + ": answers Learn again (its earlier learn may be lost)");
    ctx.send(from, numbered(MsgKind::Learn, m, j), "acknowledge again");
    return;
  }
  if (ctx.has_executed(m)) {
    ctx.explain(me + " ignored " + acc + ": it executed " + to_string(m) + " under another number");
    return;
  }
  if (j > next_j_) {
    ctx.explain(me + " discarded " + acc + ": it expects j=" + std::to_string(next_j_) + " and can never catch up");
    return;
  }
  if (j < next_j_) {
    ctx.explain(me + " ignored " + acc + ": it already executed " +
                to_string(sigma[static_cast<std::size_t>(j - 1)]) + " as j=" + std::to_string(j));
    return;
  }
  ++next_j_;
  std::erase(queue_, m);
  const FollowerWords words = follower_words(m, j, from);
  ctx.explain(words.explain);
  ctx.send(from, numbered(MsgKind::Learn, m, j), words.learn_reason);
  ctx.execute(m, j, words.execute_reason);
  ctx.reply(m, "reply with the new state");
  after_follower_executes(ctx, m, j, from);
}

void StopAndWaitServer::on_learn(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::int64_t j = message.payload.slot;
  const ServerId from = message.from.server();
  const std::string learn = numbered_text(MsgKind::Learn, m, j);
  if (!outstanding_ || outstanding_->request != m || outstanding_->j != j) {
    ctx.explain(to_string(self_) + " ignored " + learn + " from " + to_string(from) + ": it is not waiting on that accept");
    return;
  }
  outstanding_->learned.insert(from);
  on_learn_recorded(ctx, from, learn);
}

void StopAndWaitServer::on_timer(Context& ctx, const TimerInfo& timer) {
  if (!outstanding_ || timer.id != outstanding_->timer) {
    ctx.explain(to_string(self_) + " ignores a stale timer");
    return;
  }
  on_retransmit_timer(ctx);
}

void StopAndWaitServer::on_leader_change(Context& ctx, ServerId old_leader) {
  leader_ = ctx.leader();
  if (leader_ == self_) {
    ctx.note(to_string(self_) + " takes over from " + to_string(old_leader) + ": serves its own queue [" +
             list_requests(queue_) + "] numbering from j=" + std::to_string(next_j_));
    serve_queue(ctx);
    return;
  }
  step_down(ctx);
}

void StopAndWaitServer::on_suspicion_change(Context& ctx, ServerId peer, bool suspected) {
  if (!suspected || leader_ != self_ || !outstanding_) return;
  on_peer_suspected(ctx, peer);
}

void StopAndWaitServer::on_restart(Context& ctx) {
  next_j_ = static_cast<std::int64_t>(ctx.executed().size()) + 1;
  queue_.clear();
  outstanding_.reset();
  leader_ = ctx.leader();
}

std::uint64_t StopAndWaitServer::state_hash() const {
  Hasher h;
  h.add(static_cast<std::uint64_t>(self_.value));
  h.add(static_cast<std::uint64_t>(servers_));
  h.add(static_cast<std::uint64_t>(leader_.value));
  h.add(static_cast<std::uint64_t>(next_j_));
  h.add(queue_.size());
  for (RequestId m : queue_) h.add(static_cast<std::uint64_t>(m.value));
  h.add(outstanding_ ? 1 : 0);
  if (outstanding_) {
    h.add(static_cast<std::uint64_t>(outstanding_->request.value));
    h.add(static_cast<std::uint64_t>(outstanding_->j));
    h.add(outstanding_->learned.mask());
    h.add(outstanding_->executed ? 1 : 0);
    h.add(outstanding_->timer.valid() ? 1 : 0);  // ids are left out (see Simulation::state_hash)
  }
  return h.value();
}

ServerView StopAndWaitServer::view() const {
  ServerView v;
  v.role = leader_ == self_ ? "leader" : "follower";
  v.leader = leader_;
  v.fields.emplace_back("leader", to_string(leader_));
  v.fields.emplace_back("next j", std::to_string(next_j_));
  v.fields.emplace_back("queue", list_requests(queue_));
  if (outstanding_) {
    v.fields.emplace_back("waiting for",
                          numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j) + waiting_for_words());
    v.fields.emplace_back("learned from", to_string(outstanding_->learned, "-"));
    v.waiting = numbered_text(MsgKind::Accept, outstanding_->request, outstanding_->j);
    v.outstanding = ServerView::Outstanding{outstanding_->request, outstanding_->j, outstanding_->learned.mask(),
                                            outstanding_->executed};
  } else {
    v.fields.emplace_back("waiting for", "-");
  }
  return v;
}

}  // namespace paxoslab::stages
