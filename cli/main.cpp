// paxos-lab-cli: registers every subcommand (cli/commands.hpp) and runs one.
#include <unistd.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  paxoslab::cli::CliIo io{std::cout, std::cerr};
  io.progress = isatty(STDERR_FILENO) == 1;
  CLI::App app;
  paxoslab::cli::configure_app(app);
  paxoslab::cli::add_stages_command(app, io);
  paxoslab::cli::add_run_command(app, io);
  paxoslab::cli::add_search_command(app, io);
  paxoslab::cli::add_sweep_command(app, io);
  paxoslab::cli::add_compare_command(app, io);
  paxoslab::cli::add_lessons_command(app, io);
  return paxoslab::cli::run_app(app, argc, argv, io);
}
