#include "gui/model/session.hpp"

#include <algorithm>
#include <cmath>

#include "core/scenario/scenario_run.hpp"
#include "core/sim/schedule.hpp"

namespace paxoslab::gui {

Simulation Session::build(const SessionSource& source, const StageInfo& stage) {
  if (source.scenario) {
    Scenario s = *source.scenario;
    s.config = source.config;
    return start_scenario(s, stage);
  }
  SimConfig c = source.config;
  c.stage = stage.number;
  return Simulation(c, stage);
}

Session::Session(SessionSource source, StageInfo stage)
    : source_(std::move(source)), stage_(std::move(stage)), record_(build(source_, stage_)) {
  source_.config.stage = stage_.number;
  snapshots_.push_back(record_.snapshot());
  display_time_ = static_cast<double>(record_.now());
  trace_start_ = record_.trace().size();
  probe_end();
}

void Session::probe_end() {
  Simulation probe = record_.snapshot();
  const auto& schedule = source_.scenario ? source_.scenario->schedule : std::vector<ScheduleChoice>{};
  std::size_t steps = 0;
  for (const auto& c : schedule) {
    if (!carry_out(probe, c).empty() || ++steps > 4000) break;
  }
  const std::uint64_t limit = source_.scenario ? std::min<std::uint64_t>(source_.scenario->max_steps, 4000) : 4000;
  while (schedule.empty() && steps < limit) {
    const auto next = probe.next_event();
    if (!next || (source_.scenario && source_.scenario->max_ticks && next->tick > *source_.scenario->max_ticks)) break;
    probe.step();
    ++steps;
  }
  expected_end_tick_ = probe.now();
}

std::size_t Session::position_of_event(std::uint64_t seq) const {
  if (seq < trace_start_) return 0;  // recorded while the run was set up
  // First entry whose trace end lies past seq: the state after it holds the event.
  const auto it = std::upper_bound(trace_end_.begin(), trace_end_.end(), seq);
  if (it == trace_end_.end()) return log_.size();
  return static_cast<std::size_t>(it - trace_end_.begin()) + 1;
}

std::string Session::carry(Simulation& sim, const TimelineEntry& e) const {
  switch (e.type) {
    case TimelineEntry::Type::Step: return sim.step() ? std::string{} : "nothing is pending";
    case TimelineEntry::Type::Pick: return sim.step_event(e.pick) ? std::string{} : "that event is no longer pending";
    case TimelineEntry::Type::Act: return sim.apply(e.action);
    case TimelineEntry::Type::Choice: {
      const auto& schedule = source_.scenario->schedule;
      return e.choice < schedule.size() ? carry_out(sim, schedule[e.choice]) : "no such schedule choice";
    }
  }
  return {};
}

std::string Session::record_entry(const TimelineEntry& e) {
  std::string err = carry(record_, e);
  if (!err.empty() && e.type != TimelineEntry::Type::Act) return err;  // nothing happened
  // An action that failed still wrote a trace note; keep it on the timeline.
  log_.push_back(e);
  trace_end_.push_back(record_.trace().size());
  if (e.type == TimelineEntry::Type::Choice) ++head_choices_;
  cursor_ = log_.size();
  if (log_.size() % kSnapshotInterval == 0) snapshots_.push_back(record_.snapshot());
  return err;
}

void Session::cut_at_cursor() {
  if (cursor_ == log_.size()) return;
  record_.restore(*view_);
  view_.reset();
  log_.resize(cursor_);
  trace_end_.resize(cursor_);
  snapshots_.erase(snapshots_.begin() + static_cast<std::ptrdiff_t>(cursor_ / kSnapshotInterval + 1), snapshots_.end());
  head_choices_ = 0;
  schedule_error_.clear();
  for (const auto& e : log_) head_choices_ += e.type == TimelineEntry::Type::Choice ? 1 : 0;
  ++generation_;
}

Simulation Session::state_at(std::size_t position) const {
  const std::size_t k = std::min(position / kSnapshotInterval, snapshots_.size() - 1);
  Simulation s = snapshots_[k];
  for (std::size_t i = k * kSnapshotInterval; i < position; ++i) (void)carry(s, log_[i]);
  return s;
}

bool Session::step_quiet() {
  if (cursor_ < log_.size()) {
    (void)carry(*view_, log_[cursor_]);
    ++cursor_;
    if (cursor_ == log_.size()) view_.reset();
    return true;
  }
  TimelineEntry e;
  const auto& schedule = source_.scenario ? source_.scenario->schedule : std::vector<ScheduleChoice>{};
  if (head_choices_ < schedule.size()) {
    e.type = TimelineEntry::Type::Choice;
    e.choice = head_choices_;
  } else if (!record_.next_event()) {
    return false;
  }
  const std::string err = record_entry(e);
  if (!err.empty()) last_error_ = err;
  if (e.type == TimelineEntry::Type::Choice) {
    const int line = source_.scenario->schedule[e.choice].source_line;
    schedule_error_ = err.empty() || line <= 0 ? err : "the [[choose]] at line " + std::to_string(line) + ": " + err;
  }
  return err.empty();
}

bool Session::step() {
  last_error_.clear();
  if (!step_quiet()) return false;
  display_time_ = static_cast<double>(sim().now());
  return true;
}

bool Session::frame_fresh() const {
  return frame_key_ == FrameKey{cursor_, log_.size(), generation_, sim().trace().size()};
}

void Session::refresh_frame() {
  const Simulation& s = sim();
  const FrameKey key{cursor_, log_.size(), generation_, s.trace().size()};
  if (key == frame_key_) return;
  frame_key_ = key;
  frame_.views.clear();
  for (int i = 1; i <= s.config().servers; ++i) frame_.views.push_back(s.server(ServerId{i}).view());
  frame_.next_tick = next_tick();
  if (!s.next_event() && !frame_.next_tick) {
    frame_.liveness = s.liveness();
  } else if (!s.next_event()) {
    // Quiet, but the timeline or the scenario's schedule goes on (a client
    // request or a fault comes next): not finished, not stuck.
    frame_.liveness = LivenessReport{};
    frame_.liveness.explanation = "Nothing is pending yet: the next step (a request or a fault) starts things.";
  } else {
    frame_.liveness = LivenessReport{};
    const auto plural = [](std::size_t n, const char* one, const char* many) {
      return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    const std::string pending = plural(s.network().in_flight().size(), "message", "messages") + " in flight, " +
                                plural(s.timers().size(), "timer", "timers") + " armed.";
    // Past the scenario's step or tick limit (where playing stops): the run
    // did not end by itself, and "Running" would say it still plays.
    switch (scenario_limit(s, frame_.next_tick)) {
      case ScenarioLimit::Steps:
        frame_.liveness.explanation = "Stopped at the scenario's limit of " +
                                      std::to_string(source_.scenario->max_steps) + " steps, still going: " + pending;
        break;
      case ScenarioLimit::Ticks:
        frame_.liveness.explanation = "Stopped at the scenario's limit, t = " +
                                      std::to_string(*source_.scenario->max_ticks) + ", still going: " + pending;
        break;
      case ScenarioLimit::None: frame_.liveness.explanation = "Running: " + pending; break;
    }
  }
}

bool Session::pick(const PendingEvent& e) {
  last_error_.clear();
  const auto pending = sim().pending();
  if (std::find(pending.begin(), pending.end(), e) == pending.end()) {
    last_error_ = "that event is no longer pending";
    return false;
  }
  cut_at_cursor();
  TimelineEntry entry;
  entry.type = TimelineEntry::Type::Pick;
  entry.pick = e;
  last_error_ = record_entry(entry);
  display_time_ = static_cast<double>(sim().now());
  return last_error_.empty();
}

std::string Session::apply(const Action& a) {
  cut_at_cursor();
  TimelineEntry entry;
  entry.type = TimelineEntry::Type::Act;
  entry.action = a;
  last_error_ = record_entry(entry);
  display_time_ = static_cast<double>(sim().now());
  return last_error_;
}

bool Session::step_back() {
  if (cursor_ == 0) return false;
  jump_to(cursor_ - 1);
  return true;
}

void Session::jump_to(std::size_t position) {
  position = std::min(position, log_.size());
  if (position == cursor_) return;
  last_error_.clear();
  if (position == log_.size()) {
    view_.reset();
  } else if (view_ && position > cursor_ && position - cursor_ < kSnapshotInterval) {
    for (std::size_t i = cursor_; i < position; ++i) (void)carry(*view_, log_[i]);  // short redo
  } else {
    view_ = state_at(position);
  }
  cursor_ = position;
  display_time_ = static_cast<double>(sim().now());
}

void Session::reset() {
  record_ = build(source_, stage_);
  view_.reset();
  log_.clear();
  trace_end_.clear();
  snapshots_.clear();
  snapshots_.push_back(record_.snapshot());
  trace_start_ = record_.trace().size();
  cursor_ = 0;
  head_choices_ = 0;
  ++generation_;
  last_error_.clear();
  schedule_error_.clear();
  previous_views_.clear();
  playing_ = false;
  play_status_.clear();
  display_time_ = static_cast<double>(record_.now());
}

void Session::refresh_previous_views() {
  if (previous_views_cursor_ == cursor_ && previous_views_generation_ == generation_) return;
  previous_views_.clear();
  previous_views_cursor_ = cursor_;
  previous_views_generation_ = generation_;
  if (cursor_ == 0) return;
  const Simulation before = state_at(cursor_ - 1);
  for (int i = 1; i <= before.config().servers; ++i) previous_views_.push_back(before.server(ServerId{i}).view());
}

// ---- playback ---------------------------------------------------------------

void Session::set_playing(bool on) {
  playing_ = on && !manual_;
  play_status_.clear();
  display_time_ = static_cast<double>(sim().now());
}

void Session::set_manual(bool on) {
  manual_ = on;
  if (on) set_playing(false);
}

void Session::set_speed(double ticks_per_second) {
  speed_ticks_per_second_ = std::clamp(ticks_per_second, 0.5, 5000.0);
}

namespace {
/// The tick a schedule choice happens at on `s`: the due tick of the pending
/// event it names (not before now), so that playback glides to it; a wait's
/// tick; now for an action or a choice that matches nothing.
Tick choice_tick(const Simulation& s, const ScheduleChoice& c) {
  if (c.type == ScheduleChoice::Type::Act) return s.now();
  if (c.type == ScheduleChoice::Type::Wait) return std::max(s.now(), c.until);
  int seen = 0;
  for (const PendingEvent& e : s.pending())
    if (matches(s, e, c) && ++seen == c.index) return std::max(s.now(), e.tick);
  return s.now();
}
}  // namespace

std::optional<Tick> Session::next_tick() const {
  const Simulation& s = sim();
  const std::vector<ScheduleChoice>* schedule = source_.scenario ? &source_.scenario->schedule : nullptr;
  const std::size_t choices = schedule ? schedule->size() : 0;
  if (cursor_ < log_.size()) {
    const TimelineEntry& e = log_[cursor_];
    if (e.type == TimelineEntry::Type::Step) {
      const auto n = s.next_event();
      return n ? std::optional<Tick>(n->tick) : std::optional<Tick>(s.now());
    }
    if (e.type == TimelineEntry::Type::Pick) return std::max(s.now(), e.pick.tick);
    if (e.type == TimelineEntry::Type::Choice && e.choice < choices) return choice_tick(s, (*schedule)[e.choice]);
    return s.now();
  }
  if (head_choices_ < choices) return choice_tick(s, (*schedule)[head_choices_]);
  const auto n = s.next_event();
  if (!n) return std::nullopt;
  return n->tick;
}

int Session::advance(double seconds, int max_steps) {
  if (!playing_) {
    display_time_ = static_cast<double>(sim().now());
    return 0;
  }
  // Idle stretches (nothing on the wire, only timers ticking) pass 8x faster.
  const bool idle = sim().network().in_flight().empty();
  display_time_ += seconds * speed_ticks_per_second_ * (idle ? 8.0 : 1.0);
  int steps = 0;
  while (steps < max_steps) {
    const auto t = next_tick();
    if (!t) {
      playing_ = false;
      play_status_ = "Nothing is pending any more: the run is finished.";
      break;
    }
    if (cursor_ == log_.size() && source_.scenario) {
      const Scenario& sc = *source_.scenario;
      const bool schedule_over = !sc.schedule.empty() && head_choices_ >= sc.schedule.size();
      if (scenario_limit(sim(), t) != ScenarioLimit::None || schedule_over) {
        playing_ = false;
        play_status_ = schedule_over ? "The scenario's schedule is carried out; Step goes on in event order."
                                     : "The scenario's limit is reached; Step goes on past it.";
        break;
      }
    }
    if (static_cast<double>(*t) > display_time_) break;
    if (!step_quiet()) {
      playing_ = false;
      break;
    }
    ++steps;
  }
  if (!playing_ || steps == max_steps) display_time_ = static_cast<double>(sim().now());
  show_time(display_time_);
  return steps;
}

Session::ScenarioLimit Session::scenario_limit(const Simulation& s, std::optional<Tick> next) const {
  if (!source_.scenario) return ScenarioLimit::None;
  const Scenario& sc = *source_.scenario;
  if (s.steps() >= sc.max_steps) return ScenarioLimit::Steps;
  if (sc.max_ticks && next && *next > *sc.max_ticks) return ScenarioLimit::Ticks;
  return ScenarioLimit::None;
}

void Session::show_time(double t) {
  display_time_ = std::max(t, static_cast<double>(sim().now()));
  if (const auto next = next_tick()) display_time_ = std::min(display_time_, static_cast<double>(*next));
}

}  // namespace paxoslab::gui
