#include "core/sim/script.hpp"
#include "core/sim/overloaded.hpp"

namespace paxoslab {

namespace {
std::string node_or_any(NodeId n) { return n.valid() ? to_string(n) : std::string("any"); }
}  // namespace

bool MessagePattern::matches(const Envelope& e) const {
  if (kind && e.payload.kind != *kind) return false;
  if (from.valid() && e.from != from) return false;
  if (to.valid() && e.to != to) return false;
  if (request && e.payload.request != *request) return false;
  if (slot && e.payload.slot != *slot) return false;
  if (rnd && e.payload.rnd != *rnd) return false;
  return true;
}

std::string MessagePattern::describe() const {
  std::string s = kind ? to_string(*kind) : "message";
  if (from.valid()) s += " from " + to_string(from);
  if (to.valid()) s += " to " + to_string(to);
  std::string fields;
  if (request) fields += to_string(*request);
  if (slot) fields += (fields.empty() ? "" : ", ") + std::string("slot ") + std::to_string(*slot);
  if (rnd) fields += (fields.empty() ? "" : ", ") + std::string("rnd ") + std::to_string(*rnd);
  if (!fields.empty()) s += " (" + fields + ")";
  return s;
}

bool EventPattern::matches(const TraceEvent& e) const {
  if (e.kind != kind) return false;
  if (who.valid() && e.who != who) return false;
  if (other.valid() && e.other != other) return false;
  if (request && e.request != *request) return false;
  if (msg_kind && (!e.message.valid() || e.msg_kind != *msg_kind)) return false;
  if (!why.empty() && e.why.find(why) == std::string::npos) return false;
  return true;
}

std::string EventPattern::describe() const {
  std::string s = std::string(to_string(kind));
  if (who.valid()) s = to_string(who) + " " + s;
  if (msg_kind) s += " " + std::string(to_string(*msg_kind));
  if (request) s += " " + to_string(*request);
  if (other.valid()) s += " (" + to_string(other) + ")";
  if (!why.empty()) s += " \"" + why + "\"";
  if (occurrence > 1) s += " #" + std::to_string(occurrence);
  return s;
}

std::string describe(const ScriptStep& step) {
  const std::string where = step.source_line > 0 ? "the step at line " + std::to_string(step.source_line) : "a step";
  return where + " (" + step.when.describe() + ": " + describe(step.action) + ")";
}

std::string Trigger::describe() const {
  if (after) return "after " + after->describe();
  if (at_tick) return "at t=" + std::to_string(*at_tick);
  return "now";
}

namespace {
/// "2nd", "3rd", "11th", "21st".
std::string ordinal(int n) {
  const int last2 = n % 100;
  const char* suffix = (last2 >= 11 && last2 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}
}  // namespace

std::string describe_selection(MessageId id, const MessagePattern& pattern, int nth) {
  if (id.valid()) return to_string(id);
  if (nth > 1) return "the " + ordinal(nth) + " " + pattern.describe();
  return pattern.describe();
}

std::string describe(const Action& action) {
  return std::visit(
      Overloaded{
          [](const ClientRequestAction& a) { return to_string(a.client) + " sends " + to_string(a.request); },
          [](const LoseAction& a) { return "lose " + describe_selection(a.id, a.pattern, a.nth); },
          [](const DuplicateAction& a) { return "duplicate " + describe_selection(a.id, a.pattern, a.nth); },
          [](const DelayAction& a) {
            return "delay " + describe_selection(a.id, a.pattern, a.nth) + " by " + std::to_string(a.ticks) + " ticks";
          },
          [](const DeliverNowAction& a) { return "deliver now " + describe_selection(a.id, a.pattern, a.nth); },
          [](const FilterAction& a) {
            const char* what = a.effect == FilterAction::Effect::Lose ? "lose"
                               : a.effect == FilterAction::Effect::Duplicate ? "duplicate"
                                                                             : "delay";
            return std::string(what) + (a.count < 0 ? " every " : a.count == 1 ? " the next " : " the next " + std::to_string(a.count) + " ") +
                   a.pattern.describe();
          },
          [](const RemoveFilterAction& a) { return "remove rule '" + a.name + "'"; },
          [](const CutLinkAction& a) { return "cut " + node_or_any(a.a) + (a.one_way ? "->" : "-") + node_or_any(a.b); },
          [](const MendLinkAction& a) { return "mend " + node_or_any(a.a) + (a.one_way ? "->" : "-") + node_or_any(a.b); },
          [](const PartitionAction& a) {
            std::string s = "partition ";
            for (std::size_t g = 0; g < a.groups.size(); ++g) {
              s += g ? " | {" : "{";
              for (std::size_t i = 0; i < a.groups[g].size(); ++i) s += (i ? " " : "") + to_string(a.groups[g][i]);
              s += "}";
            }
            return s;
          },
          [](const HealAction&) { return std::string("heal the partition"); },
          [](const CrashAction& a) { return "crash " + to_string(a.server); },
          [](const RestartAction& a) { return "restart " + to_string(a.server); },
          [](const SuspectAction& a) {
            return to_string(a.observer) + (a.keep ? " keeps suspecting " : " suspects ") +
                   (a.peer.valid() ? to_string(a.peer) : std::string("its leader"));
          },
          [](const TrustAction& a) {
            return to_string(a.observer) + " trusts " + (a.peer.valid() ? to_string(a.peer) : std::string("every peer")) +
                   " again";
          },
          [](const SetLinkAction& a) {
            return "set links " + node_or_any(a.from) + "->" + node_or_any(a.to) + " delay " +
                   std::to_string(a.rules.delay_ticks_min) + ".." + std::to_string(a.rules.delay_ticks_max);
          },
      },
      action);
}

}  // namespace paxoslab
