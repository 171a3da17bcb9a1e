// BreakFinder: the app's "Find a way to break this stage". Runs the
// break-finder (core/search, find_break) on one background thread so that the
// window keeps drawing, and hands the finished search to the App as a
// BreakFinding: the SearchResult (timed here: the core has no clock) and, for
// a violation or a stuck run, the counterexample as a scenario - the same
// TOML the CLI's `search --out` writes (core/search/scenario_writer.hpp),
// parsed back with the scenario loader, so the app opens exactly what
// "Save counterexample as..." writes.
//
// Threads. The worker owns copies of the stage and the bounds and touches
// nothing of the App. Progress goes through a mutex-protected snapshot; cancel
// is an atomic flag the search's progress callback reads (returning false
// stops find_break at its next progress call, within kProgressEvery states).
// The thread is always joined - by cancel(), wait(), take() or the destructor
// - never detached, so destroying a BreakFinder (or the App) mid-search is
// clean. No ImGui here.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/scenario/scenario.hpp"
#include "core/search/search.hpp"

namespace paxoslab::gui {

/// The bounds the app proposes for `stage`: the CLI's, paxoslab::default_bounds
/// (three servers on Stages 3 and 4; due-tick order on Stage 4).
SearchBounds default_break_bounds(int stage);

/// "1 234 567": a count with no-break spaces (U+00A0) between thousands (the
/// window's numbers; ImGui would wrap a line at a comma).
std::string format_count(std::uint64_t n);

/// What a running (or the last) search has done so far.
struct BreakProgress {
  SearchProgress search;          ///< The core's last progress report.
  double seconds = 0;             ///< Wall time since start (steady clock), up to now or to the end.
  double states_per_second = 0;   ///< search.states_explored / seconds (0 before the first report).
};

/// A finished search, as the App receives it.
struct BreakFinding {
  int stage = 0;                  ///< The stage searched.
  std::string stage_name;         ///< Its name ("Replicated servers", ...).
  SearchBounds bounds;            ///< The bounds searched.
  /// The core's result with `seconds` filled in (wall time of find_break).
  SearchResult result;
  /// Violation/Stuck: the counterexample as a scenario file (TOML); empty otherwise.
  std::string scenario_text;
  /// Violation/Stuck: scenario_text parsed by the loader (its [[choose]]
  /// schedule replays the run in the Session); nullopt otherwise or on error.
  std::optional<Scenario> scenario;
  /// Violation: the timeline step (1-based; one per schedule choice) after
  /// which the checker first reports the violation. Stuck: the schedule's
  /// length (the run is quiescent there). 0 when there is no counterexample.
  std::size_t break_step = 0;
  /// Set when something went wrong (the search threw, the written scenario
  /// did not load or did not replay to the same verdict): one sentence.
  std::string error;

  /// True when a counterexample is ready to open (Violation/Stuck, loaded, no error).
  bool has_counterexample() const { return scenario.has_value() && error.empty(); }
};

/// The banner's first line: "Here is how Stage 2 breaks in 4 steps:" for a
/// violation or stuck run (D = result.depth, the search's choices), "No way
/// to break Stage 4 within these bounds (exhaustive)" for none, "Search
/// canceled: ..." or "The search failed" otherwise.
std::string headline(const BreakFinding& f);

/// What was searched, in one line: "3 servers, 1 client, 1 request; up to
/// 1 loss, 1 crash, 1 false suspicion; due-tick order" (faults - losses,
/// crashes, false suspicions, restarts, partitions - at 0 are left out; "no faults" when all are 0; reorders as "due-tick order", "up to N
/// reorders" or "any order").
std::string bounds_summary(const SearchBounds& b);

/// The sentence under the headline: the checker's (or liveness's)
/// explanation for a counterexample; for none, what was searched
/// (bounds_summary), why it is (or is not) exhaustive and how many states
/// were explored; the error if any.
std::string details(const BreakFinding& f);

/// Writes f.scenario_text to `path`. Returns an empty string on success, else
/// a sentence ("cannot open '/x/y.toml' for writing", "nothing to save: ...").
std::string save_counterexample(const BreakFinding& f, const std::string& path);

class BreakFinder {
 public:
  /// The app's progress granularity: the callback runs every this many
  /// states, so a cancel lands within that many (a few milliseconds).
  static constexpr std::uint64_t kProgressEvery = 256;

  BreakFinder() = default;
  /// Cancels a running search and joins its thread.
  ~BreakFinder();
  BreakFinder(const BreakFinder&) = delete;
  BreakFinder& operator=(const BreakFinder&) = delete;
  BreakFinder(BreakFinder&&) = delete;
  BreakFinder& operator=(BreakFinder&&) = delete;

  /// Starts searching stage `stage` within `bounds` (progress_every is set to
  /// kProgressEvery) on a background thread. Returns an empty string, or why
  /// nothing started: a search is still running, validate(bounds) failed,
  /// there is no such stage. A previous finished result that was not taken
  /// is discarded.
  std::string start(int stage, SearchBounds bounds);

  /// Asks the running search to stop and waits for its thread; its result
  /// (canceled = true, what was explored) is then ready for take(). No-op
  /// when nothing runs.
  void cancel();
  /// Waits until the running search has finished (tests, screenshots).
  void wait();

  /// True from start() until the worker has finished.
  bool running() const { return thread_.joinable() && !done_.load(); }
  /// True when a finished result waits for take().
  bool done() const { return done_.load(); }
  /// The stage of the running or last search (-1 before the first).
  int stage() const { return stage_; }
  /// The bounds of the running or last search.
  const SearchBounds& bounds() const { return bounds_; }
  /// A copy of the progress so far (seconds up to now while running).
  BreakProgress progress() const;

  /// The finished search (joins the thread), once; nullopt while running or
  /// when there is nothing new.
  std::optional<BreakFinding> take();

 private:
  using Clock = std::chrono::steady_clock;
  /// The worker: runs find_break, builds the finding, publishes it.
  void run(StageInfo stage, SearchBounds bounds);
  void join();

  std::thread thread_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  int stage_ = -1;
  SearchBounds bounds_;
  Clock::time_point start_time_{};  // written before the thread starts, read-only after
  mutable std::mutex mutex_;        // guards progress_, end_seconds_, finding_
  BreakProgress progress_;
  std::optional<double> end_seconds_;
  std::optional<BreakFinding> finding_;
};

}  // namespace paxoslab::gui
