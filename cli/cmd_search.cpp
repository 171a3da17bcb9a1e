// `paxos-lab-cli search --stage N ...`: the break-finder (core/search, issue 7).
// Searches every schedule within the bounds for the shortest run that breaks
// the stage, writes it as a scenario file, replays that file to verify it,
// and reports (text or one JSON object). Progress goes to stderr; Ctrl+C
// stops the search cleanly and still reports what was explored.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/scenario_loader.hpp"
#include "core/scenario_run.hpp"
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
  SearchBounds bounds;
  std::optional<std::string> out;
  bool json = false;
  bool quiet = false;
};

using Clock = std::chrono::steady_clock;

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

void search_command(const SearchOptions& opt, CliIo& io) {
  const auto stage = find_stage(opt.stage);
  if (!stage) {
    io.err << "paxos-lab-cli: --stage: there is no stage " << opt.stage << " (see 'paxos-lab-cli stages')\n";
    io.exit_code = kExitBadInput;
    return;
  }
  if (const std::string bad = validate(opt.bounds); !bad.empty()) {
    io.err << "paxos-lab-cli: search: " << bad << "\n";
    io.exit_code = kExitBadInput;
    return;
  }

  const Clock::time_point start = Clock::now();
  Clock::time_point last_print = start;
  SearchCallbacks callbacks;
  callbacks.progress = [&](const SearchProgress& p) {
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

  SearchResult r;
  {
    SigintGuard guard;
    r = find_break(*stage, opt.bounds, callbacks);
  }
  r.seconds = seconds_since(start);

  std::optional<std::string> written;
  std::vector<std::string> replay_problems;
  if (r.result != SearchResult::Outcome::None) {
    const std::string path = opt.out.value_or("break-stage" + std::to_string(opt.stage) + ".toml");
    std::string error;
    if (!write_file(path, counterexample_scenario(*stage, opt.bounds, r), error)) {
      io.err << "paxos-lab-cli: --out: " << error << "\n";
      io.exit_code = kExitBadInput;
      return;
    }
    written = path;
    replay_problems = verify_replay(path, *stage);
  }

  const double rate = r.seconds > 0 ? static_cast<double>(r.states_explored) / r.seconds : 0.0;
  if (opt.json) {
    nlohmann::json j;
    j["stage"] = opt.stage;
    j["result"] = to_string(r.result);
    j["depth"] = r.depth;
    j["states_explored"] = r.states_explored;
    j["unique_states"] = r.unique_states;
    j["peak_states"] = r.peak_states;
    j["seconds"] = r.seconds;
    j["states_per_second"] = rate;
    j["scenario"] = written ? nlohmann::json(*written) : nlohmann::json(nullptr);
    j["complete"] = r.complete;
    j["canceled"] = r.canceled;
    j["depth_bound_hit"] = r.depth_bound_hit;
    j["state_bound_hit"] = r.state_bound_hit;
    j["replay_verified"] = written ? nlohmann::json(replay_problems.empty()) : nlohmann::json(nullptr);
    j["explanation"] = r.explanation;
    j["bounds"] = {{"servers", opt.bounds.servers},         {"clients", opt.bounds.clients},
                   {"requests", opt.bounds.requests},       {"max_losses", opt.bounds.max_losses},
                   {"max_crashes", opt.bounds.max_crashes}, {"max_suspicions", opt.bounds.max_suspicions},
                   {"max_reorders", opt.bounds.max_reorders}, {"max_depth", opt.bounds.max_depth},
                   {"max_states", opt.bounds.max_states},
                   {"reduce_interleavings", reduces_interleavings(opt.bounds)}};
    io.out << j.dump(2) << "\n";
  } else {
    io.out << "Stage " << opt.stage << " (" << stage->name << "): " << to_string(r.result);
    if (r.result != SearchResult::Outcome::None) io.out << " after " << r.depth << " choices";
    io.out << "\n  " << r.explanation << "\n"
           << "  " << r.states_explored << " states explored, " << r.unique_states << " unique, peak "
           << r.peak_states << " held, " << r.seconds << " s (" << static_cast<std::uint64_t>(rate)
           << " states/s)\n";
    if (written) {
      io.out << "  counterexample: " << *written << " (replay: paxos-lab-cli run " << *written << ")\n";
      for (const auto& c : r.schedule) io.out << "    " << describe(c) << "\n";
    }
  }
  for (const auto& p : replay_problems) io.err << "paxos-lab-cli: search: replay check failed: " << p << "\n";
  if (!replay_problems.empty()) {
    io.exit_code = kExitInternal;
  } else {
    io.exit_code = r.canceled ? kExitInterrupted : kExitOk;
  }
}

}  // namespace

void add_search_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand(
      "search",
      "The break-finder: explore every order of deliveries and timers and every fault within the bounds "
      "(breadth-first, repeated states skipped) for the shortest run that violates safety or ends stuck; write it "
      "as a scenario file that 'paxos-lab-cli run' replays exactly, or report that no break exists within the "
      "bounds. Client requests are sent at tick 0 (m_i by client C((i-1) mod clients + 1)).");
  auto opt = std::make_shared<SearchOptions>();
  cmd->add_option("--stage", opt->stage, "The stage to break (0-4, see 'paxos-lab-cli stages')")
      ->required()
      ->check(CLI::Range(0, 4));
  cmd->add_option("--servers", opt->bounds.servers, "Servers S1..SK (1-7, default 2)")->check(CLI::Range(1, 7));
  cmd->add_option("--clients", opt->bounds.clients, "Clients C1..CC (1-9, default 2)")->check(CLI::Range(1, 9));
  cmd->add_option("--requests", opt->bounds.requests, "Requests m1..mR in total, sent round-robin by the clients (default 2)")
      ->check(CLI::Range(1, 20));
  cmd->add_option("--max-losses", opt->bounds.max_losses, "Server-to-server messages the search may lose (default 1)")
      ->check(CLI::Range(0, 50));
  cmd->add_option("--max-crashes", opt->bounds.max_crashes, "Servers the search may crash (default 1)")
      ->check(CLI::Range(0, 7));
  cmd->add_option("--max-suspicions", opt->bounds.max_suspicions,
                  "False suspicions the search may inject, Stages 2-4 (default 1)")
      ->check(CLI::Range(0, 50));
  cmd->add_option("--max-reorders", opt->bounds.max_reorders,
                  "Out-of-order picks allowed: events run in due-tick order (ties in any order) except this many "
                  "times; -1 = any pending event at any time, the fully asynchronous network (default 2)")
      ->check(CLI::Range(-1, 50));
  cmd->add_option("--max-depth", opt->bounds.max_depth, "Longest schedule explored, in choices (default 60)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-states", opt->bounds.max_states,
                  "Memory bound: stop after this many unique states (default 1000000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4'000'000'000ULL}));
  cmd->add_flag("!--no-reduction", opt->bounds.reduce_interleavings,
                "Branch on every order of same-tick events at different servers (with --max-reorders 0 the "
                "search otherwise lets only the lowest-numbered server move first: partial-order reduction)");
  cmd->add_option("--out", opt->out, "Where to write the counterexample (default break-stage<N>.toml)");
  cmd->add_flag("--json", opt->json,
                "Print one JSON object: result (violation|stuck|none), depth, states_explored, unique_states, "
                "peak_states, seconds, scenario (path or null), complete, canceled, replay_verified, ...");
  cmd->add_flag("--quiet", opt->quiet, "No progress lines on stderr");
  cmd->footer(
      "Exit 0 when the search completed (whatever it found); 130 when stopped by Ctrl+C (what was explored is "
      "still reported); 2 for a bad flag or an unwritable --out; 1 if the written file did not replay to the "
      "same verdict (a bug). See docs/break-finder.md.");
  cmd->callback([opt, &io] { search_command(*opt, io); });
}

}  // namespace paxoslab::cli
