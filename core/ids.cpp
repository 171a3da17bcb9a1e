#include "core/ids.hpp"

#include <cctype>

namespace paxoslab {

std::string to_string(ServerId s) { return "S" + std::to_string(s.value); }
std::string to_string(ClientId c) { return "C" + std::to_string(c.value); }
std::string to_string(NodeId n) {
  switch (n.role) {
    case NodeId::Role::Server: return "S" + std::to_string(n.index);
    case NodeId::Role::Client: return "C" + std::to_string(n.index);
    case NodeId::Role::None: break;
  }
  return "-";
}
std::string to_string(RequestId r) { return r.is_noop() ? "noop" : "m" + std::to_string(r.value); }
std::string to_string(MessageId m) { return "#" + std::to_string(m.value); }
std::string to_string(TimerId t) { return "t" + std::to_string(t.value); }

namespace {
// Parses a positive decimal number made only of digits (at most 6 of them).
bool parse_positive(const std::string& digits, int& out) {
  if (digits.empty() || digits.size() > 6) return false;
  int v = 0;
  for (char ch : digits) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
    v = v * 10 + (ch - '0');
  }
  if (v <= 0) return false;
  out = v;
  return true;
}
}  // namespace

NodeId parse_node(const std::string& text) {
  if (text.size() < 2) return {};
  int v = 0;
  if (!parse_positive(text.substr(1), v)) return {};
  char head = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (head == 'S') return {NodeId::Role::Server, v};
  if (head == 'C') return {NodeId::Role::Client, v};
  return {};
}

bool parse_request(const std::string& text, RequestId& out) {
  if (text == "noop") {
    out = RequestId{0};
    return true;
  }
  if (text.size() < 2 || (text[0] != 'm' && text[0] != 'M')) return false;
  int v = 0;
  if (!parse_positive(text.substr(1), v)) return false;
  out = RequestId{v};
  return true;
}

}  // namespace paxoslab
