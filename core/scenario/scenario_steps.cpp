// Scenario loading: the script, one [[step]] table per action
// (docs/scenario-format.md, "Actions"), with its trigger (`at` a tick or
// `after` a trace event).
#include <algorithm>
#include <climits>
#include <map>
#include <utility>
#include <variant>

#include "core/scenario/input_limits.hpp"
#include "core/scenario/scenario_reader.hpp"

namespace paxoslab::scenario_detail {

namespace {

enum class Act {
  Request, Lose, Duplicate, Deliver, Delay, LoseNext, DuplicateNext, DelayNext, RemoveRule,
  Cut, Mend, Partition, Heal, Crash, Restart, Suspect, Trust, SetLink,
};

struct ActionSpec {
  Act act;
  std::string name;               ///< The value of `do`.
  std::vector<std::string> keys;  ///< Keys it takes besides at/after/do.
};

const std::vector<std::string> kPatternKeys = {"kind", "from", "to", "request", "slot", "rnd"};
/// Keys of the one-shot message faults: a pattern (with `nth`) or a message id.
const std::vector<std::string> kSelectKeys = {"kind", "from", "to", "request", "slot", "rnd", "nth", "message"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<ActionSpec> action_specs() {
  return {
      {Act::Request, "request", {"client", "request"}},
      {Act::Lose, "lose", kSelectKeys},
      {Act::Duplicate, "duplicate", kSelectKeys},
      {Act::Deliver, "deliver", kSelectKeys},
      {Act::Delay, "delay", with(kSelectKeys, {"ticks"})},
      {Act::LoseNext, "lose-next", with(kPatternKeys, {"count", "name"})},
      {Act::DuplicateNext, "duplicate-next", with(kPatternKeys, {"count", "name"})},
      {Act::DelayNext, "delay-next", with(kPatternKeys, {"count", "name", "ticks"})},
      {Act::RemoveRule, "remove-rule", {"name"}},
      {Act::Cut, "cut", {"a", "b", "one_way"}},
      {Act::Mend, "mend", {"a", "b", "one_way"}},
      {Act::Partition, "partition", {"groups"}},
      {Act::Heal, "heal", {}},
      {Act::Crash, "crash", {"server"}},
      {Act::Restart, "restart", {"server"}},
      {Act::Suspect, "suspect", {"observer", "peer", "keep"}},
      {Act::Trust, "trust", {"observer", "peer"}},
      {Act::SetLink, "set-link", {"from", "to", "delay_ticks_min", "delay_ticks_max", "loss_probability",
                                  "duplicate_probability"}},
  };
}

std::vector<std::string> msg_kind_names() {
  std::vector<std::string> out;
  for (int i = 0; i < kMsgKindCount; ++i) out.push_back("\"" + std::string(to_string(static_cast<MsgKind>(i))) + "\"");
  return out;
}

std::vector<std::string> trace_kind_names() {
  std::vector<std::string> out;
  for (int i = 0; i < kTraceKindCount; ++i) out.push_back("\"" + std::string(to_string(static_cast<TraceKind>(i))) + "\"");
  return out;
}

std::optional<MsgKind> read_msg_kind(const TableReader& r, std::string_view key) {
  const auto* n = r.node(key);
  if (!n) return std::nullopt;
  const auto* s = n->as_string();
  MsgKind k{};
  if (!s || !parse_msg_kind(s->get(), k))
    r.fail(key, "expected a message kind (one of " + join(msg_kind_names()) + ") for '" + std::string(key) + "' in " +
                    r.where() + ", got " + (s ? "\"" + shorten_for_message(s->get()) + "\"" : describe_type(*n)));
  return k;
}

MessagePattern read_pattern(const TableReader& r) {
  MessagePattern p;
  p.kind = read_msg_kind(r, "kind");
  p.from = r.node_name("from").value_or(NodeId{});
  p.to = r.node_name("to").value_or(NodeId{});
  p.request = r.request_name("request", true);
  p.slot = r.integer("slot", 1, kMaxFileCount);  // slots are numbered from 1
  p.rnd = r.integer("rnd", 0, kMaxFileCount);
  return p;
}

/// Which in-flight message a lose/duplicate/deliver/delay step picks: by id
/// (`message = 7`, the "#7" of the trace) or by pattern and `nth` (the n-th
/// match in sending order, default 1) - not both.
struct Selection {
  MessageId id;
  MessagePattern pattern;
  int nth = 1;
};

/// `message = 7` or `message = "#7"` (as the trace writes it).
MessageId read_message_id(const TableReader& r) {
  const toml::node* n = r.node("message");
  if (const auto* s = n->as_string()) {
    const std::string& text = s->get();
    std::uint64_t v = 0;
    bool ok = text.size() >= 2 && text.size() <= 19 && text[0] == '#';
    for (std::size_t i = 1; ok && i < text.size(); ++i) {
      ok = text[i] >= '0' && text[i] <= '9';
      v = v * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (!ok || v == 0)
      r.fail("message", "expected a message id of at least 1 (7, or \"#7\" as the trace writes it) for 'message' in " +
                            r.where() + ", got \"" + text + "\"");
    return MessageId{v};
  }
  return MessageId{static_cast<std::uint64_t>(*r.integer("message", 1, INT64_MAX))};
}

Selection read_selection(const TableReader& r) {
  Selection sel;
  if (r.has("message")) {
    for (const auto& key : kSelectKeys)
      if (key != "message" && r.has(key))
        r.fail(key, "expected either 'message' (a message id) or a message pattern (kind, from, to, request, slot, "
                    "rnd, nth) in " + r.where() + ", not both; the id alone names the message");
    sel.id = read_message_id(r);
    return sel;
  }
  sel.pattern = read_pattern(r);
  // Beyond INT_MAX no message can match either: capped, not refused.
  if (auto v = r.integer("nth", 1, INT64_MAX)) sel.nth = static_cast<int>(std::min<std::int64_t>(*v, INT_MAX));
  return sel;
}

Trigger read_trigger(const TableReader& r) {
  Trigger t;
  const bool at = r.has("at");
  const bool after = r.has("after");
  if (at && after)
    r.fail("after", "expected either 'at' or 'after' in " + r.where() + ", not both");
  if (!at && !after)
    r.fail_table("missing key 'at' or 'after' in " + r.where() +
                 "; expected a tick (at = 0) or an event (after = { event = \"execute\", who = \"S1\" })");
  if (at) {
    t.at_tick = *r.integer("at", 0, kMaxFileTick);
    return t;
  }
  const toml::table* table = r.subtable("after");
  const TableReader a(r.context(), *table, "'after' of " + r.where());
  a.allow_only({"event", "who", "other", "request", "msg", "occurrence", "why"});
  a.require("event", "a trace event kind (one of " + join(trace_kind_names()) + ")");
  EventPattern e;
  const auto* en = a.node("event");
  const auto* es = en->as_string();
  if (!es || !parse_trace_kind(es->get(), e.kind))
    a.fail("event", "expected a trace event kind (one of " + join(trace_kind_names()) + ") for 'event' in " +
                        a.where() + ", got " + (es ? "\"" + shorten_for_message(es->get()) + "\"" : describe_type(*en)));
  e.who = a.node_name("who").value_or(NodeId{});
  e.other = a.node_name("other").value_or(NodeId{});
  e.request = a.request_name("request", true);
  e.msg_kind = read_msg_kind(a, "msg");
  if (auto v = a.integer("occurrence", 1, kMaxFileCount)) e.occurrence = static_cast<int>(*v);
  if (auto v = a.string("why")) e.why = *v;
  t.after = e;
  return t;
}

FilterAction read_filter(const TableReader& r, FilterAction::Effect effect, int line) {
  FilterAction f;
  f.effect = effect;
  f.pattern = read_pattern(r);
  f.name = r.string("name").value_or("rule at line " + std::to_string(line));
  if (auto c = r.integer("count", -1, kMaxFileCount)) {
    if (*c == 0) r.fail("count", "expected -1 (every message) or a count of at least 1 for 'count' in " + r.where() + ", got 0");
    f.count = static_cast<int>(*c);
  }
  if (effect == FilterAction::Effect::Delay) {
    r.require("ticks", "the number of ticks to hold each message back (at least 1)");
    f.delay_ticks = *r.integer("ticks", 1, kMaxFileDelayTicks);
  }
  return f;
}

PartitionAction read_partition(const TableReader& r) {
  r.require("groups", "groups of servers, e.g. groups = [[\"S1\"], [\"S2\", \"S3\"]]");
  const toml::array* groups = r.array("groups");
  PartitionAction p;
  std::vector<ServerId> seen;
  for (const auto& g : *groups) {
    const auto* ga = g.as_array();
    if (!ga)
      fail_at(r.context(), g.source(),
              "expected a group (an array of server names like [\"S1\", \"S2\"]) in 'groups' of " + r.where() +
                  ", got " + describe_type(g));
    std::vector<ServerId> group;
    for (const auto& n : *ga) {
      const ServerId s = parse_node_value(r.context(), n, NodeId::Role::Server, "'groups' in " + r.where()).server();
      if (std::find(seen.begin(), seen.end(), s) != seen.end())
        fail_at(r.context(), n.source(),
                "expected each server in at most one group in 'groups' of " + r.where() + ", but " + to_string(s) +
                    " appears twice");
      seen.push_back(s);
      group.push_back(s);
    }
    p.groups.push_back(std::move(group));
  }
  if (p.groups.empty()) r.fail("groups", "expected at least one group in 'groups' of " + r.where());
  return p;
}

/// `do = "cut"` / `"mend"`: the link's two ends `a` and `b` and `one_way`.
Action read_link(const TableReader& r, Act act) {
  r.require("a", "one end of the link (S1, C1, ...)");
  r.require("b", "the other end of the link");
  const NodeId a = *r.node_name("a");
  const NodeId b = *r.node_name("b");
  if (a == b) r.fail("b", "expected two different ends of the link in " + r.where() + ", got " + to_string(a) + " twice");
  const bool one_way = r.boolean("one_way").value_or(false);
  if (act == Act::Cut) return CutLinkAction{a, b, one_way};
  return MendLinkAction{a, b, one_way};
}

/// `do = "suspect"` / `"trust"`: the `observer` (required; `what` says what
/// it is) and the `peer` (optional: for suspect the observer's leader, for trust
/// every peer it suspects), not the same.
std::pair<ServerId, ServerId> read_observer_and_peer(const TableReader& r, const std::string& what) {
  r.require("observer", what);
  const ServerId o = *r.server_name("observer");
  const ServerId p = r.server_name("peer").value_or(ServerId{});
  if (p == o) r.fail("peer", "expected a peer other than the observer " + to_string(o) + " in " + r.where());
  return {o, p};
}

/// `do = "set_link"`: new delay, loss and duplicate rules for a link (or all
/// links), starting from the file's [link] rules.
SetLinkAction read_set_link(const TableReader& r) {
  SetLinkAction s;
  s.from = r.node_name("from").value_or(NodeId{});
  s.to = r.node_name("to").value_or(NodeId{});
  s.rules = r.context().link;
  if (auto v = r.integer("delay_ticks_min", 1, kMaxFileDelayTicks)) s.rules.delay_ticks_min = *v;
  if (auto v = r.integer("delay_ticks_max", 1, kMaxFileDelayTicks)) s.rules.delay_ticks_max = *v;
  if (auto v = r.number("loss_probability", 0.0, 1.0)) s.rules.loss_probability = *v;
  if (auto v = r.number("duplicate_probability", 0.0, 1.0)) s.rules.duplicate_probability = *v;
  if (s.rules.delay_ticks_max < s.rules.delay_ticks_min)
    r.fail(r.has("delay_ticks_max") ? "delay_ticks_max" : "delay_ticks_min",
           "expected delay_ticks_max >= delay_ticks_min in " + r.where() + ", got " +
               std::to_string(s.rules.delay_ticks_min) + ".." + std::to_string(s.rules.delay_ticks_max));
  return s;
}

Action read_action(const TableReader& r, Act act, int line) {
  switch (act) {
    case Act::Request:
      r.require("client", "the client that sends the request (C1, ...)");
      r.require("request", "the request's name (m1, ...)");
      return ClientRequestAction{*r.client_name("client"), *r.request_name("request", false)};
    case Act::Lose: {
      const Selection s = read_selection(r);
      return LoseAction{s.id, s.pattern, s.nth};
    }
    case Act::Duplicate: {
      const Selection s = read_selection(r);
      return DuplicateAction{s.id, s.pattern, s.nth};
    }
    case Act::Deliver: {
      const Selection s = read_selection(r);
      return DeliverNowAction{s.id, s.pattern, s.nth};
    }
    case Act::Delay: {
      r.require("ticks", "how many ticks to hold the message back (at least 1)");
      const Selection s = read_selection(r);
      return DelayAction{s.id, s.pattern, *r.integer("ticks", 1, kMaxFileDelayTicks), s.nth};
    }
    case Act::LoseNext: return read_filter(r, FilterAction::Effect::Lose, line);
    case Act::DuplicateNext: return read_filter(r, FilterAction::Effect::Duplicate, line);
    case Act::DelayNext: return read_filter(r, FilterAction::Effect::Delay, line);
    case Act::RemoveRule:
      r.require("name", "the name of the rule to remove");
      return RemoveFilterAction{*r.string("name")};
    case Act::Cut:
    case Act::Mend: return read_link(r, act);
    case Act::Partition: return read_partition(r);
    case Act::Heal: return HealAction{};
    case Act::Crash:
      r.require("server", "the server to crash (S1, ...)");
      return CrashAction{*r.server_name("server")};
    case Act::Restart:
      r.require("server", "the server to restart (S1, ...)");
      return RestartAction{*r.server_name("server")};
    case Act::Suspect: {
      const auto [o, p] = read_observer_and_peer(r, "the server whose failure detector fires (S1, ...)");
      return SuspectAction{o, p, r.boolean("keep").value_or(false)};
    }
    case Act::Trust: {
      const auto [o, p] = read_observer_and_peer(r, "the server that stops suspecting (S1, ...)");
      return TrustAction{o, p};
    }
    case Act::SetLink: return read_set_link(r);
  }
  r.fail_table("unsupported action");
}

/// One [[step]] table, or (label "[[fault]]", extra key "says") one [[fault]] table.
ScriptStep parse_step(const ParseContext& ctx, const toml::table& table, const std::string& label = "[[step]]",
                      const std::vector<std::string>& extra_keys = {}) {
  const int line = TableReader(ctx, table, "").line();
  const TableReader r(ctx, table, label + " at line " + std::to_string(line));
  const auto specs = action_specs();
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back(s.name);
  r.require("do", "an action (one of " + join(names) + ")");
  const std::size_t which = *r.choice("do", names);
  const ActionSpec& spec = specs[which];
  r.allow_only(with(with({"at", "after", "do"}, extra_keys), spec.keys));
  ScriptStep step;
  step.source_line = line;
  step.when = read_trigger(r);
  step.action = read_action(r, spec.act, line);
  return step;
}

}  // namespace

MessagePattern parse_message_pattern(const TableReader& r) { return read_pattern(r); }

Action parse_do_action(const TableReader& r, const std::vector<std::string>& extra_keys) {
  const auto specs = action_specs();
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back(s.name);
  r.require("do", "an action (one of " + join(names) + ")");
  const ActionSpec& spec = specs[*r.choice("do", names)];
  r.allow_only(with(with(extra_keys, {"do"}), spec.keys));
  return read_action(r, spec.act, r.line());
}

namespace {

/// A request name is sent once (docs/scenario-format.md): `step` may not send
/// a request an earlier step sent (the simulator would skip it with only a
/// trace note). `sent` maps each request sent so far to its step's line.
void refuse_repeated_request(const ParseContext& ctx, const toml::table& table, const ScriptStep& step,
                             std::map<int, int>& sent) {
  const auto* a = std::get_if<ClientRequestAction>(&step.action);
  if (!a) return;
  const auto [it, fresh] = sent.emplace(a->request.value, step.source_line);
  if (!fresh)
    fail_at(ctx, table.get("request")->source(),
            "request " + to_string(a->request) + " is already sent by the step at line " + std::to_string(it->second) +
                "; expected a request name no other step sends (each request is sent once)");
}

}  // namespace

std::vector<ScriptStep> parse_steps(const ParseContext& ctx, const toml::node* steps) {
  std::vector<ScriptStep> out;
  if (!steps) return out;
  const auto* arr = steps->as_array();
  if (!arr)
    fail_at(ctx, steps->source(), "expected [[step]] tables for 'step', got " + describe_type(*steps));
  std::map<int, int> sent;  // request -> the line of the step that sends it
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) fail_at(ctx, item.source(), "expected a [[step]] table, got " + describe_type(item));
    out.push_back(parse_step(ctx, *t));
    refuse_repeated_request(ctx, *t, out.back(), sent);
  }
  return out;
}

std::vector<PortableFault> parse_faults(const ParseContext& ctx, const toml::node* faults) {
  std::vector<PortableFault> out;
  if (!faults) return out;
  const auto* arr = faults->as_array();
  if (!arr)
    fail_at(ctx, faults->source(), "expected [[fault]] tables for 'fault', got " + describe_type(*faults));
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) fail_at(ctx, item.source(), "expected a [[fault]] table, got " + describe_type(item));
    PortableFault f;
    f.step = parse_step(ctx, *t, "[[fault]]", {"says"});
    const TableReader r(ctx, *t, "[[fault]] at line " + std::to_string(f.step.source_line));
    if (auto says = r.string("says")) f.says = *says;
    if (f.says.empty()) f.says = describe(f.step.action) + " " + f.step.when.describe();
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace paxoslab::scenario_detail
