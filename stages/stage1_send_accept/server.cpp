#include "stages/stage1_send_accept/server.hpp"

#include "core/sim/hash.hpp"
#include "stages/common/numbered_messages.hpp"

namespace paxoslab::stage1 {


void SendAcceptServer::on_message(Context& ctx, const Envelope& message) {
  switch (message.payload.kind) {
    case MsgKind::Request: on_request(ctx, message); return;
    case MsgKind::Accept: on_accept(ctx, message); return;
    default:
      ctx.explain("ignored: Stage 1 has no use for " + describe(message.payload));
      return;
  }
}

void SendAcceptServer::on_request(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::string me = to_string(self_);
  if (ctx.has_executed(m)) {
    // The client asks again (it missed our reply): answer with the state.
    ctx.explain(me + " already executed " + to_string(m) + ": replies again, executes nothing");
    ctx.reply(m, "reply again to a repeated request");
    return;
  }
  if (!is_leader()) {
    ctx.explain(me + " ignores Request(" + to_string(m) + "): only the leader " + to_string(kLeader) +
                " orders requests; " + me + " waits for its Accept");
    return;
  }
  const std::int64_t j = next_j_++;
  ctx.explain(me + " is the leader: orders " + to_string(m) + " as j=" + std::to_string(j) + ", sends " +
              stages::numbered_text(MsgKind::Accept, m, j) + ", executes at once and replies");
  ctx.send_to_others(stages::numbered(MsgKind::Accept, m, j), "the leader tells the followers: execute " + to_string(m) + " as number " +
                                          std::to_string(j));
  ctx.execute(m, j, "the leader executes right after sending the accept");
  ctx.reply(m, "reply with the new state");
}

void SendAcceptServer::on_accept(Context& ctx, const Envelope& message) {
  const RequestId m = message.payload.request;
  const std::int64_t j = message.payload.slot;
  const std::string me = to_string(self_);
  const std::string acc = stages::numbered_text(MsgKind::Accept, m, j);
  if (is_leader()) {
    ctx.explain("ignored: " + me + " is the leader and sends accepts, it does not take them");
    return;
  }
  if (j < next_j_) {
    ctx.explain(me + " ignored " + acc + ": a repeat, it already executed j=" + std::to_string(j));
    return;
  }
  if (j > next_j_) {
    ctx.explain(me + " discarded " + acc + ": it expects j=" + std::to_string(next_j_) +
                " and can never catch up");
    ctx.note(me + " is now stuck: Accept for j=" + std::to_string(next_j_) + " will never be sent again");
    return;
  }
  if (ctx.has_executed(m)) {  // cannot happen with one fixed leader; never execute twice
    ctx.explain("ignored " + acc + ": " + me + " already executed " + to_string(m));
    return;
  }
  ++next_j_;
  ctx.explain(me + " executes " + acc + ": j=" + std::to_string(j) + " is its next expected number");
  ctx.execute(m, j, "the follower executes in the leader's order");
  ctx.reply(m, "reply with the new state");
}

void SendAcceptServer::on_timer(Context& ctx, const TimerInfo&) { ctx.explain("Stage 1 sets no timers"); }

void SendAcceptServer::on_restart(Context& ctx) {
  next_j_ = static_cast<std::int64_t>(ctx.executed().size()) + 1;
}

std::uint64_t SendAcceptServer::state_hash() const {
  Hasher h;
  h.add(static_cast<std::uint64_t>(self_.value));
  h.add(static_cast<std::uint64_t>(next_j_));
  return h.value();
}

ServerView SendAcceptServer::view() const {
  ServerView v;
  v.role = is_leader() ? "leader" : "follower";
  v.leader = kLeader;
  v.fields.emplace_back("leader", to_string(kLeader) + " (fixed)");
  v.fields.emplace_back(is_leader() ? "next j to assign" : "next j expected", std::to_string(next_j_));
  return v;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig&) { return std::make_unique<SendAcceptServer>(id); }

}  // namespace paxoslab::stage1
