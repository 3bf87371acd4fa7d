#!/usr/bin/env bash
# setup.sh - installs what ndislint needs on Debian 12 and builds it in build/.
#
#   tools/setup.sh            install the dependencies (apt, npm) and build
#
# Dependencies: cmake, a C compiler, libclang-19-dev (libclang 17 or newer
# works), libcjson-dev, libxml2-dev; for the tests: clang-19 (compiles the model headers),
# groff (checks the man page), node and npm (SARIF validators), strace
# (checks what the tool opens and runs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

packages=(cmake make gcc pkg-config libclang-19-dev clang-19 libcjson-dev libxml2-dev groff-base groff strace time)
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  as_root apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# SARIF validators for the test suite (npm packages, cached per user).
bash tests/sarif/setup_tools.sh >&2

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
cmake --build build -j "$(nproc)" >&2
echo "setup: built build/ndislint" >&2
