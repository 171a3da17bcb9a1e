// Two stages side by side: the same cluster, script and faults run against two
// protocol stages in lockstep by simulated time, and the first point at which
// their observable outcomes part (the paper's Fig. 5 under Stages 2
// and 3, Fig. 9 under Stages 3 and 4).
//
// Faults are expressed at a level both stages understand. Message kinds differ
// between stages, so an action aimed at one in-flight message (by id) is
// mapped to "the earliest message in flight from A to B" - or, if the other
// side has none in flight, "the next message sent from A to B". A fault that
// means nothing on one side (a suspicion in a stage without a failure
// detector) is reported for that side, never silently dropped.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/sim/ids.hpp"
#include "core/scenario/scenario.hpp"
#include "core/sim/script.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab {

/// Where the two runs' observable outcomes first part.
struct Difference {
  enum class Kind : std::uint8_t {
    Execution,  ///< A server executed different requests at the same position on the two sides.
    Reply,      ///< A client's first replies to the same request are not prefix-comparable across the sides.
    Safety,     ///< One side violated safety, the other did not (yet).
    Liveness,   ///< At the end one side is stuck or makes no progress and the other does not.
  };
  Kind kind = Kind::Execution;
  Tick tick = 0;                          ///< Simulated time at which it was seen.
  std::uint64_t lockstep_step = 0;        ///< Comparison::steps() when it was seen.
  std::array<std::uint64_t, 2> trace_seq{};  ///< Each side's trace size at that moment.
  NodeId where;                           ///< The server or client concerned (None for verdicts).
  std::string description;                ///< One sentence naming both sides' stages.
  bool operator==(const Difference&) const = default;
};
/// "execution", "reply", "safety", "liveness".
const char* to_string(Difference::Kind k);

/// Why `scenario` cannot be compared across stages; empty when it can. A
/// [[step]] script drives any stage. An explicit [[choose]] schedule (a
/// break-finder counterexample) names one stage's messages event by event, so
/// it cannot - but the [[fault]] tables written next to it can (its faults as
/// stage-independent steps, core/scenario/portable_faults.hpp); only a schedule
/// without them is refused.
std::string compare_refusal(const Scenario& scenario);

/// The scenario compare runs on both sides: `scenario` itself when it has a
/// [[step]] script; for a schedule, its [[fault]] tables as the script (auto
/// mode, [expect] cleared: scenario_of_faults). Precondition:
/// compare_refusal(scenario) is empty.
Scenario comparable_scenario(const Scenario& scenario);

/// The result of applying one action to both sides: an empty string = applied.
struct CompareApply {
  std::array<std::string, 2> error;  ///< Per side: why it did not apply ("Stage 1 has no failure detector").
  std::array<std::string, 2> note;   ///< Per side: how it was mapped ("lose the next message from S1 to S2").
  /// Per side: the action actually given to that side's Simulation::apply (after
  /// the mapping), so a mirror of the side (the app's Session) can replay it.
  std::array<std::optional<Action>, 2> applied;
};

class Comparison {
 public:
  /// Takes two simulations of the same cluster (same servers, clients, seed
  /// and script) running different stages. Ownership: copies are kept.
  Comparison(Simulation left, Simulation right);

  /// Lockstep: moves both sides to the earliest tick at which either has an
  /// event and carries out every event due by then on both. Returns false
  /// when neither side has anything pending. Updates first_difference().
  bool step();
  /// Steps until both are quiescent or `max_steps` lockstep steps; then
  /// checks the liveness verdicts. Returns the number of lockstep steps.
  std::uint64_t run(std::uint64_t max_steps);
  /// Applies `action` to both sides (see the header comment for the mapping
  /// of message-level faults). `source` = the side whose message ids the action
  /// uses (0 or 1).
  CompareApply apply(const Action& action, int source = 0);

  const Simulation& side(int i) const { return sides_[static_cast<std::size_t>(i & 1)]; }
  std::uint64_t steps() const { return steps_; }
  Tick now() const;
  /// The first difference seen so far, if any.
  const std::optional<Difference>& first_difference() const { return first_; }
  /// The first moment one side was ahead: a server had executed more
  /// requests there than on the other side (the other's list a strict prefix
  /// of it), or a client had been answered for a request the other side's
  /// client was still waiting for. Not a difference - the other side may
  /// still catch up - but what a learner sees first when one stage is faster
  /// or stalls (Fig. 9: Stage 3 answers at once, Stage 4 only after a leader
  /// change). Kind is Execution or Reply; nullopt while both sides are level.
  /// Set at the same check as first_difference() when both appear together.
  const std::optional<Difference>& first_lead() const { return lead_; }
  /// Checks the end-of-run verdicts (stuck on one side only); called by run().
  void check_liveness();

 private:
  void check_outcomes();
  /// Sets lead_ if unset and one side is ahead (first_lead()).
  void check_lead();
  Difference make_difference(Difference::Kind kind, NodeId where, std::string text) const;
  Action map_for_side(const Action& action, int source, int target, std::string& note) const;

  std::array<Simulation, 2> sides_;
  std::uint64_t steps_ = 0;
  std::optional<Difference> first_;
  std::optional<Difference> lead_;
};

}  // namespace paxoslab
