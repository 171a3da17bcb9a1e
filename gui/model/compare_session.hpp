// CompareSession: compare mode's model. One scenario run against two
// stages in lockstep by simulated time (core/compare/compare.hpp's Comparison), with
// faults applied to both sides through Comparison::apply, rewinding, and
// playback.
//
// Each side is also mirrored into a Session (gui/model/session.hpp) so the
// single-run panels (cluster view, sequence chart, invariant bar) draw it
// unchanged: after every lockstep step a side's Session is stepped until it
// has carried out as many events as the Comparison's side, and an applied
// fault is replayed on it as the Comparison mapped it (CompareApply::applied).
// The simulator is deterministic, so mirror and Comparison stay equal (same
// trace hash; tests check it).
//
// Rewinding: the Comparison is snapshotted every kSnapshotInterval lockstep
// operations (Simulations are copyable values); a step back restores the
// nearest snapshot and replays the operations since. The mirrors jump back on
// their own timelines; if the user then does something other than what was
// undone, the mirrors are rebuilt by replaying the operations from the start
// (fast for lesson-size runs).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/compare/compare.hpp"
#include "core/sim/stage_info.hpp"
#include "gui/model/session.hpp"

namespace paxoslab::gui {

/// One lockstep operation on the compare timeline.
struct CompareOp {
  bool is_step = true;                                  ///< A lockstep step, else an action.
  Action action;                                        ///< The action (when !is_step).
  int source = 0;                                       ///< Side whose message ids `action` uses.
  std::array<std::optional<Action>, 2> applied;         ///< As mapped per side (filled when done).
  std::array<std::uint64_t, 2> steps_after{};           ///< Each side's Simulation::steps() after it.
  /// Same request (step vs step, or the same action from the same side).
  bool same_request(const CompareOp& o) const {
    return is_step == o.is_step && (is_step || (action == o.action && source == o.source));
  }
};

class CompareSession {
 public:
  /// Lockstep operations between two snapshots of the Comparison.
  static constexpr std::size_t kSnapshotInterval = 32;

  /// Runs `source` (its script; a [[choose]] schedule is ignored, compare mode
  /// always runs by time) on `left` and `right`.
  /// Precondition: validate(source.config) is empty; both stages have make_server.
  CompareSession(SessionSource source, StageInfo left, StageInfo right);

  // ---- what the compare view reads ----
  const Comparison& comparison() const { return cmp_; }
  /// Side i's mirror (0 = left, 1 = right); its sim() equals comparison().side(i).
  const Session& side(int i) const { return *sessions_[static_cast<std::size_t>(i & 1)]; }
  const SessionSource& source() const { return source_; }
  /// Lockstep operations done (steps and actions): the compare timeline position.
  std::size_t position() const { return ops_.size(); }
  /// Lockstep steps done (Comparison::steps()).
  std::uint64_t lockstep_steps() const { return cmp_.steps(); }
  /// The per-side errors and mapping notes of the last action (empty before any).
  const CompareApply& last_apply() const { return last_apply_; }
  /// describe() of the last action applied ("crash S1"), or empty.
  const std::string& last_action() const { return last_action_; }
  /// Changes whenever side i's mirror timeline is rewritten or rebuilt (a
  /// ChartModel keyed on it starts over).
  std::uint64_t generation(int i) const { return (epoch_ << 32) + side(i).generation(); }
  /// True when neither side has anything pending.
  bool finished() const;
  /// Tick of the next lockstep step, if any.
  std::optional<Tick> next_tick() const;

  // ---- moving ----
  /// One lockstep step (Comparison::step). False when both sides are done.
  bool step();
  /// Up to `max_steps` lockstep steps; then the liveness verdicts are checked.
  std::uint64_t run(std::uint64_t max_steps);
  /// Applies `action` to both sides (message ids are side `source`'s).
  const CompareApply& apply(const Action& action, int source = 0);
  /// Undoes the last operation. False at the start.
  bool step_back();
  /// Back to the start; forgets the operations.
  void reset();

  // ---- playback (by simulated time, like Session) ----
  bool playing() const { return playing_; }
  void set_playing(bool on);
  double speed() const { return speed_ticks_per_second_; }
  void set_speed(double ticks_per_second) { speed_ticks_per_second_ = ticks_per_second > 0 ? ticks_per_second : 1; }
  /// Advances playback by `seconds` of wall-clock time (at most `max_steps`
  /// lockstep steps). Returns the steps taken; stops playing at the end.
  int advance(double seconds, int max_steps = 200);

 private:
  void start();
  /// Both mirrors drawn at display_time_ (Session::show_time).
  void sync_time();
  /// Carries out `op` on cmp_ (filling op.applied / steps_after).
  void carry(Comparison& c, CompareOp& op);
  /// Brings both mirrors up to `op` (already carried out on cmp_).
  void mirror(const CompareOp& op);
  void rebuild_mirrors();
  void record(CompareOp op);

  SessionSource source_;
  std::array<StageInfo, 2> stages_;
  std::array<std::optional<Session>, 2> sessions_;
  Comparison cmp_;
  std::vector<CompareOp> ops_;
  std::vector<std::array<std::size_t, 2>> cursors_;  ///< Mirrors' cursors before ops_[i].
  std::vector<CompareOp> undone_;                    ///< Stepped-back ops, last undone at back().
  std::vector<Comparison> snapshots_;                ///< [k] = after k * kSnapshotInterval ops.
  CompareApply last_apply_;
  std::string last_action_;
  std::uint64_t epoch_ = 0;                          ///< Mirror rebuilds so far.
  bool playing_ = false;
  double speed_ticks_per_second_ = 40.0;
  double display_time_ = 0.0;
};

}  // namespace paxoslab::gui
