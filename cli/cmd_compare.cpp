// `paxos-lab-cli compare FILE --stages A,B`: one scenario run against two
// stages in lockstep (core/compare/compare.hpp); prints both verdicts and the first
// point at which the two runs' observable outcomes part.
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/knob_option.hpp"
#include "cli/run_report.hpp"
#include "cli/scenario_runner.hpp"
#include "core/compare/compare.hpp"
#include "core/scenario/scenario_loader.hpp"

namespace paxoslab::cli {

namespace {

struct CompareOptions {
  std::string file;
  std::string stages;
  std::optional<std::uint64_t> seed;
  bool json = false;
  std::vector<std::string> knobs;  ///< --knob NAME=VALUE, in order.
};

/// Parses "A,B" (two stage numbers 0-4). Returns false with `error` set otherwise.
bool parse_stage_pair(const std::string& text, int& a, int& b, std::string& error) {
  const auto comma = text.find(',');
  const auto number = [](const std::string& s, int& out) {
    if (s.size() != 1 || s[0] < '0' || s[0] > '4') return false;
    out = s[0] - '0';
    return true;
  };
  if (comma == std::string::npos || !number(text.substr(0, comma), a) || !number(text.substr(comma + 1), b)) {
    error = "--stages: expected two stage numbers 0-4 separated by a comma, e.g. 2,3; got '" + text + "'";
    return false;
  }
  return true;
}

nlohmann::json difference_json(const std::optional<Difference>& d) {
  if (!d) return nullptr;
  return {{"kind", to_string(d->kind)},
          {"tick", d->tick},
          {"lockstep_step", d->lockstep_step},
          {"trace_seq", {d->trace_seq[0], d->trace_seq[1]}},
          {"where", d->where.valid() ? to_string(d->where) : std::string()},
          {"description", d->description}};
}

void compare_command(const CompareOptions& opt, CliIo& io) {
  int a = 0, b = 0;
  std::string error;
  if (!parse_stage_pair(opt.stages, a, b, error)) {
    io.err << "paxos-lab-cli compare: " << error << "\n";
    io.exit_code = kExitBadInput;
    return;
  }
  ScenarioLoad load = load_scenario_file(opt.file);
  if (!load.ok()) {
    io.err << load.error->to_string() << "\n";
    io.exit_code = kExitBadInput;
    return;
  }
  Scenario& scenario = *load.scenario;
  if (!apply_knob_options(opt.knobs, scenario.config, io, "compare")) return;
  if (const std::string why = compare_refusal(scenario); !why.empty()) {
    io.err << "paxos-lab-cli compare: " << opt.file << ": " << why << "\n";
    io.exit_code = kExitBadInput;
    return;
  }
  auto left = start_scenario(scenario, a, opt.seed);
  auto right = start_scenario(scenario, b, opt.seed);
  if (!left || !right) {
    io.err << "paxos-lab-cli compare: --stages: no such stage\n";
    io.exit_code = kExitBadInput;
    return;
  }
  Comparison cmp(std::move(*left), std::move(*right));
  cmp.run(scenario.max_steps);

  const auto side_summary = [&](int i) {
    const Simulation& s = cmp.side(i);
    return RunSummary{scenario, s, s.liveness().quiescent ? RunEnd::Quiescent : RunEnd::StepLimit,
                      check_expectation(Expectation{}, s)};
  };
  if (opt.json) {
    nlohmann::json j;
    j["scenario"] = scenario.name;
    j["stages"] = {a, b};
    j["lockstep_steps"] = cmp.steps();
    j["first_difference"] = difference_json(cmp.first_difference());
    j["left"] = run_report_json(side_summary(0));
    j["right"] = run_report_json(side_summary(1));
    io.out << j.dump(2) << "\n";
  } else {
    for (int i = 0; i < 2; ++i) {
      const Simulation& s = cmp.side(i);
      io.out << "== Stage " << s.stage().number << " (" << s.stage().name << ") ==\n";
      const auto l = s.liveness();
      io.out << "  safety: " << (s.checker().safe() ? "ok" : "violated") << "\n";
      for (const auto& v : s.checker().violations()) io.out << "    " << v.explanation << "\n";
      io.out << "  stuck: " << (l.stuck ? "yes" : "no") << "  (" << l.explanation << ")\n";
      for (int srv = 1; srv <= s.config().servers; ++srv)
        io.out << "  " << to_string(ServerId{srv}) << " executed " << format_state(s.executed(ServerId{srv}))
               << (s.crashed(ServerId{srv}) ? " (crashed)" : "") << "\n";
    }
    if (const auto& d = cmp.first_difference())
      io.out << "first difference (" << to_string(d->kind) << ", t=" << d->tick << "): " << d->description << "\n";
    else
      io.out << "no difference: both runs have the same observable outcome\n";
  }
  io.exit_code = kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run one scenario against two stages side by side, in lockstep by simulated time and under the same "
      "faults; print each side's verdict and the first point where their executions, replies or verdicts part.");
  auto opt = std::make_shared<CompareOptions>();
  cmd->add_option("FILE", opt->file, "Scenario file (TOML, see docs/scenario-format.md)")->required();
  cmd->add_option("--stages", opt->stages, "The two stages to compare, e.g. 2,3")->required();
  cmd->add_option("--seed", opt->seed, "Use seed S instead of the file's seed")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", opt->json,
                "Print one JSON object: scenario, stages, lockstep_steps, first_difference {kind, tick, "
                "lockstep_step, trace_seq, where, description} (null if none), left and right (each a 'run' report)");
  add_knob_option(*cmd, opt->knobs);
  cmd->footer("Exit 0 when both runs completed; exit 2 for a bad file or flag.");
  cmd->callback([opt, &io] { compare_command(*opt, io); });
}

}  // namespace paxoslab::cli
