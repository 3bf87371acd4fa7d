#!/usr/bin/env bash
# fixtures_sarif.sh - writes the SARIF log of every fixture and of the
# example driver, and validates them all against the SARIF 2.1.0 schema and
# with the SARIF Multitool (GitHub rules included).
#
#   fixtures_sarif.sh NDISLINT REPO_ROOT
set -uo pipefail

ndislint="$1"
root="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root" || exit 1
logs=()
n=0
# One run per fixture: a folder ending in .driver is one driver.
while IFS= read -r fixture; do
  n=$((n + 1))
  out="$work/$n.sarif"
  if [ -d "$fixture" ]; then
    mapfile -t files < <(find "$fixture" -maxdepth 1 -type f \( -name '*.c' -o -name '*.cpp' \) | sort)
  else
    files=("$fixture")
  fi
  "$ndislint" --format=sarif -o "$out" "${files[@]}" 2>"$work/$n.stderr"
  status=$?
  # Exit 2 (a fixture with parse errors on purpose) must still leave a
  # valid log behind; anything else that leaves none is a failure.
  if [ $status -gt 2 ] || [ ! -s "$out" ]; then
    echo "FAIL $fixture: ndislint exited $status without a SARIF log"
    cat "$work/$n.stderr"
    exit 1
  fi
  logs+=("$out")
done < <(find tests/fixtures -name '*.driver' -type d; find tests/fixtures \( -name '*.c' -o -name '*.cpp' \) -not -path '*.driver/*' | sort)

out="$work/example.sarif"
"$ndislint" --format=sarif -o "$out" examples/miniport/*.c 2>"$work/example.stderr"
status=$?
if [ $status -ne 1 ]; then
  echo "FAIL examples/miniport: expected findings (exit 1), got exit $status"
  cat "$work/example.stderr"
  exit 1
fi
logs+=("$out")

echo "validating ${#logs[@]} SARIF logs"
bash "$here/validate_sarif.sh" "${logs[@]}"
