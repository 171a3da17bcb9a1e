// When the app draws: every frame while something moves, none while nothing
// does. A paused run on a lesson page changes only when the user does
// something, so the window then waits for input (glfwWaitEventsTimeout)
// instead of redrawing 60 times a second - idle CPU drops from most of a
// core to almost nothing (docs/gui.md, "Idle"; measured with --bench-idle).
//
// Rule: draw while the app animates (a run, a lesson page or compare mode
// plays, the break-finder searches) and for kSettleSeconds after the last
// input or animation - long enough for ImGui to settle (hover, a click's
// next frame) and for the 1.5 s change glows to fade out. After that, wait.
// The clock is passed in (seconds, any origin), so the rule is testable.
#pragma once

namespace paxoslab::gui {

class FramePacer {
 public:
  /// Seconds of frames after the last input or animation (> every glow's fade).
  static constexpr double kSettleSeconds = 1.75;
  /// Longest wait for input before the loop looks again (the window may be
  /// asked to close, a bench may end): no frame is drawn on such a wake.
  static constexpr double kWaitSliceSeconds = 0.5;

  /// Something happened at `now`: input (a key, the mouse, a resize...).
  void note_input(double now) { last_activity_ = now; ++inputs_; }
  /// The frame drawn at `now` animated (App::animating()).
  void note_animating(double now) { last_activity_ = now; }
  /// True when the next frame must be drawn at once; false when the loop
  /// should wait for input first.
  bool should_draw(double now) const { return now - last_activity_ < kSettleSeconds; }
  /// Inputs noted so far (tells a wake by input from a timeout).
  unsigned long inputs() const { return inputs_; }

 private:
  double last_activity_ = 0.0;
  unsigned long inputs_ = 0;
};

}  // namespace paxoslab::gui
