#include "core/sim/server.hpp"
#include "core/sim/tick_math.hpp"

#include <algorithm>

namespace paxoslab {

Context::Context(ServerId self, Tick now, const SimConfig& config, std::uint32_t suspected,
                 const std::vector<RequestId>& executed, std::uint64_t& next_timer_id,
                 std::vector<RequestId> queued_executions)
    : self_(self),
      now_(now),
      config_(config),
      suspected_(suspected),
      executed_(executed),
      next_timer_id_(next_timer_id) {
  effects_.reserve(4);  // a handler records a few effects: one allocation, not one per doubling
  if (!queued_executions.empty()) {
    local_ = executed;
    local_.insert(local_.end(), queued_executions.begin(), queued_executions.end());
    local_view_ = true;
  }
}

bool Context::suspects(ServerId peer) const {
  if (peer == self_ || peer.value < 1 || peer.value > 32) return false;
  return (suspected_ >> (peer.value - 1)) & 1u;
}

ServerId Context::leader() const {
  for (int i = 1; i <= config_.servers; ++i)
    if (!suspects(ServerId{i})) return ServerId{i};
  return self_;
}

bool Context::has_executed(RequestId m) const {
  const auto& sigma = executed();
  return std::find(sigma.begin(), sigma.end(), m) != sigma.end();
}

void Context::send(ServerId to, Payload p, std::string why) {
  effects_.push_back(SendEffect{NodeId::of(to), std::move(p), std::move(why)});
}

void Context::send_to_others(const Payload& p, std::string why) {
  for (int i = 1; i <= config_.servers; ++i)
    if (i != self_.value) effects_.push_back(SendEffect{NodeId::of(ServerId{i}), p, narrating_ ? why : std::string()});
}

TimerId Context::set_timer(Tick delay_ticks, std::int64_t tag, std::string purpose) {
  TimerInfo t;
  t.id = TimerId{++next_timer_id_};
  t.owner = NodeId::of(self_);
  t.kind = TimerKind::Stage;
  t.tag = tag;
  t.set_tick = now_;
  t.due_tick = add_ticks(now_, std::max<Tick>(1, delay_ticks));
  if (narrating_) t.purpose = std::move(purpose);
  const TimerId id = t.id;
  effects_.push_back(SetTimerEffect{std::move(t)});
  return id;
}

void Context::cancel_timer(TimerId id, std::string why) {
  effects_.push_back(CancelTimerEffect{id, std::move(why)});
}

void Context::execute(RequestId m, std::int64_t slot, std::string why) {
  if (!local_view_) {
    local_ = executed_;
    local_view_ = true;
  }
  local_.push_back(m);
  effects_.push_back(ExecuteEffect{m, slot, std::move(why)});
}

void Context::reply(RequestId m, std::string why) {
  // The receiver (the client that sent m) is resolved by the Simulation.
  effects_.push_back(
      SendEffect{NodeId{}, Payload::reply(m, static_cast<std::int64_t>(executed().size())), std::move(why)});
}

void Context::note(std::string text) { effects_.push_back(NoteEffect{std::move(text), RequestId{}, 0}); }

void Context::noop(RequestId m, std::int64_t slot, std::string text) {
  effects_.push_back(NoteEffect{std::move(text), m, slot});
}

}  // namespace paxoslab
