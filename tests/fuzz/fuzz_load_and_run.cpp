// libFuzzer target: load a scenario (or a lesson's scripted run) from any
// bytes and run it for a bounded number of steps (core/scenario/scenario_run.hpp), so
// the simulator meets every value the loader accepts: huge ticks, odd
// scripts, any stage.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lessons/lesson_loader.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "core/scenario/scenario_run.hpp"
#include "stages/registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  paxoslab::ScenarioLoad l;
  if (paxoslab::looks_like_lesson(text)) {
    paxoslab::LessonLoad lesson = paxoslab::load_lesson_string(text, "fuzz.toml");
    if (!lesson.ok()) return 0;
    l.scenario = std::move(lesson.lesson->scenario);
  } else {
    l = paxoslab::load_scenario_string(text, "fuzz.toml");
  }
  if (!l.ok()) return 0;
  paxoslab::Scenario s = std::move(*l.scenario);
  s.max_steps = std::min<std::uint64_t>(s.max_steps, 2000);  // bounded: a run is a few milliseconds
  const auto stage = paxoslab::find_stage(s.config.stage);
  if (!stage) return 0;
  paxoslab::Simulation sim = paxoslab::start_scenario(s, *stage);
  (void)paxoslab::run_to_end(sim, s);
  (void)sim.trace().hash();
  return 0;
}
