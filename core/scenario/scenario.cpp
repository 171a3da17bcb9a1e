#include "core/scenario/scenario.hpp"

#include "core/scenario/input_limits.hpp"

namespace paxoslab {

std::string LoadError::to_string() const {
  std::string s = file.empty() ? std::string("<scenario>") : file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  // Bounded and free of control characters whatever a file put in it, so a
  // terminal or the app can always show it.
  return shorten_for_message(s + ": " + message, kMaxLoadErrorChars);
}

}  // namespace paxoslab
