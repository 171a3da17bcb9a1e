// Scripted steps that name nodes the cluster does not have (a five-server
// script run with three servers): which steps, which nodes, the sentence.
#include <gtest/gtest.h>

#include <string>

#include "core/scenario/scenario_loader.hpp"
#include "gui/model/missing_nodes.hpp"

namespace paxoslab::gui {
namespace {

NodeId server(int i) { return NodeId::of(ServerId{i}); }

TEST(MissingNodes, NamesEveryNodeOfTriggerAndAction) {
  ScriptStep step;
  step.when.after = EventPattern{TraceKind::Send, server(1), server(5), std::nullopt, MsgKind::Accept, 1, ""};
  step.action = CrashAction{ServerId{4}};
  const auto named = nodes_named(step);
  ASSERT_EQ(named.size(), 3u);
  EXPECT_EQ(named[0], server(1));
  EXPECT_EQ(named[1], server(5));
  EXPECT_EQ(named[2], server(4));

  ScriptStep part;
  part.action = PartitionAction{{{ServerId{1}, ServerId{2}}, {ServerId{6}}}};
  EXPECT_EQ(nodes_named(part).size(), 3u);
  ScriptStep any;  // "lose the next Accept", no ends named
  LoseAction lose;
  lose.pattern.kind = MsgKind::Accept;
  any.action = lose;
  EXPECT_TRUE(nodes_named(any).empty());
}

TEST(MissingNodes, StepsAboveTheClusterAreFoundOnceWithTheirNodes) {
  std::vector<ScriptStep> script(4);
  script[0].action = CrashAction{ServerId{2}};                                 // fine with 3 servers
  script[1].action = CutLinkAction{server(1), server(5), false};               // names S5
  script[2].action = SuspectAction{ServerId{4}, ServerId{5}, false};           // S4 and S5
  script[3].action = ClientRequestAction{ClientId{3}, RequestId{1}};          // C3, with 2 clients
  const MissingNodes m = missing_nodes(script, 3, 2);
  ASSERT_EQ(m.steps.size(), 3u);
  EXPECT_EQ(m.steps[0], &script[1]);
  ASSERT_EQ(m.nodes.size(), 3u);
  EXPECT_EQ(m.nodes[0], server(4));
  EXPECT_EQ(m.nodes[1], server(5));
  EXPECT_EQ(m.nodes[2], NodeId::of(ClientId{3}));
  EXPECT_EQ(missing_nodes_sentence(m, 3, 2), "3 scripted steps name S4, S5, C3: this run has 3 servers and 2 clients");
  EXPECT_TRUE(missing_nodes(script, 5, 3).empty());
  EXPECT_EQ(missing_nodes_sentence(missing_nodes(script, 5, 3), 5, 3), "");
}

TEST(MissingNodes, TheFiveServerScenarioOnThreeServers) {
  const auto load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/fig12a_five_servers.toml");
  ASSERT_TRUE(load.ok()) << load.error->to_string();
  const Scenario& s = *load.scenario;
  EXPECT_TRUE(missing_nodes(s.script, s.config.servers, s.config.clients).empty());
  const MissingNodes m = missing_nodes(s.script, 3, s.config.clients);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.nodes.front(), server(4));
  EXPECT_EQ(m.nodes.back(), server(5));
  const std::string sentence = missing_nodes_sentence(m, 3, s.config.clients);
  EXPECT_NE(sentence.find("name S4, S5: this run has 3 servers"), std::string::npos) << sentence;
}

}  // namespace
}  // namespace paxoslab::gui
