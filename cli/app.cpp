#include "cli/app.hpp"

#include <cerrno>
#include <cstring>

#include <exception>
#include <string>

namespace paxoslab::cli {

void configure_app(CLI::App& app) {
  app.name("paxos-lab-cli");
  app.description(
      "Paxos Lab, headless: runs scripted scenarios of the protocol stages of \"Paxos Explained from Scratch\" "
      "(Meling and Jehl, OPODIS 2013) and reports what happened.");
  app.footer(
      "Scenario files are TOML: [scenario] (name, stage, servers, clients, seed, limits), [link] rules, "
      "[knobs], one [[step]] per client request or fault (at a tick or after a named event), and the [expect]ed "
      "outcome; see docs/scenario-format.md and the examples in scenarios/.\n"
      "Exit codes: 0 = the command completed (a run that finds a safety violation or gets stuck still exits 0); "
      "2 = bad file or bad flag (one line on stderr, file:line:col: ...); 1 = internal error.");
  app.require_subcommand(1);
}

int run_app(CLI::App& app, int argc, const char* const* argv, CliIo& io) {
  // CLI11 reports a mistyped command as "A subcommand is required"; name it.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string known;
    bool found = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
      found = found || sub->check_name(word);
    }
    if (!found) {
      io.err << "paxos-lab-cli: unknown command '" << word << "'; expected one of " << known
             << " (run 'paxos-lab-cli --help')\n";
      return kExitBadInput;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {  // --help, --help-all
      app.exit(e, io.out, io.err);
      return kExitOk;
    }
    io.err << "paxos-lab-cli: " << e.what() << " (run 'paxos-lab-cli --help')\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    io.err << "paxos-lab-cli: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  // A report cut short (a full disk, a closed pipe) must not exit as if complete.
  if (!io.out.flush()) {
    io.err << "paxos-lab-cli: cannot write the output: " << std::strerror(errno) << "\n";
    return kExitInternal;
  }
  return io.exit_code;
}

bool refuse(CliIo& io, const std::string& message) {
  io.err << message << "\n";
  io.exit_code = kExitBadInput;
  return false;
}

}  // namespace paxoslab::cli
