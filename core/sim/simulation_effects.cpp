// Simulation: effects in progress - one visible effect of a handler per step
// (the rule is in core/sim/simulation.hpp, "Effects in progress").
#include <algorithm>

#include "core/sim/simulation.hpp"

namespace paxoslab {

bool Simulation::visible(const QueuedEffect& w) {
  switch (w.kind) {
    case QueuedEffect::Kind::Handler:
      return !std::holds_alternative<SetTimerEffect>(w.effect) && !std::holds_alternative<CancelTimerEffect>(w.effect);
    case QueuedEffect::Kind::Suspicion:
    case QueuedEffect::Kind::LeaderChange: return true;
    case QueuedEffect::Kind::SuspicionHandler:
    case QueuedEffect::Kind::WatchAgain:
    case QueuedEffect::Kind::Reachability: return false;
  }
  return true;
}

Simulation::QueuedEffect Simulation::work(QueuedEffect::Kind kind, ServerId s) {
  QueuedEffect w;
  w.id = ++next_effect_id_;
  w.kind = kind;
  w.server = s;
  return w;
}

void Simulation::enqueue(std::vector<QueuedEffect> items, bool front) {
  if (front) {
    effects_.insert(effects_.begin(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
  } else {
    for (auto& w : items) effects_.push_back(std::move(w));
  }
}

void Simulation::enqueue_effects(ServerId s, std::vector<Effect>& effects, bool front) {
  if (!front) {  // at the back: straight into the queue
    for (auto& e : effects) {
      effects_.push_back(work(QueuedEffect::Kind::Handler, s));
      effects_.back().effect = std::move(e);
    }
    return;
  }
  std::vector<QueuedEffect> items;
  items.reserve(effects.size());
  for (auto& e : effects) {
    QueuedEffect w = work(QueuedEffect::Kind::Handler, s);
    w.effect = std::move(e);
    items.push_back(std::move(w));
  }
  enqueue(std::move(items), front);
}

void Simulation::carry_out_effect(QueuedEffect w) {
  switch (w.kind) {
    case QueuedEffect::Kind::Handler: apply_effect(w.server, w.effect); return;
    case QueuedEffect::Kind::Suspicion:
      // Re-checked: an action between the cause and this step may have made it moot.
      if (slot(w.server).crashed || suspects(w.server, w.peer) == w.suspected) return;
      if (w.suspected && reaches(w.peer, w.server)) return;
      if (!w.suspected && keeps_suspecting(w.server, w.peer)) return;
      set_suspected(w.server, w.peer, w.suspected, w.why, true);
      return;
    case QueuedEffect::Kind::LeaderChange: leader_changed(w.server, w.peer); return;
    case QueuedEffect::Kind::SuspicionHandler: {
      Context ctx = make_context(w.server);
      mutable_server(w.server).on_suspicion_change(ctx, w.peer, w.suspected);
      enqueue_effects(w.server, ctx.effects(), true);
      return;
    }
    case QueuedEffect::Kind::WatchAgain: watch_again(w.server, w.peer); return;
    case QueuedEffect::Kind::Reachability: reachability_changed(w.before); return;
  }
}

void Simulation::effect_step() {
  ++steps_;
  QueuedEffect w = std::move(effects_.front());
  effects_.erase(effects_.begin());
  carry_out_effect(std::move(w));
  settle();
}

void Simulation::settle() {
  while (true) {
    // Bookkeeping rides along with the visible effect before it; in atomic
    // mode everything does.
    while (!effects_.empty() && (atomic_ || !visible(effects_.front()))) {
      QueuedEffect w = std::move(effects_.front());
      effects_.erase(effects_.begin());
      carry_out_effect(std::move(w));
    }
    if (fired_.empty()) {
      check_invariants();
      refresh_server_hashes();
      return;
    }
    const int i = fired_.front();
    fired_.erase(fired_.begin());
    script_done_[static_cast<std::size_t>(i)] = 1;
    apply_now(script_[static_cast<std::size_t>(i)].action);
  }
}

void Simulation::check_invariants() {
  for (int i = 1; touched_ != 0 && i <= config_.servers; ++i) {
    const std::uint32_t bit = 1u << (i - 1);
    if (!(touched_ & bit)) continue;
    touched_ &= ~bit;
    PaxosState st;
    if (!slot(ServerId{i}).server->paxos_state(st)) continue;
    if (invariants_->up_to_date(ServerId{i}, st)) continue;  // stays shared with other copies
    std::vector<Violation> found;
    invariants_.write().check(now_, ServerId{i}, st, found);
    if (found.empty()) continue;
    const CheckerMark mark = checker_mark();
    for (auto& v : found) checker_.write().add_invariant_violation(std::move(v));
    trace_checker_findings(mark, NodeId::of(ServerId{i}), RequestId{});
  }
  touched_ = 0;
}

std::uint64_t Simulation::finish_effects() {
  std::uint64_t n = 0;
  while (!effects_.empty()) {
    effect_step();
    ++n;
  }
  return n;
}

namespace {

std::string describe_handler_effect(const Simulation& sim, const Effect& e) {
  if (const auto* send = std::get_if<SendEffect>(&e)) {
    if (!send->to.valid() && send->payload.kind == MsgKind::Reply) {
      const ClientId c = sim.owner_of(send->payload.request);
      return "reply to " + (c.valid() ? to_string(c) : std::string("its client")) + " for " +
             to_string(send->payload.request);
    }
    return "send " + describe(send->payload) + " to " + to_string(send->to);
  }
  if (const auto* x = std::get_if<ExecuteEffect>(&e))
    return "execute " + to_string(x->request) + (x->slot != 0 ? " (slot " + std::to_string(x->slot) + ")" : "");
  if (const auto* t = std::get_if<SetTimerEffect>(&e)) return "arm a timer (" + t->timer.purpose + ")";
  if (const auto* c = std::get_if<CancelTimerEffect>(&e)) return "cancel timer " + to_string(c->id);
  if (const auto* n = std::get_if<NoteEffect>(&e)) return "note \"" + n->text + "\"";
  return "an effect";
}

}  // namespace

std::string Simulation::discard_effects(ServerId s) {
  std::string gone;
  int bookkeeping = 0;
  for (auto it = effects_.begin(); it != effects_.end();) {
    if (it->server != s) {
      ++it;
      continue;
    }
    const bool timer = it->kind == QueuedEffect::Kind::Handler && !visible(*it);
    if (timer) {
      ++bookkeeping;
    } else if (it->kind != QueuedEffect::Kind::WatchAgain && it->kind != QueuedEffect::Kind::Reachability) {
      PendingEvent p;
      p.type = PendingEvent::Type::HandlerEffect;
      p.effect = it->id;
      std::string text = describe_effect(p);
      text.erase(0, to_string(s).size() + 2);  // "S1: "
      gone += (gone.empty() ? "" : "; ") + text;
    }
    it = effects_.erase(it);
  }
  if (bookkeeping > 0)
    gone += (gone.empty() ? "" : "; and ") + std::to_string(bookkeeping) + (bookkeeping == 1 ? " timer change" : " timer changes");
  return gone;
}

PendingEvent Simulation::pending_effect(const QueuedEffect& w) const {
  PendingEvent p;
  p.type = PendingEvent::Type::HandlerEffect;
  p.tick = now_;
  p.seq = w.id;
  p.effect = w.id;
  return p;
}

std::string Simulation::describe_effect(const PendingEvent& e) const {
  if (e.type != PendingEvent::Type::HandlerEffect) return {};
  const auto it = std::find_if(effects_.begin(), effects_.end(), [&](const QueuedEffect& w) { return w.id == e.effect; });
  if (it == effects_.end()) return {};
  std::string text = to_string(it->server) + ": ";
  switch (it->kind) {
    case QueuedEffect::Kind::Handler: return text + describe_handler_effect(*this, it->effect);
    case QueuedEffect::Kind::Suspicion:
      return text + (it->suspected ? "suspect " : "stop suspecting ") + to_string(it->peer) + " (" + it->why + ")";
    case QueuedEffect::Kind::LeaderChange: return text + "change leader (was " + to_string(it->peer) + ")";
    case QueuedEffect::Kind::SuspicionHandler:
      return text + "react to " + (it->suspected ? "suspecting " : "hearing from ") + to_string(it->peer);
    case QueuedEffect::Kind::WatchAgain: return text + "watch " + to_string(it->peer) + " again";
    case QueuedEffect::Kind::Reachability: return text + "tell peers it is back";
  }
  return text;
}

}  // namespace paxoslab
