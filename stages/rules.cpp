#include "stages/rules.hpp"

#include <initializer_list>

namespace paxoslab {

namespace {

/// One row of a stage's table: a StageRule before with_switches() adds what
/// the stage does without it.
struct Row {
  const char* id;
  const char* sentence;
  const char* figure;
  int since_stage;
};

std::vector<StageRule> rules_of(std::initializer_list<Row> rows) {
  std::vector<StageRule> out;
  for (const Row& r : rows) out.push_back(StageRule{r.id, r.sentence, r.figure, r.since_stage, {}, {}});
  return out;
}

// Each table holds the rules a stage adds; stage_rules() strings them together.
// Stage 4 replaces Stages 1-3's fixed leader and sequence numbers by rounds
// and slots, so it keeps only the earlier rules that still hold there.

std::vector<StageRule> stage0_adds() {
  return rules_of({
      {"execute-in-arrival-order", "A server executes each client request in the order requests arrive and replies with its state sigma.", "Fig. 1", 0},
      {"answer-executed-request-again", "A request already executed (a client's retry) is answered again with the current state, never executed twice.", "Fig. 1", 0},
  });
}

std::vector<StageRule> stage1_adds() {
  return rules_of({
      {"leader-orders", "One leader (S1 from the start) alone orders client requests, in the order they reach it; followers never order requests themselves.", "Fig. 3", 1},
      {"accept-next-sequence-number", "The leader sends Accept(m, j) with the next sequence number j; a follower executes m only when j is the next it expects.", "Fig. 3", 1},
  });
}

std::vector<StageRule> stage2_adds() {
  return rules_of({
      {"learn-acknowledges-accept", "A follower that executes an accept answers with Learn(m) to the leader, and again for a repeated accept.", "Fig. 4", 2},
      {"retransmit-until-learned", "The leader resends an accept until every live follower sent its Learn, and sends no next accept until then (stop and wait).", "Fig. 4", 2},
      {"takeover-on-suspicion", "A follower that suspects the leader takes the next server by rank as leader, which orders from its own queue.", "Fig. 5", 2},
  });
}

std::vector<StageRule> stage3_adds() {
  return rules_of({
      {"execute-after-majority-learned", "The leader executes m only once Learns for m, its own included, come from a majority.", "Fig. 6", 3},
  });
}

std::vector<StageRule> stage4_adds() {
  return rules_of({
      {"rounds-unique-per-server", "Rounds are pre-assigned (Si uses i, i+n, i+2n, ...): no two servers ever lead the same round.", "Fig. 10", 4},
      {"majority-quorum-for-promises", "A new leader sends Prepare(rnd) and proposes only after Promises for rnd from a majority, its own included.", "Fig. 10", 4},
      {"ignore-lower-rounds", "An acceptor promises and accepts only rounds at least its promised round; lower ones are refused.", "Fig. 10", 4},
      {"adopt-highest-vrnd", "Per slot the new leader re-proposes the value with the highest vrnd among the promises, and fills gaps with a no-op.", "Fig. 11", 4},
      {"majority-quorum-for-learns", "A server decides a slot on Learns for the same (rnd, slot) from a majority.", "Fig. 12b", 4},
      {"durable-promise", "The promised round survives a crash.", "Fig. 10", 4},
      {"durable-accepted-value", "The accepted (vrnd, vval) of every slot survives a crash.", "Fig. 11", 4},
      {"noop-for-executed-request", "Decided slots execute in order; a request executed before is a no-op there, so nothing executes twice.", "Fig. 11", 4},
      {"catch-up-and-back-off", "The leader retransmits until each slot is decided and catches lagging servers up; phase-1 retries back off.", "Fig. 12b", 4},
  });
}

/// A rule that can be switched off (StageKnobs::without): what the stage does
/// instead, and the protocol invariants that only restate the rule.
struct Switch {
  const char* id;
  const char* without;
  std::vector<std::string> restated_by;
};

// Stage 4's alternatives, implemented in stages/stage4_leader_change/.
// "floor(n/2), at least 1" is the largest quorum below a majority: two such
// quorums need not intersect (with n = 3: one server, itself).
std::vector<Switch> stage4_switches() {
  return {
      {"rounds-unique-per-server", "A new leader takes the round just above every round it has seen (rnd + 1), whichever server it is, so two servers can lead the same round; an acceptor tells rounds apart by number only.", {"accept-conflict"}},
      {"majority-quorum-for-promises", "A new leader proposes once floor(n/2) servers promised (at least 1, its own promise included): with 3 servers, on its own promise alone.", {}},
      {"ignore-lower-rounds", "An acceptor promises and accepts a round below its promise too (its promised round still only goes up).", {"accept-below-promise"}},
      {"adopt-highest-vrnd", "The new leader ignores the values the Promises report: per slot it re-proposes only what its own acceptor accepted, and its queued requests take the first free slots.", {}},
      {"majority-quorum-for-learns", "A server decides a slot on Learns from floor(n/2) servers (at least 1, its own included; the quorum_size knob, if set, wins): with 3 servers, on its own acceptance alone.", {}},
      {"durable-promise", "A restarted server has forgotten its promised round: it starts again from rnd 0 and promises any round.", {"promise-decreased", "accept-below-promise"}},
      {"durable-accepted-value", "A restarted server has forgotten every accepted (vrnd, vval): its Promises no longer report them (its decided log survives).", {}},
  };
}

std::vector<StageRule> with_switches(std::vector<StageRule> rules, const std::vector<Switch>& switches) {
  for (auto& r : rules)
    for (const auto& s : switches)
      if (r.id == s.id) {
        r.without = s.without;
        r.restated_by = s.restated_by;
      }
  return rules;
}

void append(std::vector<StageRule>& out, std::vector<StageRule> more) {
  for (auto& r : more) out.push_back(std::move(r));
}

}  // namespace

std::vector<StageRule> stage_rules(int number) {
  std::vector<StageRule> out;
  if (number < 0 || number > 4) return out;
  if (number == 4) {
    // Kept from the earlier stages: retries are answered, Learns acknowledge
    // accepts, suspicion moves leadership.
    for (const auto& r : stage0_adds())
      if (r.id == "answer-executed-request-again") out.push_back(r);
    for (const auto& r : stage2_adds())
      if (r.id != "retransmit-until-learned") out.push_back(r);
    append(out, stage4_adds());
    return with_switches(std::move(out), stage4_switches());
  }
  // From Stage 1 on the leader's order replaces each server's arrival order.
  for (const auto& r : stage0_adds())
    if (number == 0 || r.id != "execute-in-arrival-order") out.push_back(r);
  if (number >= 1) append(out, stage1_adds());
  if (number >= 2) append(out, stage2_adds());
  if (number >= 3) append(out, stage3_adds());
  return out;
}

}  // namespace paxoslab
