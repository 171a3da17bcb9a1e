// Speed of the simulator core: simulated events per second
// with a steady client load and the invariant checker on, with the full trace
// kept and with a hash-only trace; bytes per kept trace event; and message
// deliveries per second for every stage in the registry (placeholder stages
// are measured as whatever they are today).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "bench/load.hpp"
#include "core/sweep/sweep.hpp"
#include "core/sim/trace.hpp"
#include "stages/registry.hpp"

namespace paxoslab::bench {
namespace {

/// Stage 0, 3 servers, 2 clients. Args: {keep_trace (0/1), requests per run}.
void BM_CoreEvents(benchmark::State& state) {
  LoadSpec spec;
  spec.stage = 0;
  spec.servers = 3;
  spec.clients = 2;
  spec.keep_trace = state.range(0) != 0;
  spec.requests = static_cast<int>(state.range(1));
  const auto stage = find_stage(0);
  if (!stage) {
    state.SkipWithError("stage 0 is not registered");
    return;
  }
  std::uint64_t events = 0, steps = 0, why_bytes = 0, kept = 0;
  for (auto _ : state) {
    const LoadResult r = run_load(spec, *stage);
    events += r.events;
    steps += r.steps;
    why_bytes += r.why_bytes;
    if (spec.keep_trace) kept += r.events;
    benchmark::DoNotOptimize(r.trace_hash);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
  state.counters["events/run"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations()));
  if (kept > 0)
    state.counters["bytes/event"] = benchmark::Counter(
        static_cast<double>(sizeof(TraceEvent)) + static_cast<double>(why_bytes) / static_cast<double>(kept));
}

/// Message deliveries per second of stage `range(0)` with `range(1)` servers,
/// 2 clients, 200 requests per run, full trace (deliveries are counted from it).
void BM_StageDeliveries(benchmark::State& state) {
  LoadSpec spec;
  spec.stage = static_cast<int>(state.range(0));
  spec.servers = static_cast<int>(state.range(1));
  spec.clients = 2;
  spec.requests = 200;
  spec.request_gap_ticks = 5;
  spec.keep_trace = true;
  const auto stage = find_stage(spec.stage);
  if (!stage) {
    state.SkipWithError(("stage " + std::to_string(spec.stage) + " is not registered").c_str());
    return;
  }
  state.SetLabel(stage->name);
  std::uint64_t deliveries = 0, events = 0;
  for (auto _ : state) {
    const LoadResult r = run_load(spec, *stage);
    deliveries += r.deliveries;
    events += r.events;
    benchmark::DoNotOptimize(r.trace_hash);
  }
  state.counters["deliveries/s"] =
      benchmark::Counter(static_cast<double>(deliveries), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

}  // namespace

/// Registers the deliveries-per-second benchmark of stage `stage` with
/// `servers` servers (e.g. register_stage_benchmark(4, 5) for Multi-Paxos with
/// five servers). Safe to call for a stage that is not registered yet: the
/// benchmark then reports an error instead of numbers.
void register_stage_benchmark(int stage, int servers) {
  benchmark::RegisterBenchmark("BM_StageDeliveries", BM_StageDeliveries)
      ->ArgNames({"stage", "servers"})
      ->Args({stage, servers})
      ->Unit(benchmark::kMillisecond);
}

/// Registers the core events benchmark (full and hash-only trace, short and long runs).
/// The random-fault sweep (core/sweep/sweep.hpp, `paxos-lab-cli sweep`): 100
/// seeds of Stage 4 per iteration; the counter `seeds_per_second` is the
/// number to report.
void BM_Sweep(benchmark::State& state) {
  SweepOptions o;
  o.servers = static_cast<int>(state.range(0));
  o.crash_any = state.range(1) != 0;
  o.seeds = 100;
  std::uint64_t first = 1;
  int passed = 0;
  for (auto _ : state) {
    o.first_seed = first;
    first += 100;
    passed += sweep(o, *find_stage(4)).passed;
  }
  benchmark::DoNotOptimize(passed);
  state.counters["seeds_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 100.0, benchmark::Counter::kIsRate);
}

void register_core_benchmarks() {
  benchmark::RegisterBenchmark("BM_Sweep", BM_Sweep)
      ->ArgNames({"servers", "crash_any"})
      ->Args({3, 0})
      ->Args({5, 0})
      ->Args({5, 1})
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_CoreEvents", BM_CoreEvents)
      ->ArgNames({"keep_trace", "requests"})
      ->Args({1, 200})
      ->Args({0, 200})
      ->Args({1, 2000})
      ->Args({0, 2000})
      ->Unit(benchmark::kMillisecond);
}

}  // namespace paxoslab::bench

int main(int argc, char** argv) {
  // `--profile-runs=N [--profile-requests=R] [--profile-hash-only]`: run the
  // Stage 0 load N times outside the benchmark framework (a fixed workload
  // for perf / valgrind --tool=callgrind), print the trace hash and exit.
  long profile_runs = 0, profile_requests = 200;
  bool hash_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--profile-runs=", 0) == 0) profile_runs = std::stol(arg.substr(15));
    if (arg.rfind("--profile-requests=", 0) == 0) profile_requests = std::stol(arg.substr(19));
    if (arg == "--profile-hash-only") hash_only = true;
  }
  if (profile_runs > 0) {
    paxoslab::bench::LoadSpec spec;
    spec.requests = static_cast<int>(profile_requests);
    spec.keep_trace = !hash_only;
    const auto stage = paxoslab::find_stage(0);
    std::uint64_t events = 0, hash = 0;
    for (long r = 0; r < profile_runs; ++r) {
      const auto result = paxoslab::bench::run_load(spec, *stage);
      events += result.events;
      hash = result.trace_hash;
    }
    std::printf("runs=%ld events=%llu trace_hash=%016llx\n", profile_runs, static_cast<unsigned long long>(events),
                static_cast<unsigned long long>(hash));
    return 0;
  }
  paxoslab::bench::register_core_benchmarks();
  for (int stage = 0; stage <= 4; ++stage) paxoslab::bench::register_stage_benchmark(stage, 3);
  paxoslab::bench::register_stage_benchmark(4, 5);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
