#include "core/search/scenario_writer.hpp"

#include <sstream>

#include "core/checker.hpp"
#include "core/overloaded.hpp"

namespace paxoslab {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string line(const std::string& key, const std::string& value) { return key + " = " + quoted(value) + "\n"; }
std::string line(const std::string& key, std::int64_t value) { return key + " = " + std::to_string(value) + "\n"; }

std::string pattern_lines(const MessagePattern& p) {
  std::string s;
  if (p.kind) s += line("kind", to_string(*p.kind));
  if (p.from.valid()) s += line("from", to_string(p.from));
  if (p.to.valid()) s += line("to", to_string(p.to));
  if (p.request) s += line("request", to_string(*p.request));
  if (p.slot) s += line("slot", *p.slot);
  if (p.rnd) s += line("rnd", *p.rnd);
  return s;
}

std::string action_lines(const Action& a) {
  return std::visit(
      Overloaded{
          [](const ClientRequestAction& x) {
            return line("do", "request") + line("client", to_string(x.client)) + line("request", to_string(x.request));
          },
          [](const LoseAction& x) { return line("do", "lose") + pattern_lines(x.pattern); },
          [](const DuplicateAction& x) { return line("do", "duplicate") + pattern_lines(x.pattern); },
          [](const DeliverNowAction& x) { return line("do", "deliver") + pattern_lines(x.pattern); },
          [](const DelayAction& x) { return line("do", "delay") + pattern_lines(x.pattern) + line("ticks", x.ticks); },
          [](const CutLinkAction& x) {
            return line("do", "cut") + line("a", to_string(x.a)) + line("b", to_string(x.b)) +
                   (x.one_way ? std::string("one_way = true\n") : std::string());
          },
          [](const MendLinkAction& x) {
            return line("do", "mend") + line("a", to_string(x.a)) + line("b", to_string(x.b)) +
                   (x.one_way ? std::string("one_way = true\n") : std::string());
          },
          [](const HealAction&) { return line("do", "heal"); },
          [](const CrashAction& x) { return line("do", "crash") + line("server", to_string(x.server)); },
          [](const RestartAction& x) { return line("do", "restart") + line("server", to_string(x.server)); },
          [](const SuspectAction& x) {
            return line("do", "suspect") + line("observer", to_string(x.observer)) +
                   (x.peer.valid() ? line("peer", to_string(x.peer)) : std::string()) +
                   (x.keep ? std::string("keep = true\n") : std::string());
          },
          [](const auto&) { return std::string("# (an action the break-finder does not write)\n"); },
      },
      a);
}

}  // namespace

std::string choose_table(const ScheduleChoice& c) {
  std::string s;
  switch (c.type) {
    case ScheduleChoice::Type::Deliver: s = line("event", "deliver") + pattern_lines(c.message); break;
    case ScheduleChoice::Type::Timer:
      s = line("event", "timer") + line("owner", to_string(c.timer_owner)) + line("timer", to_string(c.timer_kind)) +
          line("tag", c.timer_tag);
      break;
    case ScheduleChoice::Type::Act: return action_lines(c.action);
    case ScheduleChoice::Type::Wait: return line("event", "wait") + line("until", c.until);
  }
  if (c.index > 1) s += line("index", c.index);
  return s;
}

std::string counterexample_scenario(const StageInfo& stage, const SearchBounds& bounds, const SearchResult& result) {
  const SimConfig& cfg = result.config;
  std::ostringstream os;
  const bool violation = result.result == SearchResult::Outcome::Violation;
  os << "# Written by the break-finder (paxos-lab-cli search). Replay: paxos-lab-cli run FILE\n"
     << "# Bounds: servers=" << bounds.servers << " clients=" << bounds.clients << " requests=" << bounds.requests
     << " max_losses=" << bounds.max_losses << " max_crashes=" << bounds.max_crashes
     << " max_suspicions=" << bounds.max_suspicions << " max_reorders=" << bounds.max_reorders << " max_depth=" << bounds.max_depth << "\n"
     << "# Found after " << result.states_explored << " states (" << result.unique_states
     << " unique); shortest break: " << result.depth << " choices.\n\n";
  os << "[scenario]\n"
     << line("name", "Here is how Stage " + std::to_string(stage.number) + " (" + stage.name + ") breaks")
     << line("figure", "break-finder")
     << line("description", std::string(violation ? "A shortest schedule that violates safety: "
                                                  : "A shortest schedule that ends stuck: ") +
                                result.explanation)
     << line("stage", stage.number) << line("servers", cfg.servers) << line("clients", cfg.clients)
     << line("seed", static_cast<std::int64_t>(cfg.seed)) << "\n";
  os << "[link]\n"
     << line("delay_ticks_min", cfg.link.delay_ticks_min) << line("delay_ticks_max", cfg.link.delay_ticks_max)
     << "loss_probability = 0.0\nduplicate_probability = 0.0\n\n";
  os << "[knobs]\n"
     << line("retransmit_ticks", cfg.knobs.retransmit_ticks) << line("fd_timeout_ticks", cfg.knobs.fd_timeout_ticks)
     << line("client_retry_ticks", cfg.knobs.client_retry_ticks)
     << line("client_mode", cfg.knobs.client_mode == ClientMode::OpenLoop ? "open-loop" : "closed-loop") << "\n";
  os << "# The schedule: each [[choose]] picks the next event (manual mode), in order.\n";
  for (const auto& c : result.schedule) os << "\n# " << describe(c) << "\n[[choose]]\n" << choose_table(c);
  os << "\n[expect]\n";
  if (violation) {
    os << line("safety", "violated") << line("violation", result.violation ? to_string(result.violation->kind) : "divergence");
  } else {
    os << line("safety", "ok") << "stuck = true\n";
  }
  return os.str();
}

}  // namespace paxoslab
