#include "core/scenario/shiviz.hpp"

#include <map>

#include "core/sim/message.hpp"

namespace paxoslab {

namespace {

using Clock = std::map<std::string, std::uint64_t>;

/// Events that are some node's own step.
bool node_event(const TraceEvent& e) {
  if (!e.who.valid()) return false;
  switch (e.kind) {
    case TraceKind::Drop:
    case TraceKind::Duplicate:
    case TraceKind::Delay:
    case TraceKind::LinkCut:
    case TraceKind::LinkMend:
    case TraceKind::Partition:
    case TraceKind::Heal:
    case TraceKind::Fault: return false;
    default: return true;
  }
}

std::string clock_json(const Clock& c, const std::string& self) {
  // The node's own entry first (ShiViz reads the host from the line, the
  // clock must hold it).
  std::string s = "{\"" + self + "\":" + std::to_string(c.at(self));
  for (const auto& [node, n] : c)
    if (node != self) s += ", \"" + node + "\":" + std::to_string(n);
  return s + "}";
}

std::string one_line(std::string text) {
  for (char& ch : text)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return text;
}

}  // namespace

std::string shiviz_log(const Trace& trace) {
  std::map<std::string, Clock> clocks;          // node -> its vector clock
  std::map<std::uint64_t, Clock> sent;          // message id -> the sender's clock at the send
  std::string out;
  for (const TraceEvent& e : trace.events()) {
    if (e.kind == TraceKind::Duplicate && e.message.valid()) {
      const Envelope* copy = trace.message(e.message);
      if (copy && copy->duplicate_of.valid()) {
        const auto orig = sent.find(copy->duplicate_of.value);
        if (orig != sent.end()) sent[e.message.value] = orig->second;
      }
    }
    if (!node_event(e)) continue;
    const std::string self = to_string(e.who);
    Clock& c = clocks[self];
    const bool receive = (e.kind == TraceKind::Deliver || e.kind == TraceKind::Reply) && e.message.valid();
    if (receive) {
      const auto it = sent.find(e.message.value);
      if (it != sent.end())
        for (const auto& [node, n] : it->second) c[node] = std::max(c[node], n);
    }
    ++c[self];
    if (e.kind == TraceKind::Send && e.message.valid()) sent[e.message.value] = c;
    const Envelope* env = e.message.valid() ? trace.message(e.message) : nullptr;
    std::string text = to_text(e, env ? describe(env->payload) : std::string());
    // "t=   40  deliver ..." -> "t=40 deliver ..." (ShiViz shows it as is).
    std::string compact;
    bool space = false;
    for (char ch : one_line(text)) {
      if (ch == ' ') {
        if (!space) compact += ch;
        space = true;
      } else {
        compact += ch;
        space = false;
      }
    }
    if (compact.rfind("t= ", 0) == 0) compact.erase(2, 1);
    out += compact + "\n" + self + " " + clock_json(c, self) + "\n";
  }
  return out;
}

}  // namespace paxoslab
