// Lesson loading: the [[page]] and [[exercise]] tables, goals and pause
// triggers (docs/lesson-format.md). The scenario tables are parsed by the
// scenario loader (core/scenario/scenario_loader.hpp); [lesson] in lesson_loader.cpp.
#include <algorithm>
#include <climits>

#include "core/scenario/input_limits.hpp"
#include "core/lessons/lesson_reader.hpp"

namespace paxoslab::lesson_detail {

using scenario_detail::describe_type;
using scenario_detail::fail_at;
using scenario_detail::join;

namespace {

const std::vector<std::string> kGoalKeys = {"stuck", "safe", "violation", "executed", "delivered", "lost",
                                            "all_executed", "event", "all", "any", "not"};
const std::vector<std::string> kEventKeys = {"event", "who", "other", "request", "msg", "occurrence", "why"};
const std::vector<std::string> kPatternKeys = {"kind", "from", "to", "request", "slot", "rnd"};

int line_of(const ParseContext& ctx, const toml::table& t) { return TableReader(ctx, t, "").line(); }

std::vector<std::string> quoted_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back("\"" + n + "\"");
  return out;
}

std::vector<std::string> trace_kind_names() {
  std::vector<std::string> out;
  for (int i = 0; i < kTraceKindCount; ++i) out.push_back(to_string(static_cast<TraceKind>(i)));
  return out;
}

std::vector<std::string> msg_kind_names() {
  std::vector<std::string> out;
  for (int i = 0; i < kMsgKindCount; ++i) out.push_back(to_string(static_cast<MsgKind>(i)));
  return out;
}

/// The keys event/who/other/request/msg/occurrence/why of `r` as an EventPattern.
EventPattern read_event_pattern(const TableReader& r) {
  r.require("event", "a trace event kind (one of " + join(quoted_names(trace_kind_names())) + ")");
  EventPattern e;
  const auto kind = r.choice("event", trace_kind_names());
  e.kind = static_cast<TraceKind>(*kind);
  e.who = r.node_name("who").value_or(NodeId{});
  e.other = r.node_name("other").value_or(NodeId{});
  e.request = r.request_name("request", true);
  if (const auto* n = r.node("msg")) {
    const auto* s = n->as_string();
    MsgKind k{};
    if (!s || !parse_msg_kind(s->get(), k))
      r.fail("msg", "expected a message kind (one of " + join(quoted_names(msg_kind_names())) + ") for 'msg' in " +
                        r.where() + ", got " + (s ? "\"" + shorten_for_message(s->get()) + "\"" : describe_type(*n)));
    e.msg_kind = k;
  }
  if (auto v = r.integer("occurrence", 1, kMaxFileCount)) e.occurrence = static_cast<int>(*v);
  if (auto v = r.string("why")) e.why = *v;
  return e;
}

std::vector<RequestId> read_requests(const TableReader& r, std::string_view key) {
  std::vector<RequestId> out;
  const toml::array* list = r.array(key);
  for (const auto& m : *list)
    out.push_back(scenario_detail::parse_request_value(r.context(), m, false,
                                                       "'" + std::string(key) + "' in " + r.where()));
  return out;
}

Goal read_executed(const TableReader& r) {
  r.allow_only({"server", "equals", "contains"});
  r.require("server", "the server whose executed sequence is checked (S1, ...)");
  Goal g;
  g.server = *r.server_name("server");
  const bool equals = r.has("equals");
  const bool contains = r.has("contains");
  if (equals == contains)
    r.fail_table("expected exactly one of 'equals' (the exact sequence) or 'contains' (requests in any order) in " +
                 r.where());
  g.kind = equals ? Goal::Kind::ExecutedEquals : Goal::Kind::ExecutedContains;
  g.requests = read_requests(r, equals ? "equals" : "contains");
  if (contains && g.requests.empty())
    r.fail("contains", "expected at least one request name in 'contains' of " + r.where());
  return g;
}

Goal read_message_goal(const TableReader& r, Goal::Kind kind) {
  std::vector<std::string> keys = kPatternKeys;
  keys.push_back("count");
  r.allow_only(keys);
  Goal g;
  g.kind = kind;
  g.message = scenario_detail::parse_message_pattern(r);
  if (auto c = r.integer("count", 1, kMaxFileCount)) g.count = static_cast<int>(*c);
  return g;
}

void require_true(const TableReader& r, std::string_view key, const std::string& hint) {
  if (!*r.boolean(key)) r.fail(key, "expected true for '" + std::string(key) + "' in " + r.where() + hint);
}

std::vector<Goal> read_children(const ParseContext& ctx, const TableReader& r, std::string_view key) {
  const toml::array* list = r.array(key);
  if (list->empty())
    r.fail(key, "expected at least one goal in '" + std::string(key) + "' of " + r.where() +
                    ", e.g. " + std::string(key) + " = [{ stuck = true }, { safe = true }]");
  std::vector<Goal> out;
  int i = 0;
  for (const auto& item : *list)
    out.push_back(parse_goal(ctx, item, "goal " + std::to_string(++i) + " of '" + std::string(key) + "' in " + r.where()));
  return out;
}

Highlight read_highlight(const ParseContext& ctx, const TableReader& page) {
  Highlight h;
  const toml::table* t = page.subtable("highlight");
  if (!t) return h;
  const TableReader r(ctx, *t, "'highlight' of " + page.where());
  r.allow_only({"servers", "lanes", "message"});
  if (const toml::array* servers = r.array("servers"))
    for (const auto& s : *servers)
      h.servers.push_back(
          scenario_detail::parse_node_value(ctx, s, NodeId::Role::Server, "'servers' in " + r.where()).server());
  if (const toml::array* lanes = r.array("lanes"))
    for (const auto& l : *lanes)
      h.lanes.push_back(scenario_detail::parse_node_value(ctx, l, NodeId::Role::None, "'lanes' in " + r.where()));
  if (const toml::table* m = r.subtable("message")) {
    const TableReader mr(ctx, *m, "'message' of " + r.where());
    mr.allow_only(kPatternKeys);
    h.message = scenario_detail::parse_message_pattern(mr);
  }
  return h;
}

PredictionChoice read_choice(const ParseContext& ctx, const toml::node& node, const std::string& where) {
  const auto* t = node.as_table();
  if (!t)
    fail_at(ctx, node.source(),
            "expected a table for a choice of " + where +
                ": { text = \"...\", event = \"deliver\", who = \"S3\", ..., right = true }, got " + describe_type(node));
  PredictionChoice c;
  c.source_line = static_cast<int>(node.source().begin.line);
  const TableReader r(ctx, *t, "the choice at line " + std::to_string(c.source_line) + " of " + where);
  std::vector<std::string> keys = kEventKeys;
  keys.insert(keys.end(), {"text", "right"});
  r.allow_only(keys);
  r.require("text", "a string: the answer the learner can pick (Markdown)");
  c.text_markdown = *r.string("text");
  if (c.text_markdown.empty()) r.fail("text", "expected a non-empty 'text' in " + r.where());
  c.right = r.boolean("right").value_or(false);
  c.event = read_event_pattern(r);
  return c;
}

/// [page.predict]: question, 2-4 choices (exactly one right), explanation.
Prediction read_prediction(const ParseContext& ctx, const TableReader& page) {
  const toml::table* t = page.subtable("predict");
  const TableReader r(ctx, *t, "'predict' of " + page.where());
  r.allow_only({"question", "choices", "explanation"});
  r.require("question", "the question asked before the page's moment, in Markdown");
  r.require("choices", "2 to 4 choices: choices = [{ text = \"...\", event = \"...\", ..., right = true }, ...]");
  Prediction p;
  p.source_line = line_of(ctx, *t);
  p.question_markdown = *r.string("question");
  if (p.question_markdown.empty()) r.fail("question", "expected a non-empty 'question' in " + r.where());
  if (auto e = r.string("explanation")) p.explanation_markdown = *e;
  const toml::array* list = r.array("choices");
  for (const auto& item : *list) p.choices.push_back(read_choice(ctx, item, r.where()));
  if (p.choices.size() < 2 || p.choices.size() > 4)
    r.fail("choices", "expected 2 to 4 choices in " + r.where() + ", got " + std::to_string(p.choices.size()));
  const auto right = std::count_if(p.choices.begin(), p.choices.end(), [](const PredictionChoice& c) { return c.right; });
  if (right != 1)
    r.fail("choices", "expected exactly one choice with right = true in " + r.where() + ", got " + std::to_string(right));
  for (std::size_t i = 0; i < p.choices.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (p.choices[i].event == p.choices[j].event)
        r.fail("choices", "expected choices that can be told apart, but the choices at lines " +
                              std::to_string(p.choices[j].source_line) + " and " + std::to_string(p.choices[i].source_line) +
                              " of " + r.where() + " name the same event");
  return p;
}

LessonPage parse_page(const ParseContext& ctx, const toml::table& table) {
  const int line = line_of(ctx, table);
  const TableReader r(ctx, table, "[[page]] at line " + std::to_string(line));
  r.allow_only({"title", "text", "highlight", "pause_at", "predict"});
  r.require("title", "a string: the page's heading");
  r.require("text", "the page's text in Markdown (a \"\"\"multi-line string\"\"\")");
  LessonPage p;
  p.source_line = line;
  p.title = *r.string("title");
  p.text_markdown = *r.string("text");
  if (p.title.empty()) r.fail("title", "expected a non-empty 'title' in " + r.where());
  p.highlight = read_highlight(ctx, r);
  if (const auto* n = r.node("pause_at")) p.pause_at = parse_trigger_table(ctx, *n, "'pause_at' of " + r.where());
  if (r.has("predict")) p.predict = read_prediction(ctx, r);
  return p;
}

/// [exercise.knobs]: the keys of [knobs] (docs/scenario-format.md) over `base`.
StageKnobs read_knobs(const ParseContext& ctx, const TableReader& ex, const SimConfig& base) {
  const toml::table* t = ex.subtable("knobs");
  const TableReader r(ctx, *t, "'knobs' of " + ex.where());
  r.allow_only({"retransmit_ticks", "fd_timeout_ticks", "quorum_size", "learn_mode", "round_numbering",
                "client_retry_ticks", "client_mode"});
  SimConfig config = base;
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
  if (const std::string e = validate(config); !e.empty()) r.fail_table("invalid " + r.where() + ": " + e);
  return k;
}

Exercise parse_exercise(const ParseContext& ctx, const toml::table& table, const SimConfig& base) {
  const int line = line_of(ctx, table);
  const TableReader r(ctx, table, "[[exercise]] at line " + std::to_string(line));
  r.allow_only({"id", "task", "start", "stage", "max_ticks", "knobs", "goal", "goal_text", "hints", "solution"});
  r.require("id", "a short name unique within the lesson, e.g. \"make-s2-stuck\"");
  r.require("task", "what the learner must do, in Markdown");
  r.require("goal", "a goal table, e.g. goal = { stuck = true } (see docs/lesson-format.md, Goals)");
  r.require("solution", "[[exercise.solution]] steps (same keys as [[step]]) that the \"show me\" button plays");
  Exercise e;
  e.source_line = line;
  e.id = *r.string("id");
  if (e.id.empty()) r.fail("id", "expected a non-empty 'id' in " + r.where());
  e.task_markdown = *r.string("task");
  if (auto s = r.choice("start", {"requests", "script", "empty"}))
    e.start = *s == 0 ? ExerciseStart::Requests : *s == 1 ? ExerciseStart::Script : ExerciseStart::Empty;
  if (auto s = r.integer("stage", 0, 4)) e.stage = static_cast<int>(*s);
  e.max_ticks = r.integer("max_ticks", 0, kMaxFileTick);
  if (r.has("knobs")) e.knobs = read_knobs(ctx, r, base);
  e.goal = parse_goal(ctx, *r.node("goal"), "'goal' of " + r.where());
  if (auto text = r.string("goal_text")) e.goal_text = std::move(*text);
  if (const toml::array* hints = r.array("hints")) {
    for (const auto& h : *hints) {
      const auto* s = h.as_string();
      if (!s) fail_at(ctx, h.source(), "expected a string (one hint) in 'hints' of " + r.where() + ", got " + describe_type(h));
      e.hints.push_back(s->get());
    }
  }
  e.solution = scenario_detail::parse_steps(ctx, r.node("solution"));
  if (e.solution.empty())
    r.fail("solution", "expected at least one [[exercise.solution]] step in " + r.where());
  return e;
}

}  // namespace

Trigger parse_trigger_table(const ParseContext& ctx, const toml::node& node, const std::string& where) {
  const auto* t = node.as_table();
  if (!t)
    fail_at(ctx, node.source(),
            "expected a table for " + where + ": { at = TICK } or { event = \"deliver\", who = \"S2\", msg = \"Accept\" }, got " +
                describe_type(node));
  const TableReader r(ctx, *t, where);
  Trigger trig;
  if (r.has("at")) {
    r.allow_only({"at"});
    trig.at_tick = *r.integer("at", 0, kMaxFileTick);
    return trig;
  }
  r.allow_only(kEventKeys);
  trig.after = read_event_pattern(r);
  return trig;
}

Goal parse_goal(const ParseContext& ctx, const toml::node& node, const std::string& where) {
  const auto* t = node.as_table();
  if (!t)
    fail_at(ctx, node.source(), "expected a goal table for " + where + ", e.g. { stuck = true }, got " + describe_type(node));
  const TableReader r(ctx, *t, where);
  r.allow_only(kGoalKeys);
  if (t->size() != 1)
    r.fail_table("expected exactly one predicate in " + where + " (one of " + join(kGoalKeys) +
                 "); combine several with all = [...] or any = [...]");
  const std::string key(t->cbegin()->first.str());
  Goal g;
  if (key == "stuck") {
    require_true(r, "stuck", "; for the opposite write not = { stuck = true }");
    g.kind = Goal::Kind::Stuck;
  } else if (key == "safe") {
    require_true(r, "safe", "; for the opposite write violation = \"any\"");
    g.kind = Goal::Kind::Safe;
  } else if (key == "all_executed") {
    require_true(r, "all_executed", "; for the opposite write not = { all_executed = true }");
    g.kind = Goal::Kind::AllExecuted;
  } else if (key == "violation") {
    g.kind = Goal::Kind::Violation;
    std::vector<std::string> kinds = violation_kind_names();
    kinds.insert(kinds.begin(), "any");
    const auto v = *r.choice("violation", kinds);
    if (v > 0) g.violation = static_cast<Violation::Kind>(v - 1);
  } else if (key == "executed" || key == "delivered" || key == "lost" || key == "event") {
    const toml::table* sub = r.subtable(key);
    const TableReader s(ctx, *sub, "'" + key + "' of " + where);
    if (key == "executed") {
      g = read_executed(s);
    } else if (key == "event") {
      s.allow_only(kEventKeys);
      g.kind = Goal::Kind::Event;
      g.event = read_event_pattern(s);
    } else {
      g = read_message_goal(s, key == "delivered" ? Goal::Kind::Delivered : Goal::Kind::Lost);
    }
  } else if (key == "all" || key == "any") {
    g.kind = key == "all" ? Goal::Kind::All : Goal::Kind::Any;
    g.children = read_children(ctx, r, key);
  } else {  // "not"
    g.kind = Goal::Kind::Not;
    g.children.push_back(parse_goal(ctx, *r.node("not"), "'not' of " + where));
  }
  g.source_line = static_cast<int>(node.source().begin.line);
  return g;
}

std::vector<LessonPage> parse_pages(const ParseContext& ctx, const toml::node* pages) {
  std::vector<LessonPage> out;
  if (!pages) return out;
  const auto* arr = pages->as_array();
  if (!arr) fail_at(ctx, pages->source(), "expected [[page]] tables for 'page', got " + describe_type(*pages));
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) fail_at(ctx, item.source(), "expected a [[page]] table, got " + describe_type(item));
    out.push_back(parse_page(ctx, *t));
  }
  return out;
}

std::vector<Exercise> parse_exercises(const ParseContext& ctx, const toml::node* exercises, const SimConfig& base) {
  std::vector<Exercise> out;
  if (!exercises) return out;
  const auto* arr = exercises->as_array();
  if (!arr) fail_at(ctx, exercises->source(), "expected [[exercise]] tables for 'exercise', got " + describe_type(*exercises));
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (!t) fail_at(ctx, item.source(), "expected an [[exercise]] table, got " + describe_type(item));
    Exercise e = parse_exercise(ctx, *t, base);
    const auto dup = std::find_if(out.begin(), out.end(), [&](const Exercise& x) { return x.id == e.id; });
    if (dup != out.end())
      TableReader(ctx, *t, "[[exercise]] at line " + std::to_string(e.source_line))
          .fail("id", "expected a unique exercise id, but '" + e.id + "' is also used by the [[exercise]] at line " +
                          std::to_string(dup->source_line));
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace paxoslab::lesson_detail
