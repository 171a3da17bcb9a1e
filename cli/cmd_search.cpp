// `paxos-lab-cli search --stage N ...`: the break-finder (core/search).
// Searches every schedule within the bounds for the shortest run that breaks
// the stage, writes it as a scenario file, replays that file to verify it,
// and reports (text or one JSON object). Progress goes to stderr; Ctrl+C
// stops the search cleanly and still reports what was explored.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>

#include <sys/resource.h>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/knob_option.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "cli/without_option.hpp"
#include "core/sim/variant.hpp"
#include "core/search/scenario_writer.hpp"
#include "core/search/search.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

namespace {

/// Exit code after Ctrl+C stopped the search (the shell's 128 + SIGINT).
constexpr int kExitInterrupted = 130;

// The one global of the tool: a signal handler can only talk to the program
// through a lock-free atomic (or volatile sig_atomic_t) with static storage.
// Set by the SIGINT handler while a search runs, read by its cancel callback.
std::atomic<bool> g_search_interrupted{false};  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

extern "C" void on_sigint(int) { g_search_interrupted.store(true); }

/// Installs on_sigint for the lifetime of one search and puts the previous
/// handler back afterwards.
class SigintGuard {
 public:
  SigintGuard() {
    g_search_interrupted.store(false);
    previous_ = std::signal(SIGINT, on_sigint);
  }
  ~SigintGuard() { std::signal(SIGINT, previous_ == SIG_ERR ? SIG_DFL : previous_); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

/// The flags of `search`, owned by the command's callback.
struct SearchOptions {
  int stage = 0;
  SearchBounds bounds;  ///< What is searched: default_bounds(stage) with the given flags applied.
  SearchBounds given;   ///< The bound flags as parsed.
  /// Each bound flag and how to copy its value from `given` into `bounds`.
  std::vector<std::pair<CLI::Option*, void (*)(SearchBounds&, const SearchBounds&)>> overrides;
  std::optional<std::string> out;
  bool json = false;
  bool quiet = false;
  bool breadth_first = false;  ///< --breadth-first (the bounds' depth_first = false).
  std::vector<std::string> knobs;  ///< --knob NAME=VALUE, in order.
  std::vector<std::string> without;  ///< --without RULE: search a variant.
};

using Clock = std::chrono::steady_clock;

/// The process's peak resident set size so far, in bytes (getrusage;
/// 0 if unavailable). Covers the whole process: the search's held states,
/// its visited set and tree, and whatever ran before it.
std::uint64_t peak_resident_bytes() {
  rusage u{};
  if (getrusage(RUSAGE_SELF, &u) != 0 || u.ru_maxrss < 0) return 0;
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Writes `text` to `path`; false (and `error`) if it cannot.
bool write_file(const std::string& path, const std::string& text, std::string& error) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) {
    error = "cannot open '" + path + "' for writing";
    return false;
  }
  f << text;
  f.close();
  if (!f) {
    error = "cannot write '" + path + "'";
    return false;
  }
  return true;
}

/// Loads the written file and runs it as `paxos-lab-cli run` would; returns
/// the mismatches (empty = the replay reached the verdict the file expects).
std::vector<std::string> verify_replay(const std::string& path, const StageInfo& stage) {
  ScenarioLoad load = load_scenario_file(path);
  if (!load.ok()) return {"the written file does not load: " + load.error->to_string()};
  Simulation sim = start_scenario(*load.scenario, stage);
  const RunEnd end = run_to_end(sim, *load.scenario);
  if (end == RunEnd::ScheduleMismatch) return {"the written schedule did not replay (a [[choose]] matched nothing)"};
  return check_expectation(load.scenario->expect, sim);
}

/// Checks the stage and the bounds; false (and a message, exit 2) if bad.
bool check_search_options(const SearchOptions& opt, CliIo& io) {
  if (!find_stage(opt.stage)) {
    io.err << "paxos-lab-cli: --stage: there is no stage " << opt.stage << " (see 'paxos-lab-cli stages')\n";
    io.exit_code = kExitBadInput;
    return false;
  }
  if (const std::string bad = validate(opt.bounds); !bad.empty()) {
    io.err << "paxos-lab-cli: search: " << bad << "\n";
    io.exit_code = kExitBadInput;
    return false;
  }
  return true;
}

/// The search's progress callback: a line on stderr at most once a second
/// (unless --quiet); returns false once Ctrl+C was pressed.
std::function<bool(const SearchProgress&)> progress_printer(const SearchOptions& opt, CliIo& io,
                                                            Clock::time_point start) {
  return [&opt, &io, start, last_print = start](const SearchProgress& p) mutable {
    if (g_search_interrupted.load()) return false;
    if (!opt.quiet && Clock::now() - last_print >= std::chrono::seconds(1)) {
      last_print = Clock::now();
      const double s = seconds_since(start);
      io.err << "search: " << p.states_explored << " states (" << p.unique_states << " unique, "
             << static_cast<std::uint64_t>(s > 0 ? static_cast<double>(p.states_explored) / s : 0.0)
             << " states/s), depth " << p.depth << ", frontier " << p.frontier << "\n";
      io.err.flush();
    }
    return true;
  };
}

/// Where a found break went: the file written and what its replay check found.
struct WrittenBreak {
  std::optional<std::string> path;
  std::vector<std::string> replay_problems;  ///< Empty: the file replays to its verdict.
};

/// Writes the counterexample (if the search found one) and replays it; false
/// (and a message, exit 2) if --out cannot be written.
bool write_counterexample(const SearchOptions& opt, const StageInfo& stage, const SearchResult& r, CliIo& io,
                          WrittenBreak& out) {
  if (r.result == SearchResult::Outcome::None) return true;
  const std::string path = opt.out.value_or("break-stage" + std::to_string(opt.stage) + ".toml");
  std::string error;
  if (!write_file(path, counterexample_scenario(stage, opt.bounds, r), error)) {
    io.err << "paxos-lab-cli: --out: " << error << "\n";
    io.exit_code = kExitBadInput;
    return false;
  }
  out.path = path;
  out.replay_problems = verify_replay(path, stage);
  return true;
}

nlohmann::json bounds_json(const SearchBounds& b) {
  return {{"servers", b.servers},         {"clients", b.clients},
          {"requests", b.requests},       {"max_losses", b.max_losses},
          {"max_crashes", b.max_crashes}, {"max_suspicions", b.max_suspicions},
          {"max_restarts", b.max_restarts}, {"restart_at_once", b.restart_at_once},
          {"max_partitions", b.max_partitions},
          {"safety_only", b.safety_only},
          {"max_reorders", b.max_reorders}, {"max_depth", b.max_depth},
          {"max_states", b.max_states},       {"max_held", b.max_held_states},
          {"reduce_interleavings", reduces_interleavings(b)},
          {"depth_first", b.depth_first}};
}

/// The report as one JSON object (--json).
void print_json(const SearchOptions& opt, const SearchResult& r, const WrittenBreak& w, CliIo& io) {
  const std::uint64_t peak_memory = peak_resident_bytes();
  const double rate = r.seconds > 0 ? static_cast<double>(r.states_explored) / r.seconds : 0.0;
  nlohmann::json j;
  j["stage"] = opt.stage;
  j["without"] = opt.bounds.knobs.without;
  j["result"] = to_string(r.result);
  j["depth"] = r.depth;
  j["states_explored"] = r.states_explored;
  j["unique_states"] = r.unique_states;
  j["peak_states"] = r.peak_states;
  j["peak_memory_bytes"] = peak_memory;
  j["seconds"] = r.seconds;
  j["states_per_second"] = rate;
  j["jobs"] = r.jobs;
  j["discarded_states"] = r.discarded_states;
  j["scenario"] = w.path ? nlohmann::json(*w.path) : nlohmann::json(nullptr);
  j["complete"] = r.complete;
  j["canceled"] = r.canceled;
  j["depth_bound_hit"] = r.depth_bound_hit;
  j["state_bound_hit"] = r.state_bound_hit;
  j["replay_verified"] = w.path ? nlohmann::json(w.replay_problems.empty()) : nlohmann::json(nullptr);
  j["explanation"] = r.explanation;
  j["bounds"] = bounds_json(opt.bounds);
  io.out << j.dump(2) << "\n";
}

/// The report as text: the verdict, the counts and the schedule found.
void print_text(const SearchOptions& opt, const StageInfo& stage, const SearchResult& r, const WrittenBreak& w,
                CliIo& io) {
  const std::uint64_t peak_memory = peak_resident_bytes();
  const double rate = r.seconds > 0 ? static_cast<double>(r.states_explored) / r.seconds : 0.0;
  io.out << variant_name(stage, opt.bounds.knobs.without) << ": " << to_string(r.result);
  if (r.result != SearchResult::Outcome::None) io.out << " after " << r.depth << " choices";
  io.out << "\n  " << r.explanation << "\n"
         << "  " << r.states_explored << " states explored, " << r.unique_states << " unique, peak "
         << r.peak_states << " held (process peak " << (peak_memory >> 20) << " MiB), " << r.seconds << " s (" << static_cast<std::uint64_t>(rate)
         << " states/s, " << r.jobs << (r.jobs == 1 ? " thread" : " threads") << ")\n";
  if (r.discarded_states > 0)
    io.out << "  (a parallel pass computed " << r.discarded_states
           << " states first and met a break or a bound: the counts above are the one-thread search that "
              "fixes the result)\n";
  if (w.path) {
    io.out << "  counterexample: " << *w.path << " (replay: paxos-lab-cli run " << *w.path << ")\n";
    for (const auto& c : r.schedule) io.out << "    " << describe(c) << "\n";
  }
}

void search_command(const SearchOptions& opt, CliIo& io) {
  if (!check_search_options(opt, io)) return;
  const std::optional<StageInfo> found = find_stage(opt.stage);
  const StageInfo& stage = *found;
  const Clock::time_point start = Clock::now();
  SearchCallbacks callbacks;
  callbacks.progress = progress_printer(opt, io, start);
  SearchResult r;
  {
    SigintGuard guard;
    r = find_break(stage, opt.bounds, callbacks);
  }
  r.seconds = seconds_since(start);

  WrittenBreak written;
  if (!write_counterexample(opt, stage, r, io, written)) return;
  if (opt.json) {
    print_json(opt, r, written, io);
  } else {
    print_text(opt, stage, r, written, io);
  }
  for (const auto& p : written.replay_problems) io.err << "paxos-lab-cli: search: replay check failed: " << p << "\n";
  if (!written.replay_problems.empty()) {
    io.exit_code = kExitInternal;
  } else {
    io.exit_code = r.canceled ? kExitInterrupted : kExitOk;
  }
}

using Copy = void (*)(SearchBounds&, const SearchBounds&);

/// Registers a bound flag: its value lands in opt.given, and the command's
/// callback copies it into the bounds with `copy` when the flag was given.
CLI::Option* bound(SearchOptions& opt, CLI::Option* o, Copy copy) {
  opt.overrides.emplace_back(o, copy);
  return o;
}

/// --servers, --clients, --requests: the system searched.
void add_size_flags(CLI::App* cmd, SearchOptions& opt) {
  bound(opt, cmd->add_option("--servers", opt.given.servers, "Servers S1..SK (1-7; default 2, 3 on Stages 3 and 4)"),
        [](SearchBounds& b, const SearchBounds& v) { b.servers = v.servers; })
      ->check(CLI::Range(1, 7));
  bound(opt, cmd->add_option("--clients", opt.given.clients, "Clients C1..CC (1-9; default 2)"),
        [](SearchBounds& b, const SearchBounds& v) { b.clients = v.clients; })
      ->check(CLI::Range(1, 9));
  bound(opt, cmd->add_option("--requests", opt.given.requests, "Requests m1..mR in total, sent round-robin by the clients (default 2)"),
        [](SearchBounds& b, const SearchBounds& v) { b.requests = v.requests; })
      ->check(CLI::Range(1, 20));
}

/// The faults the search may inject: losses, crashes, suspicions, restarts,
/// partitions, and --safety-only.
void add_fault_flags(CLI::App* cmd, SearchOptions& opt) {
  bound(opt, cmd->add_option("--max-losses", opt.given.max_losses, "Server-to-server messages the search may lose (default 1)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_losses = v.max_losses; })
      ->check(CLI::Range(0, 50));
  bound(opt, cmd->add_option("--max-crashes", opt.given.max_crashes, "Servers the search may crash (default 1)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_crashes = v.max_crashes; })
      ->check(CLI::Range(0, 7));
  bound(opt, cmd->add_option("--max-suspicions", opt.given.max_suspicions,
                        "False suspicions the search may inject, Stages 2-4 (default 1)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_suspicions = v.max_suspicions; })
      ->check(CLI::Range(0, 50));
  bound(opt, cmd->add_option("--max-restarts", opt.given.max_restarts,
                        "Crashed servers the search may restart with their durable state (default 0: a crashed "
                        "server stays down; 1 with --without durable-promise or durable-accepted-value, with "
                        "--restart-at-once). Turns the partial-order reduction off unless --restart-at-once"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_restarts = v.max_restarts; })
      ->check(CLI::Range(0, 50));
  bound(opt, cmd->add_flag("--restart-at-once", opt.given.restart_at_once,
                      "A restart comes only together with its crash, as one move (a reboot: volatile state lost, "
                      "back at once with the durable state, messages in flight still arrive), offered where a "
                      "crash is; keeps the partial-order reduction on (the default with --without "
                      "durable-promise or durable-accepted-value)"),
        [](SearchBounds& b, const SearchBounds& v) { b.restart_at_once = v.restart_at_once; });
  bound(opt, cmd->add_option("--max-partitions", opt.given.max_partitions,
                        "Partitions the search may make, each a split of the servers into two groups that cannot "
                        "talk, healed at any later point (default 0). Turns the partial-order reduction off"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_partitions = v.max_partitions; })
      ->check(CLI::Range(0, 50));
  bound(opt, cmd->add_flag("--safety-only", opt.given.safety_only,
                      "Look for safety violations only: a run that ends stuck is not reported, the search goes on"),
        [](SearchBounds& b, const SearchBounds& v) { b.safety_only = v.safety_only; });
}

/// How the search goes: reorders, its depth and state limits, the
/// reductions, depth- or breadth-first, threads.
void add_strategy_flags(CLI::App* cmd, SearchOptions& opt) {
  bound(opt, cmd->add_option("--max-reorders", opt.given.max_reorders,
                        "Out-of-order picks allowed: events run in due-tick order (ties in any order) except this "
                        "many times; -1 = any pending event at any time, the fully asynchronous network (default 2; "
                        "0 on Stage 4)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_reorders = v.max_reorders; })
      ->check(CLI::Range(-1, 50));
  bound(opt, cmd->add_option("--max-depth", opt.given.max_depth, "Longest schedule explored, in choices (default 60, 400 on Stage 4)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_depth = v.max_depth; })
      ->check(CLI::Range(1, 100000));
  bound(opt, cmd->add_option("--max-states", opt.given.max_states,
                        "Stop after this many unique states (default 1000000, 20000000 on Stage 4)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_states = v.max_states; })
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4'000'000'000ULL}));
  bound(opt, cmd->add_option("--max-held", opt.given.max_held_states,
                        "Memory bound: stop when this many states are held at once, about 8 KB each "
                        "(default 200000, about 1.6 GB)"),
        [](SearchBounds& b, const SearchBounds& v) { b.max_held_states = v.max_held_states; })
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000ULL}));
  bound(opt, cmd->add_flag("!--no-reduction", opt.given.reduce_interleavings,
                      "Branch on every order of same-tick events at different servers and offer every fault "
                      "everywhere (with --max-reorders 0 the search otherwise lets only the lowest-numbered server "
                      "move first, loses a message only when it is due and makes a suspicion that changes nothing "
                      "else only where the observer moves next: partial-order reduction)"),
        [](SearchBounds& b, const SearchBounds& v) { b.reduce_interleavings = v.reduce_interleavings; });
  CLI::Option* dfs = bound(
      opt, cmd->add_flag("--depth-first", opt.given.depth_first,
                    "Search depth-first: hold only the current path, so memory is about 16-32 bytes per unique "
                    "state instead of two levels of simulations - for proving 'none' on spaces too big for "
                    "breadth-first (a break it finds need not be the shortest; complete only if --max-depth cut "
                    "nothing off). The default on Stage 4"),
      [](SearchBounds& b, const SearchBounds& v) { b.depth_first = v.depth_first; });
  bound(opt, cmd->add_flag("--breadth-first", opt.breadth_first,
                      "Search breadth-first: the first break found is a shortest one; holds two levels of "
                      "simulations (--max-held). The default on Stages 0-3"),
        [](SearchBounds& b, const SearchBounds&) { b.depth_first = false; })
      ->excludes(dfs);
  bound(opt, cmd->add_option("--jobs", opt.given.jobs,
                        "Threads to search on (1-256; default: the machine's core count). The verdict and the "
                        "counterexample are the same for every value (see docs/break-finder.md, \"Parallel search\")"),
        [](SearchBounds& b, const SearchBounds& v) { b.jobs = v.jobs; })
      ->check(CLI::Range(1, 256));
}

/// --out, --json, --quiet, --knob, --without.
void add_output_flags(CLI::App* cmd, SearchOptions& opt) {
  cmd->add_option("--out,--write", opt.out, "Where to write the counterexample (default break-stage<N>.toml)");
  cmd->add_flag("--json", opt.json,
                "Print one JSON object: result (violation|stuck|none), depth, states_explored, unique_states, "
                "peak_states, peak_memory_bytes, seconds, scenario (path or null), complete, canceled, replay_verified, ...");
  cmd->add_flag("--quiet", opt.quiet, "No progress lines on stderr");
  add_knob_option(*cmd, opt.knobs);
  add_without_option(*cmd, opt.without);
}

}  // namespace

void add_search_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "search",
      "The break-finder: explore every order of deliveries and timers and every fault within the bounds "
      "(repeated states skipped; breadth-first for the shortest run, depth-first on Stage 4 to close its bigger "
      "space) for a run that violates safety or ends stuck (--safety-only: violations only); write it as a scenario file that 'paxos-lab-cli run' "
      "replays exactly, or report that no break exists within the bounds. Client requests are sent at tick 0 "
      "(m_i by client C((i-1) mod clients + 1)).");
  auto opt = std::make_shared<SearchOptions>();
  cmd->add_option("--stage", opt->stage, "The stage to break (0-4, see 'paxos-lab-cli stages')")
      ->required()
      ->check(CLI::Range(0, 4));
  // Bound flags land in opt->given; the callback starts from the stage's
  // defaults (default_bounds, the same as the app's) and copies the given ones.
  add_size_flags(cmd, *opt);
  add_fault_flags(cmd, *opt);
  add_strategy_flags(cmd, *opt);
  add_output_flags(cmd, *opt);
  cmd->footer(
      "Exit 0 when the search completed (whatever it found); 130 when stopped by Ctrl+C (what was explored is "
      "still reported); 2 for a bad flag or an unwritable --out; 1 if the written file did not replay to the "
      "same verdict (a bug). See docs/break-finder.md.");
  cmd->callback([opt, &io] {
    opt->bounds = default_bounds(opt->stage, opt->without);
    for (const auto& [option, copy] : opt->overrides)
      if (option->count() > 0) copy(opt->bounds, opt->given);
    SimConfig knobbed = search_config(opt->stage, opt->bounds);
    if (!apply_variant_options(opt->knobs, opt->without, opt->stage, knobbed, io, "search")) return;
    opt->bounds.knobs = knobbed.knobs;
    search_command(*opt, io);
  });
}

}  // namespace paxoslab::cli
