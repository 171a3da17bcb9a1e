#include "core/sim/message.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/sim/hash.hpp"

namespace paxoslab {

namespace {
constexpr std::array<const char*, kMsgKindCount> kNames = {
    "Request", "Reply", "Accept", "Learn", "Prepare", "Promise", "Commit", "Heartbeat", "Nack"};
constexpr std::array<const char*, kMsgKindCount> kShort = {"Req", "Rep",  "Acc", "Lrn",
                                                           "Prep", "Prom", "Com", "HB", "Nack"};
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

const char* to_string(MsgKind k) { return kNames[static_cast<std::size_t>(k)]; }

bool parse_msg_kind(const std::string& text, MsgKind& out) {
  const std::string t = lower(text);
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (lower(kNames[i]) == t) {
      out = static_cast<MsgKind>(i);
      return true;
    }
  }
  return false;
}

std::string short_label(const Payload& p) {
  std::string s = kShort[static_cast<std::size_t>(p.kind)];
  switch (p.kind) {
    case MsgKind::Request:
    case MsgKind::Reply: return s + " " + to_string(p.request);
    case MsgKind::Accept:
    case MsgKind::Learn:
    case MsgKind::Commit:
      if (p.rnd > 0) return s + " r" + std::to_string(p.rnd) + " s" + std::to_string(p.slot) + " " + to_string(p.request);
      if (p.slot > 0) return s + " " + to_string(p.request) + " #" + std::to_string(p.slot);
      return s + " " + to_string(p.request);
    case MsgKind::Prepare:
    case MsgKind::Promise:
    case MsgKind::Nack: return s + " r" + std::to_string(p.rnd);
    case MsgKind::Heartbeat: return s;
  }
  return s;
}

std::string describe(const Payload& p) {
  std::string s = to_string(p.kind);
  switch (p.kind) {
    case MsgKind::Request: return s + "(" + to_string(p.request) + ")";
    case MsgKind::Reply:
      return s + "(" + to_string(p.request) + ", state of " + std::to_string(p.state_len) + ")";
    case MsgKind::Accept:
    case MsgKind::Learn:
    case MsgKind::Commit:
      if (p.rnd > 0)
        return s + "(rnd " + std::to_string(p.rnd) + ", slot " + std::to_string(p.slot) + ", " +
               to_string(p.request) + ")";
      if (p.slot > 0) return s + "(" + to_string(p.request) + ", " + std::to_string(p.slot) + ")";
      return s + "(" + to_string(p.request) + ")";
    case MsgKind::Prepare: return s + "(rnd " + std::to_string(p.rnd) + ")";
    case MsgKind::Promise: {
      s += "(rnd " + std::to_string(p.rnd) + ", [";
      bool first = true;
      for (const auto& e : p.accepted) {
        if (!first) s += "; ";
        first = false;
        s += "slot " + std::to_string(e.slot) + ": vrnd " + std::to_string(e.vrnd) + " " +
             to_string(e.vval);
      }
      if (p.accepted.empty()) s += "-";
      return s + "])";
    }
    case MsgKind::Nack:
      return s + "(promised rnd " + std::to_string(p.rnd) +
             (p.slot > 0 ? ", refused Accept for slot " + std::to_string(p.slot) : std::string(", refused Prepare")) + ")";
    case MsgKind::Heartbeat: return s;
  }
  return s;
}

std::uint64_t hash_payload(const Payload& p) {
  Hasher h;
  h.add(static_cast<std::uint64_t>(p.kind));
  h.add(static_cast<std::uint64_t>(p.request.value));
  h.add(static_cast<std::uint64_t>(p.slot));
  h.add(static_cast<std::uint64_t>(p.rnd));
  h.add(static_cast<std::uint64_t>(p.state_len));
  for (const auto& e : p.accepted) {
    h.add(static_cast<std::uint64_t>(e.slot));
    h.add(static_cast<std::uint64_t>(e.vrnd));
    h.add(static_cast<std::uint64_t>(e.vval.value));
  }
  return h.value();
}

}  // namespace paxoslab
