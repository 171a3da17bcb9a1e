// `paxos-lab-cli run FILE`: load a scenario file, run it to its end, report.
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/golden_trace.hpp"
#include "cli/knob_option.hpp"
#include "cli/run_report.hpp"
#include "cli/scenario_runner.hpp"
#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/scenario/shiviz.hpp"
#include "cli/without_option.hpp"
#ifdef PAXOSLAB_WITH_GUI
#include "gui/app/headless_chart.hpp"
#endif

namespace paxoslab::cli {

namespace {

/// The flags of `run`, owned by the command's callback.
struct RunOptions {
  std::string file;
  std::optional<int> stage;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> max_steps;
  std::optional<std::int64_t> max_ticks;
  bool json = false;
  bool no_trace = false;
  std::string shiviz;  ///< Write the trace in ShiViz's log format here (empty = no).
  std::string chart;   ///< Write the app's sequence chart as SVG here (empty = no).
  std::vector<std::string> knobs;  ///< --knob NAME=VALUE, in order.
  std::vector<std::string> without;  ///< --without RULE: rules switched off.
  bool write_golden = false;       ///< --write-golden: write FILE's .trace instead of printing.
};

/// --write-golden records the file's own run: no flag may change it.
bool golden_flags_ok(const RunOptions& opt, CliIo& io) {
  if (!opt.write_golden) return true;
  if (!opt.stage && !opt.seed && !opt.max_steps && !opt.max_ticks && opt.knobs.empty() && opt.without.empty() &&
      !opt.json)
    return true;
  io.err << "paxos-lab-cli run: --write-golden records the file's own run; leave out --stage, --seed, --max-steps, "
            "--max-ticks, --knob, --without and --json\n";
  io.exit_code = kExitBadInput;
  return false;
}

/// Loads FILE (a scenario, or a lesson's scripted run) and applies --max-steps,
/// --max-ticks and --knob; false (message, exit 2) on bad input.
bool load_run(const RunOptions& opt, CliIo& io, Scenario& scenario) {
  ScenarioLoad load = load_scenario_or_lesson_file(opt.file);
  if (!load.ok()) return refuse(io, load.error->to_string());
  scenario = std::move(*load.scenario);
  if (opt.max_steps) scenario.max_steps = *opt.max_steps;
  if (opt.max_ticks) scenario.max_ticks = *opt.max_ticks;
  return apply_knob_options(opt.knobs, scenario.config, io, "run");
}

/// --write-golden: the run's trace into FILE's .trace.
void write_golden(const RunOptions& opt, const Simulation& sim, CliIo& io) {
  const std::string path = golden_trace_path(opt.file);
  if (const std::string e = write_text_file(path, trace_text(sim)); !e.empty()) {
    refuse(io, "paxos-lab-cli run: --write-golden: " + e);
    return;
  }
  io.out << "wrote " << path << " (" << sim.trace().events().size() << " events, trace hash "
         << hex_hash(sim.trace().hash()) << ")\n";
}

/// --shiviz FILE: the run as a ShiViz log; false (message, exit 2) if it cannot be written.
bool write_shiviz(const RunOptions& opt, const Simulation& sim, CliIo& io) {
  if (opt.shiviz.empty()) return true;
  std::ofstream os(opt.shiviz, std::ios::binary | std::ios::trunc);
  os << shiviz_log(sim.trace());
  if (!os.flush()) return refuse(io, "paxos-lab-cli: --shiviz: cannot write " + opt.shiviz);
  return true;
}

/// --chart FILE: the run reported, drawn as the app's sequence chart (its
/// stage, seed, knobs, limits and the rules switched off); false (message,
/// exit 2) if it cannot be exported.
bool write_chart([[maybe_unused]] const RunOptions& opt, [[maybe_unused]] const Scenario& scenario,
                 [[maybe_unused]] const StageInfo& stage, [[maybe_unused]] CliIo& io) {
#ifdef PAXOSLAB_WITH_GUI
  if (opt.chart.empty()) return true;
  Scenario shown = scenario;
  if (opt.seed) shown.config.seed = *opt.seed;
  const std::string err = gui::export_chart_headless(shown, stage.number, opt.chart);
  if (!err.empty()) return refuse(io, "paxos-lab-cli: --chart: " + err);
#endif
  return true;
}

void run_command(const RunOptions& opt, CliIo& io) {
  if (!golden_flags_ok(opt, io)) return;
  Scenario scenario;
  if (!load_run(opt, io, scenario)) return;
  std::string error;
  const auto stage = stage_for(scenario, opt.stage, error);
  if (!stage) {
    refuse(io, "paxos-lab-cli: --stage: " + error);
    return;
  }
  if (!apply_scenario_without(opt.without, *stage, scenario, io, "run")) return;
  Simulation sim = start_scenario(scenario, *stage, opt.seed);
  std::string schedule_error;
  const RunEnd end = run_to_end(sim, scenario, &schedule_error);
  const RunSummary summary{scenario, sim, end, check_expectation(scenario.expect, sim)};
  io.exit_code = kExitOk;
  if (opt.write_golden) {
    write_golden(opt, sim, io);
    if (io.exit_code != kExitOk) return;
  } else if (opt.json) {
    write_run_report_json(io.out, summary);
  } else {
    if (!opt.no_trace) print_trace(io.out, sim);
    print_summary(io.out, summary);
  }
  if (!write_shiviz(opt, sim, io) || !write_chart(opt, scenario, *stage, io)) return;
  if (end == RunEnd::ScheduleMismatch) {
    // The file asks for an event that is not pending: the run above stopped
    // there, and the file (or --stage) is what is wrong.
    io.err << opt.file << ": " << schedule_error << " - the schedule's remaining choices were not carried out\n";
    io.exit_code = kExitBadInput;
  }
}

/// Accepts a decimal integer >= min (CLI11's own range checks print 1e308).
CLI::Validator integer_at_least(long long min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        std::size_t used = 0;
        long long v = 0;
        try {
          v = std::stoll(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != text.size() || v < min)
          return "expected an integer of at least " + std::to_string(min) + ", got '" + text + "'";
        return {};
      },
      ">=" + std::to_string(min));
}

}  // namespace

void add_run_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run a scenario file to its end (quiescence, the step limit or the tick limit) and report: one line per "
      "trace event (tick, event, who, why), then the verdict - safety ok/violated with witnesses, stuck or not, "
      "each server's executed sequence (sigma), and whether the file's [expect] was met.");
  auto opt = std::make_shared<RunOptions>();
  cmd->add_option("FILE", opt->file, "Scenario file (TOML, see docs/scenario-format.md), e.g. scenarios/fig02_uncoordinated.toml")
      ->required();
  cmd->add_option("--stage", opt->stage,
                  "Run the script against stage N (0-4, see 'paxos-lab-cli stages') instead of the file's stage")
      ->check(CLI::Range(0, 4));
  cmd->add_option("--seed", opt->seed, "Use seed S (a non-negative integer) instead of the file's seed")
      ->check(integer_at_least(0));
  cmd->add_flag("--json", opt->json,
                "Print one JSON object instead of text: stage, servers, seed, steps, ticks, trace_hash, safety, "
                "violations, warnings, unfired_steps, stuck, no_progress, no_progress_reason, executed, replies, expectation_met, mismatches, scenario, ...");
  cmd->add_option("--max-steps", opt->max_steps, "Stop after K events (overrides the file's max_steps)")
      ->check(integer_at_least(1));
  cmd->add_option("--max-ticks", opt->max_ticks, "Stop before events due after tick T (overrides the file's max_ticks)")
      ->check(integer_at_least(0));
  cmd->add_flag("--no-trace", opt->no_trace, "Text output: print only the summary, not the trace");
#ifdef PAXOSLAB_WITH_GUI
  cmd->add_option("--chart", opt->chart,
                  "Also write the sequence chart of the run, as the app draws it at the run's end, to FILE.svg "
                  "(vector, text as text; an existing file is replaced); the run charted is the one reported, "
                  "with --stage, --seed, --knob, --without and the step and tick limits applied")
      ->check([](const std::string& p) {
        return p.size() > 4 && p.compare(p.size() - 4, 4, ".svg") == 0 ? std::string()
                                                                       : std::string("expected a file name ending in .svg");
      });
#endif
  cmd->add_option("--shiviz", opt->shiviz,
                  "Also write the trace in ShiViz's log format (two lines per event: the event, then the node and "
                  "its vector clock) to FILE.log; parse it in ShiViz with (?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})");
  add_knob_option(*cmd, opt->knobs);
  add_without_option(*cmd, opt->without);
  cmd->add_flag("--write-golden", opt->write_golden,
                "Write the trace (the lines printed before the summary) to FILE's golden trace - FILE with .trace "
                "instead of .toml, e.g. scenarios/fig05_leader_crash.trace - instead of printing it; for "
                "regenerating golden traces after an intended change (scripts/update-golden-traces.sh, "
                "docs/testing.md)");
  cmd->footer(
      "Exit 0 when the run completed, whatever the verdict; exit 2 with 'file:line:col: ...' on stderr for a bad "
      "scenario file, or a one-line message for a bad flag.");
  cmd->callback([opt, &io] { run_command(*opt, io); });
}

}  // namespace paxoslab::cli
