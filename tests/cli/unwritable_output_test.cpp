// An output that cannot be written (a full disk, a closed pipe) ends the
// command with exit 1 and a message on stderr (cli/app.hpp, run_app), not
// with exit 0 after a cut-short report.
#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>

#include "cli/app.hpp"
#include "cli/commands.hpp"

namespace paxoslab::cli {
namespace {

/// Refuses every character, like a stream on a full disk.
class FullDiskBuf : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
};

/// Runs `paxos-lab-cli stages` writing to `out`; returns the exit code.
int run_stages(std::ostream& out, std::ostringstream& err) {
  CliIo io{out, err};
  CLI::App app;
  configure_app(app);
  add_stages_command(app, io);
  const char* argv[] = {"paxos-lab-cli", "stages"};
  return run_app(app, 2, argv, io);
}

TEST(UnwritableOutput, ExitsOneWithAMessage) {
  FullDiskBuf full;
  std::ostream out(&full);
  std::ostringstream err;
  EXPECT_EQ(run_stages(out, err), 1);
  EXPECT_NE(err.str().find("paxos-lab-cli: cannot write the output"), std::string::npos) << err.str();
}

TEST(UnwritableOutput, AWritableOutputStillExitsZero) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_stages(out, err), 0) << err.str();
  EXPECT_FALSE(out.str().empty());
}

}  // namespace
}  // namespace paxoslab::cli
