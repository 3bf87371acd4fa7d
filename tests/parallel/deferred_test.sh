#!/usr/bin/env bash
# deferred_test.sh - bodies the parser leaves for later change nothing: for
# every fixture (a file, or a .driver folder analysed in one run, with its
# `// ndislint-args:`) and the example driver, the findings, tool messages
# and exit status are the same as with --dump-facts, which converts every
# body at once (its dump goes to standard error and is set aside here).
#
#   deferred_test.sh NDISLINT REPO_ROOT
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Runs one fixture: stdout, the stderr lines that are not the dump (tool
# messages start with the tool's name or a file name), and the status.
run() { # run OUT TARGET [--dump-facts]
  local out="$1" target="$2" args
  shift 2
  if [ -d "$target" ]; then
    args=$(grep -h "ndislint-args:" "$target"/* 2>/dev/null | head -n 1 | sed 's/.*ndislint-args://')
    (cd "$target" && "$ndislint" --format=msvc $args "$@" $(ls ./*.c ./*.cpp 2>/dev/null)) \
      > "$out.stdout" 2> "$out.stderr"
  else
    args=$(grep -h "ndislint-args:" "$target" 2>/dev/null | head -n 1 | sed 's/.*ndislint-args://')
    "$ndislint" --format=msvc $args "$@" "$target" > "$out.stdout" 2> "$out.stderr"
  fi
  echo $? > "$out.rc"
  # The dump's lines are indented or start with unit/function/global.
  grep -v -E '^(unit|function|global) |^ ' "$out.stderr" > "$out.messages"
}

targets=()
while IFS= read -r t; do targets+=("$t"); done < <(
  find tests/fixtures -name '*.driver' -type d | sort
  find tests/fixtures \( -name '*.c' -o -name '*.cpp' \) -not -path '*.driver/*' | sort)
targets+=(examples/miniport)
for t in "${targets[@]}"; do
  name="$work/$(echo "$t" | tr '/' '_')"
  run "$name.deferred" "$t"
  run "$name.all" "$t" --dump-facts
  if cmp -s "$name.deferred.stdout" "$name.all.stdout" &&
     cmp -s "$name.deferred.messages" "$name.all.messages" &&
     cmp -s "$name.deferred.rc" "$name.all.rc"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $t: deferred bodies change the result"
    diff "$name.all.stdout" "$name.deferred.stdout" | head -n 10
    diff "$name.all.messages" "$name.deferred.messages" | head -n 10
  fi
done
# The test must have looked at something.
[ "${#targets[@]}" -gt 100 ] || { echo "FAIL only ${#targets[@]} fixtures found"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
