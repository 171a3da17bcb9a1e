#include "cli/terminal_safe.hpp"

#include <cstdio>
#include <string_view>

namespace paxoslab::cli {

namespace {

/// Carriage return + "erase line": the only control sequence let through,
/// written as one piece by the CLI's own progress line; harmless from a file.
constexpr std::string_view kClearLine = "\r\033[K";

bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
}

}  // namespace

bool TerminalSafeBuf::put_escaped(char c) {
  char buf[5];
  const int n = c == '\r' ? std::snprintf(buf, sizeof buf, "\\r")
                          : std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
  return target_->sputn(buf, n) == n;
}

TerminalSafeBuf::int_type TerminalSafeBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  if (is_control(c)) return put_escaped(c) ? ch : traits_type::eof();
  return traits_type::eq_int_type(target_->sputc(c), traits_type::eof()) ? traits_type::eof() : ch;
}

std::streamsize TerminalSafeBuf::xsputn(const char* s, std::streamsize n) {
  std::streamsize start = 0;
  for (std::streamsize i = 0; i < n; ++i) {
    if (!is_control(s[i])) continue;
    if (s[i] == '\r' && std::string_view(s + i, static_cast<std::size_t>(n - i)).starts_with(kClearLine)) {
      i += static_cast<std::streamsize>(kClearLine.size()) - 1;  // the CLI's own progress line (cmd_sweep.cpp)
      continue;
    }
    if (target_->sputn(s + start, i - start) != i - start || !put_escaped(s[i])) return i;
    start = i + 1;
  }
  if (target_->sputn(s + start, n - start) != n - start) return start;
  return n;
}

int TerminalSafeBuf::sync() { return target_->pubsync(); }

}  // namespace paxoslab::cli
