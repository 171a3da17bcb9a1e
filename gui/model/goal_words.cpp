#include "gui/model/goal_words.hpp"

#include "gui/model/moment_words.hpp"

namespace paxoslab::gui {

namespace {

std::string requests_list(const std::vector<RequestId>& rs, const char* sep) {
  std::string s;
  for (std::size_t i = 0; i < rs.size(); ++i) s += (i ? sep : "") + to_string(rs[i]);
  return s;
}

/// "a Promise from S3 to S2", "2 Accepts (rnd 2) to S3".
std::string message_words(const MessagePattern& m, int count) {
  std::string kind = m.kind ? std::string(to_string(*m.kind)) : std::string("message");
  std::string s = count > 1 ? std::to_string(count) + " " + kind + "s" : "a " + kind;
  std::string fields;
  if (m.request) fields += to_string(*m.request);
  if (m.rnd) fields += (fields.empty() ? "" : ", ") + std::string("rnd ") + std::to_string(*m.rnd);
  if (m.slot) fields += (fields.empty() ? "" : ", ") + std::string("slot ") + std::to_string(*m.slot);
  if (!fields.empty()) s += " (" + fields + ")";
  if (m.from.valid()) s += " from " + to_string(m.from);
  if (m.to.valid()) s += " to " + to_string(m.to);
  return s;
}

/// A goal without children in one line.
std::string leaf_words(const Goal& g) {
  const bool many = g.count > 1;
  switch (g.kind) {
    case Goal::Kind::Stuck: return "the run is stuck: nothing can change, yet a request is missing";
    case Goal::Kind::Safe: return "no safety violation";
    case Goal::Kind::Violation:
      return g.violation ? std::string("the checker finds a ") + to_string(*g.violation) + " violation"
                         : std::string("the checker finds a safety violation");
    case Goal::Kind::ExecutedEquals: return to_string(g.server) + " executed exactly <" + requests_list(g.requests, ", ") + ">";
    case Goal::Kind::ExecutedContains: return to_string(g.server) + " executed " + requests_list(g.requests, " and ");
    case Goal::Kind::Delivered: return message_words(g.message, g.count) + (many ? " are delivered" : " is delivered");
    case Goal::Kind::Lost: return message_words(g.message, g.count) + (many ? " are lost" : " is lost");
    case Goal::Kind::AllExecuted: return "every live server executed every request";
    case Goal::Kind::Event: return moment_words(g.event);
    default: return g.describe();
  }
}

/// A fact of the trace so far: once it happened it stays true ("never" fits its negation).
bool trace_fact(const Goal& g) {
  return g.kind == Goal::Kind::Event || g.kind == Goal::Kind::Delivered || g.kind == Goal::Kind::Lost;
}

void add_lines(const Goal& g, int depth, std::vector<GoalLine>& out) {
  switch (g.kind) {
    case Goal::Kind::All:
    case Goal::Kind::Any:
      out.push_back({depth, g.kind == Goal::Kind::All ? "all of these:" : "one of these:"});
      for (const Goal& c : g.children) add_lines(c, depth + 1, out);
      return;
    case Goal::Kind::Not: {
      if (g.children.empty()) return;
      const Goal& c = g.children.front();
      if (c.kind == Goal::Kind::All || c.kind == Goal::Kind::Any || c.kind == Goal::Kind::Not) {
        out.push_back({depth, "not:"});
        add_lines(c, depth + 1, out);
        return;
      }
      out.push_back({depth, (trace_fact(c) ? "never: " : "not: ") + leaf_words(c)});
      return;
    }
    default: out.push_back({depth, leaf_words(g)});
  }
}

}  // namespace

std::vector<GoalLine> goal_lines(const Goal& goal) {
  std::vector<GoalLine> out;
  if (goal.kind == Goal::Kind::All) {
    for (const Goal& c : goal.children) add_lines(c, 0, out);
    return out;
  }
  add_lines(goal, 0, out);
  return out;
}

}  // namespace paxoslab::gui
