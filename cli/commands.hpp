// The subcommands of paxos-lab-cli, one file each (cli/cmd_<name>.cpp).
// To add one: declare add_<name>_command here, define it in its own file,
// and call it in cli/main.cpp. Each registers a CLI11 subcommand on `app`
// whose callback writes to io.out / io.err and sets io.exit_code
// (see cli/app.hpp). `io` must outlive app.parse().
#pragma once

#include <CLI/CLI.hpp>

#include "cli/app.hpp"

namespace paxoslab::cli {

/// `stages [--rules]`: one line per protocol stage (number, the paper's name, what it does).
void add_stages_command(CLI::App& app, CliIo& io);

/// `rules [--stage N] [--json]`: the rules each stage follows (stages/rules.hpp).
void add_rules_command(CLI::App& app, CliIo& io);

/// `run FILE [--stage N] [--seed S] [--json] [--max-steps K] [--max-ticks T] [--no-trace] [--knob NAME=VALUE]...
/// [--write-golden]`:
/// loads a scenario file, runs it, prints the trace and a verdict (or one JSON object).
void add_run_command(CLI::App& app, CliIo& io);

/// `search --stage N [--servers K] [--clients C] [--requests R] [--max-losses D] [--max-crashes X]
/// [--max-suspicions Y] [--max-restarts R] [--max-partitions P] [--safety-only] [--max-reorders Z] [--max-depth L]
/// [--max-states M] [--knob NAME=VALUE]... [--out FILE] [--json] [--quiet]`: the break-finder
/// (core/search); writes the shortest counterexample as a scenario file (cli/cmd_search.cpp).
void add_search_command(CLI::App& app, CliIo& io);

/// `compare FILE --stages A,B [--seed S] [--json] [--knob NAME=VALUE]...`: the same scenario against two stages in lockstep;
/// both verdicts and the first difference (cli/cmd_compare.cpp, core/compare/compare.hpp).
void add_compare_command(CLI::App& app, CliIo& io);

/// `sweep [--stage N] [--servers K] [--seeds N] [--first-seed S] [--quorum Q] [--json] [-v]`: the
/// random-fault sweep (core/sweep/sweep.hpp): violations, executed everywhere, quiet, faults per run (cli/cmd_sweep.cpp).
void add_sweep_command(CLI::App& app, CliIo& io);

/// `lessons list [PATH] [-v]` and `lessons verify [PATH] [-v]`: the lesson track (lessons/,
/// docs/lesson-format.md); verify runs every lesson and exercise solution headless (cli/cmd_lessons.cpp).
void add_lessons_command(CLI::App& app, CliIo& io);

}  // namespace paxoslab::cli
