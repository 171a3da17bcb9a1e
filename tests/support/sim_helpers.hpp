// Small helpers shared by the core tests: building configs, scripts and
// looking things up in a trace.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/script.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::testing {

/// A config with `servers` servers, `clients` clients, fixed delay `delay_ticks`.
inline SimConfig fixed_config(int servers, int clients = 2, Tick delay_ticks = 10, std::uint64_t seed = 1) {
  SimConfig c;
  c.servers = servers;
  c.clients = clients;
  c.seed = seed;
  c.link.delay_ticks_min = delay_ticks;
  c.link.delay_ticks_max = delay_ticks;
  return c;
}

inline ScriptStep at(Tick tick, Action action) {
  ScriptStep st;
  st.when.at_tick = tick;
  st.action = std::move(action);
  return st;
}

inline ScriptStep after(EventPattern pattern, Action action) {
  ScriptStep st;
  st.when.after = pattern;
  st.action = std::move(action);
  return st;
}

inline NodeId S(int i) { return NodeId::of(ServerId{i}); }
inline NodeId C(int i) { return NodeId::of(ClientId{i}); }
inline RequestId m(int i) { return RequestId{i}; }

/// Runs until quiescent (or the step limit, a guard against bugs).
inline void run_all(Simulation& sim, std::uint64_t max_steps = 1'000'000) { sim.run(max_steps); }

/// Kept trace events of kind `k` (optionally only those of `who`).
inline std::vector<TraceEvent> events_of(const Simulation& sim, TraceKind k, NodeId who = {}) {
  std::vector<TraceEvent> out;
  for (const auto& e : sim.trace().events())
    if (e.kind == k && (!who.valid() || e.who == who)) out.push_back(e);
  return out;
}

inline std::size_t count_of(const Simulation& sim, TraceKind k, NodeId who = {}) {
  return events_of(sim, k, who).size();
}

/// The whole kept trace as text (for failure messages).
inline std::string trace_text(const Simulation& sim) {
  std::string s;
  for (const auto& e : sim.trace().events()) s += to_text(e) + "\n";
  return s;
}

}  // namespace paxoslab::testing
