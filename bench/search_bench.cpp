// Break-finder speed: states explored per second, the Stage 1-3
// counterexample times and the bounded exhaustive Stage 4 search.
// Targets on the 2-core CI machine: Stages 1-3 under 1 s each, Stage 4 under 60 s.
// Build: cmake --build <dir> --target paxoslab_search_bench; run: <dir>/bench/paxoslab_search_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>

#include "core/search/search.hpp"
#include "stages/registry.hpp"

namespace {

using paxoslab::SearchBounds;
using paxoslab::SearchResult;

SearchBounds bounds(int servers, int losses, int crashes, int suspicions, int reorders = 2) {
  SearchBounds b;
  b.max_reorders = reorders;
  b.servers = servers;
  b.clients = 2;
  b.requests = 2;
  b.max_losses = losses;
  b.max_crashes = crashes;
  b.max_suspicions = suspicions;
  return b;
}

void run_search(benchmark::State& state, int stage, const SearchBounds& b) {
  const auto info = paxoslab::find_stage(stage);
  if (!info) {
    state.SkipWithError("no such stage");
    return;
  }
  SearchResult r;
  std::uint64_t states = 0;
  for (auto _ : state) {
    r = paxoslab::find_break(*info, b);
    states += r.states_explored;
    benchmark::DoNotOptimize(r.depth);
  }
  state.counters["states_per_s"] = benchmark::Counter(static_cast<double>(states), benchmark::Counter::kIsRate);
  state.counters["states"] = static_cast<double>(r.states_explored);
  state.counters["unique"] = static_cast<double>(r.unique_states);
  state.counters["peak_held"] = static_cast<double>(r.peak_states);
  state.counters["depth"] = r.depth;
  state.counters["complete"] = r.complete ? 1 : 0;
  state.SetLabel(paxoslab::to_string(r.result));
}

// Stage 0, two servers: the Fig. 2 divergence.
void BM_Search_Stage0(benchmark::State& s) { run_search(s, 0, bounds(2, 1, 1, 1)); }
// Stage 1: a lost accept leaves the follower stuck.
void BM_Search_Stage1(benchmark::State& s) { run_search(s, 1, bounds(2, 1, 0, 0)); }
// Stage 2: the Fig. 5 violation (a lost accept and a leader crash).
void BM_Search_Stage2(benchmark::State& s) { run_search(s, 2, bounds(2, 1, 1, 0)); }
// Stage 3, three servers: a violation needing two leaders.
void BM_Search_Stage3(benchmark::State& s) { run_search(s, 3, bounds(3, 1, 1, 1)); }
// Stage 4, three servers, 2 clients, 2 requests, 1 loss, 1 crash, due-tick
// order, breadth-first: exhaustive, no break.
void BM_Search_Stage4Exhaustive(benchmark::State& s) { run_search(s, 4, bounds(3, 1, 1, 0, 0)); }
// The same without partial-order reduction (what the reduction saves).
void BM_Search_Stage4ExhaustiveUnreduced(benchmark::State& s) {
  SearchBounds b = bounds(3, 1, 1, 0, 0);
  b.reduce_interleavings = false;
  run_search(s, 4, b);
}
// Stage 4, one false suspicion only (2 requests): exhaustive, no break.
void BM_Search_Stage4FalseSuspicion(benchmark::State& s) {
  SearchBounds b = bounds(3, 0, 0, 1, 0);
  b.max_depth = 100;
  run_search(s, 4, b);
}
// Stage 4, every fault kind (1 loss, 1 crash, 1 false suspicion) on one
// request from one client, breadth-first: exhaustive, no break.
void BM_Search_Stage4AllFaultsOneRequest(benchmark::State& s) {
  SearchBounds b = bounds(3, 1, 1, 1, 0);
  b.clients = 1;
  b.requests = 1;
  b.max_depth = 100;
  run_search(s, 4, b);
}
// The full bounds (2 clients, 2 requests, 1 loss, 1 crash, 1 false
// suspicion) - Stage 4's default_bounds: depth-first, exhaustive, no break.
// The target: under 60 s on the 2-core CI machine.
void BM_Search_Stage4IssueBounds(benchmark::State& s) { run_search(s, 4, paxoslab::default_bounds(4)); }
// The same breadth-first: stops at the memory bound (max_held_states).
void BM_Search_Stage4IssueBoundsBreadthFirst(benchmark::State& s) {
  SearchBounds b = paxoslab::default_bounds(4);
  b.depth_first = false;
  b.max_depth = 60;
  b.max_states = 1'000'000;
  run_search(s, 4, b);
}

// The parallel break-finder: Stage 4's default bounds (3 servers,
// 2 clients, 2 requests, 1 loss, 1 crash, 1 false suspicion; depth-first) and
// the same with 5 servers, on 1 thread and on every core (the argument: jobs,
// 0 = default_jobs()). states_per_s counts successor states computed
// (states_explored) per wall second. Target on a 2-core machine: under 10 s
// and under 2 minutes.
// Times each search by the wall clock (SetIterationTime, UseManualTime): the
// main thread's CPU time would leave the other threads out.
void run_search_timed(benchmark::State& state, int stage, const SearchBounds& b) {
  const auto info = paxoslab::find_stage(stage);
  if (!info) {
    state.SkipWithError("no such stage");
    return;
  }
  SearchResult r;
  std::uint64_t states = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    r = paxoslab::find_break(*info, b);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    states += r.states_explored + r.discarded_states;
    benchmark::DoNotOptimize(r.depth);
  }
  state.counters["states_per_s"] = benchmark::Counter(static_cast<double>(states), benchmark::Counter::kIsRate);
  state.counters["states"] = static_cast<double>(r.states_explored);
  state.counters["unique"] = static_cast<double>(r.unique_states);
  state.counters["jobs"] = r.jobs;
  state.counters["complete"] = r.complete ? 1 : 0;
  state.SetLabel(paxoslab::to_string(r.result));
}

int jobs_arg(const benchmark::State& s) {
  const auto jobs = static_cast<int>(s.range(0));
  return jobs > 0 ? jobs : paxoslab::default_jobs();
}
void BM_Search_Stage4Default_Jobs(benchmark::State& s) {
  SearchBounds b = paxoslab::default_bounds(4);
  b.jobs = jobs_arg(s);
  run_search_timed(s, 4, b);
}
void BM_Search_Stage4FiveServers_Jobs(benchmark::State& s) {
  SearchBounds b = paxoslab::default_bounds(4);
  b.servers = 5;
  b.jobs = jobs_arg(s);
  run_search_timed(s, 4, b);
}

BENCHMARK(BM_Search_Stage4Default_Jobs)->Arg(1)->Arg(0)->Unit(benchmark::kSecond)->Iterations(1)->UseManualTime();
BENCHMARK(BM_Search_Stage4FiveServers_Jobs)->Arg(1)->Arg(0)->Unit(benchmark::kSecond)->Iterations(1)->UseManualTime();
BENCHMARK(BM_Search_Stage0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Search_Stage1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Search_Stage2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Search_Stage3)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Search_Stage4Exhaustive)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_Search_Stage4ExhaustiveUnreduced)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_Search_Stage4FalseSuspicion)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_Search_Stage4AllFaultsOneRequest)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_Search_Stage4IssueBounds)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_Search_Stage4IssueBoundsBreadthFirst)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
