// Stage 4 LeaderChange, what others see of a server: the state hash the
// break-finder uses to skip repeated states, the Paxos state the protocol
// invariants read, and the app's inspector view.
#include <algorithm>
#include <iterator>

#include "core/sim/hash.hpp"
#include "stages/stage4_leader_change/server.hpp"

#include <algorithm>

namespace paxoslab::stage4 {

std::uint64_t LeaderChange::state_hash() const {
  Hasher h;
  h.add(static_cast<std::uint64_t>(self_.value));
  h.add(static_cast<std::uint64_t>(promised_));
  h.add(static_cast<std::uint64_t>(applied_));
  for (int m : executed_) h.add(static_cast<std::uint64_t>(m));
  h.add(static_cast<std::uint64_t>(slots_.size()));
  for (const auto& [slot, st] : slots_) {
    h.add(static_cast<std::uint64_t>(slot));
    h.add(static_cast<std::uint64_t>(st.vrnd));
    h.add(static_cast<std::uint64_t>(st.vval.value));
    h.add(static_cast<std::uint64_t>(st.decided));
    h.add(static_cast<std::uint64_t>(st.decided_value.value));
    h.add(static_cast<std::uint64_t>(st.decided_rnd));
    h.add(static_cast<std::uint64_t>(st.learns.size()));
    for (const auto& [rnd, t] : st.learns) {
      h.add(static_cast<std::uint64_t>(rnd));
      h.add(static_cast<std::uint64_t>(t.value.value));
      h.add(static_cast<std::uint64_t>(t.from.mask()));
    }
  }
  h.add(static_cast<std::uint64_t>(role_));
  h.add(static_cast<std::uint64_t>(round_));
  h.add(static_cast<std::uint64_t>(max_seen_));
  h.add(static_cast<std::uint64_t>(promises_.mask()));
  h.add(static_cast<std::uint64_t>(best_.size()));
  for (const auto& [slot, e] : best_) {
    h.add(static_cast<std::uint64_t>(slot));
    h.add(static_cast<std::uint64_t>(e.vrnd));
    h.add(static_cast<std::uint64_t>(e.vval.value));
  }
  h.add(static_cast<std::uint64_t>(next_slot_));
  h.add(static_cast<std::uint64_t>(caught_up_));
  h.add(static_cast<std::uint64_t>(backoff_));
  h.add(static_cast<std::uint64_t>(backing_off_));
  h.add(static_cast<std::uint64_t>(queue_.size()));
  for (RequestId m : queue_) h.add(static_cast<std::uint64_t>(m.value));
  // Timer ids differ between equivalent runs; whether one is armed does not.
  h.add(static_cast<std::uint64_t>(timer_.valid()));
  return h.value();
}

namespace {
const char* role_name(LeaderChange::Role r) {
  switch (r) {
    case LeaderChange::Role::Follower: return "follower";
    case LeaderChange::Role::Candidate: return "candidate";
    case LeaderChange::Role::Leader: return "leader";
    case LeaderChange::Role::Blocked: return "leader (blocked)";
  }
  return "server";
}
}  // namespace

bool LeaderChange::paxos_state(PaxosState& out) const {
  out.promised = promised_;
  out.slots.clear();
  for (const auto& [slot, st] : slots_)
    out.slots.push_back(PaxosState::Slot{slot, st.vrnd, st.vval, st.decided, st.decided_value});
  return true;
}

ServerView LeaderChange::view() const {
  ServerView v;
  v.role = role_name(role_);
  v.rnd = round_;
  v.promised = promised_;
  v.executed_upto = applied_;
  if (leading()) v.promisers = promises_.mask();
  if (role_ == Role::Candidate) {
    // Phase 1 (Fig. 10), or, pre-empted again, its back-off before a higher round.
    v.waiting = backing_off_ ? "back-off, then a round above " + std::to_string(std::max(max_seen_, promised_))
                             : "Promise(rnd " + std::to_string(round_) + ")";
  } else if (role_ == Role::Leader) {
    int open = 0;
    for (const auto& [slot, st] : slots_) {
      if (st.decided || st.vrnd != round_) continue;
      if (open++ == 0) v.waiting = describe(Payload::accept(round_, slot, st.vval));  // "Accept(rnd 4, slot 2, m3)"
    }
    if (open > 1) v.waiting += " +" + std::to_string(open - 1);
  }
  v.fields.emplace_back("round", round_ > 0 ? std::to_string(round_) : "-");
  v.fields.emplace_back("promised rnd", std::to_string(promised_));
  v.fields.emplace_back("highest rnd seen", std::to_string(max_seen_));
  if (role_ == Role::Candidate)
    v.fields.emplace_back("promises", backing_off_ ? "- (backing off)"
                                                   : to_string(promises_, "-") + " (need " +
                                                         std::to_string(promise_quorum_) + ")");
  if (leading()) v.fields.emplace_back("phase-1 retries", std::to_string(backoff_));
  if (role_ == Role::Leader) v.fields.emplace_back("next slot", std::to_string(next_slot_));
  v.fields.emplace_back("executed up to slot", std::to_string(applied_));
  std::string q;
  for (RequestId m : queue_) q += (q.empty() ? "" : " ") + to_string(m);
  v.fields.emplace_back("queue", q.empty() ? "-" : q);
  v.fields.emplace_back("quorum", std::to_string(quorum_) + (learn_mode_ == LearnMode::ToAll ? " (learns to all)"
                                                                                          : " (learns to leader, Commit)"));
  for (const auto& [slot, st] : slots_) {
    ServerView::SlotRow row;
    row.slot = slot;
    row.vrnd = st.vrnd;
    row.vval = st.vval;
    row.decided = st.decided;
    row.decided_value = st.decided_value;
    row.decided_rnd = st.decided ? st.decided_rnd : 0;
    row.quorum = st.decided_by.mask();
    const std::int64_t shown = st.decided ? st.decided_rnd : (st.learns.empty() ? 0 : std::prev(st.learns.end())->first);
    const auto it = st.learns.find(shown);
    row.learns = it == st.learns.end() ? "-" : "rnd " + std::to_string(shown) + ": " + to_string(it->second.from, "-");
    v.slots.push_back(std::move(row));
  }
  return v;
}

}  // namespace paxoslab::stage4
