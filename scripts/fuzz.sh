#!/usr/bin/env bash
# Runs each libFuzzer target (tests/fuzz/) for N seconds (default 600 = 10 min),
# seeded from scenarios/, lessons/, tests/scenarios/ and tests/hostile/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs clang with libFuzzer (Debian: apt-get install clang). Findings are
# written to build/fuzz/findings/<target>/ (crash-*, timeout-*, oom-*); add each
# as a file under tests/hostile/ with a ctest (tests/hostile/tests.cmake).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_scenario_loader fuzz_lesson_loader fuzz_load_and_run)
jobs=${PAXOSLAB_JOBS:-2}
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j"$jobs" --target "${targets[@]}"
corpus=build/fuzz/corpus
mkdir -p "$corpus"
for t in "${targets[@]}"; do
  seeds="$corpus/$t"
  mkdir -p "$seeds" "build/fuzz/findings/$t"
  case $t in
    fuzz_lesson_loader) cp -f lessons/*.toml "$seeds"/ ;;
    *) cp -f scenarios/*.toml "$seeds"/; find tests/scenarios -name '*.toml' -exec cp -f {} "$seeds"/ \; ;;
  esac
  cp -f tests/hostile/*.toml "$seeds"/ 2>/dev/null || true
  echo "== $t for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1 "build/fuzz/tests/fuzz/$t" "$seeds" -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="build/fuzz/findings/$t/" 2>&1 |
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+==ERROR|SUMMARY|artifact_prefix)" || true
  if ls "build/fuzz/findings/$t"/* >/dev/null 2>&1; then
    echo "FINDINGS for $t in build/fuzz/findings/$t"; exit 1
  fi
done
