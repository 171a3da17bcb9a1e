// The ShiViz log (core/scenario/shiviz.hpp): two lines per node event, the second the
// node and a JSON vector clock holding the node's own entry; clocks respect
// causality - a deliver's clock dominates its send's, and each node's own
// entry counts up by one per event.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "core/scenario/shiviz.hpp"
#include "stages/registry.hpp"

namespace paxoslab {
namespace {

struct Entry {
  std::string event;
  std::string host;
  std::map<std::string, std::uint64_t> clock;
};

std::vector<Entry> parse(const std::string& log) {
  std::vector<Entry> out;
  std::istringstream in(log);
  std::string event, host_line;
  const std::regex host_re(R"((\S*) (\{.*\}))");  // ShiViz's (?<host>\S*) (?<clock>{.*})
  while (std::getline(in, event) && std::getline(in, host_line)) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(host_line, m, host_re)) << host_line;
    if (m.empty()) break;
    Entry e{event, m[1].str(), {}};
    const nlohmann::json clock = nlohmann::json::parse(m[2].str());
    for (const auto& [k, v] : clock.items()) e.clock[k] = v.get<std::uint64_t>();
    out.push_back(std::move(e));
  }
  return out;
}

TEST(ShiViz, VectorClocksFollowTheMessages) {
  const ScenarioLoad load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig05_leader_crash.toml");
  ASSERT_TRUE(load.ok());
  Simulation sim = start_scenario(*load.scenario, *find_stage(load.scenario->config.stage), std::nullopt, true);
  run_to_end(sim, *load.scenario);
  const std::vector<Entry> entries = parse(shiviz_log(sim.trace()));
  ASSERT_GT(entries.size(), 10u);
  std::map<std::string, std::uint64_t> own;
  std::map<std::string, std::map<std::string, std::uint64_t>> send_clock;  // "#id" -> clock
  int delivers = 0;
  const std::regex id_re(R"(#(\d+))");
  for (const Entry& e : entries) {
    ASSERT_TRUE(e.clock.count(e.host)) << e.event;
    EXPECT_EQ(e.clock.at(e.host), ++own[e.host]) << "one tick of the own entry per event: " << e.event;
    std::smatch m;
    const bool has_id = std::regex_search(e.event, m, id_re);
    if (e.event.find(" send ") != std::string::npos && has_id) send_clock[m[1].str()] = e.clock;
    if ((e.event.find(" deliver ") != std::string::npos || e.event.find(" reply ") != std::string::npos) && has_id &&
        send_clock.count(m[1].str())) {
      ++delivers;
      for (const auto& [node, n] : send_clock[m[1].str()])
        EXPECT_GE(e.clock.count(node) ? e.clock.at(node) : 0u, n) << e.event;
    }
  }
  EXPECT_GT(delivers, 3);
  EXPECT_EQ(entries.front().event.rfind("t=0 ", 0), 0u) << entries.front().event;
}

}  // namespace
}  // namespace paxoslab
