// The log view's model (gui/model/log_view_model.hpp), per stage, without
// drawing: sigma / sequence numbers / slots, accepted (vrnd, vval), decided,
// executed, no-op, Stage 4's deciding quorums and a leader's promisers; and
// the panel itself with real ImGui input (L toggles it, hovering a decided
// cell focuses its quorum).
#include <gtest/gtest.h>

#include <bit>
#include <functional>

#include "core/scenario/scenario_loader.hpp"
#include "gui/model/log_view_model.hpp"
#include "gui/model/session.hpp"
#include "gui_harness.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

Session fig(const char* name, std::optional<int> stage = std::nullopt) {
  const auto load = load_scenario_file(test::scenario_path(name));
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  SessionSource src{load.scenario, load.scenario->config};
  if (stage) src.config.stage = *stage;
  return Session(src, *find_stage(src.config.stage));
}

void run_to_end(Session& s) {
  for (int i = 0; i < 20000 && s.step(); ++i) {
  }
}

/// Steps until `done(sim)` holds; false if the run ends first.
bool run_until(Session& s, const std::function<bool(const Simulation&)>& done) {
  for (int i = 0; i < 20000; ++i) {
    if (done(s.sim())) return true;
    if (!s.step()) return false;
  }
  return false;
}

std::uint32_t bit(int server) { return 1u << (server - 1); }

TEST(LogViewModel, StageZeroShowsEachServersSigma) {
  Session s = fig("fig02_uncoordinated.toml");
  run_to_end(s);
  const LogViewModel m = build_log_view(s.sim());
  EXPECT_EQ(m.axis, LogViewModel::Axis::Sigma);
  ASSERT_EQ(m.rows.size(), 2u);
  for (std::size_t r = 0; r < 2; ++r) {
    const auto& sigma = s.sim().executed(ServerId{static_cast<int>(r + 1)});
    ASSERT_EQ(m.rows[r].cells.size(), sigma.size());
    for (std::size_t k = 0; k < sigma.size(); ++k) {
      EXPECT_EQ(m.rows[r].cells[k].state, LogCell::State::Executed);
      EXPECT_EQ(m.rows[r].cells[k].value, sigma[k]);
      EXPECT_EQ(m.rows[r].cells[k].text, to_string(sigma[k]));
    }
  }
  EXPECT_GE(m.columns, 2);
  // Fig. 2: the two servers ran the two requests in opposite orders.
  EXPECT_NE(m.rows[0].cells[0].value, m.rows[1].cells[0].value);
}

TEST(LogViewModel, StageOneNumbersColumnsBySequenceNumber) {
  Session s = fig("fig03_send_accept.toml");
  run_to_end(s);
  const LogViewModel m = build_log_view(s.sim());
  EXPECT_EQ(m.axis, LogViewModel::Axis::SequenceNumber);
  EXPECT_STREQ(m.axis_name(), "j");
  ASSERT_FALSE(m.rows[0].cells.empty());
  EXPECT_EQ(m.rows[0].cells[0].state, LogCell::State::Executed);
  EXPECT_EQ(m.rows[0].role, "leader");
}

TEST(LogViewModel, StageThreeLeadersOutstandingAcceptIsAcceptedUntilAMajorityHasIt) {
  Session s = fig("fig06_wait_for_learn.toml");
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) {
    const ServerView v = sim.server(ServerId{1}).view();
    return v.outstanding && !v.outstanding->executed;
  }));
  const ServerView v = s.sim().server(ServerId{1}).view();
  const LogViewModel m = build_log_view(s.sim());
  const LogCell* c = m.cell(0, v.outstanding->j);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->state, LogCell::State::Accepted);
  EXPECT_TRUE(c->outstanding);
  EXPECT_EQ(c->value, v.outstanding->request);
  EXPECT_EQ(c->quorum, v.outstanding->learned);
  // Once the leader executed it the cell is in sigma.
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) { return !sim.executed(ServerId{1}).empty(); }));
  const LogViewModel after = build_log_view(s.sim());
  EXPECT_EQ(after.cell(0, 1)->state, LogCell::State::Executed);
  const auto changed = changed_cells(m, after);
  EXPECT_NE(std::find(changed.begin(), changed.end(), std::make_pair(std::size_t{0}, std::int64_t{1})), changed.end());
}

TEST(LogViewModel, StageFourShowsDecidedSlotsTheirQuorumsAndTheLeadersPromisers) {
  Session s = fig("fig12b_five_servers.toml");
  run_to_end(s);
  const Simulation& sim = s.sim();
  const LogViewModel m = build_log_view(sim);
  EXPECT_EQ(m.axis, LogViewModel::Axis::Slot);
  ASSERT_EQ(m.rows.size(), 5u);
  // S3 took over with rnd 3 on the promises of a majority including itself.
  const LogRow& s3 = m.rows[2];
  EXPECT_EQ(s3.role, "leader");
  EXPECT_EQ(s3.rnd, 3);
  EXPECT_GE(std::popcount(s3.promisers), 3);
  EXPECT_TRUE(s3.promisers & bit(3));
  EXPECT_EQ(s3.promisers & (bit(1) | bit(2)), 0u);  // S1 and S2 crashed before rnd 3
  int decided = 0;
  for (std::size_t r = 2; r < 5; ++r) {
    const ServerView v = sim.server(ServerId{static_cast<int>(r + 1)}).view();
    for (const auto& slot : v.slots) {
      const LogCell* c = m.cell(r, slot.slot);
      ASSERT_NE(c, nullptr);
      if (!slot.decided) continue;
      ++decided;
      EXPECT_EQ(c->state, slot.slot <= v.executed_upto ? LogCell::State::Executed : LogCell::State::Decided);
      EXPECT_EQ(c->value, slot.decided_value);
      EXPECT_EQ(c->decided_rnd, 3);
      // All-to-all learns: each server decided on a quorum of three Learns.
      EXPECT_GE(std::popcount(c->quorum), 3) << "S" << r + 1 << " slot " << slot.slot;
      // Quorum intersection: the deciding quorum meets the round's promisers.
      EXPECT_NE(c->quorum & s3.promisers, 0u);
      if (slot.vrnd > 0 && slot.vval == slot.decided_value) {
        EXPECT_EQ(c->text, "(" + std::to_string(slot.vrnd) + ", " + to_string(slot.decided_value) + ")");
      }
    }
  }
  EXPECT_GE(decided, 6);  // m1 and m2 at S3, S4 and S5
  // By default the leader's latest decided slot is focused.
  const auto focus = default_focus(m);
  EXPECT_EQ(focus.first, 2u);
  EXPECT_EQ(focus.second, static_cast<std::int64_t>(s3.cells.size()));
  EXPECT_EQ(servers_text(bit(1) | bit(3), 5), "S1 S3");
  EXPECT_EQ(servers_text(0, 5), "-");
}

TEST(LogViewModel, StageFourShowsAcceptedButUndecidedValuesAsVrndVval) {
  Session s = fig("fig12b_five_servers.toml");
  // S2 accepts S1's Accept(rnd 1, slot 1, m1) and cannot decide it alone.
  ASSERT_TRUE(run_until(s, [](const Simulation& sim) {
    const ServerView v = sim.server(ServerId{2}).view();
    return !v.slots.empty() && v.slots.front().vrnd == 1;
  }));
  const LogViewModel m = build_log_view(s.sim());
  const LogCell* c = m.cell(1, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->state, LogCell::State::Accepted);
  EXPECT_EQ(c->vrnd, 1);
  EXPECT_EQ(c->text, "(1, m1)");
  EXPECT_EQ(c->quorum, 0u);
}

TEST(LogViewModel, StageFourMarksARepeatedRequestAsANoop) {
  // Fig. 11: slot 2 repeats m1, already executed in slot 1: a no-op, never executed twice.
  Session s = fig("fig11_repropose.toml");
  run_to_end(s);
  const LogViewModel m = build_log_view(s.sim());
  int noops = 0;
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    if (m.rows[r].crashed) continue;
    const LogCell* first = m.cell(r, 1);
    const LogCell* second = m.cell(r, 2);
    if (first == nullptr || second == nullptr || second->state != LogCell::State::Executed) continue;
    EXPECT_FALSE(first->noop);
    EXPECT_EQ(second->value, first->value);
    EXPECT_TRUE(second->noop);
    ++noops;
  }
  EXPECT_GE(noops, 1);
}

// ---- the panel, with real ImGui input ----

TEST(LogViewPanel, LKeyTogglesItAndTheLayoutMakesRoomForIt) {
  test::Harness h;
  Preferences prefs;
  prefs.show_log_view = true;
  App app{AppOptions{}, prefs};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig12b_five_servers.toml")), "");
  h.frame(app);
  h.frame(app);
  ASSERT_TRUE(app.prefs().show_log_view);
  ImGuiWindow* logs = ImGui::FindWindowByName("Logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_TRUE(logs->Active);
  h.key_down(app, keys::kL);
  h.key_up(app, keys::kL);
  h.frame(app);
  EXPECT_FALSE(app.prefs().show_log_view);
  EXPECT_FALSE(ImGui::FindWindowByName("Logs")->Active);
}

TEST(LogViewPanel, HoveringADecidedCellFocusesItsQuorum) {
  test::Harness h;
  Preferences prefs;
  prefs.show_log_view = true;
  App app{AppOptions{}, prefs};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig12b_five_servers.toml")), "");
  h.frame(app);
  while (app.session().step()) {
  }
  h.frame(app);
  h.frame(app);
  ImGuiWindow* logs = ImGui::FindWindowByName("Logs");
  ASSERT_NE(logs, nullptr);
  // Sweep the window until the mouse is on a cell of S4's row (row 3).
  bool found = false;
  for (float y = logs->Pos.y + 2; y < logs->Pos.y + logs->Size.y && !found; y += 3)
    for (float x = logs->Pos.x + 2; x < logs->Pos.x + logs->Size.x && !found; x += 6) {
      h.move(app, ImVec2(x, y));
      const auto hv = app.log_view_state().hovered;
      found = hv.first == 3 && hv.second >= 1;
    }
  ASSERT_TRUE(found);
  const auto hv = app.log_view_state().hovered;
  const LogCell* c = app.log_view_state().last.cell(hv.first, hv.second);
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->state, LogCell::State::Empty);
  EXPECT_GE(std::popcount(c->quorum), 3);
}

}  // namespace
}  // namespace paxoslab::gui
