// Internal to the scenario loader (core/scenario_loader*.cpp): typed, checked
// access to one TOML table, with every error carrying the file, line and
// column of the offending key or value and saying what was expected.
//
// Errors are raised as a ScenarioParseFailure exception inside the loader and
// turned into a LoadError value at its boundary (parse_scenario_table); they
// never escape the loader.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/scenario/scenario.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/sim/schedule.hpp"
#include "core/sim/script.hpp"

namespace paxoslab::scenario_detail {

/// Thrown inside the loader only; caught by parse_scenario_table.
struct ScenarioParseFailure {
  LoadError error;
};

/// What every table reader needs to know: the file name (for messages) and
/// the cluster size (to check node names S1..Sn, C1..Cm).
struct ParseContext {
  std::string file;
  int servers = 1;
  int clients = 2;
  LinkRules link;  ///< The file's [link] rules: the base of set-link steps.
};

/// "a string", "an integer", "a table", ... for messages.
std::string describe_type(const toml::node& node);

/// Throws a ScenarioParseFailure positioned at `region` (line 1 col 1 if unknown).
[[noreturn]] void fail_at(const ParseContext& ctx, const toml::source_region& region, std::string message);

/// Checked access to one table, named `where` in messages ("[scenario]",
/// "[[step]] at line 12", "'after' of [[step]] at line 12").
class TableReader {
 public:
  TableReader(const ParseContext& ctx, const toml::table& table, std::string where);

  const toml::table& table() const { return table_; }
  const std::string& where() const { return where_; }
  const ParseContext& context() const { return ctx_; }
  /// Line of the table itself (its header, or its first key for a root table).
  int line() const;

  /// Every key must be in `allowed`, else "unknown key 'x' in <where>; expected one of ...".
  void allow_only(const std::vector<std::string>& allowed) const;
  /// The key must be present, else "missing key 'x' in <where>; expected <what>".
  void require(std::string_view key, std::string_view what) const;
  bool has(std::string_view key) const { return table_.contains(key); }
  /// The value node of `key`, or nullptr.
  const toml::node* node(std::string_view key) const { return table_.get(key); }

  /// Typed getters: nullopt if the key is absent; an error if it has the
  /// wrong type or is out of [min, max].
  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  /// Accepts integers too (0 and 1 are valid probabilities).
  std::optional<double> number(std::string_view key, double min, double max) const;
  /// One of `choices` (the string values), as its index.
  std::optional<std::size_t> choice(std::string_view key, const std::vector<std::string>& choices) const;
  /// A sub-table (inline or not).
  const toml::table* subtable(std::string_view key) const;
  const toml::array* array(std::string_view key) const;

  /// Node names: any node of the cluster, a server only, or a client only.
  std::optional<NodeId> node_name(std::string_view key) const;
  std::optional<ServerId> server_name(std::string_view key) const;
  std::optional<ClientId> client_name(std::string_view key) const;
  /// A request name "m2" ("noop" only if allow_noop).
  std::optional<RequestId> request_name(std::string_view key, bool allow_noop) const;

  /// Fails at `key`'s value (or at the table if absent).
  [[noreturn]] void fail(std::string_view key, std::string message) const;
  /// Fails at the table itself.
  [[noreturn]] void fail_table(std::string message) const;

 private:
  const ParseContext& ctx_;
  const toml::table& table_;
  std::string where_;
};

/// Parses a node name from a value node (used for array elements too).
/// `role`: None = any node, Server or Client = only that role.
NodeId parse_node_value(const ParseContext& ctx, const toml::node& value, NodeId::Role role,
                        const std::string& what);
/// Parses a request name from a value node.
RequestId parse_request_value(const ParseContext& ctx, const toml::node& value, bool allow_noop,
                              const std::string& what);
/// "a, b, c" of the given names.
std::string join(const std::vector<std::string>& names);

/// The [[step]] array (`steps` = the value of the top-level key "step", may be
/// null): one ScriptStep per table, in file order (scenario_steps.cpp).
std::vector<ScriptStep> parse_steps(const ParseContext& ctx, const toml::node* steps);
/// Reads the [[fault]] tables (stage-independent faults next to a [[choose]]
/// schedule): each is a [[step]] table plus an optional `says` sentence.
std::vector<PortableFault> parse_faults(const ParseContext& ctx, const toml::node* faults);
/// The [expect] table (may be null: nothing expected) (scenario_expect.cpp).
Expectation parse_expect(const ParseContext& ctx, const toml::node* expect);

/// A message pattern from the keys kind, from, to, request, slot, rnd of `r`
/// (all optional) (scenario_steps.cpp).
MessagePattern parse_message_pattern(const TableReader& r);
/// The action of a table with a `do` key (any [[step]] action, same keys);
/// `extra_keys` are the other keys the table may hold (scenario_steps.cpp).
Action parse_do_action(const TableReader& r, const std::vector<std::string>& extra_keys);
/// The [[choose]] array (`choices` may be null): the explicit schedule
/// replayed in manual mode (scenario_choose.cpp, core/sim/schedule.hpp).
std::vector<ScheduleChoice> parse_choices(const ParseContext& ctx, const toml::node* choices);

}  // namespace paxoslab::scenario_detail
