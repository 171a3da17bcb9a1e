#include "core/scenario.hpp"

namespace paxoslab {

std::string LoadError::to_string() const {
  std::string s = file.empty() ? std::string("<scenario>") : file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s + ": " + message;
}

}  // namespace paxoslab
