#include "stages/stage2_retrans_accept/server.hpp"

#include <algorithm>

#include "core/sim/hash.hpp"
#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stage2 {

using stages::list_requests;
using stages::list_servers;
using stages::numbered;
using stages::numbered_text;
using stages::server_bit;


void RetransAcceptServer::on_start(Context& ctx) { leader_ = ctx.leader(); }

void RetransAcceptServer::on_message(Context& ctx, const Envelope& message) {
  switch (message.payload.kind) {
    case MsgKind::Request: on_request(ctx, message); return;
    case MsgKind::Accept: on_accept(ctx, message); return;
    case MsgKind::Learn: on_learn(ctx, message); return;
    default:
      ctx.explain("ignored: Stage 2 has no use for " + describe(message.payload));
      return;
  }
}

bool RetransAcceptServer::queued(RequestId m) const {
  return std::find(queue_.begin(), queue_.end(), m) != queue_.end();
}

void RetransAcceptServer::drop_from_queue(RequestId m) { std::erase(queue_, m); }

void RetransAcceptServer::on_request(Context& ctx, const Envelope& message) {
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
    ctx.explain(me + " queues " + to_string(m) + ": stop and wait - no next accept until every live follower sent " +
                numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j));
    return;
  }
  ctx.explain(me + " is the leader: " + serve_queue(ctx));
}

std::vector<ServerId> RetransAcceptServer::missing_learns(const Context& ctx) const {
  std::vector<ServerId> out;
  for (int i = 1; i <= servers_; ++i) {
    const ServerId s{i};
    if (s == self_ || ctx.suspects(s)) continue;
    if (outstanding_ && (outstanding_->learned & server_bit(s))) continue;
    out.push_back(s);
  }
  return out;
}

std::string RetransAcceptServer::serve_queue(Context& ctx) {
  std::string done;
  const std::string me = to_string(self_);
  while (leader_ == self_ && !outstanding_ && !queue_.empty()) {
    const RequestId m = queue_.front();
    queue_.erase(queue_.begin());
    if (ctx.has_executed(m)) continue;  // never execute twice (queue entries leave on execution)
    const std::int64_t j = next_j_++;
    outstanding_ = Outstanding{m, j, 0, {}};
    const std::vector<ServerId> followers = missing_learns(ctx);
    const std::string acc = numbered_text(MsgKind::Accept, m, j);
    for (ServerId f : followers)
      ctx.send(f, numbered(MsgKind::Accept, m, j),
               "the leader numbers " + to_string(m) + " as j=" + std::to_string(j));
    ctx.execute(m, j, "the leader executes right after sending the accept");
    ctx.reply(m, "reply with the new state");
    if (!done.empty()) done += "; then ";
    if (followers.empty()) {
      outstanding_.reset();
      ctx.note(me + " has no live follower: serves alone (SingleServer) and executes " + to_string(m) + " as j=" +
               std::to_string(j));
      done += "no live follower, executes " + to_string(m) + " alone and replies";
      continue;
    }
    outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + acc);
    ctx.note(me + " waits for " + numbered_text(MsgKind::Learn, m, j) + " from " + list_servers(followers) +
             " before the next accept (stop and wait)");
    done += "sends " + acc + " to " + list_servers(followers) + ", executes " + to_string(m) +
            " at once and replies; waits for Learn";
  }
  return done;
}

std::string RetransAcceptServer::finish_wait(Context& ctx, const std::string& reason) {
  const std::string learn = numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j);
  ctx.cancel_timer(outstanding_->timer, "no more retransmission needed");
  outstanding_.reset();
  ctx.note(to_string(self_) + " is done with " + learn + ": " + reason);
  const std::string next = serve_queue(ctx);
  return next.empty() ? std::string() : "; next: " + next;
}

void RetransAcceptServer::on_accept(Context& ctx, const Envelope& message) {
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
  drop_from_queue(m);
  ctx.explain(me + " executes " + acc + ": j=" + std::to_string(j) + " is its next expected number; sends Learn to " +
              to_string(from));
  ctx.send(from, numbered(MsgKind::Learn, m, j), "acknowledge the accept");
  ctx.execute(m, j, "the follower executes in the leader's order");
  ctx.reply(m, "reply with the new state");
}

void RetransAcceptServer::on_learn(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::int64_t j = message.payload.slot;
  const ServerId from = message.from.server();
  const std::string me = to_string(self_);
  const std::string learn = numbered_text(MsgKind::Learn, m, j);
  if (!outstanding_ || outstanding_->request != m || outstanding_->j != j) {
    ctx.explain(me + " ignored " + learn + " from " + to_string(from) + ": it is not waiting on that accept");
    return;
  }
  outstanding_->learned |= server_bit(from);
  const std::vector<ServerId> missing = missing_learns(ctx);
  if (!missing.empty()) {
    ctx.explain(me + " got " + learn + " from " + to_string(from) + "; still waits for " + list_servers(missing));
    return;
  }
  const std::string next = finish_wait(ctx, "every live follower has " + to_string(m));
  ctx.explain(me + " got " + learn + " from " + to_string(from) + ": every live follower has " + to_string(m) + next);
}

void RetransAcceptServer::on_timer(Context& ctx, const TimerInfo& timer) {
  const std::string me = to_string(self_);
  if (!outstanding_ || timer.id != outstanding_->timer) {
    ctx.explain(me + " ignores a stale timer");
    return;
  }
  const RequestId m = outstanding_->request;
  const std::int64_t j = outstanding_->j;
  const std::vector<ServerId> missing = missing_learns(ctx);
  if (missing.empty()) {
    const std::string next = finish_wait(ctx, "the followers it still missed are suspected (not live)");
    ctx.explain(me + " stops retransmitting " + numbered_text(MsgKind::Accept, m, j) +
                ": every follower it does not suspect has " + to_string(m) + next);
    return;
  }
  for (ServerId f : missing)
    ctx.send(f, numbered(MsgKind::Accept, m, j), "retransmission: no Learn yet from " + to_string(f));
  outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + numbered_text(MsgKind::Accept, m, j));
  ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + list_servers(missing) + ": no " +
              numbered_text(MsgKind::Learn, m, j) + " from them yet");
}

void RetransAcceptServer::on_leader_change(Context& ctx, ServerId old_leader) {
  const std::string me = to_string(self_);
  leader_ = ctx.leader();
  if (leader_ == self_) {
    ctx.note(me + " takes over from " + to_string(old_leader) + ": serves its own queue [" + list_requests(queue_) +
             "] numbering from j=" + std::to_string(next_j_));
    serve_queue(ctx);
    return;
  }
  if (outstanding_) {
    ctx.cancel_timer(outstanding_->timer, "no longer the leader");
    ctx.note(me + " steps down (" + to_string(leader_) + " leads): stops waiting for " +
             numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j));
    outstanding_.reset();
  }
}

void RetransAcceptServer::on_suspicion_change(Context& ctx, ServerId peer, bool suspected) {
  if (!suspected || leader_ != self_ || !outstanding_ || !missing_learns(ctx).empty()) return;
  finish_wait(ctx, to_string(self_) + " now suspects " + to_string(peer) +
                       ": every follower it does not suspect has " + to_string(outstanding_->request));
}

void RetransAcceptServer::on_restart(Context& ctx) {
  next_j_ = static_cast<std::int64_t>(ctx.executed().size()) + 1;
  queue_.clear();
  outstanding_.reset();
  leader_ = ctx.leader();
}

std::uint64_t RetransAcceptServer::state_hash() const {
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
    h.add(outstanding_->learned);
    h.add(outstanding_->timer.valid() ? 1 : 0);  // ids are left out (see Simulation::state_hash)
  }
  return h.value();
}

ServerView RetransAcceptServer::view() const {
  ServerView v;
  v.role = leader_ == self_ ? "leader" : "follower";
  v.leader = leader_;
  v.fields.emplace_back("leader", to_string(leader_));
  v.fields.emplace_back("next j", std::to_string(next_j_));
  v.fields.emplace_back("queue", list_requests(queue_));
  if (outstanding_) {
    std::vector<ServerId> learned;
    for (int i = 1; i <= servers_; ++i)
      if (outstanding_->learned & server_bit(ServerId{i})) learned.push_back(ServerId{i});
    v.fields.emplace_back("waiting for", numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j) +
                                             " from every live follower");
    v.fields.emplace_back("learned from", learned.empty() ? std::string("-") : list_servers(learned));
    v.waiting = numbered_text(MsgKind::Accept, outstanding_->request, outstanding_->j);
    v.outstanding = ServerView::Outstanding{outstanding_->request, outstanding_->j, outstanding_->learned, true};
  } else {
    v.fields.emplace_back("waiting for", "-");
  }
  return v;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<RetransAcceptServer>(id, config.servers);
}

}  // namespace paxoslab::stage2
