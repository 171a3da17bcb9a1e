#include "core/sim/invariants.hpp"

#include <algorithm>
#include <string>

namespace paxoslab {

namespace {

std::string value_text(RequestId m) { return !m.is_noop() ? to_string(m) : std::string("a no-op"); }

Witness witness(ServerId s, RequestId m, std::string description) {
  Witness w;
  w.who = NodeId::of(s);
  if (!m.is_noop()) w.state.push_back(m);
  w.description = std::move(description);
  return w;
}

Violation violation(Violation::Kind kind, Tick now, std::vector<Witness> witnesses, std::string explanation) {
  Violation v;
  v.kind = kind;
  v.tick = now;
  v.witnesses = std::move(witnesses);
  v.explanation = std::move(explanation);
  return v;
}

std::string slot_text(std::int64_t slot) { return "slot " + std::to_string(slot); }

}  // namespace

ProtocolInvariants::ProtocolInvariants(int servers, std::uint32_t unchecked)
    : seen_(static_cast<std::size_t>(std::max(servers, 1))), unchecked_(unchecked) {}

bool ProtocolInvariants::first_report(Violation::Kind kind, ServerId s, std::int64_t slot) {
  if (unchecked_ & (1u << static_cast<unsigned>(kind))) return false;
  const std::pair<int, SlotKey> key{s.value, {static_cast<std::int64_t>(kind), slot}};
  if (std::find(reported_.begin(), reported_.end(), key) != reported_.end()) return false;
  reported_.push_back(key);
  return true;
}

void ProtocolInvariants::check(Tick now, ServerId s, const PaxosState& state, std::vector<Violation>& out) {
  if (s.value < 1 || static_cast<std::size_t>(s.value) > seen_.size()) return;
  const std::int64_t promised_before = seen_[static_cast<std::size_t>(s.value - 1)].promised;
  check_promise(now, s, state, out);
  for (const auto& slot : state.slots) {
    check_accepted(now, s, slot, promised_before, out);
    check_decided(now, s, slot, out);
  }
}

bool ProtocolInvariants::up_to_date(ServerId s, const PaxosState& state) const {
  if (s.value < 1 || static_cast<std::size_t>(s.value) > seen_.size()) return true;
  const Seen& seen = seen_[static_cast<std::size_t>(s.value - 1)];
  if (state.promised != seen.promised) return false;
  for (const auto& slot : state.slots) {
    if (slot.vrnd > 0) {
      const auto it = seen.accepted.find(slot.slot);
      if (it == seen.accepted.end() || !(it->second == Accepted{slot.vrnd, slot.vval})) return false;
    }
    if (slot.decided) {
      const auto it = seen.decided.find(slot.slot);
      if (it == seen.decided.end() || it->second != slot.decided_value) return false;
    }
  }
  return true;
}

void ProtocolInvariants::check_promise(Tick now, ServerId s, const PaxosState& st, std::vector<Violation>& out) {
  Seen& seen = seen_[static_cast<std::size_t>(s.value - 1)];
  if (st.promised < seen.promised && first_report(Violation::Kind::PromiseDecreased, s, 0)) {
    out.push_back(violation(
        Violation::Kind::PromiseDecreased, now,
        {witness(s, {}, to_string(s) + " promised rnd " + std::to_string(seen.promised) + ", now rnd " +
                             std::to_string(st.promised))},
        to_string(s) + "'s promise went down from rnd " + std::to_string(seen.promised) + " to rnd " +
            std::to_string(st.promised) + ": it may now accept a round it promised to ignore (a promise must "
            "survive a crash, Fig. 10)."));
  }
  seen.promised = std::max(seen.promised, st.promised);
}

void ProtocolInvariants::check_accepted(Tick now, ServerId s, const PaxosState::Slot& slot,
                                        std::int64_t promised_before, std::vector<Violation>& out) {
  if (slot.vrnd <= 0) return;
  Seen& seen = seen_[static_cast<std::size_t>(s.value - 1)];
  const Accepted now_accepted{slot.vrnd, slot.vval};
  const auto it = seen.accepted.find(slot.slot);
  if (it != seen.accepted.end() && it->second == now_accepted) return;  // nothing new accepted here
  seen.accepted[slot.slot] = now_accepted;
  if (slot.vrnd < promised_before && first_report(Violation::Kind::AcceptBelowPromise, s, slot.slot)) {
    out.push_back(violation(
        Violation::Kind::AcceptBelowPromise, now,
        {witness(s, slot.vval, to_string(s) + " accepted (rnd " + std::to_string(slot.vrnd) + ", " +
                                   value_text(slot.vval) + ") in " + slot_text(slot.slot) + " after promising rnd " +
                                   std::to_string(promised_before))},
        to_string(s) + " accepted rnd " + std::to_string(slot.vrnd) + " in " + slot_text(slot.slot) +
            " although it had promised rnd " + std::to_string(promised_before) +
            ": an acceptor must ignore rounds below its promise (Fig. 10)."));
  }
  const SlotKey key{slot.vrnd, slot.slot};
  const auto [first, inserted] = accepted_in_round_.try_emplace(key, Holder{slot.vval, s});
  if (inserted || first->second.value == slot.vval) return;
  if (!first_report(Violation::Kind::AcceptConflict, s, slot.slot)) return;
  const Holder& h = first->second;
  out.push_back(violation(
      Violation::Kind::AcceptConflict, now,
      {witness(h.server, h.value, to_string(h.server) + " accepted " + value_text(h.value) + " for (rnd " +
                                      std::to_string(slot.vrnd) + ", " + slot_text(slot.slot) + ")"),
       witness(s, slot.vval, to_string(s) + " accepted " + value_text(slot.vval) + " for the same round and slot")},
      to_string(h.server) + " and " + to_string(s) + " accepted different values (" + value_text(h.value) + ", " +
          value_text(slot.vval) + ") for rnd " + std::to_string(slot.vrnd) + " in " + slot_text(slot.slot) +
          ": one round's leader proposes one value per slot (Fig. 10)."));
}

void ProtocolInvariants::check_decided(Tick now, ServerId s, const PaxosState::Slot& slot, std::vector<Violation>& out) {
  if (!slot.decided) return;
  Seen& seen = seen_[static_cast<std::size_t>(s.value - 1)];
  const auto mine = seen.decided.find(slot.slot);
  if (mine != seen.decided.end() && mine->second != slot.decided_value &&
      first_report(Violation::Kind::DecidedChanged, s, slot.slot)) {
    out.push_back(violation(
        Violation::Kind::DecidedChanged, now,
        {witness(s, slot.decided_value, to_string(s) + " decided " + value_text(mine->second) + " in " +
                                            slot_text(slot.slot) + ", now holds " + value_text(slot.decided_value))},
        to_string(s) + " changed its decided " + slot_text(slot.slot) + " from " + value_text(mine->second) + " to " +
            value_text(slot.decided_value) + ": a decided slot never changes (Fig. 12)."));
  }
  seen.decided[slot.slot] = slot.decided_value;
  const auto [first, inserted] = decided_.try_emplace(slot.slot, Holder{slot.decided_value, s});
  if (inserted || first->second.value == slot.decided_value) return;
  if (!first_report(Violation::Kind::DecidedDisagree, s, slot.slot)) return;
  const Holder& h = first->second;
  out.push_back(violation(
      Violation::Kind::DecidedDisagree, now,
      {witness(h.server, h.value, to_string(h.server) + " decided " + value_text(h.value) + " in " + slot_text(slot.slot)),
       witness(s, slot.decided_value, to_string(s) + " decided " + value_text(slot.decided_value) + " in the same slot")},
      to_string(h.server) + " and " + to_string(s) + " decided different values for " + slot_text(slot.slot) + " (" +
          value_text(h.value) + ", " + value_text(slot.decided_value) +
          "): two quorums that should intersect did not (Fig. 12a)."));
}

}  // namespace paxoslab
