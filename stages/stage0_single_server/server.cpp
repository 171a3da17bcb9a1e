#include "stages/stage0_single_server/server.hpp"

namespace paxoslab::stage0 {

void SingleServer::on_message(Context& ctx, const Envelope& message) {
  if (message.payload.kind != MsgKind::Request) {
    ctx.explain("Stage 0 only handles client requests");
    return;
  }
  const RequestId m = message.payload.request;
  if (ctx.has_executed(m)) {
    // A client's retry (its reply was lost or slow): answer with the state,
    // never execute twice (docs/protocol.md, Stage 0). Without this reply a
    // closed-loop client whose replies were all lost would retry for ever.
    ctx.explain(to_string(self_) + " already executed " + to_string(m) + ": replies again, executes nothing");
    ctx.reply(m, "reply again to a repeated request");
    return;
  }
  ctx.explain("no coordination: execute " + to_string(m) + " on arrival");
  ctx.execute(m, 0, "executed in arrival order");
  ctx.reply(m, "reply with the new state");
}

void SingleServer::on_timer(Context& ctx, const TimerInfo&) { ctx.explain("Stage 0 sets no timers"); }

void SingleServer::on_restart(Context&) {}

std::uint64_t SingleServer::state_hash() const { return static_cast<std::uint64_t>(self_.value); }

ServerView SingleServer::view() const {
  ServerView v;
  v.role = "server";
  v.fields.emplace_back("ordering", "arrival order, no coordination");
  return v;
}

std::unique_ptr<Server> make_server(ServerId id, const SimConfig&) { return std::make_unique<SingleServer>(id); }

}  // namespace paxoslab::stage0
