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

# shot NAME SCENARIO STEPS [extra flags...]
shot() {
  local name=$1 file=$2 steps=$3
  shift 3
  XDG_CONFIG_HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 1920x1200x24" \
    "$APP" --scenario "scenarios/$file" --steps "$steps" --size 1600x1000 \
    --screenshot "$OUT/$name.png" --frames 4 --exit "$@"
  echo "screenshots: $OUT/$name.png ($file at step $steps)"
}

shot fig03_in_flight      fig03_send_accept.toml          4    # accepts on the wire
shot fig03b_stuck         fig03b_lost_accept_stuck.toml   200  # a lost accept: stuck forever
shot fig05_violation      fig05_leader_crash.toml         30   # leader replies then crashes
shot fig09_two_leaders    fig09_two_leaders.toml          60   # Stage 3, three servers
shot fig12b_five_servers  fig12b_five_servers.toml        40   # Multi-Paxos, five servers
shot duelling_leaders     duelling_leaders.toml           80   # Stage 4, rounds at work
