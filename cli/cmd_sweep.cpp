// `paxos-lab-cli sweep --stage N ...`: the random-fault sweep (core/sweep.hpp,
// issue 14). Runs many seeds with random faults during a fault phase and none
// afterwards, and reports per run and in total: violations (safety, client
// order), whether every live server executed every request and the run fell
// quiet, faults per run and the longest time to quiet.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/sweep.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

struct SweepFlags {
  int stage = 4;
  SweepOptions options;
  bool json = false;
  bool verbose = false;
};

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
          {"failure", r.passed() ? nlohmann::json(nullptr) : nlohmann::json(r.failure)}};
}

std::string run_line(const SweepRun& r) {
  std::string s = "seed " + std::to_string(r.seed) + ": " + (r.passed() ? "ok" : "FAILED") + ", " +
                  std::to_string(r.faults) + " faults, " + std::to_string(r.requests) + " requests, ";
  s += r.quiet ? "quiet " + std::to_string(r.time_to_quiet) + " ticks after the faults stopped"
               : std::string("not quiet");
  if (!r.passed()) s += " - " + r.failure;
  return s;
}

void sweep_command(const SweepFlags& f, CliIo& io) {
  const auto stage = find_stage(f.stage);
  if (!stage) {
    io.err << "paxos-lab-cli: --stage: there is no stage " << f.stage << " (see 'paxos-lab-cli stages')\n";
    io.exit_code = kExitBadInput;
    return;
  }
  nlohmann::json runs = nlohmann::json::array();
  const SweepTotals t = sweep(f.options, *stage, [&](const SweepRun& r) {
    if (f.json) {
      runs.push_back(run_json(r));
    } else if (f.verbose || !r.passed()) {
      io.out << run_line(r) << "\n";
    }
    return true;
  });
  const double mean = t.runs > 0 ? static_cast<double>(t.faults) / t.runs : 0.0;
  if (f.json) {
    nlohmann::json j;
    j["stage"] = f.stage;
    j["servers"] = f.options.servers;
    j["first_seed"] = f.options.first_seed;
    j["seeds"] = f.options.seeds;
    j["quorum_size"] = f.options.quorum_size;
    j["fault_phase_ticks"] = f.options.fault_phase_ticks;
    j["client_mode"] = f.options.client_mode == ClientMode::OpenLoop ? "open-loop" : "closed-loop";
    j["runs"] = runs;
    j["total"] = {{"runs", t.runs},
                  {"passed", t.passed},
                  {"safety_violations", t.safety_violations},
                  {"client_order_violations", t.client_order_violations},
                  {"not_executed_everywhere", t.not_executed},
                  {"not_quiet", t.not_quiet},
                  {"stuck", t.stuck},
                  {"no_progress", t.no_progress},
                  {"faults", t.faults},
                  {"faults_per_run_mean", mean},
                  {"faults_per_run_min", t.faults_min},
                  {"faults_per_run_max", t.faults_max},
                  {"longest_time_to_quiet", t.longest_time_to_quiet},
                  {"longest_time_to_quiet_seed", t.longest_time_to_quiet_seed},
                  {"failed_seeds", t.failed_seeds}};
    io.out << j.dump(2) << "\n";
  } else {
    io.out << "Stage " << f.stage << " (" << stage->name << "), " << f.options.servers << " servers, seeds "
           << f.options.first_seed << ".." << f.options.first_seed + static_cast<std::uint64_t>(f.options.seeds) - 1
           << ": " << t.passed << " of " << t.runs << " runs passed\n"
           << "  safety violations: " << t.safety_violations << ", client-order violations: "
           << t.client_order_violations << "\n"
           << "  runs where a live server lacked a request: " << t.not_executed
           << ", runs that did not fall quiet: " << t.not_quiet << " (stuck: " << t.stuck
           << ", no progress: " << t.no_progress << ")\n"
           << "  faults per run: " << mean << " on average (" << t.faults_min << ".." << t.faults_max << ")\n"
           << "  longest time to quiet after the faults stopped: " << t.longest_time_to_quiet << " ticks (seed "
           << t.longest_time_to_quiet_seed << ")\n";
    if (!t.failed_seeds.empty()) {
      io.out << "  failed seeds:";
      for (auto s : t.failed_seeds) io.out << " " << s;
      io.out << "\n";
    }
  }
  io.exit_code = kExitOk;
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
  cmd->add_option("--stage", f->stage, "The stage to sweep (0-4, see 'paxos-lab-cli stages'; default 4)")
      ->check(CLI::Range(0, 4));
  cmd->add_option("--servers", f->options.servers, "Servers per run (1-7; default 3)")->check(CLI::Range(1, 7));
  cmd->add_option("--seeds", f->options.seeds, "Number of runs (default 100)")->check(CLI::Range(1, 100'000'000));
  cmd->add_option("--first-seed", f->options.first_seed, "Seed of the first run; the others follow (default 1)");
  cmd->add_option("--quorum", f->options.quorum_size,
                  "Stage 4 quorum size (0 = a majority, the default; below a majority safety breaks)")
      ->check(CLI::Range(0, 7));
  cmd->add_option("--fault-ticks", f->options.fault_phase_ticks,
                  "Length of the fault phase in ticks (default 900)")
      ->check(CLI::Range(Tick{0}, Tick{1'000'000}));
  cmd->add_option("--max-steps", f->options.step_limit, "Events per run before it counts as not quiet (default 400000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000ULL}));
  cmd->add_flag("--json", f->json,
                "Print one JSON object: the options, runs (one object per run: seed, faults, safety_violations, "
                "client_order_violations, executed_everywhere, quiet, stuck, no_progress, time_to_quiet, passed, failure, "
                "...) and total (runs, passed, violations, not_executed_everywhere, not_quiet, stuck, no_progress, "
                "faults_per_run_mean/min/max, "
                "longest_time_to_quiet, failed_seeds)");
  cmd->add_option("--client-mode", f->options.client_mode,
                  "How clients pace their requests: closed-loop (the default: the next request once the previous "
                  "one is answered) or open-loop (each request at its time; one client's requests may then execute "
                  "out of order, counted as client_order_violations)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ClientMode>{{"closed-loop", ClientMode::ClosedLoop}, {"open-loop", ClientMode::OpenLoop}},
          CLI::ignore_case));
  cmd->add_flag("-v,--verbose", f->verbose, "Text output: one line per run (by default only failed runs)");
  cmd->footer("Exit 0 when the sweep ran (whatever it found); 2 for a bad flag. Reproduce one run with "
              "--first-seed S --seeds 1 -v.");
  cmd->callback([f, &io] {
    if (f->options.quorum_size > f->options.servers) {
      io.err << "paxos-lab-cli: --quorum: " << f->options.quorum_size << " is more than the " << f->options.servers
             << " servers\n";
      io.exit_code = kExitBadInput;
      return;
    }
    sweep_command(*f, io);
  });
}

}  // namespace paxoslab::cli
