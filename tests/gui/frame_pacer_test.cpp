// When the window draws (gui/platform/frame_pacer.hpp, App::animating): every
// frame while something moves and for a settle time after the last input or
// animation, then none until the next input - so a paused lesson page costs
// no CPU (measured with `paxos-lab --bench-idle`).
#include <gtest/gtest.h>

#include "gui/platform/frame_pacer.hpp"
#include "gui_harness.hpp"

namespace paxoslab::gui {
namespace {

TEST(FramePacer, DrawsForTheSettleTimeAfterInputThenWaits) {
  FramePacer p;
  p.note_input(10.0);
  EXPECT_TRUE(p.should_draw(10.0));
  EXPECT_TRUE(p.should_draw(10.0 + FramePacer::kSettleSeconds - 0.01));
  EXPECT_FALSE(p.should_draw(10.0 + FramePacer::kSettleSeconds + 0.01));
  EXPECT_EQ(p.inputs(), 1u);
  p.note_animating(20.0);
  EXPECT_TRUE(p.should_draw(21.0));
  EXPECT_FALSE(p.should_draw(25.0));
  EXPECT_EQ(p.inputs(), 1u) << "animation is not input";
}

TEST(FramePacer, SettlesLongerThanTheChangeGlowsFade) {
  // The cluster view's and the log view's change glows fade over 1.5 s.
  EXPECT_GT(FramePacer::kSettleSeconds, 1.5);
}

TEST(App, AnimatesOnlyWhileSomethingPlays) {
  test::Harness h;
  App app{AppOptions{}, Preferences{}};
  ASSERT_EQ(app.open_scenario(test::scenario_path("fig03_send_accept.toml")), "");
  h.frame(app);
  EXPECT_FALSE(app.animating()) << "a paused run waits for input";
  app.session().set_playing(true);
  EXPECT_TRUE(app.animating());
  app.session().set_playing(false);
  app.queue().push(cmd::Step{});
  EXPECT_TRUE(app.animating()) << "a queued command needs a frame";
  h.frame(app);
  EXPECT_FALSE(app.animating());
}

}  // namespace
}  // namespace paxoslab::gui
