// `--knob NAME=VALUE` (repeatable): override a knob of the scenario or the
// command's set-up without editing a file. Used by run, search,
// compare and sweep; the names and values are those of a scenario's [knobs]
// table (core/sim/knobs.hpp, docs/scenario-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/app.hpp"
#include "core/sim/config.hpp"

namespace paxoslab::cli {

/// Adds the repeatable option `--knob NAME=VALUE` to `cmd`; each use is
/// appended to `out` in command-line order. The help text lists every knob.
CLI::Option* add_knob_option(CLI::App& cmd, std::vector<std::string>& out);

/// Applies each "NAME=VALUE" of `knobs` to `config`, in order (set the
/// cluster size first: quorum_size is checked against config.servers).
/// Returns true when all applied. On the first bad one writes
/// "paxos-lab-cli <command>: --knob: <why, with the valid names or values>"
/// to io.err, sets io.exit_code to 2 and returns false.
bool apply_knob_options(const std::vector<std::string>& knobs, SimConfig& config, CliIo& io,
                        std::string_view command);

}  // namespace paxoslab::cli
