#include "gui/model/node_state.hpp"

#include <algorithm>

namespace paxoslab::gui {

namespace {

/// The leader `s` believes in: its stage's own belief (Stages 1-3), else its
/// failure detector's (Stage 4); invalid in a stage with no leader.
ServerId believed_leader(const Simulation& sim, ServerId s, const ServerView& v) {
  if (v.leader.valid()) return v.leader;
  if (sim.stage().uses_failure_detector) return sim.leader_of(s);
  return ServerId{};
}

std::string role_text(const Simulation& sim, ServerId s, const ServerView& v) {
  if (sim.crashed(s)) return "crashed";
  // Stage 4: a follower acts on the round it promised, whatever its failure
  // detector says (Fig. 10: it ignores every lower round).
  const ServerId owner = round_owner(sim.config(), v.promised);
  const ServerId l = owner.valid() && owner != s ? owner : believed_leader(sim, s, v);
  if (v.role == "follower" && l.valid() && l != s) return "follower of " + to_string(l);
  return v.role;
}

/// "no-op: m1 again in slot 1" for the last no-op of `s` less than
/// kNoOpShownTicks ago with no Execute of `s` after it; empty otherwise.
std::string recent_noop(const Simulation& sim, ServerId s) {
  const auto& events = sim.trace().events();
  const NodeId who = NodeId::of(s);
  for (auto it = events.rbegin(); it != events.rend() && it->tick + kNoOpShownTicks > sim.now(); ++it) {
    if (it->who != who) continue;
    if (it->kind == TraceKind::Execute) return {};
    if (it->kind != TraceKind::Note || it->value <= 0) continue;
    const std::string slot = "in slot " + std::to_string(it->value);
    return it->request.is_noop() ? "no-op " + slot : "no-op: " + to_string(it->request) + " again " + slot;
  }
  return {};
}

}  // namespace

ServerId round_owner(const SimConfig& config, std::int64_t rnd) {
  if (rnd <= 0 || config.servers < 1) return ServerId{};
  if (config.knobs.round_numbering == RoundNumbering::ServerId)
    return rnd <= config.servers ? ServerId{static_cast<int>(rnd)} : ServerId{};
  return ServerId{static_cast<int>((rnd - 1) % config.servers) + 1};
}

std::vector<NodeLine> node_state_lines(const Simulation& sim, ServerId s, const ServerView& v) {
  std::vector<NodeLine> out;
  out.push_back({NodeLine::Kind::Role, role_text(sim, s, v)});
  if (sim.crashed(s)) return out;
  if (v.promised >= 0) {
    const bool leading = v.role != "follower" && v.rnd > 0;
    std::string r = leading ? "rnd " + std::to_string(v.rnd) + ", " : std::string();
    out.push_back({NodeLine::Kind::Rounds, r + "promised " + std::to_string(v.promised)});
  }
  if (!v.waiting.empty()) out.push_back({NodeLine::Kind::Waiting, "waiting: " + v.waiting});
  if (std::string n = recent_noop(sim, s); !n.empty()) out.push_back({NodeLine::Kind::NoOp, std::move(n)});
  return out;
}

HandlerBacklog handler_backlog(const Simulation& sim, ServerId s) {
  HandlerBacklog out;
  if (sim.effects_in_progress() == 0) return out;
  const std::string prefix = to_string(s) + ": ";
  bool mine = false;  // a timer change rides along with its own server's visible effect, or is listed when next
  for (const PendingEvent& e : sim.pending()) {
    if (e.type != PendingEvent::Type::HandlerEffect) break;  // effects in progress come first
    const std::string text = sim.describe_effect(e);
    if (text.rfind(prefix, 0) != 0) continue;
    mine = true;
    if (text.find(": cancel timer ") != std::string::npos || text.find(": arm a timer ") != std::string::npos) continue;
    std::string effect = text.substr(prefix.size());
    // A note is the server's own words: shown as they will appear in the log
    // ("note "S3 restarts ..."" reads as a quotation of code).
    if (effect.rfind("note \"", 0) == 0 && effect.size() >= 7 && effect.back() == '"')
      effect = "note: " + effect.substr(6, effect.size() - 7);
    out.effects.push_back(std::move(effect));
  }
  if (!mine) return out;
  const NodeId owner = NodeId::of(s);
  const auto timers_of = [&](const Simulation& x) {
    std::vector<TimerInfo> v;
    for (const auto& [id, t] : x.timers_by_id())
      if (t.owner == owner) v.push_back(t);
    return v;
  };
  const auto has = [](const std::vector<TimerInfo>& v, TimerId id) {
    return std::any_of(v.begin(), v.end(), [&](const TimerInfo& t) { return t.id == id; });
  };
  Simulation after = sim.snapshot();
  after.finish_effects();
  const std::vector<TimerInfo> now = timers_of(sim);
  const std::vector<TimerInfo> later = timers_of(after);
  for (const TimerInfo& t : now)
    if (!has(later, t.id)) out.cancels.push_back(t.id);
  for (const TimerInfo& t : later)
    if (!has(now, t.id)) out.arms.push_back(t);
  return out;
}

std::vector<bool> changed_lines(const std::vector<NodeLine>& before, const std::vector<NodeLine>& after) {
  std::vector<bool> out;
  out.reserve(after.size());
  for (const NodeLine& a : after) {
    const auto it = std::find_if(before.begin(), before.end(), [&](const NodeLine& b) { return b.kind == a.kind; });
    out.push_back(it == before.end() || it->text != a.text);
  }
  return out;
}

float timer_fraction_left(const TimerInfo& t, double now) {
  if (t.due_tick <= t.set_tick) return 0.0f;
  const double f = (static_cast<double>(t.due_tick) - now) / static_cast<double>(t.due_tick - t.set_tick);
  return static_cast<float>(std::clamp(f, 0.0, 1.0));
}

std::vector<TimerGlance> node_timers(const Simulation& sim, NodeId n, double now) {
  std::vector<TimerGlance> out;
  for (const auto& [id, t] : sim.timers_by_id()) {
    if (t.owner != n) continue;
    TimerGlance g;
    g.timer = t;
    g.fraction_left = timer_fraction_left(t, now);
    const std::string at = " at t=" + std::to_string(t.due_tick);
    switch (t.kind) {
      case TimerKind::FailureDetector:
        g.label = to_string(n) + " suspects " + to_string(ServerId{static_cast<int>(t.tag)}) + at + " if still silent";
        break;
      case TimerKind::ClientRetry: g.label = to_string(n) + " sends its requests again" + at + " if no reply"; break;
      case TimerKind::Heartbeat:
        g.label = to_string(n) + " sends " + to_string(ServerId{static_cast<int>(t.tag)}) + " a heartbeat" + at;
        break;
      case TimerKind::Stage:
        g.label = to_string(n) + ": " + (t.purpose.empty() ? std::string("timer") : t.purpose) + at;
        break;
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace paxoslab::gui
