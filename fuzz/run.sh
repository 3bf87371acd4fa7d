#!/usr/bin/env bash
# run.sh - builds the libFuzzer harnesses and runs each for a while.
#
#   fuzz/run.sh [SECONDS] [HARNESS...]
#
# SECONDS per harness (default 60); HARNESS names some of rules, config,
# compile_db, suppress, pipeline, project (default: all, one after the
# other).
#
# Installs what it needs on Debian 12 (run as root, or with sudo): clang-19
# with libclang-rt-19-dev (clang-14 with libclang-rt-14-dev where the
# former is not packaged), libclang-19-dev, libcjson-dev, cmake. Builds in
# build-fuzz/ (FUZZ_CC=... picks another clang), seeds fuzz/corpus/ from the
# repository (fuzz/seed.sh), and runs every harness with -max_total_time,
# -timeout=20 and -rss_limit_mb=4096, AddressSanitizer (leaks included;
# libclang's own leaks are suppressed by tools/lsan.supp) and
# UndefinedBehaviorSanitizer. The corpora grow in fuzz/corpus/ (not kept
# in git).
#
# What a harness finds (crash-*, leak-*, timeout-*, oom-*) is moved to
# fuzz/crashes/HARNESS-KIND-HASH and printed with the end of its log (the
# stack): a `cat -v` preview of its first 4 KiB and, up to 64 KiB, the
# whole input base64-encoded as a command that writes the file again
# (`echo '...' | base64 -d > fuzz/crashes/FILE`), so that an input found on
# CI can be recreated from the log alone. Reproduce it with:
# build-fuzz/fuzz_HARNESS fuzz/crashes/FILE
# Exit: 0 when no harness found anything, 1 when one did, 2 on a build or
# setup problem.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

seconds="${1:-60}"
case "$seconds" in
  ''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS] [HARNESS...]" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(rules config compile_db suppress pipeline project)
for h in "${harnesses[@]}"; do
  case "$h" in
    rules|config|compile_db|suppress|pipeline|project) ;;
    *) echo "run.sh: unknown harness '$h'" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
candidate() { apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | head -n1; }

# ------------------------------------------------------------ dependencies
packages=(cmake make pkg-config libclang-19-dev libcjson-dev libxml2-dev)
if [ -z "${FUZZ_CC:-}" ]; then
  if installed clang-19 && installed libclang-rt-19-dev; then
    FUZZ_CC=clang-19
  elif installed clang-14 && installed libclang-rt-14-dev; then
    FUZZ_CC=clang-14
  else
    c="$(candidate libclang-rt-19-dev)"
    if [ -z "$c" ] || [ "$c" = "(none)" ]; then
      as_root apt-get update -q >&2 || true
      c="$(candidate libclang-rt-19-dev)"
    fi
    if [ -n "$c" ] && [ "$c" != "(none)" ]; then
      FUZZ_CC=clang-19; packages+=(clang-19 libclang-rt-19-dev)
    else
      FUZZ_CC=clang-14; packages+=(clang-14 libclang-rt-14-dev)
    fi
  fi
fi
missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]}" >&2
  as_root apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
fi
command -v "$FUZZ_CC" >/dev/null 2>&1 || { echo "run.sh: $FUZZ_CC not found" >&2; exit 2; }

# ------------------------------------------------------------------- build
build="$here/build-fuzz"
echo "run.sh: building the harnesses with $FUZZ_CC in build-fuzz" >&2
cmake -S fuzz -B "$build" -DCMAKE_C_COMPILER="$FUZZ_CC" >&2 || exit 2
cmake --build "$build" -j "$(nproc)" >&2 || exit 2

fuzz/seed.sh

# --------------------------------------------------------------------- run
# Options already in the environment come last, so they win.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/tools/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export NDISLINT_RULES="$here/rules"
mkdir -p fuzz/crashes "$build/logs"
base64_max=65536   # inputs up to this size are printed base64-encoded too
failed=()
for h in "${harnesses[@]}"; do
  exe="$build/fuzz_$h"
  artifacts="$build/artifacts/$h"
  log="$build/logs/$h.log"
  rm -rf "$artifacts"
  mkdir -p "$artifacts" "fuzz/corpus/$h"
  dict=()
  case "$h" in
    pipeline|suppress) dict=(-dict="$here/fuzz/dicts/c.dict") ;;
    project) dict=(-dict="$here/fuzz/dicts/project.dict") ;;
    *) dict=(-dict="$here/fuzz/dicts/json.dict") ;;
  esac
  echo "run.sh: fuzz_$h for ${seconds} s (log: build-fuzz/logs/$h.log)" >&2
  started=$SECONDS
  rc=0
  "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
         -artifact_prefix="$artifacts/" -print_final_stats=1 "${dict[@]}" \
         "fuzz/corpus/$h" >"$log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
  echo "run.sh: fuzz_$h: exit $rc, ${execs:-?} inputs in $((SECONDS - started)) s," \
       "corpus $(find "fuzz/corpus/$h" -type f | wc -l)" >&2
  found=()
  for a in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
    [ -f "$a" ] || continue
    base="$(basename "$a")"
    dest="fuzz/crashes/$h-$base"
    mv "$a" "$dest"
    found+=("$dest")
  done
  if [ "$rc" -ne 0 ] || [ ${#found[@]} -gt 0 ]; then
    failed+=("$h")
    echo "run.sh: fuzz_$h FOUND A PROBLEM; end of its log:" >&2
    tail -n 60 "$log" >&2
    for f in "${found[@]}"; do
      size="$(stat -c %s "$f")"
      echo "run.sh: input $f ($size bytes; reproduce: build-fuzz/fuzz_$h $f):" >&2
      head -c 4096 "$f" | cat -v >&2
      echo >&2
      # The exact bytes, so that the file can be made again from a CI log.
      if [ "$size" -le "$base64_max" ]; then
        echo "run.sh: to recreate $f from this log, run the next line at the top of the repository:" >&2
        echo "echo '$(base64 -w0 "$f")' | base64 -d > $f" >&2
      else
        echo "run.sh: $f is over $base64_max bytes, not printed as base64" >&2
      fi
    done
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: FAILED: ${failed[*]} (inputs in fuzz/crashes/)" >&2
  exit 1
fi
echo "run.sh: no harness found a problem" >&2
