#include "core/sim/config.hpp"

#include <string>

namespace paxoslab {

namespace {
std::string check_rules(const LinkRules& r, const std::string& where) {
  if (r.delay_ticks_min < 1) return where + "delay_ticks_min must be at least 1";
  if (r.delay_ticks_max < r.delay_ticks_min)
    return where + "delay_ticks_max must be at least delay_ticks_min";
  if (!(r.loss_probability >= 0.0 && r.loss_probability <= 1.0))
    return where + "loss_probability must be between 0 and 1";
  if (!(r.duplicate_probability >= 0.0 && r.duplicate_probability <= 1.0))
    return where + "duplicate_probability must be between 0 and 1";
  return {};
}
}  // namespace

std::string validate(const SimConfig& c) {
  if (c.stage < 0 || c.stage > 4) return "stage must be between 0 and 4";
  if (c.servers < 1 || c.servers > 7) return "servers must be between 1 and 7";
  if (c.clients < 1 || c.clients > 9) return "clients must be between 1 and 9";
  if (auto e = check_rules(c.link, ""); !e.empty()) return e;
  for (const auto& o : c.link_overrides)
    if (auto e = check_rules(o.rules, "link " + to_string(o.from) + "->" + to_string(o.to) + ": ");
        !e.empty())
      return e;
  if (c.knobs.retransmit_ticks < 1) return "retransmit_ticks must be at least 1";
  if (c.knobs.fd_timeout_ticks < 1) return "fd_timeout_ticks must be at least 1";
  if (c.knobs.quorum_size < 0 || c.knobs.quorum_size > c.servers)
    return "quorum_size must be between 0 (majority) and the number of servers";
  if (c.knobs.client_retry_ticks < 0) return "client_retry_ticks must be 0 (off) or positive";
  for (const auto& id : c.knobs.without)
    if (id.empty() || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
      return "without: a rule id is lowercase letters, digits and '-' (see 'paxos-lab-cli rules')";
  return {};
}

}  // namespace paxoslab
