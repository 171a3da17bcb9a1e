#include "cli/knob_option.hpp"

#include "core/sim/knobs.hpp"

namespace paxoslab::cli {

CLI::Option* add_knob_option(CLI::App& cmd, std::vector<std::string>& out) {
  return cmd.add_option("--knob", out,
                        "Override a knob, NAME=VALUE; repeatable, applied in order after the file's [knobs] "
                        "(e.g. --knob quorum_size=1 --knob learn_mode=leader). Knobs: " + knob_help())
      ->type_name("NAME=VALUE")
      ->allow_extra_args(false)  // one assignment per --knob: `--knob a=1 FILE` leaves FILE alone
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

bool apply_knob_options(const std::vector<std::string>& knobs, SimConfig& config, CliIo& io,
                        std::string_view command) {
  for (const auto& k : knobs) {
    if (const std::string e = apply_knob_assignment(config, k); !e.empty()) {
      io.err << "paxos-lab-cli " << command << ": --knob: " << e << "\n";
      io.exit_code = kExitBadInput;
      return false;
    }
  }
  return true;
}

}  // namespace paxoslab::cli
