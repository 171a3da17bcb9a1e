#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Paxos Lab needs to build, test and run.
# Only missing packages are installed; `apt-get update` runs at most once, and
# only when something is missing.  On other systems it prints the list and exits 1.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libimgui-dev libglfw3-dev libgl-dev python3-glad
  libgtest-dev libgmock-dev
  libtomlplusplus-dev libmd4c-dev libcli11-dev nlohmann-json3-dev
  libbenchmark-dev libstb-dev
  fonts-dejavu-core
  xvfb xauth
  help2man librsvg2-bin desktop-file-utils dpkg-dev
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this is not a Debian-based system (no dpkg-query/apt-get)." >&2
  echo "Install these packages (Debian 12 names; use your distribution's equivalents):" >&2
  echo "${PACKAGES[*]}"
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed."
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps: not root and sudo is not available; install as root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done."
