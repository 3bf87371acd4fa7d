#!/usr/bin/env bash
# parse_once_test.sh - every input file is parsed exactly once per run: for
# every fixture (a file, or a .driver folder analysed in one run, with its
# `// ndislint-args:`) and the example driver, `--stats` reports as many
# parses as files, and every file analysed. Counts only, never times.
#
#   parse_once_test.sh NDISLINT REPO_ROOT
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ndislint="$(realpath "$ndislint")"

# Prints "FILES ANALYSED PARSES" from the --stats line of a run.
counts() { # counts STDERR_FILE
  sed -n 's/^ndislint: stats: \([0-9]*\) files, \([0-9]*\) analysed, \([0-9]*\) parses.*/\1 \2 \3/p' "$1"
}

check() { # check TARGET
  local target="$1" args out="$work/run.err"
  if [ -d "$target" ]; then
    args=$(grep -h "ndislint-args:" "$target"/* 2>/dev/null | head -n 1 | sed 's/.*ndislint-args://')
    # shellcheck disable=SC2086,SC2046
    (cd "$target" && "$ndislint" --stats --quiet -o /dev/null $(ls ./*.c ./*.cpp 2>/dev/null) \
      ${args:+-- $args}) > /dev/null 2> "$out"
  else
    args=$(grep -h "ndislint-args:" "$target" 2>/dev/null | head -n 1 | sed 's/.*ndislint-args://')
    # shellcheck disable=SC2086
    # The marks' arguments are the compiler's: after `--`, as the fixture
    # checker passes them.
    "$ndislint" --stats --quiet -o /dev/null "$target" ${args:+-- $args} > /dev/null 2> "$out"
  fi
  read -r files analysed parses < <(counts "$out")
  if [ -n "${files:-}" ] && [ "$files" -gt 0 ] && [ "$parses" = "$files" ] &&
     [ "$analysed" = "$files" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $target: files ${files:-?}, analysed ${analysed:-?}, parses ${parses:-?}"
  fi
}

targets=()
while IFS= read -r t; do targets+=("$t"); done < <(
  find tests/fixtures -name '*.driver' -type d | sort
  find tests/fixtures \( -name '*.c' -o -name '*.cpp' \) -not -path '*.driver/*' | sort)
targets+=(examples/miniport)
for t in "${targets[@]}"; do
  check "$t"
done

# The shapes that used to need a second parse must be among them: C++
# classes with same-named methods across files, and includes that resolve
# only as on Windows (another case, a header reached through a mapped one,
# a generated .tmh).
for must in tests/fixtures/ndis005/cpp_same_named_methods.driver \
            tests/fixtures/parse/includes_as_on_windows.driver; do
  if printf '%s\n' "${targets[@]}" | grep -qx "$must"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $must is not among the fixtures"
  fi
done
read -r files _ parses < <(cd tests/fixtures/ndis005/cpp_same_named_methods.driver &&
  "$ndislint" --stats --quiet -o /dev/null ./*.cpp 2>&1 >/dev/null | counts /dev/stdin)
if [ "${files:-0}" -eq 4 ] && [ "${parses:-0}" -eq 4 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL the C++ driver of 4 files: ${parses:-?} parses for ${files:-?} files"
fi
# A header's inline methods are converted once per parsing process, not in
# every file that includes the header: with one process, fewer bodies are
# converted than the files take one by one, and the findings are the same
# with one process or two. Counts only.
bodies() { # bodies STDERR_FILE
  sed -n 's/^ndislint: stats: .* \([0-9]*\) bodies converted$/\1/p' "$1"
}
for inline in tests/fixtures/ndis005/cpp_header_inline_methods.driver \
              tests/fixtures/ndis005/cpp_header_inline_methods_halt_forgets.driver; do
  alone=0
  for f in "$inline"/*.cpp; do
    "$ndislint" --stats --quiet -o /dev/null "$f" > /dev/null 2> "$work/one.err"
    alone=$((alone + $(bodies "$work/one.err")))
  done
  (cd "$inline" && "$ndislint" --stats --quiet -j 1 ./*.cpp) > "$work/j1.out" 2> "$work/j1.err"
  (cd "$inline" && "$ndislint" --quiet -j 2 ./*.cpp) > "$work/j2.out" 2> /dev/null
  together=$(bodies "$work/j1.err")
  if [ "$alone" -gt 0 ] && [ -n "$together" ] && [ "$together" -lt "$alone" ] &&
     cmp -s "$work/j1.out" "$work/j2.out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $inline: ${together:-?} bodies converted together, $alone one file at a time;" \
         "findings at -j 1 and -j 2: $(cmp -s "$work/j1.out" "$work/j2.out" && echo same || echo differ)"
  fi
done
# The test must have looked at something.
[ "${#targets[@]}" -gt 100 ] || { echo "FAIL only ${#targets[@]} fixtures found"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
