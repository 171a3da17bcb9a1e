// The learner's progress through the lessons, saved per user as JSON in
// $XDG_DATA_HOME/paxos-lab/progress.json (or ~/.local/share/paxos-lab/...).
//
// Saving is atomic (core/scenario/atomic_file.hpp): the new content goes to a
// temporary file in the same directory, is flushed to disk (fsync), then
// renamed over the old file, so a crash leaves either the old or the new
// progress, never a torn file. A file that cannot be read or parsed is not
// fatal: it is kept aside as progress.json.bad-1 (.bad-2, ... never
// replacing an earlier one) and the learner starts fresh, with a warning.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace paxoslab {

/// The learner's answer to one page's prediction (core/lessons/lesson.hpp, Prediction).
struct PredictionAnswer {
  int choice = 0;      ///< Index of the choice picked (0-based, file order).
  bool right = false;  ///< It was the choice marked right.
  bool operator==(const PredictionAnswer&) const = default;
};

/// Progress in one lesson.
struct LessonProgress {
  int page = 0;                        ///< Last narration page shown (0-based).
  std::vector<std::string> exercises_done;  ///< Ids of exercises whose goal was achieved, in order.
  bool completed = false;              ///< The learner reached the end of the lesson.
  /// First answer to each page's prediction, by page index (0-based). Saved
  /// as "answers": {"<page>": {"choice": i, "right": b}}; absent in files
  /// written before predictions existed (they load with no answers).
  std::map<int, PredictionAnswer> answers;
  bool operator==(const LessonProgress&) const = default;
};

/// Progress in every lesson, by lesson id.
struct Progress {
  std::map<std::string, LessonProgress> lessons;
  bool operator==(const Progress&) const = default;

  /// Records an achieved exercise (once). Returns true if it is new.
  bool mark_exercise(const std::string& lesson_id, const std::string& exercise_id);
  bool exercise_done(const std::string& lesson_id, const std::string& exercise_id) const;
  /// Records the learner's answer to the prediction of `page` (0-based) if
  /// it is the first one for that page (a replayed page keeps the first
  /// answer). Returns true if it was recorded.
  bool record_answer(const std::string& lesson_id, int page, PredictionAnswer answer);
  /// The recorded answer for `page`, or nullptr.
  const PredictionAnswer* answer(const std::string& lesson_id, int page) const;
};

/// Reads an environment variable (std::getenv in production; a map in tests).
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// $XDG_DATA_HOME/paxos-lab/progress.json if XDG_DATA_HOME is set and
/// absolute, else $HOME/.local/share/paxos-lab/progress.json; empty if
/// neither variable is usable.
std::string default_progress_path(const EnvLookup& env);
/// default_progress_path over the real environment.
std::string default_progress_path();

/// The JSON text of `p` (stable key order).
std::string progress_to_json(const Progress& p);
/// Parses JSON text; nullopt (and `error` set to a sentence) if it is not a
/// progress document of version 1.
std::optional<Progress> progress_from_json(const std::string& text, std::string& error);

/// What load_progress found.
struct ProgressLoad {
  Progress progress;
  /// Empty, or a sentence: the file could not be read or parsed, and where it was kept.
  std::string warning;
  /// Where the unusable file was kept (path.bad-N), or empty.
  std::string kept_as;
  /// The unusable file could not be moved aside: saving would replace it,
  /// so the caller must not save this session.
  bool save_blocked = false;
};

/// Loads the progress file at `path` (at most kMaxUserDataFileBytes; only
/// a regular file is read, a FIFO never blocks). A missing file is fresh
/// progress with no warning. A file that cannot be read (permissions, a
/// directory or FIFO in its place, too large) or parsed is moved to
/// `path.bad-N` (core/scenario/atomic_file.hpp, keep_aside) and fresh progress is
/// returned with a warning; if it cannot be moved, save_blocked is set.
ProgressLoad load_progress(const std::string& path);

/// Writes `p` to `path` atomically (temp file in the same directory, fsync,
/// rename, fsync of the directory), creating the directory if needed.
/// Returns an empty string on success, else a sentence naming the failure.
std::string save_progress(const Progress& p, const std::string& path);

/// Forgets all progress: removes `path` (a missing file is fine). Returns an
/// empty string on success, else a sentence.
std::string reset_progress(const std::string& path);

}  // namespace paxoslab
