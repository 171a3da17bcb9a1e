#include "core/compare/compare.hpp"

#include "core/scenario/portable_faults.hpp"

#include <algorithm>

namespace paxoslab {

namespace {
std::string stage_name(const Simulation& s) {
  return "Stage " + std::to_string(s.stage().number) + " (" + s.stage().name + ")";
}

// True if a is a prefix of b or b of a.
bool comparable(const std::vector<RequestId>& a, const std::vector<RequestId>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
}

// The first reply `client` got for `m`, or nullptr.
const ClientState::ReplyRecord* first_reply(const ClientState& client, RequestId m) {
  for (const auto& r : client.replies)
    if (r.request == m) return &r;
  return nullptr;
}

// Message-level selection rewritten as "from A to B", which every stage has.
MessagePattern neutral_pattern(const Simulation& source, MessageId id, const MessagePattern& fallback) {
  if (!id.valid()) return fallback;
  MessagePattern p;
  if (const auto* f = source.network().find(id)) {
    p.from = f->envelope.from;
    p.to = f->envelope.to;
  }
  return p;
}
}  // namespace

std::string compare_refusal(const Scenario& scenario) {
  if (scenario.schedule.empty() || !scenario.faults.empty()) return {};
  return "this scenario is an explicit [[choose]] schedule (" + std::to_string(scenario.schedule.size()) +
         " choices naming one stage's messages) without [[fault]] tables, so nothing in it can drive another "
         "stage. The break-finder writes both: search again with --write (or Save in the app); or replay this "
         "one with 'paxos-lab-cli run'";
}

Scenario comparable_scenario(const Scenario& scenario) {
  return scenario.schedule.empty() ? scenario : scenario_of_faults(scenario);
}

const char* to_string(Difference::Kind k) {
  switch (k) {
    case Difference::Kind::Execution: return "execution";
    case Difference::Kind::Reply: return "reply";
    case Difference::Kind::Safety: return "safety";
    case Difference::Kind::Liveness: return "liveness";
  }
  return "?";
}

Comparison::Comparison(Simulation left, Simulation right) : sides_{std::move(left), std::move(right)} {}

Tick Comparison::now() const { return std::max(sides_[0].now(), sides_[1].now()); }

bool Comparison::step() {
  std::optional<Tick> next;
  for (const auto& s : sides_)
    if (auto e = s.next_event()) next = next ? std::min(*next, e->tick) : e->tick;
  if (!next) return false;
  for (auto& s : sides_) {
    while (true) {
      const auto e = s.next_event();
      if (!e || e->tick > *next) break;
      s.step();
    }
  }
  ++steps_;
  check_outcomes();
  return true;
}

std::uint64_t Comparison::run(std::uint64_t max_steps) {
  std::uint64_t n = 0;
  while (n < max_steps && step()) ++n;
  check_liveness();
  return n;
}

Action Comparison::map_for_side(const Action& action, int source, int target, std::string& note) const {
  const Simulation& src = sides_[static_cast<std::size_t>(source)];
  const Simulation& dst = sides_[static_cast<std::size_t>(target)];
  const auto remap = [&](MessageId id, const MessagePattern& fallback, auto make_now, FilterAction::Effect effect,
                         Tick delay_ticks) -> Action {
    if (source == target && id.valid()) return make_now(id, fallback);
    const MessagePattern p = neutral_pattern(src, id, fallback);
    for (const auto& [mid, f] : dst.network().in_flight()) {
      if (p.matches(f.envelope)) {
        note = "applied to " + to_string(MessageId{mid}) + ", the earliest " + p.describe() + " in flight";
        return make_now(MessageId{mid}, p);
      }
    }
    note = "none in flight: applies to the next " + p.describe();
    FilterAction rule;
    rule.name = "compare-" + std::to_string(steps_) + "-" + p.describe();
    rule.pattern = p;
    rule.effect = effect;
    rule.count = 1;
    rule.delay_ticks = delay_ticks;
    return rule;
  };
  if (const auto* a = std::get_if<LoseAction>(&action))
    return remap(a->id, a->pattern, [](MessageId id, const MessagePattern& p) -> Action { return LoseAction{id, p}; },
                 FilterAction::Effect::Lose, 0);
  if (const auto* a = std::get_if<DuplicateAction>(&action))
    return remap(a->id, a->pattern,
                 [](MessageId id, const MessagePattern& p) -> Action { return DuplicateAction{id, p}; },
                 FilterAction::Effect::Duplicate, 0);
  if (const auto* a = std::get_if<DelayAction>(&action)) {
    const Tick ticks = a->ticks;
    return remap(a->id, a->pattern,
                 [ticks](MessageId id, const MessagePattern& p) -> Action { return DelayAction{id, p, ticks}; },
                 FilterAction::Effect::Delay, ticks);
  }
  if (const auto* a = std::get_if<DeliverNowAction>(&action)) {
    const MessagePattern p = neutral_pattern(src, a->id, a->pattern);
    if (source == target && a->id.valid()) return *a;
    return DeliverNowAction{MessageId{}, p};
  }
  return action;
}

CompareApply Comparison::apply(const Action& action, int source) {
  CompareApply out;
  source &= 1;
  // Map for both sides before changing either (ids refer to the source's state).
  std::array<Action, 2> mapped{map_for_side(action, source, 0, out.note[0]),
                               map_for_side(action, source, 1, out.note[1])};
  for (int i = 0; i < 2; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    out.applied[idx] = mapped[idx];
    out.error[idx] = sides_[idx].apply(mapped[idx]);
    if (!out.error[idx].empty()) out.error[idx] = stage_name(sides_[idx]) + ": " + out.error[idx];
  }
  check_outcomes();
  return out;
}

Difference Comparison::make_difference(Difference::Kind kind, NodeId where, std::string text) const {
  Difference d;
  d.kind = kind;
  d.tick = now();
  d.lockstep_step = steps_;
  d.trace_seq = {sides_[0].trace().size(), sides_[1].trace().size()};
  d.where = where;
  d.description = std::move(text);
  return d;
}

void Comparison::check_lead() {
  if (lead_) return;
  const Simulation& a = sides_[0];
  const Simulation& b = sides_[1];
  const int servers = std::min(a.config().servers, b.config().servers);
  for (int s = 1; s <= servers; ++s) {
    const auto& x = a.executed(ServerId{s});
    const auto& y = b.executed(ServerId{s});
    if (x.size() == y.size() || !comparable(x, y)) continue;  // level, or a difference (below)
    const Simulation& ahead = x.size() > y.size() ? a : b;
    const Simulation& behind = x.size() > y.size() ? b : a;
    lead_ = make_difference(Difference::Kind::Execution, NodeId::of(ServerId{s}),
                            to_string(ServerId{s}) + " executed " + format_state(ahead.executed(ServerId{s})) +
                                " under " + stage_name(ahead) + "; under " + stage_name(behind) + ", " +
                                format_state(behind.executed(ServerId{s})) + " so far.");
    return;
  }
  const std::size_t clients = std::min(a.clients().size(), b.clients().size());
  for (std::size_t c = 0; c < clients; ++c) {
    for (int i = 0; i < 2; ++i) {
      const Simulation& ahead = sides_[static_cast<std::size_t>(i)];
      const Simulation& behind = sides_[static_cast<std::size_t>(1 - i)];
      for (const auto& r : ahead.clients()[c].replies) {
        if (first_reply(behind.clients()[c], r.request)) continue;
        const std::string client = to_string(ahead.clients()[c].id);
        lead_ = make_difference(Difference::Kind::Reply, NodeId::of(ahead.clients()[c].id),
                                client + " got " + format_state(ahead.reply_state(r)) + " for " +
                                    to_string(r.request) + " under " + stage_name(ahead) + "; under " +
                                    stage_name(behind) + ", no reply for " + to_string(r.request) + " yet.");
        return;
      }
    }
  }
}

void Comparison::check_outcomes() {
  if (first_) return;
  check_lead();
  const Simulation& a = sides_[0];
  const Simulation& b = sides_[1];
  const auto found = [&](Difference::Kind kind, NodeId where, std::string text) {
    first_ = make_difference(kind, where, std::move(text));
  };
  if (a.checker().safe() != b.checker().safe()) {
    const Simulation& bad = a.checker().safe() ? b : a;
    const Simulation& good = a.checker().safe() ? a : b;
    found(Difference::Kind::Safety, {},
          stage_name(bad) + " violates safety (" + bad.checker().violations().front().explanation + ") while " +
              stage_name(good) + " is still consistent.");
    return;
  }
  const int servers = std::min(a.config().servers, b.config().servers);
  for (int s = 1; s <= servers; ++s) {
    const auto& x = a.executed(ServerId{s});
    const auto& y = b.executed(ServerId{s});
    if (!comparable(x, y)) {
      found(Difference::Kind::Execution, NodeId::of(ServerId{s}),
            to_string(ServerId{s}) + " executed " + format_state(x) + " under " + stage_name(a) + " but " +
                format_state(y) + " under " + stage_name(b) + ".");
      return;
    }
  }
  const std::size_t clients = std::min(a.clients().size(), b.clients().size());
  for (std::size_t c = 0; c < clients; ++c) {
    // The first answer each side's client got for a request (the one it
    // takes), from whichever server: what the client observes is the state
    // it is told.
    for (const auto& ra : a.clients()[c].replies) {
      if (first_reply(a.clients()[c], ra.request) != &ra) continue;
      const auto* rb = first_reply(b.clients()[c], ra.request);
      if (!rb) continue;
      const auto sa = a.reply_state(ra);
      const auto sb = b.reply_state(*rb);
      if (!comparable(sa, sb)) {
        found(Difference::Kind::Reply, NodeId::of(a.clients()[c].id),
              to_string(a.clients()[c].id) + " got " + format_state(sa) + " for " + to_string(ra.request) +
                  " under " + stage_name(a) + " but " + format_state(sb) + " under " + stage_name(b) + ".");
        return;
      }
    }
  }
}

void Comparison::check_liveness() {
  check_outcomes();
  if (first_) return;
  const auto la = sides_[0].liveness();
  const auto lb = sides_[1].liveness();
  // A run that ends stuck or without progress (docs/protocol.md "Liveness")
  // beside one that does not.
  const bool a_halted = la.stuck || la.no_progress;
  const bool b_halted = lb.stuck || lb.no_progress;
  if (a_halted != b_halted) {
    const Simulation& halted = a_halted ? sides_[0] : sides_[1];
    const Simulation& fine = a_halted ? sides_[1] : sides_[0];
    const LivenessReport& why = a_halted ? la : lb;
    const std::string& cause = why.no_progress_reason.empty() ? why.explanation : why.no_progress_reason;
    first_ = make_difference(Difference::Kind::Liveness, {},
                             why.stuck ? stage_name(halted) + " is stuck (" + why.explanation + ") while " +
                                             stage_name(fine) + " is not."
                                       : stage_name(halted) + " makes no progress (" + cause + ") while " +
                                             stage_name(fine) + " does.");
  }
}

}  // namespace paxoslab
