// Stage 2's words: how its servers narrate the shared stop-and-wait steps
// (stages/common/stop_and_wait.hpp). The rule is in rule.cpp.
#include "stages/common/numbered_messages.hpp"
#include "stages/stage2_retrans_accept/server.hpp"

namespace paxoslab::stage2 {

using stages::numbered_text;

RetransAcceptServer::Words RetransAcceptServer::execute_words(const ExecuteCause&) const {
  return {"", "the leader executes right after sending the accept"};  // always at once, on proposing
}

RetransAcceptServer::Words RetransAcceptServer::proposed_words(RequestId m, std::int64_t j, ServerSet targets, int,
                                                               bool wait_over) const {
  const std::string me = to_string(self_);
  if (wait_over)
    return {me + " has no live follower: serves alone (SingleServer) and executes " + to_string(m) + " as j=" +
                std::to_string(j),
            "no live follower, executes " + to_string(m) + " alone and replies"};
  return {me + " waits for " + numbered_text(MsgKind::Learn, m, j) + " from " + to_string(targets) +
              " before the next accept (stop and wait)",
          "sends " + numbered_text(MsgKind::Accept, m, j) + " to " + to_string(targets) + ", executes " + to_string(m) +
              " at once and replies; waits for Learn"};
}

RetransAcceptServer::Words RetransAcceptServer::wait_over_words(WaitOver how, ServerId peer) const {
  const std::string me = to_string(self_);
  const RequestId m = outstanding_->request;
  const std::string learn = numbered_text(MsgKind::Learn, m, outstanding_->j);
  const std::string done = me + " is done with " + learn + ": ";
  const std::string no_more = "no more retransmission needed";
  switch (how) {
    case WaitOver::AllLearned: return {done + "every live follower has " + to_string(m), no_more};
    case WaitOver::RestSuspected: return {done + "the followers it still missed are suspected (not live)", no_more};
    case WaitOver::PeerSuspected:
      return {done + me + " now suspects " + to_string(peer) + ": every follower it does not suspect has " + to_string(m),
              no_more};
    case WaitOver::SteppedDown:
      return {me + " steps down (" + to_string(leader_) + " leads): stops waiting for " + learn, "no longer the leader"};
  }
  return {};
}

std::string RetransAcceptServer::learned_words(ServerId from, const std::string& learn, RequestId m, ServerSet missing,
                                               const std::string& next) const {
  const std::string got = to_string(self_) + " got " + learn + " from " + to_string(from);
  if (!missing.empty()) return got + "; still waits for " + to_string(missing);
  return got + ": every live follower has " + to_string(m) + (next.empty() ? "" : "; next: " + next);
}

std::string RetransAcceptServer::all_live_have_words(RequestId m) const {
  return "every follower it does not suspect has " + to_string(m);
}

std::string RetransAcceptServer::resend_words(RequestId m, std::int64_t j) const {
  return "no " + numbered_text(MsgKind::Learn, m, j) + " from them yet";
}

std::string RetransAcceptServer::busy_words() const {
  return "stop and wait - no next accept until every live follower sent " +
         numbered_text(MsgKind::Learn, outstanding_->request, outstanding_->j);
}

RetransAcceptServer::FollowerWords RetransAcceptServer::follower_words(RequestId m, std::int64_t j, ServerId from) const {
  return {to_string(self_) + " executes " + numbered_text(MsgKind::Accept, m, j) + ": j=" + std::to_string(j) +
              " is its next expected number; sends Learn to " + to_string(from),
          "acknowledge the accept", "the follower executes in the leader's order"};
}

std::string RetransAcceptServer::waiting_for_words() const { return " from every live follower"; }

}  // namespace paxoslab::stage2
