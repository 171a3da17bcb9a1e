#include "gui/model/lesson_focus.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/sim/script.hpp"

namespace paxoslab::gui {

namespace {

void add_unique(std::vector<NodeId>& v, NodeId n) {
  if (n.valid() && std::find(v.begin(), v.end(), n) == v.end()) v.push_back(n);
}

bool contains(const std::vector<NodeId>& v, NodeId n) { return std::find(v.begin(), v.end(), n) != v.end(); }

}  // namespace

LessonFocus::LessonFocus(const Highlight& h) : active_(!h.empty()), pattern_(h.message) {
  for (ServerId s : h.servers) add_unique(nodes_, NodeId::of(s));
  for (NodeId n : h.lanes) add_unique(nodes_, n);
  if (h.message) {
    add_unique(nodes_, h.message->from);
    add_unique(nodes_, h.message->to);
  }
}

bool LessonFocus::node(NodeId n) const { return !active_ || nodes_.empty() || contains(nodes_, n); }

bool LessonFocus::message(NodeId from, NodeId to, const Envelope* env) const {
  if (!active_) return true;
  if (pattern_ && env != nullptr && pattern_->matches(*env)) return true;
  if (contains(nodes_, from) && contains(nodes_, to)) return true;
  return nodes_.size() == 1 && (from == nodes_[0] || to == nodes_[0]);
}

std::vector<std::pair<Tick, Tick>> highlighted_arrows(const Trace& trace, const MessagePattern& pattern) {
  std::vector<std::pair<Tick, Tick>> out;
  std::unordered_map<std::uint64_t, std::size_t> open;  // message id -> index in out
  for (const TraceEvent& e : trace.events()) {
    if (!e.message.valid()) continue;
    if (e.kind == TraceKind::Send || e.kind == TraceKind::Duplicate) {
      const Envelope* env = trace.message(e.message);
      if (env == nullptr || !pattern.matches(*env)) continue;
      open[e.message.value] = out.size();
      out.emplace_back(e.tick, std::max(e.tick, env->arrival_tick));
    } else if (e.kind == TraceKind::Deliver || e.kind == TraceKind::Drop) {
      const auto it = open.find(e.message.value);
      if (it == open.end()) continue;
      out[it->second].second = e.tick;
      open.erase(it);
    }
  }
  return out;
}

TickRange frame_ticks(Tick moment_tick, Tick since_tick, const std::vector<std::pair<Tick, Tick>>& highlighted_arrows,
                      double min_span_ticks, double max_span_ticks) {
  const auto moment = static_cast<double>(moment_tick);
  double lo = std::min(moment, static_cast<double>(since_tick));
  double hi = moment;
  // A highlighted message that belongs to this stretch: sent by the moment, still on its way
  // (or just ended) since the previous moment. Its arrow is drawn whole, at most a little past
  // the moment.
  constexpr double kNearTicks = 40.0;
  for (const auto& [sent, end] : highlighted_arrows) {
    const auto s = static_cast<double>(sent);
    const auto e = static_cast<double>(end);
    if (s > moment || e < lo - kNearTicks) continue;
    lo = std::min(lo, s);
    hi = std::max(hi, std::min(e, moment + kNearTicks));
  }
  if (hi - lo > max_span_ticks) lo = std::max(lo, hi - max_span_ticks);
  if (moment - lo > max_span_ticks) lo = moment - max_span_ticks;
  double span = hi - lo;
  if (span < min_span_ticks) {  // widened mostly to the left: what led up to the moment
    lo -= (min_span_ticks - span) * 0.85;
    hi += (min_span_ticks - span) * 0.15;
    span = min_span_ticks;
  }
  return TickRange{lo - span * 0.1 - 2.0, hi + span * 0.2 + 3.0};
}

}  // namespace paxoslab::gui
