// Predict, then reveal: judging a page's prediction
// (core/lessons/lesson.hpp, Prediction) against the stretch of the run that Next
// played for that page. The app uses it to reveal which choice the run took
// and why (the matching trace event's why-text); `lessons verify` uses it to
// check that the choice marked right is what the simulation does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab {

/// What the run did, as seen by a prediction's choices.
struct PredictionReveal {
  /// Per choice: its event (the occurrence-th match of its pattern, counted
  /// within the stretch) happened in the stretch.
  std::vector<bool> happened;
  /// Seq of that event per choice (valid where happened[i]).
  std::vector<std::uint64_t> event_seq;
  /// The choice the run took: the one whose event came first; nullopt if
  /// none of the choices' events happened.
  std::optional<std::size_t> taken;
  /// The trace event of `taken` (kept events only): its why-text says why.
  std::optional<TraceEvent> event;
};

/// Judges `p` against trace events [from_seq, to_seq) of `trace`: the page's
/// stretch, from the trace size when Next started on the page to the trace
/// size where it stopped (core/lessons/lesson_player.hpp, PageWalk).
PredictionReveal reveal_prediction(const Prediction& p, const Trace& trace, std::uint64_t from_seq,
                                   std::uint64_t to_seq);

/// The reasons a verified prediction fails, one sentence each naming the
/// choice's source line: the right choice's event did not happen in the
/// stretch; a wrong choice's event did. Empty = the prediction holds.
std::vector<std::string> prediction_problems(const Prediction& p, const PredictionReveal& r, const Trace& trace);

}  // namespace paxoslab
