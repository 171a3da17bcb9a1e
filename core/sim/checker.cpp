#include "core/sim/checker.hpp"

#include <algorithm>

namespace paxoslab {

const char* to_string(Violation::Kind k) {
  switch (k) {
    case Violation::Kind::Divergence: return "divergence";
    case Violation::Kind::DoubleExecution: return "double-execution";
    case Violation::Kind::UnsentRequest: return "unsent-request";
    case Violation::Kind::ClientOrder: return "client-order";
    case Violation::Kind::PromiseDecreased: return "promise-decreased";
    case Violation::Kind::AcceptBelowPromise: return "accept-below-promise";
    case Violation::Kind::DecidedDisagree: return "decided-disagree";
    case Violation::Kind::DecidedChanged: return "decided-changed";
    case Violation::Kind::AcceptConflict: return "accept-conflict";
  }
  return "?";
}

std::vector<std::string> violation_kind_names() {
  std::vector<std::string> out;
  for (int i = 0; i < kViolationKindCount; ++i) out.emplace_back(to_string(static_cast<Violation::Kind>(i)));
  return out;
}

bool is_protocol_invariant(Violation::Kind k) { return k >= Violation::Kind::PromiseDecreased; }

const char* to_string(Warning::Kind k) {
  switch (k) {
    case Warning::Kind::DivergedNotObserved: return "diverged-not-observed";
  }
  return "?";
}

const char* display_name(Warning::Kind k) {
  switch (k) {
    case Warning::Kind::DivergedNotObserved: return "diverged, not observed";
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
      sigma_(static_cast<std::size_t>(servers)),
      revealed_(static_cast<std::size_t>(servers), 0),
      order_(static_cast<std::size_t>(servers)),
      diverged_(static_cast<std::size_t>(servers), false),
      warned_(static_cast<std::size_t>(servers), false),
      crashed_(static_cast<std::size_t>(servers), false),
      replies_seen_(static_cast<std::size_t>(servers)) {}

void SafetyChecker::on_request_sent(RequestId m, ClientId c) {
  if (m.value <= 0) return;
  const auto i = static_cast<std::size_t>(m.value);
  if (sent_.size() <= i) {
    sent_.resize(i + 1, 0);
    sent_info_.resize(i + 1);
  }
  if (sent_[i]) return;  // a resend keeps its first place in the order
  sent_[i] = 1;
  if (c.value < 1) return;
  const auto ci = static_cast<std::size_t>(c.value);
  if (client_sent_count_.size() <= ci) client_sent_count_.resize(ci + 1, 0);
  sent_info_[i] = SentInfo{c, client_sent_count_[ci]++};
}

std::size_t SafetyChecker::observed_len(ServerId s) const {
  const auto si = index(s);
  return crashed_[si] ? std::min(revealed_[si], sigma_[si].size()) : sigma_[si].size();
}

Witness SafetyChecker::server_witness(ServerId s, std::span<const RequestId> state) const {
  Witness w;
  w.who = NodeId::of(s);
  w.state.assign(state.begin(), state.end());
  w.description = to_string(s) + " executed " + format_state(w.state);
  if (crashed_[index(s)]) w.description += " (then crashed)";
  std::string clients;
  for (const auto& [c, len] : replies_seen_[index(s)]) {
    std::vector<RequestId> seen(state.begin(), state.begin() + std::min<std::int64_t>(len, static_cast<std::int64_t>(state.size())));
    clients += (clients.empty() ? "" : ", ") + to_string(c) + " got " + format_state(seen);
  }
  if (!clients.empty()) w.description += "; " + clients;
  return w;
}

void SafetyChecker::on_execute(Tick now, ServerId s, std::span<const RequestId> sigma) {
  if (sigma.empty() || s.value < 1 || s.value > servers_) return;
  const auto si = index(s);
  const RequestId m = sigma.back();
  auto& own = sigma_[si];
  if (own.size() + 1 == sigma.size()) {
    own.push_back(m);
  } else {
    own.assign(sigma.begin(), sigma.end());
  }

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
  bool again = false;
  if (m.value > 0) {
    auto& ex = executed_[si];
    if (ex.size() <= static_cast<std::size_t>(m.value)) ex.resize(static_cast<std::size_t>(m.value) + 1, 0);
    if (ex[static_cast<std::size_t>(m.value)]) {
      again = true;
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
  if (!again) check_client_order(now, s, sigma);

  // Prefix-comparability: only the last element is new. A crashed server's
  // execution (cannot happen) is not observed.
  if (diverged_[si] || crashed_[si]) return;
  observe(now, s, sigma.size() - 1, sigma.size(), {});
}

void SafetyChecker::check_client_order(Tick now, ServerId s, std::span<const RequestId> sigma) {
  const RequestId m = sigma.back();
  if (m.value <= 0 || static_cast<std::size_t>(m.value) >= sent_info_.size()) return;
  const SentInfo& info = sent_info_[static_cast<std::size_t>(m.value)];
  if (info.client.value < 1) return;
  auto& marks = order_[index(s)];
  const auto ci = static_cast<std::size_t>(info.client.value);
  if (marks.size() <= ci) marks.resize(ci + 1);
  OrderMark& mark = marks[ci];
  if (info.order > mark.order) {
    mark.order = info.order;
    mark.request = m;
    return;
  }
  if (mark.reported) return;
  mark.reported = true;
  Violation v;
  v.kind = Violation::Kind::ClientOrder;
  v.tick = now;
  v.witnesses.push_back(server_witness(s, sigma));
  v.explanation = to_string(s) + " executed " + to_string(info.client) + "'s " + to_string(m) + " after its " +
                  to_string(mark.request) + ", but " + to_string(info.client) + " sent " + to_string(m) + " first: " +
                  "one client's requests must execute in the order that client sent them.";
  violations_.push_back(std::move(v));
}

void SafetyChecker::observe(Tick now, ServerId s, std::size_t from, std::size_t to, const std::string& why) {
  const auto si = index(s);
  const auto& sigma = sigma_[si];
  to = std::min(to, sigma.size());
  for (std::size_t k = from; k < to; ++k) {
    const RequestId m = sigma[k];
    if (k < longest_.size()) {
      if (longest_[k] == m) continue;
    } else {
      longest_.push_back(m);  // k == size: every earlier position matched
      longest_owner_ = s;
      check_crashed_tails(now, k);
      continue;
    }
    const ServerId other = longest_owner_;
    if (other == s) return;  // cannot happen: a server always extends its own state
    diverged_[si] = true;
    Violation v;
    v.kind = Violation::Kind::Divergence;
    v.tick = now;
    const std::vector<RequestId> other_state = longest_;
    v.witnesses.push_back(server_witness(other, other_state));
    v.witnesses.push_back(server_witness(s, std::span<const RequestId>(sigma.data(), k + 1)));
    v.explanation = to_string(other) + "'s state " + format_state(other_state) + " and " + to_string(s) +
                    "'s state " + format_state(v.witnesses[1].state) + " are not prefixes of one another: position " +
                    std::to_string(k + 1) + " is " + to_string(other_state[k]) + " at " + to_string(other) + " but " +
                    to_string(m) + " at " + to_string(s) + "." + why;
    violations_.push_back(std::move(v));
    return;
  }
}

void SafetyChecker::check_crashed_tails(Tick now, std::size_t k) {
  for (int c = 1; c <= servers_; ++c) {
    const ServerId cs{c};
    const auto ci = index(cs);
    if (!crashed_[ci] || diverged_[ci] || warned_[ci] || cs == longest_owner_) continue;
    const auto& sigma = sigma_[ci];
    if (sigma.size() <= k || sigma[k] == longest_[k]) continue;
    warned_[ci] = true;
    Warning w;
    w.kind = Warning::Kind::DivergedNotObserved;
    w.tick = now;
    w.server = cs;
    w.witnesses.push_back(server_witness(cs, sigma));
    w.witnesses.push_back(server_witness(longest_owner_, longest_));
    w.explanation = to_string(cs) + " diverged, not observed: it executed " + format_state(sigma) +
                    " before it crashed, and " + to_string(longest_owner_) + " holds " + format_state(longest_) +
                    " (position " + std::to_string(k + 1) + " differs), but no client got a reply revealing " +
                    to_string(cs) + "'s " + to_string(sigma[k]) +
                    ". Safety holds while no one can see it; a restart of " + to_string(cs) +
                    " or a late reply from it would make it a violation.";
    warnings_.push_back(std::move(w));
  }
}

void SafetyChecker::rebuild_chain() {
  longest_.clear();
  longest_owner_ = ServerId{};
  std::size_t best = 0;
  for (int s = 1; s <= servers_; ++s) {
    const ServerId id{s};
    if (diverged_[index(id)]) continue;
    const std::size_t len = observed_len(id);
    if (!longest_owner_.valid() || len > best) {
      best = len;
      longest_owner_ = id;
    }
  }
  if (longest_owner_.valid()) {
    const auto& sigma = sigma_[index(longest_owner_)];
    longest_.assign(sigma.begin(), sigma.begin() + static_cast<std::ptrdiff_t>(best));
  }
}

void SafetyChecker::on_crash(Tick, ServerId s) {
  if (s.value < 1 || s.value > servers_ || crashed_[index(s)]) return;
  crashed_[index(s)] = true;
  // Its unrevealed tail is no longer observed: the chain may shrink (every
  // observed state was a prefix of the old chain, so the new one is too, and
  // the crashed server's sigma stays comparable with it).
  rebuild_chain();
}

void SafetyChecker::on_restart(Tick now, ServerId s) {
  if (s.value < 1 || s.value > servers_ || !crashed_[index(s)]) return;
  const std::size_t before = observed_len(s);
  crashed_[index(s)] = false;
  if (diverged_[index(s)]) return;
  observe(now, s, before, sigma_[index(s)].size(),
          " " + to_string(s) + " restarted, so its whole state can be observed again.");
}

void SafetyChecker::on_reply(Tick now, ClientId c, ServerId s, std::int64_t state_len) {
  if (s.value < 1 || s.value > servers_) return;
  const auto si = index(s);
  auto& seen = replies_seen_[si];
  if (seen.size() < 64) seen.emplace_back(c, state_len);
  const std::size_t before = observed_len(s);
  revealed_[si] = std::max(revealed_[si], static_cast<std::size_t>(std::max<std::int64_t>(0, state_len)));
  if (!crashed_[si] || diverged_[si]) return;  // a live server's reply is a prefix of its observed sigma
  observe(now, s, before, observed_len(s),
          " " + to_string(c) + " got a reply from " + to_string(s) + " after it crashed, revealing its state.");
}

}  // namespace paxoslab
