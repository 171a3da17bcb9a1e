// The frame every paxos-lab-cli command runs in: where output goes, the exit
// code a command sets, and parsing with the tool's exit-code rules.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace paxoslab::cli {

/// Exit codes of paxos-lab-cli.
inline constexpr int kExitOk = 0;           ///< The command completed (whatever a run's verdict).
inline constexpr int kExitInternal = 1;     ///< A bug: an unexpected exception.
inline constexpr int kExitBadInput = 2;     ///< A bad flag, a bad or missing file.

/// Output streams and the exit code, shared by the app and its commands
/// (commands write only here, so tests can capture them).
struct CliIo {
  std::ostream& out;
  std::ostream& err;
  int exit_code = kExitOk;
  /// `err` is an interactive terminal: long commands may draw progress there
  /// (a line rewritten in place). False in tests and pipes.
  bool progress = false;
};

/// Sets the tool's name, description and help footer on `app` (the scenario
/// format in a sentence and a pointer to docs/scenario-format.md) and makes
/// a subcommand required. Call before adding commands.
void configure_app(CLI::App& app);

/// Parses argv and runs the chosen command's callback. Returns the exit code:
/// 0 for --help; 2 with one line on io.err for any parse error (unknown or
/// malformed flag, missing argument - never CLI11's own codes); otherwise
/// the code the command set in io.exit_code; 1 if a command threw.
int run_app(CLI::App& app, int argc, const char* const* argv, CliIo& io);

/// A command's refusal: writes `message` and a newline to io.err, sets
/// io.exit_code to kExitBadInput (2) and returns false, so a step can end
/// with `return refuse(io, "...")`.
bool refuse(CliIo& io, const std::string& message);

}  // namespace paxoslab::cli
