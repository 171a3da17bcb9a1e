// Session: one run as the app sees it - the simulation, where it came from
// (a scenario or a plain set-up), a recorded timeline of every step and
// action, snapshots for rewinding, and playback (auto/manual, speed).
//
// The timeline. Every change to the run is one *entry*: an auto step (the
// next event by (tick, seq)), a manual pick (this pending event next), an
// action (a fault or client request) or a [[choose]] of the scenario's
// schedule. The cursor is a position 0..length() on the timeline. Because the
// simulation is deterministic (docs/architecture.md), the state at any cursor is
// "snapshot before it + replay of the entries since". Snapshots are taken
// every kSnapshotInterval entries, so any rewind replays fewer than that many
// entries: stepping back costs one snapshot copy plus < 256 steps, far below
// one frame even in a 100,000-event run.
//
// Two simulations: `record` is the run at the end of the timeline and keeps
// the full trace history (the event log and chart read it, limited to what
// the cursor has reached); `view`, set only when the cursor is behind the end,
// is a history-less copy at the cursor. Stepping forward behind the end
// replays the recorded entry (redo); applying anything new there cuts the
// timeline at the cursor and continues from it (like an editor's undo
// history).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scenario/scenario.hpp"
#include "core/sim/server.hpp"
#include "core/sim/simulation.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab::gui {

/// Where a session starts from.
struct SessionSource {
  /// The scenario whose script (and schedule) drives the run; nullopt = a
  /// plain set-up with no script.
  std::optional<Scenario> scenario;
  /// The set-up actually used (for a scenario: its config, possibly with the
  /// stage, seed or knobs changed by the user). Must satisfy validate().
  SimConfig config;
};

/// One recorded change on the timeline.
struct TimelineEntry {
  enum class Type : std::uint8_t { Step, Pick, Act, Choice };
  Type type = Type::Step;
  PendingEvent pick;        ///< Pick: the event carried out.
  Action action;            ///< Act: the action applied.
  std::size_t choice = 0;   ///< Choice: index into the scenario's schedule.
};

/// What the panels read every frame, computed once per frame (and only when
/// the state changed): ServerView and liveness are not free for big runs.
struct SessionFrame {
  std::vector<ServerView> views;   ///< [s - 1] at the cursor.
  std::optional<Tick> next_tick;   ///< As Session::next_tick().
  /// The liveness verdict when nothing is pending and nothing more is
  /// recorded or scheduled (next_tick empty); otherwise a cheap "still
  /// running" report (quiescent = stuck = false).
  LivenessReport liveness;
};

class Session {
 public:
  /// Entries between two snapshots.
  static constexpr std::size_t kSnapshotInterval = 256;

  /// Starts `source` on `stage` (stage.number replaces config.stage).
  /// Precondition: validate(source.config) is empty and stage.make_server is set.
  Session(SessionSource source, StageInfo stage);

  // ---- what panels read ----
  /// The simulation at the cursor.
  const Simulation& sim() const { return view_ ? *view_ : record_; }
  /// The run at the end of the timeline; its trace holds every event of the
  /// timeline (events past the cursor's trace size are the "future").
  const Simulation& record() const { return record_; }
  const SessionSource& source() const { return source_; }
  const StageInfo& stage() const { return stage_; }
  std::size_t cursor() const { return cursor_; }
  std::size_t length() const { return log_.size(); }
  const std::vector<TimelineEntry>& timeline() const { return log_; }
  /// Trace size after timeline entry i (i < length()).
  std::uint64_t trace_size_after(std::size_t i) const { return trace_end_[i]; }
  /// Trace size in the state at timeline position `position` (0..length()):
  /// the events recorded before any entry for 0, else trace_size_after(position - 1).
  std::uint64_t trace_size_at(std::size_t position) const {
    return position == 0 || log_.empty() ? trace_start_ : trace_end_[std::min(position, log_.size()) - 1];
  }
  /// The timeline position whose state first contains trace event `seq`.
  std::size_t position_of_event(std::uint64_t seq) const;
  /// Changes whenever the recorded timeline is rewritten (reset, cut).
  /// Caches built from record().trace() rebuild when it changes.
  std::uint64_t generation() const { return generation_; }
  /// Makes generation() larger than `previous`, the generation of the session
  /// this one replaces, so that caches keyed on it (event log, chart, forms)
  /// rebuild instead of mistaking the new run for the old one.
  void follow_generation(std::uint64_t previous) { generation_ = std::max(generation_, previous + 1); }
  /// The sentence of the last failed action or pick (empty if it worked).
  const std::string& last_error() const { return last_error_; }
  /// Non-empty when the scenario's schedule stopped: its next [[choose]]
  /// matched nothing pending (the reason, naming the file's line). The run
  /// goes no further than that; cleared when the timeline is cut or reset.
  const std::string& schedule_error() const { return schedule_error_; }
  /// The tick the run reaches if left to itself (a probe run of at most a few
  /// thousand steps made at the start): the chart's initial zoom.
  Tick expected_end_tick() const { return expected_end_tick_; }
  /// Server views before the step that led to the cursor (empty at 0 or
  /// when not computed: see refresh_previous_views).
  const std::vector<ServerView>& previous_views() const { return previous_views_; }

  /// The per-frame cache (valid after refresh_frame()).
  const SessionFrame& frame() const { return frame_; }
  /// Recomputes frame() if the state at the cursor changed since the last call.
  void refresh_frame();
  /// True if frame() describes the state at the cursor right now.
  bool frame_fresh() const;

  // ---- moving along the timeline ----
  /// One step forward: redo the next recorded entry, else the next schedule
  /// choice, else the next event. False if nothing can happen.
  bool step();
  /// Carry out pending event `e` now (manual mode). False if not pending.
  bool pick(const PendingEvent& e);
  /// Apply an action now (recorded). Returns apply's sentence on failure.
  std::string apply(const Action& a);
  bool step_back();
  /// Moves the cursor to `position` (clamped to length()).
  void jump_to(std::size_t position);
  /// Back to the start of the same set-up; forgets the timeline.
  void reset();
  /// Computes previous_views() for the current cursor if stale (a snapshot
  /// restore and a short replay).
  void refresh_previous_views();

  // ---- playback ----
  bool playing() const { return playing_; }
  void set_playing(bool on);
  bool manual() const { return manual_; }
  void set_manual(bool on);
  /// Simulated ticks per wall-clock second.
  double speed() const { return speed_ticks_per_second_; }
  void set_speed(double ticks_per_second);
  /// The simulated time the views draw at: sim().now() when paused, a
  /// fractional time between now and the next event while playing.
  double display_time() const { return display_time_; }
  /// Compare mode: draws this run at simulated time `t` (the lockstep time
  /// of both runs), clamped to [sim().now(), next_tick()]: a side with
  /// nothing due since its last event shows the same time as the other, not
  /// the tick of its own last event.
  void show_time(double t);
  /// Tick of the next thing step() would do, if anything.
  std::optional<Tick> next_tick() const;
  /// Advances playback by `seconds` of wall-clock time: moves the display
  /// time and steps every event it passes (at most `max_steps`).
  /// Returns the number of steps taken.
  int advance(double seconds, int max_steps = 200);
  /// Why playback stopped by itself ("the run is finished", ...), or empty.
  const std::string& play_status() const { return play_status_; }

 private:
  enum class ScenarioLimit : std::uint8_t { None, Steps, Ticks };
  /// Whether `s`, with its next thing due at `next`, stands at the scenario's
  /// limit: max_steps steps done (checked first), or `next` past max_ticks.
  /// None without a scenario. Playing stops there (advance) and the verdict
  /// bar says so (the frame's liveness).
  ScenarioLimit scenario_limit(const Simulation& s, std::optional<Tick> next) const;
  static Simulation build(const SessionSource& source, const StageInfo& stage);
  /// Carries out `e` on `sim`; `choices_done` counts schedule choices.
  std::string carry(Simulation& sim, const TimelineEntry& e) const;
  /// Records `e` at the end of the timeline (the cursor must be there).
  std::string record_entry(const TimelineEntry& e);
  /// Makes the cursor the end of the timeline (cuts the future off).
  void cut_at_cursor();
  /// A simulation at `position`, built from the nearest snapshot.
  Simulation state_at(std::size_t position) const;
  bool step_quiet();
  void probe_end();

  SessionSource source_;
  StageInfo stage_;
  Simulation record_;
  std::optional<Simulation> view_;
  std::vector<TimelineEntry> log_;
  std::vector<std::uint64_t> trace_end_;
  std::uint64_t trace_start_ = 0;      // trace size before any entry
  std::vector<Simulation> snapshots_;  // [k] = state after k * kSnapshotInterval entries
  std::size_t cursor_ = 0;
  std::size_t head_choices_ = 0;       // Choice entries in log_
  std::uint64_t generation_ = 0;
  Tick expected_end_tick_ = 0;
  std::string last_error_;
  std::string schedule_error_;
  std::vector<ServerView> previous_views_;
  std::size_t previous_views_cursor_ = static_cast<std::size_t>(-1);
  std::uint64_t previous_views_generation_ = 0;

  SessionFrame frame_;
  struct FrameKey {
    std::size_t cursor = static_cast<std::size_t>(-1);
    std::size_t length = 0;
    std::uint64_t generation = 0;
    std::uint64_t trace_size = 0;
    bool operator==(const FrameKey&) const = default;
  } frame_key_;

  bool playing_ = false;
  bool manual_ = false;
  double speed_ticks_per_second_ = 20.0;
  double display_time_ = 0.0;
  std::string play_status_;
};

}  // namespace paxoslab::gui
