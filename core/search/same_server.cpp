#include "core/search/same_server.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <variant>

#include "core/sim/hash.hpp"
#include "core/sim/server.hpp"

namespace paxoslab::search_detail {

namespace {

/// Server `d` alone after some of the events: what the simulation would
/// hold for it, up to ids and the trace.
struct Sandbox {
  std::unique_ptr<Server> server;
  std::vector<RequestId> sigma;
  std::vector<TimerInfo> timers;  ///< d's pending timers (the events' timers until they fire).
  std::uint64_t sent = 0;         ///< Multiset hash of the messages d sent (to, payload).
  std::uint64_t next_timer_id = 0;
  std::uint64_t key = 0;          ///< Set by seal().
  bool reached = false;

  Sandbox copy() const {
    Sandbox s;
    s.server = server->clone();
    s.sigma = sigma;
    s.timers = timers;
    s.sent = sent;
    s.next_timer_id = next_timer_id;
    return s;
  }

  void seal() {
    Hasher h;
    h.add(server->state_hash());
    h.add(static_cast<std::uint64_t>(sigma.size()));
    for (RequestId m : sigma) h.add(static_cast<std::uint64_t>(m.value));
    h.add(sent);
    std::uint64_t pending = 0;  // multiset: order-independent sum
    for (const auto& t : timers) {
      Hasher e;
      e.add(static_cast<std::uint64_t>(t.kind));
      e.add(static_cast<std::uint64_t>(t.tag));
      e.add(static_cast<std::uint64_t>(t.due_tick));
      pending += e.value();
    }
    h.add(pending);
    key = h.value();
  }
};

/// One of the events, resolved once.
struct Event {
  bool is_timer = false;
  Envelope message;  ///< Delivery.
  TimerId timer;     ///< Timer.
};

class Lattice {
 public:
  Lattice(const Simulation& sim, ServerId d, std::vector<Event> events)
      : sim_(sim), d_(d), events_(std::move(events)) {
    for (int p = 1; p <= sim.config().servers; ++p)
      if (sim.stage().uses_failure_detector && sim.suspects(d, ServerId{p})) suspected_ |= 1u << (p - 1);
  }

  /// Runs event `i` on a copy of `from` into `out` - on `from` itself, moved,
  /// when `consume` (the caller needs it no more: no server clone). False
  /// when the event is no longer pending there (an earlier event cancelled
  /// its timer) or when it cancels another event's timer: either way one
  /// disables another.
  bool run(Sandbox& from, std::size_t i, Sandbox& out, bool consume) const {
    out = consume ? std::move(from) : from.copy();
    const Event& e = events_[i];
    // As the simulation does: a handler hearing a server sees it unsuspected.
    const std::uint32_t view =
        e.is_timer || !sim_.stage().uses_failure_detector ? suspected_
                                                          : sim_.failure_detector().view_hearing(d_, e.message.from);
    Context ctx(d_, sim_.now(), sim_.config(), view, out.sigma, out.next_timer_id);
    ctx.set_narrating(false);  // only the state and the effects are compared
    if (e.is_timer) {
      const auto t = std::find_if(out.timers.begin(), out.timers.end(), [&](const TimerInfo& x) { return x.id == e.timer; });
      if (t == out.timers.end()) return false;
      const TimerInfo info = *t;
      out.timers.erase(t);
      out.server->on_timer(ctx, info);
    } else {
      out.server->on_message(ctx, e.message);
    }
    for (const auto& effect : ctx.effects()) {
      if (const auto* s = std::get_if<SendEffect>(&effect)) {
        Hasher m;
        m.add(static_cast<std::uint64_t>(s->to.role) << 8 | static_cast<std::uint64_t>(s->to.index));
        m.add(hash_payload(s->payload));
        out.sent += m.value();
      } else if (const auto* set = std::get_if<SetTimerEffect>(&effect)) {
        out.timers.push_back(set->timer);
      } else if (const auto* cancel = std::get_if<CancelTimerEffect>(&effect)) {
        const auto t =
            std::find_if(out.timers.begin(), out.timers.end(), [&](const TimerInfo& x) { return x.id == cancel->id; });
        if (t == out.timers.end()) continue;  // the simulation ignores it too
        if (is_event_timer(cancel->id)) return false;
        out.timers.erase(t);
      } else if (const auto* x = std::get_if<ExecuteEffect>(&effect)) {
        out.sigma.push_back(x->request);  // as the simulation does when it carries it out
      }
      // NoteEffect: trace only.
    }
    out.seal();
    return true;
  }

  bool confluent() const {
    const std::size_t k = events_.size();
    std::vector<Sandbox> node(std::size_t{1} << k);
    Sandbox& base = node[0];
    base.server = sim_.server(d_).clone();
    base.sigma = sim_.executed(d_);
    for (const auto& t : sim_.timers())
      if (t.owner == NodeId::of(d_)) base.timers.push_back(t);
    base.next_timer_id = sim_.next_timer_id();
    base.seal();
    base.reached = true;
    // Every subset from every one of its predecessors (submasks are smaller).
    for (std::size_t mask = 1; mask < node.size(); ++mask) {
      for (std::size_t i = 0; i < k; ++i) {
        if (!(mask & (std::size_t{1} << i))) continue;
        const std::size_t from = mask ^ (std::size_t{1} << i);
        Sandbox next;
        if (!run(node[from], i, next, i == last_successor_bit(from, k))) return false;
        if (!node[mask].reached) {
          next.reached = true;
          node[mask] = std::move(next);
        } else if (node[mask].key != next.key) {
          return false;
        }
      }
    }
    return true;
  }

 private:
  /// Subset `from` of k events is a predecessor of from | 2^j for every
  /// event j not in it; the loop above, by increasing mask, meets the one
  /// with the highest such j last. That j (k when `from` holds every event).
  static std::size_t last_successor_bit(std::size_t from, std::size_t k) {
    for (std::size_t j = k; j-- > 0;)
      if (!(from & (std::size_t{1} << j))) return j;
    return k;
  }

  bool is_event_timer(TimerId id) const {
    return std::any_of(events_.begin(), events_.end(), [&](const Event& e) { return e.is_timer && e.timer == id; });
  }

  const Simulation& sim_;
  ServerId d_;
  std::vector<Event> events_;
  std::uint32_t suspected_ = 0;
};

}  // namespace

bool same_server_events_commute(const Simulation& sim, ServerId d, const std::vector<PendingEvent>& events) {
  if (events.size() < 2 || events.size() > kMaxCommutingEvents) return false;
  if (d.value < 1 || d.value > sim.config().servers || sim.crashed(d)) return false;
  const NodeId at = NodeId::of(d);
  std::vector<Event> resolved;
  for (const auto& p : events) {
    if (p.tick != sim.now()) return false;
    Event e;
    if (p.type == PendingEvent::Type::Delivery) {
      const auto* f = sim.network().find(p.message);
      if (!f) return false;
      const Envelope& m = f->envelope;
      if (m.to != at || m.payload.kind == MsgKind::Heartbeat || !sim.links().connected(m.from, m.to)) return false;
      if (m.from.is_server() && sim.suspects(d, m.from.server())) return false;  // would clear a suspicion
      e.message = m;
    } else if (p.type == PendingEvent::Type::Timer) {
      const TimerInfo* t = sim.timer(p.timer);
      if (!t || t->owner != at || t->kind != TimerKind::Stage) return false;
      e.is_timer = true;
      e.timer = p.timer;
    } else {
      return false;
    }
    resolved.push_back(std::move(e));
  }
  return Lattice(sim, d, std::move(resolved)).confluent();
}

}  // namespace paxoslab::search_detail
