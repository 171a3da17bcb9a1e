#include "core/scenario/scenario_run.hpp"

#include <algorithm>

namespace paxoslab {

Simulation start_scenario(const Scenario& scenario, const StageInfo& stage,
                          std::optional<std::uint64_t> seed_override, bool keep_trace) {
  SimConfig config = scenario.config;
  config.stage = stage.number;
  if (seed_override) config.seed = *seed_override;
  Simulation sim(config, stage, keep_trace);
  sim.add_script(scenario.script);
  return sim;
}

const char* to_string(RunEnd e) {
  switch (e) {
    case RunEnd::Quiescent: return "quiescent";
    case RunEnd::StepLimit: return "step limit";
    case RunEnd::TickLimit: return "tick limit";
    case RunEnd::ScheduleEnd: return "end of schedule";
    case RunEnd::ScheduleMismatch: return "schedule mismatch";
  }
  return "?";
}

RunEnd run_to_end(Simulation& sim, const Scenario& scenario, std::string* schedule_error) {
  if (!scenario.schedule.empty()) {
    std::string error;
    if (carry_out_all(sim, scenario.schedule, error) < scenario.schedule.size()) {
      if (schedule_error) *schedule_error = error;
      return RunEnd::ScheduleMismatch;
    }
    return sim.next_event() ? RunEnd::ScheduleEnd : RunEnd::Quiescent;
  }
  const Tick max_tick = scenario.max_ticks ? *scenario.max_ticks : -1;
  const std::uint64_t budget = sim.steps() < scenario.max_steps ? scenario.max_steps - sim.steps() : 0;
  sim.run(budget, max_tick);
  const auto next = sim.next_event();
  if (!next) return RunEnd::Quiescent;
  if (max_tick >= 0 && next->tick > max_tick) return RunEnd::TickLimit;
  return RunEnd::StepLimit;
}

std::vector<std::string> check_expectation(const Expectation& expect, const Simulation& sim) {
  std::vector<std::string> out;
  const auto& violations = sim.checker().violations();
  if (expect.safety_ok) {
    if (*expect.safety_ok && !violations.empty())
      out.push_back("expected safety ok, but it was violated: " + violations.front().explanation);
    if (!*expect.safety_ok && violations.empty())
      out.push_back("expected a safety violation, but every observed state was consistent");
  }
  if (expect.stuck) {
    const LivenessReport live = sim.liveness();
    if (*expect.stuck != live.stuck)
      out.push_back(std::string(*expect.stuck ? "expected the run to be stuck, but it was not: "
                                              : "expected the run not to be stuck, but it was: ") +
                    live.explanation);
  }
  if (expect.no_progress) {
    const LivenessReport live = sim.liveness();
    if (*expect.no_progress != live.no_progress)
      out.push_back(std::string(*expect.no_progress ? "expected no progress, but: "
                                                    : "expected no \"no progress\" verdict, but: ") +
                    live.explanation);
  }
  if (expect.violation) {
    const bool found = std::any_of(violations.begin(), violations.end(),
                                   [&](const Violation& v) { return v.kind == *expect.violation; });
    if (!found) out.push_back(std::string("expected a ") + to_string(*expect.violation) + " violation, but none was found");
  }
  const auto& warnings = sim.checker().warnings();
  if (expect.warning) {
    const bool found = std::any_of(warnings.begin(), warnings.end(),
                                   [&](const Warning& w) { return w.kind == *expect.warning; });
    if (!found)
      out.push_back(std::string("expected a \"") + display_name(*expect.warning) + "\" warning, but none was given");
  }
  if (expect.no_warning && !warnings.empty())
    out.push_back("expected no warning, but there was one: " + warnings.front().explanation);
  for (const auto& [server, sigma] : expect.executed) {
    if (server.value < 1 || server.value > sim.config().servers) {
      out.push_back("expected " + to_string(server) + " to exist, but the cluster has " +
                    std::to_string(sim.config().servers) + " servers");
      continue;
    }
    const auto& actual = sim.executed(server);
    if (actual != sigma)
      out.push_back("expected " + to_string(server) + " to execute " + format_state(sigma) + ", but it executed " +
                    format_state(actual));
  }
  for (const NodeId w : expect.witnesses) {
    const bool found = std::any_of(violations.begin(), violations.end(), [&](const Violation& v) {
      return std::any_of(v.witnesses.begin(), v.witnesses.end(), [&](const Witness& x) { return x.who == w; });
    });
    if (!found) out.push_back("expected " + to_string(w) + " to witness a violation, but it is not a witness of any");
  }
  return out;
}

}  // namespace paxoslab
