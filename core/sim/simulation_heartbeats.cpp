// Simulation: the heartbeats of the failure detector (simulation.hpp,
// "Failure detector"; docs/protocol.md, "Failure detection") and the user's
// suspect / trust actions.
#include <algorithm>

#include "core/sim/simulation.hpp"
#include "core/sim/trace_events.hpp"

namespace paxoslab {

bool Simulation::heartbeat_in_flight(ServerId from, ServerId to) const {
  const NodeId f = NodeId::of(from), t = NodeId::of(to);
  for (const auto& [id, m] : network_.in_flight())
    if (m.envelope.payload.kind == MsgKind::Heartbeat && m.envelope.from == f && m.envelope.to == t) return true;
  return false;
}

void Simulation::sync_heartbeat(ServerId from, ServerId to) {
  if (!stage_->uses_failure_detector || from == to) return;
  TimerId& pending = fd_.heartbeat_timer(from, to);
  const bool armed = pending.valid() && timers_.count(pending.value);
  const bool wanted = !slot(to).crashed && fd_.wants_heartbeat(from, to) && reaches(from, to) &&
                      !heartbeat_in_flight(from, to);
  if (wanted && !armed) {
    pending = arm_timer(NodeId::of(from), TimerKind::Heartbeat, to.value, config_.knobs.heartbeat_ticks(),
                        "heartbeat to " + to_string(to) + " (" + to_string(to) + " suspects " + to_string(from) + ")",
                        true);
  } else if (!wanted && armed) {
    timers_.erase(pending.value);
    timer_queue_seq_.erase(pending.value);
    record(trace_event::timer(TraceKind::TimerCancel, NodeId::of(from), pending, 0,
                              slot(to).crashed       ? to_string(to) + " is crashed: no heartbeat needed"
                              : !suspects(to, from) ? to_string(to) + " no longer suspects " + to_string(from)
                              : !reaches(from, to)  ? to_string(from) + " cannot reach " + to_string(to)
                                                    : "no heartbeat needed"));
    pending = TimerId{};
  } else if (!armed) {
    pending = TimerId{};
  }
}

void Simulation::sync_heartbeats() {
  if (!stage_->uses_failure_detector) return;
  for (int a = 1; a <= config_.servers; ++a)
    for (int b = 1; b <= config_.servers; ++b)
      if (a != b) sync_heartbeat(ServerId{a}, ServerId{b});
}

void Simulation::fire_heartbeat(const TimerInfo& t) {
  const ServerId from = t.owner.server();
  const ServerId to{static_cast<int>(t.tag)};
  fd_.heartbeat_timer(from, to) = TimerId{};
  record(trace_event::timer(TraceKind::TimerFire, t.owner, t.id, t.tag, "heartbeat to " + to_string(to)));
  Payload hb;
  hb.kind = MsgKind::Heartbeat;
  send(NodeId::of(from), NodeId::of(to), hb,
       "sent " + to_string(to) + " nothing for " + std::to_string(config_.knobs.heartbeat_ticks()) +
           " ticks: a heartbeat (drawn only when it ends a suspicion)");
  sync_heartbeat(from, to);  // lost at once: the next one a period later
}

void Simulation::heartbeat_dropped(const Envelope& env) {
  if (env.payload.kind == MsgKind::Heartbeat && env.from.is_server() && env.to.is_server())
    sync_heartbeat(env.from.server(), env.to.server());
}

std::string Simulation::fd_action_refusal(ServerId observer) const {
  if (!valid_server(observer)) return "there is no server " + to_string(observer);
  if (slot(observer).crashed) return to_string(observer) + " is crashed";
  if (!stage_->uses_failure_detector) return "Stage " + std::to_string(stage_->number) + " has no failure detector";
  return {};
}

std::string Simulation::refuse(std::string text) {
  record(trace_event::note("not applied: " + text));
  return text;
}

std::string Simulation::apply_action(const SuspectAction& a) {
  if (std::string no = fd_action_refusal(a.observer); !no.empty()) return refuse(std::move(no));
  const ServerId peer = a.peer.valid() ? a.peer : leader_of(a.observer);
  if (!valid_server(peer)) return refuse("there is no server " + to_string(peer));
  if (peer == a.observer) return refuse(to_string(a.observer) + " cannot suspect itself");
  if (suspects(a.observer, peer)) {
    if (!a.keep || keeps_suspecting(a.observer, peer))
      return refuse(to_string(a.observer) + " already suspects " + to_string(peer));
    fd_.set_kept(a.observer, peer, true);
    record_fault(to_string(a.observer) + " keeps suspecting " + to_string(peer) + " (a standing rule, until trusted)",
                 NodeId::of(a.observer), NodeId::of(peer));
    sync_heartbeat(peer, a.observer);
    return {};
  }
  if (a.keep) fd_.set_kept(a.observer, peer, true);
  const bool fine = reaches(peer, a.observer);
  std::string why = fine ? "a false suspicion: " + to_string(peer) + " is fine" : "suspected at once (fault)";
  if (a.keep) {
    why += "; kept by a standing rule until trusted";
  } else if (fine) {
    why += "; it ends when " + to_string(peer) + "'s next heartbeat arrives";
  }
  set_suspected(a.observer, peer, true, why, false);
  return {};
}

std::string Simulation::apply_action(const TrustAction& a) {
  if (std::string no = fd_action_refusal(a.observer); !no.empty()) return refuse(std::move(no));
  if (a.peer.valid() && !valid_server(a.peer)) return refuse("there is no server " + to_string(a.peer));
  if (a.peer == a.observer) return refuse(to_string(a.observer) + " cannot trust itself");
  std::vector<ServerId> peers;
  for (int p = 1; p <= config_.servers; ++p)
    if ((!a.peer.valid() || a.peer.value == p) && suspects(a.observer, ServerId{p})) peers.push_back(ServerId{p});
  if (peers.empty())
    return refuse(to_string(a.observer) + " does not suspect " + (a.peer.valid() ? to_string(a.peer) : std::string("anyone")));
  // The first peer is trusted now (this action's step); each further one is a
  // step of its own after the handler effects the previous one caused (core/
  // simulation.hpp, "Effects in progress"). A peer still silent (crashed, cut
  // off) is watched again by the failure detector.
  for (ServerId peer : peers) fd_.set_kept(a.observer, peer, false);
  const std::string why = " again (fault)";
  for (std::size_t i = 0; i < peers.size(); ++i) {
    const ServerId peer = peers[i];
    const std::string text = to_string(a.observer) + " trusts " + to_string(peer) + why;
    std::vector<QueuedEffect> items;
    if (i == 0) {
      set_suspected(a.observer, peer, false, text, false);
    } else {
      QueuedEffect trust = work(QueuedEffect::Kind::Suspicion, a.observer);
      trust.peer = peer;
      trust.suspected = false;
      trust.why = text;
      items.push_back(std::move(trust));
    }
    QueuedEffect watch = work(QueuedEffect::Kind::WatchAgain, a.observer);
    watch.peer = peer;
    items.push_back(std::move(watch));
    enqueue(std::move(items), false);
  }
  return {};
}

}  // namespace paxoslab
