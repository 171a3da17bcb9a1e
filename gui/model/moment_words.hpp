// A page's moment in words a learner reads: what the Next button
// says it will do - "Play to: S2 suspects S1", "Play to: C1 gets S1's reply
// to m1". Phrasing only; where the moment is in the run is the lesson
// player's business (core/lessons/lesson_player.hpp).
#pragma once

#include <string>

#include "core/sim/script.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::gui {

/// `pattern` as a short sentence in the present tense: "S2 suspects S1",
/// "S2 executes m2", "S2 receives Accept m1 from S1", "an Accept to S2 is
/// lost", "S1 crashes"; the n-th occurrence adds " (2nd time)". A note
/// names its server and the words it is searched by: `S3 notes "...a no-op
/// here..."`. Kinds without a phrase fall back to EventPattern::describe().
std::string moment_words(const EventPattern& pattern);
/// The moment as it happened, for "Stopped on this page's moment: ...": the
/// last event of `trace` before seq `end_seq` (the position's trace length)
/// that `pattern` matches. A note (or a kind without a phrase) is that
/// event's own log line - its why-text, led by its server ("S3: slot 1 holds
/// m1 again (rnd 2), already executed: a no-op here, ..."); everything else,
/// and a pattern with no such event in `trace`, is moment_words(pattern).
std::string moment_words(const EventPattern& pattern, const Trace& trace, std::uint64_t end_seq);
/// A trigger: the event's words, or "t = 40" for a tick.
std::string moment_words(const Trigger& trigger);
/// A trigger as it happened: its event's words as above, or "t = 40".
std::string moment_words(const Trigger& trigger, const Trace& trace, std::uint64_t end_seq);

}  // namespace paxoslab::gui
