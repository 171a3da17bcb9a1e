// Benchmark workloads for `paxos-lab --bench-frames N` (a benchmark, never a
// test: tests do not assert on wall-clock time).
#pragma once

#include <cstdint>
#include <cstdio>

#include "gui/model/session.hpp"

namespace paxoslab::gui {

/// A busy run: 7 servers, 3 clients, long delays, requests pumped in until the
/// trace holds `events` events, then more until about `in_flight` messages are
/// in flight. Uses the highest implemented stage.
Session make_busy_session(std::uint64_t events, std::size_t in_flight);

/// Builds a run of `events` trace events and times stepping back from the
/// end and jumps to random earlier steps; prints median / p99 / max in ms.
void bench_step_back(std::uint64_t events, std::FILE* out);

/// "median 1.23 ms, p99 2.34 ms, max 3.45 ms" of `samples_ms` (sorted in place).
void print_stats(std::FILE* out, const char* what, std::vector<double>& samples_ms);

}  // namespace paxoslab::gui
