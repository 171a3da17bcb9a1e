#include "core/scenario/scenario_writer.hpp"

#include <charconv>
#include <cstdio>
#include <sstream>

#include "core/sim/overloaded.hpp"

namespace paxoslab {

std::string toml_quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string toml_float(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // "0" -> "0.0" (a TOML float)
  return s;
}

std::string toml_line(const std::string& key, const std::string& value) { return key + " = " + toml_quoted(value) + "\n"; }
std::string toml_line(const std::string& key, std::int64_t value) { return key + " = " + std::to_string(value) + "\n"; }

std::string pattern_toml(const MessagePattern& p) {
  std::string s;
  if (p.kind) s += toml_line("kind", to_string(*p.kind));
  if (p.from.valid()) s += toml_line("from", to_string(p.from));
  if (p.to.valid()) s += toml_line("to", to_string(p.to));
  if (p.request) s += toml_line("request", to_string(*p.request));
  if (p.slot) s += toml_line("slot", *p.slot);
  if (p.rnd) s += toml_line("rnd", *p.rnd);
  return s;
}

namespace {

/// The keys that pick one in-flight message (docs/scenario-format.md, "Naming
/// one message"): `message = N` when the action names it by id (ids replay
/// exactly), else the pattern, with `nth` when it is not the first match.
std::string selection_toml(MessageId id, const MessagePattern& p, int nth) {
  if (id.valid()) return toml_line("message", static_cast<std::int64_t>(id.value));
  return pattern_toml(p) + (nth > 1 ? toml_line("nth", nth) : std::string());
}

std::string link_pair(const char* what, NodeId a, NodeId b, bool one_way) {
  return toml_line("do", what) + toml_line("a", to_string(a)) + toml_line("b", to_string(b)) +
         (one_way ? std::string("one_way = true\n") : std::string());
}

std::string rules_toml(const LinkRules& r) {
  return toml_line("delay_ticks_min", r.delay_ticks_min) + toml_line("delay_ticks_max", r.delay_ticks_max) +
         "loss_probability = " + toml_float(r.loss_probability) + "\n" +
         "duplicate_probability = " + toml_float(r.duplicate_probability) + "\n";
}

std::string filter_toml(const FilterAction& f) {
  const char* what = f.effect == FilterAction::Effect::Lose        ? "lose-next"
                     : f.effect == FilterAction::Effect::Duplicate ? "duplicate-next"
                                                                   : "delay-next";
  std::string s = toml_line("do", what) + pattern_toml(f.pattern) + toml_line("count", f.count) + toml_line("name", f.name);
  if (f.effect == FilterAction::Effect::Delay) s += toml_line("ticks", f.delay_ticks);
  return s;
}

std::string partition_toml(const PartitionAction& p) {
  std::string s = toml_line("do", "partition") + "groups = [";
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    s += g ? ", [" : "[";
    for (std::size_t i = 0; i < p.groups[g].size(); ++i) s += (i ? ", " : "") + toml_quoted(to_string(p.groups[g][i]));
    s += "]";
  }
  return s + "]\n";
}

}  // namespace

std::string action_toml(const Action& a) {
  return std::visit(
      Overloaded{
          [](const ClientRequestAction& x) {
            return toml_line("do", "request") + toml_line("client", to_string(x.client)) +
                   toml_line("request", to_string(x.request));
          },
          [](const LoseAction& x) { return toml_line("do", "lose") + selection_toml(x.id, x.pattern, x.nth); },
          [](const DuplicateAction& x) { return toml_line("do", "duplicate") + selection_toml(x.id, x.pattern, x.nth); },
          [](const DeliverNowAction& x) { return toml_line("do", "deliver") + selection_toml(x.id, x.pattern, x.nth); },
          [](const DelayAction& x) {
            return toml_line("do", "delay") + selection_toml(x.id, x.pattern, x.nth) + toml_line("ticks", x.ticks);
          },
          [](const FilterAction& x) { return filter_toml(x); },
          [](const RemoveFilterAction& x) { return toml_line("do", "remove-rule") + toml_line("name", x.name); },
          [](const CutLinkAction& x) { return link_pair("cut", x.a, x.b, x.one_way); },
          [](const MendLinkAction& x) { return link_pair("mend", x.a, x.b, x.one_way); },
          [](const PartitionAction& x) { return partition_toml(x); },
          [](const HealAction&) { return toml_line("do", "heal"); },
          [](const CrashAction& x) { return toml_line("do", "crash") + toml_line("server", to_string(x.server)); },
          [](const RestartAction& x) { return toml_line("do", "restart") + toml_line("server", to_string(x.server)); },
          [](const SuspectAction& x) {
            return toml_line("do", "suspect") + toml_line("observer", to_string(x.observer)) +
                   (x.peer.valid() ? toml_line("peer", to_string(x.peer)) : std::string()) +
                   (x.keep ? std::string("keep = true\n") : std::string());
          },
          [](const TrustAction& x) {
            return toml_line("do", "trust") + toml_line("observer", to_string(x.observer)) +
                   (x.peer.valid() ? toml_line("peer", to_string(x.peer)) : std::string());
          },
          [](const SetLinkAction& x) {
            return toml_line("do", "set-link") + (x.from.valid() ? toml_line("from", to_string(x.from)) : std::string()) +
                   (x.to.valid() ? toml_line("to", to_string(x.to)) : std::string()) + rules_toml(x.rules);
          },
      },
      a);
}

std::string step_toml(const ScriptStep& s) {
  std::string out = "[[step]]\n";
  if (s.when.at_tick) out += toml_line("at", *s.when.at_tick);
  if (s.when.after) {
    const EventPattern& e = *s.when.after;
    out += "after = { event = " + toml_quoted(to_string(e.kind));
    if (e.who.valid()) out += ", who = " + toml_quoted(to_string(e.who));
    if (e.other.valid()) out += ", other = " + toml_quoted(to_string(e.other));
    if (e.request) out += ", request = " + toml_quoted(to_string(*e.request));
    if (e.msg_kind) out += ", msg = " + toml_quoted(to_string(*e.msg_kind));
    if (e.occurrence != 1) out += ", occurrence = " + std::to_string(e.occurrence);
    if (!e.why.empty()) out += ", why = " + toml_quoted(e.why);
    out += " }\n";
  }
  return out + action_toml(s.action);
}

std::string without_toml(const std::vector<std::string>& without) {
  if (without.empty()) return {};
  std::string s = "without = [";
  for (std::size_t i = 0; i < without.size(); ++i) s += (i ? ", " : "") + toml_quoted(without[i]);
  return s + "]\n";
}

namespace {

std::string knobs_toml(const StageKnobs& k) {
  return "[knobs]\n" + toml_line("retransmit_ticks", k.retransmit_ticks) + toml_line("fd_timeout_ticks", k.fd_timeout_ticks) +
         toml_line("quorum_size", k.quorum_size) +
         toml_line("learn_mode", k.learn_mode == LearnMode::ToAll ? "all" : "leader") +
         toml_line("round_numbering", k.round_numbering == RoundNumbering::Preassigned ? "preassigned" : "server_id") +
         toml_line("client_retry_ticks", k.client_retry_ticks) +
         toml_line("client_mode", k.client_mode == ClientMode::OpenLoop ? "open-loop" : "closed-loop");
}

std::string expect_toml(const Expectation& e) {
  if (e.empty()) return {};
  std::string s = "\n[expect]\n";
  if (e.safety_ok) s += toml_line("safety", *e.safety_ok ? "ok" : "violated");
  if (e.violation) s += toml_line("violation", to_string(*e.violation));
  if (e.stuck) s += std::string("stuck = ") + (*e.stuck ? "true" : "false") + "\n";
  if (e.no_progress) s += std::string("no_progress = ") + (*e.no_progress ? "true" : "false") + "\n";
  return s;
}

}  // namespace

std::string scenario_toml(const Scenario& s, const std::string& header) {
  std::ostringstream os;
  std::istringstream lines(header);
  for (std::string l; std::getline(lines, l);) os << "# " << l << "\n";
  if (!header.empty()) os << "\n";
  const SimConfig& c = s.config;
  os << "[scenario]\n" << toml_line("name", s.name);
  if (!s.figure.empty()) os << toml_line("figure", s.figure);
  if (!s.description.empty()) os << toml_line("description", s.description);
  os << toml_line("stage", c.stage) << toml_line("servers", c.servers) << toml_line("clients", c.clients)
     << toml_line("seed", static_cast<std::int64_t>(c.seed)) << toml_line("max_steps", static_cast<std::int64_t>(s.max_steps));
  if (s.max_ticks) os << toml_line("max_ticks", *s.max_ticks);
  os << without_toml(c.knobs.without);
  os << "\n[link]\n" << rules_toml(c.link);
  for (const auto& o : c.link_overrides) {
    os << "\n[[link.override]]\n";
    if (o.from.valid()) os << toml_line("from", to_string(o.from));
    if (o.to.valid()) os << toml_line("to", to_string(o.to));
    os << rules_toml(o.rules);
  }
  os << "\n" << knobs_toml(c.knobs);
  for (const auto& step : s.script) os << "\n" << step_toml(step);
  os << expect_toml(s.expect);
  return os.str();
}

}  // namespace paxoslab
