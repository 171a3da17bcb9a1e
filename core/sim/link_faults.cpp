#include "core/sim/link_faults.hpp"

#include <algorithm>

#include "core/sim/hash.hpp"

namespace paxoslab {

LinkFaults::LinkFaults(int servers, int clients, LinkRules defaults, std::vector<LinkOverride> overrides)
    : servers_(servers),
      clients_(clients),
      defaults_(defaults),
      overrides_(std::move(overrides)),
      cut_(static_cast<std::size_t>((servers + clients) * (servers + clients)), 0),
      group_(static_cast<std::size_t>(servers), 0) {}

std::size_t LinkFaults::index(NodeId n) const {
  if (n.is_server() && n.index >= 1 && n.index <= servers_) return static_cast<std::size_t>(n.index - 1);
  if (n.is_client() && n.index >= 1 && n.index <= clients_)
    return static_cast<std::size_t>(servers_ + n.index - 1);
  return static_cast<std::size_t>(-1);
}

bool LinkFaults::connected(NodeId a, NodeId b) const {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return false;
  if (cut_[ia * n + ib]) return false;
  if (a.is_server() && b.is_server() && partitioned_)
    return group_[ia] == group_[ib];
  return true;
}

void LinkFaults::hash_connectivity(Hasher& h) const {
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  const std::size_t servers = static_cast<std::size_t>(servers_);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      bool up = cut_[a * n + b] == 0;
      if (up && partitioned_ && a < servers && b < servers) up = group_[a] == group_[b];
      h.add(up ? 1 : 0);
    }
  }
}

void LinkFaults::set_cut(NodeId a, NodeId b, bool cut) {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return;
  cut_[ia * n + ib] = cut ? 1 : 0;
}

bool LinkFaults::cut(NodeId a, NodeId b) const {
  const std::size_t ia = index(a), ib = index(b);
  const std::size_t n = static_cast<std::size_t>(servers_ + clients_);
  if (ia >= n || ib >= n) return false;
  return cut_[ia * n + ib] != 0;
}

void LinkFaults::partition(const std::vector<std::vector<ServerId>>& groups) {
  const int rest = static_cast<int>(groups.size()) + 1;
  std::fill(group_.begin(), group_.end(), rest);
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (ServerId s : groups[g])
      if (s.value >= 1 && s.value <= servers_) group_[static_cast<std::size_t>(s.value - 1)] = static_cast<int>(g) + 1;
  partitioned_ = true;
}

void LinkFaults::heal() {
  std::fill(group_.begin(), group_.end(), 0);
  partitioned_ = false;
}

int LinkFaults::group_of(ServerId s) const {
  if (s.value < 1 || s.value > servers_) return 0;
  return group_[static_cast<std::size_t>(s.value - 1)];
}

LinkRules LinkFaults::rules(NodeId a, NodeId b) const {
  LinkRules r = defaults_;
  for (const auto& o : overrides_) {
    const bool from_ok = !o.from.valid() || o.from == a;
    const bool to_ok = !o.to.valid() || o.to == b;
    if (from_ok && to_ok) r = o.rules;
  }
  return r;
}

void LinkFaults::set_rules(NodeId from, NodeId to, const LinkRules& rules) {
  if (!from.valid() && !to.valid()) {
    defaults_ = rules;
    overrides_.clear();
    return;
  }
  overrides_.push_back(LinkOverride{from, to, rules});
}

void LinkFaults::add_filter(const FilterAction& f) {
  for (auto& existing : filters_) {
    if (!f.name.empty() && existing.name == f.name) {
      existing = f;
      return;
    }
  }
  filters_.push_back(f);
}

bool LinkFaults::remove_filter(const std::string& name) {
  const auto it = std::find_if(filters_.begin(), filters_.end(),
                               [&](const FilterAction& f) { return f.name == name; });
  if (it == filters_.end()) return false;
  filters_.erase(it);
  return true;
}

bool LinkFaults::take_filter(const Envelope& env, FilterAction& out) {
  for (auto it = filters_.begin(); it != filters_.end(); ++it) {
    if (!it->pattern.matches(env)) continue;
    out = *it;
    if (it->count > 0 && --it->count == 0) filters_.erase(it);
    return true;
  }
  return false;
}

SendFate LinkFaults::fate(const Envelope& env, const LinkRules& rules, Rng& rng) {
  SendFate out;
  if (!connected(env.from, env.to)) {
    out.lost = cut(env.from, env.to) ? "lost: the link " + to_string(env.from) + "->" + to_string(env.to) + " is cut"
                                     : "lost: " + to_string(env.from) + " and " + to_string(env.to) + " are partitioned";
    return out;
  }
  FilterAction f;
  if (take_filter(env, f)) {
    const std::string rule = f.name.empty() ? std::string("a fault rule") : "rule '" + f.name + "'";
    switch (f.effect) {
      case FilterAction::Effect::Lose: out.lost = "lost by " + rule; return out;
      case FilterAction::Effect::Duplicate: out.duplicate = true; break;
      case FilterAction::Effect::Delay:
        out.held_back = true;
        out.held_back_ticks = f.delay_ticks;
        out.held_back_by = rule;
        break;
    }
  }
  if (rng.chance(rules.loss_probability)) {
    out.lost = "lost at random (link loss probability " + std::to_string(rules.loss_probability).substr(0, 4) + ")";
    return out;
  }
  if (rng.chance(rules.duplicate_probability)) out.duplicate = true;
  return out;
}

}  // namespace paxoslab
