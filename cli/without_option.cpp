#include "cli/without_option.hpp"

#include "cli/knob_option.hpp"
#include "core/sim/variant.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

CLI::Option* add_without_option(CLI::App& cmd, std::vector<std::string>& out) {
  return cmd.add_option("--without", out,
                        "Switch rule RULE of the stage off and run that variant: the stage follows the rule's "
                        "documented alternative (e.g. --without durable-promise: a restarted server forgets its "
                        "promise); repeatable. 'paxos-lab-cli rules --stage N' lists the rules and what each "
                        "one's absence means")
      ->type_name("RULE")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

bool apply_without_options(const std::vector<std::string>& flags, const StageInfo& stage, StageKnobs& knobs,
                           CliIo& io, std::string_view command) {
  std::vector<std::string> all = knobs.without;
  all.insert(all.end(), flags.begin(), flags.end());
  // A rule named twice (by the file and a flag, or two flags) is simply off.
  all = normalized_without(std::move(all));
  if (const std::string e = check_without(stage, all); !e.empty()) {
    io.err << "paxos-lab-cli " << command << ": --without: " << e << "\n";
    io.exit_code = kExitBadInput;
    return false;
  }
  knobs.without = std::move(all);
  return true;
}

bool apply_scenario_without(const std::vector<std::string>& flags, const StageInfo& stage, Scenario& scenario,
                            CliIo& io, std::string_view command) {
  if (const std::string e = check_without(stage, scenario.config.knobs.without); !e.empty()) {
    LoadError err{scenario.path, scenario.without_line, scenario.without_column,
                  "'without' in [scenario]: " + e};
    io.err << err.to_string() << "\n";
    io.exit_code = kExitBadInput;
    return false;
  }
  return apply_without_options(flags, stage, scenario.config.knobs, io, command);
}

std::string without_flags(const std::vector<std::string>& without) {
  std::string s;
  for (const auto& id : without) s += " --without " + id;
  return s;
}

bool apply_variant_options(const std::vector<std::string>& knobs, const std::vector<std::string>& without,
                           int stage_number, SimConfig& config, CliIo& io, std::string_view command) {
  if (!apply_knob_options(knobs, config, io, command)) return false;
  const auto stage = find_stage(stage_number);
  return !stage || apply_without_options(without, *stage, config.knobs, io, command);
}

}  // namespace paxoslab::cli
