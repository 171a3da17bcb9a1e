// The trace: every observable thing that happened in a run, in order.
//
// Events are structured (tick, seq, kind, who, other, message, timer, request,
// why) so the app can draw them, lessons can wait for them and tests can match
// them; `to_text` and `to_json` render them; `hash()` is a stable digest of the
// whole run (same seed + same commands => same hash, on every machine).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"

namespace paxoslab {

enum class TraceKind : std::uint8_t {
  ClientRequest,  ///< who = client; request = m. (The sends follow as Send events.)
  Send,           ///< who = sender, other = receiver, message = id.
  Deliver,        ///< who = receiver, other = sender, message = id; why = the handler's reason.
  Drop,           ///< A message lost: who = intended receiver, other = sender; why = cause.
  Duplicate,      ///< A copy made: message = the new copy's id.
  Delay,          ///< A message held back: message = id; why says until when.
  TimerSet,       ///< who = owner, timer = id; why = purpose.
  TimerFire,      ///< who = owner, timer = id.
  TimerCancel,    ///< who = owner, timer = id.
  Execute,        ///< who = server, request = m, slot (in `value`) if the stage has slots.
  Reply,          ///< A client received a reply: who = client, other = server, request = m.
  Note,           ///< A protocol decision worth seeing ("decided slot 2", "ignored ...").
  Crash,          ///< who = server.
  Restart,        ///< who = server.
  Suspect,        ///< who = observer, other = suspected peer.
  Unsuspect,      ///< who = observer, other = peer heard from again.
  LeaderChange,   ///< who = observer, other = its new leader.
  LinkCut,        ///< who, other = the two ends.
  LinkMend,       ///< who, other = the two ends.
  Partition,      ///< why lists the groups.
  Heal,           ///< All partitions removed.
  Fault,          ///< Any other user/script fault (filters, link rules); why says what.
  Violation,      ///< The checker found a safety violation; why = explanation.
};
inline constexpr int kTraceKindCount = 23;

/// "send", "deliver", "execute", ... (lower-case, stable: used in files and JSON).
const char* to_string(TraceKind k);
/// Inverse of to_string. Returns false for an unknown name.
bool parse_trace_kind(const std::string& text, TraceKind& out);

/// One thing that happened.
struct TraceEvent {
  Tick tick = 0;
  std::uint64_t seq = 0;  ///< 0, 1, 2, ... in order of recording; unique per run.
  TraceKind kind = TraceKind::Note;
  NodeId who;
  NodeId other;
  MessageId message;
  TimerId timer;
  RequestId request;
  MsgKind msg_kind = MsgKind::Request;  ///< Meaningful when `message` is valid.
  /// Kind-specific number: the slot of an Execute; the slot of a no-op Note
  /// (Context::noop, whose `request` is the value that did not execute); the
  /// due tick of a TimerSet; 0 otherwise.
  std::int64_t value = 0;
  std::string why;                      ///< One sentence; may be empty.
  bool operator==(const TraceEvent&) const = default;
};

/// One line: "t=  40  deliver   S2 <- S1  #3 Accept(m2, 1)  | why".
/// `label` is the message text to show (may be empty).
std::string to_text(const TraceEvent& e, const std::string& label = {});

/// The run's history. Appending keeps a running hash. Events may be not kept
/// at all (keep_events = false: exhaustive search, where only the hash
/// matters) or cut off for a snapshot (drop_history) and given back on restore.
class Trace {
 public:
  explicit Trace(bool keep_events = true) : keep_events_(keep_events) {}

  /// Appends `e` (its seq is set here) and returns its seq.
  std::uint64_t append(TraceEvent e);
  /// From now on appending only counts events: no event is kept and the hash
  /// stays as it is (for runs where nothing reads the trace: the break-finder).
  void switch_off() { off_ = true; }
  bool is_off() const { return off_; }

  /// Kept events; events()[i].seq == first_seq() + i.
  const std::vector<TraceEvent>& events() const { return events_; }
  /// Seq of events().front() (non-zero only after drop_history).
  std::uint64_t first_seq() const { return first_seq_; }
  /// Number of events ever appended (= the next seq).
  std::uint64_t size() const { return next_seq_; }
  /// Stable digest of every event appended so far (all fields, including why).
  std::uint64_t hash() const { return hash_; }
  bool keeps_events() const { return keep_events_; }

  /// Messages ever sent, messages()[i].id == i + 1, as first sent (kept only
  /// when keep_events; empty after drop_history).
  const std::vector<Envelope>& messages() const { return messages_; }
  /// The envelope of message `id` as recorded, or nullptr if not kept.
  const Envelope* message(MessageId id) const;
  void record_message(const Envelope& env);
  /// Updates the stored copy of a message (e.g. its arrival after a delay).
  void update_message(const Envelope& env);

  /// Forgets kept events and messages but keeps size() and hash(): for cheap
  /// snapshots. A trace that dropped its history can take it back with
  /// restore_history.
  void drop_history();
  /// A copy with the same size() and hash() but no history (as drop_history).
  Trace without_history() const;
  /// Makes this trace (a snapshot's, after drop_history) whole again by taking
  /// the first size() events and the first `message_count` messages from
  /// `full`, the trace the snapshot was cut from (or a later one of the same run).
  void restore_history(const Trace& full, std::uint64_t message_count);

 private:
  bool keep_events_;
  bool off_ = false;
  std::vector<TraceEvent> events_;
  std::vector<std::uint64_t> hash_after_;  // hash after each kept event
  std::vector<Envelope> messages_;
  std::uint64_t first_seq_ = 0;
  std::uint64_t message_base_ = 0;  // id - 1 of messages_.front()
  std::uint64_t next_seq_ = 0;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace paxoslab
