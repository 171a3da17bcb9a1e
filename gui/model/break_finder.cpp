#include "gui/model/break_finder.hpp"

#include <exception>
#include <filesystem>
#include <new>
#include <utility>

#include "core/scenario/atomic_file.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/sim/schedule.hpp"
#include "core/search/scenario_writer.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

namespace {

std::string plural(std::uint64_t n, const char* word) {
  return format_count(n) + " " + word + (n == 1 ? "" : "s");
}

/// Replays f.scenario's schedule on a fresh simulation: sets f.break_step and
/// reports (in f.error) a replay that does not reach the search's verdict.
void find_break_step(BreakFinding& f, const StageInfo& stage) {
  Simulation sim = start_scenario(*f.scenario, stage);
  const auto& schedule = f.scenario->schedule;
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    if (const std::string err = carry_out(sim, schedule[i]); !err.empty()) {
      f.error = "the counterexample did not replay: step " + std::to_string(i + 1) + ": " + err;
      return;
    }
    if (f.break_step == 0 && !sim.checker().safe()) f.break_step = i + 1;
  }
  if (verdict_of(sim) != f.result.result) {
    f.error = std::string("the counterexample replays to '") + to_string(verdict_of(sim)) + "', not '" +
              to_string(f.result.result) + "'";
    return;
  }
  if (f.result.result == SearchResult::Outcome::Stuck) f.break_step = schedule.size();
}

}  // namespace

std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  // A no-break space (U+00A0) between groups: ImGui wraps text at commas, and
  // a number split over two lines reads as two numbers.
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), "\u00A0");
  return digits;
}

SearchBounds default_break_bounds(int stage) { return default_bounds(stage); }

std::string headline(const BreakFinding& f) {
  const std::string stage = "Stage " + std::to_string(f.stage);
  if (!f.error.empty()) return "The search on " + stage + " went wrong";
  switch (f.result.result) {
    case SearchResult::Outcome::Violation:
    case SearchResult::Outcome::Stuck:
      return "Here is how " + stage + " breaks in " + plural(static_cast<std::uint64_t>(f.result.depth), "step") + ":";
    case SearchResult::Outcome::None: break;
  }
  if (f.result.canceled) return "Search canceled: no break of " + stage + " found so far";
  if (f.result.complete) return "No way to break " + stage + " within these bounds (exhaustive)";
  if (f.result.state_bound_hit) return "No way to break " + stage + " found before the state bound";
  return "No way to break " + stage + " within these bounds (depth-bounded)";
}

std::string bounds_summary(const SearchBounds& b) {
  std::string faults;
  const auto add = [&](int n, const char* one, const char* many) {
    if (n <= 0) return;
    faults += (faults.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  add(b.max_losses, "loss", "losses");
  add(b.max_crashes, "crash", "crashes");
  add(b.max_suspicions, "false suspicion", "false suspicions");
  if (b.restart_at_once)
    add(b.max_restarts, "reboot (crash and restart at once)", "reboots (crash and restart at once)");
  else
    add(b.max_restarts, "restart", "restarts");
  add(b.max_partitions, "partition", "partitions");
  std::string order = b.max_reorders < 0    ? "any order"
                      : b.max_reorders == 0 ? "due-tick order"
                                            : "up to " + plural(static_cast<std::uint64_t>(b.max_reorders), "reorder");
  return plural(static_cast<std::uint64_t>(b.servers), "server") + ", " +
         plural(static_cast<std::uint64_t>(b.clients), "client") + ", " +
         plural(static_cast<std::uint64_t>(b.requests), "request") + "; " +
         (faults.empty() ? std::string("no faults") : "up to " + faults) + "; " + order +
         (b.depth_first ? ", depth-first" : "");
}

std::string details(const BreakFinding& f) {
  if (!f.error.empty()) return "The search failed: " + f.error + ".";
  const SearchResult& r = f.result;
  const std::string explored = plural(r.states_explored, "state") + " explored (" + format_count(r.unique_states) +
                               " unique)";
  switch (r.result) {
    case SearchResult::Outcome::Violation:
    case SearchResult::Outcome::Stuck:
      return r.explanation;
    case SearchResult::Outcome::None: break;
  }
  const std::string searched = "Searched " + bounds_summary(f.bounds) + ". ";
  if (r.canceled) return searched + "Stopped at depth " + std::to_string(r.depth) + " after " + explored + ".";
  if (r.complete) return searched + "Every reachable state was explored: " + explored + ", up to depth " + std::to_string(r.depth) + ".";
  if (r.state_bound_hit)
    return searched + r.explanation + " " + explored + "; larger bounds or a smaller cluster may still find one.";
  if (f.bounds.depth_first) return searched + r.explanation + " " + explored + ".";
  return searched + "No break within " + std::to_string(f.bounds.max_depth) + " choices; deeper schedules were not explored. " +
         explored + ".";
}

std::string save_counterexample(const BreakFinding& f, const std::string& path) {
  if (f.scenario_text.empty()) return "nothing to save: the search found no counterexample";
  if (path.empty()) return "type a file name to save to";
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) return "the folder " + folder.string() + " does not exist";
  const std::string err = write_file_atomically(path, f.scenario_text);  // temporary file, fsync, rename
  if (!err.empty()) return "cannot write '" + path + "': " + err;
  return {};
}

BreakFinder::~BreakFinder() { cancel(); }

std::string BreakFinder::start(int stage, SearchBounds bounds) {
  if (running()) return "a search is still running";
  join();  // a finished run whose result was not taken: discarded
  bounds.progress_every = kProgressEvery;
  if (std::string bad = validate(bounds); !bad.empty()) return bad;
  std::optional<StageInfo> info = find_stage(stage);
  if (!info || info->make_server == nullptr) return "there is no stage " + std::to_string(stage);
  stage_ = stage;
  bounds_ = bounds;
  cancel_.store(false);
  done_.store(false);
  {
    const std::lock_guard lock(mutex_);
    progress_ = BreakProgress{};
    end_seconds_.reset();
    finding_.reset();
  }
  start_time_ = Clock::now();
  try {
    thread_ = std::thread(&BreakFinder::run, this, std::move(*info), bounds);
  } catch (const std::exception& e) {
    return std::string("cannot start the search thread: ") + e.what();
  }
  return {};
}

void BreakFinder::run(StageInfo stage, SearchBounds bounds) {
  BreakFinding f;
  f.stage = stage.number;
  f.stage_name = stage.name;
  f.bounds = bounds;
  const auto elapsed = [this] { return std::chrono::duration<double>(Clock::now() - start_time_).count(); };
  try {
    SearchCallbacks callbacks;
    callbacks.progress = [&](const SearchProgress& p) {
      const double s = elapsed();
      const std::lock_guard lock(mutex_);
      progress_.search = p;
      progress_.seconds = s;
      progress_.states_per_second = s > 0 ? static_cast<double>(p.states_explored) / s : 0.0;
      return !cancel_.load();
    };
    f.result = find_break(stage, bounds, callbacks);
    f.result.seconds = elapsed();
    if (f.result.result != SearchResult::Outcome::None) {
      f.scenario_text = counterexample_scenario(stage, bounds, f.result);
      const ScenarioLoad load =
          load_scenario_string(f.scenario_text, "break-stage" + std::to_string(stage.number) + ".toml");
      if (load.ok()) {
        f.scenario = *load.scenario;
        find_break_step(f, stage);
      } else {
        f.error = "the counterexample does not load: " + (load.error ? load.error->to_string() : std::string("?"));
      }
    }
  } catch (const std::bad_alloc&) {
    f.error = "out of memory (lower max states or the cluster size)";
  } catch (const std::exception& e) {
    f.error = e.what();
  }
  {
    const std::lock_guard lock(mutex_);
    progress_.search.states_explored = f.result.states_explored;
    progress_.search.unique_states = f.result.unique_states;
    progress_.search.depth = f.result.depth;
    progress_.seconds = f.result.seconds;
    progress_.states_per_second =
        f.result.seconds > 0 ? static_cast<double>(f.result.states_explored) / f.result.seconds : 0.0;
    end_seconds_ = f.result.seconds;
    finding_ = std::move(f);
  }
  done_.store(true);
}

void BreakFinder::join() {
  if (thread_.joinable()) thread_.join();
}

void BreakFinder::cancel() {
  cancel_.store(true);
  join();
}

void BreakFinder::wait() { join(); }

BreakProgress BreakFinder::progress() const {
  const std::lock_guard lock(mutex_);
  BreakProgress p = progress_;
  if (!end_seconds_ && thread_.joinable()) {
    p.seconds = std::chrono::duration<double>(Clock::now() - start_time_).count();
    p.states_per_second = p.seconds > 0 ? static_cast<double>(p.search.states_explored) / p.seconds : 0.0;
  }
  return p;
}

std::optional<BreakFinding> BreakFinder::take() {
  if (!done_.load()) return std::nullopt;
  join();
  done_.store(false);
  const std::lock_guard lock(mutex_);
  std::optional<BreakFinding> out = std::move(finding_);
  finding_.reset();
  return out;
}

}  // namespace paxoslab::gui
