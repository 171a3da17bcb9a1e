// Scenario loading: the file and string entry points and the set-up tables
// [scenario], [link] (with [[link.override]]) and [knobs]. The script is in
// scenario_steps.cpp, the expectation in scenario_expect.cpp.
#include "core/scenario/scenario_loader.hpp"

#include <algorithm>

#include "core/scenario/input_limits.hpp"
#include "core/sim/knobs.hpp"
#include "core/sim/variant.hpp"
#include "core/scenario/scenario_reader.hpp"

namespace paxoslab {

using scenario_detail::ParseContext;
using scenario_detail::ScenarioParseFailure;
using scenario_detail::TableReader;

namespace {

const std::vector<std::string> kTopLevelKeys = {"scenario", "link", "knobs", "step", "choose", "fault", "expect"};
const std::vector<std::string> kScenarioKeys = {"name",    "figure", "description", "stage",     "servers",
                                                "clients", "seed",   "max_steps",   "max_ticks", "format",
                                                "without"};
const std::vector<std::string> kRuleKeys = {"delay_ticks_min", "delay_ticks_max", "loss_probability",
                                            "duplicate_probability"};

/// Fails at the key that validate()'s sentence names (it starts with the
/// field name), or at the table.
[[noreturn]] void fail_validation(const TableReader& r, const std::string& sentence) {
  for (auto&& [k, v] : r.table()) {
    const std::string_view key = k.str();
    if (sentence.find(key) != std::string::npos) r.fail(key, "invalid " + r.where() + ": " + sentence);
  }
  r.fail_table("invalid " + r.where() + ": " + sentence);
}

/// Reads the rule keys of `r` on top of `base`.
LinkRules read_rules(const TableReader& r, LinkRules base) {
  if (auto v = r.integer("delay_ticks_min", 1, kMaxFileDelayTicks)) base.delay_ticks_min = *v;
  if (auto v = r.integer("delay_ticks_max", 1, kMaxFileDelayTicks)) base.delay_ticks_max = *v;
  if (auto v = r.number("loss_probability", 0.0, 1.0)) base.loss_probability = *v;
  if (auto v = r.number("duplicate_probability", 0.0, 1.0)) base.duplicate_probability = *v;
  SimConfig probe;
  probe.link = base;
  if (const std::string e = validate(probe); !e.empty()) fail_validation(r, e);
  return base;
}

/// Checks [scenario].format before anything else, so that a file written for
/// a newer format is refused for its format rather than for a key this build
/// does not know. No `format` = format 1.
void check_format(const ParseContext& ctx, const toml::table& root) {
  const auto* node = root.get("scenario");
  const auto* table = node ? node->as_table() : nullptr;
  if (!table) return;  // parse_header reports it
  const TableReader r(ctx, *table, "[scenario]");
  const auto* f = r.node("format");
  if (!f) return;
  const auto* i = f->as_integer();
  if (!i || i->get() < 1)
    r.fail("format", "expected the scenario format as an integer from 1 to " + std::to_string(kScenarioFormat) +
                         " for 'format' in [scenario], got " +
                         (i ? std::to_string(i->get()) : scenario_detail::describe_type(*f)));
  if (i->get() > kScenarioFormat)
    r.fail("format", "this file has scenario format " + std::to_string(i->get()) + " but this build of Paxos Lab reads "
                         "format " + std::to_string(kScenarioFormat) + " only (docs/scenario-format.md); use a newer "
                         "Paxos Lab, or write the file in format " + std::to_string(kScenarioFormat));
}

/// [scenario].without: the rule ids switched off (a variant, core/variant.hpp).
/// Only their form is checked here; whether the stage has them is checked
/// where the stage is known (the run's stage may be another: --stage).
void parse_without(const TableReader& r, Scenario& out) {
  const toml::array* a = r.array("without");
  if (!a) return;
  const auto where = "'without' in [scenario]";
  std::vector<std::string> ids;
  for (const toml::node& el : *a) {
    const auto* str = el.as_string();
    if (!str)
      scenario_detail::fail_at(r.context(), el.source(),
                               std::string("expected a rule id for ") + where + " (a string such as \"durable-promise\"), got " +
                                   scenario_detail::describe_type(el));
    const std::string id = str->get();
    SimConfig probe;
    probe.knobs.without = {id};
    if (!validate(probe).empty())
      scenario_detail::fail_at(r.context(), el.source(),
                               std::string("'") + id + "' in " + where +
                                   " is not a rule id: expected lowercase letters, digits and '-' "
                                   "(see 'paxos-lab-cli rules --stage N')");
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
      scenario_detail::fail_at(r.context(), el.source(), std::string("rule '") + id + "' is listed twice in " + where);
    ids.push_back(id);
  }
  out.config.knobs.without = normalized_without(std::move(ids));
  const auto& begin = r.node("without")->source().begin;
  out.without_line = static_cast<int>(begin.line);
  out.without_column = static_cast<int>(begin.column);
}

/// Reads [scenario]; afterwards ctx knows the cluster size.
void parse_header(ParseContext& ctx, const toml::table& root, Scenario& out) {
  const auto* node = root.get("scenario");
  if (!node) {
    LoadError e{ctx.file, 1, 1,
                "missing table [scenario]; expected it with at least name, stage and servers"};
    throw ScenarioParseFailure{std::move(e)};
  }
  const auto* table = node->as_table();
  if (!table) scenario_detail::fail_at(ctx, node->source(), "expected a table [scenario], got " + scenario_detail::describe_type(*node));
  const TableReader r(ctx, *table, "[scenario]");
  r.allow_only(kScenarioKeys);
  r.require("name", "a string naming the scenario");
  r.require("stage", "an integer from 0 to 4");
  r.require("servers", "an integer from 1 to 7");
  out.name = *r.string("name");
  out.figure = r.string("figure").value_or("");
  out.description = r.string("description").value_or("");
  out.config.stage = static_cast<int>(*r.integer("stage", 0, 4));
  out.config.servers = static_cast<int>(*r.integer("servers", 1, 7));
  if (auto v = r.integer("clients", 1, 9)) out.config.clients = static_cast<int>(*v);
  if (auto v = r.integer("seed", 0, INT64_MAX)) out.config.seed = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer("max_steps", 1, kMaxFileSteps)) out.max_steps = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer("max_ticks", 0, kMaxFileTick)) out.max_ticks = *v;
  ctx.servers = out.config.servers;
  ctx.clients = out.config.clients;
  parse_without(r, out);
}

void parse_link(const ParseContext& ctx, const toml::table& root, SimConfig& config) {
  const auto* node = root.get("link");
  if (!node) return;
  const auto* table = node->as_table();
  if (!table) scenario_detail::fail_at(ctx, node->source(), "expected a table [link], got " + scenario_detail::describe_type(*node));
  const TableReader r(ctx, *table, "[link]");
  std::vector<std::string> keys = kRuleKeys;
  keys.push_back("override");
  r.allow_only(keys);
  config.link = read_rules(r, config.link);
  const auto* overrides = r.array("override");
  if (!overrides) return;
  for (const auto& item : *overrides) {
    const auto* t = item.as_table();
    if (!t)
      scenario_detail::fail_at(ctx, item.source(),
                               "expected a table [[link.override]] with from, to and link rules, got " +
                                   scenario_detail::describe_type(item));
    const TableReader o(ctx, *t, "[[link.override]] at line " + std::to_string(TableReader(ctx, *t, "").line()));
    std::vector<std::string> okeys = {"from", "to"};
    okeys.insert(okeys.end(), kRuleKeys.begin(), kRuleKeys.end());
    o.allow_only(okeys);
    LinkOverride lo;
    lo.from = o.node_name("from").value_or(NodeId{});
    lo.to = o.node_name("to").value_or(NodeId{});
    lo.rules = read_rules(o, config.link);
    config.link_overrides.push_back(lo);
  }
}

void parse_knobs(const ParseContext& ctx, const toml::table& root, SimConfig& config) {
  const auto* node = root.get("knobs");
  if (!node) return;
  const auto* table = node->as_table();
  if (!table) scenario_detail::fail_at(ctx, node->source(), "expected a table [knobs], got " + scenario_detail::describe_type(*node));
  const TableReader r(ctx, *table, "[knobs]");
  r.allow_only(knob_names());  // core/sim/knobs.hpp: the same names as --knob NAME=VALUE
  StageKnobs& k = config.knobs;
  if (auto v = r.integer("retransmit_ticks", 1, kMaxFileDelayTicks)) k.retransmit_ticks = *v;
  if (auto v = r.integer("fd_timeout_ticks", 1, kMaxFileDelayTicks)) k.fd_timeout_ticks = *v;
  if (auto v = r.integer("quorum_size", 0, config.servers)) k.quorum_size = static_cast<int>(*v);
  if (auto v = r.choice("learn_mode", {"all", "leader"}))
    k.learn_mode = *v == 0 ? LearnMode::ToAll : LearnMode::ToLeaderThenCommit;
  if (auto v = r.choice("round_numbering", {"preassigned", "server_id"}))
    k.round_numbering = *v == 0 ? RoundNumbering::Preassigned : RoundNumbering::ServerId;
  if (auto v = r.integer("client_retry_ticks", 0, kMaxFileDelayTicks)) k.client_retry_ticks = *v;
  if (auto v = r.choice("client_mode", {"closed-loop", "open-loop"}))
    k.client_mode = *v == 0 ? ClientMode::ClosedLoop : ClientMode::OpenLoop;
  if (const std::string e = validate(config); !e.empty()) fail_validation(r, e);
}

}  // namespace

ScenarioLoad parse_scenario_table(const toml::table& root, const std::string& source_path,
                                  const ScenarioParseOptions& options) {
  ScenarioLoad result;
  try {
    ParseContext ctx;
    ctx.file = source_path;
    check_format(ctx, root);
    {
      std::vector<std::string> top = kTopLevelKeys;
      top.insert(top.end(), options.extra_top_level_keys.begin(), options.extra_top_level_keys.end());
      TableReader(ctx, root, "the top level").allow_only(top);
    }
    Scenario s;
    s.path = source_path;
    parse_header(ctx, root, s);
    parse_link(ctx, root, s.config);
    ctx.link = s.config.link;
    parse_knobs(ctx, root, s.config);
    s.script = scenario_detail::parse_steps(ctx, root.get("step"));
    s.schedule = scenario_detail::parse_choices(ctx, root.get("choose"));
    s.faults = scenario_detail::parse_faults(ctx, root.get("fault"));
    if (!s.faults.empty() && s.schedule.empty())
      throw ScenarioParseFailure{LoadError{source_path, s.faults.front().step.source_line, 1,
                                           "expected [[fault]] tables only next to a [[choose]] schedule (they "
                                           "describe its faults for other stages); use [[step]] for a script"}};
    if (!s.script.empty() && !s.schedule.empty())
      throw ScenarioParseFailure{LoadError{source_path, s.schedule.front().source_line, 1,
                                           "expected either [[step]] tables (a script, run in auto mode) or "
                                           "[[choose]] tables (a schedule, replayed in manual mode), not both"}};
    s.expect = scenario_detail::parse_expect(ctx, root.get("expect"));
    if (const std::string e = validate(s.config); !e.empty())
      throw ScenarioParseFailure{LoadError{source_path, 1, 1, "invalid scenario: " + e}};
    result.scenario = std::move(s);
  } catch (const ScenarioParseFailure& f) {
    result.error = f.error;
  } catch (const std::exception& e) {  // e.g. std::bad_alloc: still a value, never a crash
    result.error = LoadError{source_path, 0, 0, std::string("cannot load scenario: ") + e.what()};
  }
  return result;
}

ScenarioLoad load_scenario_string(const std::string& text, const std::string& source_path) {
  LoadError error;
  const auto root = parse_toml_checked(text, source_path, error);
  if (!root) {
    ScenarioLoad result;
    result.error = std::move(error);
    return result;
  }
  return parse_scenario_table(*root, source_path);
}

ScenarioLoad load_scenario_file(const std::string& path) {
  LoadError error;
  const auto text = read_bounded_file(path, kMaxScenarioFileBytes, "scenario file", error);
  if (!text) {
    ScenarioLoad result;
    result.error = std::move(error);
    return result;
  }
  return load_scenario_string(*text, path);
}

}  // namespace paxoslab
