#!/usr/bin/env bash
# Screenshots of every lesson page at its moment - what the learner sees after
# pressing Next on that page - at 1280x800 and 1600x1000, with the desktop
# app's capture flags (paxos-lab --lesson FILE --lesson-page N --size WxH
# --screenshot OUT --frames N --exit) under Xvfb (Mesa software GL).
# A page with a prediction is taken twice: asking (*_ask.png: the question
# before the run plays) and revealed (after answering its first choice).
#
# Usage: bash scripts/lesson-screenshots.sh [OUT_DIR] [BUILD_DIR] [LESSON_FILE...]
#   OUT_DIR      default build/screenshots/lessons
#   BUILD_DIR    default build/dev (the paxos-lab target must be built)
#   LESSON_FILE  default every lessons/*.toml
# Files: OUT_DIR/<lesson file>_p<page>_<W>x<H>.png, e.g. 06_leader_crash_p2_1280x800.png
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-build/screenshots/lessons}"
BUILD="${2:-build/dev}"
shift $(($# > 2 ? 2 : $#))
LESSONS=("$@")
if [[ ${#LESSONS[@]} -eq 0 ]]; then LESSONS=(lessons/*.toml); fi
APP="$BUILD/gui/paxos-lab"
if [[ ! -x "$APP" ]]; then
  echo "lesson-screenshots: $APP not found; build it first: cmake --build $BUILD --target paxos-lab" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null; then
  echo "lesson-screenshots: xvfb-run not found (Debian package xvfb)" >&2
  exit 1
fi
mkdir -p "$OUT"

# shot LESSON PAGE SIZE OUTFILE [FLAGS...]: one capture with a fresh config dir.
shot() {
  local lesson=$1 page=$2 size=$3 out=$4
  shift 4
  local cfg
  cfg="$(mktemp -d)"
  if ! XDG_CONFIG_HOME="$cfg" xvfb-run -a -s "-screen 0 1920x1200x24" \
    "$APP" --lesson "$lesson" --lesson-page "$page" "$@" --size "$size" --screenshot "$out" --frames 4 --exit \
    >/dev/null; then
    echo "lesson-screenshots: FAILED $out" >&2
    failed=$((failed + 1))
  fi
  rm -rf "$cfg"
}

count=0
failed=0
for lesson in "${LESSONS[@]}"; do
  name="$(basename "$lesson" .toml)"
  pages="$(grep -c '^\[\[page\]\]' "$lesson" || true)"
  for ((page = 1; page <= pages; page++)); do
    # Does the page's own [[page]] table (up to the next page, step, exercise or choose) have a prediction?
    predicts="$(awk -v want="$page" '/^\[\[page\]\]/ { n++; inpage = 1; next }
                                      /^\[\[(exercise|step|choose)/ { inpage = 0 }
                                      inpage && n == want && /^\[+page\.predict|^predict *=/ { print "yes"; exit }' "$lesson")"
    for size in 1280x800 1600x1000; do
      if [[ -n "$predicts" ]]; then
        shot "$lesson" "$page" "$size" "$OUT/${name}_p${page}_${size}_ask.png"
        shot "$lesson" "$page" "$size" "$OUT/${name}_p${page}_${size}.png" --lesson-answer 1
        count=$((count + 2))
      else
        shot "$lesson" "$page" "$size" "$OUT/${name}_p${page}_${size}.png"
        count=$((count + 1))
      fi
    done
  done
  echo "lesson-screenshots: $name ($pages pages)"
done
echo "lesson-screenshots: $count screenshots in $OUT ($failed failed)"
[[ $failed -eq 0 ]]
