// Playback speed in words a learner reads: "0.5x", "1x", "2x", ...
// The Session keeps speed in simulated ticks per wall-clock second; 1x is the
// default pace, 20 ticks per second, and a lesson playing to its page's moment
// takes about kEffectsPerSecondAt1x effects per second at 1x (each new effect
// is seen), times the same factor.
#pragma once

#include <span>
#include <string>

namespace paxoslab::gui {

/// Simulated ticks per second at "1x".
inline constexpr double kTicksPerSecondAt1x = 20.0;
/// Effects per second while a lesson plays to its moment, at "1x".
inline constexpr double kEffectsPerSecondAt1x = 3.0;

/// The speeds offered, as multiples of 1x, slowest first (0.25x .. 64x).
std::span<const double> speed_levels();
/// `ticks_per_second` in words: "1x", "0.5x", "2x"; a speed between two levels
/// is rounded to two significant digits ("1.9x").
std::string speed_words(double ticks_per_second);
/// The next level above / below `ticks_per_second` (clamped to the range), in ticks per second.
double faster_speed(double ticks_per_second);
double slower_speed(double ticks_per_second);

}  // namespace paxoslab::gui
