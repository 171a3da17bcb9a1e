#include "core/lessons/prediction.hpp"

#include "core/lessons/lesson_player.hpp"

namespace paxoslab {

PredictionReveal reveal_prediction(const Prediction& p, const Trace& trace, std::uint64_t from_seq,
                                   std::uint64_t to_seq) {
  PredictionReveal r;
  r.happened.assign(p.choices.size(), false);
  r.event_seq.assign(p.choices.size(), 0);
  std::vector<int> seen(p.choices.size(), 0);
  const auto& events = trace.events();
  for (std::uint64_t i = from_seq > trace.first_seq() ? from_seq - trace.first_seq() : 0; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    if (e.seq >= to_seq) break;
    for (std::size_t c = 0; c < p.choices.size(); ++c) {
      const EventPattern& pat = p.choices[c].event;
      if (r.happened[c] || !pat.matches(e) || ++seen[c] < pat.occurrence) continue;
      r.happened[c] = true;
      r.event_seq[c] = e.seq;
      if (!r.taken) {
        r.taken = c;
        r.event = e;
      }
    }
  }
  return r;
}

std::vector<std::string> prediction_problems(const Prediction& p, const PredictionReveal& r, const Trace& trace) {
  std::vector<std::string> out;
  const auto event_at = [&](std::uint64_t seq) -> std::string {
    if (seq < trace.first_seq() || seq - trace.first_seq() >= trace.events().size()) return "#" + std::to_string(seq);
    return describe_event(trace.events()[seq - trace.first_seq()]);
  };
  for (std::size_t c = 0; c < p.choices.size(); ++c) {
    const PredictionChoice& ch = p.choices[c];
    const std::string which = "the choice at line " + std::to_string(ch.source_line) + " (\"" + ch.text_markdown + "\", " +
                              ch.event.describe() + ")";
    if (ch.right && !r.happened[c]) {
      std::string what = "none of the choices happened";
      if (r.taken) what = "the run took the choice at line " + std::to_string(p.choices[*r.taken].source_line) + " (" +
                          event_at(r.event_seq[*r.taken]) + ")";
      out.push_back(which + " is marked right but its event does not happen in the page's stretch of the run; " + what);
    }
    if (!ch.right && r.happened[c])
      out.push_back(which + " is not marked right but its event happens in the page's stretch of the run (" +
                    event_at(r.event_seq[c]) + ")");
  }
  return out;
}

}  // namespace paxoslab
