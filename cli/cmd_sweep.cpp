// `paxos-lab-cli sweep --stage N ...`: the random-fault sweep (core/sweep/sweep.hpp).
// Runs many seeds with random faults during a fault phase and none
// afterwards, and reports per run and in total: violations (safety, client
// order), whether every live server executed every request and the run fell
// quiet, faults per run and the longest time to quiet.
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/knob_option.hpp"
#include "core/scenario/input_limits.hpp"
#include "core/sweep/sweep.hpp"
#include "stages/registry.hpp"
#include "cli/without_option.hpp"
#include "core/sim/variant.hpp"

namespace paxoslab::cli {

namespace {

struct SweepFlags {
  int stage = 4;
  SweepOptions options;
  bool json = false;
  bool verbose = false;
  std::string write_failures;  ///< A folder, or empty.
  bool write_all = false;      ///< Write passing runs too.
};

/// The command line that runs only `seed` with the same options.
std::string reproduce_line(const SweepFlags& f, std::uint64_t seed) {
  const SweepOptions& o = f.options;
  const SweepOptions d;
  std::string s = "paxos-lab-cli sweep --stage " + std::to_string(f.stage) + " --servers " + std::to_string(o.servers);
  if (o.quorum_size != d.quorum_size) s += " --quorum " + std::to_string(o.quorum_size);
  if (o.fault_phase_ticks != d.fault_phase_ticks) s += " --fault-ticks " + std::to_string(o.fault_phase_ticks);
  if (o.step_limit != d.step_limit) s += " --max-steps " + std::to_string(o.step_limit);
  if (o.client_mode != d.client_mode) s += " --client-mode open-loop";
  if (o.crash_any) s += " --crash-any";
  for (const auto& k : o.knobs) s += " --knob " + k;
  s += without_flags(o.without);
  return s + " --first-seed " + std::to_string(seed) + " --seeds 1";
}

/// A failed run: its reproduce line and, with --write-failures, its scenario
/// file (the run again, with its trace kept, written by sweep_scenario).
struct Failure {
  std::uint64_t seed = 0;
  std::string kind;
  std::string reproduce;
  std::string scenario;  ///< The file written, or empty.
};

Failure record_run(const SweepFlags& f, const StageInfo& stage, const SweepRun& r, CliIo& io) {
  Failure out{r.seed, r.kind, reproduce_line(f, r.seed), {}};
  if (f.write_failures.empty()) return out;
  Simulation sim(sweep_config(stage.number, r.seed, f.options.servers), stage, false);
  const SweepRun again = sweep_run(f.options, stage, r.seed, false, &sim);
  const std::filesystem::path dir(f.write_failures);
  const std::filesystem::path file = dir / ("stage" + std::to_string(f.stage) + "-servers" +
                                            std::to_string(f.options.servers) + "-seed" + std::to_string(r.seed) + ".toml");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::ofstream os(file);
  os << sweep_scenario(f.options, again, sim, out.reproduce);
  if (!os.flush()) {
    io.err << "paxos-lab-cli: --write-failures: cannot write " << file.string() << "\n";
    return out;
  }
  out.scenario = file.string();
  return out;
}

nlohmann::json failure_json(const Failure& x) {
  return {{"seed", x.seed},
          {"kind", x.kind},
          {"reproduce", x.reproduce},
          {"scenario", x.scenario.empty() ? nlohmann::json(nullptr) : nlohmann::json(x.scenario)}};
}

nlohmann::json run_json(const SweepRun& r) {
  return {{"seed", r.seed},
          {"requests", r.requests},
          {"faults", r.faults},
          {"safety_violations", r.safety_violations},
          {"client_order_violations", r.client_order_violations},
          {"executed_everywhere", r.executed_everywhere},
          {"quiet", r.quiet},
          {"stuck", r.stuck},
          {"no_progress", r.no_progress},
          {"faults_stopped_tick", r.faults_stopped_tick},
          {"end_tick", r.end_tick},
          {"time_to_quiet", r.quiet ? nlohmann::json(r.time_to_quiet) : nlohmann::json(nullptr)},
          {"steps", r.steps},
          {"passed", r.passed()},
          {"failure", r.passed() ? nlohmann::json(nullptr) : nlohmann::json(r.failure)},
          {"kind", r.passed() ? nlohmann::json(nullptr) : nlohmann::json(r.kind)}};
}

std::string run_line(const SweepRun& r) {
  std::string s = "seed " + std::to_string(r.seed) + ": " + (r.passed() ? "ok" : "FAILED") + ", " +
                  std::to_string(r.faults) + " faults, " + std::to_string(r.requests) + " requests, ";
  s += r.quiet ? "quiet " + std::to_string(r.time_to_quiet) + " ticks after the faults stopped"
               : std::string("not quiet");
  if (!r.passed()) s += " - " + r.failure;
  return s;
}

/// Reports one finished run: writes its file (failed runs, or all with
/// --write-all), a JSON row or a text line, and the progress line on stderr.
class RunReporter {
 public:
  RunReporter(const SweepFlags& f, const StageInfo& stage, CliIo& io) : f_(f), stage_(stage), io_(io) {}

  void operator()(const SweepRun& r) {
    ++done_;
    if (!r.passed()) {
      failures_.push_back(record_run(f_, stage_, r, io_));
    } else if (f_.write_all) {
      record_run(f_, stage_, r, io_);
    }
    if (f_.json) {
      runs_.push_back(run_json(r));
    } else if (f_.verbose || !r.passed()) {
      print_line(r);
    }
    if (io_.progress && (done_ % 10 == 0 || done_ == f_.options.seeds))
      io_.err << "\r\033[Ksweep: " << done_ << "/" << f_.options.seeds << " runs, " << failures_.size() << " failed"
              << std::flush;
  }

  const std::vector<Failure>& failures() const { return failures_; }
  const nlohmann::json& runs() const { return runs_; }

 private:
  void print_line(const SweepRun& r) {
    if (io_.progress) io_.err << "\r\033[K";
    io_.out << run_line(r) << "\n";
    if (r.passed()) return;
    io_.out << "  reproduce: " << failures_.back().reproduce << "\n";
    if (!failures_.back().scenario.empty()) io_.out << "  scenario: " << failures_.back().scenario << "\n";
  }

  const SweepFlags& f_;
  const StageInfo& stage_;
  CliIo& io_;
  int done_ = 0;
  std::vector<Failure> failures_;
  nlohmann::json runs_ = nlohmann::json::array();
};

double mean_faults(const SweepTotals& t) { return t.runs > 0 ? static_cast<double>(t.faults) / t.runs : 0.0; }

nlohmann::json totals_json(const SweepTotals& t) {
  return {{"runs", t.runs},
          {"passed", t.passed},
          {"safety_violations", t.safety_violations},
          {"client_order_violations", t.client_order_violations},
          {"not_executed_everywhere", t.not_executed},
          {"not_quiet", t.not_quiet},
          {"stuck", t.stuck},
          {"no_progress", t.no_progress},
          {"faults", t.faults},
          {"faults_per_run_mean", mean_faults(t)},
          {"faults_per_run_min", t.faults_min},
          {"faults_per_run_max", t.faults_max},
          {"longest_time_to_quiet", t.longest_time_to_quiet},
          {"longest_time_to_quiet_seed", t.longest_time_to_quiet_seed},
          {"failed_seeds", t.failed_seeds}};
}

/// The sweep as one JSON object (--json).
void print_json(const SweepFlags& f, const SweepTotals& t, const RunReporter& report, CliIo& io) {
  nlohmann::json j;
  j["stage"] = f.stage;
  j["without"] = f.options.without;
  j["servers"] = f.options.servers;
  j["first_seed"] = f.options.first_seed;
  j["seeds"] = f.options.seeds;
  j["quorum_size"] = f.options.quorum_size;
  j["fault_phase_ticks"] = f.options.fault_phase_ticks;
  j["client_mode"] = f.options.client_mode == ClientMode::OpenLoop ? "open-loop" : "closed-loop";
  j["violations"] = t.runs_with_violation;
  j["client_order_violations"] = t.runs_with_client_order_violation;
  j["stuck_after_heal"] = t.stuck;
  j["no_progress_after_heal"] = t.no_progress;
  j["max_ticks_to_quiet"] = t.longest_time_to_quiet;
  j["crash_any"] = f.options.crash_any;
  nlohmann::json fj = nlohmann::json::array();
  for (const auto& x : report.failures()) fj.push_back(failure_json(x));
  j["failures"] = fj;
  j["runs"] = report.runs();
  j["total"] = totals_json(t);
  io.out << j.dump(2) << "\n";
}

/// The sweep's totals as text.
void print_text(const SweepFlags& f, const StageInfo& stage, const SweepTotals& t, CliIo& io) {
  io.out << variant_name(stage, f.options.without) << ", " << f.options.servers << " servers, seeds "
         << f.options.first_seed << ".." << f.options.first_seed + static_cast<std::uint64_t>(f.options.seeds) - 1
         << ": " << t.passed << " of " << t.runs << " runs passed\n"
         << "  safety violations: " << t.safety_violations << ", client-order violations: "
         << t.client_order_violations << "\n"
         << "  runs where a live server lacked a request: " << t.not_executed
         << ", runs that did not fall quiet: " << t.not_quiet << "\n"
         << "  runs that ended stuck: " << t.stuck << ", with no progress: " << t.no_progress << "\n"
         << "  faults per run: " << mean_faults(t) << " on average (" << t.faults_min << ".." << t.faults_max << ")\n";
  if (t.not_quiet == t.runs)
    io.out << "  no run fell quiet after the faults stopped\n";
  else
    io.out << "  longest time to quiet after the faults stopped: " << t.longest_time_to_quiet << " ticks (seed "
           << t.longest_time_to_quiet_seed << ")\n";
  if (!t.failed_seeds.empty()) {
    io.out << "  failed seeds:";
    for (auto s : t.failed_seeds) io.out << " " << s;
    io.out << "\n";
  }
}

void sweep_command(const SweepFlags& f, CliIo& io) {
  const auto stage = find_stage(f.stage);
  if (!stage) {
    io.err << "paxos-lab-cli: --stage: there is no stage " << f.stage << " (see 'paxos-lab-cli stages')\n";
    io.exit_code = kExitBadInput;
    return;
  }
  RunReporter report(f, *stage, io);
  const SweepTotals t = sweep(f.options, *stage, [&](const SweepRun& r) {
    report(r);
    return true;
  });
  if (io.progress) io.err << "\r\033[K" << std::flush;
  if (f.json) {
    print_json(f, t, report, io);
  } else {
    print_text(f, *stage, t, io);
  }
  io.exit_code = kExitOk;
}

/// `text` in lower case (ASCII), for flags that ignore case.
std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// --stage, --servers, --seeds, --first-seed, --client-mode: what is run.
void add_run_flags(CLI::App* cmd, SweepFlags& f) {
  cmd->add_option("--stage", f.stage, "The stage to sweep (0-4, see 'paxos-lab-cli stages'; default 4)")
      ->check(CLI::Range(0, 4));
  cmd->add_option("--servers", f.options.servers, "Servers per run (1-7; default 3)")->check(CLI::Range(1, 7));
  cmd->add_option("--seeds", f.options.seeds, "Number of runs (default 100)")->check(CLI::Range(1, 100'000'000));
  cmd->add_option("--first-seed", f.options.first_seed, "Seed of the first run; the others follow (default 1)");
  cmd->add_option_function<std::string>(
         "--client-mode",
         [&f](const std::string& v) {
           f.options.client_mode = lowercase(v) == "open-loop" ? ClientMode::OpenLoop : ClientMode::ClosedLoop;
         },
         "How clients pace their requests: closed-loop (the default: the next request once the previous "
         "one is answered) or open-loop (each request at its time; one client's requests may then execute "
         "out of order, counted as client_order_violations)")
      ->check([](const std::string& v) {
        const std::string l = lowercase(v);
        return l == "closed-loop" || l == "open-loop" ? std::string()
                                                      : "expected closed-loop or open-loop, got '" + v + "'";
      });
}

/// --quorum, --fault-ticks, --max-steps, --knob, --without, --crash-any: the cluster and its faults.
void add_fault_flags(CLI::App* cmd, SweepFlags& f) {
  cmd->add_option("--quorum", f.options.quorum_size,
                  "Stage 4 quorum size (0 = a majority, the default; below a majority safety breaks)")
      ->check(CLI::Range(0, 7));
  cmd->add_option("--fault-ticks", f.options.fault_phase_ticks,
                  "Length of the fault phase in ticks (default 900)")
      ->check(CLI::Range(Tick{0}, Tick{1'000'000}));
  cmd->add_option("--max-steps", f.options.step_limit,
                  "Events per run before it counts as not quiet (default 400000; at most 1000000, the most a "
                  "scenario file holds, so that a written failure replays)")
      ->check(CLI::Range(std::uint64_t{1}, static_cast<std::uint64_t>(kMaxFileSteps)));
  add_knob_option(*cmd, f.options.knobs);
  add_without_option(*cmd, f.options.without);
  cmd->add_flag("--crash-any", f.options.crash_any,
                "Crash any number of servers at once, all of them included (default: at most a minority down); "
                "safety must hold all the same");
}

/// --json, --write-failures, --write-all, --verbose: what is reported.
void add_output_flags(CLI::App* cmd, SweepFlags& f) {
  cmd->add_flag("--json", f.json,
                "Print one JSON object: the options; violations, client_order_violations (runs with one), "
                "stuck_after_heal, no_progress_after_heal, max_ticks_to_quiet; failures (seed, kind, reproduce, "
                "scenario); runs (one object per run: seed, faults, safety_violations, "
                "client_order_violations, executed_everywhere, quiet, stuck, no_progress, time_to_quiet, passed, failure, "
                "...) and total (runs, passed, safety_violations, client_order_violations, not_executed_everywhere, not_quiet, stuck, no_progress, "
                "faults_per_run_mean/min/max, "
                "longest_time_to_quiet, failed_seeds)");
  cmd->add_option("--write-failures", f.write_failures,
                  "Write each failed run as a scenario file into this folder (created if missing): "
                  "stageN-serversK-seedS.toml, which 'paxos-lab-cli run' replays to the same verdict");
  cmd->add_flag("--write-all", f.write_all, "With --write-failures: write the runs that passed too")
      ->needs("--write-failures");
  cmd->add_flag("-v,--verbose", f.verbose, "Text output: one line per run (by default only failed runs)");
}

}  // namespace

void add_sweep_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "The random-fault sweep: run many seeds of a stage with random delays and, during a fault phase, random "
      "faults (transient false suspicions, crashes with restarts, partitions, cut links, losses, duplicates, "
      "delays and loss rules), then no faults at all; report per run and in total the safety and client-order "
      "violations, whether every live server executed every request and the run fell quiet, the faults per run "
      "and the longest time to quiet.");
  auto f = std::make_shared<SweepFlags>();
  add_run_flags(cmd, *f);
  add_fault_flags(cmd, *f);
  add_output_flags(cmd, *f);
  cmd->footer("Exit 0 when the sweep ran (whatever it found); 2 for a bad flag. Every failed run prints the "
              "command line that reproduces it alone (--first-seed S --seeds 1).");
  cmd->callback([f, &io] {
    if (f->options.quorum_size != 0 && f->stage != 4) {
      io.err << "paxos-lab-cli: --quorum: Stage " << f->stage << " has no quorum knob (Stage 4 only)\n";
      io.exit_code = kExitBadInput;
      return;
    }
    if (f->options.seeds > 0 &&
        f->options.first_seed > std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(f->options.seeds - 1)) {
      io.err << "paxos-lab-cli: --first-seed: " << f->options.first_seed << " leaves no room for " << f->options.seeds
             << " seeds (the last seed is " << std::numeric_limits<std::uint64_t>::max() << ")\n";
      io.exit_code = kExitBadInput;
      return;
    }
    if (f->options.quorum_size > f->options.servers) {
      io.err << "paxos-lab-cli: --quorum: " << f->options.quorum_size << " is more than the " << f->options.servers
             << " servers\n";
      io.exit_code = kExitBadInput;
      return;
    }
    SimConfig check = sweep_config(f->stage, f->options.first_seed, f->options.servers);
    if (!apply_variant_options(f->options.knobs, f->options.without, f->stage, check, io, "sweep")) return;
    f->options.without = check.knobs.without;  // an unknown stage is refused by sweep_command
    sweep_command(*f, io);
  });
}

}  // namespace paxoslab::cli
