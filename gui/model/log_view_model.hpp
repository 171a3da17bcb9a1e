// The log view's model (no ImGui): every server's log side by side, one row
// per server, one column per position - sigma's positions (Stage 0), the
// sequence number j (Stages 1-3, where a server's j-th execution is the
// request numbered j) or the slot (Stage 4). A pure function of the
// Simulation (and its servers' views), so it is tested without drawing.
//
// Stage 4 adds what makes quorum intersection visible (the paper, Fig. 12b):
// for each decided cell the quorum whose Learns decided it, and for a leader
// the acceptors whose Promise made its round (phase 1, Fig. 10).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/server.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::gui {

/// One server's entry at one position.
struct LogCell {
  enum class State : std::uint8_t {
    Empty,     ///< Nothing known here.
    Accepted,  ///< Stage 4: accepted (vrnd, vval), not decided; Stages 2-3: the leader's accept not yet executed.
    Decided,   ///< Stage 4: decided, not executed yet (an earlier slot is still open).
    Executed,  ///< In sigma (Stage 4: decided and executed, or skipped as a no-op).
  };
  State state = State::Empty;
  RequestId value;            ///< The request (a no-op has is_noop()).
  /// Stage 4: a decided no-op, or a request this server executed at an
  /// earlier slot - skipped, never executed twice (Fig. 11).
  bool noop = false;
  std::int64_t vrnd = 0;      ///< Stage 4: the round the server accepted `value` in (0 = none).
  std::int64_t decided_rnd = 0;  ///< Stage 4: the round that decided it (0 = undecided).
  /// Stage 4: who made it decided (bit i-1 = Si; 0 = decided on a Commit).
  /// Stages 2-3, the leader's outstanding accept: who has sent Learn for it.
  std::uint32_t quorum = 0;
  bool outstanding = false;   ///< Stages 2-3: the accept the leader is waiting on.
  std::string text;           ///< "m2", "(4, m2)", "(4, noop)".
  bool operator==(const LogCell&) const = default;
};

struct LogRow {
  ServerId server;
  bool crashed = false;
  std::string role;            ///< The view's role ("leader", "follower", ...).
  std::int64_t rnd = -1;       ///< Stage 4: the round it leads or tries to (0 none); -1 no rounds.
  std::int64_t promised = -1;  ///< Stage 4: its promised round; -1 no rounds.
  /// Stage 4, a leader or candidate: bit i-1 = Si's Promise counts for `rnd`.
  std::uint32_t promisers = 0;
  std::vector<LogCell> cells;  ///< [column - 1]; may be shorter than LogViewModel::columns.
  bool operator==(const LogRow&) const = default;
};

struct LogViewModel {
  enum class Axis : std::uint8_t { Sigma, SequenceNumber, Slot };
  Axis axis = Axis::Sigma;
  std::int64_t columns = 0;    ///< The longest row.
  std::vector<LogRow> rows;    ///< [s - 1].
  /// The column's heading word: "#" (sigma position), "j", "slot".
  const char* axis_name() const;
  /// Cell (row, column >= 1), or nullptr if that row is shorter.
  const LogCell* cell(std::size_t row, std::int64_t column) const;
};

/// The model of `sim`, with `views[s - 1]` = server s's view() (as the app
/// caches them per frame). Stage by sim.stage().number.
LogViewModel build_log_view(const Simulation& sim, const std::vector<ServerView>& views);
/// The same, computing the views.
LogViewModel build_log_view(const Simulation& sim);

/// (row, column) of every cell of `after` that differs from the same cell of
/// `before` (a cell `before` does not have counts if it is not Empty).
std::vector<std::pair<std::size_t, std::int64_t>> changed_cells(const LogViewModel& before, const LogViewModel& after);

/// The decided cell a learner is shown by default: the leader's (lowest
/// numbered leading server's) highest decided slot, else any server's
/// highest decided slot. {row, column}; column 0 = none (Stage 4 only).
std::pair<std::size_t, std::int64_t> default_focus(const LogViewModel& m);

/// "S1 S3" for a mask (bit i-1 = Si) over n servers; "-" if empty.
std::string servers_text(std::uint32_t mask, int n);

}  // namespace paxoslab::gui
