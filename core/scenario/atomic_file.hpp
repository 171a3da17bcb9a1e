// Writing and keeping user files safely: the learner's progress,
// the app's preferences and window layout, and saved runs.
//
// write_file_atomically never leaves a torn file: the new content goes to a
// temporary file in the same folder, is flushed to disk (fsync), then renamed
// over the old file, so an interruption at any point leaves either the old or
// the new file. keep_aside moves a file that cannot be read or parsed out of
// the way under a fresh name (never replacing an earlier kept file), so the
// next save cannot destroy what the learner had.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace paxoslab {

/// Writes `data` to `path` atomically (temporary file `<name>.tmp.XXXXXX` in
/// the same folder, write, fsync, rename, fsync of the folder), creating the
/// folder if needed. A file it replaces keeps its permissions; a new one is
/// rw-r--r-- (0644). `before_rename`, if set, runs after the temporary file
/// is written and flushed and before it replaces `path` (tests use it to
/// interrupt the write). Returns an empty string on success, else a sentence
/// naming the failure (the temporary file is removed; `path` is untouched).
std::string write_file_atomically(const std::string& path, std::string_view data,
                                  const std::function<void()>& before_rename = {});

/// Moves the file (or directory, FIFO, ...) at `path` to the first free name
/// of `path.bad-1`, `path.bad-2`, ... (up to .bad-999), never replacing an
/// existing one. On success sets `kept_as` and returns an empty string, else
/// returns a sentence.
std::string keep_aside(const std::string& path, std::string& kept_as);

/// Reads a user file the app owns (preferences, window layout): nullopt
/// and no warning if there is none. If it exists but cannot be read (not a
/// regular file, unreadable, over kMaxUserDataFileBytes: core/scenario/input_limits.hpp)
/// it is kept aside (keep_aside), nullopt is returned and `warning` is set
/// to a sentence for the learner naming `what` and where it was kept.
std::optional<std::string> read_user_file(const std::string& path, std::string_view what, std::string& warning);

}  // namespace paxoslab
