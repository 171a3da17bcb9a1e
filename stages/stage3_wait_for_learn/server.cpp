#include "stages/stage3_wait_for_learn/server.hpp"

#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stage3 {

using stages::numbered;
using stages::numbered_text;

// The rule, Solution 3 (docs/protocol.md "Stage 3", Fig. 6): the leader
// executes m only once a majority has m; stop and wait as in Stage 2.

std::string WaitForLearnServer::propose(Context& ctx, RequestId m) {
  const std::string me = to_string(self_);
  const std::int64_t j = next_j_;
  outstanding_ = Outstanding{m, j, {}, false, {}};
  const int needed = learns_needed(ctx);
  // A majority is needed whether or not the leader suspects anyone; only
  // the two-server fall-back (needed = 0) serves alone without accepts.
  ServerSet targets;
  for (ServerId s : ServerSet::first(servers_) - ServerSet::of(self_))
    if (needed > 0 || !ctx.suspects(s)) targets.insert(s);
  const std::string acc = numbered_text(MsgKind::Accept, m, j);
  for (ServerId f : targets)
    ctx.send(f, numbered(MsgKind::Accept, m, j), "the leader numbers " + to_string(m) + " as j=" + std::to_string(j));
  if (!targets.empty()) outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + acc);
  if (needed == 0)
    return make_progress(ctx, servers_ == 1 ? "a single server is a majority by itself"
                                            : "it suspects its only peer: serves alone (SingleServer)");
  const std::string wait = me + " waits: " + numbered_text(MsgKind::Learn, m, j) + " from 0 of " +
                           std::to_string(needed) + " needed before it executes " + to_string(m);
  ctx.note(wait);
  return "sends " + acc + " to " + to_string(targets) + "; " + wait;
}

int WaitForLearnServer::learns_needed(const Context& ctx) const {
  if (servers_ == 2 && ctx.suspects(ServerId{3 - self_.value})) return 0;  // Fig. 7 fall-back
  return ctx.config().majority() - 1;
}

int WaitForLearnServer::learns_got() const {
  return outstanding_ ? outstanding_->learned.count() : 0;
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

std::string WaitForLearnServer::progress_then_next(Context& ctx, const std::string& reason) {
  std::string what = make_progress(ctx, reason);
  const std::string next = serve_queue(ctx);
  if (!next.empty()) what += "; next: " + next;
  return what;
}

void WaitForLearnServer::abandon_outstanding(Context& ctx, const std::string& reason) {
  const RequestId m = outstanding_->request;
  if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "no longer waiting");
  ctx.note(to_string(self_) + " stops waiting for " + numbered_text(MsgKind::Learn, m, outstanding_->j) + ": " + reason);
  outstanding_.reset();
  if (!ctx.has_executed(m) && !queued(m)) queue_.insert(queue_.begin(), m);
}

void WaitForLearnServer::on_learn_recorded(Context& ctx, ServerId from, const std::string& learn) {
  const RequestId m = outstanding_->request;
  const std::string me = to_string(self_);
  const int got = learns_got();
  const int needed = learns_needed(ctx);
  if (outstanding_->executed) {
    const std::string what = progress_then_next(ctx, "");
    ctx.explain(me + " got " + learn + " from " + to_string(from) + " (already executed)" +
                (what.empty() ? "; still waits for " + to_string(live_missing(ctx)) + " before the next accept" : ": " + what));
    return;
  }
  if (got < needed) {
    ctx.explain(me + " waits: " + learn + " from " + std::to_string(got) + " of " + std::to_string(needed) + " needed");
    return;
  }
  std::string what = make_progress(
      ctx, "Learn from " + std::to_string(got) + " of " + std::to_string(needed) + " needed: with " + me +
               " a majority (" + std::to_string(got + 1) + " of " + std::to_string(servers_) + ") has " + to_string(m));
  if (outstanding_) what += "; the next accept waits for Learn from " + to_string(live_missing(ctx));
  const std::string next = serve_queue(ctx);
  if (!next.empty()) what += "; next: " + next;
  ctx.explain(me + " got " + learn + " from " + to_string(from) + ": a majority has " + to_string(m) + "; " + what);
}

void WaitForLearnServer::on_retransmit_timer(Context& ctx) {
  const std::string me = to_string(self_);
  const RequestId m = outstanding_->request;
  const std::int64_t j = outstanding_->j;
  if (!outstanding_->executed && learns_got() >= learns_needed(ctx)) {
    const std::string what = progress_then_next(ctx, "it suspects its only peer: serves alone (SingleServer)");
    ctx.explain(me + " suspects its only peer and falls back to serving alone: " + what);
    return;
  }
  // Before executing: every server that has not answered (a majority is
  // needed, suspected or not). After: only live ones (stop and wait).
  const ServerSet missing = outstanding_->executed
                                ? live_missing(ctx)
                                : ServerSet::first(servers_) - ServerSet::of(self_) - outstanding_->learned;
  if (missing.empty()) {
    const std::string what = progress_then_next(ctx, "");
    ctx.explain(me + " stops retransmitting " + numbered_text(MsgKind::Accept, m, j) + ": " + what);
    return;
  }
  retransmit(ctx, missing);
  if (outstanding_->executed)
    ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + to_string(missing) + ": " + to_string(m) +
                " is executed, but the next accept waits until every live server has it");
  else
    ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + to_string(missing) + ": Learn from " +
                std::to_string(learns_got()) + " of " + std::to_string(learns_needed(ctx)) + " needed");
}

void WaitForLearnServer::step_down(Context& ctx) {
  if (!outstanding_) return;
  if (!outstanding_->executed) {
    abandon_outstanding(ctx, "steps down, " + to_string(leader_) + " leads");
    return;
  }
  if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "no longer the leader");
  outstanding_.reset();
}

void WaitForLearnServer::on_peer_suspected(Context& ctx, ServerId peer) {
  make_progress(ctx, "it suspects its only peer " + to_string(peer) + ": serves alone (SingleServer)");
  if (!outstanding_) serve_queue(ctx);
}

void WaitForLearnServer::after_follower_executes(Context& ctx, RequestId m, std::int64_t j, ServerId from) {
  if (!outstanding_ || outstanding_->j != j) return;
  // Two leaders at once: this server's own proposal for j lost the race.
  abandon_outstanding(ctx, "j=" + std::to_string(j) + " is now " + to_string(m) + " (from " + to_string(from) + ")");
  serve_queue(ctx);
}

// The stage's words.

std::string WaitForLearnServer::waiting_reason() const {
  return "it still waits for a majority to have " + to_string(outstanding_->request) + " (stop and wait)";
}

stages::StopAndWaitServer::FollowerWords WaitForLearnServer::follower_words(RequestId m, std::int64_t j,
                                                                            ServerId from) const {
  return {to_string(self_) + " executes " + numbered_text(MsgKind::Accept, m, j) +
              " at once (the accept is an implicit learn) and sends Learn to " + to_string(from),
          "tell the leader " + to_string(self_) + " has " + to_string(m), "a follower executes on the accept"};
}

std::string WaitForLearnServer::waiting_for_text() const {
  return outstanding_->executed ? std::string(" from every live server (executed; stop and wait)")
                                : " from " + std::to_string(servers_ / 2) + " server(s) for a majority";
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<WaitForLearnServer>(id, config.servers);
}

}  // namespace paxoslab::stage3
