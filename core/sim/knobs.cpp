#include "core/sim/knobs.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

namespace paxoslab {

namespace {

/// One knob: its name, the values it takes, and how to set it.
struct KnobSpec {
  std::string_view name;
  /// Integer knobs: the range ([min, max]; max_is_servers: max = config.servers).
  bool integer = true;
  std::int64_t min = 0;
  bool max_is_servers = false;
  /// Choice knobs: the values, in enum order.
  std::vector<std::string_view> choices;
  void (*set)(StageKnobs&, std::int64_t) = nullptr;
};

std::vector<KnobSpec> specs() {
  return {
      {"retransmit_ticks", true, 1, false, {}, [](StageKnobs& k, std::int64_t v) { k.retransmit_ticks = v; }},
      {"fd_timeout_ticks", true, 1, false, {}, [](StageKnobs& k, std::int64_t v) { k.fd_timeout_ticks = v; }},
      {"quorum_size", true, 0, true, {}, [](StageKnobs& k, std::int64_t v) { k.quorum_size = static_cast<int>(v); }},
      {"learn_mode", false, 0, false, {"all", "leader"},
       [](StageKnobs& k, std::int64_t v) { k.learn_mode = v == 0 ? LearnMode::ToAll : LearnMode::ToLeaderThenCommit; }},
      {"round_numbering", false, 0, false, {"preassigned", "server_id"},
       [](StageKnobs& k, std::int64_t v) {
         k.round_numbering = v == 0 ? RoundNumbering::Preassigned : RoundNumbering::ServerId;
       }},
      {"client_retry_ticks", true, 0, false, {}, [](StageKnobs& k, std::int64_t v) { k.client_retry_ticks = v; }},
      {"client_mode", false, 0, false, {"closed-loop", "open-loop"},
       [](StageKnobs& k, std::int64_t v) { k.client_mode = v == 0 ? ClientMode::ClosedLoop : ClientMode::OpenLoop; }},
  };
}

std::string values_of(const KnobSpec& s) {
  if (s.integer)
    return s.max_is_servers ? "an integer from " + std::to_string(s.min) + " (a majority) to the number of servers"
                            : "an integer >= " + std::to_string(s.min);
  std::string out;
  for (std::size_t i = 0; i < s.choices.size(); ++i) out += (i ? " | " : "") + std::string(s.choices[i]);
  return out;
}

/// The knob's value as an integer (a choice: its index); an error sentence otherwise.
std::string parse_value(const KnobSpec& s, const SimConfig& config, std::string_view text, std::int64_t& out) {
  const std::string got = "got '" + std::string(text) + "'";
  if (!s.integer) {
    for (std::size_t i = 0; i < s.choices.size(); ++i)
      if (text == s.choices[i]) {
        out = static_cast<std::int64_t>(i);
        return {};
      }
    return std::string(s.name) + ": expected one of " + values_of(s) + ", " + got;
  }
  const std::int64_t max = s.max_is_servers ? config.servers : std::numeric_limits<std::int64_t>::max();
  const std::string range = s.max_is_servers ? "from " + std::to_string(s.min) + " (a majority) to " +
                                                   std::to_string(max) + " (the servers)"
                                             : "of at least " + std::to_string(s.min);
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || ptr != end || v < s.min || v > max)
    return std::string(s.name) + ": expected an integer " + range + ", " + got;
  out = v;
  return {};
}

}  // namespace

std::vector<std::string> knob_names() {
  std::vector<std::string> out;
  for (const auto& s : specs()) out.emplace_back(s.name);
  return out;
}

std::string knob_help() {
  std::string out;
  for (const auto& s : specs()) out += (out.empty() ? "" : ", ") + std::string(s.name) + " (" + values_of(s) + ")";
  return out;
}

std::string apply_knob(SimConfig& config, std::string_view name, std::string_view value) {
  for (const auto& s : specs()) {
    if (s.name != name) continue;
    std::int64_t v = 0;
    if (std::string e = parse_value(s, config, value, v); !e.empty()) return e;
    SimConfig changed = config;
    s.set(changed.knobs, v);
    if (std::string e = validate(changed); !e.empty()) return std::string(name) + ": " + e;
    config = std::move(changed);
    return {};
  }
  std::string names;
  for (const auto& n : knob_names()) names += (names.empty() ? "" : ", ") + n;
  return "unknown knob '" + std::string(name) + "'; expected one of " + names;
}

std::string apply_knob_assignment(SimConfig& config, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return "expected NAME=VALUE (e.g. quorum_size=1), got '" + std::string(assignment) + "'; knobs: " + knob_help();
  return apply_knob(config, assignment.substr(0, eq), assignment.substr(eq + 1));
}

}  // namespace paxoslab
