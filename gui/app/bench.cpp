#include "gui/app/bench.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/sim/rng.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

namespace {

SessionSource busy_source() {
  SessionSource src;
  src.config.servers = 7;
  src.config.clients = 3;
  src.config.seed = 7;
  src.config.link.delay_ticks_min = 40;
  src.config.link.delay_ticks_max = 400;
  src.config.knobs.retransmit_ticks = 500;
  src.config.knobs.fd_timeout_ticks = 2000;
  return src;
}

/// Steps `s` until its trace holds `events` events, sending a new client
/// request whenever fewer than `in_flight` messages are on the wire.
void pump(Session& s, std::uint64_t events, int& next_request, std::size_t in_flight) {
  int c = 0;
  while (s.record().trace().size() < events) {
    if (s.record().network().in_flight().size() < in_flight || !s.record().next_event()) {
      s.apply(ClientRequestAction{ClientId{c % 3 + 1}, RequestId{next_request++}});
      ++c;
    }
    (void)s.step();
  }
}

}  // namespace

Session make_busy_session(std::uint64_t events, std::size_t in_flight) {
  const StageInfo stage = *find_stage(all_stages().back().number);
  Session s(busy_source(), stage);
  int next = 1;
  pump(s, events, next, in_flight);
  return s;
}

void print_stats(std::FILE* out, const char* what, std::vector<double>& v) {
  if (v.empty()) return;
  std::sort(v.begin(), v.end());
  const auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))]; };
  std::fprintf(out, "%s: median %.3f ms, p99 %.3f ms, max %.3f ms (%zu samples)\n", what, at(0.5), at(0.99), v.back(), v.size());
}

void bench_step_back(std::uint64_t events, std::FILE* out) {
  using clock = std::chrono::steady_clock;
  const StageInfo stage = *find_stage(all_stages().back().number);
  Session s(busy_source(), stage);
  int next = 1;
  const auto t0 = clock::now();
  pump(s, events, next, 200);
  const double build_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  std::fprintf(out, "step-back run: %llu trace events, %zu timeline steps, stage %d, built in %.0f ms\n",
               static_cast<unsigned long long>(s.record().trace().size()), s.length(), stage.number, build_ms);
  std::vector<double> back;
  for (int i = 0; i < 200; ++i) {  // step back from the end, repeatedly
    const auto a = clock::now();
    s.step_back();
    back.push_back(std::chrono::duration<double, std::milli>(clock::now() - a).count());
  }
  print_stats(out, "step back (from the end)", back);
  std::vector<double> jumps;
  Rng rng(42);
  for (int i = 0; i < 200; ++i) {  // jump to any earlier step, then step back once more
    s.jump_to(static_cast<std::size_t>(rng.uniform(1, static_cast<std::int64_t>(s.length()))));
    const auto a = clock::now();
    s.step_back();
    jumps.push_back(std::chrono::duration<double, std::milli>(clock::now() - a).count());
  }
  print_stats(out, "step back (at random steps)", jumps);
}

}  // namespace paxoslab::gui
