#!/usr/bin/env bash
# sanitize.sh - memory and undefined-behaviour checks of ndislint.
#
#   tools/sanitize.sh            all three passes below
#   tools/sanitize.sh asan       only pass 1
#   tools/sanitize.sh valgrind   only pass 2
#
# 1. Builds the whole project in build-asan with -DNDISLINT_SANITIZE=ON
#    (AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer) and runs
#    the whole ctest suite there. Any sanitizer report aborts the process
#    that made it, which fails its test. Leaks inside libclang itself are
#    suppressed by tools/lsan.supp (libclang's allocations only).
# 2. Runs the release build (build/, as tools/setup.sh makes it) under
#    valgrind memcheck over every fixture of tests/fixtures (a .c/.cpp file,
#    or a .driver folder analysed in one run, with its `// ndislint-args:`),
#    and names each fixture that fails.
#
# Installs what it needs on Debian 12 (via tools/setup.sh, and valgrind).
# Exit: 0 when every pass is clean, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

what="${1:-all}"
case "$what" in
  all|asan|valgrind) ;;
  *) echo "usage: tools/sanitize.sh [all|asan|valgrind]" >&2; exit 2 ;;
esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Dependencies of the project and its tests; builds build/ (release).
tools/setup.sh
if ! command -v valgrind >/dev/null 2>&1 && [ "$what" != asan ]; then
  echo "sanitize: installing valgrind" >&2
  as_root apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind >&2
fi

status=0
jobs="$(nproc)"

# ---------------------------------------------------------------- pass 1
asan_pass() {
  local started=$SECONDS
  echo "sanitize: [asan] building build-asan" >&2
  # Warnings stay warnings here: -O0 with the sanitizers makes GCC's
  # -Wformat-truncation see more paths than the release build does, and
  # this pass is about what happens at run time.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNDISLINT_SANITIZE=ON \
        -DNDISLINT_WERROR=OFF >&2 || return 1
  cmake --build build-asan -j "$jobs" >&2 || { echo "sanitize: [asan] build failed" >&2; return 1; }
  echo "sanitize: [asan] running ctest in build-asan" >&2
  local rc=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0" \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" || rc=$?
  echo "sanitize: [asan] ctest exit $rc ($((SECONDS - started)) s)" >&2
  return "$rc"
}

# ---------------------------------------------------------------- pass 2
# The `// ndislint-args:` words of the files of one fixture.
fixture_args() {
  sed -n 's|.*//[[:space:]]*ndislint-args:[[:space:]]*||p' "$@" 2>/dev/null | tr '\n' ' '
}

valgrind_pass() {
  local started=$SECONDS
  local tool="$here/build/ndislint"
  local log_dir="$here/build/valgrind"
  rm -rf "$log_dir"
  mkdir -p "$log_dir"
  local -a fixtures=()
  # Single files not inside a .driver folder, and the .driver folders.
  while IFS= read -r f; do fixtures+=("$f"); done < <(
    find tests/fixtures \( -type d -name '*.driver' -prune -print \) -o \
         \( -type f \( -name '*.c' -o -name '*.cpp' \) -print \) | LC_ALL=C sort)
  local count=0 failed=0
  local -a failures=()
  for fx in "${fixtures[@]}"; do
    local -a files=()
    if [ -d "$fx" ]; then
      while IFS= read -r f; do files+=("$f"); done < <(
        find "$fx" -maxdepth 1 -type f \( -name '*.c' -o -name '*.cpp' \) | LC_ALL=C sort)
    else
      files=("$fx")
    fi
    [ ${#files[@]} -gt 0 ] || continue
    local -a extra=()
    read -r -a extra <<< "$(fixture_args "${files[@]}")" || true
    local log="$log_dir/$(echo "$fx" | tr '/' '_').log"
    local -a cmd=("$tool" --format=sarif "${files[@]}")
    [ ${#extra[@]} -gt 0 ] && cmd+=(-- "${extra[@]}")
    count=$((count + 1))
    local rc=0
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
             --log-file="$log" "${cmd[@]}" >/dev/null 2>&1 || rc=$?
    # ndislint's own statuses are 0, 1 and 2; 99 is valgrind's, anything
    # else is a crash.
    if [ "$rc" -gt 2 ] || [ -s "$log" ]; then
      failed=$((failed + 1))
      failures+=("$fx")
      echo "sanitize: [valgrind] FAILED: $fx (exit $rc)" >&2
      cat "$log" >&2
    fi
  done
  echo "sanitize: [valgrind] $count fixtures, $failed failed ($((SECONDS - started)) s)" >&2
  for fx in "${failures[@]}"; do echo "sanitize: [valgrind]   $fx" >&2; done
  [ "$failed" -eq 0 ]
}

if [ "$what" = all ] || [ "$what" = asan ]; then
  asan_pass || status=1
fi
if [ "$what" = all ] || [ "$what" = valgrind ]; then
  valgrind_pass || status=1
fi
if [ "$status" -eq 0 ]; then
  echo "sanitize: all passes clean" >&2
else
  echo "sanitize: FAILED" >&2
fi
exit "$status"
