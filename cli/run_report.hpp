// What `paxos-lab-cli run` prints about a finished run: the trace, a text
// summary and the JSON report (reused by other commands, e.g. compare).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/scenario/scenario.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::cli {

/// A run that has ended: its scenario, why it stopped and how it compares
/// with the scenario's [expect] (check_expectation).
struct RunSummary {
  const Scenario& scenario;
  const Simulation& sim;
  RunEnd end = RunEnd::Quiescent;
  std::vector<std::string> mismatches;  ///< Empty = expectation met.
};

/// 16 lower-case hex digits.
std::string hex_hash(std::uint64_t h);

/// One line per kept trace event: to_text(event, describe(payload)).
void print_trace(std::ostream& out, const Simulation& sim);

/// The verdict in words: stage, steps/ticks/hash, safety (each violation's
/// explanation and witnesses), the checker's warnings, each scripted step
/// that never fired ("script:" lines: its file line, trigger and action),
/// liveness, sigma per server, the expectation.
void print_summary(std::ostream& out, const RunSummary& run);

/// The JSON report: scenario, stage, stage_name, without (the rules a variant
/// switches off, [] for the full stage), servers, clients, seed,
/// steps, ticks, stopped, trace_hash (hex), safety ("ok"/"violated"),
/// violations [{kind, tick, witnesses [{who, state, description}],
/// explanation}], warnings, unfired_steps [{line (0 if not from a file),
/// trigger, action}] (scripted steps the run never carried out), stuck, liveness (sentence), executed {server -> [requests]},
/// replies [{client, server, request, state, tick}], expectation_met,
/// mismatches.
nlohmann::json run_report_json(const RunSummary& run);

/// Writes run_report_json(run).dump(2) and a newline to `out`, byte for byte,
/// without building the whole document: each reply (whose state grows with
/// the run) is built, written and freed in turn, so memory stays linear in
/// the run's length (2,000 requests took 2.1 GB as one document).
void write_run_report_json(std::ostream& out, const RunSummary& run);

}  // namespace paxoslab::cli
