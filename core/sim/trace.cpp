#include "core/sim/trace.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/sim/hash.hpp"

namespace paxoslab {

namespace {
constexpr std::array<const char*, kTraceKindCount> kNames = {
    "client-request", "send",    "deliver",  "drop",      "duplicate", "delay",
    "timer-set",      "timer-fire", "timer-cancel", "execute", "reply", "note",
    "crash",          "restart", "suspect",  "unsuspect", "leader-change", "link-cut",
    "link-mend",      "partition", "heal",   "fault",     "violation"};

std::uint64_t hash_event(std::uint64_t prev, const TraceEvent& e) {
  Hasher h;
  h.add(prev);
  h.add(static_cast<std::uint64_t>(e.tick));
  h.add(e.seq);
  h.add(static_cast<std::uint64_t>(e.kind));
  h.add(static_cast<std::uint64_t>(e.who.role) << 32 | static_cast<std::uint64_t>(e.who.index));
  h.add(static_cast<std::uint64_t>(e.other.role) << 32 | static_cast<std::uint64_t>(e.other.index));
  h.add(e.message.value);
  h.add(e.timer.value);
  h.add(static_cast<std::uint64_t>(e.request.value));
  h.add(static_cast<std::uint64_t>(e.msg_kind));
  h.add(static_cast<std::uint64_t>(e.value));
  h.add(e.why);
  return h.value();
}
}  // namespace

const char* to_string(TraceKind k) { return kNames[static_cast<std::size_t>(k)]; }

bool parse_trace_kind(const std::string& text, TraceKind& out) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (text == kNames[i]) {
      out = static_cast<TraceKind>(i);
      return true;
    }
  }
  return false;
}

std::string to_text(const TraceEvent& e, const std::string& label) {
  char head[64];
  std::snprintf(head, sizeof head, "t=%5lld  %-14s %-3s", static_cast<long long>(e.tick),
                to_string(e.kind), to_string(e.who).c_str());
  std::string line = head;
  switch (e.kind) {
    case TraceKind::Send: line += " -> " + to_string(e.other); break;
    case TraceKind::Deliver:
    case TraceKind::Reply: line += " <- " + to_string(e.other); break;
    case TraceKind::Drop: line += " x- " + to_string(e.other); break;
    case TraceKind::Suspect:
    case TraceKind::Unsuspect:
    case TraceKind::LeaderChange:
    case TraceKind::LinkCut:
    case TraceKind::LinkMend: line += " " + to_string(e.other); break;
    default: break;
  }
  if (e.message.valid()) line += "  " + to_string(e.message);
  if (!label.empty()) line += " " + label;
  if (e.timer.valid()) line += "  " + to_string(e.timer);
  if (e.kind == TraceKind::Execute || e.kind == TraceKind::ClientRequest)
    line += "  " + to_string(e.request);
  if (!e.why.empty()) line += "  | " + e.why;
  return line;
}

std::uint64_t Trace::append(TraceEvent e) {
  e.seq = next_seq_++;
  if (off_) return e.seq;
  hash_ = hash_event(hash_, e);
  if (keep_events_) {
    events_.push_back(std::move(e));
    hash_after_.push_back(hash_);
  }
  return next_seq_ - 1;
}

const Envelope* Trace::message(MessageId id) const {
  if (id.value <= message_base_) return nullptr;
  const std::uint64_t i = id.value - 1 - message_base_;
  return i < messages_.size() ? &messages_[i] : nullptr;
}

void Trace::record_message(const Envelope& env) {
  if (!keep_events_) return;
  if (env.id.value == message_base_ + messages_.size() + 1) messages_.push_back(env);
}

void Trace::update_message(const Envelope& env) {
  if (!keep_events_ || env.id.value <= message_base_) return;
  const std::uint64_t i = env.id.value - 1 - message_base_;
  if (i < messages_.size()) messages_[i] = env;
}

void Trace::drop_history() {
  first_seq_ = next_seq_;
  message_base_ += messages_.size();
  events_.clear();
  hash_after_.clear();
  messages_.clear();
}

Trace Trace::without_history() const {
  Trace t(keep_events_);
  t.next_seq_ = next_seq_;
  t.hash_ = hash_;
  t.first_seq_ = next_seq_;
  t.message_base_ = message_base_ + messages_.size();
  return t;
}

void Trace::restore_history(const Trace& full, std::uint64_t message_count) {
  if (!keep_events_ || full.first_seq_ != 0 || full.message_base_ != 0) return;
  const std::uint64_t n = std::min<std::uint64_t>(next_seq_, full.events_.size());
  events_.assign(full.events_.begin(), full.events_.begin() + static_cast<std::ptrdiff_t>(n));
  hash_after_.assign(full.hash_after_.begin(),
                     full.hash_after_.begin() + static_cast<std::ptrdiff_t>(n));
  const std::uint64_t m = std::min<std::uint64_t>(message_count, full.messages_.size());
  messages_.assign(full.messages_.begin(), full.messages_.begin() + static_cast<std::ptrdiff_t>(m));
  first_seq_ = 0;
  message_base_ = 0;
}

}  // namespace paxoslab
