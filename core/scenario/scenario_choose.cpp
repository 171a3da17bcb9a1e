// Scenario loading: the explicit schedule, one [[choose]] table per step
// (docs/scenario-format.md, "Schedules"; core/sim/schedule.hpp). Each table is
// either an event to carry out next - event = "deliver" with a message
// pattern, or event = "timer" with owner, timer and tag, or event = "wait"
// with the tick time moves to (until) - or an action to apply now, with the
// keys of a [[step]] action (do = "crash", ...).
#include <climits>

#include "core/scenario/input_limits.hpp"
#include "core/scenario/scenario_reader.hpp"

namespace paxoslab::scenario_detail {

namespace {

const std::vector<std::string> kPatternKeys = {"kind", "from", "to", "request", "slot", "rnd"};

int read_index(const TableReader& r) {
  if (auto v = r.integer("index", 1, kMaxFileCount)) return static_cast<int>(*v);
  return 1;
}

ScheduleChoice parse_choice(const ParseContext& ctx, const toml::table& table) {
  const int line = TableReader(ctx, table, "").line();
  const TableReader r(ctx, table, "[[choose]] at line " + std::to_string(line));
  ScheduleChoice c;
  c.source_line = line;
  if (r.has("do")) {
    if (r.has("event")) r.fail("event", "expected either 'event' or 'do' in " + r.where() + ", not both");
    c.type = ScheduleChoice::Type::Act;
    c.action = parse_do_action(r, {});
    return c;
  }
  r.require("event", "the next event (\"deliver\", \"timer\" or \"wait\"), or 'do' with an action");
  const std::size_t which = *r.choice("event", {"deliver", "timer", "wait"});
  if (which == 2) {
    r.allow_only({"event", "until"});
    r.require("until", "the tick time passes to (nothing happens before it)");
    c.type = ScheduleChoice::Type::Wait;
    c.until = *r.integer("until", 0, kMaxFileTick);
    return c;
  }
  if (which == 0) {
    std::vector<std::string> keys = kPatternKeys;
    keys.insert(keys.end(), {"event", "index"});
    r.allow_only(keys);
    c.type = ScheduleChoice::Type::Deliver;
    c.message = parse_message_pattern(r);
  } else {
    r.allow_only({"event", "owner", "timer", "tag", "index"});
    r.require("owner", "the node whose timer fires (S1, ..., or C1 for a client's retry timer)");
    r.require("timer", "the timer's kind (\"stage\", \"failure-detector\", \"client-retry\" or \"heartbeat\")");
    c.type = ScheduleChoice::Type::Timer;
    c.timer_owner = *r.node_name("owner");
    const std::size_t kind = *r.choice("timer", {"stage", "failure-detector", "client-retry", "heartbeat"});
    static constexpr TimerKind kKinds[] = {TimerKind::Stage, TimerKind::FailureDetector, TimerKind::ClientRetry,
                                           TimerKind::Heartbeat};
    c.timer_kind = kKinds[kind];
    c.timer_tag = r.integer("tag", INT64_MIN, INT64_MAX).value_or(0);
  }
  c.index = read_index(r);
  return c;
}

}  // namespace

std::vector<ScheduleChoice> parse_choices(const ParseContext& ctx, const toml::node* choices) {
  std::vector<ScheduleChoice> out;
  if (!choices) return out;
  const auto* arr = choices->as_array();
  if (!arr) fail_at(ctx, choices->source(), "expected [[choose]] tables for 'choose', got " + describe_type(*choices));
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) fail_at(ctx, item.source(), "expected a [[choose]] table, got " + describe_type(item));
    out.push_back(parse_choice(ctx, *t));
  }
  return out;
}

}  // namespace paxoslab::scenario_detail
