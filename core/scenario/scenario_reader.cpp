#include "core/scenario/scenario_reader.hpp"

#include <algorithm>
#include <sstream>

#include "core/scenario/input_limits.hpp"

namespace paxoslab::scenario_detail {

namespace {

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string format_number(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

/// An echoed name or value: at most 80 characters, control characters escaped.
std::string quoted(std::string_view s) { return "'" + shorten_for_message(s) + "'"; }

std::string node_range(const ParseContext& ctx, NodeId::Role role) {
  const std::string servers = ctx.servers == 1 ? "S1" : "S1..S" + std::to_string(ctx.servers);
  const std::string clients = ctx.clients == 1 ? "C1" : "C1..C" + std::to_string(ctx.clients);
  if (role == NodeId::Role::Server) return "a server name (" + servers + ")";
  if (role == NodeId::Role::Client) return "a client name (" + clients + ")";
  return "a node name (" + servers + " or " + clients + ")";
}

}  // namespace

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

std::string describe_type(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

void fail_at(const ParseContext& ctx, const toml::source_region& region, std::string message) {
  LoadError e;
  e.file = ctx.file;
  e.line = region.begin.line > 0 ? static_cast<int>(region.begin.line) : 1;
  e.column = region.begin.column > 0 ? static_cast<int>(region.begin.column) : 1;
  e.message = std::move(message);
  throw ScenarioParseFailure{std::move(e)};
}

NodeId parse_node_value(const ParseContext& ctx, const toml::node& value, NodeId::Role role,
                        const std::string& what) {
  const auto* s = value.as_string();
  if (!s) fail_at(ctx, value.source(), "expected " + node_range(ctx, role) + " for " + what + ", got " + describe_type(value));
  const std::string& text = s->get();
  const NodeId n = parse_node(text);
  const bool in_range = (n.is_server() && n.index <= ctx.servers) || (n.is_client() && n.index <= ctx.clients);
  if (!n.valid() || !in_range || (role != NodeId::Role::None && n.role != role)) {
    std::string why;
    if (n.valid() && !in_range)
      why = " (this scenario has " + std::to_string(n.is_server() ? ctx.servers : ctx.clients) +
            (n.is_server() ? " servers)" : " clients)");
    fail_at(ctx, value.source(), "unknown node " + quoted(text) + " for " + what + why + "; expected " + node_range(ctx, role));
  }
  return n;
}

RequestId parse_request_value(const ParseContext& ctx, const toml::node& value, bool allow_noop,
                              const std::string& what) {
  const std::string expected = allow_noop ? "a request name like \"m1\" (or \"noop\")" : "a request name like \"m1\"";
  const auto* s = value.as_string();
  if (!s) fail_at(ctx, value.source(), "expected " + expected + " for " + what + ", got " + describe_type(value));
  RequestId r;
  if (!parse_request(s->get(), r) || (r.is_noop() && !allow_noop))
    fail_at(ctx, value.source(), "expected " + expected + " for " + what + ", got " + quoted(s->get()));
  // One spelling per request: "m01" or "M1" would silently be m1.
  if (to_string(r) != s->get())
    fail_at(ctx, value.source(), "expected " + expected + " for " + what + ", got " + quoted(s->get()) +
                                     " (write it " + quoted(to_string(r)) + ")");
  return r;
}

TableReader::TableReader(const ParseContext& ctx, const toml::table& table, std::string where)
    : ctx_(ctx), table_(table), where_(std::move(where)) {}

int TableReader::line() const {
  if (table_.source().begin.line > 0) return static_cast<int>(table_.source().begin.line);
  int best = 0;
  for (auto&& [k, v] : table_) {
    const int l = static_cast<int>(k.source().begin.line);
    if (l > 0 && (best == 0 || l < best)) best = l;
  }
  return best > 0 ? best : 1;
}

void TableReader::fail(std::string_view key, std::string message) const {
  if (const auto* n = table_.get(key)) fail_at(ctx_, n->source(), std::move(message));
  fail_table(std::move(message));
}

void TableReader::fail_table(std::string message) const {
  toml::source_region r = table_.source();
  if (r.begin.line == 0) {
    r.begin.line = static_cast<toml::source_index>(line());
    r.begin.column = 1;
  }
  fail_at(ctx_, r, std::move(message));
}

void TableReader::allow_only(const std::vector<std::string>& allowed) const {
  for (auto&& [k, v] : table_) {
    const std::string_view name = k.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string hint;
    std::size_t best = 3;
    for (const auto& a : allowed) {
      const std::size_t d = edit_distance(name, a);
      if (d < best) {
        best = d;
        hint = " (did you mean '" + a + "'?)";
      }
    }
    std::string message = "unknown key " + quoted(name) + " in " + where_ + hint;
    message += allowed.empty() ? "; this table takes no keys" : "; expected one of " + join(allowed);
    fail_at(ctx_, k.source(), std::move(message));
  }
}

void TableReader::require(std::string_view key, std::string_view what) const {
  if (!table_.contains(key))
    fail_table("missing key " + quoted(key) + " in " + where_ + "; expected " + std::string(what));
}

std::optional<std::string> TableReader::string(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  const auto* s = n->as_string();
  if (!s) fail(key, "expected a string for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  return s->get();
}

std::optional<bool> TableReader::boolean(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  const auto* b = n->as_boolean();
  if (!b) fail(key, "expected true or false for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  return b->get();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  const auto* i = n->as_integer();
  const std::string range = max == INT64_MAX ? "at least " + std::to_string(min)
                                             : "from " + std::to_string(min) + " to " + std::to_string(max);
  if (!i) fail(key, "expected an integer " + range + " for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  const std::int64_t v = i->get();
  if (v < min || v > max)
    fail(key, "expected an integer " + range + " for " + quoted(key) + " in " + where_ + ", got " + std::to_string(v));
  return v;
}

std::optional<double> TableReader::number(std::string_view key, double min, double max) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  double v = 0;
  if (const auto* f = n->as_floating_point()) {
    v = f->get();
  } else if (const auto* i = n->as_integer()) {
    v = static_cast<double>(i->get());
  } else {
    fail(key, "expected a number for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  }
  if (!(v >= min && v <= max))
    fail(key, "expected a number from " + format_number(min) + " to " + format_number(max) + " for " + quoted(key) +
                  " in " + where_ + ", got " + format_number(v));
  return v;
}

std::optional<std::size_t> TableReader::choice(std::string_view key, const std::vector<std::string>& choices) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  std::vector<std::string> q;
  for (const auto& c : choices) q.push_back("\"" + c + "\"");
  const auto* s = n->as_string();
  if (!s) fail(key, "expected one of " + join(q) + " for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i] == s->get()) return i;
  fail(key, "expected one of " + join(q) + " for " + quoted(key) + " in " + where_ + ", got \"" + shorten_for_message(s->get()) + "\"");
}

const toml::table* TableReader::subtable(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return nullptr;
  const auto* t = n->as_table();
  if (!t) fail(key, "expected a table for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  return t;
}

const toml::array* TableReader::array(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return nullptr;
  const auto* a = n->as_array();
  if (!a) fail(key, "expected an array for " + quoted(key) + " in " + where_ + ", got " + describe_type(*n));
  return a;
}

std::optional<NodeId> TableReader::node_name(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  return parse_node_value(ctx_, *n, NodeId::Role::None, quoted(key) + " in " + where_);
}

std::optional<ServerId> TableReader::server_name(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  return parse_node_value(ctx_, *n, NodeId::Role::Server, quoted(key) + " in " + where_).server();
}

std::optional<ClientId> TableReader::client_name(std::string_view key) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  return parse_node_value(ctx_, *n, NodeId::Role::Client, quoted(key) + " in " + where_).client();
}

std::optional<RequestId> TableReader::request_name(std::string_view key, bool allow_noop) const {
  const auto* n = table_.get(key);
  if (!n) return std::nullopt;
  return parse_request_value(ctx_, *n, allow_noop, quoted(key) + " in " + where_);
}

}  // namespace paxoslab::scenario_detail
