// Test sizes set from the environment, so the sanitizer preset can run the
// same suites smaller (CMakePresets.json, test preset asan-ubsan).
#pragma once

#include <cstdlib>
#include <string>

namespace paxoslab::testing {

/// Seeds per random sweep: $PAXOSLAB_SWEEP_SEEDS if it is a positive number, else `default_seeds`.
inline int sweep_seeds(int default_seeds) {
  const char* env = std::getenv("PAXOSLAB_SWEEP_SEEDS");
  if (env == nullptr || *env == '\0') return default_seeds;
  const int n = std::atoi(env);
  return n > 0 ? n : default_seeds;
}

/// False when $PAXOSLAB_LONG_TESTS is "0" (the sanitizer build skips the long exhaustive searches).
inline bool long_tests_enabled() {
  const char* env = std::getenv("PAXOSLAB_LONG_TESTS");
  return env == nullptr || std::string(env) != "0";
}

}  // namespace paxoslab::testing
