// Simulation: construction, copying, the event queue and the step loop.
// Event handlers live in simulation_events.cpp, actions in
// simulation_actions.cpp and simulation_faults.cpp, read-only views in
// simulation_views.cpp.
#include "core/sim/simulation.hpp"
#include "core/sim/trace_events.hpp"

#include <algorithm>

#include "core/sim/variant.hpp"

namespace paxoslab {

namespace {
// The queue order: by tick; at one tick scripted actions come first (a step
// "at t=40" happens before the events due at 40, script.hpp Trigger), then by
// seq (the order the events were scheduled in).
template <class E>
bool later(const E& a, const E& b) {
  if (a.tick != b.tick) return a.tick > b.tick;
  const bool a_script = a.type == PendingEvent::Type::Script;
  const bool b_script = b.type == PendingEvent::Type::Script;
  if (a_script != b_script) return b_script;
  return a.seq > b.seq;
}

/// The pending event a queue entry stands for.
template <class E>
PendingEvent pending_of(const E& e) {
  PendingEvent p;
  p.type = e.type;
  p.tick = e.tick;
  p.seq = e.seq;
  if (e.type == PendingEvent::Type::Delivery) p.message = MessageId{e.id};
  if (e.type == PendingEvent::Type::Timer) p.timer = TimerId{e.id};
  if (e.type == PendingEvent::Type::Script) p.script_index = static_cast<int>(e.id);
  return p;
}
}  // namespace

Simulation::Simulation(SimConfig config, StageInfo stage, bool keep_trace)
    : config_(std::move(config)),
      stage_(std::make_shared<const StageInfo>(std::move(stage))),
      rng_(config_.seed),
      links_(config_.servers, config_.clients, config_.link, config_.link_overrides),
      fd_(config_.servers),
      trace_(keep_trace),
      checker_(SafetyChecker(config_.servers)),
      invariants_(ProtocolInvariants(config_.servers, unchecked_invariants(*stage_, config_.knobs.without))) {
  servers_.resize(static_cast<std::size_t>(config_.servers));
  for (int i = 1; i <= config_.servers; ++i)
    servers_[static_cast<std::size_t>(i - 1)].server = stage_->make_server(ServerId{i}, config_);
  for (int c = 1; c <= config_.clients; ++c) clients_.write().push_back(ClientState{ClientId{c}, {}, {}, {}, {}, {}});
  // A variant says so first: which rules are off and what the stage does instead.
  for (const auto& id : config_.knobs.without) {
    const StageRule* rule = find_rule(*stage_, id);
    record(trace_event::note("variant: " + variant_name(*stage_, config_.knobs.without) + " - rule '" + id +
                             "' is off: " + (rule ? rule->without : std::string("(not a rule of this stage)"))));
  }
  // on_start's effects are carried out at once, before the first step.
  for (int i = 1; i <= config_.servers; ++i) {
    Context ctx = make_context(ServerId{i});
    mutable_server(ServerId{i}).on_start(ctx);
    enqueue_effects(ServerId{i}, ctx.effects(), false);
    while (!effects_.empty()) {
      QueuedEffect w = std::move(effects_.front());
      effects_.erase(effects_.begin());
      carry_out_effect(std::move(w));
    }
  }
  stale_hashes_ = (1u << config_.servers) - 1;
  refresh_server_hashes();
}

void Simulation::copy_from(const Simulation& o, bool with_history) {
  config_ = o.config_;
  stage_ = o.stage_;
  rng_ = o.rng_;
  now_ = o.now_;
  steps_ = o.steps_;
  next_message_id_ = o.next_message_id_;
  next_timer_id_ = o.next_timer_id_;
  next_queue_seq_ = o.next_queue_seq_;
  servers_.clear();
  servers_.reserve(o.servers_.size());
  for (const auto& sl : o.servers_) {
    ServerSlot copy;
    copy.server = sl.server;
    copy.hash = sl.hash;
    copy.executed = sl.executed;
    copy.crashed = sl.crashed;
    servers_.push_back(std::move(copy));
  }
  clients_ = o.clients_;
  request_owner_ = o.request_owner_;
  network_ = o.network_;
  links_ = o.links_;
  fd_ = o.fd_;
  timers_ = o.timers_;
  timer_queue_seq_ = o.timer_queue_seq_;
  queue_ = o.queue_;
  script_ = o.script_;
  script_done_ = o.script_done_;
  after_ = o.after_;
  fired_ = o.fired_;
  effects_ = o.effects_;
  next_effect_id_ = o.next_effect_id_;
  atomic_ = o.atomic_;
  checker_ = o.checker_;
  invariants_ = o.invariants_;
  touched_ = o.touched_;
  stale_hashes_ = o.stale_hashes_;
  last_progress_tick_ = o.last_progress_tick_;
  trace_ = with_history ? o.trace_ : o.trace_.without_history();
}

// Member by member (as copy_from(other, true) does, but without first
// building empty members only to overwrite them).
Simulation::Simulation(const Simulation& other) = default;

Server& Simulation::mutable_server(ServerId s) {
  auto& sl = slot(s);
  touched_ |= 1u << (s.value - 1);
  stale_hashes_ |= 1u << (s.value - 1);
  if (sl.server.use_count() > 1) sl.server = std::shared_ptr<Server>(sl.server->clone());
  return *sl.server;
}

Simulation& Simulation::operator=(const Simulation& other) {
  if (this != &other) copy_from(other, true);
  return *this;
}

void Simulation::unshare() {
  stage_ = std::make_shared<const StageInfo>(*stage_);
  for (auto& sl : servers_) {
    sl.server = std::shared_ptr<Server>(sl.server->clone());
    sl.executed.unshare();
  }
  checker_.unshare();
  clients_.unshare();
  request_owner_.unshare();
  invariants_.unshare();
}

void Simulation::refresh_server_hashes() {
  for (int i = 1; stale_hashes_ != 0 && i <= config_.servers; ++i) {
    const std::uint32_t bit = 1u << (i - 1);
    if (!(stale_hashes_ & bit)) continue;
    stale_hashes_ &= ~bit;
    ServerSlot& sl = slot(ServerId{i});
    sl.hash = sl.server->state_hash();
  }
}

std::uint64_t Simulation::server_hash(ServerId s) const {
  const ServerSlot& sl = slot(s);
  return (stale_hashes_ & (1u << (s.value - 1))) != 0 ? sl.server->state_hash() : sl.hash;
}

Simulation Simulation::snapshot() const {
  Simulation s;
  s.copy_from(*this, false);
  return s;
}

void Simulation::restore(const Simulation& snap) {
  Trace full = std::move(trace_);
  copy_from(snap, true);
  trace_.restore_history(full, next_message_id_);
}

// ---- scripted actions ----------------------------------------------------

void Simulation::add_script(const std::vector<ScriptStep>& steps) {
  for (const auto& st : steps) {
    const int i = static_cast<int>(script_.size());
    script_.push_back(st);
    script_done_.push_back(0);
    if (st.when.after) {
      after_.push_back(PendingAfter{i, 0});
    } else {
      const Tick t = st.when.at_tick ? std::max(*st.when.at_tick, now_) : now_;
      push(t, PendingEvent::Type::Script, static_cast<std::uint64_t>(i), nullptr);
    }
  }
}

bool Simulation::script_done(int i) const {
  return i >= 0 && static_cast<std::size_t>(i) < script_done_.size() && script_done_[static_cast<std::size_t>(i)];
}

std::vector<const ScriptStep*> Simulation::unfired_steps() const {
  std::vector<const ScriptStep*> out;
  for (std::size_t i = 0; i < script_.size(); ++i)
    if (!script_done(static_cast<int>(i))) out.push_back(&script_[i]);
  return out;
}

// ---- event queue ---------------------------------------------------------

void Simulation::push(Tick tick, PendingEvent::Type type, std::uint64_t id, std::uint64_t* seq_out) {
  const std::uint64_t seq = next_queue_seq_++;
  queue_.push_back(QueueEntry{tick, seq, type, id});
  std::push_heap(queue_.begin(), queue_.end(), [](const QueueEntry& a, const QueueEntry& b) { return later(a, b); });
  if (seq_out) *seq_out = seq;
}

bool Simulation::live(const QueueEntry& e) const {
  switch (e.type) {
    case PendingEvent::Type::Delivery: {
      const auto* f = network_.find(MessageId{e.id});
      return f && f->queue_seq == e.seq;
    }
    case PendingEvent::Type::Timer: {
      const auto it = timer_queue_seq_.find(e.id);
      return it != timer_queue_seq_.end() && it->second == e.seq;
    }
    case PendingEvent::Type::Script:
      return e.id < script_done_.size() && !script_done_[e.id];
    case PendingEvent::Type::HandlerEffect: return false;  // effects are not in the event queue
  }
  return false;
}

void Simulation::pop_dead() {
  const auto cmp = [](const QueueEntry& a, const QueueEntry& b) { return later(a, b); };
  while (!queue_.empty() && !live(queue_.front())) {
    std::pop_heap(queue_.begin(), queue_.end(), cmp);
    queue_.pop_back();
  }
}

void Simulation::carry_out(const QueueEntry& e) {
  now_ = std::max(now_, e.tick);
  ++steps_;
  switch (e.type) {
    case PendingEvent::Type::Delivery: {
      const Envelope env = network_.find(MessageId{e.id})->envelope;
      network_.remove(env.id);
      deliver(env);
      break;
    }
    case PendingEvent::Type::Timer: {
      const TimerInfo t = timers_.at(e.id);
      timers_.erase(e.id);
      timer_queue_seq_.erase(e.id);
      fire_timer(t);
      break;
    }
    case PendingEvent::Type::Script:
      script_done_[e.id] = 1;
      apply_now(script_[e.id].action);
      break;
    case PendingEvent::Type::HandlerEffect: break;
  }
  settle();
}

bool Simulation::step() {
  if (!effects_.empty()) {
    effect_step();
    return true;
  }
  pop_dead();
  if (queue_.empty()) return false;
  const QueueEntry e = queue_.front();
  std::pop_heap(queue_.begin(), queue_.end(), [](const QueueEntry& a, const QueueEntry& b) { return later(a, b); });
  queue_.pop_back();
  carry_out(e);
  return true;
}

bool Simulation::step_event(const PendingEvent& which) {
  if (which.type == PendingEvent::Type::HandlerEffect) {
    const auto queued = [&] {
      return std::any_of(effects_.begin(), effects_.end(), [&](const QueuedEffect& w) { return w.id == which.effect; });
    };
    if (!queued()) return false;
    while (queued()) effect_step();  // the effects before it keep their order
    return true;
  }
  if (!effects_.empty()) {
    // The effects in progress come first; only if `which` is pending at all.
    const bool known = std::any_of(queue_.begin(), queue_.end(), [&](const QueueEntry& e) {
      return e.type == which.type && live(e) &&
             ((e.type == PendingEvent::Type::Delivery && e.id == which.message.value) ||
              (e.type == PendingEvent::Type::Timer && e.id == which.timer.value) ||
              (e.type == PendingEvent::Type::Script && static_cast<int>(e.id) == which.script_index));
    });
    if (!known) return false;
    finish_effects();
  }
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const QueueEntry e = queue_[i];
    if (e.type != which.type) continue;
    const bool same = (e.type == PendingEvent::Type::Delivery && e.id == which.message.value) ||
                      (e.type == PendingEvent::Type::Timer && e.id == which.timer.value) ||
                      (e.type == PendingEvent::Type::Script && static_cast<int>(e.id) == which.script_index);
    if (!same || !live(e)) continue;
    // Carrying it out makes its entry dead (the message leaves the network,
    // the timer its table, the script step is done): it stays in the heap
    // and is dropped like any dead entry once it reaches the front.
    carry_out(e);
    pop_dead();
    return true;
  }
  return false;
}

std::string Simulation::wait_until(Tick until) {
  std::string err;
  if (until < now_) {
    err = "time cannot go back from t=" + std::to_string(now_) + " to t=" + std::to_string(until);
  } else if (const auto n = next_event(); n && n->tick < until) {
    err = "an event is due at t=" + std::to_string(n->tick) + ", before t=" + std::to_string(until);
  }
  if (!err.empty()) return refuse(err);
  now_ = until;
  record(trace_event::note("time passes to t=" + std::to_string(until) + " (nothing happens before)"));
  settle();
  return {};
}

std::uint64_t Simulation::run(std::uint64_t max_steps, Tick max_tick) {
  std::uint64_t n = 0;
  while (n < max_steps) {
    if (effects_.empty()) {  // effects in progress happen now, within any limit
      pop_dead();
      if (queue_.empty()) break;
      if (max_tick >= 0 && queue_.front().tick > max_tick) break;
    }
    step();
    ++n;
  }
  return n;
}

std::vector<PendingEvent> Simulation::pending() const {
  std::vector<PendingEvent> out;
  out.reserve(effects_.size() + queue_.size());
  for (std::size_t i = 0; i < effects_.size(); ++i)
    if (i == 0 || visible(effects_[i])) out.push_back(pending_effect(effects_[i]));
  const auto first = static_cast<std::ptrdiff_t>(out.size());
  for (const auto& e : queue_)
    if (live(e)) out.push_back(pending_of(e));
  // (tick, scripted first, seq) is a total order (seq is unique): one result.
  std::sort(out.begin() + first, out.end(), [](const PendingEvent& a, const PendingEvent& b) { return later(b, a); });
  return out;
}

std::optional<PendingEvent> Simulation::next_event() const {
  if (!effects_.empty()) return pending_effect(effects_.front());
  // The heap's front is the earliest entry: when it is live, it is the answer.
  if (!queue_.empty() && live(queue_.front())) return pending_of(queue_.front());
  std::optional<PendingEvent> best;
  for (const auto& e : queue_) {
    if (!live(e)) continue;
    if (best && !later(*best, PendingEvent{e.type, e.tick, e.seq, {}, {}, -1, 0})) continue;
    best = pending_of(e);
  }
  return best;
}

// ---- trace and triggers ----------------------------------------------------

std::uint64_t Simulation::record(TraceEvent e) {
  e.tick = now_;
  if (!after_.empty()) {
    for (auto it = after_.begin(); it != after_.end();) {
      const auto& pattern = *script_[static_cast<std::size_t>(it->script_index)].when.after;
      if (pattern.matches(e) && ++it->seen >= std::max(1, pattern.occurrence)) {
        fired_.push_back(it->script_index);
        it = after_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return trace_.append(std::move(e));
}

}  // namespace paxoslab
