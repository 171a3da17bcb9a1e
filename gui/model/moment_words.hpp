// A page's moment in words a learner reads: what the Next button
// says it will do - "Play to: S2 suspects S1", "Play to: C1 gets S1's reply
// to m1". Phrasing only; where the moment is in the run is the lesson
// player's business (core/lessons/lesson_player.hpp).
#pragma once

#include <string>

#include "core/sim/script.hpp"

namespace paxoslab::gui {

/// `pattern` as a short sentence in the present tense: "S2 suspects S1",
/// "S2 executes m2", "S2 receives Accept m1 from S1", "an Accept to S2 is
/// lost", "S1 crashes"; the n-th occurrence adds " (2nd time)". Kinds
/// without a phrase fall back to EventPattern::describe().
std::string moment_words(const EventPattern& pattern);
/// A trigger: the event's words, or "t = 40" for a tick.
std::string moment_words(const Trigger& trigger);

}  // namespace paxoslab::gui
