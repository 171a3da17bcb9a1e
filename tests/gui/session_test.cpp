// The Session model (no ImGui): stepping, rewinding by snapshot + replay,
// cutting the timeline, manual picks, playback.
#include <gtest/gtest.h>

#include "core/scenario/scenario_loader.hpp"
#include "gui/model/session.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {
namespace {

Session fig(const char* name) {
  const auto load = load_scenario_file(std::string(PAXOSLAB_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  SessionSource src{load.scenario, load.scenario->config};
  return Session(src, *find_stage(src.config.stage));
}

TEST(Session, StepBackRestoresExactlyTheSameTraceHash) {
  Session s = fig("fig05_leader_crash.toml");
  ASSERT_TRUE(s.step());
  const auto hash1 = s.sim().trace().hash();
  const auto size1 = s.sim().trace().size();
  const auto state1 = s.sim().state_hash();
  ASSERT_TRUE(s.step());
  ASSERT_TRUE(s.step());
  EXPECT_NE(s.sim().trace().hash(), hash1);
  ASSERT_TRUE(s.step_back());
  ASSERT_TRUE(s.step_back());
  EXPECT_EQ(s.cursor(), 1u);
  EXPECT_EQ(s.sim().trace().hash(), hash1);
  EXPECT_EQ(s.sim().trace().size(), size1);
  EXPECT_EQ(s.sim().state_hash(), state1);
}

TEST(Session, RewindAcrossManySnapshotsAndRedoMatchTheOriginalRun) {
  SessionSource src;
  src.config.stage = 1;
  src.config.servers = 3;
  Session s(src, *find_stage(1));
  std::vector<std::uint64_t> hashes{s.sim().trace().hash()};
  for (int i = 0; i < 1200; ++i) {
    if (i % 5 == 0) s.apply(ClientRequestAction{ClientId{i % 2 + 1}, RequestId{i / 5 + 1}});
    else if (!s.step()) s.apply(ClientRequestAction{ClientId{1}, RequestId{i / 5 + 1000}});
    hashes.push_back(s.sim().trace().hash());
  }
  ASSERT_EQ(s.length(), 1200u);
  for (std::size_t pos : {0u, 1u, 255u, 256u, 257u, 700u, 1199u}) {
    s.jump_to(pos);
    EXPECT_EQ(s.sim().trace().hash(), hashes[pos]) << "at " << pos;
  }
  s.jump_to(300);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(s.step());  // redo
  EXPECT_EQ(s.sim().trace().hash(), hashes[310]);
  EXPECT_EQ(s.length(), 1200u);  // redo keeps the recorded future
}

TEST(Session, SomethingNewAtAnEarlierStepCutsTheFuture) {
  Session s = fig("fig03_send_accept.toml");
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(s.step());
  const auto gen = s.generation();
  s.jump_to(2);
  EXPECT_EQ(s.length(), 6u);
  EXPECT_EQ(s.apply(CrashAction{ServerId{2}}), "");
  EXPECT_EQ(s.length(), 3u);
  EXPECT_EQ(s.cursor(), 3u);
  EXPECT_NE(s.generation(), gen);
  EXPECT_TRUE(s.sim().crashed(ServerId{2}));
  EXPECT_TRUE(s.record().crashed(ServerId{2}));
  EXPECT_EQ(s.record().trace().size(), s.sim().trace().size());
}

TEST(Session, ManualPickDeliversTheChosenMessageFirst) {
  Session s = fig("fig03_send_accept.toml");
  s.set_manual(true);
  // Carry out the scripted client requests, then deliver the latest pending delivery first.
  while (true) {
    const auto p = s.sim().pending();
    ASSERT_FALSE(p.empty());
    if (p.front().type == PendingEvent::Type::Delivery) break;
    ASSERT_TRUE(s.pick(p.front()));
  }
  auto pending = s.sim().pending();
  PendingEvent last;
  for (const auto& e : pending)
    if (e.type == PendingEvent::Type::Delivery) last = e;
  ASSERT_TRUE(s.pick(last));
  const TraceEvent* deliver = nullptr;
  for (const auto& e : s.sim().trace().events())
    if (e.kind == TraceKind::Deliver || e.kind == TraceKind::Reply || e.kind == TraceKind::Drop) deliver = &e;
  ASSERT_NE(deliver, nullptr);
  EXPECT_EQ(deliver->message, last.message);
  EXPECT_EQ(s.timeline().back().type, TimelineEntry::Type::Pick);
  EXPECT_FALSE(s.pick(last));  // no longer pending
}

TEST(Session, PlaybackStepsEveryEventItsDisplayTimePasses) {
  Session s = fig("fig03_send_accept.toml");
  s.set_speed(100.0);
  s.set_playing(true);
  int steps = 0;
  for (int i = 0; i < 600 && s.playing(); ++i) steps += s.advance(1.0 / 60.0);
  EXPECT_FALSE(s.playing());
  EXPECT_GT(steps, 5);
  EXPECT_EQ(static_cast<std::size_t>(steps), s.length());
  EXPECT_FALSE(s.play_status().empty());
  EXPECT_DOUBLE_EQ(s.display_time(), static_cast<double>(s.sim().now()));
}

TEST(Session, PositionOfEventFindsTheStepThatRecordedIt) {
  Session s = fig("fig03_send_accept.toml");
  for (int i = 0; i < 8; ++i) ASSERT_TRUE(s.step());
  for (std::size_t i = 0; i < s.length(); ++i) {
    const std::uint64_t before = i == 0 ? 0 : s.trace_size_after(i - 1);
    if (s.trace_size_after(i) == before) continue;
    EXPECT_EQ(s.position_of_event(s.trace_size_after(i) - 1), i + 1);
  }
}

}  // namespace
}  // namespace paxoslab::gui

namespace paxoslab::gui {
namespace {

// A break-finder schedule whose second choice names a message nobody sends:
// the run stops there and the Session says why, with the file's line.
TEST(Session, AScheduleChoiceThatMatchesNothingIsNamedWithItsLine) {
  const std::string text =
      "[scenario]\nname = \"t\"\nstage = 1\nservers = 2\nclients = 1\n\n"
      "[[choose]]\ndo = \"request\"\nclient = \"C1\"\nrequest = \"m1\"\n\n"      // lines 7-10
      "[[choose]]\nevent = \"deliver\"\nkind = \"Accept\"\nfrom = \"S2\"\n";  // line 12: S2 sends no Accept
  const auto load = load_scenario_string(text, "stops.toml");
  ASSERT_TRUE(load.ok()) << (load.error ? load.error->to_string() : "");
  SessionSource src{load.scenario, load.scenario->config};
  Session s(src, *find_stage(1));
  EXPECT_TRUE(s.schedule_error().empty());
  for (int i = 0; i < 100 && s.step(); ++i) {
  }
  EXPECT_NE(s.schedule_error().find("the [[choose]] at line 12: "), std::string::npos) << s.schedule_error();
}

}  // namespace
}  // namespace paxoslab::gui
