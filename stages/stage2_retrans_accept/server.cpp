#include "stages/stage2_retrans_accept/server.hpp"

#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stage2 {

using stages::numbered;
using stages::numbered_text;

// The rule, Solution 2 (docs/protocol.md "Stage 2", Fig. 4): the leader
// executes at once and retransmits until accepted by all live followers.

std::string RetransAcceptServer::propose(Context& ctx, RequestId m) {
  const std::string me = to_string(self_);
  const std::int64_t j = next_j_++;
  outstanding_ = Outstanding{m, j, {}, true, {}};
  const ServerSet followers = live_missing(ctx);
  const std::string acc = numbered_text(MsgKind::Accept, m, j);
  for (ServerId f : followers)
    ctx.send(f, numbered(MsgKind::Accept, m, j), "the leader numbers " + to_string(m) + " as j=" + std::to_string(j));
  ctx.execute(m, j, "the leader executes right after sending the accept");
  ctx.reply(m, "reply with the new state");
  if (followers.empty()) {
    outstanding_.reset();
    ctx.note(me + " has no live follower: serves alone (SingleServer) and executes " + to_string(m) + " as j=" +
             std::to_string(j));
    return "no live follower, executes " + to_string(m) + " alone and replies";
  }
  outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j, "retransmit " + acc);
  ctx.note(me + " waits for " + numbered_text(MsgKind::Learn, m, j) + " from " + to_string(followers) +
           " before the next accept (stop and wait)");
  return "sends " + acc + " to " + to_string(followers) + ", executes " + to_string(m) +
         " at once and replies; waits for Learn";
}

std::string RetransAcceptServer::finish_wait(Context& ctx, const std::string& reason) {
  const std::string learn = numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j);
  ctx.cancel_timer(outstanding_->timer, "no more retransmission needed");
  outstanding_.reset();
  ctx.note(to_string(self_) + " is done with " + learn + ": " + reason);
  const std::string next = serve_queue(ctx);
  return next.empty() ? std::string() : "; next: " + next;
}

void RetransAcceptServer::on_learn_recorded(Context& ctx, ServerId from, const std::string& learn) {
  const RequestId m = outstanding_->request;
  const std::string me = to_string(self_);
  const ServerSet missing = live_missing(ctx);
  if (!missing.empty()) {
    ctx.explain(me + " got " + learn + " from " + to_string(from) + "; still waits for " + to_string(missing));
    return;
  }
  const std::string next = finish_wait(ctx, "every live follower has " + to_string(m));
  ctx.explain(me + " got " + learn + " from " + to_string(from) + ": every live follower has " + to_string(m) + next);
}

void RetransAcceptServer::on_retransmit_timer(Context& ctx) {
  const std::string me = to_string(self_);
  const RequestId m = outstanding_->request;
  const std::int64_t j = outstanding_->j;
  const ServerSet missing = live_missing(ctx);
  if (missing.empty()) {
    const std::string next = finish_wait(ctx, "the followers it still missed are suspected (not live)");
    ctx.explain(me + " stops retransmitting " + numbered_text(MsgKind::Accept, m, j) +
                ": every follower it does not suspect has " + to_string(m) + next);
    return;
  }
  retransmit(ctx, missing);
  ctx.explain(me + " retransmits " + numbered_text(MsgKind::Accept, m, j) + " to " + to_string(missing) + ": no " +
              numbered_text(MsgKind::Learn, m, j) + " from them yet");
}

void RetransAcceptServer::step_down(Context& ctx) {
  if (!outstanding_) return;
  ctx.cancel_timer(outstanding_->timer, "no longer the leader");
  ctx.note(to_string(self_) + " steps down (" + to_string(leader_) + " leads): stops waiting for " +
           numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j));
  outstanding_.reset();
}

void RetransAcceptServer::on_peer_suspected(Context& ctx, ServerId peer) {
  if (!live_missing(ctx).empty()) return;
  finish_wait(ctx, to_string(self_) + " now suspects " + to_string(peer) + ": every follower it does not suspect has " +
                       to_string(outstanding_->request));
}

// The stage's words.

std::string RetransAcceptServer::waiting_reason() const {
  return "stop and wait - no next accept until every live follower sent " +
         numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j);
}

stages::StopAndWaitServer::FollowerWords RetransAcceptServer::follower_words(RequestId m, std::int64_t j,
                                                                             ServerId from) const {
  return {to_string(self_) + " executes " + numbered_text(MsgKind::Accept, m, j) + ": j=" + std::to_string(j) +
              " is its next expected number; sends Learn to " + to_string(from),
          "acknowledge the accept", "the follower executes in the leader's order"};
}

std::string RetransAcceptServer::waiting_for_text() const { return " from every live follower"; }

std::unique_ptr<Server> make_server(ServerId id, const SimConfig& config) {
  return std::make_unique<RetransAcceptServer>(id, config.servers);
}

}  // namespace paxoslab::stage2
