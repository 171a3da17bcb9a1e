// Writes scenarios back as TOML text (docs/scenario-format.md): the inverse
// of core/scenario/scenario_loader.hpp for everything a program makes - the sweep's
// failing runs (`paxos-lab-cli sweep --write-failures DIR`) and the
// break-finder's counterexamples (core/search/scenario_writer.hpp).
//
// Round trip: loading the text of scenario_toml(s) gives back s's config,
// script (without source lines), limits and expectation, so `paxos-lab-cli
// run` replays the written file to the same trace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/scenario/scenario.hpp"
#include "core/sim/script.hpp"

namespace paxoslab {

/// A TOML basic string: `"..."` with `"`, `\` and control characters escaped.
std::string toml_quoted(const std::string& s);
/// A TOML float that reads back as exactly `v` (shortest round-trip form, always with a '.' or exponent).
std::string toml_float(double v);

/// `key = "value"\n`.
std::string toml_line(const std::string& key, const std::string& value);
/// `key = 42\n`.
std::string toml_line(const std::string& key, std::int64_t value);
/// `without = ["rule-a", "rule-b"]\n` for the rules a variant switches off
/// (StageKnobs::without); empty for the full stage.
std::string without_toml(const std::vector<std::string>& without);

/// The keys of a message filter (kind, from, to, request, slot, rnd), one line each, only those set.
std::string pattern_toml(const MessagePattern& p);

/// The body of one [[step]] table for `a` (without the trigger and the
/// header line), e.g. "do = \"crash\"\nserver = \"S1\"\n". Every action has a
/// form; an action selected by message id writes `message = N` (ids replay
/// exactly), one selected by a filter its keys and `nth` when above 1
/// (docs/scenario-format.md, "Naming one message").
std::string action_toml(const Action& a);

/// One whole [[step]] table (header, trigger, action), e.g.
/// "[[step]]\nat = 40\ndo = \"crash\"\nserver = \"S1\"\n".
std::string step_toml(const ScriptStep& s);

/// The whole file for `s`: [scenario] (name, figure, description, stage,
/// servers, clients, seed, max_steps, max_ticks, without), [link] with its overrides,
/// [knobs] (every knob, so the file does not depend on defaults), the
/// [[step]] script and [expect]. `header` (may be empty) goes first, each of
/// its lines as a '#' comment. A scenario with a [[choose]] schedule is not
/// written by this function (the break-finder has its own writer).
std::string scenario_toml(const Scenario& s, const std::string& header = {});

}  // namespace paxoslab
