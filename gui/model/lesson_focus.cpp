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

namespace {

void add_server(std::vector<ServerId>& v, NodeId n, int servers) {
  if (!n.is_server() || n.index < 1 || n.index > servers) return;
  if (std::find(v.begin(), v.end(), n.server()) == v.end()) v.push_back(n.server());
}

/// The servers `page` names, in the order page_subject() prefers them.
std::vector<ServerId> named_servers(const LessonPage& page, int servers) {
  const Highlight& h = page.highlight;
  const NodeId who = page.pause_at && page.pause_at->after ? page.pause_at->after->who : NodeId{};
  std::vector<ServerId> out;
  std::vector<ServerId> named;
  for (ServerId s : h.servers) add_server(named, NodeId::of(s), servers);
  for (NodeId n : h.lanes) add_server(named, n, servers);
  if (h.message) {
    add_server(named, h.message->from, servers);
    add_server(named, h.message->to, servers);
  }
  const bool who_named = who.is_server() && std::find(named.begin(), named.end(), who.server()) != named.end();
  if (who_named || named.empty()) add_server(out, who, servers);
  for (ServerId s : named) add_server(out, NodeId::of(s), servers);
  add_server(out, who, servers);
  return out;
}

}  // namespace

ServerId page_subject(const LessonPage& page, int servers, const std::vector<bool>& crashed) {
  const auto down = [&](ServerId s) {
    const auto i = static_cast<std::size_t>(s.value - 1);
    return i < crashed.size() && crashed[i];
  };
  const std::vector<ServerId> named = named_servers(page, servers);
  for (ServerId s : named)
    if (!down(s)) return s;
  if (!named.empty()) return named.front();
  for (int i = 1; i <= servers; ++i)
    if (!down(ServerId{i})) return ServerId{i};
  return ServerId{1};
}

}  // namespace paxoslab::gui
