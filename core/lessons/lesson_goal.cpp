#include "core/lessons/lesson_goal.hpp"

#include <algorithm>

namespace paxoslab {

namespace {

std::string requests_text(const std::vector<RequestId>& rs) {
  std::string s;
  for (std::size_t i = 0; i < rs.size(); ++i) s += (i ? ", " : "") + to_string(rs[i]);
  return s;
}

std::string children_text(const std::vector<Goal>& children) {
  std::string s;
  for (std::size_t i = 0; i < children.size(); ++i) s += (i ? "; " : "") + children[i].describe();
  return s;
}

bool is_trace_leaf(const Goal& g) {
  return g.kind == Goal::Kind::Delivered || g.kind == Goal::Kind::Lost || g.kind == Goal::Kind::Event;
}

/// The events of `trace` from seq `from` on (those still kept).
template <class F>
void for_each_new_event(const Trace& trace, std::uint64_t from, F&& f) {
  const auto& events = trace.events();
  const std::uint64_t first = trace.first_seq();
  std::uint64_t i = from > first ? from - first : 0;
  for (; i < events.size(); ++i) f(events[i]);
}

}  // namespace

// ---- Goal::describe ------------------------------------------------------------

std::string Goal::describe() const {
  switch (kind) {
    case Kind::Stuck: return "the run is stuck (nothing can change, yet some request is missing)";
    case Kind::Safe: return "no safety violation";
    case Kind::Violation:
      return violation ? std::string("a ") + to_string(*violation) + " violation" : std::string("a safety violation");
    case Kind::ExecutedEquals: return to_string(server) + " executed exactly <" + requests_text(requests) + ">";
    case Kind::ExecutedContains: return to_string(server) + " executed " + requests_text(requests);
    case Kind::Delivered:
      return (count > 1 ? std::to_string(count) + " x " : std::string()) + message.describe() + " delivered";
    case Kind::Lost: return (count > 1 ? std::to_string(count) + " x " : std::string()) + message.describe() + " lost";
    case Kind::AllExecuted: return "every live server executed every request";
    case Kind::Event: return "event: " + event.describe();
    case Kind::All: return "all of: " + children_text(children);
    case Kind::Any: return "any of: " + children_text(children);
    case Kind::Not: return children.empty() ? std::string("not ?") : "not (" + children.front().describe() + ")";
  }
  return "?";
}

const char* to_string(ExerciseStart s) {
  switch (s) {
    case ExerciseStart::Requests: return "requests";
    case ExerciseStart::Script: return "script";
    case ExerciseStart::Empty: return "empty";
  }
  return "?";
}

bool event_concerns_message(const TraceEvent& e, const MessagePattern& pattern, const Trace& trace) {
  if (!e.message.valid()) return false;
  if (const Envelope* env = trace.message(e.message)) return pattern.matches(*env);
  // Not kept: judge from the event (who = receiver, other = sender).
  if (pattern.kind && e.msg_kind != *pattern.kind) return false;
  if (pattern.from.valid() && e.other != pattern.from) return false;
  if (pattern.to.valid() && e.who != pattern.to) return false;
  if (pattern.request && e.request != *pattern.request) return false;
  if (pattern.slot && e.value != *pattern.slot) return false;
  return !pattern.rnd;
}

// ---- GoalEvaluator ---------------------------------------------------------------

GoalEvaluator::GoalEvaluator(Goal goal) : goal_(std::move(goal)) {
  collect(goal_);
  seen_.assign(leaves_.size(), 0);
}

GoalEvaluator::GoalEvaluator(const GoalEvaluator& other)
    : goal_(other.goal_),
      seen_(other.seen_),
      next_seq_(other.next_seq_),
      holds_(other.holds_),
      achieved_(other.achieved_),
      achieved_tick_(other.achieved_tick_) {
  collect(goal_);
}

GoalEvaluator& GoalEvaluator::operator=(const GoalEvaluator& other) {
  if (this == &other) return *this;
  goal_ = other.goal_;
  seen_ = other.seen_;
  next_seq_ = other.next_seq_;
  holds_ = other.holds_;
  achieved_ = other.achieved_;
  achieved_tick_ = other.achieved_tick_;
  leaves_.clear();
  collect(goal_);
  return *this;
}

void GoalEvaluator::collect(const Goal& g) {
  if (is_trace_leaf(g)) leaves_.push_back(&g);
  for (const auto& c : g.children) collect(c);
}

void GoalEvaluator::reset() {
  std::fill(seen_.begin(), seen_.end(), 0);
  next_seq_ = 0;
  holds_ = false;
  achieved_ = false;
  achieved_tick_ = 0;
}

void GoalEvaluator::scan(const Simulation& sim) {
  const Trace& trace = sim.trace();
  if (trace.size() < next_seq_) {  // rewound: read the restored history again
    std::fill(seen_.begin(), seen_.end(), 0);
    next_seq_ = 0;
  }
  if (!leaves_.empty()) {
    for_each_new_event(trace, next_seq_, [&](const TraceEvent& e) {
      for (std::size_t i = 0; i < leaves_.size(); ++i) {
        const Goal& g = *leaves_[i];
        int& seen = seen_[i];
        switch (g.kind) {
          case Goal::Kind::Delivered:
            if ((e.kind == TraceKind::Deliver || e.kind == TraceKind::Reply) && event_concerns_message(e, g.message, trace))
              ++seen;
            break;
          case Goal::Kind::Lost:
            if (e.kind == TraceKind::Drop && event_concerns_message(e, g.message, trace)) ++seen;
            break;
          case Goal::Kind::Event:
            if (g.event.matches(e)) ++seen;
            break;
          default: break;
        }
      }
    });
  }
  next_seq_ = trace.size();
}

int GoalEvaluator::count_of(const Goal& g) const {
  for (std::size_t i = 0; i < leaves_.size(); ++i)
    if (leaves_[i] == &g) return seen_[i];
  return 0;
}

bool GoalEvaluator::eval(const Goal& g, const Simulation& sim) const {
  switch (g.kind) {
    case Goal::Kind::Stuck: return sim.liveness().stuck;
    case Goal::Kind::Safe: return sim.checker().safe();
    case Goal::Kind::Violation: {
      const auto& vs = sim.checker().violations();
      if (!g.violation) return !vs.empty();
      return std::any_of(vs.begin(), vs.end(), [&](const Violation& v) { return v.kind == *g.violation; });
    }
    case Goal::Kind::ExecutedEquals:
    case Goal::Kind::ExecutedContains: {
      if (g.server.value < 1 || g.server.value > sim.config().servers) return false;
      const auto& sigma = sim.executed(g.server);
      if (g.kind == Goal::Kind::ExecutedEquals) return sigma == g.requests;
      return std::all_of(g.requests.begin(), g.requests.end(),
                         [&](RequestId m) { return std::find(sigma.begin(), sigma.end(), m) != sigma.end(); });
    }
    case Goal::Kind::Delivered:
    case Goal::Kind::Lost: return count_of(g) >= g.count;
    case Goal::Kind::Event: return count_of(g) >= g.event.occurrence;
    case Goal::Kind::AllExecuted: {
      bool any_sent = false;
      for (const auto& c : sim.clients()) {
        for (RequestId m : c.sent) {
          any_sent = true;
          for (int s = 1; s <= sim.config().servers; ++s) {
            if (sim.crashed(ServerId{s})) continue;
            const auto& sigma = sim.executed(ServerId{s});
            if (std::find(sigma.begin(), sigma.end(), m) == sigma.end()) return false;
          }
        }
      }
      return any_sent;
    }
    case Goal::Kind::All:
      return std::all_of(g.children.begin(), g.children.end(), [&](const Goal& c) { return eval(c, sim); });
    case Goal::Kind::Any:
      return std::any_of(g.children.begin(), g.children.end(), [&](const Goal& c) { return eval(c, sim); });
    case Goal::Kind::Not: return !g.children.empty() && !eval(g.children.front(), sim);
  }
  return false;
}

bool GoalEvaluator::update(const Simulation& sim) {
  scan(sim);
  holds_ = eval(goal_, sim);
  if (holds_ && !achieved_) {
    achieved_ = true;
    achieved_tick_ = sim.now();
  }
  return holds_;
}

// ---- TriggerWatcher --------------------------------------------------------------

TriggerWatcher::TriggerWatcher(Trigger trigger) : trigger_(std::move(trigger)) {}

void TriggerWatcher::reset() {
  next_seq_ = 0;
  seen_ = 0;
  reached_ = false;
  reached_seq_ = 0;
}

bool TriggerWatcher::update(const Simulation& sim) {
  const Trace& trace = sim.trace();
  if (trace.size() < next_seq_) reset();
  if (reached_) return true;
  for_each_new_event(trace, next_seq_, [&](const TraceEvent& e) {
    if (reached_) return;
    const bool hit = trigger_.after ? trigger_.after->matches(e) && ++seen_ >= trigger_.after->occurrence
                                    : trigger_.at_tick && e.tick >= *trigger_.at_tick;
    if (hit) {
      reached_ = true;
      reached_seq_ = e.seq;
    }
  });
  if (!reached_ && trigger_.at_tick && !trigger_.after && sim.now() >= *trigger_.at_tick) {
    reached_ = true;
    reached_seq_ = trace.size();
  }
  next_seq_ = trace.size();
  return reached_;
}

}  // namespace paxoslab
