#include "core/checker.hpp"

#include <algorithm>

namespace paxoslab {

const char* to_string(Violation::Kind k) {
  switch (k) {
    case Violation::Kind::Divergence: return "divergence";
    case Violation::Kind::DoubleExecution: return "double-execution";
    case Violation::Kind::UnsentRequest: return "unsent-request";
  }
  return "?";
}

namespace {
// Decimal digits of v (v >= 0).
std::size_t digit_count(unsigned long long v) {
  std::size_t n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}
}  // namespace

void append_state(std::string& out, std::span<const RequestId> state) {
  // Same text as joining to_string(m) with spaces inside <>, but sized once
  // and written through a pointer: the reply line of every run carries a whole
  // state, so this is on the simulator's hot path.
  std::size_t len = 2 + (state.empty() ? 0 : state.size() - 1);
  for (const RequestId m : state) {
    if (m.value == 0) {
      len += 4;  // "noop"
    } else {
      const long long v = m.value;
      len += 1 + (v < 0 ? 1 : 0) + digit_count(v < 0 ? 0ULL - static_cast<unsigned long long>(v)
                                                     : static_cast<unsigned long long>(v));
    }
  }
  const std::size_t base = out.size();
  out.resize(base + len);
  char* p = out.data() + base;
  *p++ = '<';
  for (std::size_t i = 0; i < state.size(); ++i) {
    if (i) *p++ = ' ';
    const long long v = state[i].value;
    if (v == 0) {
      for (char c : {'n', 'o', 'o', 'p'}) *p++ = c;
      continue;
    }
    *p++ = 'm';
    unsigned long long n = static_cast<unsigned long long>(v);
    if (v < 0) {
      *p++ = '-';
      n = 0ULL - n;
    }
    const std::size_t d = digit_count(n);
    for (std::size_t k = d; k > 0; --k) {
      p[k - 1] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
    p += d;
  }
  *p = '>';
}

std::string format_state(const std::vector<RequestId>& state) {
  std::string s;
  append_state(s, state);
  return s;
}

SafetyChecker::SafetyChecker(int servers)
    : servers_(servers),
      executed_(static_cast<std::size_t>(servers)),
      diverged_(static_cast<std::size_t>(servers), false),
      crashed_(static_cast<std::size_t>(servers), false),
      replies_seen_(static_cast<std::size_t>(servers)) {}

void SafetyChecker::on_request_sent(RequestId m) {
  if (m.value <= 0) return;
  const auto i = static_cast<std::size_t>(m.value);
  if (sent_.size() <= i) sent_.resize(i + 1, 0);
  sent_[i] = 1;
}

void SafetyChecker::set_crashed(ServerId s, bool crashed) {
  if (s.value >= 1 && s.value <= servers_) crashed_[static_cast<std::size_t>(s.value - 1)] = crashed;
}

Witness SafetyChecker::server_witness(ServerId s, std::span<const RequestId> state) const {
  Witness w;
  w.who = NodeId::of(s);
  w.state.assign(state.begin(), state.end());
  w.description = to_string(s) + " executed " + format_state(w.state);
  if (crashed_[static_cast<std::size_t>(s.value - 1)]) w.description += " (then crashed)";
  std::string clients;
  for (const auto& [c, len] : replies_seen_[static_cast<std::size_t>(s.value - 1)]) {
    std::vector<RequestId> seen(state.begin(), state.begin() + std::min<std::int64_t>(len, static_cast<std::int64_t>(state.size())));
    clients += (clients.empty() ? "" : ", ") + to_string(c) + " got " + format_state(seen);
  }
  if (!clients.empty()) w.description += "; " + clients;
  return w;
}

void SafetyChecker::on_execute(Tick now, ServerId s, std::span<const RequestId> sigma) {
  if (sigma.empty() || s.value < 1 || s.value > servers_) return;
  const auto si = static_cast<std::size_t>(s.value - 1);
  const RequestId m = sigma.back();

  // Only requests a client sent may be executed.
  if (m.value > 0 && (static_cast<std::size_t>(m.value) >= sent_.size() || !sent_[static_cast<std::size_t>(m.value)])) {
    Violation v;
    v.kind = Violation::Kind::UnsentRequest;
    v.tick = now;
    v.witnesses.push_back(server_witness(s, sigma));
    v.explanation = to_string(s) + " executed " + to_string(m) + ", which no client sent.";
    violations_.push_back(std::move(v));
  }
  // No request executed twice.
  if (m.value > 0) {
    auto& ex = executed_[si];
    if (ex.size() <= static_cast<std::size_t>(m.value)) ex.resize(static_cast<std::size_t>(m.value) + 1, 0);
    if (ex[static_cast<std::size_t>(m.value)]) {
      Violation v;
      v.kind = Violation::Kind::DoubleExecution;
      v.tick = now;
      v.witnesses.push_back(server_witness(s, sigma));
      v.explanation = to_string(s) + " executed " + to_string(m) + " a second time; its state " +
                      format_state(v.witnesses[0].state) + " repeats a request.";
      violations_.push_back(std::move(v));
    }
    ex[static_cast<std::size_t>(m.value)] = 1;
  }

  // Prefix-comparability against the longest state so far. The previous
  // prefix of sigma was already checked, so only the last element is new. A
  // server already reported as diverged is left out (one report per server).
  if (diverged_[si]) return;
  const std::size_t k = sigma.size() - 1;
  if (k < longest_.size()) {
    if (longest_[k] == m) return;
  } else if (k == longest_.size()) {
    longest_.push_back(m);
    longest_owner_ = s;
    return;
  }
  // Diverged from the longest state (k > size cannot happen: earlier prefix matched).
  const ServerId other = longest_owner_;
  if (other == s) return;  // cannot happen: a server always extends its own state
  diverged_[si] = true;
  Violation v;
  v.kind = Violation::Kind::Divergence;
  v.tick = now;
  std::vector<RequestId> other_state = longest_;
  v.witnesses.push_back(server_witness(other, other_state));
  v.witnesses.push_back(server_witness(s, sigma));
  v.explanation = to_string(other) + "'s state " + format_state(other_state) + " and " + to_string(s) +
                  "'s state " + format_state(v.witnesses[1].state) + " are not prefixes of one another: position " +
                  std::to_string(k + 1) + " is " + to_string(other_state[k]) + " at " + to_string(other) +
                  " but " + to_string(m) + " at " + to_string(s) + ".";
  violations_.push_back(std::move(v));
}

void SafetyChecker::on_reply(ClientId c, ServerId s, std::int64_t state_len) {
  if (s.value < 1 || s.value > servers_) return;
  auto& seen = replies_seen_[static_cast<std::size_t>(s.value - 1)];
  if (seen.size() < 64) seen.emplace_back(c, state_len);
}

}  // namespace paxoslab
