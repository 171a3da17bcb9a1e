// Knobs by name: the keys of a scenario's [knobs] table (docs/scenario-format.md),
// set from text, so that `paxos-lab-cli run|search|compare|sweep --knob NAME=VALUE`
// can override a knob without editing the file.
//
// The knobs are those of StageKnobs (core/sim/config.hpp; docs/protocol.md, "Knobs
// that make good lessons"), with the same names, values and ranges as in a
// scenario file: retransmit_ticks, fd_timeout_ticks, quorum_size, learn_mode,
// round_numbering, client_retry_ticks, client_mode.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/sim/config.hpp"

namespace paxoslab {

/// The knob names, in the order docs/scenario-format.md lists them.
std::vector<std::string> knob_names();

/// "retransmit_ticks (an integer >= 1), ..., client_mode (closed-loop | open-loop)":
/// every knob with the values it takes, for help texts and error messages.
std::string knob_help();

/// Sets knob `name` of `config` from its text `value` (as written after `=`
/// in a scenario file, without quotes: `quorum_size` `1`, `learn_mode`
/// `leader`). Integers are decimal; quorum_size is 0 (a majority) to
/// config.servers, so set the cluster size first. Returns an empty string on
/// success; else a sentence naming the problem and what is valid (an unknown
/// name lists every knob name; a bad value says the range or the choices,
/// e.g. "quorum_size: expected an integer from 0 to 3, got '9'"), and
/// `config` is left unchanged.
std::string apply_knob(SimConfig& config, std::string_view name, std::string_view value);

/// apply_knob for one "NAME=VALUE" assignment (spaces around either side are
/// not allowed). Errors as apply_knob's, or "expected NAME=VALUE ..." when
/// there is no '='.
std::string apply_knob_assignment(SimConfig& config, std::string_view assignment);

}  // namespace paxoslab
