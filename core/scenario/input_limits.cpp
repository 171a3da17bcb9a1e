#include "core/scenario/input_limits.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace paxoslab {

namespace {

std::string mib_text(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

/// Closes a file descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

/// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

/// The scanner behind check_toml_text: one pass over the bytes, tracking
/// strings and comments so that only key positions and brackets outside
/// them are counted.
class TomlPrecheck {
 public:
  TomlPrecheck(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::optional<LoadError> run() {
    std::size_t i = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // byte-order mark
    seg_start_ = i;
    while (i < text_.size() && !error_) i = step(i);
    return error_;
  }

 private:
  enum class State { Normal, Comment, Basic, Literal, MlBasic, MlLiteral };

  void fail(std::size_t pos, std::string message) {
    error_ = LoadError{path_, line_, static_cast<int>(pos - line_start_ + 1), std::move(message)};
  }
  void newline(std::size_t pos) {
    ++line_;
    line_start_ = pos + 1;
  }
  void reset_segment(std::size_t next) {
    seg_start_ = next;
    dots_ = 0;
  }
  std::size_t quote_run(std::size_t i, char q) const {
    std::size_t n = 0;
    while (i + n < text_.size() && text_[i + n] == q) ++n;
    return n;
  }
  /// The key that ends at `end` (exclusive) is at most kMaxTomlKeyBytes long.
  void check_key(std::size_t end) {
    std::size_t a = seg_start_, b = end;
    while (a < b && (text_[a] == ' ' || text_[a] == '\t')) ++a;
    while (b > a && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
    if (b - a > kMaxTomlKeyBytes)
      fail(a, "expected a key of at most " + std::to_string(kMaxTomlKeyBytes) + " characters, got one of " +
                  std::to_string(b - a));
  }

  std::size_t step(std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == 0) {
      fail(i, "expected text, got a NUL byte (is this a binary file?)");
      return i;
    }
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text_, i);
      if (n == 0) fail(i, "expected UTF-8 text, got an invalid byte sequence");
      else if (state_ == State::Normal)
        fail(i, "expected ASCII outside strings and comments (keys, numbers and punctuation), got a non-ASCII character");
      return i + (n ? n : 1);
    }
    if (c == '\n') {
      newline(i);
      if (state_ == State::Comment || state_ == State::Basic || state_ == State::Literal) state_ = State::Normal;
      if (state_ == State::Normal) reset_segment(i + 1);
      return i + 1;
    }
    switch (state_) {
      case State::Normal: return normal(i, static_cast<char>(c));
      case State::Comment: return i + 1;
      case State::Basic:
        if (c == '\\') return i + 2 <= text_.size() && text_[i + 1] != '\n' ? i + 2 : i + 1;
        if (c == '"') state_ = State::Normal;
        return i + 1;
      case State::Literal:
        if (c == '\'') state_ = State::Normal;
        return i + 1;
      case State::MlBasic:
        if (c == '\\') return i + 2 <= text_.size() && text_[i + 1] != '\n' ? i + 2 : i + 1;
        if (c == '"' && quote_run(i, '"') >= 3) {
          state_ = State::Normal;
          return i + quote_run(i, '"');
        }
        return i + 1;
      case State::MlLiteral:
        if (c == '\'' && quote_run(i, '\'') >= 3) {
          state_ = State::Normal;
          return i + quote_run(i, '\'');
        }
        return i + 1;
    }
    return i + 1;
  }

  bool only_blank_before(std::size_t i) const {
    for (std::size_t k = line_start_; k < i; ++k)
      if (text_[k] != ' ' && text_[k] != '\t') return false;
    return true;
  }

  std::size_t normal(std::size_t i, char c) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r') {
      fail(i, "expected text, got the control character \\x" + hex(c));
      return i;
    }
    switch (c) {
      case '#': state_ = State::Comment; return i + 1;
      case '"':
        if (quote_run(i, '"') >= 3) {
          state_ = State::MlBasic;
          return i + 3;
        }
        state_ = State::Basic;
        return i + 1;
      case '\'':
        if (quote_run(i, '\'') >= 3) {
          state_ = State::MlLiteral;
          return i + 3;
        }
        state_ = State::Literal;
        return i + 1;
      case '=':
        check_key(i);
        reset_segment(i + 1);
        return i + 1;
      case ',': reset_segment(i + 1); return i + 1;
      case '[':
      case '{':
        if (c == '[' && depth_ == 0 && only_blank_before(i)) header_ = true;
        if (++depth_ > kMaxTomlNesting)
          fail(i, "expected arrays and tables nested at most " + std::to_string(kMaxTomlNesting) + " deep");
        reset_segment(i + 1);
        return i + 1;
      case ']':
      case '}':
        if (header_ && c == ']' && i > seg_start_) check_key(i);
        if (depth_ > 0) --depth_;
        if (depth_ == 0) header_ = false;
        reset_segment(i + 1);
        return i + 1;
      case '.':
        if (++dots_ >= kMaxTomlDottedParts)
          fail(i, "expected a dotted key of at most " + std::to_string(kMaxTomlDottedParts) + " parts");
        return i + 1;
      default: return i + 1;
    }
  }

  static std::string hex(char c) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
    return buf;
  }

  std::string_view text_;
  const std::string& path_;
  std::optional<LoadError> error_;
  State state_ = State::Normal;
  int line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t seg_start_ = 0;
  int dots_ = 0;
  int depth_ = 0;
  bool header_ = false;
};

}  // namespace

std::optional<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes, std::string_view what,
                                             LoadError& error) {
  const std::string noun(what);
  error = LoadError{path, 0, 0, {}};
  const FdCloser f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (f.fd < 0) {
    error.message = "cannot open the " + noun + " (does it exist and is it readable?)";
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    error.message = "cannot read the " + noun + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error.message = "expected a " + noun + ", got a directory";
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error.message = "expected a " + noun + " (a regular file), got a device, FIFO or socket";
    return std::nullopt;
  }
  const auto too_large = [&](std::size_t got) {
    error.message = "expected a " + noun + " of at most " + mib_text(max_bytes) + ", got " +
                    (got > max_bytes ? "one of " + std::to_string(got) + " bytes" : "a larger one");
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    too_large(static_cast<std::size_t>(st.st_size));
    return std::nullopt;
  }
  std::string text;
  text.resize(max_bytes + 1);
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(f.fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error.message = "cannot read the " + noun + ": " + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) {  // grew while being read
    too_large(0);
    return std::nullopt;
  }
  text.resize(got);
  return text;
}

std::optional<LoadError> check_toml_text(std::string_view text, const std::string& path) {
  return TomlPrecheck(text, path).run();
}

std::optional<toml::table> parse_toml_checked(const std::string& text, const std::string& path, LoadError& error) {
  if (auto e = check_toml_text(text, path)) {
    error = std::move(*e);
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    error = LoadError{path, where.line > 0 ? static_cast<int>(where.line) : 1,
                      where.column > 0 ? static_cast<int>(where.column) : 1,
                      "expected valid TOML: " + shorten_for_message(e.description(), 200)};
  } catch (const std::exception& e) {  // e.g. std::bad_alloc
    error = LoadError{path, 0, 0, std::string("cannot parse: ") + e.what()};
  }
  return std::nullopt;
}

std::string escape_control(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
      out += ch;
    } else if (c == '\n') {
      out += keep_newlines ? "\n" : "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out;
}

std::string shorten_for_message(std::string_view s, std::size_t max_chars) {
  bool cut = false;
  if (s.size() > max_chars) {
    std::size_t end = max_chars;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // UTF-8 boundary
    s = s.substr(0, end);
    cut = true;
  }
  std::string out = escape_control(s, false);
  if (cut) out += "...";
  return out;
}

}  // namespace paxoslab
