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
# 2. Builds the release configuration (RelWithDebInfo, as tools/setup.sh
#    does) in build-valgrind and runs it under valgrind memcheck over every
#    fixture of tests/fixtures (a .c/.cpp file, or a .driver folder
#    analysed in one run, with its `// ndislint-args:`), several at once,
#    and names each fixture that fails. Errors whose top frames are inside
#    libclang/LLVM themselves are suppressed (see write_valgrind_supp).
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

# Dependencies of the project and its tests (it also builds build/).
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

# Errors valgrind finds inside libclang/LLVM themselves (the top frames are
# theirs, not ndislint's): libclang-19 reads uninitialised bytes of its own
# while parsing C++, and leaks a few C++ objects on some inputs.
write_valgrind_supp() {
  cat >"$1" <<'SUPP'
{
   libclang-own-uninitialised-cond
   Memcheck:Cond
   obj:*/libclang-*.so*
}
{
   libclang-own-uninitialised-value
   Memcheck:Value8
   obj:*/libclang-*.so*
}
{
   llvm-own-uninitialised-cond
   Memcheck:Cond
   obj:*/libLLVM*.so*
}
{
   libclang-own-leak-new
   Memcheck:Leak
   match-leak-kinds: definite
   fun:_Znwm
   obj:*/libclang-*.so*
}
{
   llvm-own-leak-new
   Memcheck:Leak
   match-leak-kinds: definite
   fun:_Znwm
   obj:*/libLLVM*.so*
}
SUPP
}

# check_fixture INDEX FIXTURE: runs one fixture under valgrind; writes the
# exit status into $vg_dir/INDEX.rc and the valgrind logs (one per process:
# each file is parsed in a child) into $vg_dir/INDEX.log.PID.
check_fixture() {
  local index="$1" fx="$2"
  local -a files=()
  if [ -d "$fx" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(
      find "$fx" -maxdepth 1 -type f \( -name '*.c' -o -name '*.cpp' \) | LC_ALL=C sort)
  else
    files=("$fx")
  fi
  local -a extra=()
  read -r -a extra <<< "$(fixture_args "${files[@]}")" || true
  local -a cmd=("$vg_tool" --format=sarif "${files[@]}")
  [ ${#extra[@]} -gt 0 ] && cmd+=(-- "${extra[@]}")
  local rc=0
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
           --show-leak-kinds=definite \
           --suppressions="$vg_dir/libclang.supp" --log-file="$vg_dir/$index.log.%p" \
           "${cmd[@]}" >/dev/null 2>&1 || rc=$?
  echo "$rc" >"$vg_dir/$index.rc"
}

valgrind_pass() {
  local started=$SECONDS
  # A release build of its own, so that nothing else rebuilding build/
  # meanwhile can swap the binary under a run.
  echo "sanitize: [valgrind] building build-valgrind (release)" >&2
  cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2 || return 1
  cmake --build build-valgrind -j "$jobs" --target ndislint >&2 ||
    { echo "sanitize: [valgrind] build failed" >&2; return 1; }
  vg_tool="$here/build-valgrind/ndislint"
  vg_dir="$here/build-valgrind/valgrind"
  rm -rf "$vg_dir"
  mkdir -p "$vg_dir"
  write_valgrind_supp "$vg_dir/libclang.supp"
  local -a fixtures=()
  # Single files not inside a .driver folder, and the .driver folders.
  while IFS= read -r f; do fixtures+=("$f"); done < <(
    find tests/fixtures \( -type d -name '*.driver' -prune -print \) -o \
         \( -type f \( -name '*.c' -o -name '*.cpp' \) -print \) | LC_ALL=C sort)
  echo "sanitize: [valgrind] ${#fixtures[@]} fixtures, $jobs at a time" >&2
  local i running=0
  for i in "${!fixtures[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
      wait -n || true
      running=$((running - 1))
    fi
    check_fixture "$i" "${fixtures[$i]}" &
    running=$((running + 1))
  done
  wait || true
  local failed=0 rc log
  local -a failures=()
  for i in "${!fixtures[@]}"; do
    rc="$(cat "$vg_dir/$i.rc" 2>/dev/null || echo missing)"
    local reported=false
    for log in "$vg_dir/$i.log."*; do
      [ -s "$log" ] && reported=true
    done
    # ndislint's own statuses are 0, 1 and 2 (2 also when a parsing child
    # stopped, e.g. on valgrind's 99); anything in a log is an error.
    if [ "$rc" = missing ] || [ "$rc" -gt 2 ] || $reported; then
      failed=$((failed + 1))
      failures+=("${fixtures[$i]}")
      echo "sanitize: [valgrind] FAILED: ${fixtures[$i]} (exit $rc)" >&2
      for log in "$vg_dir/$i.log."*; do
        [ -s "$log" ] && cat "$log" >&2
      done
    fi
  done
  echo "sanitize: [valgrind] ${#fixtures[@]} fixtures, $failed failed ($((SECONDS - started)) s)" >&2
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
