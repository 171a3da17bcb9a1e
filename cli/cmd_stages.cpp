// `paxos-lab-cli stages`: the catalogue of protocol stages (docs/protocol.md).
#include "cli/commands.hpp"
#include "stages/registry.hpp"

namespace paxoslab::cli {

void add_stages_command(CLI::App& app, CliIo& io) {
  CLI::App* cmd = app.add_subcommand("stages", "List the protocol stages: number, the paper's name, what it does.");
  cmd->callback([&io] {
    for (const StageInfo& s : all_stages()) {
      std::string name = s.name;
      if (name.size() < 14) name.resize(14, ' ');
      io.out << s.number << "  " << name << "  " << s.description << "\n";
    }
    io.exit_code = kExitOk;
  });
}

}  // namespace paxoslab::cli
