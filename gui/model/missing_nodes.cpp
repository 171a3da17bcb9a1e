#include "gui/model/missing_nodes.hpp"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace paxoslab::gui {

namespace {

void add(std::vector<NodeId>& out, NodeId n) {
  if (n.valid()) out.push_back(n);
}

void add_pattern(std::vector<NodeId>& out, const MessagePattern& p) {
  add(out, p.from);
  add(out, p.to);
}

/// The nodes an action names (see nodes_named).
void add_action(std::vector<NodeId>& out, const Action& action) {
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, ClientRequestAction>) {
          add(out, NodeId::of(a.client));
        } else if constexpr (std::is_same_v<T, LoseAction> || std::is_same_v<T, DuplicateAction> ||
                             std::is_same_v<T, DelayAction> || std::is_same_v<T, DeliverNowAction> ||
                             std::is_same_v<T, FilterAction>) {
          add_pattern(out, a.pattern);
        } else if constexpr (std::is_same_v<T, CutLinkAction> || std::is_same_v<T, MendLinkAction>) {
          add(out, a.a);
          add(out, a.b);
        } else if constexpr (std::is_same_v<T, PartitionAction>) {
          for (const auto& group : a.groups)
            for (const ServerId s : group) add(out, NodeId::of(s));
        } else if constexpr (std::is_same_v<T, CrashAction> || std::is_same_v<T, RestartAction>) {
          add(out, NodeId::of(a.server));
        } else if constexpr (std::is_same_v<T, SuspectAction> || std::is_same_v<T, TrustAction>) {
          add(out, NodeId::of(a.observer));
          add(out, NodeId::of(a.peer));
        } else if constexpr (std::is_same_v<T, SetLinkAction>) {
          add(out, a.from);
          add(out, a.to);
        }
      },
      action);
}

bool missing(NodeId n, int servers, int clients) {
  return (n.is_server() && n.index > servers) || (n.is_client() && n.index > clients);
}

std::string count_of(int n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

std::vector<NodeId> nodes_named(const ScriptStep& step) {
  std::vector<NodeId> out;
  if (step.when.after) {
    add(out, step.when.after->who);
    add(out, step.when.after->other);
  }
  add_action(out, step.action);
  return out;
}

MissingNodes missing_nodes(const std::vector<ScriptStep>& script, int servers, int clients) {
  MissingNodes m;
  for (const ScriptStep& step : script) {
    bool named = false;
    for (const NodeId n : nodes_named(step)) {
      if (!missing(n, servers, clients)) continue;
      named = true;
      if (std::find(m.nodes.begin(), m.nodes.end(), n) == m.nodes.end()) m.nodes.push_back(n);
    }
    if (named) m.steps.push_back(&step);
  }
  std::sort(m.nodes.begin(), m.nodes.end());
  return m;
}

std::string missing_nodes_sentence(const MissingNodes& m, int servers, int clients) {
  if (m.empty()) return {};
  std::string names;
  bool client = false;
  for (const NodeId n : m.nodes) {
    names += (names.empty() ? "" : ", ") + to_string(n);
    client = client || n.is_client();
  }
  std::string has = count_of(servers, "server");
  if (client) has += " and " + count_of(clients, "client");
  const std::string steps = m.steps.size() == 1 ? "1 scripted step names " : std::to_string(m.steps.size()) + " scripted steps name ";
  return steps + names + ": this run has " + has;
}

}  // namespace paxoslab::gui
