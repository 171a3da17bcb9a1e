// libFuzzer target: the scenario loader (core/scenario/scenario_loader.hpp) on any
// bytes. A crash, sanitizer report, hang or runaway memory is a finding; an
// error value is the expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/scenario/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const paxoslab::ScenarioLoad l = paxoslab::load_scenario_string(text, "fuzz.toml");
  if (!l.ok() && l.error) (void)l.error->to_string();
  return 0;
}
