// The random-fault sweep (core/sweep/sweep.hpp): configurations, faults and the
// per-run verdict.
#include "core/sweep/sweep.hpp"

#include <algorithm>
#include <optional>

#include "core/sim/knobs.hpp"
#include "core/sim/rng.hpp"
#include "core/scenario/scenario_writer.hpp"

namespace paxoslab {

namespace {

MessagePattern random_pattern(Rng& r, int servers) {
  static constexpr MsgKind kKinds[] = {MsgKind::Prepare, MsgKind::Promise, MsgKind::Accept,
                                       MsgKind::Learn,   MsgKind::Commit,  MsgKind::Request};
  MessagePattern p;
  if (r.chance(0.8)) p.kind = kKinds[r.uniform(0, 5)];
  if (r.chance(0.5)) p.from = NodeId::of(ServerId{static_cast<int>(r.uniform(1, servers))});
  if (r.chance(0.3)) p.to = NodeId::of(ServerId{static_cast<int>(r.uniform(1, servers))});
  return p;
}

/// One random fault, chosen with the current state in view (a crash only
/// while fewer than a minority are down - or any number with `crash_any`).
/// Returns nothing when the draw makes no sense now (crash a crashed server...).
std::optional<Action> random_fault(const Simulation& sim, Rng& r, int& rule_count, bool crash_any) {
  const int n = sim.config().servers;
  const auto srv = [&] { return ServerId{static_cast<int>(r.uniform(1, n))}; };
  int down = 0;
  for (int i = 1; i <= n; ++i) down += sim.crashed(ServerId{i}) ? 1 : 0;
  switch (r.uniform(0, 11)) {
    case 0:
    case 1: {
      const ServerId s = srv();
      if (sim.crashed(s) || (!crash_any && down + 1 > (n - 1) / 2)) return std::nullopt;
      return CrashAction{s};
    }
    case 2:
      for (int i = 1; i <= n; ++i)
        if (sim.crashed(ServerId{i})) return RestartAction{ServerId{i}};
      return std::nullopt;
    case 3: {
      std::vector<ServerId> a, b;
      for (int i = 1; i <= n; ++i) (r.chance(0.5) ? a : b).push_back(ServerId{i});
      PartitionAction p;
      for (auto* g : {&a, &b})
        if (!g->empty()) p.groups.push_back(*g);
      return p;
    }
    case 4: return HealAction{};
    case 5: {
      const ServerId x = srv(), y = srv();
      if (x == y) return std::nullopt;
      return CutLinkAction{NodeId::of(x), NodeId::of(y), r.chance(0.5)};
    }
    case 6: {
      const ServerId x = srv(), y = srv();
      if (x == y) return std::nullopt;
      return MendLinkAction{NodeId::of(x), NodeId::of(y), false};
    }
    case 7:
    case 8: {
      // A transient false suspicion (or a real one, if the peer is down).
      const ServerId o = srv();
      if (sim.crashed(o)) return std::nullopt;
      const ServerId p = r.chance(0.5) ? ServerId{} : srv();
      if (p == o) return std::nullopt;
      return SuspectAction{o, p, false};
    }
    case 9: return LoseAction{{}, random_pattern(r, n)};
    case 10:
      if (r.chance(0.5)) return DuplicateAction{{}, random_pattern(r, n)};
      return DelayAction{{}, random_pattern(r, n), r.uniform(1, 120)};
    default: {
      FilterAction f;
      f.name = "rule" + std::to_string(++rule_count);
      f.pattern = random_pattern(r, n);
      f.effect = r.chance(0.7) ? FilterAction::Effect::Lose : FilterAction::Effect::Delay;
      f.count = static_cast<int>(r.uniform(1, 4));
      f.delay_ticks = r.uniform(10, 150);
      return f;
    }
  }
}

/// The actions that end every fault: loss and duplication 0, rules gone,
/// links mended, partition healed, crashed servers restarted. Suspicions
/// are left to the failure detector.
std::vector<Action> stop_faults(const Simulation& sim) {
  const int n = sim.config().servers;
  std::vector<Action> out;
  LinkRules calm = sim.config().link;
  calm.loss_probability = 0.0;
  calm.duplicate_probability = 0.0;
  out.push_back(SetLinkAction{NodeId{}, NodeId{}, calm});
  for (const auto& f : sim.links().filters()) out.push_back(RemoveFilterAction{f.name});
  for (int a = 1; a <= n; ++a)
    for (int b = a + 1; b <= n; ++b)
      if (sim.links().cut(NodeId::of(ServerId{a}), NodeId::of(ServerId{b})) ||
          sim.links().cut(NodeId::of(ServerId{b}), NodeId::of(ServerId{a})))
        out.push_back(MendLinkAction{NodeId::of(ServerId{a}), NodeId::of(ServerId{b}), false});
  out.push_back(HealAction{});
  for (int i = 1; i <= n; ++i)
    if (sim.crashed(ServerId{i})) out.push_back(RestartAction{ServerId{i}});
  return out;
}

/// Scripts `actions` at tick `at` (>= now, no event pending before it) and
/// carries them out - exactly as a scenario file's [[step]] at = `at` would
/// (scripted actions come before the events due at that tick, in order), so
/// the written failure replays to the same trace.
void script_at(Simulation& sim, Tick at, const std::vector<Action>& actions, std::uint64_t step_limit) {
  std::vector<ScriptStep> steps;
  for (const auto& a : actions) steps.push_back(ScriptStep{Trigger{at, std::nullopt}, a, 0});
  sim.add_script(steps);
  const int last = static_cast<int>(sim.script().size()) - 1;
  while (!sim.script_done(last) && sim.steps() < step_limit && sim.step()) {
  }
}

/// Fills the verdict of a finished run from the simulation.
void judge(SweepRun& run, const Simulation& sim) {
  run.steps = sim.steps();
  run.end_tick = sim.now();
  for (const auto& v : sim.checker().violations()) {
    if (v.kind == Violation::Kind::ClientOrder) {
      ++run.client_order_violations;
    } else {
      ++run.safety_violations;
    }
  }
  const LivenessReport live = sim.liveness();
  run.quiet = live.quiescent;
  run.executed_everywhere = live.missing.empty();
  run.stuck = live.stuck;
  run.no_progress = live.no_progress;
  if (run.quiet) run.time_to_quiet = run.end_tick - run.faults_stopped_tick;
  if (!sim.checker().violations().empty()) {
    const Violation& v = sim.checker().violations().front();
    run.kind = to_string(v.kind);
    run.failure = run.kind + " violation: " + v.explanation;
  } else if (!run.executed_everywhere) {
    const auto& [s, m] = live.missing.front();
    run.kind = run.stuck ? "stuck" : run.no_progress ? "no-progress" : "not-executed";
    run.failure = to_string(s) + " never executed " + to_string(m) + (run.quiet ? " (" + live.explanation + ")" : "");
  } else if (!run.quiet) {
    run.kind = "not-quiet";
    run.failure = "not quiet after " + std::to_string(run.steps) + " steps (t=" + std::to_string(run.end_tick) + ")";
  }
}

}  // namespace

SimConfig sweep_config(int stage, std::uint64_t seed, int servers, int quorum_size, ClientMode client_mode) {
  Rng r(seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(servers));
  SimConfig c;
  c.stage = stage;
  c.servers = servers;
  c.clients = 2;
  c.seed = seed;
  c.link.delay_ticks_min = 1;
  c.link.delay_ticks_max = r.uniform(5, 40);
  static constexpr double kLoss[] = {0.0, 0.05, 0.15, 0.3};
  c.link.loss_probability = kLoss[r.uniform(0, 3)];
  c.link.duplicate_probability = r.chance(0.5) ? 0.05 : 0.0;
  c.knobs.retransmit_ticks = r.uniform(20, 60);
  c.knobs.fd_timeout_ticks = r.uniform(30, 120);
  c.knobs.learn_mode = r.chance(0.5) ? LearnMode::ToAll : LearnMode::ToLeaderThenCommit;
  // Clients resend unanswered requests (a request lost on the way to every
  // server, or held only by servers that crashed, is otherwise gone).
  c.knobs.client_retry_ticks = 300;
  c.knobs.quorum_size = quorum_size;
  c.knobs.client_mode = client_mode;
  return c;
}

SweepRun sweep_run(const SweepOptions& options, const StageInfo& stage, std::uint64_t seed, bool keep_trace,
                   Simulation* out) {
  SweepRun run;
  run.seed = seed;
  SimConfig config = sweep_config(stage.number, seed, options.servers, options.quorum_size, options.client_mode);
  for (const auto& k : options.knobs) apply_knob_assignment(config, k);  // validated by the caller
  config.knobs.without = options.without;
  Simulation sim(config, stage, keep_trace);
  Rng r(seed ^ 0x5bd1e995ULL);
  std::vector<ScriptStep> script;
  run.requests = static_cast<int>(r.uniform(2, 5));
  for (int i = 1; i <= run.requests; ++i) {
    ScriptStep st;
    st.when.at_tick = r.uniform(0, std::max<Tick>(0, options.fault_phase_ticks - 200));
    st.action = ClientRequestAction{ClientId{static_cast<int>(r.uniform(1, 2))}, RequestId{i}};
    script.push_back(st);
  }
  sim.add_script(script);
  int rule_count = 0;
  Tick next_fault = r.uniform(0, 80);
  while (sim.steps() < options.step_limit && next_fault <= options.fault_phase_ticks) {
    // Everything due before next_fault happens; then the fault, "at next_fault".
    sim.run(options.step_limit - sim.steps(), next_fault - 1);
    if (!sim.checker().safe()) break;
    if (sim.steps() >= options.step_limit) break;
    if (const auto fault = random_fault(sim, r, rule_count, options.crash_any)) {
      script_at(sim, next_fault, {*fault}, options.step_limit);
      ++run.faults;
    }
    next_fault += r.uniform(10, 120);
  }
  if (sim.steps() < options.step_limit) {
    const Tick stop = std::max(sim.now(), std::min(next_fault, options.fault_phase_ticks + 1));
    sim.run(options.step_limit - sim.steps(), stop - 1);
    script_at(sim, std::max(sim.now(), stop), stop_faults(sim), options.step_limit);
  }
  run.faults_stopped_tick = sim.now();
  sim.run(options.step_limit > sim.steps() ? options.step_limit - sim.steps() : 0);
  judge(run, sim);
  if (out) *out = sim;
  return run;
}

std::string sweep_scenario(const SweepOptions& options, const SweepRun& run, const Simulation& sim,
                           const std::string& reproduce) {
  Scenario sc;
  sc.name = "Sweep failure: Stage " + std::to_string(sim.config().stage) + ", " + std::to_string(options.servers) +
            " servers, seed " + std::to_string(run.seed);
  sc.figure = "sweep";
  sc.description = run.passed() ? std::string("A sweep run that passed.") : run.failure;
  sc.config = sim.config();
  sc.script = sim.script();
  for (auto& st : sc.script) st.source_line = 0;
  sc.max_steps = options.step_limit;
  const auto& violations = sim.checker().violations();
  sc.expect.safety_ok = violations.empty();
  if (!violations.empty()) sc.expect.violation = violations.front().kind;
  if (violations.empty()) sc.expect.stuck = run.stuck;
  const std::string header = "Written by paxos-lab-cli sweep: run " + std::to_string(run.seed) + " (" +
                             std::to_string(run.faults) + " faults, " + std::to_string(run.requests) +
                             " requests).\n" + (run.passed() ? "Passed." : "Failed: " + run.failure) +
                             "\nReplay: paxos-lab-cli run FILE\nReproduce: " + reproduce;
  return scenario_toml(sc, header);
}

void add_to_totals(SweepTotals& t, const SweepRun& run) {
  t.faults_min = t.runs == 0 ? run.faults : std::min(t.faults_min, run.faults);
  t.faults_max = t.runs == 0 ? run.faults : std::max(t.faults_max, run.faults);
  ++t.runs;
  t.faults += run.faults;
  t.safety_violations += run.safety_violations;
  t.client_order_violations += run.client_order_violations;
  if (run.safety_violations > 0) ++t.runs_with_violation;
  if (run.client_order_violations > 0) ++t.runs_with_client_order_violation;
  if (!run.executed_everywhere) ++t.not_executed;
  if (!run.quiet) ++t.not_quiet;
  if (run.stuck) ++t.stuck;
  if (run.no_progress) ++t.no_progress;
  if (run.passed()) {
    ++t.passed;
  } else {
    t.failed_seeds.push_back(run.seed);
  }
  if (run.quiet && run.time_to_quiet > t.longest_time_to_quiet) {
    t.longest_time_to_quiet = run.time_to_quiet;
    t.longest_time_to_quiet_seed = run.seed;
  }
}

SweepTotals sweep(const SweepOptions& options, const StageInfo& stage,
                  const std::function<bool(const SweepRun&)>& on_run) {
  SweepTotals totals;
  for (int k = 0; k < options.seeds; ++k) {
    const SweepRun run = sweep_run(options, stage, options.first_seed + static_cast<std::uint64_t>(k));
    add_to_totals(totals, run);
    if (on_run && !on_run(run)) break;
  }
  return totals;
}

}  // namespace paxoslab
