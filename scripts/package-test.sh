#!/usr/bin/env bash
# Builds the Debian package from a configured build folder (default build/ci),
# checks what it holds, extracts it into a temporary root and runs the
# installed programs from / - lessons verify, lessons list, a lesson opened by
# id in a headless app capture, and $PAXOSLAB_DATA_DIR - checking that they
# read the installed files, not the source tree.
#   bash scripts/package-test.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD="$(cd "${1:-build/ci}" && pwd)"
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

echo "== package (cpack -G DEB in $BUILD)"
cmake --build "$BUILD" --target paxos-lab paxos-lab-cli >/dev/null
(cd "$BUILD" && rm -f paxos-lab_*.deb && cpack -G DEB >/dev/null)
DEB="$(ls "$BUILD"/paxos-lab_*.deb)"
LIST="$(dpkg-deb -c "$DEB")"
for f in usr/bin/paxos-lab usr/bin/paxos-lab-cli usr/share/applications/paxos-lab.desktop \
         usr/share/icons/hicolor/scalable/apps/paxos-lab.svg usr/share/icons/hicolor/128x128/apps/paxos-lab.png \
         usr/share/man/man1/paxos-lab.1 usr/share/man/man1/paxos-lab-cli.1 \
         usr/share/paxos-lab/lessons/01_single_server.toml usr/share/paxos-lab/scenarios/fig05_leader_crash.toml; do
  grep -q " \./$f\$" <<<"$LIST" || fail "$DEB lacks $f"
done
dpkg-deb -f "$DEB" Depends | grep -q libglfw3 || fail "the package does not declare its runtime dependencies"

ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT"
desktop-file-validate "$ROOT/usr/share/applications/paxos-lab.desktop" || fail "desktop-file-validate"
CLI="$ROOT/usr/bin/paxos-lab-cli"
APP="$ROOT/usr/bin/paxos-lab"

# Every lesson of the source tree (lessons/NN_*.toml) is installed and passes.
LESSONS=$(find lessons -maxdepth 1 -name '[0-9]*.toml' | wc -l)
echo "== installed programs, run from /"
cd /
n=$("$CLI" lessons list | wc -l)
[[ "$n" -eq "$LESSONS" ]] || fail "lessons list printed $n lessons, expected $LESSONS (lessons/*.toml)"
"$CLI" lessons verify --json > "$ROOT/verify.json" || fail "lessons verify"
python3 - "$ROOT" "$LESSONS" <<'PY' || fail "lessons verify did not read the installed lessons"
import json, sys
root, expected = sys.argv[1], int(sys.argv[2])
d = json.load(open(root + "/verify.json"))
lessons = d["lessons"]
assert len(lessons) == expected and all(l["passed"] for l in lessons), f"not {expected} passed"
assert all(l["file"].startswith(root + "/usr/share/paxos-lab/lessons/") for l in lessons), lessons[0]["file"]
PY
xvfb-run -a -s "-screen 0 1600x1000x24" "$APP" --lesson repropose --size 1280x800 --screenshot "$ROOT/shot.png" \
  --frames 3 --exit || fail "the installed app could not open the lesson 'repropose' by id"
[[ -s "$ROOT/shot.png" ]] || fail "no screenshot"
mkdir -p "$ROOT/data/lessons"
cp "$ROOT/usr/share/paxos-lab/lessons/03_send_accept.toml" "$ROOT/data/lessons/"
cp -r "$ROOT/usr/share/paxos-lab/scenarios" "$ROOT/data/"
n=$(PAXOSLAB_DATA_DIR="$ROOT/data" "$CLI" lessons list | wc -l)
[[ "$n" -eq 1 ]] || fail "PAXOSLAB_DATA_DIR: lessons list printed $n lessons, expected 1"
echo "== package-test passed: $(basename "$DEB")"
