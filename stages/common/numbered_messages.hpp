// Helpers shared by Stages 1-3, whose messages are numbered by the leader's
// sequence number j (the paper's Accept(m, j) and Learn(m, j), Figs. 3-9).
// Header-only: tiny, and used by three stage folders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"

namespace paxoslab::stages {

/// Accept(m, j) / Learn(m, j): `kind` with request m numbered j (rnd stays 0).
inline Payload numbered(MsgKind kind, RequestId m, std::int64_t j) { return Payload::of(kind, 0, j, m); }

/// "Accept(m2, 1)" - the paper's notation, via core describe().
inline std::string numbered_text(MsgKind kind, RequestId m, std::int64_t j) {
  return describe(numbered(kind, m, j));
}

/// "m1 m2" ("-" for none).
inline std::string list_requests(const std::vector<RequestId>& requests) {
  std::string s;
  for (RequestId x : requests) s += (s.empty() ? "" : " ") + to_string(x);
  return s.empty() ? "-" : s;
}

}  // namespace paxoslab::stages
