#include "gui/model/lesson_model.hpp"

#include <algorithm>
#include <filesystem>

#include "core/lessons/lesson_loader.hpp"
#include "core/lessons/lesson_player.hpp"
#include "core/lessons/lesson_run.hpp"
#include "core/sim/overloaded.hpp"
#include "core/scenario/scenario_run.hpp"
#include "gui/model/moment_words.hpp"
#include "gui/model/speed.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

LessonModel::LessonModel(std::string progress_path) : progress_path_(std::move(progress_path)) {
  if (progress_path_.empty()) return;
  ProgressLoad p = load_progress(progress_path_);
  progress_ = std::move(p.progress);
  progress_warning_ = std::move(p.warning);
  save_blocked_ = p.save_blocked;
}

void LessonModel::load_track(const std::string& dir) {
  LessonDirLoad d = load_lessons_dir(dir);
  track_dir_ = dir;
  lessons_ = std::move(d.lessons);
  broken_ = std::move(d.broken);
  current_.reset();
  run_kind_ = LessonRunKind::None;
  goal_.reset();
  playback_.reset();
  request_.reset();
}

std::string LessonModel::open_file(const std::string& path, LessonEffects& effects) {
  LessonLoad l = load_lesson_file(path);
  if (!l.ok()) return l.error->to_string();
  std::size_t index = lessons_.size();
  for (std::size_t i = 0; i < lessons_.size(); ++i)
    if (same_file(lessons_[i].path, path) || lessons_[i].id == l.lesson->id) index = i;
  if (index == lessons_.size())
    lessons_.push_back(std::move(*l.lesson));
  else
    lessons_[index] = std::move(*l.lesson);  // the file given wins over the track's copy
  effects = open_lesson(index);
  return {};
}

std::string LessonModel::progress_mark(const Lesson& lesson) const {
  const auto it = progress_.lessons.find(lesson.id);
  if (it == progress_.lessons.end()) return {};
  if (it->second.completed) return "done";
  std::size_t done = 0;
  for (const auto& e : lesson.exercises)
    if (progress_.exercise_done(lesson.id, e.id)) ++done;
  if (done > 0) return std::to_string(done) + "/" + std::to_string(lesson.exercises.size());
  return "seen";
}

const LessonPage* LessonModel::current_page() const {
  const Lesson* l = current();
  if (!l || l->pages.empty()) return nullptr;
  return &l->pages[static_cast<std::size_t>(std::clamp(page_, 0, static_cast<int>(l->pages.size()) - 1))];
}

const Highlight* LessonModel::highlight() const {
  if (run_kind_ != LessonRunKind::Script || detached_) return nullptr;
  const LessonPage* p = current_page();
  return p && !p->highlight.empty() ? &p->highlight : nullptr;
}

LessonFocus LessonModel::focus() const {
  const Highlight* h = highlight();
  return dimming_ && h ? LessonFocus(*h) : LessonFocus();
}

std::optional<TickRange> LessonModel::frame() const {
  if (!framing_ || run_kind_ != LessonRunKind::Script || detached_) return std::nullopt;
  if (page_ < 0 || static_cast<std::size_t>(page_) >= frames_.size()) return std::nullopt;
  // A page asking its question has not played yet: the run stands at the
  // previous page's stop, so the chart frames the stretch that led there.
  const int shown = asking() && page_ > 0 ? page_ - 1 : page_;
  return frames_[static_cast<std::size_t>(shown)];
}

std::optional<int> LessonModel::playing_page() const {
  if (run_kind_ != LessonRunKind::Script || detached_ || !playback_) return std::nullopt;
  return playback_->playing_page();
}

std::string LessonModel::quiet_note() const {
  return playback_ && run_kind_ == LessonRunKind::Script ? playback_->quiet_note() : std::string();
}

std::optional<std::size_t> LessonModel::answer(int page) const {
  if (page < 0 || static_cast<std::size_t>(page) >= answers_.size()) return std::nullopt;
  return answers_[static_cast<std::size_t>(page)];
}

bool LessonModel::asking() const {
  const LessonPage* p = current_page();
  return p && p->predict && !answer(page_) && run_kind_ == LessonRunKind::Script;
}

std::string LessonModel::next_label() const {
  const Lesson* l = current();
  if (!l) return "Next >";
  if (asking()) return "Answer to play";
  const int next = page_ + 1;
  if (next >= static_cast<int>(l->pages.size())) return "Next >";
  const LessonPage& p = l->pages[static_cast<std::size_t>(next)];
  if (p.predict && !answer(next)) return "Next: a question >";
  if (p.pause_at) return "Play to: " + moment_words(*p.pause_at);
  for (std::size_t q = static_cast<std::size_t>(next) + 1; q < l->pages.size(); ++q)
    if (l->pages[q].pause_at) return "Next page >";  // a reading page: the run stays
  return "Play to the end";
}

void LessonModel::save() {
  if (progress_path_.empty() || save_blocked_) return;
  if (std::string err = save_progress(progress_, progress_path_); !err.empty()) progress_warning_ = "progress not saved: " + err;
}

void LessonModel::note_page_seen() {
  const Lesson* l = current();
  if (!l) return;
  LessonProgress& lp = progress_.lessons[l->id];
  lp.page = page_;
  const bool last = page_ + 1 >= static_cast<int>(l->pages.size());
  const bool all_done = std::all_of(l->exercises.begin(), l->exercises.end(),
                                    [&](const Exercise& e) { return progress_.exercise_done(l->id, e.id); });
  if (last && all_done) lp.completed = true;
  save();
}

LessonEffects LessonModel::start_run(LessonRunKind kind, std::size_t exercise) {
  LessonEffects fx;
  const Lesson* l = current();
  if (!l) return fx;
  LessonEffects::Run run;
  goal_.reset();
  if (kind == LessonRunKind::Script) {
    run.scenario = l->scenario;
    run.stage = l->scenario.config.stage;
    run.play = false;  // drive() plays it, page by page
  } else {
    if (exercise >= l->exercises.size()) return fx;
    const Exercise& e = l->exercises[exercise];
    run.scenario = exercise_scenario(*l, e, kind == LessonRunKind::ShowMe);
    run.scenario.name += kind == LessonRunKind::ShowMe ? " (show me)" : "";
    run.stage = exercise_stage(*l, e);
    run.play = kind == LessonRunKind::ShowMe;
    goal_.emplace(e.goal);
  }
  run_kind_ = kind;
  run_exercise_ = exercise;
  run_name_ = run.scenario.name;
  detached_ = false;
  generation_ = UINT64_MAX;
  pause_note_.clear();
  request_.reset();
  if (kind == LessonRunKind::Script) {
    playback_.emplace(*l);
    request_ = Request{Request::Kind::Play, page_};
  } else {
    playback_.reset();
  }
  fx.run = std::move(run);
  return fx;
}

LessonEffects LessonModel::open_lesson(std::size_t index) {
  if (index >= lessons_.size()) return {};
  current_ = index;
  const Lesson& l = lessons_[index];
  status_.assign(l.exercises.size(), ExerciseStatus{});
  for (std::size_t i = 0; i < l.exercises.size(); ++i) status_[i].achieved = progress_.exercise_done(l.id, l.exercises[i].id);
  const auto it = progress_.lessons.find(l.id);
  page_ = it == progress_.lessons.end() ? 0 : std::clamp(it->second.page, 0, static_cast<int>(l.pages.size()) - 1);
  answers_.assign(l.pages.size(), std::nullopt);
  reveal_.reset();
  reveal_page_ = -1;
  note_page_seen();
  plan_frames(l.scenario.config);
  return start_run(LessonRunKind::Script, 0);
}

void LessonModel::plan_frames(const SimConfig& config) {
  frames_.clear();
  planned_config_ = config;
  const Lesson* l = current();
  if (!l) return;
  frames_.assign(l->pages.size(), std::nullopt);
  const auto stage = find_stage(config.stage);
  if (!stage) return;
  Scenario scenario = l->scenario;
  scenario.config = config;
  Simulation sim = start_scenario(scenario, *stage);
  const std::vector<PageWalk> walk = walk_lesson(*l, sim);
  const LessonPlayer player(*l);
  for (std::size_t p = 0; p < walk.size() && p < l->pages.size(); ++p) {
    const int from = player.replay_from(static_cast<int>(p));
    const Tick since = from < 0 ? 0 : walk[static_cast<std::size_t>(from)].tick;
    const LessonPage& page = l->pages[p];
    const auto arrows = page.highlight.message ? highlighted_arrows(sim.trace(), *page.highlight.message)
                                               : std::vector<std::pair<Tick, Tick>>{};
    frames_[p] = frame_ticks(walk[p].tick, since, arrows);
  }
}

LessonEffects LessonModel::apply_pending() {
  LessonEffects all;
  for (const auto& c : std::exchange(queue_, {})) {
    LessonEffects fx = apply(c);
    if (fx.run) all.run = std::move(fx.run);
    all.pause = all.pause || fx.pause;
    if (fx.compare) all.compare = fx.compare;
  }
  return all;
}

LessonEffects LessonModel::turn_to(int page, Request::Kind kind) {
  const Lesson* l = current();
  if (!l || l->pages.empty()) return LessonEffects{};
  page_ = std::clamp(page, 0, static_cast<int>(l->pages.size()) - 1);
  pause_note_.clear();
  note_page_seen();
  if (run_kind_ != LessonRunKind::Script || detached_) return LessonEffects{};  // the exercise run stays
  request_ = Request{kind, page_};
  return LessonEffects{};
}

LessonEffects LessonModel::answer_prediction(const lesson_cmd::Answer& a) {
  const LessonPage* p = current_page();
  if (!p || !p->predict || a.choice >= p->predict->choices.size() || answer(page_)) return LessonEffects{};
  answers_[static_cast<std::size_t>(page_)] = a.choice;
  // The first answer to a page is what progress keeps (a later visit asks again, for practice).
  progress_.record_answer(current()->id, page_,
                          PredictionAnswer{static_cast<int>(a.choice), a.choice == p->predict->right_choice()});
  save();
  if (run_kind_ == LessonRunKind::Script && !detached_) request_ = Request{Request::Kind::Play, page_};
  return LessonEffects{};
}

LessonEffects LessonModel::close_lesson() {
  current_.reset();
  run_kind_ = LessonRunKind::None;
  goal_.reset();
  playback_.reset();
  request_.reset();
  pause_note_.clear();
  return LessonEffects{};
}

LessonEffects LessonModel::reset_all_progress() {
  if (!progress_path_.empty() && !save_blocked_)
    if (std::string err = reset_progress(progress_path_); !err.empty()) progress_warning_ = err;
  progress_ = Progress{};
  for (auto& s : status_) s.achieved = false;
  return LessonEffects{};
}

LessonEffects LessonModel::apply(const LessonCommand& c) {
  return std::visit(
      Overloaded{
          [&](const lesson_cmd::Open& o) { return open_lesson(o.index); },
          [&](const lesson_cmd::Next&) {
            const Lesson* l = current();
            if (!l || page_ + 1 >= static_cast<int>(l->pages.size()) || asking()) return LessonEffects{};
            return turn_to(page_ + 1, Request::Kind::Play);
          },
          [&](const lesson_cmd::Back&) {
            if (page_ <= 0) return LessonEffects{};
            return turn_to(page_ - 1, Request::Kind::Show);
          },
          [&](const lesson_cmd::GoToPage& g) { return turn_to(g.page, Request::Kind::Instant); },
          [&](const lesson_cmd::Replay&) {
            if (run_kind_ != LessonRunKind::Script || detached_) return start_run(LessonRunKind::Script, 0);
            pause_note_.clear();
            request_ = Request{Request::Kind::Replay, page_};
            return LessonEffects{};
          },
          [&](const lesson_cmd::Answer& a) { return answer_prediction(a); },
          [&](const lesson_cmd::StartExercise& s) { return start_run(LessonRunKind::Exercise, s.index); },
          [&](const lesson_cmd::ShowMe& s) { return start_run(LessonRunKind::ShowMe, s.index); },
          [&](const lesson_cmd::Hint& h) {
            const Lesson* l = current();
            if (l && h.index < status_.size())
              status_[h.index].hints_shown =
                  std::min(status_[h.index].hints_shown + 1, static_cast<int>(l->exercises[h.index].hints.size()));
            return LessonEffects{};
          },
          [&](const lesson_cmd::Compare&) {
            LessonEffects fx;
            const Lesson* l = current();
            if (!l || !l->compare) return fx;
            if (run_kind_ != LessonRunKind::Script || detached_) fx = start_run(LessonRunKind::Script, 0);
            fx.compare = l->compare;
            return fx;
          },
          [&](const lesson_cmd::Close&) { return close_lesson(); },
          [&](const lesson_cmd::SetFraming& f) {
            framing_ = f.on;
            return LessonEffects{};
          },
          [&](const lesson_cmd::SetDimming& d) {
            dimming_ = d.on;
            return LessonEffects{};
          },
          [&](const lesson_cmd::ResetProgress&) { return reset_all_progress(); },
      },
      c);
}

void LessonModel::carry_out(Session& s, const Request& r) {
  LessonPlayback& pb = *playback_;
  reveal_.reset();
  reveal_page_ = -1;
  const bool waits = r.page == page_ && asking();
  switch (r.kind) {
    case Request::Kind::Show:
      if (waits) break;
      pb.show(s, r.page);
      s.set_playing(false);
      on_stop(s);
      return;
    case Request::Kind::Instant:
      if (waits) break;
      pb.play(s, r.page, false);
      pb.finish(s);
      s.set_playing(false);
      on_stop(s);
      return;
    case Request::Kind::Play:
    case Request::Kind::Replay:
      if (waits) break;
      pb.play(s, r.page, r.kind == Request::Kind::Replay);
      s.set_playing(true);
      return;
  }
  pb.prepare(s, r.page, r.kind == Request::Kind::Replay);  // the question first: the run waits before the page
  s.set_playing(false);
}

void LessonModel::on_stop(const Session& s) {
  const LessonPage* p = current_page();
  if (!p || !playback_) return;
  const Tick now = s.sim().now();
  const std::string at = " (t = " + std::to_string(now) + ").";
  // Ended by itself (nothing pending), or cut off by the scenario's step or
  // tick limit while still going (lesson 18's duel).
  const bool ended = s.sim().liveness().quiescent;
  // The frame planned for this page must show where the run stopped (on
  // another cluster size the stop can come at another tick than planned).
  if (static_cast<std::size_t>(page_) < frames_.size()) {
    auto& frame = frames_[static_cast<std::size_t>(page_)];
    const auto t = static_cast<double>(now);
    if (frame && (t < frame->first || t > frame->last)) frame = frame_ticks(now, now, {});
  }
  if (p->pause_at && playback_->stop_position(s, page_))
    pause_note_ = "Stopped on this page's moment: " +
                  moment_words(*p->pause_at, s.record().trace(), s.sim().trace().size()) + at;
  else if (p->pause_at)
    pause_note_ = "This page's moment never happened in this run: " + moment_words(*p->pause_at) + ". " +
                  (ended ? "The run ended first" : "The run stopped at its limit first") + at;
  else if (!playback_->player().reading_page(page_))
    pause_note_ = ended ? "The run has ended" + at
                        : "The run stopped at its limit, still going" + at +
                              " Messages or timers were still pending: it had not ended by itself.";
  if (const Lesson* l = current(); l && l->scenario.config.servers != s.sim().config().servers)
    pause_note_ += " The lesson is written for " + std::to_string(l->scenario.config.servers) +
                   " servers and runs with " + std::to_string(s.sim().config().servers) +
                   " here: its words may not match the run.";
  const auto chosen = answer(page_);
  if (!p->predict || !chosen) return;
  if (const auto stretch = playback_->stretch(s, page_)) {
    reveal_ = reveal_prediction(*p->predict, s.record().trace(), stretch->first, stretch->second);
    reveal_page_ = page_;
  }
}

bool LessonModel::drive(Session& s, double seconds) {
  if (!current_ || run_kind_ != LessonRunKind::Script || !playback_) return false;
  const std::string name = s.source().scenario ? s.source().scenario->name : std::string();
  detached_ = name != run_name_;
  if (detached_) return false;
  // The same script on another cluster (--servers, the Set-up tab): its moments come at other ticks.
  if (s.source().config != planned_config_) plan_frames(s.source().config);
  if (request_) carry_out(s, *std::exchange(request_, std::nullopt));
  if (!playback_->playing_page()) return false;
  if (!s.playing()) return true;  // paused by the learner: Space / Play resumes
  const double effects_per_second = s.speed() / kTicksPerSecondAt1x * kEffectsPerSecondAt1x;
  if (playback_->advance(s, seconds, effects_per_second)) {
    s.set_playing(false);
    on_stop(s);
  }
  return true;
}

LessonEffects LessonModel::observe(const Simulation& sim, const std::string& run_name, std::uint64_t generation,
                                   bool at_end) {
  LessonEffects fx;
  if (!current_ || run_kind_ == LessonRunKind::None) return fx;
  detached_ = run_name != run_name_;
  if (detached_ || !at_end) return fx;
  if (generation != generation_) {  // a new or rewritten run: read it from the start
    generation_ = generation;
    if (goal_) goal_->reset();
  }
  if (goal_ && run_exercise_ < status_.size()) {
    ExerciseStatus& st = status_[run_exercise_];
    goal_->update(sim);
    if (goal_->achieved()) {
      if (run_kind_ == LessonRunKind::ShowMe) {
        st.shown = true;
      } else if (!st.achieved) {
        st.achieved = true;
        st.achieved_tick = goal_->achieved_tick();
        const Lesson& l = lessons_[*current_];
        progress_.mark_exercise(l.id, l.exercises[run_exercise_].id);
        note_page_seen();
      }
    }
  }
  return fx;
}

}  // namespace paxoslab::gui
