// The random-fault sweep (`paxos-lab-cli sweep`): many runs of one
// stage, each with random delays and, during a fault phase, random faults
// drawn from its seed - transient false suspicions, crashes and restarts (at
// most a minority down at once, or any number with crash_any), partitions and
// heals, cut and mended links,
// lost, duplicated and delayed messages and standing loss/delay rules. Then
// the faults stop (loss 0, rules removed, links mended, partition healed,
// crashed servers restarted) and the run goes on with no fault at all - in
// particular nothing ends a suspicion but the failure detector itself.
//
// A run passes when the checker found no violation (safety or client order),
// every live server executed every request a client sent, and the run fell
// quiet (no message in flight, no timer armed) within the step limit.
// docs/protocol.md, "Must hold" (Stage 4): progress once a majority is
// connected and one leader stays unsuspected.
//
// Every fault is a scripted action "at tick T", exactly what a scenario
// file's [[step]] at = T does, so a run is also a scenario: sweep_scenario
// writes it, and `paxos-lab-cli run` replays it to the same trace and verdict.
//
// Deterministic: a run is a function of (options, seed) alone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// What one sweep runs.
struct SweepOptions {
  int servers = 3;                    ///< 1..7 per run.
  std::uint64_t first_seed = 1;       ///< Runs use seeds first_seed, first_seed + 1, ...
  int seeds = 100;                    ///< Number of runs, >= 1.
  int quorum_size = 0;                ///< Stage 4 knob; 0 = a majority (below it, safety breaks).
  Tick fault_phase_ticks = 900;       ///< Faults are injected at ticks 0..fault_phase_ticks.
  std::uint64_t step_limit = 400'000;  ///< Events per run; a run still busy then is "not quiet".
  /// How clients pace their requests: closed loop (the default) keeps each
  /// client's requests in order by construction; open loop lets them race,
  /// which the checker reports as client-order violations.
  ClientMode client_mode = ClientMode::ClosedLoop;
  /// Crash any number of servers at once, all of them included (safety must
  /// hold whatever crashes: docs/protocol.md, Stage 4, "What survives a
  /// crash"); false = at most a minority down at once.
  bool crash_any = false;
  /// "NAME=VALUE" knob overrides (core/sim/knobs.hpp), applied in order to every
  /// run's drawn configuration (`sweep --knob`); each must be valid
  /// (apply_knob_assignment returns no error for a config of `servers`).
  std::vector<std::string> knobs;
  /// The rules switched off in every run (StageKnobs::without, `sweep
  /// --without`); the caller checks them against the stage (core/variant.hpp).
  std::vector<std::string> without;
};

/// The outcome of one run.
struct SweepRun {
  std::uint64_t seed = 0;
  int requests = 0;                  ///< Client requests scripted.
  int faults = 0;                    ///< Faults scripted during the fault phase (a lose with no matching message in flight does nothing).
  int safety_violations = 0;         ///< Checker violations other than client order.
  int client_order_violations = 0;   ///< Checker violations of kind "client-order".
  bool executed_everywhere = false;  ///< Every live server executed every sent request.
  bool quiet = false;                ///< Nothing in flight, no timer armed, at the end.
  bool stuck = false;                ///< The liveness verdict at the end: stuck (LivenessReport::stuck).
  bool no_progress = false;          ///< The liveness verdict at the end: "no progress".
  Tick faults_stopped_tick = 0;      ///< When the faults stopped.
  Tick end_tick = 0;                 ///< When the run ended (quiet, or the step limit).
  Tick time_to_quiet = -1;           ///< end_tick - faults_stopped_tick when quiet, else -1.
  std::uint64_t steps = 0;
  std::string failure;               ///< Empty when the run passed; else what failed first.
  /// Empty when the run passed; else a short name of what failed first: a
  /// violation kind ("divergence", "promise-decreased", ...), "stuck",
  /// "no-progress", "not-executed" or "not-quiet".
  std::string kind;
  bool passed() const { return failure.empty(); }
};

/// Totals over the runs of one sweep.
struct SweepTotals {
  int runs = 0;
  int passed = 0;
  int safety_violations = 0;         ///< Summed over runs.
  int client_order_violations = 0;   ///< Summed over runs.
  int runs_with_violation = 0;       ///< Runs with at least one violation other than client order.
  int runs_with_client_order_violation = 0;  ///< Runs with at least one client-order violation.
  int not_executed = 0;              ///< Runs where a live server lacked a request.
  int not_quiet = 0;                 ///< Runs that did not fall quiet.
  int stuck = 0;                     ///< Runs whose end verdict was stuck.
  int no_progress = 0;               ///< Runs whose end verdict was "no progress".
  long long faults = 0;              ///< Summed over runs.
  int faults_min = 0, faults_max = 0;
  Tick longest_time_to_quiet = 0;    ///< Over the runs that fell quiet.
  std::uint64_t longest_time_to_quiet_seed = 0;
  std::vector<std::uint64_t> failed_seeds;
};

/// The cluster of one run: `stage`, `servers`, 2 clients, seed, and link
/// delays, loss, duplication, timeouts and learn mode drawn from the seed;
/// clients (closed loop unless `client_mode` says otherwise) resend
/// unanswered requests every 300 ticks.
SimConfig sweep_config(int stage, std::uint64_t seed, int servers, int quorum_size = 0,
                       ClientMode client_mode = ClientMode::ClosedLoop);

/// Runs one seed. `keep_trace` keeps the whole trace (to show a failure);
/// `out`, if given, receives the simulation at the end.
SweepRun sweep_run(const SweepOptions& options, const StageInfo& stage, std::uint64_t seed,
                   bool keep_trace = false, Simulation* out = nullptr);

/// The run of `seed` as a scenario file's contents (core/scenario/scenario_writer.hpp):
/// its configuration, client requests and every fault as [[step]] tables,
/// max_steps = the step limit, and an [expect] with the verdict it reached
/// (safety violated and the first violation's kind, or ok). `sim` is the
/// simulation sweep_run left (its `out`); `reproduce` goes into the header.
std::string sweep_scenario(const SweepOptions& options, const SweepRun& run, const Simulation& sim,
                           const std::string& reproduce);

/// Adds one run to the totals.
void add_to_totals(SweepTotals& totals, const SweepRun& run);

/// Runs every seed of `options`; `on_run` (if set) sees each run as it ends
/// and may stop the sweep by returning false.
SweepTotals sweep(const SweepOptions& options, const StageInfo& stage,
                  const std::function<bool(const SweepRun&)>& on_run = {});

}  // namespace paxoslab
