// Simulation: what happens when a message arrives or a timer fires, and how a
// handler's recorded effects are carried out (sends, timers, executions), one
// at a time (the queue of effects in progress is in simulation_effects.cpp).
#include <algorithm>

#include "core/sim/simulation.hpp"
#include "core/sim/tick_math.hpp"
#include "core/sim/trace_events.hpp"

namespace paxoslab {

Context Simulation::make_context(ServerId s, NodeId heard_from) {
  auto& sl = slot(s);
  // Executions of s still queued (an action delivered a message to s between
  // two effects of its earlier handler): the handler must see them.
  std::vector<RequestId> queued;
  for (const auto& w : effects_)
    if (w.kind == QueuedEffect::Kind::Handler && w.server == s)
      if (const auto* x = std::get_if<ExecuteEffect>(&w.effect)) queued.push_back(x->request);
  // A handler handling a message from a server hears it: it sees that
  // sender unsuspected (core/sim/failure_detector.hpp, view_hearing).
  Context ctx(s, now_, config_, stage_->uses_failure_detector ? fd_.view_hearing(s, heard_from) : 0u, *sl.executed,
              next_timer_id_, std::move(queued));
  ctx.set_narrating(!trace_.is_off());  // the trace is the only reader of a handler's texts
  return ctx;
}

// ---- sending ----------------------------------------------------------------

void Simulation::send(NodeId from, NodeId to, Payload payload, const std::string& why) {
  Envelope env;
  env.id = MessageId{++next_message_id_};
  env.from = from;
  env.to = to;
  env.sent_tick = now_;
  const LinkRules rules = links_.rules(from, to);
  env.arrival_tick = add_ticks(now_, rng_.uniform(rules.delay_ticks_min, rules.delay_ticks_max));
  env.payload = std::move(payload);
  trace_send(env, why);
  const SendFate fate = links_.fate(env, rules, rng_);
  if (fate.held_back) {
    env.arrival_tick = add_ticks(env.arrival_tick, std::max<Tick>(0, fate.held_back_ticks));
    trace_held_back(env, fate);
  }
  if (!fate.lost.empty()) {
    record(trace_event::at_receiver(TraceKind::Drop, env, fate.lost));
    return;
  }
  schedule_delivery(env, {});
  if (fate.duplicate) send_copy(env, rules);
}

void Simulation::trace_send(const Envelope& env, const std::string& why) {
  record(trace_event::sent(env, why));
  trace_.record_message(env);
}

void Simulation::trace_held_back(const Envelope& env, const SendFate& fate) {
  trace_.update_message(env);
  record(trace_event::held_back(env, "held back " + std::to_string(fate.held_back_ticks) + " ticks by " +
                                         fate.held_back_by + " (arrives at t=" + std::to_string(env.arrival_tick) + ")"));
}

void Simulation::send_copy(const Envelope& env, const LinkRules& rules) {
  Envelope copy = env;
  copy.id = MessageId{++next_message_id_};
  copy.duplicate_of = env.id;
  copy.arrival_tick = add_ticks(now_, rng_.uniform(rules.delay_ticks_min, rules.delay_ticks_max));
  schedule_delivery(copy, "a duplicate of " + to_string(env.id));
}

void Simulation::schedule_delivery(Envelope env, const std::string& why) {
  if (!why.empty()) {
    trace_.record_message(env);
    record(trace_event::duplicated(env, why));
  }
  std::uint64_t seq = 0;
  push(env.arrival_tick, PendingEvent::Type::Delivery, env.id.value, &seq);
  network_.add(env, seq);
}

// ---- delivering -------------------------------------------------------------

void Simulation::deliver(const Envelope& env) {
  TraceEvent ev = trace_event::at_receiver(TraceKind::Deliver, env);
  if (!links_.connected(env.from, env.to)) {
    ev.kind = TraceKind::Drop;
    ev.why = "lost on arrival: " + to_string(env.from) + " can no longer reach " + to_string(env.to);
    record(std::move(ev));
    heartbeat_dropped(env);
    return;
  }
  if (env.to.is_client()) {
    deliver_to_client(env, std::move(ev));
  } else {
    deliver_to_server(env, std::move(ev));
  }
}

void Simulation::deliver_to_client(const Envelope& env, TraceEvent ev) {
  if (env.payload.kind != MsgKind::Reply) {
    ev.why = "clients only read replies";
    record(std::move(ev));
    return;
  }
  ClientState& c = clients_.write()[static_cast<std::size_t>(env.to.index - 1)];
  const ServerId s = env.from.server();
  c.replies.push_back(ClientState::ReplyRecord{s, env.payload.request, env.payload.state_len, now_});
  std::erase(c.unanswered, env.payload.request);
  const CheckerMark mark = checker_mark();
  checker_.write().on_reply(now_, c.id, s, env.payload.state_len);
  ev.kind = TraceKind::Reply;
  ev.value = env.payload.state_len;
  const auto& sigma = *slot(s).executed;
  const auto state_len = static_cast<std::size_t>(std::clamp<std::int64_t>(
      env.payload.state_len, 0, static_cast<std::int64_t>(sigma.size())));
  ev.why = to_string(c.id);
  ev.why += " now holds state ";
  // Long states are shortened (first 3 ... last 4 and the length) so a
  // trace line stays readable and costs the same however long the run.
  constexpr std::size_t kFullStateMax = 12;
  if (state_len <= kFullStateMax) {
    append_state_of(ev.why, s, state_len);
  } else {
    std::vector<RequestId> head(sigma.begin(), sigma.begin() + 3);
    std::vector<RequestId> tail(sigma.begin() + static_cast<std::ptrdiff_t>(state_len - 4),
                                sigma.begin() + static_cast<std::ptrdiff_t>(state_len));
    std::string h = format_state(head), t = format_state(tail);
    ev.why += h.substr(0, h.size() - 1) + " ... " + t.substr(1) + " (" + std::to_string(state_len) + " requests)";
  }
  ev.why += " from ";
  ev.why += to_string(s);
  const RequestId answered = env.payload.request;
  record(std::move(ev));
  trace_checker_findings(mark, NodeId::of(c.id), answered);
  if (config_.knobs.client_mode == ClientMode::ClosedLoop && c.unanswered.empty()) client_answered(c.id, answered);
}

void Simulation::deliver_to_server(const Envelope& env, TraceEvent ev) {
  const ServerId to = env.to.server();
  if (slot(to).crashed) {
    ev.kind = TraceKind::Drop;
    ev.why = "lost: " + to_string(to) + " is crashed";
    record(std::move(ev));
    heartbeat_dropped(env);
    return;
  }
  if (env.payload.kind == MsgKind::Heartbeat) {
    ev.why = to_string(env.from) + " is alive";
    record(std::move(ev));
  } else {
    Context ctx = make_context(to, env.from);
    mutable_server(to).on_message(ctx, env);
    ev.why = ctx.explanation();
    record(std::move(ev));
    enqueue_effects(to, ctx.effects(), false);
  }
  if (stage_->uses_failure_detector && env.from.is_server() && !slot(to).crashed &&
      fd_.ends_on_hearing(to, env.from.server()))
    heard_from(to, env.from.server());
}

void Simulation::heard_from(ServerId to, ServerId peer) {
  // Hearing from a suspected peer ends the suspicion (unless a standing rule
  // keeps it): a step of its own, after the handler's effects (the handler
  // saw the peer unsuspected already, make_context).
  QueuedEffect clear = work(QueuedEffect::Kind::Suspicion, to);
  clear.peer = peer;
  clear.suspected = false;
  clear.why = "heard from " + to_string(peer) + " again";
  QueuedEffect watch = work(QueuedEffect::Kind::WatchAgain, to);
  watch.peer = peer;
  enqueue({std::move(clear), std::move(watch)}, false);
}

void Simulation::watch_again(ServerId observer, ServerId peer) {
  // A message sent before its sender crashed: the sender is still silent,
  // so watch it again (otherwise it would never be suspected again).
  if (!slot(observer).crashed && !suspects(observer, peer) && !reaches(peer, observer)) {
    const TimerId pending = fd_.watch_timer(observer, peer);
    if (!pending.valid() || !timers_.count(pending.value)) arm_fd_timer(observer, peer);
  }
}

void Simulation::append_state_of(std::string& out, ServerId s, std::size_t len) {
  auto& sl = slot(s);
  if (sl.state_text_end.empty()) {
    sl.state_text = "<";
    sl.state_text_end.push_back(1);
  }
  while (sl.state_text_end.size() <= len) {
    const std::size_t k = sl.state_text_end.size() - 1;  // next request to add
    if (k > 0) sl.state_text += ' ';
    sl.state_text += to_string((*sl.executed)[k]);
    sl.state_text_end.push_back(sl.state_text.size());
  }
  out.reserve(out.size() + sl.state_text_end[len] + 16);
  out.append(sl.state_text, 0, sl.state_text_end[len]);
  out += '>';
}

// ---- timers -----------------------------------------------------------------

void Simulation::fire_timer(const TimerInfo& t) {
  TraceEvent ev = trace_event::timer(TraceKind::TimerFire, t.owner, t.id, t.tag, {});
  switch (t.kind) {
    case TimerKind::Stage: {
      const ServerId s = t.owner.server();
      if (slot(s).crashed) return;  // cannot happen: crash cancels timers
      Context ctx = make_context(s);
      mutable_server(s).on_timer(ctx, t);
      ev.why = ctx.explanation().empty() ? t.purpose : ctx.explanation();
      record(std::move(ev));
      enqueue_effects(s, ctx.effects(), false);
      return;
    }
    case TimerKind::FailureDetector: {
      const ServerId observer = t.owner.server();
      const ServerId peer{static_cast<int>(t.tag)};
      fd_.watch_timer(observer, peer) = TimerId{};
      const bool silent = !reaches(peer, observer);
      ev.why = silent ? "no word from " + to_string(peer) + " for " + std::to_string(config_.knobs.fd_timeout_ticks) + " ticks"
                      : to_string(peer) + " can be heard again: no suspicion";
      record(std::move(ev));
      if (fd_.suspect_on_silence(observer, peer, silent, !slot(observer).crashed)) {
        QueuedEffect suspect = work(QueuedEffect::Kind::Suspicion, observer);  // the next step
        suspect.peer = peer;
        suspect.suspected = true;
        suspect.why = "heard nothing from " + to_string(peer) + " for " +
                      std::to_string(config_.knobs.fd_timeout_ticks) + " ticks";
        enqueue({std::move(suspect)}, false);
      }
      return;
    }
    case TimerKind::Heartbeat:
      fire_heartbeat(t);
      return;
    case TimerKind::ClientRetry: {
      ClientState& c = clients_.write()[static_cast<std::size_t>(t.owner.index - 1)];
      c.retry_timer = TimerId{};
      ev.why = c.unanswered.empty() ? "every request answered" : "no reply yet: send again";
      record(std::move(ev));
      const std::vector<RequestId> again = c.unanswered;
      for (RequestId m : again) client_send(c.id, m, true);
      return;
    }
  }
}

// ---- effects ----------------------------------------------------------------

void Simulation::apply_effect(ServerId s, Effect& e) {
  auto& sl = slot(s);
  if (auto* send_e = std::get_if<SendEffect>(&e)) {
    NodeId to = send_e->to;
    if (!to.valid() && send_e->payload.kind == MsgKind::Reply) {
      const ClientId c = owner_of(send_e->payload.request);
      if (!c.valid()) {
        TraceEvent ev = trace_event::note("no client sent " + to_string(send_e->payload.request) + ": no reply",
                                          NodeId::of(s), send_e->payload.request);
        ev.msg_kind = MsgKind::Reply;
        record(std::move(ev));
        return;
      }
      to = NodeId::of(c);
    }
    send(NodeId::of(s), to, std::move(send_e->payload), send_e->why);
  } else if (auto* timer_e = std::get_if<SetTimerEffect>(&e)) {
    schedule_timer(timer_e->timer, true);
  } else if (auto* cancel_e = std::get_if<CancelTimerEffect>(&e)) {
    const auto it = timers_.find(cancel_e->id.value);
    if (it == timers_.end() || it->second.owner != NodeId::of(s)) return;
    timers_.erase(it);
    timer_queue_seq_.erase(cancel_e->id.value);
    record(trace_event::timer(TraceKind::TimerCancel, NodeId::of(s), cancel_e->id, 0, cancel_e->why));
  } else if (auto* exec_e = std::get_if<ExecuteEffect>(&e)) {
    // sigma grows here, when the Execute effect is carried out (not when the
    // handler recorded it); the checker looks at it now.
    sl.executed.write().push_back(exec_e->request);
    last_progress_tick_ = now_;
    record(trace_event::about_request(TraceKind::Execute, NodeId::of(s), exec_e->request, exec_e->slot, exec_e->why));
    const CheckerMark mark = checker_mark();
    checker_.write().on_execute(now_, s, std::span<const RequestId>(sl.executed->data(), sl.executed->size()));
    trace_checker_findings(mark, NodeId::of(s), exec_e->request);
  } else if (auto* note_e = std::get_if<NoteEffect>(&e)) {
    record(trace_event::note(std::move(note_e->text), NodeId::of(s), note_e->request, note_e->noop_slot));
  }
}

// ---- failure detector ---------------------------------------------------------

bool Simulation::reaches(ServerId from, ServerId to) const {
  return !slot(from).crashed && links_.connected(NodeId::of(from), NodeId::of(to));
}

std::vector<std::uint8_t> Simulation::reachability() const {
  const auto n = static_cast<std::size_t>(config_.servers);
  std::vector<std::uint8_t> r(n * n, 0);
  for (int a = 1; a <= config_.servers; ++a)
    for (int b = 1; b <= config_.servers; ++b)
      if (a != b) r[static_cast<std::size_t>(a - 1) * n + static_cast<std::size_t>(b - 1)] = reaches(ServerId{a}, ServerId{b});
  return r;
}

void Simulation::reachability_changed(const std::vector<std::uint8_t>& before) {
  if (!stage_->uses_failure_detector) return;
  const auto n = static_cast<std::size_t>(config_.servers);
  for (int p = 1; p <= config_.servers; ++p) {
    for (int o = 1; o <= config_.servers; ++o) {
      if (p == o) continue;
      const ServerId peer{p}, observer{o};
      if (slot(observer).crashed) continue;
      const std::size_t k = static_cast<std::size_t>(p - 1) * n + static_cast<std::size_t>(o - 1);
      const bool now_reaches = reaches(peer, observer);
      if (before[k] && !now_reaches && !suspects(observer, peer)) {
        // A timer still pending from an earlier outage (the peer was heard
        // again in between) would suspect too early: the silence must last
        // fd_timeout_ticks from now.
        cancel_fd_timer(observer, peer, to_string(peer) + " could be heard in between: the silence starts again");
        arm_fd_timer(observer, peer);
      } else if (!before[k] && now_reaches && fd_.ends_on_hearing(observer, peer)) {
        Payload hb;
        hb.kind = MsgKind::Heartbeat;
        send(NodeId::of(peer), NodeId::of(observer), hb,
             to_string(peer) + " can reach " + to_string(observer) + " again");
      }
    }
  }
  sync_heartbeats();
}

void Simulation::arm_fd_timer(ServerId observer, ServerId peer) {
  fd_.watch_timer(observer, peer) =
      arm_timer(NodeId::of(observer), TimerKind::FailureDetector, peer.value, config_.knobs.fd_timeout_ticks,
                "suspect " + to_string(peer) + " if still silent", true);
}

TimerId Simulation::arm_timer(NodeId owner, TimerKind kind, std::int64_t tag, Tick delay_ticks, std::string purpose,
                              bool traced) {
  TimerInfo t;
  t.id = TimerId{++next_timer_id_};
  t.owner = owner;
  t.kind = kind;
  t.tag = tag;
  t.set_tick = now_;
  t.due_tick = add_ticks(now_, delay_ticks);
  t.purpose = std::move(purpose);
  const TimerId id = t.id;
  schedule_timer(std::move(t), traced);
  return id;
}

void Simulation::schedule_timer(TimerInfo t, bool traced) {
  std::uint64_t seq = 0;
  push(t.due_tick, PendingEvent::Type::Timer, t.id.value, &seq);
  timer_queue_seq_[t.id.value] = seq;
  TraceEvent ev = trace_event::timer(TraceKind::TimerSet, t.owner, t.id, t.due_tick, {});
  if (trace_.is_off()) {
    t.purpose.clear();  // explanatory text nobody reads (trace_off)
  } else {
    ev.why = t.purpose;
  }
  timers_[t.id.value] = std::move(t);
  if (traced) record(std::move(ev));
}

void Simulation::cancel_fd_timer(ServerId observer, ServerId peer, const std::string& why) {
  TimerId& pending = fd_.watch_timer(observer, peer);
  if (pending.valid() && timers_.count(pending.value)) {
    timers_.erase(pending.value);
    timer_queue_seq_.erase(pending.value);
    record(trace_event::timer(TraceKind::TimerCancel, NodeId::of(observer), pending, 0, why));
  }
  pending = TimerId{};
}

void Simulation::set_suspected(ServerId observer, ServerId peer, bool suspected, const std::string& why,
                               bool front) {
  const ServerId old_leader = leader_of(observer);
  fd_.set_suspected(observer, peer, suspected);
  // A suspicion makes the "suspect if still silent" timer moot; cancelling it
  // keeps the failure detector's state the same whichever of "peer crashes"
  // and "observer suspects peer" comes first (the break-finder relies on it).
  if (suspected) cancel_fd_timer(observer, peer, "already suspects " + to_string(peer));
  record(trace_event::between(suspected ? TraceKind::Suspect : TraceKind::Unsuspect, NodeId::of(observer),
                              NodeId::of(peer), why));
  sync_heartbeat(peer, observer);
  // The leader change (a step of its own) and then the stage's
  // on_suspicion_change call, in front of the rest when this suspicion was
  // itself queued work (the order of a nested call).
  std::vector<QueuedEffect> follow;
  if (leader_of(observer) != old_leader) {
    QueuedEffect change = work(QueuedEffect::Kind::LeaderChange, observer);
    change.peer = old_leader;
    follow.push_back(std::move(change));
  }
  QueuedEffect react = work(QueuedEffect::Kind::SuspicionHandler, observer);
  react.peer = peer;
  react.suspected = suspected;
  follow.push_back(std::move(react));
  enqueue(std::move(follow), front);
}

void Simulation::leader_changed(ServerId observer, ServerId old_leader) {
  const ServerId leader = leader_of(observer);
  record(trace_event::between(
      TraceKind::LeaderChange, NodeId::of(observer), NodeId::of(leader),
      to_string(observer) + " now takes " + to_string(leader) + " as leader (was " + to_string(old_leader) + ")"));
  Context ctx = make_context(observer);
  mutable_server(observer).on_leader_change(ctx, old_leader);
  enqueue_effects(observer, ctx.effects(), true);
}

// ---- checker findings -----------------------------------------------------------

Simulation::CheckerMark Simulation::checker_mark() const {
  return CheckerMark{checker_->violations().size(), checker_->warnings().size()};
}

void Simulation::trace_checker_findings(const CheckerMark& mark, NodeId who, RequestId m) {
  for (std::size_t v = mark.violations; v < checker_->violations().size(); ++v) {
    record(trace_event::about_request(TraceKind::Violation, who, m, 0, checker_->violations()[v].explanation));
  }
  for (std::size_t w = mark.warnings; w < checker_->warnings().size(); ++w) {
    record(trace_event::note(std::string("warning: ") + checker_->warnings()[w].explanation,
                             NodeId::of(checker_->warnings()[w].server), m));
  }
}

// ---- clients ------------------------------------------------------------------

void Simulation::set_request_owner(RequestId m, ClientId c) {
  const auto i = static_cast<std::size_t>(m.value);
  if (i < request_owner_->size() && (*request_owner_)[i] == c) return;  // already known: stay shared
  std::vector<ClientId>& owners = request_owner_.write();
  if (owners.size() <= i) owners.resize(i + 1);
  owners[i] = c;
}

void Simulation::client_request(ClientId c, RequestId m) {
  ClientState& cl = clients_.write()[static_cast<std::size_t>(c.value - 1)];
  set_request_owner(m, c);
  if (config_.knobs.client_mode == ClientMode::ClosedLoop && (!cl.unanswered.empty() || !cl.waiting.empty())) {
    cl.waiting.push_back(m);
    const RequestId before = cl.waiting.size() > 1 ? cl.waiting[cl.waiting.size() - 2] : cl.unanswered.front();
    record(trace_event::note(to_string(m) + " waits in " + to_string(c) + "'s queue: a closed-loop client sends it once " +
                                 to_string(before) + " is answered",
                             NodeId::of(c), m));
    return;
  }
  client_send(c, m, false);
}

void Simulation::client_answered(ClientId c, RequestId answered) {
  ClientState& cl = clients_.write()[static_cast<std::size_t>(c.value - 1)];
  if (cl.retry_timer.valid()) {
    timers_.erase(cl.retry_timer.value);
    timer_queue_seq_.erase(cl.retry_timer.value);
    cl.retry_timer = TimerId{};
  }
  if (cl.waiting.empty()) return;
  const RequestId next = cl.waiting.front();
  cl.waiting.erase(cl.waiting.begin());
  client_send(c, next, false,
              to_string(c) + " sends " + to_string(next) + " to every server (the reply to " + to_string(answered) +
                  " arrived; it waited in the queue)");
}

void Simulation::client_send(ClientId c, RequestId m, bool retry, const std::string& why) {
  ClientState& cl = clients_.write()[static_cast<std::size_t>(c.value - 1)];
  if (!retry) {
    cl.sent.push_back(m);
    cl.unanswered.push_back(m);
    set_request_owner(m, c);
    checker_.write().on_request_sent(m, c);
    last_progress_tick_ = now_;
  }
  record(trace_event::about_request(
      TraceKind::ClientRequest, NodeId::of(c), m, 0,
      !why.empty() ? why : retry ? "resent: no reply yet" : to_string(c) + " sends " + to_string(m) + " to every server"));
  Payload p;
  p.kind = MsgKind::Request;
  p.request = m;
  for (int s = 1; s <= config_.servers; ++s) send(NodeId::of(c), NodeId::of(ServerId{s}), p, {});
  if (config_.knobs.client_retry_ticks > 0 && !cl.retry_timer.valid()) {
    cl.retry_timer = arm_timer(NodeId::of(c), TimerKind::ClientRetry, 0, config_.knobs.client_retry_ticks,
                               "resend unanswered requests", false);
  }
}

}  // namespace paxoslab
