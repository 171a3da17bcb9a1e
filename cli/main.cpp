// paxos-lab-cli: registers every subcommand (cli/commands.hpp) and runs one.
#include <unistd.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "cli/terminal_safe.hpp"

int main(int argc, char** argv) {
  // Everything printed passes through the control-character filter: names
  // and messages from a file cannot send terminal escape codes.
  paxoslab::cli::TerminalSafeBuf out_buf(std::cout.rdbuf());
  paxoslab::cli::TerminalSafeBuf err_buf(std::cerr.rdbuf());
  std::ostream out(&out_buf);
  std::ostream err(&err_buf);
  err.setf(std::ios::unitbuf);
  paxoslab::cli::CliIo io{out, err};
  io.progress = isatty(STDERR_FILENO) == 1;
  CLI::App app;
  paxoslab::cli::configure_app(app);
  paxoslab::cli::add_stages_command(app, io);
  paxoslab::cli::add_rules_command(app, io);
  paxoslab::cli::add_run_command(app, io);
  paxoslab::cli::add_search_command(app, io);
  paxoslab::cli::add_sweep_command(app, io);
  paxoslab::cli::add_compare_command(app, io);
  paxoslab::cli::add_lessons_command(app, io);
  return paxoslab::cli::run_app(app, argc, argv, io);
}
