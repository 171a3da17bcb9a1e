// Next, Back and Replay on the app's run: the lesson's
// scripted run played to a page's stop at a pace a learner can follow, each
// new effect on screen before the next; stretches where nothing new happens
// (core/lessons/step_novelty.hpp: identical retransmissions, heartbeats, timer
// bookkeeping) fold into the next visible step, and their summary ("3
// retransmissions, nothing new") is shown. Where a page stops is the lesson
// player's business (core/lessons/lesson_player.hpp, shared with `paxos-lab-cli
// lessons walk`); this class only walks the Session's timeline there:
//   - the part of the run already recorded is redone (Session::step) or, to
//     go back, jumped to (snapshots: no replay by hand);
//   - at the end of the timeline each step is new, and the player says when
//     to stop: right after the step in which the page's moment happened.
// No ImGui, no clock: the App passes the seconds that passed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/lessons/lesson_player.hpp"
#include "gui/model/session.hpp"

namespace paxoslab::gui {

class LessonPlayback {
 public:
  /// Plays `lesson`'s scripted run (the Session must run its scenario).
  explicit LessonPlayback(const Lesson& lesson);

  /// Next on `page` (or Replay with `replay`): puts the run where the page's
  /// stretch starts - the stop of player.replay_from(page), reached instantly
  /// (jump back, or play there without pause) when `replay`, when the run is
  /// already past the page's stop, or when it has not reached that start yet -
  /// then plays on from there at the pace advance() sets. A reading page does
  /// not move the run.
  void play(Session& s, int page, bool replay);
  /// Only the first half of play(): the run is put where `page`'s stretch
  /// starts and nothing plays (a page asking its question waits there).
  void prepare(Session& s, int page, bool replay);
  /// Back: shows `page` at its stop at once (a rewind; played instantly if
  /// the run never got there). Stops any play.
  void show(Session& s, int page);
  /// Plays the current page to its stop now, without pacing (captures, tests).
  void finish(Session& s);
  /// Stops playing (the run stays where it is).
  void cancel() { page_.reset(); }

  /// Advances playback by `seconds` of wall-clock time at `effects_per_second`
  /// visible steps a second (a nothing-new stretch counts as part of the step
  /// after it). Returns true when the page's stop has just been reached.
  bool advance(Session& s, double seconds, double effects_per_second);
  /// The page being played to, if any.
  std::optional<int> playing_page() const { return page_; }

  /// Where `page`'s stop is on the timeline, if the recorded run has got
  /// there (-1 = the start of the run).
  std::optional<std::size_t> stop_position(const Session& s, int page);
  /// Trace seqs [first, end) of `page`'s stretch - from the stop before it to
  /// its own - once both are known (what its prediction is judged on).
  std::optional<std::pair<std::uint64_t, std::uint64_t>> stretch(const Session& s, int page);
  /// The last folded stretch: "3 retransmissions, nothing new" (empty if the
  /// last visible step followed none).
  const std::string& quiet_note() const { return quiet_note_; }

  LessonPlayer& player() { return player_; }

 private:
  /// Keeps what was learnt about the run in step with the session's timeline.
  void sync(const Session& s);
  /// One visible step toward page_'s stop: redo or take steps until one
  /// brings something new. Returns true when the stop is reached.
  bool visible_step(Session& s);
  /// Plays to `page`'s stop without pacing. Returns false if the run ended first.
  bool play_instantly(Session& s, int page);
  /// One step toward `page`; true when its stop is reached (before or after
  /// the step). `novelty`, if given, says what the step brought (nothing_new =
  /// false if none was taken); judging it reads the trace so far
  /// (classify_step), so instant play passes nullptr - a run of 100,000 steps
  /// to a page's stop would otherwise take quadratic time.
  bool step_toward(Session& s, int page, StepNovelty* novelty);

  LessonPlayer player_;
  std::optional<int> page_;
  double budget_ = 0;
  std::string quiet_note_;
  std::vector<std::optional<std::size_t>> closing_stop_;  ///< [page]: where a closing page's run ended.
  std::uint64_t generation_ = UINT64_MAX;
};

}  // namespace paxoslab::gui
