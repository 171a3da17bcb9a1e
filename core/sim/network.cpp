#include "core/sim/network.hpp"

#include <algorithm>

namespace paxoslab {

Network::Network(int servers, int clients, LinkRules defaults, std::vector<LinkOverride> overrides)
    : servers_(servers),
      clients_(clients),
      defaults_(defaults),
      overrides_(std::move(overrides)),
      cut_(static_cast<std::size_t>((servers + clients) * (servers + clients)), 0),
      group_(static_cast<std::size_t>(servers), 0) {}

std::size_t Network::index(NodeId n) const {
  if (n.is_server() && n.index >= 1 && n.index <= servers_) return static_cast<std::size_t>(n.index - 1);
  if (n.is_client() && n.index >= 1 && n.index <= clients_)
    return static_cast<std::size_t>(servers_ + n.index - 1);
  return static_cast<std::size_t>(-1);
}

bool Network::connected(NodeId a, NodeId b) const {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return false;
  if (cut_[ia * n + ib]) return false;
  if (a.is_server() && b.is_server() && partitioned_)
    return group_[ia] == group_[ib];
  return true;
}

void Network::set_cut(NodeId a, NodeId b, bool cut) {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return;
  cut_[ia * n + ib] = cut ? 1 : 0;
}

bool Network::cut(NodeId a, NodeId b) const {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return false;
  return cut_[ia * n + ib] != 0;
}

void Network::partition(const std::vector<std::vector<ServerId>>& groups) {
  const int rest = static_cast<int>(groups.size()) + 1;
  std::fill(group_.begin(), group_.end(), rest);
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (ServerId s : groups[g])
      if (s.value >= 1 && s.value <= servers_) group_[static_cast<std::size_t>(s.value - 1)] = static_cast<int>(g) + 1;
  partitioned_ = true;
}

void Network::heal() {
  std::fill(group_.begin(), group_.end(), 0);
  partitioned_ = false;
}

int Network::group_of(ServerId s) const {
  if (s.value < 1 || s.value > servers_) return 0;
  return group_[static_cast<std::size_t>(s.value - 1)];
}

LinkRules Network::rules(NodeId a, NodeId b) const {
  LinkRules r = defaults_;
  for (const auto& o : overrides_) {
    const bool from_ok = !o.from.valid() || o.from == a;
    const bool to_ok = !o.to.valid() || o.to == b;
    if (from_ok && to_ok) r = o.rules;
  }
  return r;
}

void Network::set_rules(NodeId from, NodeId to, const LinkRules& rules) {
  if (!from.valid() && !to.valid()) {
    defaults_ = rules;
    overrides_.clear();
    return;
  }
  overrides_.push_back(LinkOverride{from, to, rules});
}

void Network::add_filter(const FilterAction& f) {
  for (auto& existing : filters_) {
    if (!f.name.empty() && existing.name == f.name) {
      existing = f;
      return;
    }
  }
  filters_.push_back(f);
}

bool Network::remove_filter(const std::string& name) {
  const auto it = std::find_if(filters_.begin(), filters_.end(),
                               [&](const FilterAction& f) { return f.name == name; });
  if (it == filters_.end()) return false;
  filters_.erase(it);
  return true;
}

bool Network::take_filter(const Envelope& env, FilterAction& out) {
  for (auto it = filters_.begin(); it != filters_.end(); ++it) {
    if (!it->pattern.matches(env)) continue;
    out = *it;
    if (it->count > 0 && --it->count == 0) filters_.erase(it);
    return true;
  }
  return false;
}

void Network::add(const Envelope& env, std::uint64_t queue_seq) {
  in_flight_[env.id.value] = InFlight{env, queue_seq};
}

const Network::InFlight* Network::find(MessageId id) const {
  const auto it = in_flight_.find(id.value);
  return it == in_flight_.end() ? nullptr : &it->second;
}

Network::InFlight* Network::find_mut(MessageId id) {
  const auto it = in_flight_.find(id.value);
  return it == in_flight_.end() ? nullptr : &it->second;
}

bool Network::remove(MessageId id) { return in_flight_.erase(id.value) > 0; }

}  // namespace paxoslab
