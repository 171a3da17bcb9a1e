// Output that a file cannot use to control the terminal: the CLI
// prints names, descriptions and error messages taken from scenario and
// lesson files, so every byte it writes passes through this filter, which
// writes control characters (below 0x20 except newline and tab, and 0x7F)
// as \xHH (\r as \r), except the one sequence "\r ESC [K" (go to the start
// of the line and erase it) that the CLI's progress line writes in one piece.
// JSON output is unchanged: its strings are already escaped by the JSON writer.
#pragma once

#include <ostream>
#include <streambuf>

namespace paxoslab::cli {

/// A stream buffer forwarding to `target` with control characters escaped.
class TerminalSafeBuf : public std::streambuf {
 public:
  explicit TerminalSafeBuf(std::streambuf* target) : target_(target) {}

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool put_escaped(char c);
  std::streambuf* target_;
};

}  // namespace paxoslab::cli
