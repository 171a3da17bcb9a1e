#!/usr/bin/env bash
# Regenerates the golden traces: scenarios/<name>.trace beside every
# scenarios/<name>.toml, the lines `paxos-lab-cli run FILE` prints for the
# trace (docs/testing.md, "Golden traces"). Run it after a change that is
# meant to change traces, then review `git diff scenarios/*.trace`: it shows
# exactly what the change did to every figure.
#   scripts/update-golden-traces.sh [PATH-TO-paxos-lab-cli]
# The CLI defaults to build/dev/cli/paxos-lab-cli (build it first:
# cmake --build build/dev --target paxos-lab-cli).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLI="${1:-build/dev/cli/paxos-lab-cli}"
if [[ ! -x "$CLI" ]]; then
  echo "update-golden-traces: no paxos-lab-cli at '$CLI'; build it (cmake --build build/dev --target paxos-lab-cli) or pass its path" >&2
  exit 2
fi
for f in scenarios/*.toml; do
  "$CLI" run "$f" --write-golden
done
echo "review the changes with: git diff --stat scenarios/ && git diff scenarios/*.trace"
