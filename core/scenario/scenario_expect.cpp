// Scenario loading: the [expect] table (docs/scenario-format.md).
#include "core/scenario/scenario_reader.hpp"

namespace paxoslab::scenario_detail {

Expectation parse_expect(const ParseContext& ctx, const toml::node* expect) {
  Expectation e;
  if (!expect) return e;
  const auto* table = expect->as_table();
  if (!table) fail_at(ctx, expect->source(), "expected a table [expect], got " + describe_type(*expect));
  const TableReader r(ctx, *table, "[expect]");
  r.allow_only({"safety", "stuck", "no_progress", "violation", "warning", "executed", "witnesses"});
  if (auto v = r.choice("safety", {"ok", "violated"})) e.safety_ok = *v == 0;
  e.stuck = r.boolean("stuck");
  e.no_progress = r.boolean("no_progress");
  if (auto v = r.choice("warning", {"diverged-not-observed", "none"})) {
    if (*v == 0) e.warning = Warning::Kind::DivergedNotObserved;
    e.no_warning = *v == 1;
  }
  if (auto v = r.choice("violation", violation_kind_names())) {
    e.violation = static_cast<Violation::Kind>(*v);
    if (e.safety_ok && *e.safety_ok)
      r.fail("violation", "expected no 'violation' in [expect] together with safety = \"ok\"");
  }
  if (const toml::table* executed = r.subtable("executed")) {
    for (auto&& [key, value] : *executed) {
      const std::string name(key.str());
      const NodeId n = parse_node(name);
      if (!n.is_server() || n.index > ctx.servers)
        fail_at(ctx, key.source(),
                "unknown server '" + name + "' in 'executed' of [expect]; expected a server name (S1..S" +
                    std::to_string(ctx.servers) + ")");
      const auto* list = value.as_array();
      if (!list)
        fail_at(ctx, value.source(),
                "expected a list of request names like [\"m1\", \"m2\"] for " + name + " in 'executed' of [expect], got " +
                    describe_type(value));
      std::vector<RequestId> sigma;
      for (const auto& m : *list)
        sigma.push_back(parse_request_value(ctx, m, false, name + " in 'executed' of [expect]"));
      e.executed.emplace_back(n.server(), std::move(sigma));
    }
  }
  if (const toml::array* witnesses = r.array("witnesses"))
    for (const auto& w : *witnesses)
      e.witnesses.push_back(parse_node_value(ctx, w, NodeId::Role::None, "'witnesses' in [expect]"));
  return e;
}

}  // namespace paxoslab::scenario_detail
