#include "cli/run_report.hpp"

#include <cstdio>

#include "core/sim/checker.hpp"
#include "core/sim/trace.hpp"

namespace paxoslab::cli {

namespace {

nlohmann::json names(const std::vector<RequestId>& state) {
  nlohmann::json a = nlohmann::json::array();
  for (RequestId m : state) a.push_back(to_string(m));
  return a;
}

}  // namespace

std::string hex_hash(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void print_trace(std::ostream& out, const Simulation& sim) {
  const Trace& trace = sim.trace();
  for (const TraceEvent& e : trace.events()) {
    std::string label;
    if (e.message.valid())
      if (const Envelope* env = trace.message(e.message)) label = describe(env->payload);
    out << to_text(e, label) << "\n";
  }
}

void print_summary(std::ostream& out, const RunSummary& run) {
  const Simulation& sim = run.sim;
  const SimConfig& c = sim.config();
  out << "---- summary ----\n";
  out << "scenario: " << run.scenario.name;
  if (!run.scenario.figure.empty()) out << " (" << run.scenario.figure << ")";
  out << "\n";
  out << "stage:    " << sim.stage().number << " " << sim.stage().name << ", " << c.servers << " servers, " << c.clients
      << " clients, seed " << c.seed << "\n";
  if (!c.knobs.without.empty()) {
    out << "variant:  without";
    for (const auto& id : c.knobs.without) out << " " << id;
    out << "\n";
  }
  out << "run:      " << sim.steps() << " steps, ended at t=" << sim.now() << " (" << to_string(run.end)
      << "), trace hash " << hex_hash(sim.trace().hash()) << "\n";
  j["safety"] = sim.checker().violations().empty() ? "ok" : "violated";
  j["violations"] = violations_json(sim.checker().violations());
  j["warnings"] = warnings_json(sim.checker().warnings());

  const LivenessReport live = sim.liveness();
  j["stuck"] = live.stuck;
  j["no_progress"] = live.no_progress;
  j["no_progress_reason"] = live.no_progress_reason;
  j["liveness"] = live.explanation;

  nlohmann::json executed = nlohmann::json::object();
  nlohmann::json crashed = nlohmann::json::array();
  for (int s = 1; s <= c.servers; ++s) {
    executed[to_string(ServerId{s})] = names(sim.executed(ServerId{s}));
    if (sim.crashed(ServerId{s})) crashed.push_back(to_string(ServerId{s}));
  }
  j["executed"] = executed;
  j["crashed"] = crashed;

  j["replies"] = nullptr;
  j["expectation_met"] = run.mismatches.empty();
  j["mismatches"] = run.mismatches;
  return j;
}

}  // namespace

nlohmann::json run_report_json(const RunSummary& run) {
  nlohmann::json j = report_without_replies(run);
  nlohmann::json replies = nlohmann::json::array();
  for (const ClientState& client : run.sim.clients())
    for (const auto& r : client.replies) replies.push_back(reply_json(run.sim, client, r));
  j["replies"] = replies;
  return j;
}

void write_run_report_json(std::ostream& out, const RunSummary& run) {
  // The report without its replies, split where "replies" goes: a top-level
  // key starts a line with two spaces, and no string value holds a raw newline.
  const std::string text = report_without_replies(run).dump(2);
  const std::string slot = "\n  \"replies\": null";
  const std::size_t at = text.find(slot);
  out << text.substr(0, at + slot.size() - 4);
  bool first = true;
  for (const ClientState& client : run.sim.clients()) {
    for (const auto& r : client.replies) {
      std::string item = first ? "[\n    " : ",\n    ";
      for (const char ch : reply_json(run.sim, client, r).dump(2)) {  // one reply at a time, indented one level deeper
        item += ch;
        if (ch == '\n') item += "    ";
      }
      out << item;
      first = false;
    }
  }
  out << (first ? "[]" : "\n  ]") << text.substr(at + slot.size()) << "\n";
}

}  // namespace paxoslab::cli
