#include "stages/stage3_wait_for_learn/server.hpp"

#include <algorithm>
#include <bit>

#include "core/sim/hash.hpp"
#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stage3 {

using stages::list_requests;
using stages::list_servers;
using stages::numbered;
using stages::numbered_text;
using stages::server_bit;


void WaitForLearnServer::on_start(Context& ctx) { leader_ = ctx.leader(); }

void WaitForLearnServer::on_message(Context& ctx, const Envelope& message) {
  switch (message.payload.kind) {
    case MsgKind::Request: on_request(ctx, message); return;
    case MsgKind::Accept: on_accept(ctx, message); return;
    case MsgKind::Learn: on_learn(ctx, message); return;
    default:
      ctx.explain("ignored: Stage 3 has no use for " + describe(message.payload));
      return;
  }
}

bool WaitForLearnServer::queued(RequestId m) const {
  return std::find(queue_.begin(), queue_.end(), m) != queue_.end();
}

int WaitForLearnServer::learns_needed(const Context& ctx) const {
  if (servers_ == 2 && ctx.suspects(ServerId{3 - self_.value})) return 0;  // Fig. 7 fall-back
  return ctx.config().majority() - 1;
}

int WaitForLearnServer::learns_got() const {
  return outstanding_ ? std::popcount(outstanding_->learned) : 0;
}

void WaitForLearnServer::on_request(Context& ctx, const Envelope& message) {
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
    ctx.explain(me + " queues " + to_string(m) + ": it still waits for a majority to have " +
                to_string(outstanding_->request) + " (stop and wait)");
    return;
  }
  ctx.explain(me + " is the leader: " + serve_queue(ctx));
}

std::vector<ServerId> WaitForLearnServer::live_missing(const Context& ctx) const {
  std::vector<ServerId> out;
  for (int i = 1; i <= servers_; ++i) {
    const ServerId s{i};
    if (s == self_ || ctx.suspects(s) || (outstanding_ && (outstanding_->learned & server_bit(s)))) continue;
    out.push_back(s);
  }
  return out;
}

std::string WaitForLearnServer::serve_queue(Context& ctx) {
  std::string done;
  const std::string me = to_string(self_);
  while (leader_ == self_ && !outstanding_ && !queue_.empty()) {
    const RequestId m = queue_.front();
    queue_.erase(queue_.begin());
    if (ctx.has_executed(m)) continue;  // never execute twice
    const std::int64_t j = next_j_;
    outstanding_ = Outstanding{m, j, 0, false, {}};
    if (!done.empty()) done += "; then ";
    const int needed = learns_needed(ctx);
    // A majority is needed whether or not the leader suspects anyone; only
    // the two-server fall-back (needed = 0) serves alone without accepts.
    std::vector<ServerId> targets;
    for (int i = 1; i <= servers_; ++i)
      if (i != self_.value && (needed > 0 || !ctx.suspects(ServerId{i}))) targets.push_back(ServerId{i});
    const std::string acc = numbered_text(MsgKind::Accept, m, j);
    for (ServerId f : targets)
      ctx.send(f, numbered(MsgKind::Accept, m, j), "the leader numbers " + to_string(m) + " as j=" + std::to_string(j));
    if (!targets.empty()) outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + acc);
    if (needed > 0) {
      const std::string wait = me + " waits: " + numbered_text(MsgKind::Learn, m, j) + " from 0 of " + std::to_string(needed) +
                               " needed before it executes " + to_string(m);
      ctx.note(wait);
      done += "sends " + acc + " to " + list_servers(targets) + "; " + wait;
    } else {
      done += make_progress(ctx, servers_ == 1 ? "a single server is a majority by itself"
                                               : "it suspects its only peer: serves alone (SingleServer)");
    }
  }
  return done;
}

std::string WaitForLearnServer::make_progress(Context& ctx, const std::string& reason) {
  std::string out;
  const RequestId m = outstanding_->request;
  const std::int64_t j = outstanding_->j;
  if (!outstanding_->executed && learns_got() >= learns_needed(ctx)) {
    outstanding_->executed = true;
    ++next_j_;
    std::erase(queue_, m);
    ctx.note(to_string(self_) + " executes " + to_string(m) + " as j=" + std::to_string(j) + ": " + reason);
    ctx.execute(m, j, "the leader executes once a majority has it");
    ctx.reply(m, "reply with the new state");
    out = "executes " + to_string(m) + " and replies";
  }
  if (outstanding_->executed && live_missing(ctx).empty()) {
    if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "every live server has it");
    outstanding_.reset();
    if (!out.empty()) out += "; ";
    out += "every server it does not suspect has " + to_string(m) + ": on to the next request";
  }
  return out;
}

void WaitForLearnServer::abandon_outstanding(Context& ctx, const std::string& reason) {
  const RequestId m = outstanding_->request;
  if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "no longer waiting");
  ctx.note(to_string(self_) + " stops waiting for " + numbered_text(MsgKind::Learn, m, outstanding_->j) + ": " + reason);
  outstanding_.reset();
  if (!ctx.has_executed(m) && !queued(m)) queue_.insert(queue_.begin(), m);
}

void WaitForLearnServer::on_accept(Context& ctx, const Envelope& message) {
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
  ctx.explain(me + " executes " + acc + " at once (the accept is an implicit learn) and sends Learn to " +
              to_string(from));
  ctx.send(from, numbered(MsgKind::Learn, m, j), "tell the leader " + me + " has " + to_string(m));
  ctx.execute(m, j, "a follower executes on the accept");
  ctx.reply(m, "reply with the new state");
  if (outstanding_ && outstanding_->j == j) {
    // Two leaders at once: this server's own proposal for j lost the race.
    abandon_outstanding(ctx, "j=" + std::to_string(j) + " is now " + to_string(m) + " (from " + to_string(from) + ")");
    serve_queue(ctx);
  }
}

void WaitForLearnServer::on_learn(Context& ctx, const Envelope& message) {
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
  const int got = learns_got();
  const int needed = learns_needed(ctx);
  if (outstanding_->executed) {
    std::string what = make_progress(ctx, "");
    const std::string next = serve_queue(ctx);
    if (!next.empty()) what += "; next: " + next;
    ctx.explain(me + " got " + learn + " from " + to_string(from) + " (already executed)" +
                (what.empty() ? "; still waits for " + list_servers(live_missing(ctx)) + " before the next accept" : ": " + what));
    return;
  }
  if (got < needed) {
    ctx.explain(me + " waits: " + learn + " from " + std::to_string(got) + " of " + std::to_string(needed) + " needed");
    return;
  }
  std::string what = make_progress(
      ctx, "Learn from " + std::to_string(got) + " of " + std::to_string(needed) + " needed: with " + me +
               " a majority (" + std::to_string(got + 1) + " of " + std::to_string(servers_) + ") has " + to_string(m));
  if (outstanding_) what += "; the next accept waits for Learn from " + list_servers(live_missing(ctx));
  const std::string next = serve_queue(ctx);
  if (!next.empty()) what += "; next: " + next;
  ctx.explain(me + " got " + learn + " from " + to_string(from) + ": a majority has " + to_string(m) + "; " + what);
}

void WaitForLearnServer::on_timer(Context& ctx, const TimerInfo& timer) {
  const std::string me = to_string(self_);
  if (!outstanding_ || timer.id != outstanding_->timer) {
    ctx.explain(me + " ignores a stale timer");
    return;
  }
  const RequestId m = outstanding_->request;
  const std::int64_t j = outstanding_->j;
  if (!outstanding_->executed && learns_got() >= learns_needed(ctx)) {
    std::string what = make_progress(ctx, "it suspects its only peer: serves alone (SingleServer)");
    const std::string next = serve_queue(ctx);
    if (!next.empty()) what += "; next: " + next;
    ctx.explain(me + " suspects its only peer and falls back to serving alone: " + what);
    return;
  }
  // Before executing: every server that has not answered (a majority is
  // needed, suspected or not). After: only live ones (stop and wait).
  std::vector<ServerId> missing;
  if (outstanding_->executed) {
    missing = live_missing(ctx);
  } else {
    for (int i = 1; i <= servers_; ++i)
      if (i != self_.value && !(outstanding_->learned & server_bit(ServerId{i}))) missing.push_back(ServerId{i});
  }
  if (missing.empty()) {
    std::string what = make_progress(ctx, "");
    const std::string next = serve_queue(ctx);
    if (!next.empty()) what += "; next: " + next;
    ctx.explain(me + " stops retransmitting " + numbered_text(MsgKind::Accept, m, j) + ": " + what);
    return;
  }
  for (ServerId f : missing)
    ctx.send(f, numbered(MsgKind::Accept, m, j), "retransmission: no Learn yet from " + to_string(f));
  outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + numbered_text(MsgKind::Accept, m, j));
  if (outstanding_->executed)
    ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + list_servers(missing) + ": " + to_string(m) +
                " is executed, but the next accept waits until every live server has it");
  else
    ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + list_servers(missing) + ": Learn from " +
                std::to_string(learns_got()) + " of " + std::to_string(learns_needed(ctx)) + " needed");
}

void WaitForLearnServer::on_leader_change(Context& ctx, ServerId old_leader) {
  const std::string me = to_string(self_);
  leader_ = ctx.leader();
  if (leader_ == self_) {
    ctx.note(me + " takes over from " + to_string(old_leader) + ": serves its own queue [" + list_requests(queue_) +
             "] numbering from j=" + std::to_string(next_j_));
    serve_queue(ctx);
    return;
  }
  if (outstanding_ && outstanding_->executed) {
    if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "no longer the leader");
    outstanding_.reset();
  } else if (outstanding_) {
    abandon_outstanding(ctx, "steps down, " + to_string(leader_) + " leads");
  }
}

void WaitForLearnServer::on_suspicion_change(Context& ctx, ServerId peer, bool suspected) {
  if (!suspected || leader_ != self_ || !outstanding_) return;
  make_progress(ctx, "it suspects its only peer " + to_string(peer) + ": serves alone (SingleServer)");
  if (!outstanding_) serve_queue(ctx);
}

void WaitForLearnServer::on_restart(Context& ctx) {
  next_j_ = static_cast<std::int64_t>(ctx.executed().size()) + 1;
  queue_.clear();
  outstanding_.reset();
  leader_ = ctx.leader();
}

std::uint64_t WaitForLearnServer::state_hash() const {
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
    h.add(outstanding_->executed ? 1 : 0);
    h.add(outstanding_->timer.valid() ? 1 : 0);  // ids are left out (see Simulation::state_hash)
  }
  return h.value();
}

ServerView WaitForLearnServer::view() const {
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
                                             (outstanding_->executed
                                                  ? std::string(" from every live server (executed; stop and wait)")
                                                  : " from " + std::to_string(servers_ / 2) + " server(s) for a majority"));
    v.fields.emplace_back("learned from", learned.empty() ? std::string("-") : list_servers(learned));
    v.waiting = numbered_text(MsgKind::Accept, outstanding_->request, outstanding_->j);
    v.outstanding = ServerView::Outstanding{outstanding_->request, outstanding_->j, outstanding_->learned,
                                            outstanding_->executed};
  } else {
    v.fields.emplace_back("waiting for", "-");
  }
  return v;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<WaitForLearnServer>(id, config.servers);
}

}  // namespace paxoslab::stage3
