// Stage 3's words: how its servers narrate the shared stop-and-wait steps
// (stages/common/stop_and_wait.hpp). The rule is in rule.cpp.
#include "stages/common/numbered_messages.hpp"
#include "stages/stage3_wait_for_learn/server.hpp"

namespace paxoslab::stage3 {

using stages::numbered_text;

WaitForLearnServer::Words WaitForLearnServer::execute_words(const ExecuteCause& cause) const {
  using Kind = ExecuteCause::Kind;
  const std::string me = to_string(self_);
  std::string why;
  switch (cause.kind) {
    case Kind::AtOnce:
      why = servers_ == 1 ? "a single server is a majority by itself" : "it suspects its only peer: serves alone (SingleServer)";
      break;
    case Kind::LearnsIn:
      why = "Learn from " + std::to_string(cause.got) + " of " + std::to_string(cause.needed) + " needed: with " + me +
            " a majority (" + std::to_string(cause.got + 1) + " of " + std::to_string(servers_) + ") has " +
            to_string(outstanding_->request);
      break;
    case Kind::PeerSuspected: why = "it suspects its only peer " + to_string(cause.peer) + ": serves alone (SingleServer)"; break;
    case Kind::TimerSuspecting: why = "it suspects its only peer: serves alone (SingleServer)"; break;
  }
  // The execute line's reason: a majority, or the fallback of Fig. 7.
  const char* rule = cause.kind == Kind::LearnsIn   ? "the leader executes once a majority has it"
                     : servers_ == 1               ? "a single server is a majority by itself"
                                                   : "serving alone: it suspects its only peer, so it waits for no Learn";
  return {me + " executes " + to_string(outstanding_->request) + " as j=" + std::to_string(outstanding_->j) + ": " + why,
          rule};
}

WaitForLearnServer::Words WaitForLearnServer::proposed_words(RequestId m, std::int64_t j, ServerSet targets, int needed,
                                                             bool wait_over) const {
  if (wait_over) return {"", "executes " + to_string(m) + " and replies; " + all_live_have_words(m)};
  const std::string wait = to_string(self_) + " waits: " + numbered_text(MsgKind::Learn, m, j) + " from 0 of " +
                           std::to_string(needed) + " needed before it executes " + to_string(m);
  return {wait, "sends " + numbered_text(MsgKind::Accept, m, j) + " to " + to_string(targets) + "; " + wait};
}

WaitForLearnServer::Words WaitForLearnServer::wait_over_words(WaitOver how, ServerId) const {
  switch (how) {
    case WaitOver::SteppedDown: return {"", "no longer the leader"};
    case WaitOver::AllLearned: return {"", "every live server has it"};
    case WaitOver::RestSuspected:
    case WaitOver::PeerSuspected: break;
  }
  return {"", "serving alone: no server it does not suspect is left to wait for"};
}

std::string WaitForLearnServer::learned_words(ServerId from, const std::string& learn, RequestId m, ServerSet missing,
                                              const std::string& next) const {
  const std::string got = to_string(self_) + " got " + learn + " from " + to_string(from) + " (already executed)";
  if (!missing.empty()) return got + "; still waits for " + to_string(missing) + " before the next accept";
  return got + ": " + all_live_have_words(m) + (next.empty() ? "" : "; next: " + next);
}

std::string WaitForLearnServer::all_live_have_words(RequestId m) const {
  return "every server it does not suspect has " + to_string(m) + ": on to the next request";
}

std::string WaitForLearnServer::resend_words(RequestId m, std::int64_t) const {
  return to_string(m) + " is executed, but the next accept waits until every live server has it";
}

std::string WaitForLearnServer::busy_words() const {
  return "it still waits for a majority to have " + to_string(outstanding_->request) + " (stop and wait)";
}

WaitForLearnServer::FollowerWords WaitForLearnServer::follower_words(RequestId m, std::int64_t j, ServerId from) const {
  return {to_string(self_) + " executes " + numbered_text(MsgKind::Accept, m, j) +
              " at once (the accept is an implicit learn) and sends Learn to " + to_string(from),
          "tell the leader " + to_string(self_) + " has " + to_string(m), "a follower executes on the accept"};
}

std::string WaitForLearnServer::waiting_for_words() const {
  return outstanding_->executed ? std::string(" from every live server (executed; stop and wait)")
                                : " from " + std::to_string(servers_ / 2) + " server(s) for a majority";
}

}  // namespace paxoslab::stage3
