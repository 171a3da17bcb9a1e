#include "core/search/scenario_writer.hpp"

#include <sstream>

#include "core/sim/checker.hpp"
#include "core/scenario/portable_faults.hpp"
#include "core/scenario/scenario_writer.hpp"
#include "core/sim/variant.hpp"

namespace paxoslab {

namespace {

std::string line(const std::string& key, const std::string& value) { return toml_line(key, value); }
std::string line(const std::string& key, std::int64_t value) { return toml_line(key, value); }

}  // namespace

std::string choose_table(const ScheduleChoice& c) {
  std::string s;
  switch (c.type) {
    case ScheduleChoice::Type::Deliver: s = line("event", "deliver") + pattern_toml(c.message); break;
    case ScheduleChoice::Type::Timer:
      s = line("event", "timer") + line("owner", to_string(c.timer_owner)) + line("timer", to_string(c.timer_kind)) +
          line("tag", c.timer_tag);
      break;
    case ScheduleChoice::Type::Act: return action_toml(c.action);
    case ScheduleChoice::Type::Wait: return line("event", "wait") + line("until", c.until);
  }
  if (c.index > 1) s += line("index", c.index);
  return s;
}

std::string fault_tables(const StageInfo& stage, const SearchResult& result) {
  std::string error;
  const std::vector<PortableFault> faults = portable_faults(Simulation(result.config, stage), result.schedule, error);
  if (faults.empty()) return {};
  std::string out =
      "\n# The same break as faults any stage can run: compare runs these, in auto mode, on another\n"
      "# stage beside this one (paxos-lab-cli compare FILE --stages A,B; docs/scenario-format.md).\n";
  const std::string step_header = "[[step]]\n";
  for (const PortableFault& f : faults) {
    std::string table = step_toml(f.step);
    if (table.rfind(step_header, 0) == 0) table.erase(0, step_header.size());
    out += "\n[[fault]]\n" + line("says", f.says) + table;
  }
  return out;
}

std::string counterexample_scenario(const StageInfo& stage, const SearchBounds& bounds, const SearchResult& result) {
  const SimConfig& cfg = result.config;
  std::ostringstream os;
  const bool violation = result.result == SearchResult::Outcome::Violation;
  os << "# Written by the break-finder (paxos-lab-cli search). Replay: paxos-lab-cli run FILE\n"
     << "# Bounds: servers=" << bounds.servers << " clients=" << bounds.clients << " requests=" << bounds.requests
     << " max_losses=" << bounds.max_losses << " max_crashes=" << bounds.max_crashes
     << " max_suspicions=" << bounds.max_suspicions << " max_reorders=" << bounds.max_reorders << " max_depth=" << bounds.max_depth;
  // Written only when used, so that files of searches without them read as before.
  if (bounds.max_restarts > 0) os << " max_restarts=" << bounds.max_restarts;
  if (bounds.max_restarts > 0 && bounds.restart_at_once) os << " restart_at_once";
  if (bounds.max_partitions > 0) os << " max_partitions=" << bounds.max_partitions;
  if (bounds.safety_only) os << " safety_only";
  os << "\n"
     << "# Found after " << result.states_explored << " states (" << result.unique_states
     << " unique); shortest break: " << result.depth << " choices.\n\n";
  os << "[scenario]\n"
     << line("name", "Here is how " + variant_name(stage, cfg.knobs.without) + " breaks")
     << line("figure", "break-finder")
     << line("description", std::string(violation ? "A shortest schedule that violates safety: "
                                                  : "A shortest schedule that ends stuck: ") +
                                result.explanation)
     << line("stage", stage.number) << line("servers", cfg.servers) << line("clients", cfg.clients)
     << line("seed", static_cast<std::int64_t>(cfg.seed)) << without_toml(cfg.knobs.without) << "\n";
  os << "[link]\n"
     << line("delay_ticks_min", cfg.link.delay_ticks_min) << line("delay_ticks_max", cfg.link.delay_ticks_max)
     << "loss_probability = 0.0\nduplicate_probability = 0.0\n\n";
  os << "[knobs]\n"
     << line("retransmit_ticks", cfg.knobs.retransmit_ticks) << line("fd_timeout_ticks", cfg.knobs.fd_timeout_ticks)
     << line("client_retry_ticks", cfg.knobs.client_retry_ticks)
     << line("client_mode", cfg.knobs.client_mode == ClientMode::OpenLoop ? "open-loop" : "closed-loop");
  // Knobs the search's set-up leaves at their defaults are written only when changed (--knob).
  const StageKnobs defaults;
  if (cfg.knobs.quorum_size != defaults.quorum_size) os << line("quorum_size", cfg.knobs.quorum_size);
  if (cfg.knobs.learn_mode != defaults.learn_mode)
    os << line("learn_mode", cfg.knobs.learn_mode == LearnMode::ToAll ? "all" : "leader");
  if (cfg.knobs.round_numbering != defaults.round_numbering)
    os << line("round_numbering", cfg.knobs.round_numbering == RoundNumbering::Preassigned ? "preassigned" : "server_id");
  os << "\n";
  os << "# The schedule: each [[choose]] picks the next event (manual mode), in order.\n";
  for (const auto& c : result.schedule) os << "\n# " << describe(c) << "\n[[choose]]\n" << choose_table(c);
  os << fault_tables(stage, result);
  os << "\n[expect]\n";
  if (violation) {
    os << line("safety", "violated") << line("violation", result.violation ? to_string(result.violation->kind) : "divergence");
  } else {
    os << line("safety", "ok") << "stuck = true\n";
  }
  return os.str();
}

}  // namespace paxoslab
