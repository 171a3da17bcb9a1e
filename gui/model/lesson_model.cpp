#include "gui/model/lesson_model.hpp"

#include <algorithm>
#include <filesystem>

#include "core/lesson_loader.hpp"
#include "core/lesson_run.hpp"
#include "core/overloaded.hpp"

namespace paxoslab::gui {

namespace {

/// The tick of the trace event that fired `w` (now if that event is not kept).
Tick moment_tick(const Simulation& sim, const TriggerWatcher& w) {
  const Trace& t = sim.trace();
  const std::uint64_t seq = w.reached_seq();
  if (seq >= t.first_seq() && seq - t.first_seq() < t.events().size()) return t.events()[seq - t.first_seq()].tick;
  return sim.now();
}

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
}

void LessonModel::load_track(const std::string& dir) {
  LessonDirLoad d = load_lessons_dir(dir);
  track_dir_ = dir;
  lessons_ = std::move(d.lessons);
  broken_ = std::move(d.broken);
  current_.reset();
  run_kind_ = LessonRunKind::None;
  goal_.reset();
  pause_.reset();
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

std::optional<std::uint64_t> LessonModel::moment_seq(int page) const {
  if (page < 0 || static_cast<std::size_t>(page) >= moment_seq_.size()) return std::nullopt;
  return moment_seq_[static_cast<std::size_t>(page)];
}

void LessonModel::save() {
  if (progress_path_.empty()) return;
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

void LessonModel::arm_page() {
  pause_.reset();
  pause_note_.clear();
  if (run_kind_ != LessonRunKind::Script) return;
  const LessonPage* p = current_page();
  if (p && p->pause_at) pause_.emplace(*p->pause_at);
  pause_fresh_ = false;
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
    run.play = true;
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
  moment_seq_.assign(l->pages.size(), std::nullopt);
  run_name_ = run.scenario.name;
  detached_ = false;
  generation_ = UINT64_MAX;
  arm_page();
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
  note_page_seen();
  LessonEffects fx = start_run(LessonRunKind::Script, 0);
  sync_page_ = true;
  return fx;
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

LessonEffects LessonModel::apply(const LessonCommand& c) {
  return std::visit(
      Overloaded{
          [&](const lesson_cmd::Open& o) { return open_lesson(o.index); },
          [&](const lesson_cmd::GoToPage& g) {
            const Lesson* l = current();
            if (!l) return LessonEffects{};
            page_ = std::clamp(g.page, 0, static_cast<int>(l->pages.size()) - 1);
            note_page_seen();
            if (run_kind_ == LessonRunKind::Script) {
              arm_page();
              pause_fresh_ = true;  // the run is under way: a moment already past does not pause
            }
            return LessonEffects{};
          },
          [&](const lesson_cmd::Replay&) { return start_run(LessonRunKind::Script, 0); },
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
            if (run_kind_ != LessonRunKind::Script || detached_) {
              fx = start_run(LessonRunKind::Script, 0);
              fx.run->play = false;
            }
            fx.compare = l->compare;
            return fx;
          },
          [&](const lesson_cmd::Close&) {
            current_.reset();
            run_kind_ = LessonRunKind::None;
            goal_.reset();
            pause_.reset();
            pause_note_.clear();
            return LessonEffects{};
          },
          [&](const lesson_cmd::SetFraming& f) {
            framing_ = f.on;
            return LessonEffects{};
          },
          [&](const lesson_cmd::SetDimming& d) {
            dimming_ = d.on;
            return LessonEffects{};
          },
          [&](const lesson_cmd::ResetProgress&) {
            if (!progress_path_.empty())
              if (std::string err = reset_progress(progress_path_); !err.empty()) progress_warning_ = err;
            progress_ = Progress{};
            for (auto& s : status_) s.achieved = false;
            return LessonEffects{};
          },
      },
      c);
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
    if (pause_) pause_->reset();
  }
  if (sync_page_ && run_kind_ == LessonRunKind::Script) {
    sync_page_ = false;
    const Lesson& l = lessons_[*current_];
    int furthest = -1;
    for (std::size_t i = 0; i < l.pages.size(); ++i) {
      if (!l.pages[i].pause_at) continue;
      TriggerWatcher w(*l.pages[i].pause_at);
      if (w.update(sim)) furthest = static_cast<int>(i);
    }
    if (furthest > page_) {
      page_ = furthest;
      note_page_seen();
      arm_page();
    }
    if (furthest >= page_ && pause_ && pause_->update(sim)) {  // opened past this page's moment (--steps)
      fx.pause = true;
      moment_seq_[static_cast<std::size_t>(page_)] = pause_->reached_seq();
      pause_note_ = "This page's moment: " + pause_->trigger().describe() + " (t=" +
                    std::to_string(moment_tick(sim, *pause_)) + ").";
    }
  }
  if (pause_ && !pause_->reached()) {
    const bool fresh = pause_fresh_;
    pause_fresh_ = false;
    if (pause_->update(sim)) {
      if (static_cast<std::size_t>(page_) < moment_seq_.size()) moment_seq_[static_cast<std::size_t>(page_)] = pause_->reached_seq();
      if (fresh) {
        pause_note_ = "This page's moment (" + pause_->trigger().describe() + ") has happened; Replay to watch it again.";
      } else {
        fx.pause = true;
        pause_note_ = "Paused " + pause_->trigger().describe() + " (t=" + std::to_string(moment_tick(sim, *pause_)) + ").";
      }
    }
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
