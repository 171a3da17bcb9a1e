#include "core/lessons/lesson_player.hpp"

#include <algorithm>

#include "core/scenario/scenario_run.hpp"

namespace paxoslab {

bool is_effect(const TraceEvent& e) {
  return e.kind != TraceKind::Violation && e.kind != TraceKind::TimerSet && e.kind != TraceKind::TimerCancel;
}

const TraceEvent* last_effect(const Trace& trace) {
  const auto& events = trace.events();
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (is_effect(*it)) return &*it;
  return nullptr;
}

std::string describe_event(const TraceEvent& e) {
  std::string s = std::string(to_string(e.kind));
  if (e.who.valid()) s = to_string(e.who) + " " + s;
  if (e.message.valid() && e.kind != TraceKind::Reply) s += " " + std::string(to_string(e.msg_kind));
  if (!e.request.is_noop()) s += " " + to_string(e.request);
  if (e.other.valid()) s += " (" + to_string(e.other) + ")";
  if (e.kind == TraceKind::Note && !e.why.empty()) s += ": " + e.why;
  return s + ", t=" + std::to_string(e.tick);
}

const char* to_string(PlayStop s) {
  switch (s) {
    case PlayStop::None: return "none";
    case PlayStop::Moment: return "moment";
    case PlayStop::Reading: return "reading";
    case PlayStop::RunEnded: return "run ended";
  }
  return "?";
}

LessonPlayer::LessonPlayer(const Lesson& lesson)
    : max_ticks_(lesson.scenario.max_ticks), max_steps_(lesson.scenario.max_steps) {
  for (const LessonPage& p : lesson.pages) {
    if (p.pause_at)
      moments_.emplace_back(TriggerWatcher(*p.pause_at));
    else
      moments_.emplace_back(std::nullopt);
  }
}

const Trigger* LessonPlayer::moment_of(int page) const {
  if (page < 0 || page >= page_count() || !moments_[static_cast<std::size_t>(page)]) return nullptr;
  return &moments_[static_cast<std::size_t>(page)]->trigger();
}

bool LessonPlayer::reading_page(int page) const {
  if (page < 0 || page >= page_count() || moment_of(page)) return false;
  for (int p = page + 1; p < page_count(); ++p)
    if (moment_of(p)) return true;
  return false;
}

int LessonPlayer::replay_from(int page) const {
  for (int p = std::min(page, page_count()) - 1; p >= 0; --p)
    if (moment_of(p)) return p;
  return -1;
}

bool LessonPlayer::run_over(const Simulation& sim) const {
  const auto next = sim.next_event();
  if (!next) return true;
  if (max_ticks_ && next->tick > *max_ticks_) return true;
  return sim.steps() >= max_steps_;
}

PlayStop LessonPlayer::check(const Simulation& sim, int page) {
  if (page < 0 || page >= page_count()) return PlayStop::RunEnded;
  auto& watcher = moments_[static_cast<std::size_t>(page)];
  if (watcher && watcher->update(sim)) return PlayStop::Moment;
  if (!watcher && reading_page(page)) return PlayStop::Reading;
  return run_over(sim) ? PlayStop::RunEnded : PlayStop::None;
}

PlayStep LessonPlayer::step_toward(Simulation& sim, int page) {
  PlayStep r;
  r.first_seq = r.end_seq = sim.trace().size();
  r.stop = check(sim, page);
  if (r.stop != PlayStop::None) return r;
  r.stepped = sim.step();
  r.end_seq = sim.trace().size();
  r.stop = check(sim, page);
  return r;
}

PlayStop LessonPlayer::play_page(Simulation& sim, int page) {
  while (true) {
    const PlayStep s = step_toward(sim, page);
    if (s.stop != PlayStop::None) return s.stop;
    if (!s.stepped) return PlayStop::RunEnded;  // unreachable: check() saw a pending event
  }
}

namespace {

/// `e` belongs to the moment's own effect: the network's loss of the message
/// the moment sent (a cut link drops it as it is sent), or the note a crash
/// writes about the effects it discarded ("S1 crashed before: ...").
bool part_of_moment(const TraceEvent& e, const TraceEvent& moment) {
  if (e.kind == TraceKind::Drop && moment.kind == TraceKind::Send) return e.message == moment.message;
  if (e.kind == TraceKind::Note && moment.kind == TraceKind::Crash) return e.who == moment.who;
  return false;
}

}  // namespace

MomentReport LessonPlayer::moment_report(const Simulation& sim, int page) {
  MomentReport r;
  const Trace& trace = sim.trace();
  if (const TraceEvent* last = last_effect(trace)) r.last_effect = *last;
  if (page < 0 || page >= page_count()) return r;
  auto& watcher = moments_[static_cast<std::size_t>(page)];
  if (!watcher) {
    r.exact = reading_page(page) || run_over(sim);
    return r;
  }
  r.has_moment = true;
  r.reached = watcher->update(sim);
  if (!r.reached) return r;
  r.moment_seq = watcher->reached_seq();
  const auto& events = trace.events();
  const TraceEvent* moment = nullptr;
  for (const TraceEvent& e : events) {
    if (e.seq == r.moment_seq) moment = &e;
    if (e.seq > r.moment_seq && is_effect(e) && !(moment && part_of_moment(e, *moment))) ++r.effects_after_moment;
  }
  r.exact = r.effects_after_moment == 0 && r.last_effect &&
            (r.last_effect->seq == r.moment_seq || (moment && part_of_moment(*r.last_effect, *moment)));
  return r;
}

void LessonPlayer::reset() {
  for (auto& w : moments_)
    if (w) w->reset();
}

Simulation play_to_page(const Lesson& lesson, const StageInfo& stage, int page) {
  Simulation sim = start_scenario(lesson.scenario, stage);
  LessonPlayer player(lesson);
  for (int p = 0; p <= page && p < player.page_count(); ++p) player.play_page(sim, p);
  return sim;
}

std::vector<PageWalk> walk_lesson(const Lesson& lesson, const StageInfo& stage) {
  Simulation sim = start_scenario(lesson.scenario, stage);
  return walk_lesson(lesson, sim);
}

std::vector<PageWalk> walk_lesson(const Lesson& lesson, Simulation& sim) {
  LessonPlayer player(lesson);
  std::vector<PageWalk> out;
  for (int p = 0; p < player.page_count(); ++p) {
    PageWalk w;
    w.page = p + 1;
    w.title = lesson.pages[static_cast<std::size_t>(p)].title;
    w.stretch_first_seq = sim.trace().size();
    w.stop = player.play_page(sim, p);
    w.stretch_end_seq = sim.trace().size();
    const MomentReport m = player.moment_report(sim, p);
    if (const Trigger* t = player.moment_of(p))
      w.moment = t->after ? t->after->describe() : t->describe();
    else
      w.moment = player.reading_page(p) ? "(reading page)" : "(closing page: plays to the end of the run)";
    w.last_event = m.last_effect ? describe_event(*m.last_effect) : std::string();
    w.exact = m.exact;
    w.effects_after_moment = m.effects_after_moment;
    w.tick = sim.now();
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace paxoslab
