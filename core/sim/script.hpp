// Faults and client actions as plain values: what a scenario file, a lesson,
// the app's buttons and the break-finder all feed into Simulation::apply.
//
// Every action is expressed in terms every stage understands (nodes, links,
// message kinds), so the same action can be applied to two stages side by side.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/message.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab {

/// Selects messages. Every field left empty matches anything.
struct MessagePattern {
  std::optional<MsgKind> kind;
  NodeId from;  ///< Role None = any sender.
  NodeId to;    ///< Role None = any receiver.
  std::optional<RequestId> request;
  std::optional<std::int64_t> slot;
  std::optional<std::int64_t> rnd;
  bool operator==(const MessagePattern&) const = default;

  bool matches(const Envelope& e) const;
  /// "Accept from S1 to S2 (m2)" - for the trace and the app.
  std::string describe() const;
};

/// Selects trace events, for "after <event>" triggers and lesson goals.
struct EventPattern {
  TraceKind kind = TraceKind::Execute;
  NodeId who;                      ///< Role None = anyone.
  NodeId other;                    ///< Role None = anyone.
  std::optional<RequestId> request;
  std::optional<MsgKind> msg_kind;  ///< For send/deliver/drop events.
  int occurrence = 1;              ///< The n-th matching event (1 = first).
  /// Non-empty: the event's why-text must contain this text (case-sensitive),
  /// e.g. "a no-op" to name Stage 4's no-op note, or "ignored" for a refused message.
  std::string why;
  bool operator==(const EventPattern&) const = default;

  bool matches(const TraceEvent& e) const;
  std::string describe() const;
};

// ---- Actions -------------------------------------------------------------

/// Client `client` sends request `request` to every server (docs/protocol.md: "A
/// client sends each request to every server").
struct ClientRequestAction { ClientId client; RequestId request; bool operator==(const ClientRequestAction&) const = default; };
/// Lose an in-flight message: the one with `id` if valid, else the `nth`
/// (1 = earliest) in-flight message matching `pattern`, in the order they
/// were sent (message ids ascending: a copy made by a duplicate gets the next
/// free id, so it comes after the original). Nothing matching: a trace note,
/// no error. `nth` >= 1; unused when `id` is valid.
struct LoseAction {
  MessageId id;
  MessagePattern pattern;
  int nth = 1;
  bool operator==(const LoseAction&) const = default;
};
/// Send a second copy of an in-flight message (same selection rule as Lose).
/// The copy gets the next free message id (the trace's `duplicate` line shows
/// it: "#9 ... | a duplicate of #5 made by a fault").
struct DuplicateAction {
  MessageId id;
  MessagePattern pattern;
  int nth = 1;
  bool operator==(const DuplicateAction&) const = default;
};
/// Postpone an in-flight message's arrival by `ticks` (>= 1) (same selection rule as Lose).
struct DelayAction {
  MessageId id;
  MessagePattern pattern;
  Tick ticks = 1;
  int nth = 1;
  bool operator==(const DelayAction&) const = default;
};
/// Deliver an in-flight message right now, ahead of its arrival time (same selection rule as Lose).
struct DeliverNowAction {
  MessageId id;
  MessagePattern pattern;
  int nth = 1;
  bool operator==(const DeliverNowAction&) const = default;
};

/// "#7", "Accept from S1 to S2", "the 2nd Accept from S1 to S2": which
/// message a Lose/Duplicate/Delay/DeliverNow action picks, for the trace.
std::string describe_selection(MessageId id, const MessagePattern& pattern, int nth);

/// A standing rule on future sends: the next `count` messages matching
/// `pattern` (count -1 = every one, until removed) are lost / duplicated /
/// delayed by `delay_ticks`. Named by `name` so it can be removed.
struct FilterAction {
  enum class Effect : std::uint8_t { Lose, Duplicate, Delay };
  std::string name;
  MessagePattern pattern;
  Effect effect = Effect::Lose;
  int count = 1;
  Tick delay_ticks = 0;
  bool operator==(const FilterAction&) const = default;
};
struct RemoveFilterAction { std::string name; bool operator==(const RemoveFilterAction&) const = default; };

/// Cut / mend the link between a and b (both directions unless one_way: then a->b only).
struct CutLinkAction { NodeId a; NodeId b; bool one_way = false; bool operator==(const CutLinkAction&) const = default; };
struct MendLinkAction { NodeId a; NodeId b; bool one_way = false; bool operator==(const MendLinkAction&) const = default; };
/// Servers in different groups cannot talk. Servers not listed form one more
/// group. Clients reach everyone.
struct PartitionAction { std::vector<std::vector<ServerId>> groups; bool operator==(const PartitionAction&) const = default; };
struct HealAction { bool operator==(const HealAction&) const = default; };
/// Crash-stop a server: its timers stop, messages to it are lost, volatile state is gone.
struct CrashAction { ServerId server; bool operator==(const CrashAction&) const = default; };
/// Restart a crashed server with only its durable state (the stage says which).
struct RestartAction { ServerId server; bool operator==(const RestartAction&) const = default; };
/// `observer` suspects `peer` now (a false suspicion if the peer is fine).
/// peer invalid = the observer's current leader. By default the suspicion is
/// transient: it ends when the observer next hears from the peer (the peer's
/// heartbeat comes within about one heartbeat period if it is alive and
/// connected). `keep` = true makes it a standing rule: the observer keeps
/// suspecting the peer whatever it hears, until a TrustAction.
struct SuspectAction {
  ServerId observer;
  ServerId peer;
  bool keep = false;
  bool operator==(const SuspectAction&) const = default;
};
/// `observer` stops suspecting `peer` now and drops a standing rule that kept
/// it suspected. If the peer is still silent (crashed, cut off) the failure
/// detector suspects it again after fd_timeout_ticks. peer invalid = every
/// peer the observer suspects.
struct TrustAction { ServerId observer; ServerId peer; bool operator==(const TrustAction&) const = default; };
/// Change the rules of links from -> to (invalid ends = any).
struct SetLinkAction { NodeId from; NodeId to; LinkRules rules; bool operator==(const SetLinkAction&) const = default; };

using Action = std::variant<ClientRequestAction, LoseAction, DuplicateAction, DelayAction,
                            DeliverNowAction, FilterAction, RemoveFilterAction, CutLinkAction,
                            MendLinkAction, PartitionAction, HealAction, CrashAction,
                            RestartAction, SuspectAction, SetLinkAction, TrustAction>;

/// One sentence, e.g. "crash S1", "lose Accept from S1 to S2".
std::string describe(const Action& a);

/// When a scripted action happens.
struct Trigger {
  std::optional<Tick> at_tick;        ///< At this tick (before events due then)...
  std::optional<EventPattern> after;  ///< ...or right after this event (same tick).
  bool operator==(const Trigger&) const = default;
  std::string describe() const;
};

struct ScriptStep {
  Trigger when;
  Action action;
  int source_line = 0;  ///< Line in the scenario file (0 if not from a file).
  bool operator==(const ScriptStep&) const = default;
};

/// "the step at line 14 (after S2 execute m7: crash S1)"; "a step (...)"
/// when it is not from a file.
std::string describe(const ScriptStep& step);

}  // namespace paxoslab
