// What the cluster view writes on a server node, chosen per stage (no ImGui):
// role and leader belief everywhere ("leader", "follower of S3"); Stage 4 adds
// the round it leads and the round it promised (the paper's rnd, Fig. 10);
// Stages 2-4 the accept (or, in Stage 4, the promises) it is waiting for.
// Also the timers drawn on the node: the fraction of each one's time left.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/server.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::gui {

/// One line of state under a server node.
struct NodeLine {
  enum class Kind : std::uint8_t { Role, Rounds, Waiting, NoOp };
  Kind kind = Kind::Role;
  std::string text;
  bool operator==(const NodeLine&) const = default;
};

/// The lines for server `s` of `sim`, whose view is `v` (s's view()):
///   Role    - "crashed", "server" (Stage 0), "leader", "candidate",
///             "follower of S3": in Stage 4 the owner of the round it
///             promised (round_owner), which is whose accepts it takes;
///             before any promise, and in Stages 1-3, the leader it believes
///             in (the stage's own belief if it has one, else its failure
///             detector's);
///   Rounds  - Stage 4 only: "rnd 4, promised 4" while leading or trying to,
///             "promised 4" otherwise;
///   Waiting - Stages 2-4, when waiting: "waiting: Accept(m2, 1)";
///   NoOp    - for kNoOpShownTicks after the server's last no-op (a Note of
///             Context::noop, Fig. 11), unless it executed something since:
///             "no-op: m1 again in slot 1" ("no-op in slot 3" for a gap).
/// A crashed server has the Role line only.
std::vector<NodeLine> node_state_lines(const Simulation& sim, ServerId s, const ServerView& v);

/// The server whose round `rnd` is (Stage 4, docs/protocol.md "Rounds"):
/// with preassigned rounds Si uses i, i+n, i+2n, ... (n = config.servers);
/// with RoundNumbering::ServerId round i is Si's. Invalid for rnd <= 0 or a
/// round no server owns.
ServerId round_owner(const SimConfig& config, std::int64_t rnd);

/// What server `s`'s handlers still have to do (core/sim/simulation.hpp,
/// "Effects in progress": a handler changes the server's state at once and
/// its effects are carried out one per step, timer changes riding along with
/// the visible effect before them).
struct HandlerBacklog {
  /// Its visible effects in progress as the Pending tab words them, without
  /// the server's name ("send Accept(m2, 2) to S3", "reply to C1 for m1"), in
  /// the order they will happen.
  std::vector<std::string> effects;
  /// Its armed timers those effects cancel, and the timers they arm.
  std::vector<TimerId> cancels;
  std::vector<TimerInfo> arms;
  bool empty() const { return effects.empty() && cancels.empty() && arms.empty(); }
};

/// The backlog of server `s` in `sim`. The timer changes are found by
/// carrying out every effect in progress on a history-less copy of `sim`
/// (`sim` itself is not changed), so they cost a snapshot when something of
/// `s` is queued; nothing queued for `s` costs no more than reading the queue.
HandlerBacklog handler_backlog(const Simulation& sim, ServerId s);

/// How long a server shows its last no-op, in simulated ticks.
inline constexpr Tick kNoOpShownTicks = 40;

/// For each line of `after`, whether it differs from the line of the same
/// kind in `before` (a line that is new counts as changed).
std::vector<bool> changed_lines(const std::vector<NodeLine>& before, const std::vector<NodeLine>& after);

/// A timer as drawn on its node: how much of its time is left.
struct TimerGlance {
  TimerInfo timer;
  /// Time left over the whole period, 1 when just armed, 0 when due:
  /// (due - now) / (due - set), clamped to [0, 1]; 0 for a period of 0.
  float fraction_left = 0;
  /// The hover text: "S2 suspects S1 at t=240 if still silent",
  /// "S1: retransmit Accept(m2, 1) at t=130", "C1 sends again at t=300 if no reply".
  std::string label;
};

/// The timers of node `n` at display time `now` (fractional ticks while
/// playing), in id order.
std::vector<TimerGlance> node_timers(const Simulation& sim, NodeId n, double now);

/// (due - now) / (due - set), clamped to [0, 1]; 0 when due <= set.
float timer_fraction_left(const TimerInfo& t, double now);

}  // namespace paxoslab::gui
