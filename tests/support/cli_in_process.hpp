// Runs paxos-lab-cli in-process for the CLI tests: the real command-line
// parsing (cli/app.hpp) with the given subcommands, output captured.
#pragma once

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace paxoslab::cli::testing {

/// What one in-process run printed and returned.
struct CliResult {
  int code = -1;    ///< run_app's exit code.
  std::string out;  ///< Standard output.
  std::string err;  ///< Standard error.
};

/// Adds one subcommand (add_run_command, add_search_command, ...).
using AddCommand = void (*)(CLI::App&, CliIo&);

/// Runs `paxos-lab-cli <args>` with exactly `commands` registered.
inline CliResult run_cli(std::vector<std::string> args,
                         std::initializer_list<AddCommand> commands) {
  std::ostringstream out, err;
  CliIo io{out, err};
  CLI::App app;
  configure_app(app);
  for (AddCommand add : commands) add(app, io);
  args.insert(args.begin(), "paxos-lab-cli");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  CliResult r;
  r.code = run_app(app, static_cast<int>(argv.size()), argv.data(), io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace paxoslab::cli::testing
