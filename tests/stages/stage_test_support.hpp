// Helpers shared by the stage tests: a one-server harness for table tests
// (message in -> effects out), script builders for catalogue runs, and a
// compact list of a run's key events (sends, drops, executions, replies,
// crashes, leader changes) to compare with a figure event by event.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/sim/server.hpp"
#include "core/sim/simulation.hpp"
#include "stages/registry.hpp"

namespace paxoslab::testing_support {

inline ServerId S(int i) { return ServerId{i}; }
inline ClientId C(int i) { return ClientId{i}; }
inline RequestId M(int i) { return RequestId{i}; }
inline NodeId NS(int i) { return NodeId::of(ServerId{i}); }
inline NodeId NC(int i) { return NodeId::of(ClientId{i}); }

/// An envelope as the network would deliver it.
inline Envelope envelope(NodeId from, NodeId to, MsgKind kind, RequestId m, std::int64_t j = 0) {
  Envelope e;
  e.id = MessageId{1};
  e.from = from;
  e.to = to;
  e.payload.kind = kind;
  e.payload.request = m;
  e.payload.slot = j;
  return e;
}
inline Envelope request(int client, int server, int m) {
  return envelope(NC(client), NS(server), MsgKind::Request, M(m));
}
inline Envelope accept(int from, int to, int m, std::int64_t j) {
  return envelope(NS(from), NS(to), MsgKind::Accept, M(m), j);
}
inline Envelope learn(int from, int to, int m, std::int64_t j) {
  return envelope(NS(from), NS(to), MsgKind::Learn, M(m), j);
}

/// One server driven directly through a Context: what a handler did, as text.
class Harness {
 public:
  Harness(int stage, int servers, int self) : self_(ServerId{self}) {
    config_.stage = stage;
    config_.servers = servers;
    server_ = find_stage(stage)->make_server(self_, config_);
    Context ctx = context();
    server_->on_start(ctx);
  }
  /// Suspect (or stop suspecting) a peer for the following events.
  void set_suspects(int peer, bool on) {
    const std::uint32_t b = 1u << (peer - 1);
    suspected_ = on ? (suspected_ | b) : (suspected_ & ~b);
  }
  /// Delivers `e`; returns the effects as lines ("send S2 Accept(m2, 1)",
  /// "execute m2 j=1", "reply m2 |sigma|=1", "timer 40 retransmit ...", "cancel").
  std::vector<std::string> deliver(const Envelope& e) {
    Context ctx = context();
    server_->on_message(ctx, e);
    return finish(ctx);
  }
  std::vector<std::string> fire(const TimerInfo& t) {
    Context ctx = context();
    server_->on_timer(ctx, t);
    return finish(ctx);
  }
  std::vector<std::string> leader_change(ServerId old_leader) {
    Context ctx = context();
    server_->on_leader_change(ctx, old_leader);
    return finish(ctx);
  }
  std::vector<std::string> suspicion_change(int peer, bool suspected) {
    Context ctx = context();
    server_->on_suspicion_change(ctx, ServerId{peer}, suspected);
    return finish(ctx);
  }
  std::vector<std::string> restart() {
    Context ctx = context();
    server_->on_restart(ctx);
    return finish(ctx);
  }
  const std::string& why() const { return why_; }
  const std::vector<std::string>& notes() const { return notes_; }
  const std::vector<RequestId>& sigma() const { return sigma_; }
  /// The last Stage timer armed (for fire()).
  const TimerInfo& last_timer() const { return last_timer_; }
  Server& server() { return *server_; }
  SimConfig& config() { return config_; }

 private:
  Context context() { return Context(self_, 0, config_, suspected_, sigma_, next_timer_id_); }
  std::vector<std::string> finish(Context& ctx) {
    why_ = ctx.explanation();
    notes_.clear();
    std::vector<std::string> out;
    for (const auto& eff : ctx.effects()) {
      if (const auto* s = std::get_if<SendEffect>(&eff)) {
        out.push_back(s->payload.kind == MsgKind::Reply
                          ? "reply " + to_string(s->payload.request) + " |sigma|=" + std::to_string(s->payload.state_len)
                          : "send " + to_string(s->to) + " " + describe(s->payload));
      } else if (const auto* t = std::get_if<SetTimerEffect>(&eff)) {
        last_timer_ = t->timer;
        out.push_back("timer " + std::to_string(t->timer.due_tick - t->timer.set_tick) + " " + t->timer.purpose);
      } else if (std::get_if<CancelTimerEffect>(&eff)) {
        out.push_back("cancel");
      } else if (const auto* x = std::get_if<ExecuteEffect>(&eff)) {
        sigma_.push_back(x->request);  // as the Simulation does when it carries the effect out
        out.push_back("execute " + to_string(x->request) + " j=" + std::to_string(x->slot));
      } else if (const auto* n = std::get_if<NoteEffect>(&eff)) {
        notes_.push_back(n->text);
      }
    }
    return out;
  }

  ServerId self_;
  SimConfig config_;
  std::unique_ptr<Server> server_;
  std::vector<RequestId> sigma_;
  std::uint64_t next_timer_id_ = 0;
  std::uint32_t suspected_ = 0;
  std::string why_;
  std::vector<std::string> notes_;
  TimerInfo last_timer_;
};

// ---- simulations -------------------------------------------------------------

/// A config with fixed delays of `delay` ticks.
inline SimConfig config_of(int stage, int servers, Tick delay = 10) {
  SimConfig c;
  c.stage = stage;
  c.servers = servers;
  c.clients = 2;
  c.link.delay_ticks_min = delay;
  c.link.delay_ticks_max = delay;
  return c;
}
/// Messages from -> to take `delay` ticks.
inline void slow_link(SimConfig& c, NodeId from, NodeId to, Tick delay) {
  LinkRules r = c.link;
  r.delay_ticks_min = delay;
  r.delay_ticks_max = delay;
  c.link_overrides.push_back(LinkOverride{from, to, r});
}
/// `keep_trace` = false keeps only the trace hash (fast sweeps).
inline Simulation make_sim(const SimConfig& c, bool keep_trace = true) {
  return Simulation(c, *find_stage(c.stage), keep_trace);
}

inline ScriptStep at(Tick t, Action a) { return ScriptStep{Trigger{t, std::nullopt}, std::move(a), 0}; }
inline ScriptStep after(EventPattern p, Action a) { return ScriptStep{Trigger{std::nullopt, p}, std::move(a), 0}; }
inline EventPattern event(TraceKind kind, NodeId who = {}, std::optional<int> m = std::nullopt,
                          std::optional<MsgKind> msg = std::nullopt, NodeId other = {}, int occurrence = 1) {
  EventPattern p;
  p.kind = kind;
  p.who = who;
  p.other = other;
  if (m) p.request = RequestId{*m};
  p.msg_kind = msg;
  p.occurrence = occurrence;
  return p;
}
inline Action client_request(int c, int m) { return ClientRequestAction{ClientId{c}, RequestId{m}}; }
inline MessagePattern msg(MsgKind kind, NodeId from = {}, NodeId to = {}, std::optional<int> m = std::nullopt) {
  MessagePattern p;
  p.kind = kind;
  p.from = from;
  p.to = to;
  if (m) p.request = RequestId{*m};
  return p;
}
/// A standing rule: lose the next `count` messages matching `p`.
inline Action lose_next(const std::string& name, MessagePattern p, int count = 1) {
  FilterAction f;
  f.name = name;
  f.pattern = p;
  f.effect = FilterAction::Effect::Lose;
  f.count = count;
  return f;
}

/// The key events of a run, one line each: "S1 send Accept(m2, 1) to S2",
/// "S2 drop Accept(m2, 1) from S1", "S1 execute m2", "C2 reply m2 from S1",
/// "S1 crash", "S2 leader S2". Client requests (and their sends and drops)
/// and heartbeats are left out.
inline std::vector<std::string> key_events(const Simulation& sim) {
  std::vector<std::string> out;
  const Trace& tr = sim.trace();
  for (const auto& e : tr.events()) {
    const auto label = [&]() {
      const Envelope* env = tr.message(e.message);
      return env ? describe(env->payload) : std::string("?");
    };
    switch (e.kind) {
      case TraceKind::Send:
        if (e.msg_kind == MsgKind::Request || e.msg_kind == MsgKind::Reply || e.msg_kind == MsgKind::Heartbeat) break;
        out.push_back(to_string(e.who) + " send " + label() + " to " + to_string(e.other));
        break;
      case TraceKind::Drop:
        if (e.msg_kind == MsgKind::Request || e.msg_kind == MsgKind::Heartbeat) break;
        out.push_back(to_string(e.who) + " drop " + label() + " from " + to_string(e.other));
        break;
      case TraceKind::Execute: out.push_back(to_string(e.who) + " execute " + to_string(e.request)); break;
      case TraceKind::Reply:
        out.push_back(to_string(e.who) + " reply " + to_string(e.request) + " from " + to_string(e.other));
        break;
      case TraceKind::Crash: out.push_back(to_string(e.who) + " crash"); break;
      case TraceKind::Restart: out.push_back(to_string(e.who) + " restart"); break;
      case TraceKind::LeaderChange: out.push_back(to_string(e.who) + " leader " + to_string(e.other)); break;
      default: break;
    }
  }
  return out;
}

/// The whole trace as text (for failure messages).
inline std::string trace_text(const Simulation& sim) {
  std::string s;
  const Trace& tr = sim.trace();
  for (const auto& e : tr.events()) {
    const Envelope* env = tr.message(e.message);
    s += to_text(e, env ? describe(env->payload) : std::string()) + "\n";
  }
  return s;
}

/// The why of the n-th (1-based) Deliver of a message of `kind` to `to`.
inline std::string deliver_why(const Simulation& sim, NodeId to, MsgKind kind, int m, int occurrence = 1) {
  int seen = 0;
  for (const auto& e : sim.trace().events())
    if (e.kind == TraceKind::Deliver && e.who == to && e.msg_kind == kind && e.request == RequestId{m} &&
        ++seen == occurrence)
      return e.why;
  return "<no such delivery>";
}

/// True if `want` occurs in `have` in order (not necessarily adjacent).
inline ::testing::AssertionResult in_order(const std::vector<std::string>& have, const std::vector<std::string>& want) {
  std::size_t i = 0;
  for (const auto& h : have)
    if (i < want.size() && h == want[i]) ++i;
  if (i == want.size()) return ::testing::AssertionSuccess();
  std::string all;
  for (const auto& h : have) all += "  " + h + "\n";
  return ::testing::AssertionFailure() << "missing (in order) from here on: '" << want[i] << "'\nkey events:\n" << all;
}

inline std::vector<RequestId> seq(std::initializer_list<int> ms) {
  std::vector<RequestId> out;
  for (int m : ms) out.push_back(RequestId{m});
  return out;
}

}  // namespace paxoslab::testing_support
