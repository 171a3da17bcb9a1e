// `paxos-lab-cli compare FILE --stages A,B`: one scenario run against two
// stages in lockstep (core/compare/compare.hpp); prints both verdicts and the first
// point at which the two runs' observable outcomes part.
#include <array>
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
#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/portable_faults.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/sim/variant.hpp"
#include "cli/without_option.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

struct CompareOptions {
  std::string file;
  std::string stages;
  std::optional<std::uint64_t> seed;
  bool json = false;
  std::vector<std::string> knobs;  ///< --knob NAME=VALUE, in order.
  std::vector<std::string> without;  ///< --without RULE: the left stage's variant.
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

/// [{says, missed: [left, right]}]: per fault, why it found nothing to act on
/// on each side (null where it took effect).
nlohmann::json faults_json(const std::vector<PortableFault>& faults,
                           const std::array<std::vector<std::string>, 2>& misses) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < faults.size(); ++i) {
    nlohmann::json missed = nlohmann::json::array();
    for (const auto& side : misses) missed.push_back(side[i].empty() ? nlohmann::json() : nlohmann::json(side[i]));
    out.push_back({{"says", faults[i].says}, {"missed", missed}});
  }
  return out;
}

/// For a break-finder counterexample: what was run instead of its schedule,
/// and each fault that found nothing to act on on a side.
void print_faults(const Scenario& scenario, const std::array<std::vector<std::string>, 2>& misses,
                  const Comparison& cmp, CliIo& io) {
  if (scenario.faults.empty()) return;
  io.out << "The break-finder's schedule names Stage " << scenario.config.stage
         << "'s events one by one; compared here: its " << scenario.faults.size()
         << " stage-independent faults, in auto mode:\n";
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    io.out << "  " << (i + 1) << ". " << scenario.faults[i].says << "\n";
    for (int side = 0; side < 2; ++side)
      if (!misses[static_cast<std::size_t>(side)][i].empty())
        io.out << "     on Stage " << cmp.side(side).stage().number << ": "
               << misses[static_cast<std::size_t>(side)][i] << "\n";
  }
}

/// What compare runs: the scenario as loaded (with --knob), the two stages,
/// and the run given to both sides (a break-finder counterexample as its
/// stage-independent faults).
struct ComparedRun {
  int left = 0;
  int right = 0;
  std::optional<StageInfo> left_stage;
  std::optional<StageInfo> right_stage;
  Scenario scenario;
  Scenario run;
};

/// Reads --stages, the file, --knob and --without; false (message, exit 2) on bad input.
bool prepare_compare(const CompareOptions& opt, CliIo& io, ComparedRun& c) {
  std::string error;
  if (!parse_stage_pair(opt.stages, c.left, c.right, error)) return refuse(io, "paxos-lab-cli compare: " + error);
  ScenarioLoad load = load_scenario_or_lesson_file(opt.file);  // a lesson: its scripted run
  if (!load.ok()) return refuse(io, load.error->to_string());
  c.scenario = std::move(*load.scenario);
  if (!apply_knob_options(opt.knobs, c.scenario.config, io, "compare")) return false;
  if (const std::string why = compare_refusal(c.scenario); !why.empty())
    return refuse(io, "paxos-lab-cli compare: " + opt.file + ": " + why);
  c.left_stage = find_stage(c.left);
  c.right_stage = find_stage(c.right);
  if (!c.left_stage || !c.right_stage) return refuse(io, "paxos-lab-cli compare: --stages: no such stage");
  // The variant (the file's `without` and --without) is the left stage's;
  // the right one runs in full, so --stages 4,4 puts a variant beside its stage.
  if (!apply_scenario_without(opt.without, *c.left_stage, c.scenario, io, "compare")) return false;
  c.run = comparable_scenario(c.scenario);
  return true;
}

/// One side's outcome as text: safety, liveness (the words of `run`'s
/// liveness line), and what each server executed.
void print_side(const Simulation& s, CliIo& io) {
  io.out << "== " << variant_name(s.stage(), s.config().knobs.without) << " ==\n";
  const auto l = s.liveness();
  io.out << "  safety: " << (s.checker().safe() ? "ok" : "violated") << "\n";
  for (const auto& v : s.checker().violations()) io.out << "    " << v.explanation << "\n";
  io.out << "  liveness: " << (l.stuck ? "stuck" : l.no_progress ? "no progress" : "not stuck") << " - "
         << l.explanation << "\n";
  for (int srv = 1; srv <= s.config().servers; ++srv)
    io.out << "  " << to_string(ServerId{srv}) << " executed " << format_state(s.executed(ServerId{srv}))
           << (s.crashed(ServerId{srv}) ? " (crashed)" : "") << "\n";
}

/// The comparison as text: the faults, both sides, the first difference.
void print_text(const ComparedRun& c, const Comparison& cmp, const std::array<std::vector<std::string>, 2>& misses,
                CliIo& io) {
  print_faults(c.scenario, misses, cmp, io);
  for (int i = 0; i < 2; ++i) print_side(cmp.side(i), io);
  if (const auto& d = cmp.first_lead())
    io.out << "first lead (" << to_string(d->kind) << ", t=" << d->tick << "): " << d->description << "\n";
  if (const auto& d = cmp.first_difference())
    io.out << "first difference (" << to_string(d->kind) << ", t=" << d->tick << "): " << d->description << "\n";
  else
    io.out << "no difference: both runs have the same observable outcome\n";
}

/// The comparison as one JSON object (--json).
void print_json(const ComparedRun& c, const Comparison& cmp, const std::array<std::vector<std::string>, 2>& misses,
                CliIo& io) {
  const auto side_summary = [&](int i) {
    const Simulation& s = cmp.side(i);
    return RunSummary{c.run, s, s.liveness().quiescent ? RunEnd::Quiescent : RunEnd::StepLimit,
                      check_expectation(Expectation{}, s)};
  };
  nlohmann::json j;
  j["scenario"] = c.scenario.name;
  j["stages"] = {c.left, c.right};
  j["lockstep_steps"] = cmp.steps();
  j["first_difference"] = difference_json(cmp.first_difference());
  j["first_lead"] = difference_json(cmp.first_lead());
  j["faults"] = faults_json(c.scenario.faults, misses);
  j["left"] = run_report_json(side_summary(0));
  j["right"] = run_report_json(side_summary(1));
  io.out << j.dump(2) << "\n";
}

void compare_command(const CompareOptions& opt, CliIo& io) {
  ComparedRun c;
  if (!prepare_compare(opt, io, c)) return;
  Scenario full = c.run;
  full.config.knobs.without.clear();
  Comparison cmp(paxoslab::start_scenario(c.run, *c.left_stage, opt.seed),
                 paxoslab::start_scenario(full, *c.right_stage, opt.seed));
  cmp.run(c.run.max_steps);
  const std::array<std::vector<std::string>, 2> misses = {fault_misses(cmp.side(0), c.scenario.faults),
                                                          fault_misses(cmp.side(1), c.scenario.faults)};
  if (opt.json) {
    print_json(c, cmp, misses, io);
  } else {
    print_text(c, cmp, misses, io);
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
  cmd->add_option("FILE", opt->file, "Scenario file (TOML, see docs/scenario-format.md), or a lesson file: its scripted run")->required();
  cmd->add_option("--stages", opt->stages, "The two stages to compare, e.g. 2,3")->required();
  cmd->add_option("--seed", opt->seed, "Use seed S instead of the file's seed")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", opt->json,
                "Print one JSON object: scenario, stages, lockstep_steps, first_difference {kind, tick, "
                "lockstep_step, trace_seq, where, description} (null if none), first_lead (the same fields: the first moment "
                "one side had executed or answered more than the other, which may still catch up; null if never), faults [{says, missed: [left, right]}] "
                "(a break-finder file's stage-independent faults; missed = why one found nothing to act on on "
                "that side, null where it took effect), left and right (each a 'run' report)");
  add_knob_option(*cmd, opt->knobs);
  add_without_option(*cmd, opt->without)
      ->description("Switch rule RULE off on the left stage (A of --stages A,B) only, as the file's 'without' does; "
                    "the right stage runs in full, so --stages 4,4 --without durable-promise shows the variant "
                    "beside the full stage. Repeatable; 'paxos-lab-cli rules --stage N' lists the rules");
  cmd->footer(
      "A break-finder file (paxos-lab-cli search --write) is compared through its [[fault]] tables: its faults "
      "and client requests, named by what they are rather than by one stage's message ids, run in auto mode on "
      "both stages. Exit 0 when both runs completed; exit 2 for a bad file or flag.");
  cmd->callback([opt, &io] { compare_command(*opt, io); });
}

}  // namespace paxoslab::cli
