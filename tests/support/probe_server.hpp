// A tiny test-only protocol stage ("probe"), for exercising the core without
// depending on the real stages.
//
// Behaviour of a ProbeServer<Options> (Options are compile-time so that the
// StageInfo factory stays a plain function pointer):
//   - Request(m) from a client: executes m and replies (a repeat is ignored
//     unless Options::execute_repeats), then sends a Learn(m) "ping" to every
//     other server. With Options::cancel_on_request it first cancels its
//     pending timer, if any.
//   - Learn from a server: counted (pings_heard), nothing else.
//   - on_start and on_restart: if Options::timer_rounds > 0, arms a Stage timer
//     retransmit_ticks ahead with tag 1; when timer tag k fires it records k and
//     arms tag k+1 while k < timer_rounds.
//   - on_leader_change: records (now, new leader).
//   - Options::execute_unsent_at_start: executes m99 in on_start (no client sent it).
// Durable state (kept over a crash): nothing but sigma; restarts are counted.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/hash.hpp"
#include "core/sim/server.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::testing {

struct ProbeOptions {
  int timer_rounds = 0;
  bool execute_repeats = false;
  bool cancel_on_request = false;
  bool execute_unsent_at_start = false;
  bool uses_failure_detector = false;
};

template <ProbeOptions kOptions>
class ProbeServer final : public Server {
 public:
  explicit ProbeServer(ServerId self) : self_(self) {}
  std::unique_ptr<Server> clone() const override { return std::make_unique<ProbeServer>(*this); }

  void on_start(Context& ctx) override {
    if (kOptions.execute_unsent_at_start) ctx.execute(RequestId{99}, 0, "probe: executes an unsent request");
    arm(ctx, 1);
  }
  void on_message(Context& ctx, const Envelope& message) override {
    if (message.payload.kind == MsgKind::Learn) {
      ++pings_heard_;
      ctx.explain("probe: ping from " + to_string(message.from));
      return;
    }
    if (message.payload.kind != MsgKind::Request) {
      ctx.explain("probe: ignored");
      return;
    }
    if (kOptions.cancel_on_request && timer_.valid()) {
      ctx.cancel_timer(timer_, "probe: request cancels the timer");
      timer_ = {};
    }
    const RequestId m = message.payload.request;
    if (ctx.has_executed(m) && !kOptions.execute_repeats) {
      ctx.explain("probe: repeat of " + to_string(m));
      return;
    }
    ctx.explain("probe: execute " + to_string(m));
    ctx.execute(m, 0, "probe");
    ctx.reply(m, "probe reply");
    Payload ping;
    ping.kind = MsgKind::Learn;
    ping.request = m;
    ctx.send_to_others(ping, "probe ping");
  }
  void on_timer(Context& ctx, const TimerInfo& timer) override {
    fired_.push_back(timer.tag);
    timer_ = {};
    ctx.explain("probe timer " + std::to_string(timer.tag));
    if (timer.tag < kOptions.timer_rounds) arm(ctx, timer.tag + 1);
  }
  void on_leader_change(Context& ctx, ServerId) override {
    leaders_.emplace_back(ctx.now(), ctx.leader());
  }
  void on_restart(Context& ctx) override {
    ++restarts_;
    timer_ = {};
    arm(ctx, 1);
  }
  std::uint64_t state_hash() const override {
    Hasher h;
    h.add(static_cast<std::uint64_t>(self_.value));
    h.add(static_cast<std::uint64_t>(pings_heard_));
    return h.value();
  }
  ServerView view() const override { return {}; }

  int pings_heard() const { return pings_heard_; }
  const std::vector<std::int64_t>& timers_fired() const { return fired_; }
  const std::vector<std::pair<Tick, ServerId>>& leader_changes() const { return leaders_; }
  int restarts() const { return restarts_; }

 private:
  void arm(Context& ctx, std::int64_t tag) {
    if (kOptions.timer_rounds <= 0) return;
    timer_ = ctx.set_timer(ctx.config().knobs.retransmit_ticks, tag, "probe timer " + std::to_string(tag));
  }

  ServerId self_;
  int pings_heard_ = 0;
  int restarts_ = 0;
  TimerId timer_;
  std::vector<std::int64_t> fired_;
  std::vector<std::pair<Tick, ServerId>> leaders_;
};

/// The StageInfo of ProbeServer<kOptions> (number 0, name "Probe").
template <ProbeOptions kOptions>
StageInfo probe_stage() {
  StageInfo info;
  info.number = 0;
  info.name = "Probe";
  info.description = "test-only probe server";
  info.uses_failure_detector = kOptions.uses_failure_detector;
  info.make_server = [](ServerId id, const SimConfig&) -> std::unique_ptr<Server> {
    return std::make_unique<ProbeServer<kOptions>>(id);
  };
  return info;
}

/// The probe server of `sim`'s server `s` (the simulation must run probe_stage<kOptions>()).
template <ProbeOptions kOptions, class Sim>
const ProbeServer<kOptions>& probe(const Sim& sim, ServerId s) {
  return dynamic_cast<const ProbeServer<kOptions>&>(sim.server(s));
}

}  // namespace paxoslab::testing
