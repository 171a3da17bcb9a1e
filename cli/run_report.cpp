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
  const auto& violations = sim.checker().violations();
  if (violations.empty()) {
    out << "safety:   ok - every observed state is a prefix of another\n";
  } else {
    out << "safety:   VIOLATED (" << violations.size() << (violations.size() == 1 ? " violation)\n" : " violations)\n");
    for (const Violation& v : violations) {
      out << "  - " << to_string(v.kind) << " at t=" << v.tick << ": " << v.explanation << "\n";
      for (const Witness& w : v.witnesses)
        out << "      witness " << to_string(w.who) << " " << format_state(w.state) << ": " << w.description << "\n";
    }
  }
  for (const Warning& w : sim.checker().warnings())
    out << "warning:  " << display_name(w.kind) << " at t=" << w.tick << ": " << w.explanation << "\n";
  for (const ScriptStep* step : sim.unfired_steps())
    out << "script:   " << describe(*step) << " never fired: "
        << (step->when.after ? "no event in the run matched it" : "the run ended before its turn") << "\n";
  const LivenessReport live = sim.liveness();
  out << "liveness: " << (live.stuck ? "STUCK - " : live.no_progress ? "NO PROGRESS - " : "not stuck - ")
      << live.explanation << "\n";
  out << "executed:\n";
  for (int s = 1; s <= c.servers; ++s) {
    const ServerId id{s};
    out << "  " << to_string(id) << " " << format_state(sim.executed(id)) << (sim.crashed(id) ? " (crashed)" : "")
        << "\n";
  }
  if (run.scenario.expect.empty()) {
    out << "expect:   (the scenario states no expectation)\n";
  } else if (run.mismatches.empty()) {
    out << "expect:   met\n";
  } else {
    out << "expect:   NOT met\n";
    for (const auto& m : run.mismatches) out << "  - " << m << "\n";
  }
}

namespace {

nlohmann::json reply_json(const Simulation& sim, const ClientState& client, const ClientState::ReplyRecord& r) {
  return {{"client", to_string(client.id)},
          {"server", to_string(r.server)},
          {"request", to_string(r.request)},
          {"state", names(sim.reply_state(r))},
          {"tick", r.tick}};
}

/// The witnesses of a violation or warning: who, the state observed, why.
nlohmann::json witnesses_json(const std::vector<Witness>& witnesses) {
  nlohmann::json ws = nlohmann::json::array();
  for (const Witness& w : witnesses)
    ws.push_back({{"who", to_string(w.who)}, {"state", names(w.state)}, {"description", w.description}});
  return ws;
}

/// The safety violations found (docs/protocol.md "Safety: the consistency test"), in order.
nlohmann::json violations_json(const std::vector<Violation>& violations) {
  nlohmann::json vs = nlohmann::json::array();
  for (const Violation& v : violations)
    vs.push_back({{"kind", to_string(v.kind)},
                  {"tick", v.tick},
                  {"witnesses", witnesses_json(v.witnesses)},
                  {"explanation", v.explanation}});
  return vs;
}

/// The checker's warnings (states that are not violations but worth a look).
nlohmann::json warnings_json(const std::vector<Warning>& warnings) {
  nlohmann::json ws = nlohmann::json::array();
  for (const Warning& w : warnings)
    ws.push_back({{"kind", to_string(w.kind)},
                  {"name", display_name(w.kind)},
                  {"server", to_string(w.server)},
                  {"tick", w.tick},
                  {"witnesses", witnesses_json(w.witnesses)},
                  {"explanation", w.explanation}});
  return ws;
}

/// Every field of the report but "replies" (null).
nlohmann::json report_without_replies(const RunSummary& run) {
  const Simulation& sim = run.sim;
  const SimConfig& c = sim.config();
  nlohmann::json j;
  j["scenario"] = run.scenario.name;
  j["figure"] = run.scenario.figure;
  j["stage"] = sim.stage().number;
  j["stage_name"] = sim.stage().name;
  j["without"] = c.knobs.without;  // the rules switched off: [] for the full stage
  j["servers"] = c.servers;
  j["clients"] = c.clients;
  j["seed"] = c.seed;
  j["steps"] = sim.steps();
  j["ticks"] = sim.now();
  j["stopped"] = to_string(run.end);
  j["trace_hash"] = hex_hash(sim.trace().hash());

  j["safety"] = sim.checker().violations().empty() ? "ok" : "violated";
  j["violations"] = violations_json(sim.checker().violations());
  j["warnings"] = warnings_json(sim.checker().warnings());
  nlohmann::json unfired = nlohmann::json::array();
  for (const ScriptStep* step : sim.unfired_steps())
    unfired.push_back({{"line", step->source_line}, {"trigger", step->when.describe()}, {"action", describe(step->action)}});
  j["unfired_steps"] = unfired;

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
