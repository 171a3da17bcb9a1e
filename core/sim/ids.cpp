#include "core/sim/ids.hpp"

#include <cctype>

namespace paxoslab {

namespace {
// `head` followed by the decimal digits of v, exactly as head + std::to_string(v)
// but without temporaries (these names are in almost every trace line).
std::string prefixed(char head, long long v) {
  char buf[24];
  int pos = 24;
  const bool negative = v < 0;
  unsigned long long n = negative ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  do {
    buf[--pos] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  if (negative) buf[--pos] = '-';
  buf[--pos] = head;
  return std::string(buf + pos, static_cast<std::size_t>(24 - pos));
}
std::string prefixed_unsigned(char head, unsigned long long n) {
  char buf[24];
  int pos = 24;
  do {
    buf[--pos] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  buf[--pos] = head;
  return std::string(buf + pos, static_cast<std::size_t>(24 - pos));
}
}  // namespace

std::string to_string(ServerId s) { return prefixed('S', s.value); }
std::string to_string(ClientId c) { return prefixed('C', c.value); }
std::string to_string(NodeId n) {
  switch (n.role) {
    case NodeId::Role::Server: return prefixed('S', n.index);
    case NodeId::Role::Client: return prefixed('C', n.index);
    case NodeId::Role::None: break;
  }
  return "-";
}
std::string to_string(RequestId r) { return r.is_noop() ? "noop" : prefixed('m', r.value); }
std::string to_string(MessageId m) { return prefixed_unsigned('#', m.value); }
std::string to_string(TimerId t) { return prefixed_unsigned('t', t.value); }

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
