#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png with the desktop app's headless capture
# flags (paxos-lab --scenario FILE --steps K --screenshot OUT --frames N --exit)
# under Xvfb (Mesa software GL). Usage: bash scripts/screenshots.sh [BUILD_DIR]
# (default build/dev; the paxos-lab target must be built).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD="${1:-build/dev}"
APP="$BUILD/gui/paxos-lab"
OUT=docs/screenshots
if [[ ! -x "$APP" ]]; then
  echo "screenshots: $APP not found; build it first: cmake --build $BUILD --target paxos-lab" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "screenshots: xvfb-run not found (Debian package xvfb)" >&2
  exit 1
fi
mkdir -p "$OUT"

# shot NAME STEPS FLAGS...: one capture at 1600x1000 with a fresh config dir.
shot() {
  local name=$1 steps=$2
  shift 2
  XDG_CONFIG_HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 1920x1200x24" \
    "$APP" "$@" --steps "$steps" --size 1600x1000 --screenshot "$OUT/$name.png" --frames 4 --exit
  echo "screenshots: $OUT/$name.png ($* at step $steps)"
}

# The three the README shows.
shot lesson01                   0   --lesson lessons/01_single_server.toml --lesson-page 1
shot fig05_leader_crash         40  --scenario scenarios/fig05_leader_crash.toml
shot compare_fig05_stage2_vs_3  40  --compare 2,3 --scenario scenarios/fig05_leader_crash.toml
# More moments worth looking at.
shot fig03_in_flight            4   --scenario scenarios/fig03_send_accept.toml          # accepts on the wire
shot fig03b_stuck               200 --scenario scenarios/fig03b_lost_accept_stuck.toml   # a lost accept: stuck forever
shot fig09_two_leaders          60  --scenario scenarios/fig09_two_leaders.toml          # Stage 3, three servers
shot fig12b_five_servers        40  --scenario scenarios/fig12b_five_servers.toml        # Multi-Paxos, five servers
shot duelling_leaders           80  --scenario scenarios/duelling_leaders.toml           # Stage 4, rounds at work
# The break-finder: its window, and the Stage 2 counterexample it finds, stepped to its
# break (step 5 of the counterexample the search finds today; the window names the step).
shot break_finder_window        0   --scenario scenarios/fig05_leader_crash.toml --break-finder open
shot break_finder_stage2        5   --scenario scenarios/fig05_leader_crash.toml --break-finder run
# "Which rule matters?" (W) at 1280x800, the smallest size the app supports: the panel on
# Stage 4 with adopt-highest-vrnd switched off, and that variant's break (found by the
# break-finder, replay-verified) paused at the step where it breaks, under its banner.
shot_1280() {
  local name=$1
  shift
  XDG_CONFIG_HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 1920x1200x24" \
    "$APP" "$@" --size 1280x800 --screenshot "$OUT/$name.png" --frames 4 --exit
  echo "screenshots: $OUT/$name.png ($*)"
}
shot_1280 rules_panel_stage4        --scenario scenarios/duelling_leaders.toml --rules-panel open --without adopt-highest-vrnd
shot_1280 rules_panel_variant_break --scenario scenarios/duelling_leaders.toml --rules-panel find --without adopt-highest-vrnd
shot_1280 rules_panel_durable_promise --scenario scenarios/duelling_leaders.toml --rules-panel find --without durable-promise
