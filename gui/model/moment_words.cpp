#include "gui/model/moment_words.hpp"

namespace paxoslab::gui {

namespace {

std::string node_or(NodeId n, const char* anyone) { return n.valid() ? to_string(n) : std::string(anyone); }

std::string ordinal_suffix(int n) {
  if (n <= 1) return {};
  const int last = n % 10;
  const bool teen = n % 100 >= 11 && n % 100 <= 13;
  const char* suffix = teen ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th";
  return " (" + std::to_string(n) + suffix + " time)";
}

/// "Accept m1", "a message", "Promise".
std::string message_words(const EventPattern& p) {
  std::string s = p.msg_kind ? std::string(to_string(*p.msg_kind)) : std::string("a message");
  if (p.request) s += " " + to_string(*p.request);
  return s;
}

/// Kinds moment_words(EventPattern) has no sentence of its own for (a note
/// has only the words it is searched by): their log line says it better.
bool has_no_phrase(TraceKind k) {
  switch (k) {
    case TraceKind::Suspect:
    case TraceKind::Unsuspect:
    case TraceKind::Execute:
    case TraceKind::Reply:
    case TraceKind::Deliver:
    case TraceKind::Send:
    case TraceKind::Drop:
    case TraceKind::Crash:
    case TraceKind::Restart:
    case TraceKind::LeaderChange:
    case TraceKind::ClientRequest:
    case TraceKind::Violation:
    case TraceKind::LinkCut:
    case TraceKind::LinkMend:
    case TraceKind::Partition:
    case TraceKind::Heal: return false;
    default: return true;
  }
}

}  // namespace

std::string moment_words(const EventPattern& p) {
  const std::string who = node_or(p.who, "a server");
  const std::string req = p.request ? " " + to_string(*p.request) : std::string();
  std::string s;
  switch (p.kind) {
    case TraceKind::Suspect: s = who + " suspects " + node_or(p.other, "a peer"); break;
    case TraceKind::Unsuspect: s = who + " trusts " + node_or(p.other, "a peer") + " again"; break;
    case TraceKind::Execute: s = who + " executes" + (p.request ? req : std::string(" a request")); break;
    case TraceKind::Reply:
      s = node_or(p.who, "a client") + " gets " + (p.other.valid() ? to_string(p.other) + "'s reply" : std::string("a reply")) +
          (p.request ? " to" + req : std::string());
      break;
    case TraceKind::Deliver:
      s = who + " receives " + message_words(p) + (p.other.valid() ? " from " + to_string(p.other) : std::string());
      break;
    case TraceKind::Send:
      s = who + " sends " + message_words(p) + (p.other.valid() ? " to " + to_string(p.other) : std::string());
      break;
    case TraceKind::Drop:
      s = (p.msg_kind ? "the " + message_words(p) : std::string("a message")) +
          (p.who.valid() ? " to " + to_string(p.who) : std::string()) + " is lost";
      break;
    case TraceKind::Crash: s = who + " crashes"; break;
    case TraceKind::Restart: s = who + " restarts"; break;
    case TraceKind::LeaderChange:
      s = !p.other.valid() ? who + " changes leader"
          : p.other == p.who ? who + " becomes leader"
                             : who + " takes " + to_string(p.other) + " as leader";
      break;
    case TraceKind::ClientRequest: s = node_or(p.who, "a client") + " sends" + (p.request ? req : std::string(" a request")); break;
    case TraceKind::Violation: s = "the checker finds a violation"; break;
    case TraceKind::LinkCut:
      s = p.who.valid() && p.other.valid() ? "the link " + to_string(p.who) + "-" + to_string(p.other) + " is cut"
                                           : std::string("a link is cut");
      break;
    case TraceKind::LinkMend: s = "a cut link is mended"; break;
    case TraceKind::Partition: s = "the network is partitioned"; break;
    case TraceKind::Heal: s = "the partition heals"; break;
    case TraceKind::Note:
      s = who + " notes" + (p.why.empty() ? std::string(" something") : " \"..." + p.why + "...\"");
      break;
    default: return p.describe() + ordinal_suffix(p.occurrence);
  }
  return s + ordinal_suffix(p.occurrence);
}

std::string moment_words(const Trigger& t) {
  if (t.after) return moment_words(*t.after);
  if (t.at_tick) return "t = " + std::to_string(*t.at_tick);
  return "now";
}

std::string moment_words(const EventPattern& p, const Trace& trace, std::uint64_t end_seq) {
  const auto& events = trace.events();
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->seq >= end_seq || !p.matches(*it)) continue;
    if (it->why.empty() || !has_no_phrase(p.kind)) break;
    const std::string who = it->who.valid() ? to_string(it->who) : std::string();
    if (who.empty() || it->why.rfind(who + " ", 0) == 0) return it->why;  // "S1 has promises for rnd 7 ..."
    return who + ": " + it->why;
  }
  return moment_words(p);
}

std::string moment_words(const Trigger& t, const Trace& trace, std::uint64_t end_seq) {
  return t.after ? moment_words(*t.after, trace, end_seq) : moment_words(t);
}

}  // namespace paxoslab::gui
