#include "gui/model/lesson_playback.hpp"

namespace paxoslab::gui {

namespace {
/// Nothing-new steps folded into one visible step at most (then it shows anyway).
constexpr int kMaxFold = 400;
/// Steps played without pause at most (a run that never reaches the page).
constexpr int kMaxInstantSteps = 200000;
}  // namespace

LessonPlayback::LessonPlayback(const Lesson& lesson) : player_(lesson) {}

void LessonPlayback::sync(const Session& s) {
  if (s.generation() == generation_) return;
  generation_ = s.generation();
  player_.reset();
  closing_stop_.assign(static_cast<std::size_t>(player_.page_count()), std::nullopt);
}

std::optional<std::size_t> LessonPlayback::stop_position(const Session& s, int page) {
  sync(s);
  if (page < 0) return std::size_t{0};
  if (page >= player_.page_count()) return std::nullopt;
  if (player_.moment_of(page) != nullptr) {
    const MomentReport r = player_.moment_report(s.record(), page);
    if (!r.reached) return std::nullopt;
    return s.position_of_event(r.moment_seq);
  }
  if (player_.reading_page(page)) return stop_position(s, player_.replay_from(page));
  return closing_stop_[static_cast<std::size_t>(page)];
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> LessonPlayback::stretch(const Session& s, int page) {
  const auto from = stop_position(s, player_.replay_from(page));
  const auto to = stop_position(s, page);
  if (!from || !to || *to < *from) return std::nullopt;
  return std::make_pair(s.trace_size_at(*from), s.trace_size_at(*to));
}

bool LessonPlayback::step_toward(Session& s, int page, StepNovelty* novelty) {
  if (novelty) *novelty = StepNovelty{};
  const auto classify = [&](std::size_t before) {
    if (novelty) *novelty = classify_step(s.record().trace(), s.trace_size_at(before), s.trace_size_at(s.cursor()));
  };
  const auto target = stop_position(s, page);
  if (target) {
    if (s.cursor() > *target) s.jump_to(*target);
    if (s.cursor() == *target) return true;
    const std::size_t before = s.cursor();
    if (!s.step()) return true;
    classify(before);
    return s.cursor() == *target;
  }
  if (s.cursor() < s.length()) {  // the recorded run first
    const std::size_t before = s.cursor();
    if (!s.step()) return true;
    classify(before);
    return false;
  }
  // At the end of the timeline: the player says when to stop.
  const auto ended = [&](PlayStop stop) {
    if (stop == PlayStop::RunEnded && player_.moment_of(page) == nullptr && page < player_.page_count())
      closing_stop_[static_cast<std::size_t>(page)] = s.cursor();
    return stop != PlayStop::None;
  };
  if (ended(player_.check(s.record(), page))) return true;
  const std::size_t before = s.cursor();
  if (!s.step()) return ended(PlayStop::RunEnded);
  classify(before);
  return ended(player_.check(s.record(), page));
}

bool LessonPlayback::visible_step(Session& s) {
  QuietStretch quiet;
  for (int i = 0; i < kMaxFold; ++i) {
    StepNovelty novelty;
    const bool stop = step_toward(s, *page_, &novelty);
    if (!stop && novelty.nothing_new) {
      quiet.add(novelty);
      continue;
    }
    quiet_note_ = quiet.empty() ? std::string() : quiet.summary();
    return stop;
  }
  quiet_note_ = quiet.summary();
  return false;
}

bool LessonPlayback::play_instantly(Session& s, int page) {
  for (int i = 0; i < kMaxInstantSteps; ++i)
    if (step_toward(s, page, nullptr)) return true;
  return false;
}

void LessonPlayback::prepare(Session& s, int page, bool replay) {
  sync(s);
  quiet_note_.clear();
  page_.reset();
  if (page < 0 || page >= player_.page_count()) return;
  const int from = player_.replay_from(page);
  const auto from_stop = stop_position(s, from);
  const auto target = stop_position(s, page);
  if (replay || (target && s.cursor() > *target)) {
    if (from_stop) {
      s.jump_to(*from_stop);
    } else {
      s.jump_to(0);
      play_instantly(s, from);
    }
  } else if (!from_stop || s.cursor() < *from_stop) {
    play_instantly(s, from);  // the pages before this one, without pause
  }
}

void LessonPlayback::play(Session& s, int page, bool replay) {
  prepare(s, page, replay);
  if (page < 0 || page >= player_.page_count()) return;
  page_ = page;
  budget_ = 1.0;  // the first step shows at once
}

void LessonPlayback::show(Session& s, int page) {
  page_.reset();
  quiet_note_.clear();
  if (const auto stop = stop_position(s, page)) {
    s.jump_to(*stop);
    return;
  }
  if (page >= 0) play_instantly(s, page);
}

void LessonPlayback::finish(Session& s) {
  if (!page_) return;
  play_instantly(s, *page_);
  page_.reset();
}

bool LessonPlayback::advance(Session& s, double seconds, double effects_per_second) {
  if (!page_) return false;
  budget_ += seconds * effects_per_second;
  for (int guard = 0; budget_ >= 1.0 && guard < 64; ++guard) {
    budget_ -= 1.0;
    if (visible_step(s)) {
      page_.reset();
      budget_ = 0;
      return true;
    }
  }
  return false;
}

}  // namespace paxoslab::gui
