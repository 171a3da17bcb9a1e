// The break-finder: a bounded, breadth-first search over every schedule of a
// stage for the shortest run that breaks it.
//
// What is searched (the "choices" at each state):
//  - every pending event as the next step: a message delivery between servers
//    (in any order, however late: the asynchronous network of the paper) or a
//    timer (retransmission, failure detector) - Simulation::step_event;
//  - faults within the bounds: lose one in-flight server-to-server message,
//    crash one live server, make one live server suspect a peer it does not
//    suspect yet (stages with a failure detector only; a false suspicion when
//    the peer is fine - docs/protocol.md, "falsely suspect"), and - only when
//    their bounds are above 0, the default - restart a crashed server, split
//    the servers into two groups that cannot talk, and heal that partition.
// Client requests are not choices: request m_i is sent by client
// C((i-1) mod clients + 1) at tick 0, before the first choice, in order
// m1, m2, ... (docs/protocol.md: "A client sends each request to every server");
// the order in which servers receive them is what the search varies.
//
// Reductions (each keeps every verdict reachable, documented in full in
// docs/break-finder.md):
//  - Replies to clients and messages to crashed servers are delivered at once,
//    not branched on: a reply only records a state that is a prefix of a server
//    state the checker already saw, and a crashed server drops what it gets
//    (no restarts are searched). These forced steps are part of the schedule
//    but do not count towards the depth.
//  - A message re-sent (retransmission) while an identical copy (same sender,
//    receiver and content) is still in flight is merged with that copy (the
//    newer one is dropped; a forced step, not counted as a loss): two equal
//    copies on one link are a duplication, which is not in the fault model.
//    This also keeps the in-flight multiset finite.
//  - States are deduplicated by Simulation::state_hash (ticks and ids left
//    out; a crashed server counts only by its sigma, since none restarts)
//    together with the fault budget used so far. A state already stored with
//    no more of any budget used (componentwise) subsumes it: it is skipped.
//  - With the partial-order reduction (reduce_interleavings), a message is
//    lost only when it is due, and a suspicion that changes nothing but the
//    observer's view is made only where the observer moves next.
//
// Time: delays are fixed (min = max) and loss/duplicate probabilities are 0,
// so the Rng never branches and every event's due tick is determined. The
// schedule is free among the events due at the earliest pending tick and may
// pick a later one (making the earlier ones late) at most max_reorders times
// (delay bounding; -1 = always: the fully asynchronous network). With a bound,
// the state key adds each pending event's due tick relative to now (what
// decides the future); unbounded, ticks carry no information and only
// Simulation::state_hash is used. step_event moves time to the picked event's
// tick. The abstract state space is usually finite: relative ticks are
// bounded by the timeouts, a retransmission re-arms the same timer and merges
// with its copy in flight, and rounds mostly grow through faults, which are
// budgeted. Not always: a Stage 4 leader with no majority (2 servers, one
// crashed) starts ever higher rounds by itself. max_depth bounds the schedule
// length regardless, and `complete` is false whenever it cut anything off.
//
// Verdicts: "violation" as soon as the checker reports one (a violation is
// stable: sigma is append-only); "stuck" when a state is quiescent (nothing
// pending) and some live server lacks a sent request (Simulation::liveness).
// Breadth-first order makes the first one found a shortest one (fewest
// choices). No wall clock here: the caller times the search.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/checker.hpp"
#include "core/sim/config.hpp"
#include "core/sim/schedule.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// The knobs a search runs with unless told otherwise (--knob): the stage's
/// defaults (StageKnobs), except that clients never resend (client_retry_ticks 0).
inline StageKnobs default_search_knobs() {
  StageKnobs k;
  k.client_retry_ticks = 0;
  return k;
}

/// The bounds of one search. Defaults: Stage-0-style two servers, two clients,
/// two requests, one fault of each kind.
struct SearchBounds {
  int servers = 2;          ///< 1..7.
  int clients = 2;          ///< 1..9.
  int requests = 2;         ///< Total requests m1..mR (>= 1), mi sent by C((i-1) mod clients + 1).
  int max_losses = 1;       ///< In-flight server-to-server messages the search may lose.
  int max_crashes = 1;      ///< Servers the search may crash (no restarts).
  int max_suspicions = 1;   ///< False suspicions the search may inject (FD stages only).
  /// Crashed servers the search may restart, each with its durable state
  /// (RestartAction; 0..50, default 0: a crashed server stays down). While a
  /// restart is left, a message to a crashed server is a choice (it may
  /// arrive after a restart), not a forced drop, and crashed servers count in
  /// the state key by all of their state.
  int max_restarts = 0;
  /// Restarts come at once (`search --restart-at-once`): a restart is not a
  /// later move of its own but is offered only together with the crash, as
  /// one move - a reboot: the server loses its volatile state and comes back
  /// with its durable state at the same instant, and messages in flight to
  /// it still arrive. A reboot only changes what the rebooted server does
  /// next, like a crash, so it is offered where that server moves next and
  /// the partial-order reduction stays on (docs/break-finder.md, "Reboots").
  /// A reboot uses one crash and one restart of the budget; a server crashed
  /// without one stays down. What the durable rules protect (a promise or
  /// an accepted value that survives a restart, Fig. 10) is what a reboot
  /// tests, at the cost of the partial-order reduction's full space.
  bool restart_at_once = false;
  /// Partitions the search may make (0..50, default 0): the servers split into
  /// two non-empty groups (every split is offered); while one is in force a
  /// heal is offered instead, free of budget.
  int max_partitions = 0;
  /// Report only safety violations: a quiescent stuck run is not a break and
  /// the search goes on past it (`search --safety-only`).
  bool safety_only = false;
  /// Out-of-order picks allowed (delay bounding). The next event is free to
  /// pick among those due at the earliest pending tick (ties: any order);
  /// picking one due later - so that earlier ones arrive late - costs one
  /// reorder. -1 = unbounded: any pending event at any time (the fully
  /// asynchronous network), where ticks then carry no information.
  int max_reorders = 2;
  /// Partial-order reduction (with max_reorders = 0 only; ignored otherwise).
  /// Events due at the same tick at different servers commute, so only the
  /// lowest-numbered server's events at the earliest tick are branched on;
  /// a loss is offered only when the message is due, and a suspicion that is
  /// silent (changes only the observer's view) only where the observer moves
  /// next (with the last suspicion the budget allows). Keeps every violation and every
  /// quiescent state reachable (docs/break-finder.md, "Partial-order
  /// reduction"); a counterexample may be a few choices longer than the
  /// shortest. Re-sent copies are not merged while it is on.
  bool reduce_interleavings = true;
  /// Same-server reduction (with reduce_interleavings): inside a tick, once
  /// no fault can touch the mover any more (the budget left offers none at
  /// it), and its events due now are confluent - any subset in any order gives
  /// the same state, checked by running them on copies of that server alone
  /// (search_detail::same_server_events_commute) - only the first of them is
  /// branched on. Keeps every violation and every quiescent state reachable
  /// (docs/break-finder.md, "Same-server reduction"); off only so that tests
  /// can check it against a search without it.
  bool commute_same_server = true;
  /// Search order. Breadth-first (false, the default) finds a shortest break
  /// and holds two levels of simulations (max_held_states bounds them).
  /// Depth-first (true) holds only the current path, so its memory is the
  /// visited set (16-32 bytes per unique state): for closing spaces too big
  /// for breadth-first. A break it finds need not be the shortest, and it is
  /// complete only when max_depth cut nothing off: a state first met deep is
  /// not expanded again when met higher up, so a depth-first search that hit
  /// the depth bound may miss even breaks shorter than max_depth (its
  /// explanation says so).
  bool depth_first = false;
  /// Keys states exactly: no subsumption, crashed servers hashed in full.
  /// Both are sound (docs/break-finder.md, "Reductions"); off only so that
  /// tests can check them against a search without them.
  bool exact_keys = false;
  int max_depth = 60;       ///< Longest schedule explored, in choices (forced steps not counted).
  /// Unique states stored (16-32 bytes each in the visited set, breadth-first
  /// another 8 for the path); the search stops there.
  std::uint64_t max_states = 1'000'000;
  /// Memory bound: simulations held at once (the current and the next BFS
  /// level, roughly 8 KB each with 3 servers: 200 000 is about 1.6 GB); the search stops there.
  std::uint64_t max_held_states = 200'000;
  std::uint64_t progress_every = 4096;   ///< Call the progress callback every this many states (>= 1).
  /// Threads exploring at once (1..256; `search --jobs N`, default_bounds
  /// gives the machine's core count). The verdict and the counterexample do
  /// not depend on it (docs/break-finder.md, "Parallel search"):
  /// breadth-first expands each level in chunks on `jobs` threads and then
  /// stores the children in the order one thread would, so its counts are the
  /// same too; depth-first shares the visited set between threads, and keeps
  /// its result only when it is "none, complete" (which no order changes) -
  /// otherwise (a break, a bound hit) one thread searches again.
  int jobs = 1;
  /// The protocol knobs of the searched cluster (`search --knob NAME=VALUE`,
  /// core/sim/knobs.hpp), e.g. quorum_size = 1 to search a Stage 4 made unsafe on
  /// purpose. validate() checks them against `servers`.
  StageKnobs knobs = default_search_knobs();
  bool operator==(const SearchBounds&) const = default;
};

/// The bounds proposed for `stage` (the CLI's and the app's defaults):
/// SearchBounds' defaults, with three servers on Stages 3 and 4 (two leaders
/// need a third server to be interesting) and, on Stage 4, the issue's
/// bounds (2 clients, 2 requests, 1 loss, 1 crash, 1 false suspicion) in
/// due-tick order (max_reorders 0, so the partial-order reduction applies),
/// searched depth-first (max_depth 400, max_states 20 000 000): that space is
/// explored completely in about 17 s on one thread (9.5 s on two) holding
/// about 100 MB, so "no break" means exhaustive (docs/break-finder.md, "Measured").
SearchBounds default_bounds(int stage);

/// The bounds proposed for the variant of `stage` with the rules `without`
/// off (ids as in StageKnobs::without; unknown ids are ignored - check them
/// with check_without first): default_bounds(stage), except that when a rule
/// only a restart can test is off (durable-promise, durable-accepted-value:
/// a server that restarts has forgotten what it promised or accepted), one
/// reboot is allowed instead of a loss (max_restarts 1, restart_at_once,
/// max_losses 0), searched breadth-first, so that the search finds the
/// shortest break that rule prevents (docs/break-finder.md, "Reboots").
SearchBounds default_bounds(int stage, const std::vector<std::string>& without);

/// True when `without` holds a rule whose absence only a restart can show:
/// durable-promise or durable-accepted-value (docs/protocol.md, "Variants").
/// A search without restarts cannot break such a variant.
bool only_a_restart_shows(const std::vector<std::string>& without);

/// True when a crashed server may come back later as a move of its own
/// (max_restarts > 0 without restart_at_once): then a message to a crashed
/// server is a choice, crashed servers count in state keys by all of their
/// state, and the partial-order reduction is off.
bool restarts_later(const SearchBounds& bounds);

/// The machine's core count (std::thread::hardware_concurrency), at least 1
/// and at most 256: default_bounds' jobs.
int default_jobs();

/// Checks ranges; empty when valid, else a sentence naming the first bad field.
std::string validate(const SearchBounds& bounds);

/// The simulation set-up a search uses for `stage`: the bounds' cluster, fixed
/// delays of 10 ticks, no random loss or duplication, seed 1, the bounds'
/// knobs (by default the stage's, with clients that never resend).
SimConfig search_config(int stage, const SearchBounds& bounds);

/// What the progress callback sees.
struct SearchProgress {
  std::uint64_t states_explored = 0;  ///< Successor states computed so far (duplicates included).
  std::uint64_t unique_states = 0;    ///< Distinct states stored so far.
  int depth = 0;                      ///< The BFS level being expanded (choices from the start).
  std::uint64_t frontier = 0;         ///< States at this level still to expand plus next level so far.
};

/// Callbacks. `progress` is called every bounds.progress_every states and at
/// the end of every level; returning false cancels the search (it then
/// returns what it explored, with canceled = true) and it is not called
/// again, also when another thread was about to report. With jobs > 1 both
/// callbacks may be called from any of the search's threads, but never two
/// at once (one lock), and never after find_break returns.
struct SearchCallbacks {
  std::function<bool(const SearchProgress&)> progress;
  /// Optional: called once per quiescent state (nothing pending) the search
  /// stores, with the key of its simulation state (state hash with crashed
  /// servers by sigma only, whatever exact_keys says; faults used left out; a
  /// state reached again with other faults used may be reported again). Two searches of the same bounds that report the same set of keys
  /// reach the same final states - how the tests check that a reduction loses
  /// none.
  std::function<void(std::uint64_t key)> quiescent;
};

/// What a search found.
struct SearchResult {
  enum class Outcome : std::uint8_t { Violation, Stuck, None };
  Outcome result = Outcome::None;
  int depth = 0;                      ///< Violation/Stuck: choices in the counterexample. None: deepest level expanded.
  std::uint64_t states_explored = 0;  ///< Successor states computed (duplicates included).
  std::uint64_t unique_states = 0;    ///< Distinct states stored (the visited set).
  std::uint64_t peak_states = 0;      ///< Most simulations held in memory at once (two BFS levels).
  int jobs = 1;                       ///< Threads that explored (bounds.jobs).
  /// Depth-first with jobs > 1 only: successor states the parallel pass
  /// computed before its result was dropped for a one-thread search (a break
  /// or a bound hit; the counts above are then that search's). 0 otherwise.
  std::uint64_t discarded_states = 0;
  /// None only: true when every state within the bounds was expanded (no state
  /// was cut off by max_depth or max_states, not canceled) - an exhaustive "no break".
  bool complete = false;
  bool depth_bound_hit = false;       ///< Some state at max_depth still had choices.
  bool state_bound_hit = false;       ///< max_states was reached.
  bool canceled = false;              ///< The progress callback returned false.
  double seconds = 0;                 ///< Wall time: filled in by the caller (the core has no clock).
  SimConfig config;                   ///< The set-up searched (search_config).
  /// Violation/Stuck: the counterexample from the start state: the client
  /// requests (Act), then every choice and forced step in order. Replaying it
  /// with carry_out_all on Simulation(config, stage) reproduces the verdict.
  std::vector<ScheduleChoice> schedule;
  std::string explanation;            ///< The checker's or liveness's sentence, or why nothing was found.
  std::optional<Violation> violation; ///< Violation: the checker's first violation (kind, witnesses).
};

/// True when `bounds` turn partial-order reduction on (reduce_interleavings
/// and max_reorders == 0, with no later restarts or partitions: a restart
/// after downtime or a partition changes what every server's failure
/// detector hears, so it does not commute with other servers' steps the way
/// the reduction needs; a reboot - restart_at_once - does not).
bool reduces_interleavings(const SearchBounds& bounds);

/// "violation", "stuck", "none".
const char* to_string(SearchResult::Outcome o);

/// Runs the search on `stage` (the caller picks it, e.g. from find_stage).
/// Precondition: validate(bounds) is empty and stage.make_server is set.
SearchResult find_break(const StageInfo& stage, const SearchBounds& bounds, const SearchCallbacks& callbacks = {});

/// The verdict of a finished or replayed run: Violation if the checker found
/// one, else Stuck if liveness says stuck, else None.
SearchResult::Outcome verdict_of(const Simulation& sim);

}  // namespace paxoslab
