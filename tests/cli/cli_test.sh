#!/usr/bin/env bash
# cli_test.sh - command-line tests of ndislint: the man page and --help agree,
# the man page renders cleanly, exit statuses, streams and output shapes.
#
#   bash tests/cli/cli_test.sh path/to/ndislint path/to/repo-root
#
# Prints one line per failed check (what was expected, what came), then
# "N passed, M failed"; exits 1 when a check failed.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 NDISLINT REPO_ROOT" >&2
  exit 2
fi
case "$1" in
  /*) ndislint="$1" ;;
  *) ndislint="$(pwd)/$1" ;;
esac
root="$(cd "$2" && pwd)" || { echo "cli_test: no such folder: $2" >&2; exit 2; }
man_page="$root/man/ndislint.1"
inputs="$root/tests/cli/inputs"
finding_c="message_isr_false.c" # one NDIS003 finding, on its `return 0;`
clean_c="message_isr_true.c"    # no finding

tmp="$(mktemp -d)" || exit 2
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

# ---- JSON -----------------------------------------------------------------

json_tool=""
if command -v node >/dev/null 2>&1; then
  json_tool=node
elif command -v python3 >/dev/null 2>&1; then
  json_tool=python3
fi

# json_get FILE PATH: prints the value at PATH (dot-separated keys and array
# indexes, e.g. runs.0.results.0.ruleId); strings raw, others as JSON.
# Exits non-zero when FILE is not valid JSON or PATH is missing. An empty
# PATH only checks that FILE parses.
json_get() {
  case "$json_tool" in
    node)
      node -e '
        const fs = require("fs");
        let v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
        for (const k of process.argv[2].split(".").filter(s => s !== "")) {
          if (v === null || typeof v !== "object" || !(k in v)) process.exit(3);
          v = v[k];
        }
        if (process.argv[2] !== "")
          console.log(typeof v === "string" ? v : JSON.stringify(v));
      ' "$1" "$2" 2>/dev/null ;;
    python3)
      python3 -c '
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
for k in [s for s in sys.argv[2].split(".") if s]:
    try:
        v = v[int(k)] if isinstance(v, list) else v[k]
    except (KeyError, IndexError, ValueError, TypeError):
        sys.exit(3)
if sys.argv[2]:
    print(v if isinstance(v, str) else json.dumps(v))
' "$1" "$2" 2>/dev/null ;;
    *) return 4 ;;
  esac
}

# expect_json NAME FILE: FILE holds exactly one valid JSON document
expect_json() {
  if [ -z "$json_tool" ]; then
    fail "$1" "node or python3 to parse JSON" "neither is installed"
  elif json_get "$2" ""; then
    pass
  else
    fail "$1" "valid JSON" "$(cat "$2")"
  fi
}

# expect_json_value NAME FILE PATH EXPECTED
expect_json_value() {
  local value
  value="$(json_get "$2" "$3")" || value="<missing or invalid: $3>"
  expect_eq "$1" "$4" "$value"
}

# ---- man page helpers -----------------------------------------------------

# man_section TITLE: the lines of one .SH section of the man page, without
# roff comments.
man_section() {
  awk -v want="$1" '
    /^\.\\"/ { next }
    /^\.SH / {
      title = substr($0, 5); gsub(/"/, "", title)
      inside = (title == want); next
    }
    inside { print }
  ' "$man_page"
}

# man_tags TITLE: the tag lines (the line after each .TP) of a section.
man_tags() {
  man_section "$1" | awk 'take { print; take = 0 } /^\.TP/ { take = 1 }'
}

# unroff: removes font escapes, quotes and \& and turns \- into -.
unroff() {
  sed -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\&//g' -e 's/\\-/-/g' -e 's/"//g'
}

# option_tokens: the option names (--name, -o) in the text on stdin.
option_tokens() {
  tr ' ,=[]{}|()\t' '\n' | grep -xE -- '--[a-z][a-z-]*|-o' | sort -u
}

# ---- inputs of the run ----------------------------------------------------

mkdir -p "$tmp/a directory"
printf 'int x;\n\0\0garbage\n' >"$tmp/binary.c"
missing="$tmp/no-such-file.c"
finding_line="$(grep -n 'return 0;' "$inputs/$finding_c" | head -1 | cut -d: -f1)"

if [ ! -x "$ndislint" ]; then
  fail "binary" "an executable ndislint at $ndislint" "$(ls -l "$ndislint" 2>&1)"
  echo "$passed passed, $failed failed"
  exit 1
fi

# ===== 1. the man page, --help, --list-rules and rules/ agree ===============

nd --help
help_text="$out"
help_options="$(printf '%s\n' "$help_text" | grep -E '^[[:space:]]+-' |
  sed -E 's/^[[:space:]]+//; s/[[:space:]]{2,}.*$//' | option_tokens)"
man_options="$(man_tags OPTIONS | unroff | option_tokens)"

expect_nonempty "sync: --help names options" "$help_options"
expect_nonempty "sync: man OPTIONS has .TP option entries" "$man_options"
for option in $help_options; do
  escaped="${option//-/\\-}"
  if printf '%s\n' "$man_options" | grep -qxF -- "$option"; then
    pass
  else
    fail "sync: --help option $option in man OPTIONS" "an OPTIONS .TP entry spelling $escaped" \
      "$(man_tags OPTIONS)"
  fi
done
for option in $man_options; do
  if printf '%s\n' "$help_options" | grep -qxF -- "$option"; then
    pass
  else
    fail "sync: man option $option in --help" "$option in the options of --help" "$help_options"
  fi
done
# Options in the man page are written with \- (a plain - is a hyphen in roff).
raw_hyphens="$(man_tags OPTIONS | grep -nE '(^|[^\\])-' || true)"
if [ -z "$raw_hyphens" ]; then pass; else
  fail "sync: man OPTIONS entries escape every '-' as '\\-'" "no unescaped '-'" "$raw_hyphens"
fi

# The rules: rules/*.json (id, name, level) against --list-rules and RULES.
json_rules=""
json_rule_files=("$root"/rules/*.json)
if [ ! -e "${json_rule_files[0]}" ]; then
  fail "sync: rules/*.json exist" "at least one rule file" "$(ls "$root/rules" 2>&1)"
  json_rule_files=()
fi
for file in "${json_rule_files[@]}"; do
  if [ -z "$json_tool" ]; then
    fail "sync: $(basename "$file") parses" "node or python3" "neither is installed"
    continue
  fi
  if ! id="$(json_get "$file" id)" || ! name="$(json_get "$file" name)" ||
      ! level="$(json_get "$file" level)" || [ -z "$id" ]; then
    fail "sync: $(basename "$file") has id, name and level" "valid JSON with id, name, level" \
      "$(head -c 200 "$file")"
    continue
  fi
  pass
  json_rules+="$id $name $level"$'\n'
done
json_ids="$(printf '%s' "$json_rules" | awk 'NF { print $1 }' | sort -u)"

nd --list-rules
list_text="$out"
list_ids="$(printf '%s\n' "$list_text" | awk '$1 ~ /^[A-Z]+[0-9]+$/ { print $1 }' | sort -u)"
man_rule_tags="$(man_tags RULES | unroff)"
man_ids="$(printf '%s\n' "$man_rule_tags" | tr ' ' '\n' | grep -xE '[A-Z]+[0-9]{3}' | sort -u)"

while read -r id name level; do
  [ -n "$id" ] || continue
  if printf '%s\n' "$list_text" | awk -v id="$id" -v name="$name" -v level="$level" \
      '$1 == id && $2 == name && $3 == level { found = 1 } END { exit !found }'; then
    pass
  else
    fail "sync: rule $id in --list-rules" "a line '$id $name $level ...'" "$list_text"
  fi
  tag="$(printf '%s\n' "$man_rule_tags" | grep -E "(^|[ ])$id([ ]|$)" | head -1)"
  if [ -n "$tag" ] && printf '%s' "$tag" | grep -qF -- " $name" &&
      printf '%s' "$tag" | grep -qF -- "($level)"; then
    pass
  else
    fail "sync: rule $id in man RULES" "a .TP entry '$id $name ($level)'" \
      "${tag:-$(man_tags RULES)}"
  fi
done <<<"$json_rules"
for id in $list_ids; do
  if printf '%s\n' "$json_ids" | grep -qxF "$id"; then pass; else
    fail "sync: --list-rules rule $id in rules/" "rules/*.json with id $id" "$json_ids"
  fi
done
for id in $man_ids; do
  if printf '%s\n' "$json_ids" | grep -qxF "$id"; then pass; else
    fail "sync: man RULES rule $id in rules/" "rules/*.json with id $id" "$json_ids"
  fi
done

# ===== 2. the man page renders without warnings =============================

for section in NAME SYNOPSIS DESCRIPTION OPTIONS RULES "OUTPUT FORMATS" DIAGNOSTICS \
    "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
  if grep -qE "^\\.SH \"?$section\"?\$" "$man_page"; then pass; else
    fail "man: section $section" "a line '.SH $section'" "$(grep '^\.SH' "$man_page" 2>&1)"
  fi
done
if command -v groff >/dev/null 2>&1; then
  groff_out="$(groff -man -ww -z "$man_page" 2>&1)"
  groff_rc=$?
  if [ -z "$groff_out" ] && [ "$groff_rc" -eq 0 ]; then pass; else
    fail "man: groff -man -ww -z is silent" "no output, status 0" "status $groff_rc: $groff_out"
  fi
else
  fail "man: groff -man -ww -z is silent" "groff installed (tools/setup.sh installs it)" \
    "groff not found"
fi

# ===== 3. exit statuses and messages ========================================

nd --help
expect_eq "--help: exit status" 0 "$rc"
expect_contains "--help: usage on stdout" "usage: ndislint" "$out"
expect_empty "--help: nothing on stderr" "$err"

nd --version
expect_eq "--version: exit status" 0 "$rc"
expect_line "--version: version on stdout" '^ndislint [0-9]+\.[0-9]+' "$out"
expect_empty "--version: nothing on stderr" "$err"

nd --list-rules
expect_eq "--list-rules: exit status" 0 "$rc"
expect_nonempty "--list-rules: rules on stdout" "$out"
expect_empty "--list-rules: nothing on stderr" "$err"

nd --no-such-option "$clean_c"
expect_eq "unknown option: exit status" 2 "$rc"
expect_contains "unknown option: stderr names it" "--no-such-option" "$err"
expect_empty "unknown option: nothing on stdout" "$out"

nd --format=xml "$clean_c"
expect_eq "--format=xml: exit status" 2 "$rc"
expect_contains "--format=xml: stderr names the format" "xml" "$err"
expect_empty "--format=xml: nothing on stdout" "$out"

nd
expect_eq "no input files: exit status" 2 "$rc"
expect_nonempty "no input files: message on stderr" "$err"
expect_empty "no input files: nothing on stdout" "$out"

nd "$missing"
expect_eq "missing file: exit status" 2 "$rc"
expect_contains "missing file: stderr names it" "no-such-file.c" "$err"
expect_empty "missing file: nothing on stdout" "$out"

nd "$tmp/a directory"
expect_eq "directory: exit status" 2 "$rc"
expect_contains "directory: stderr names it" "a directory" "$err"
expect_empty "directory: nothing on stdout" "$out"

nd "$tmp/binary.c"
expect_eq "NUL bytes: exit status" 2 "$rc"
expect_contains "NUL bytes: stderr names the file" "binary.c" "$err"
expect_empty "NUL bytes: nothing on stdout" "$out"

nd "$finding_c"
expect_eq "one finding: exit status" 1 "$rc"
expect_empty "one finding: nothing on stderr" "$err"

# Line endings: a lone CR ends a line as LF and CR LF do (the parser counts
# lines so), and the column counts bytes from the start of the line.
awk '{ if (NR <= 6) printf "%s\r", $0; else if (NR <= 12) printf "%s\r\n", $0;
       else printf "%s\n", $0 }' "$inputs/$finding_c" >"$tmp/mixed_endings.c"
finding_col="$(grep 'return 0;' "$inputs/$finding_c" | head -1 | awk '{ print index($0, "return") }')"
nd_in "$tmp" mixed_endings.c
expect_eq "mixed line endings: exit status" 1 "$rc"
expect_line "mixed line endings: the finding's line and column" \
  "^mixed_endings.c:$finding_line:$finding_col: warning: .*\\[NDIS003\\]\$" "$out"

nd "$clean_c"
expect_eq "clean input: exit status" 0 "$rc"
expect_empty "clean input: nothing on stdout" "$out"
expect_empty "clean input: nothing on stderr" "$err"

nd "$tmp/binary.c" "$finding_c"
expect_eq "bad + good input: exit status" 2 "$rc"
expect_line "bad + good input: the good one is analysed" \
  "^$finding_c:$finding_line:[0-9]+: warning: .*\\[NDIS003\\]\$" "$out"
expect_contains "bad + good input: stderr names the bad one" "binary.c" "$err"

nd "$finding_c" "$missing"
expect_eq "good + missing input: exit status" 2 "$rc"
expect_line "good + missing input: the good one is analysed" \
  "^$finding_c:$finding_line:[0-9]+: warning: .*\\[NDIS003\\]\$" "$out"
expect_contains "good + missing input: stderr names the missing one" "no-such-file.c" "$err"

nd --wdk "$tmp/no-such-wdk" "$clean_c"
expect_eq "--wdk unreadable folder: exit status" 2 "$rc"
expect_contains "--wdk unreadable folder: stderr names it" "no-such-wdk" "$err"
expect_empty "--wdk unreadable folder: nothing on stdout" "$out"

# ----- code the parser could not fully read --------------------------------
damaged="$root/tests/fixtures/parse"
# Damage that touches what a rule tracks: a judgement not made fails closed.
nd_in "$damaged" relevant_damage_not_judged.c
expect_eq "relevant damage: exit status" 2 "$rc"
expect_line "relevant damage: notification names the rules, function and line" \
  "^relevant_damage_not_judged.c:29:[0-9]+: error: NDIS001, NDIS004, NDIS005, NDIS008, NDIS010, NDIS013: LineInitialize was not judged: its statement at line 29 could not be read \\(call to undeclared function 'BAIL_ON_FAILURE'" "$err"
expect_line "relevant damage: the parse error is a warning" \
  "^relevant_damage_not_judged.c:29:[0-9]+: warning: parse error: " "$err"
nd_in "$damaged" --allow-incomplete relevant_damage_not_judged.c
expect_eq "relevant damage, --allow-incomplete: exit status" 0 "$rc"
expect_line "relevant damage, --allow-incomplete: the notification is a warning" \
  "^relevant_damage_not_judged.c:29:[0-9]+: warning: NDIS001, NDIS004, NDIS005, NDIS008, NDIS010, NDIS013: LineInitialize was not judged" "$err"
nd_in "$damaged" --format=sarif relevant_damage_not_judged.c
expect_eq "relevant damage, SARIF: exit status" 2 "$rc"
expect_contains "relevant damage, SARIF: a notification" "LineInitialize was not judged" "$out"
mkdir -p "$tmp/allow"
cp "$damaged/relevant_damage_not_judged.c" "$damaged/line_adapter.h" "$tmp/allow/"
printf '{\n  "allowIncomplete": true\n}\n' >"$tmp/allow/.ndislint.json"
nd_in "$tmp/allow" relevant_damage_not_judged.c
expect_eq "relevant damage, allowIncomplete in .ndislint.json: exit status" 0 "$rc"
printf '{\n  "allowIncomplete": "yes"\n}\n' >"$tmp/allow/.ndislint.json"
nd_in "$tmp/allow" relevant_damage_not_judged.c
expect_eq "allowIncomplete not a boolean: exit status" 2 "$rc"
expect_contains "allowIncomplete not a boolean: names the key and line" \
  ".ndislint.json:2: key 'allowIncomplete': expected true or false" "$err"
# Damage that touches nothing a rule tracks: judged, the exit status is the findings'.
nd_in "$damaged" irrelevant_damage_init_leaks.c
expect_eq "irrelevant damage: exit status" 1 "$rc"
expect_line "irrelevant damage: the leak is reported" "irrelevant_damage_init_leaks.c:[0-9]+:[0-9]+: error: .*\\[NDIS005\\]" "$out"
expect_lacks "irrelevant damage: no judgement missing" "not judged" "$err"
# An error in a header two files include is said once, with the count.
mkdir -p "$tmp/shared-header"
printf '#include <ndis.h>\nSHARED_UNKNOWN_TYPE SharedValue;\n' >"$tmp/shared-header/shared.h"
printf '#include "shared.h"\nVOID A(VOID) { }\n' >"$tmp/shared-header/a.c"
printf '#include "shared.h"\nVOID B(VOID) { }\n' >"$tmp/shared-header/b.c"
nd_in "$tmp/shared-header" a.c b.c
expect_eq "header error in two files: exit status" 0 "$rc"
expect_eq "header error in two files: said once" 1 \
  "$(count_lines "shared.h:2:1: warning: parse error: unknown type name 'SHARED_UNKNOWN_TYPE'" "$err")"
expect_contains "header error in two files: with the count" "(in 2 files)" "$err"
# The summary line of a terminal run.
tty_err="$(cd "$damaged" && script -qec "$(printf '%q ' "$ndislint" --color=never relevant_damage_not_judged.c) 2>&1 >/dev/null" /dev/null </dev/null)"
expect_line "terminal run: one summary line" \
  "^ndislint: 1 file, [0-9]+ functions, 1 with code the parser could not fully read .*, 1 judgement not made.?$" "$tty_err"

# ===== 4. output ===========================================================

nd --format=sarif "$clean_c"
printf '%s' "$out" >"$tmp/clean.sarif"
expect_eq "sarif clean: exit status" 0 "$rc"
expect_json "sarif clean: stdout is one JSON document" "$tmp/clean.sarif"
expect_json_value "sarif clean: version" "$tmp/clean.sarif" version "2.1.0"
expect_json_value "sarif clean: no results" "$tmp/clean.sarif" runs.0.results "[]"
expect_empty "sarif clean: nothing on stderr" "$err"

nd --format=sarif "$finding_c"
printf '%s' "$out" >"$tmp/finding.sarif"
expect_eq "sarif finding: exit status" 1 "$rc"
expect_json "sarif finding: stdout is one JSON document" "$tmp/finding.sarif"
expect_json_value "sarif finding: ruleId" "$tmp/finding.sarif" runs.0.results.0.ruleId NDIS003
expect_json_value "sarif finding: level" "$tmp/finding.sarif" runs.0.results.0.level warning
expect_json_value "sarif finding: line" "$tmp/finding.sarif" \
  runs.0.results.0.locations.0.physicalLocation.region.startLine "$finding_line"

nd --format=sarif "$tmp/binary.c" "$clean_c"
printf '%s' "$out" >"$tmp/trouble.sarif"
expect_eq "sarif bad input: exit status" 2 "$rc"
expect_json "sarif bad input: stdout is one JSON document" "$tmp/trouble.sarif"
expect_json_value "sarif bad input: executionSuccessful" "$tmp/trouble.sarif" \
  runs.0.invocations.0.executionSuccessful false
notifications="$(json_get "$tmp/trouble.sarif" runs.0.invocations.0.toolExecutionNotifications)"
expect_contains "sarif bad input: toolExecutionNotifications name the file" "binary.c" \
  "$notifications"
expect_json_value "sarif bad input: not a result" "$tmp/trouble.sarif" runs.0.results "[]"
expect_contains "sarif bad input: stderr names the file too" "binary.c" "$err"

mkdir -p "$tmp/outdir"
nd --format=sarif -o "$tmp/outdir/out.sarif" "$clean_c"
expect_eq "-o FILE: exit status" 0 "$rc"
expect_empty "-o FILE: nothing on stdout" "$out"
if [ -f "$tmp/outdir/out.sarif" ]; then
  pass
  expect_json "-o FILE: the file is valid JSON" "$tmp/outdir/out.sarif"
else
  fail "-o FILE: the file is written" "$tmp/outdir/out.sarif" "$(ls -A "$tmp/outdir")"
fi
expect_eq "-o FILE: no temporary file left" "out.sarif" \
  "$(find "$tmp/outdir" -mindepth 1 -maxdepth 1 -printf '%P\n' | sort | tr '\n' ' ' | sed 's/ $//')"

nd --output="$tmp/outdir/out.txt" "$finding_c"
expect_eq "--output=FILE: exit status" 1 "$rc"
expect_empty "--output=FILE: nothing on stdout" "$out"
expect_line "--output=FILE: the finding is in the file" '\[NDIS003\]$' \
  "$(cat "$tmp/outdir/out.txt" 2>&1)"

nd --format=sarif -o /nonexistent-dir/x.sarif "$clean_c"
expect_eq "-o into a missing folder: exit status" 2 "$rc"
expect_contains "-o into a missing folder: stderr names the path" "/nonexistent-dir/x.sarif" "$err"
expect_empty "-o into a missing folder: nothing on stdout" "$out"
if [ -e /nonexistent-dir/x.sarif ]; then
  fail "-o into a missing folder: no file left" "no /nonexistent-dir/x.sarif" "it exists"
else
  pass
fi

nd --format=msvc "$finding_c"
expect_eq "msvc: exit status" 1 "$rc"
expect_line "msvc: line shape path(line,col): warning NDIS003: message" \
  "^$finding_c\\($finding_line,[0-9]+\\): warning NDIS003: .+" "$out"
expect_eq "msvc: one line per finding" 1 "$(printf '%s\n' "$out" | grep -c .)"

nd --format=text "$finding_c"
expect_eq "text: exit status" 1 "$rc"
expect_line "text: line shape path:line:col: warning: message [NDIS003]" \
  "^$finding_c:$finding_line:[0-9]+: warning: .+ \\[NDIS003\\]\$" "$out"
expect_line "text: note lines path:line:col: note: message" \
  "^$finding_c:[0-9]+:[0-9]+: note: .+" "$out"
expect_eq "text: one finding line" 1 "$(printf '%s\n' "$out" | grep -vc ': note: ')"

nd "$finding_c"
expect_eq "text is the default format" "$(cat "$tmp/outdir/out.txt" 2>&1)" "$out"

# ===== 5. --print-clang-args ================================================

nd --print-clang-args x.c
model_include="$(printf '%s\n' "$out" | grep -A1 -xF -- '-isystem' | sed -n 2p)"
expect_eq "--print-clang-args: exit status" 0 "$rc"
expect_exact_line "--print-clang-args: MSVC target" "--target=x86_64-pc-windows-msvc" "$out"
expect_exact_line "--print-clang-args: _AMD64_" "-D_AMD64_" "$out"
expect_exact_line "--print-clang-args: NDIS 6.20 by default" "-DNDIS620_MINIPORT=1" "$out"
expect_eq "--print-clang-args: the file last" "x.c" "$(printf '%s\n' "$out" | tail -1)"
expect_eq "--print-clang-args: parsed as C" "c" \
  "$(printf '%s\n' "$out" | grep -A1 -xF -- '-x' | tail -1)"
expect_empty "--print-clang-args: nothing on stderr" "$err"

nd --print-clang-args sub/x.c
expect_eq "--print-clang-args: the source's folder searched for <...>" "sub" \
  "$(printf '%s\n' "$out" | grep -A1 -xF -- '-idirafter' | tail -1)"

nd --print-clang-args x.c -- -DNDIS630_MINIPORT=1
expect_lacks "--print-clang-args -DNDIS630: default NDIS620 left out" "NDIS620_MINIPORT" "$out"
expect_exact_line "--print-clang-args -DNDIS630: user define kept" "-DNDIS630_MINIPORT=1" "$out"
expect_eq "--print-clang-args -DNDIS630: the file last" "x.c" "$(printf '%s\n' "$out" | tail -1)"

nd --print-clang-args x.cpp
expect_eq "--print-clang-args x.cpp: parsed as C++" "c++" \
  "$(printf '%s\n' "$out" | grep -A1 -xF -- '-x' | tail -1)"

mkdir -p "$tmp/wdk/km" "$tmp/wdk/shared"
nd --wdk "$tmp/wdk" --print-clang-args x.c
expect_eq "--wdk: exit status" 0 "$rc"
expect_exact_line "--wdk: km/ searched" "$tmp/wdk/km" "$out"
expect_exact_line "--wdk: shared/ searched" "$tmp/wdk/shared" "$out"
if [ -n "$model_include" ]; then
  expect_lacks "--wdk: model headers not searched" "$model_include" "$out"
else
  fail "--print-clang-args: model headers searched by default" "-isystem MODEL-FOLDER" \
    "no -isystem argument"
fi

# ===== 6. --print-include-map ===============================================

windows_tree="$root/tests/fixtures/parse/includes_as_on_windows.driver"
nd_in "$windows_tree" --print-include-map driver.c
expect_eq "--print-include-map: exit status" 0 "$rc"
expect_contains "--print-include-map: an overlay clang reads" "'roots'" "$out"
expect_contains "--print-include-map: another case mapped to the file on disk" \
  "$windows_tree/Inc/MpHw.h" "$out"
expect_contains "--print-include-map: header reached through a mapped one" \
  "$windows_tree/Inc/regs/MpRegs.h" "$out"
expect_contains "--print-include-map: the .tmh stood in for by an empty file" \
  "$root/rules/stand-ins/empty.tmh" "$out"
expect_empty "--print-include-map: nothing on stderr" "$err"

nd --print-include-map "$clean_c"
expect_eq "--print-include-map, nothing to map: exit status" 0 "$rc"
expect_lacks "--print-include-map, nothing to map: no file named" "external-contents" "$out"

nd --print-include-map no-such-file.c
expect_eq "--print-include-map, missing file: exit status" 2 "$rc"
expect_contains "--print-include-map, missing file: named" "no-such-file.c" "$err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
