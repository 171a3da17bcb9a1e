#!/usr/bin/env bash
# Builds Paxos Lab (`dev` preset) and launches the desktop app.  Arguments are
# passed to the app.  Without a display it runs once under Xvfb and saves a
# screenshot instead (paxos-lab.png).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
JOBS="${PAXOSLAB_JOBS:-$(nproc 2>/dev/null || echo 2)}"

bash scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev -j"$JOBS"

APP=build/dev/gui/paxos-lab
if [[ ! -x "$APP" ]]; then
  echo "run: $APP was not built (is PAXOSLAB_BUILD_GUI on?)" >&2
  exit 1
fi

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run: no DISPLAY or WAYLAND_DISPLAY - running under xvfb-run and saving a"
  echo "     screenshot to paxos-lab.png instead of opening a window."
  exec xvfb-run -a "$APP" --screenshot paxos-lab.png --frames 5 --exit "$@"
fi
exec "$APP" "$@"
