#include "core/sim/failure_detector.hpp"

#include <algorithm>

namespace paxoslab {

FailureDetector::FailureDetector(int servers)
    : servers_(std::clamp(servers, 0, 32)), timers_(static_cast<std::size_t>(2 * servers_ * servers_), TimerId{}) {}

bool FailureDetector::suspects(ServerId observer, ServerId peer) const {
  if (!valid(observer) || !valid(peer) || observer == peer) return false;
  return (suspected_[static_cast<std::size_t>(observer.value - 1)] & bit(peer)) != 0;
}

bool FailureDetector::keeps_suspecting(ServerId observer, ServerId peer) const {
  if (!valid(observer) || !valid(peer) || observer == peer) return false;
  return (kept_[static_cast<std::size_t>(observer.value - 1)] & bit(peer)) != 0;
}

ServerId FailureDetector::leader_of(ServerId observer) const {
  for (int i = 1; i <= servers_; ++i)
    if (!suspects(observer, ServerId{i})) return ServerId{i};
  return observer;
}

std::uint32_t FailureDetector::suspected(ServerId observer) const {
  return valid(observer) ? suspected_[static_cast<std::size_t>(observer.value - 1)] : 0u;
}

std::uint32_t FailureDetector::kept(ServerId observer) const {
  return valid(observer) ? kept_[static_cast<std::size_t>(observer.value - 1)] : 0u;
}

std::uint32_t FailureDetector::view_hearing(ServerId observer, NodeId sender) const {
  const std::uint32_t view = suspected(observer);
  if (!sender.is_server() || !valid(sender.server())) return view;
  return view & ~bit(sender.server());
}

void FailureDetector::set_suspected(ServerId observer, ServerId peer, bool suspected) {
  if (!valid(observer) || !valid(peer) || observer == peer) return;
  auto& mask = suspected_[static_cast<std::size_t>(observer.value - 1)];
  mask = suspected ? (mask | bit(peer)) : (mask & ~bit(peer));
  if (!suspected) kept_[static_cast<std::size_t>(observer.value - 1)] &= ~bit(peer);
}

void FailureDetector::set_kept(ServerId observer, ServerId peer, bool kept) {
  if (!valid(observer) || !valid(peer) || observer == peer) return;
  auto& mask = kept_[static_cast<std::size_t>(observer.value - 1)];
  mask = kept ? (mask | bit(peer)) : (mask & ~bit(peer));
}

void FailureDetector::forget(ServerId s) {
  if (!valid(s)) return;
  suspected_[static_cast<std::size_t>(s.value - 1)] = 0;
  kept_[static_cast<std::size_t>(s.value - 1)] = 0;
}

void FailureDetector::drop_timers(ServerId s) {
  if (!valid(s)) return;
  const auto n = static_cast<std::size_t>(servers_);
  const auto row = static_cast<std::size_t>(s.value - 1) * n;
  for (std::size_t table = 0; table < 2; ++table) {
    const auto first = timers_.begin() + static_cast<std::ptrdiff_t>(table * n * n + row);
    std::fill(first, first + static_cast<std::ptrdiff_t>(n), TimerId{});
  }
}

}  // namespace paxoslab
