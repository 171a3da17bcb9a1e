#include "bench/load.hpp"

#include <limits>
#include <string>

namespace paxoslab::bench {

SimConfig make_config(const LoadSpec& spec) {
  SimConfig c;
  c.stage = spec.stage;
  c.servers = spec.servers;
  c.clients = spec.clients;
  c.seed = spec.seed;
  c.link.delay_ticks_min = spec.delay_ticks_min;
  c.link.delay_ticks_max = spec.delay_ticks_max;
  return c;
}

std::vector<ScriptStep> make_script(const LoadSpec& spec) {
  std::vector<ScriptStep> steps;
  steps.reserve(static_cast<std::size_t>(spec.requests));
  for (int i = 1; i <= spec.requests; ++i) {
    ScriptStep st;
    st.when.at_tick = static_cast<Tick>(i) * spec.request_gap_ticks;
    st.action = ClientRequestAction{ClientId{(i - 1) % spec.clients + 1}, RequestId{i}};
    steps.push_back(std::move(st));
  }
  return steps;
}

Tick horizon_ticks(const LoadSpec& spec) {
  return static_cast<Tick>(spec.requests + 1) * spec.request_gap_ticks + 40 * spec.delay_ticks_max + 400;
}

LoadResult run_load(const LoadSpec& spec, const StageInfo& stage) {
  Simulation sim(make_config(spec), stage, spec.keep_trace);
  sim.add_script(make_script(spec));
  sim.run(std::numeric_limits<std::uint64_t>::max(), horizon_ticks(spec));
  LoadResult r;
  r.events = sim.trace().size();
  r.steps = sim.steps();
  r.trace_hash = sim.trace().hash();
  r.safe = sim.checker().safe();
  for (const TraceEvent& e : sim.trace().events()) {
    if (e.kind == TraceKind::Deliver || e.kind == TraceKind::Reply) ++r.deliveries;
    if (e.why.capacity() > std::string().capacity()) r.why_bytes += e.why.capacity() + 1;
  }
  return r;
}

}  // namespace paxoslab::bench
