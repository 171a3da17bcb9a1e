// Bounded input: every file the programs read (scenarios, lessons, a lesson's
// scenario_file, the learner's progress and preferences) goes through
// read_bounded_file, and every TOML text through check_toml_text before the
// TOML library sees it (docs/scenario-format.md, "Limits").
//
// Why: a hostile or damaged file must never crash, hang or exhaust memory.
// The reader refuses anything that is not a regular file
// (/dev/zero, a FIFO, a directory) without blocking, and anything larger
// than its limit; the text check refuses what is known to overflow the
// stack or reach undefined behaviour inside toml++ 3.3.0 (a dotted key of
// tens of thousands of parts, NUL bytes, non-ASCII bytes outside strings and
// comments) and what no valid file of ours needs (huge keys, deep nesting).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/scenario/scenario.hpp"

namespace paxoslab {

/// Largest scenario or lesson file read, in bytes (1 MiB; the largest
/// shipped lesson is under 40 KB).
inline constexpr std::size_t kMaxScenarioFileBytes = std::size_t{1} << 20;
/// Largest user-data file read (progress.json, preferences.ini), in bytes.
inline constexpr std::size_t kMaxUserDataFileBytes = std::size_t{1} << 20;
/// Longest key (or table header name) accepted in a TOML text, in bytes.
inline constexpr std::size_t kMaxTomlKeyBytes = 128;
/// Most parts of a dotted key (`a.b.c` has 3) or table header name.
inline constexpr int kMaxTomlDottedParts = 16;
/// Deepest nesting of arrays and inline tables (`[[1]]` is 2), table headers included.
inline constexpr int kMaxTomlNesting = 32;

/// Ranges of the numbers in scenario and lesson files (docs/scenario-format.md
/// and docs/lesson-format.md, "Limits"): wide enough for any teaching run,
/// small enough that no tick sum can overflow and no run can grow without
/// bound.
/// Largest tick a file names: `at`, `until`, max_ticks (10^9).
inline constexpr std::int64_t kMaxFileTick = 1'000'000'000;
/// Largest delay or timeout in ticks: delay_ticks_min/max, retransmit_ticks,
/// fd_timeout_ticks, client_retry_ticks, a delay's `ticks` (10^6).
inline constexpr std::int64_t kMaxFileDelayTicks = 1'000'000;
/// Largest max_steps (10^6; the default is 100,000).
inline constexpr std::int64_t kMaxFileSteps = 1'000'000;
/// Largest count, occurrence, choice index, slot or rnd in a file (10^6).
inline constexpr std::int64_t kMaxFileCount = 1'000'000;

/// Reads the whole file at `path` if it is a regular file of at most
/// `max_bytes` bytes. Never blocks (a FIFO is opened non-blocking and
/// refused) and never reads more than max_bytes + 1 bytes. `what` names the
/// file in messages ("scenario file", "lesson file", "progress file").
/// On failure returns nullopt and sets `error` to {path, 0, 0, sentence}:
/// cannot open, a directory, not a regular file, too large, a read error.
std::optional<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes, std::string_view what,
                                             LoadError& error);

/// Checks a TOML text before parsing: no NUL byte, valid UTF-8, only ASCII
/// outside strings and comments (TOML 1.0 keys and non-string values are
/// ASCII; a leading UTF-8 byte-order mark is allowed), keys and table names
/// of at most kMaxTomlKeyBytes bytes and kMaxTomlDottedParts parts, nesting
/// of at most kMaxTomlNesting. Returns the first problem as
/// {path, line, column (bytes, from 1), what was expected}, or nullopt.
std::optional<LoadError> check_toml_text(std::string_view text, const std::string& path);

/// check_toml_text, then toml::parse. On failure returns nullopt and sets
/// `error` (a TOML syntax error carries toml++'s position and description,
/// prefixed "expected valid TOML: "). Never throws.
std::optional<toml::table> parse_toml_checked(const std::string& text, const std::string& path, LoadError& error);

/// `s` cut to at most `max_chars` bytes (on a UTF-8 boundary) with "..."
/// appended when cut, and control characters (bytes below 0x20 and 0x7F)
/// written as \n, \t, \r or \xHH: safe to echo in a one-line message or
/// print to a terminal.
std::string shorten_for_message(std::string_view s, std::size_t max_chars = 80);

/// Control characters of `s` escaped as in shorten_for_message, nothing cut
/// (newlines kept when `keep_newlines`): text from a file made safe for a terminal.
std::string escape_control(std::string_view s, bool keep_newlines = true);

}  // namespace paxoslab
