// Simulation: read-only views (servers, clients, timers, liveness, state hash).
#include <algorithm>

#include "core/sim/hash.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab {

const Server& Simulation::server(ServerId s) const { return *slot(s).server; }
bool Simulation::crashed(ServerId s) const { return valid_server(s) && slot(s).crashed; }
const std::vector<RequestId>& Simulation::executed(ServerId s) const { return *slot(s).executed; }

ClientId Simulation::owner_of(RequestId m) const {
  if (m.value <= 0 || static_cast<std::size_t>(m.value) >= request_owner_->size()) return {};
  return (*request_owner_)[static_cast<std::size_t>(m.value)];
}

std::vector<RequestId> Simulation::reply_state(const ClientState::ReplyRecord& r) const {
  if (!valid_server(r.server)) return {};
  const auto& sigma = *slot(r.server).executed;
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max<std::int64_t>(0, r.state_len)), sigma.size());
  return {sigma.begin(), sigma.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::vector<TimerInfo> Simulation::timers() const {
  std::vector<TimerInfo> out;
  out.reserve(timers_.size());
  for (const auto& [id, t] : timers_) out.push_back(t);
  return out;
}

const TimerInfo* Simulation::timer(TimerId id) const {
  const auto it = timers_.find(id.value);
  return it == timers_.end() ? nullptr : &it->second;
}

LivenessReport Simulation::liveness() const {
  LivenessReport r;
  bool script_left = false;
  for (std::size_t i = 0; i < script_.size(); ++i)
    if (!script_done_[i] && !script_[i].when.after) script_left = true;
  r.quiescent = network_.in_flight().empty() && timers_.empty() && !script_left && effects_.empty();
  for (int s = 1; s <= config_.servers; ++s) {
    if (slot(ServerId{s}).crashed) continue;
    const auto& sigma = *slot(ServerId{s}).executed;
    for (const auto& c : *clients_)
      for (RequestId m : c.sent)
        if (std::find(sigma.begin(), sigma.end(), m) == sigma.end()) r.missing.emplace_back(ServerId{s}, m);
  }
  std::string waiting;  // closed-loop clients whose next request can never be sent
  for (const auto& c : *clients_)
    if (!c.waiting.empty())
      waiting += (waiting.empty() ? "" : ", ") + to_string(c.id) + "'s " + to_string(c.waiting.front()) +
                 " waits for a reply to " + (c.unanswered.empty() ? std::string("?") : to_string(c.unanswered.front()));
  r.stuck = r.quiescent && (!r.missing.empty() || !waiting.empty());
  bool unanswered = !waiting.empty();
  for (const auto& c : *clients_) unanswered = unanswered || !c.unanswered.empty();
  const Tick period = std::max(config_.knobs.retransmit_ticks, config_.knobs.fd_timeout_ticks);
  if (!r.quiescent && (!r.missing.empty() || unanswered) && now_ - last_progress_tick_ >= kNoProgressPeriods * period) {
    r.no_progress = true;
    r.no_progress_reason = no_progress_reason();
  }
  if (r.stuck && r.missing.empty()) {
    r.explanation = "Stuck: no message is in flight and no timer is armed, so nothing can change any more, yet " +
                    waiting + " that will never come.";
  } else if (r.stuck) {
    // "S2 lacks m1 and m2, S3 lacks m2": grouped by server (missing is in
    // server order), at most 6 requests named.
    std::string who;
    std::size_t named = 0;
    for (std::size_t i = 0; i < r.missing.size() && named < 6;) {
      const ServerId s = r.missing[i].first;
      std::size_t end = i;
      while (end < r.missing.size() && r.missing[end].first == s && named + (end - i) < 6) ++end;
      who += (who.empty() ? "" : ", ") + to_string(s) + " lacks ";
      for (std::size_t k = i; k < end; ++k)
        who += (k == i ? "" : k + 1 == end ? " and " : ", ") + to_string(r.missing[k].second);
      named += end - i;
      i = end;
    }
    if (r.missing.size() > named) who += ", ...";
    r.explanation = "Stuck: no message is in flight and no timer is armed, so nothing can change any more, yet " + who + ".";
  } else if (r.quiescent) {
    r.explanation = "Finished: every live server executed every request.";
  } else if (r.no_progress) {
    r.explanation = "No progress: " + (r.no_progress_reason.empty() ? "" : r.no_progress_reason + "; ") +
                    "nothing executed since t=" + std::to_string(last_progress_tick_) +
                    " although timers keep firing and requests are outstanding.";
  } else if (!r.missing.empty()) {
    r.explanation = "Still running: " + std::to_string(r.missing.size()) +
                    (r.missing.size() == 1 ? " execution" : " executions") + " outstanding.";
  } else {
    r.explanation = "Every request is executed everywhere; timers or messages are still pending.";
  }
  return r;
}

std::string Simulation::no_progress_reason() const {
  // "S2 crashed", "S2 and S3 crashed", "S1, S2 and S4 crashed".
  std::vector<int> down;
  for (int s = 1; s <= config_.servers; ++s)
    if (slot(ServerId{s}).crashed) down.push_back(s);
  std::string crashed;
  for (std::size_t i = 0; i < down.size(); ++i)
    crashed += (i == 0 ? "" : i + 1 == down.size() ? " and " : ", ") + to_string(ServerId{down[i]});
  if (!crashed.empty()) crashed += " crashed";
  // Stages 3 and 4 need a majority (a quorum) of servers that can talk both
  // ways: find the largest such group of live servers.
  std::vector<int> best;
  std::vector<bool> placed(static_cast<std::size_t>(config_.servers) + 1, false);
  for (int s = 1; s <= config_.servers; ++s) {
    if (placed[static_cast<std::size_t>(s)] || slot(ServerId{s}).crashed) continue;
    std::vector<int> group{s};
    placed[static_cast<std::size_t>(s)] = true;
    for (std::size_t i = 0; i < group.size(); ++i)
      for (int t = 1; t <= config_.servers; ++t)
        if (!placed[static_cast<std::size_t>(t)] && reaches(ServerId{group[i]}, ServerId{t}) &&
            reaches(ServerId{t}, ServerId{group[i]})) {
          placed[static_cast<std::size_t>(t)] = true;
          group.push_back(t);
        }
    if (group.size() > best.size()) best = group;
  }
  std::string reason;
  if (stage_->number >= 3 && static_cast<int>(best.size()) < config_.quorum()) {
    std::string who;
    for (std::size_t i = 0; i < best.size(); ++i)
      who += (i == 0 ? "" : i + 1 == best.size() ? " and " : ", ") + to_string(ServerId{best[i]});
    reason = "no majority reachable: " + (best.empty() ? std::string("no server is up") : who + (best.size() == 1 ? " alone" : "")) +
             " of " + std::to_string(config_.servers);
    if (!crashed.empty()) reason += " (" + crashed + ")";
  } else if (!crashed.empty()) {
    reason = crashed;
  }
  return reason;  // empty: no cause the cluster's state can name
}

std::uint64_t Simulation::state_hash(CrashedServers crashed) const {
  Hasher h;
  hash_servers(h, crashed);
  hash_in_flight_and_timers(h);
  hash_clients(h);
  hash_links(h);
  hash_script_and_effects(h);
  return h.value();
}

void Simulation::hash_servers(Hasher& h, CrashedServers crashed) const {
  for (int i = 1; i <= config_.servers; ++i) {
    const ServerSlot& sl = slot(ServerId{i});
    h.add(sl.crashed ? 1 : 0);
    if (!sl.crashed || crashed == CrashedServers::Kept) {
      h.add(stage_->uses_failure_detector ? fd_.suspected(ServerId{i}) : 0u);
      h.add(stage_->uses_failure_detector ? fd_.kept(ServerId{i}) : 0u);
      h.add(server_hash(ServerId{i}));
    }
    h.add(sl.executed->size());
    for (RequestId m : *sl.executed) h.add(static_cast<std::uint64_t>(m.value));
  }
}

void Simulation::hash_in_flight_and_timers(Hasher& h) const {
  // Multisets: order-independent sums of mixed element hashes.
  std::uint64_t flight = 0;
  for (const auto& [id, f] : network_.in_flight()) {
    Hasher e;
    e.add(static_cast<std::uint64_t>(f.envelope.from.role) << 8 | static_cast<std::uint64_t>(f.envelope.from.index));
    e.add(static_cast<std::uint64_t>(f.envelope.to.role) << 8 | static_cast<std::uint64_t>(f.envelope.to.index));
    e.add(f.payload_hash);
    flight += e.value();
  }
  h.add(flight);
  std::uint64_t timers = 0;
  for (const auto& [id, t] : timers_) {
    Hasher e;
    e.add(static_cast<std::uint64_t>(t.owner.role) << 8 | static_cast<std::uint64_t>(t.owner.index));
    e.add(static_cast<std::uint64_t>(t.kind));
    e.add(static_cast<std::uint64_t>(t.tag));
    timers += e.value();
  }
  h.add(timers);
}

void Simulation::hash_clients(Hasher& h) const {
  for (const auto& c : *clients_) {
    h.add(c.sent.size());
    for (RequestId m : c.sent) h.add(static_cast<std::uint64_t>(m.value));
    if (!c.waiting.empty()) {
      h.add(c.waiting.size());
      for (RequestId m : c.waiting) h.add(static_cast<std::uint64_t>(m.value));
    }
    std::uint64_t replies = 0;  // a multiset, as above
    for (const auto& r : c.replies) {
      Hasher e;
      e.add(static_cast<std::uint64_t>(r.server.value));
      e.add(static_cast<std::uint64_t>(r.request.value));
      e.add(static_cast<std::uint64_t>(r.state_len));
      replies += e.value();
    }
    h.add(replies);
  }
}

void Simulation::hash_links(Hasher& h) const {
  // Which links are up (cuts and the partition together), then the fault
  // rules by name and uses left.
  links_.hash_connectivity(h);
  for (const auto& f : links_.filters()) {
    h.add(f.name);
    h.add(static_cast<std::uint64_t>(f.count));
  }
}

void Simulation::hash_script_and_effects(Hasher& h) const {
  for (auto d : script_done_) h.add(d);
  for (const auto& a : after_) h.add(static_cast<std::uint64_t>(a.seen));
  // Effects in progress (none between the break-finder's choices, so its
  // hashes are as before): their order matters, ids do not.
  for (const auto& w : effects_) {
    h.add(static_cast<std::uint64_t>(w.kind));
    h.add(static_cast<std::uint64_t>(w.server.value));
    h.add(static_cast<std::uint64_t>(w.peer.value));
    h.add(w.effect.index());
    if (const auto* send = std::get_if<SendEffect>(&w.effect)) {
      h.add(static_cast<std::uint64_t>(send->to.role) << 8 | static_cast<std::uint64_t>(send->to.index));
      h.add(hash_payload(send->payload));
    } else if (const auto* x = std::get_if<ExecuteEffect>(&w.effect)) {
      h.add(static_cast<std::uint64_t>(x->request.value));
    }
  }
}

}  // namespace paxoslab
