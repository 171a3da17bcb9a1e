// The leader's side of stop and wait, shared by Stages 2 and 3 (docs/protocol.md
// "Stage 2" and "Stage 3"; the paper's Figs. 4 and 6): one outstanding
// Accept(m, j) at a time, executed once the stage's rule has the Learns it
// needs (learns_needed), retransmitted until every live follower has sent
// Learn. The stage's words (words.cpp) narrate each step.
//
// First what Solution 2 adds to Solution 1 (Fig. 4): propose, Learns,
// retransmission, the end of the wait. Then what only a rule that needs
// Learns before executing reaches (Stage 3, Fig. 6): executing later,
// counting Learns, and dropping a proposal that lost its number.
#include "stages/common/numbered_messages.hpp"
#include "stages/common/stop_and_wait.hpp"

namespace paxoslab::stages {

namespace {

ServerSet others(int servers, ServerId self) { return ServerSet::first(servers) - ServerSet::of(self); }

std::string of_needed(int got, int needed) {
  return std::to_string(got) + " of " + std::to_string(needed) + " needed";
}

}  // namespace

// ---- Solution 2: stop and wait, retransmit until every live follower has m ----

std::string StopAndWaitServer::propose(Context& ctx, RequestId m) {
  const std::int64_t j = next_j_;
  outstanding_ = Outstanding{m, j, {}, false, {}};
  const ServerSet targets = accept_targets(ctx);
  const int needed = learns_needed(ctx);
  for (ServerId f : targets)
    ctx.send(f, numbered(MsgKind::Accept, m, j), "the leader numbers " + to_string(m) + " as j=" + std::to_string(j));
  if (needed == 0) execute_outstanding(ctx, ExecuteCause{});
  if (!targets.empty()) arm_retransmit(ctx);
  const bool wait_over = outstanding_->executed && live_missing(ctx).empty();  // no timer armed then
  if (wait_over) outstanding_.reset();
  const Words words = proposed_words(m, j, targets, needed, wait_over);
  if (!words.note.empty()) ctx.note(words.note);
  return words.text;
}

ServerSet StopAndWaitServer::accept_targets(const Context& ctx) const {
  const bool needs_learns = learns_needed(ctx) > 0;
  ServerSet out;
  for (ServerId s : others(servers_, self_))
    if (needs_learns || !ctx.suspects(s)) out.insert(s);
  return out;
}

ServerSet StopAndWaitServer::live_missing(const Context& ctx) const {
  ServerSet out;
  for (ServerId s : others(servers_, self_))
    if (!ctx.suspects(s) && !(outstanding_ && outstanding_->learned.contains(s))) out.insert(s);
  return out;
}

void StopAndWaitServer::execute_outstanding(Context& ctx, const ExecuteCause& cause) {
  const RequestId m = outstanding_->request;
  outstanding_->executed = true;
  ++next_j_;
  std::erase(queue_, m);
  const Words words = execute_words(cause);
  if (!words.note.empty()) ctx.note(words.note);
  ctx.execute(m, outstanding_->j, words.text);
  ctx.reply(m, "reply with the new state");
}

void StopAndWaitServer::arm_retransmit(Context& ctx) {
  const std::int64_t j = outstanding_->j;
  outstanding_->timer = ctx.set_timer(ctx.config().knobs.retransmit_ticks, j,
                                      "retransmit " + numbered_text(MsgKind::Accept, outstanding_->request, j));
}

void StopAndWaitServer::retransmit(Context& ctx, ServerSet to) {
  for (ServerId f : to)
    ctx.send(f, numbered(MsgKind::Accept, outstanding_->request, outstanding_->j),
             "retransmission: no Learn yet from " + to_string(f));
  arm_retransmit(ctx);
}

void StopAndWaitServer::on_learn_recorded(Context& ctx, ServerId from, const std::string& learn) {
  if (!outstanding_->executed) {
    on_learn_before_executing(ctx, from, learn);
    return;
  }
  const RequestId m = outstanding_->request;
  const ServerSet missing = live_missing(ctx);
  std::string next;
  if (missing.empty()) {
    end_wait(ctx, WaitOver::AllLearned, ServerId{});
    next = serve_queue(ctx);
  }
  ctx.explain(learned_words(from, learn, m, missing, next));
}

void StopAndWaitServer::on_retransmit_timer(Context& ctx) {
  if (!outstanding_->executed) {
    on_retransmit_timer_before_executing(ctx);
    return;
  }
  const std::string me = to_string(self_);
  const RequestId m = outstanding_->request;
  const std::string acc = numbered_text(MsgKind::Accept, m, outstanding_->j);
  const ServerSet missing = live_missing(ctx);
  if (missing.empty()) {
    end_wait(ctx, WaitOver::RestSuspected, ServerId{});
    const std::string next = serve_queue(ctx);
    ctx.explain(me + " stops retransmitting " + acc + ": " + all_live_have_words(m) + (next.empty() ? "" : "; next: " + next));
    return;
  }
  const std::string why = resend_words(m, outstanding_->j);
  retransmit(ctx, missing);
  ctx.explain(me + " retransmits " + acc + " to " + to_string(missing) + ": " + why);
}

void StopAndWaitServer::end_wait(Context& ctx, WaitOver how, ServerId peer) {
  const Words words = wait_over_words(how, peer);
  if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, words.text);
  if (!words.note.empty()) ctx.note(words.note);
  outstanding_.reset();
}

void StopAndWaitServer::step_down(Context& ctx) {
  if (!outstanding_) return;
  if (!outstanding_->executed) {
    abandon_outstanding(ctx, "steps down, " + to_string(leader_) + " leads");
    return;
  }
  end_wait(ctx, WaitOver::SteppedDown, ServerId{});
}

void StopAndWaitServer::on_peer_suspected(Context& ctx, ServerId peer) {
  make_progress(ctx, ExecuteCause{ExecuteCause::Kind::PeerSuspected, 0, 0, peer}, WaitOver::PeerSuspected, peer);
  if (!outstanding_) serve_queue(ctx);
}

std::string StopAndWaitServer::make_progress(Context& ctx, ExecuteCause cause, WaitOver how, ServerId peer) {
  const RequestId m = outstanding_->request;
  std::string out;
  if (!outstanding_->executed && learns_got() >= learns_needed(ctx)) {
    execute_outstanding(ctx, cause);
    out = "executes " + to_string(m) + " and replies";
  }
  if (outstanding_->executed && live_missing(ctx).empty()) {
    end_wait(ctx, how, peer);
    if (!out.empty()) out += "; ";
    out += all_live_have_words(m);
  }
  return out;
}

// ---- Only with Learns needed before executing (Stage 3; Stage 2 executes on proposing) ----

void StopAndWaitServer::on_learn_before_executing(Context& ctx, ServerId from, const std::string& learn) {
  const std::string me = to_string(self_);
  const RequestId m = outstanding_->request;
  const int got = learns_got();
  const int needed = learns_needed(ctx);
  if (got < needed) {
    ctx.explain(me + " waits: " + learn + " from " + of_needed(got, needed));
    return;
  }
  std::string what = make_progress(ctx, ExecuteCause{ExecuteCause::Kind::LearnsIn, got, needed, ServerId{}},
                                   WaitOver::AllLearned);
  if (outstanding_) what += "; the next accept waits for Learn from " + to_string(live_missing(ctx));
  const std::string next = serve_queue(ctx);
  if (!next.empty()) what += "; next: " + next;
  ctx.explain(me + " got " + learn + " from " + to_string(from) + ": a majority has " + to_string(m) + "; " + what);
}

void StopAndWaitServer::on_retransmit_timer_before_executing(Context& ctx) {
  const std::string me = to_string(self_);
  const std::string acc = numbered_text(MsgKind::Accept, outstanding_->request, outstanding_->j);
  if (learns_got() >= learns_needed(ctx)) {  // fewer needed now: n=2 and it suspects its only peer (Fig. 7)
    std::string what = make_progress(ctx, ExecuteCause{ExecuteCause::Kind::TimerSuspecting, 0, 0, ServerId{}}, WaitOver::RestSuspected);
    const std::string next = serve_queue(ctx);
    if (!next.empty()) what += "; next: " + next;
    ctx.explain(me + " suspects its only peer and falls back to serving alone: " + what);
    return;
  }
  // Every server that has not answered: the Learns needed may come from
  // suspected servers too. (None missing would have meant enough Learns.)
  const ServerSet missing = others(servers_, self_) - outstanding_->learned;
  retransmit(ctx, missing);
  ctx.explain(me + " retransmits " + acc + " to " + to_string(missing) + ": Learn from " +
              of_needed(learns_got(), learns_needed(ctx)));
}

void StopAndWaitServer::abandon_outstanding(Context& ctx, const std::string& reason) {
  const RequestId m = outstanding_->request;
  if (outstanding_->timer.valid()) ctx.cancel_timer(outstanding_->timer, "no longer waiting");
  ctx.note(to_string(self_) + " stops waiting for " + numbered_text(MsgKind::Learn, m, outstanding_->j) + ": " + reason);
  outstanding_.reset();
  if (!ctx.has_executed(m) && !queued(m)) queue_.insert(queue_.begin(), m);
}

void StopAndWaitServer::after_follower_executes(Context& ctx, RequestId m, std::int64_t j, ServerId from) {
  if (!outstanding_ || outstanding_->j != j) return;
  // Two leaders at once: this server's own proposal for j lost the race.
  abandon_outstanding(ctx, "j=" + std::to_string(j) + " is now " + to_string(m) + " (from " + to_string(from) + ")");
  serve_queue(ctx);
}

}  // namespace paxoslab::stages
