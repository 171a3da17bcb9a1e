// A steady client load for benchmarks: the clients take turns sending a new
// request every `request_gap_ticks` ticks, and the run goes on until the
// simulation is quiescent or `horizon_ticks` have passed.
#pragma once

#include <cstdint>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/script.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::bench {

/// What one benchmark run looks like.
struct LoadSpec {
  int stage = 0;                    ///< 0..4 (stages/registry.hpp).
  int servers = 3;                  ///< 1..7.
  int clients = 2;                  ///< 1..9.
  int requests = 200;               ///< Requests in one run, over all clients (m1..m<requests>).
  Tick request_gap_ticks = 3;       ///< Ticks between two consecutive requests.
  Tick delay_ticks_min = 2;         ///< Link delay range of every link.
  Tick delay_ticks_max = 12;
  std::uint64_t seed = 7;
  bool keep_trace = true;           ///< false: hash-only trace.
};

/// What one run produced.
struct LoadResult {
  std::uint64_t events = 0;      ///< Trace events appended.
  std::uint64_t steps = 0;       ///< Simulation steps (deliveries, timers, scripted actions).
  std::uint64_t deliveries = 0;  ///< Messages that reached a live node (deliver + reply events); 0 without a kept trace.
  std::uint64_t why_bytes = 0;   ///< Heap bytes of the kept events' why strings (capacity beyond SSO).
  std::uint64_t trace_hash = 0;
  bool safe = true;
};

/// The configuration of `spec` (validated: values as documented above).
SimConfig make_config(const LoadSpec& spec);
/// The client script of `spec`: request i is sent by client ((i-1) mod clients)+1
/// at tick i * request_gap_ticks.
std::vector<ScriptStep> make_script(const LoadSpec& spec);
/// The tick after which a run of `spec` is cut off (stages with timers may never go quiet).
Tick horizon_ticks(const LoadSpec& spec);
/// Runs `spec` once with `stage` from a fresh simulation and reports what happened.
LoadResult run_load(const LoadSpec& spec, const StageInfo& stage);

}  // namespace paxoslab::bench
