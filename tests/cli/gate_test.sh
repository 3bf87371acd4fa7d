#!/usr/bin/env bash
# gate_test.sh - command-line tests of the CI-gate features of ndislint:
# --fail-level, rule selection, .ndislint.json, suppression comments,
# baselines, compile databases, --explain, --srcroot and SARIF details, the
# github format, colours, and a large run checked by the SARIF validators.
#
#   bash tests/cli/gate_test.sh path/to/ndislint path/to/repo-root
#
# Every check runs the binary end to end on small inputs from
# tests/cli/inputs or written into a temporary folder. Prints one line per
# failed check (what was expected, what came), then "N passed, M failed";
# exits 1 when a check failed.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 NDISLINT REPO_ROOT" >&2
  exit 2
fi
case "$1" in
  /*) ndislint="$1" ;;
  *) ndislint="$(pwd)/$1" ;;
esac
root="$(cd "$2" && pwd)" || { echo "gate_test: no such folder: $2" >&2; exit 2; }
inputs="$root/tests/cli/inputs"
validate_sarif="$root/tests/sarif/validate_sarif.sh"
warning_c="message_isr_false.c"       # one NDIS003 finding (warning)
error_c="line_isr_missing_dpc.c"      # one NDIS002 finding (error)
clean_c="message_isr_true.c"          # no finding
ifdef_c="ifdef_message_isr.c"         # NDIS003 only with -DNDISLINT_BROKEN
two_c="two_message_isrs_false.c"      # two NDIS003 findings
suppress_c="suppressions.c"           # five suppressed NDIS003 findings

tmp="$(mktemp -d)" || exit 2
trap 'rm -rf "$tmp"' EXIT
tmp="$(cd "$tmp" && pwd -P)"
# A configuration file at the top of the temporary folder, so that no
# .ndislint.json above it (in /tmp or /) reaches the runs made inside it.
printf '{}\n' >"$tmp/.ndislint.json"

passed=0
failed=0

# shellcheck source=expect.sh
. "$(dirname "${BASH_SOURCE[0]}")/expect.sh"

# ---- JSON -----------------------------------------------------------------

# json_js FILE EXPR: prints the value of the JavaScript expression EXPR,
# in which `d` is the parsed document (strings raw, others as JSON). Exits
# non-zero when FILE is not valid JSON or EXPR throws.
json_js() {
  node -e '
    const fs = require("fs");
    const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const v = eval(process.argv[2]);
    console.log(typeof v === "string" ? v : JSON.stringify(v));
  ' "$1" "$2" 2>/dev/null
}

# expect_js NAME FILE EXPR EXPECTED
expect_js() {
  local value
  value="$(json_js "$2" "$3")" || value="<invalid JSON or no value: $3>"
  expect_eq "$1" "$4" "$value"
}

# Useful expressions over a SARIF log.
results='d.runs[0].results'
rule_ids='d.runs[0].tool.driver.rules.map(r => r.id).join(",")'
# The result whose message names function F: by_function F
by_function() {
  printf '%s.find(r => r.message.text.includes("%s"))' "$results" "$1"
}

# ---- before anything ------------------------------------------------------

if [ ! -x "$ndislint" ]; then
  fail "binary" "an executable ndislint at $ndislint" "$(ls -l "$ndislint" 2>&1)"
  echo "$passed passed, $failed failed"
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  fail "node" "node to read SARIF (tools/setup.sh installs it)" "node not found"
  echo "$passed passed, $failed failed"
  exit 1
fi

# ===== 1. --fail-level ======================================================

nd --fail-level=warning "$warning_c"
expect_eq "--fail-level=warning, warning finding: exit 1" 1 "$rc"
nd --fail-level=note "$warning_c"
expect_eq "--fail-level=note, warning finding: exit 1" 1 "$rc"
nd --fail-level=error "$warning_c"
expect_eq "--fail-level=error, warning finding: exit 0" 0 "$rc"
expect_line "--fail-level=error, warning finding: still printed" ': warning: .*\[NDIS003\]$' "$out"
nd --fail-level error "$warning_c"
expect_eq "--fail-level error (separate value): exit 0" 0 "$rc"
for level in error warning note; do
  nd --fail-level="$level" "$error_c"
  expect_eq "--fail-level=$level, error finding: exit 1" 1 "$rc"
done
nd --fail-level=error "$clean_c"
expect_eq "--fail-level=error, clean input: exit 0" 0 "$rc"
nd --fail-level=fatal "$warning_c"
expect_eq "--fail-level=fatal: exit 2" 2 "$rc"
expect_contains "--fail-level=fatal: stderr names the value" "fatal" "$err"

# ===== 2. --enable, --disable, --list-rules, SARIF rules[] ==================

nd --enable NDIS003 "$warning_c"
expect_eq "--enable NDIS003: exit 1" 1 "$rc"
expect_line "--enable NDIS003: the finding" '\[NDIS003\]$' "$out"
nd --enable message-isr-returns-true "$warning_c"
expect_eq "--enable by name: exit 1" 1 "$rc"
expect_line "--enable by name: the finding" '\[NDIS003\]$' "$out"
nd --enable NDIS002 "$warning_c"
expect_eq "--enable another rule: exit 0" 0 "$rc"
expect_empty "--enable another rule: no finding" "$out"
nd --disable NDIS003 "$warning_c"
expect_eq "--disable NDIS003: exit 0" 0 "$rc"
expect_empty "--disable NDIS003: no finding" "$out"
nd --disable message-isr-returns-true "$warning_c"
expect_eq "--disable by name: exit 0" 0 "$rc"
expect_empty "--disable by name: no finding" "$out"
nd --disable NDIS001,NDIS002 "$warning_c"
expect_eq "--disable other rules (comma list): exit 1" 1 "$rc"
nd --enable NDIS999 "$warning_c"
expect_eq "--enable unknown rule: exit 2" 2 "$rc"
expect_contains "--enable unknown rule: stderr names it" "NDIS999" "$err"
expect_empty "--enable unknown rule: nothing on stdout" "$out"
nd --disable no-such-rule "$warning_c"
expect_eq "--disable unknown rule: exit 2" 2 "$rc"
expect_contains "--disable unknown rule: stderr names it" "no-such-rule" "$err"

nd --enable NDIS001,message-isr-returns-true --list-rules
listed="$(printf '%s\n' "$out" | awk '{ print $1 }' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "--list-rules with --enable: only the enabled rules" "NDIS001 NDIS003" "$listed"
nd --disable NDIS003 --list-rules
listed="$(printf '%s\n' "$out" | awk '{ print $1 }' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "--list-rules with --disable: the others" "NDIS001 NDIS002 NDIS004 NDIS005 NDIS006 NDIS007 NDIS008 NDIS009 NDIS010 NDIS011 NDIS012 NDIS013 WDM001 WDM002 WDM003" "$listed"

nd --enable NDIS003 --format=sarif "$warning_c"
printf '%s' "$out" >"$tmp/enable.sarif"
expect_js "SARIF --enable NDIS003: rules[] is that rule only" "$tmp/enable.sarif" "$rule_ids" NDIS003
expect_js "SARIF --enable NDIS003: ruleIndex 0" "$tmp/enable.sarif" "$results[0].ruleIndex" 0
nd --disable NDIS003 --format=sarif "$error_c"
printf '%s' "$out" >"$tmp/disable.sarif"
expect_js "SARIF --disable NDIS003: rules[] without it" "$tmp/disable.sarif" "$rule_ids" \
  "NDIS001,NDIS002,NDIS004,NDIS005,NDIS006,NDIS007,NDIS008,NDIS009,NDIS010,NDIS011,NDIS012,NDIS013,WDM001,WDM002,WDM003"
expect_js "SARIF --disable NDIS003: ruleIndex points at the result's rule" "$tmp/disable.sarif" \
  "d.runs[0].tool.driver.rules[$results[0].ruleIndex].id" NDIS002

# Suppression comments of a rule that did not run are not mistakes in the
# source: they must not be reported as naming an unknown rule.
nd --disable NDIS003 "$suppress_c"
expect_eq "--disable NDIS003 with suppression comments: exit 0" 0 "$rc"
expect_lacks "--disable NDIS003: its suppression comments are not 'unknown rule'" \
  "unknown rule" "$err"
nd --enable NDIS002 "$suppress_c"
expect_lacks "--enable NDIS002: suppressions of the other rules are not 'unknown rule'" \
  "unknown rule" "$err"

# ===== 3. .ndislint.json ====================================================

cfg="$tmp/cfg"
mkdir -p "$cfg/src/nested/deeper" "$cfg/third_party/lib" "$cfg/gen/deep" "$cfg/other"
cp "$inputs/$warning_c" "$cfg/src/driver.c"
sed 's/MpMsgIsr/VendorIsr/g' "$inputs/$warning_c" >"$cfg/third_party/lib/vendor.c"
sed 's/MpMsgIsr/DeepGenIsr/g' "$inputs/$warning_c" >"$cfg/gen/deep/gen_a.c"
sed 's/MpMsgIsr/GenIsr/g' "$inputs/$warning_c" >"$cfg/gen/gen_b.c"
sed 's/MpMsgIsr/TopIsr/g' "$inputs/$warning_c" >"$cfg/top1.c"
cp "$inputs/$ifdef_c" "$cfg/src/ifdef.c"
run_dir="$cfg/src/nested/deeper"

# write_config TEXT: the configuration file at the top of $cfg.
write_config() { printf '%s\n' "$1" >"$cfg/.ndislint.json"; }

write_config '{"rules": {"NDIS003": "off"}}'
nd_in "$run_dir" ../../driver.c
expect_eq "config found upward, NDIS003 off: exit 0" 0 "$rc"
expect_empty "config found upward, NDIS003 off: no finding" "$out"
nd_in "$run_dir" --list-rules
expect_no_line "config NDIS003 off: not in --list-rules" '^NDIS003' "$out"
nd_in "$run_dir" --enable NDIS003 ../../driver.c
expect_eq "command line overrides config: --enable NDIS003 runs it" 1 "$rc"
expect_line "command line overrides config: the finding" '\[NDIS003\]$' "$out"
nd_in "$run_dir" --config "$tmp/.ndislint.json" ../../driver.c
expect_eq "--config FILE overrides the search: exit 1" 1 "$rc"
expect_line "--config FILE overrides the search: the finding" '\[NDIS003\]$' "$out"

write_config '{"rules": {"message-isr-returns-true": "error"}}'
nd_in "$run_dir" --fail-level=error ../../driver.c
expect_eq "config NDIS003 error (by name): exit 1 at --fail-level=error" 1 "$rc"
expect_line "config NDIS003 error: printed as an error" \
  'driver\.c:[0-9]+:[0-9]+: error: .*\[NDIS003\]$' "$out"
nd_in "$run_dir" --list-rules
expect_line "config NDIS003 error: --list-rules shows the level" '^NDIS003 +message-isr-returns-true +error ' "$out"
nd_in "$run_dir" --disable NDIS003 ../../driver.c
expect_eq "command line overrides config: --disable NDIS003" 0 "$rc"

write_config '{"rules": {"NDIS003": "note"}}'
nd_in "$run_dir" ../../driver.c
expect_eq "config NDIS003 note: exit 0 at the default fail level" 0 "$rc"
expect_line "config NDIS003 note: printed as a note" ': note: .*\[NDIS003\]$' "$out"
nd_in "$run_dir" --fail-level=note ../../driver.c
expect_eq "config NDIS003 note: exit 1 at --fail-level=note" 1 "$rc"

write_config '{"args": ["-DNDISLINT_BROKEN", "-DFROM_CONFIG=1"]}'
nd_in "$run_dir" --print-clang-args x.c
expect_line "config args: in --print-clang-args" '^-DFROM_CONFIG=1$' "$out"
nd_in "$run_dir" --print-clang-args x.c -- -DFROM_CONFIG=2
after="$(printf '%s\n' "$out" | grep -E '^-DFROM_CONFIG=' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "config args: command-line arguments come after them" "-DFROM_CONFIG=1 -DFROM_CONFIG=2" "$after"
nd_in "$run_dir" ../../ifdef.c
expect_eq "config args: -D reaches the parser (finding under #ifdef)" 1 "$rc"
expect_line "config args: the #ifdef finding" '\[NDIS003\]$' "$out"
nd_in "$cfg/src" --config "$tmp/.ndislint.json" ifdef.c
expect_eq "config args: not applied with another --config" 0 "$rc"

write_config '{
  "exclude": ["third_party/", "**/gen_*.c", "top?.c"]
}'
nd_in "$cfg" src/driver.c third_party/lib/vendor.c gen/deep/gen_a.c gen/gen_b.c top1.c
expect_eq "exclude: exit 1 (the kept file's finding)" 1 "$rc"
expect_line "exclude: src/driver.c analysed" '^src/driver\.c:.*\[NDIS003\]$' "$out"
expect_lacks "exclude 'third_party/': a folder pattern excludes what is inside" "vendor.c" "$out"
expect_lacks "exclude '**/gen_*.c': across folders" "gen_a.c" "$out"
expect_lacks "exclude '**/gen_*.c': zero folders" "gen_b.c" "$out"
expect_lacks "exclude 'top?.c': ? is one character" "top1.c" "$out"
write_config '{"exclude": ["*.c"]}'
nd_in "$cfg" src/driver.c top1.c
expect_lacks "exclude '*.c': matches at the top" "top1.c" "$out"
expect_line "exclude '*.c': does not cross '/'" '^src/driver\.c:.*\[NDIS003\]$' "$out"
write_config '{"exclude": ["top1.c"]}'
nd_in "$cfg" top1.c
expect_eq "exclude everything: exit 2" 2 "$rc"
expect_contains "exclude everything: stderr says so" "no input files" "$err"

write_config '{
  "rules": {"NDIS003": "off"},
  "bogus": true
}'
nd_in "$run_dir" ../../driver.c
expect_eq "config unknown key: exit 2" 2 "$rc"
expect_contains "config unknown key: FILE:LINE: key" "$cfg/.ndislint.json:3: key 'bogus'" "$err"
expect_empty "config unknown key: nothing on stdout" "$out"
write_config '{
  "rules": {
    "NDIS003": "off",
    "NDIS003": "error"
  }
}'
nd_in "$run_dir" ../../driver.c
expect_eq "config duplicate key: exit 2" 2 "$rc"
expect_contains "config duplicate key: FILE:LINE: key" "$cfg/.ndislint.json:4: key 'rules.NDIS003'" "$err"
write_config '{
  "args": "-DX=1"
}'
nd_in "$run_dir" ../../driver.c
expect_eq "config wrong type: exit 2" 2 "$rc"
expect_contains "config wrong type: FILE:LINE: key" "$cfg/.ndislint.json:2: key 'args'" "$err"
write_config '{"rules": {"NDIS003": "loud"}}'
nd_in "$run_dir" ../../driver.c
expect_eq "config bad level: exit 2" 2 "$rc"
expect_contains "config bad level: names the key" "key 'rules.NDIS003'" "$err"
write_config '{
  "rules": {
    "NDIS003": "warning",
    "NDIS999": "off"
  }
}'
nd_in "$run_dir" ../../driver.c
expect_eq "config unknown rule: exit 2" 2 "$rc"
expect_contains "config unknown rule: FILE:LINE: key" "$cfg/.ndislint.json:4: key 'rules.NDIS999'" "$err"
write_config '{"rules": {'
nd_in "$run_dir" ../../driver.c
expect_eq "config not JSON: exit 2" 2 "$rc"
expect_contains "config not JSON: names the file" "$cfg/.ndislint.json:" "$err"
write_config '{
  "args": ["-fplugin=/tmp/evil.so"]
}'
nd_in "$run_dir" ../../driver.c
expect_eq "config args plugin: exit 2" 2 "$rc"
expect_contains "config args plugin: FILE:LINE: key" "$cfg/.ndislint.json:2: key 'args[0]'" "$err"
expect_contains "config args plugin: names the argument" "-fplugin=/tmp/evil.so" "$err"
write_config '{"args": ["-DOK=1", "-Xclang", "-load", "-Xclang", "/tmp/evil.so"]}'
nd_in "$run_dir" ../../driver.c
expect_eq "config args -Xclang -load: exit 2" 2 "$rc"
expect_contains "config args -Xclang -load: names the key" "key 'args[" "$err"
nd_in "$run_dir" --config "$cfg/no-such.json" ../../driver.c
expect_eq "--config missing file: exit 2" 2 "$rc"
expect_contains "--config missing file: names it" "no-such.json" "$err"
rm -f "$cfg/.ndislint.json"

# ===== 4. suppression comments ==============================================

nd "$suppress_c"
expect_eq "suppressed findings: exit 0" 0 "$rc"
expect_empty "suppressed findings: not in text output" "$out"
expect_line "suppression without a reason: warning on stderr" \
  "^$suppress_c:57:[0-9]+: warning: .*without a reason" "$err"
expect_eq "suppressions with a reason: no other warning" 1 "$(count_lines ': warning: ' "$err")"
expect_lacks "without --report-unused-suppressions: no unused warning" "unused" "$err"

# The same source without its suppression comments: five findings.
sed -E 's,(//|/\*) *ndislint-suppress[^*]*(\*/)?,,' "$inputs/$suppress_c" >"$tmp/unsuppressed.c"
nd "$tmp/unsuppressed.c"
expect_eq "control, comments removed: exit 1" 1 "$rc"
expect_eq "control, comments removed: five findings" 5 "$(count_lines '\[NDIS003\]$' "$out")"

nd --format=msvc "$suppress_c"
expect_empty "suppressed findings: not in msvc output" "$out"
nd --format=github "$suppress_c"
expect_empty "suppressed findings: not in github output" "$out"
nd --format=sarif "$suppress_c"
printf '%s' "$out" >"$tmp/suppressed.sarif"
expect_js "suppressed findings: not in SARIF by default" "$tmp/suppressed.sarif" "$results.length" 0

nd --report-unused-suppressions "$suppress_c"
expect_eq "--report-unused-suppressions: exit 0" 0 "$rc"
expect_line "--report-unused-suppressions: NDIS002 of a comma list" \
  "^$suppress_c:60:[0-9]+: warning: unused suppression of NDIS002" "$err"
expect_line "--report-unused-suppressions: NDIS005 of a comma list" \
  "^$suppress_c:60:[0-9]+: warning: unused suppression of NDIS005" "$err"
expect_eq "--report-unused-suppressions: the used ones are not reported" 2 \
  "$(count_lines 'unused suppression' "$err")"

nd --format=sarif --sarif-include-suppressed "$suppress_c"
printf '%s' "$out" >"$tmp/included.sarif"
expect_eq "--sarif-include-suppressed: exit 0" 0 "$rc"
expect_js "--sarif-include-suppressed: five results" "$tmp/included.sarif" "$results.length" 5
for case in "IsrSameLine same-line" "IsrLineBefore line-before" "IsrRange range" \
    "IsrByName by-name"; do
  set -- $case
  expect_js "--sarif-include-suppressed $1: kind inSource" "$tmp/included.sarif" \
    "$(by_function "$1").suppressions[0].kind" inSource
  expect_js "--sarif-include-suppressed $1: justification" "$tmp/included.sarif" \
    "$(by_function "$1").suppressions[0].justification" "$2 reason"
done
expect_js "--sarif-include-suppressed IsrNoReason: no justification" "$tmp/included.sarif" \
  "$(by_function IsrNoReason).suppressions[0].justification === undefined" true
expect_js "--sarif-include-suppressed: suppression location is the comment" "$tmp/included.sarif" \
  "$(by_function IsrRange).suppressions[0].location.physicalLocation.region.startLine" 31

# ===== 5. baselines =========================================================

bl="$tmp/baseline"
mkdir -p "$bl"
cp "$inputs/$two_c" "$bl/driver.c"
nd_in "$bl" --write-baseline b.sarif driver.c
expect_eq "--write-baseline: exit 1 (the findings still count)" 1 "$rc"
expect_eq "--write-baseline: text output unchanged" 2 "$(count_lines '\[NDIS003\]$' "$out")"
if [ -f "$bl/b.sarif" ]; then
  pass
  expect_js "--write-baseline: a SARIF log with the two results" "$bl/b.sarif" "$results.length" 2
else
  fail "--write-baseline: the file is written" "$bl/b.sarif" "$(ls -A "$bl")"
fi

{ printf '/* one */\n/* two */\n/* three */\n'; cat "$inputs/$two_c"; } >"$bl/driver.c"
nd_in "$bl" --baseline b.sarif --format=sarif driver.c
printf '%s' "$out" >"$bl/moved.sarif"
expect_eq "--baseline, 3 lines inserted above: exit 0" 0 "$rc"
expect_js "--baseline, 3 lines inserted above: two results" "$bl/moved.sarif" "$results.length" 2
expect_js "--baseline, 3 lines inserted above: every result unchanged" "$bl/moved.sarif" \
  "$results.map(r => r.baselineState).join(\",\")" "unchanged,unchanged"
expect_js "--baseline, 3 lines inserted above: lines moved by 3" "$bl/moved.sarif" \
  "$results.map(r => r.locations[0].physicalLocation.region.startLine).join(\",\")" \
  "$(grep -n '^    return FALSE;' "$bl/driver.c" | cut -d: -f1 | tr '\n' ',' | sed 's/,$//')"
nd_in "$bl" --baseline b.sarif driver.c
expect_eq "--baseline, text format: exit 0" 0 "$rc"
mkdir -p "$bl/moved"
sed 's/^    return FALSE;/\t\treturn   FALSE;/' "$bl/driver.c" >"$bl/moved/driver.c"
nd_in "$bl" --baseline b.sarif moved/driver.c
expect_eq "--baseline, file moved to a folder and lines re-indented: exit 0" 0 "$rc"

cat >>"$bl/driver.c" <<'EOF'

MINIPORT_MESSAGE_INTERRUPT ThirdIsr;

BOOLEAN ThirdIsr(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc,
                 PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(MessageId);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = FALSE;
    return FALSE;
}
EOF
nd_in "$bl" --baseline b.sarif --format=sarif driver.c
printf '%s' "$out" >"$bl/new.sarif"
expect_eq "--baseline, a new violation: exit 1" 1 "$rc"
expect_js "--baseline, a new violation: three results" "$bl/new.sarif" "$results.length" 3
expect_js "--baseline, a new violation: it is new" "$bl/new.sarif" \
  "$(by_function ThirdIsr).baselineState" new
expect_js "--baseline, a new violation: the old ones unchanged" "$bl/new.sarif" \
  "$results.filter(r => r.baselineState === \"unchanged\").length" 2
expect_js "partialFingerprints: primaryLocationLineHash on every result" "$bl/new.sarif" \
  "$results.every(r => /^[0-9a-f]+:[0-9]+\$/.test(r.partialFingerprints.primaryLocationLineHash))" true
expect_js "partialFingerprints: ndislint/v1 on every result" "$bl/new.sarif" \
  "$results.every(r => /^v1:[0-9a-f]+\$/.test(r.partialFingerprints[\"ndislint/v1\"]))" true
expect_js "partialFingerprints: ndislint/v1 distinct" "$bl/new.sarif" \
  "new Set($results.map(r => r.partialFingerprints[\"ndislint/v1\"])).size" 3
nd_in "$bl" --baseline b.sarif --fail-level=error driver.c
expect_eq "--baseline, new warning, --fail-level=error: exit 0" 0 "$rc"
nd_in "$bl" --format=sarif driver.c
printf '%s' "$out" >"$bl/plain.sarif"
expect_js "without --baseline: no baselineState" "$bl/plain.sarif" \
  "$results.some(r => \"baselineState\" in r)" false

nd_in "$bl" --baseline no-such.sarif driver.c
expect_eq "--baseline missing file: exit 2" 2 "$rc"
expect_contains "--baseline missing file: names it" "no-such.sarif" "$err"
printf '{\n  "runs": [\n' >"$bl/broken.sarif"
nd_in "$bl" --baseline broken.sarif driver.c
expect_eq "--baseline malformed: exit 2" 2 "$rc"
expect_contains "--baseline malformed: names it" "broken.sarif" "$err"

# ===== 6. compile databases (-p) ============================================

db="$tmp/db"
mkdir -p "$db/src"
cp "$inputs/$ifdef_c" "$db/src/gnu.c"
sed 's/IfdefIsr/ClIsr/g' "$inputs/$ifdef_c" >"$db/src/cl.c"
cat >"$db/compile_commands.json" <<EOF
[
  {
    "directory": "$db/src",
    "file": "gnu.c",
    "arguments": ["clang", "-c", "-DNDISLINT_BROKEN", "-fplugin=/tmp/evil.so",
                  "-o", "gnu.o", "gnu.c"]
  },
  {
    "directory": "$db/src",
    "file": "cl.c",
    "command": "cl.exe /nologo /c /W4 /DNDISLINT_BROKEN /Focl.obj cl.c"
  }
]
EOF
nd_in "$db" src/gnu.c
expect_eq "control, without -p: no finding" 0 "$rc"
nd_in "$db" -p . src/gnu.c
expect_eq "-p clang entry: exit 1" 1 "$rc"
expect_line "-p clang entry: the -D from the database reaches the parser" \
  '^src/gnu\.c:[0-9]+:[0-9]+: warning: .*\[NDIS003\]$' "$out"
expect_lacks "-p with a FILE: the other entry is not analysed" "cl.c" "$out"
expect_line "-p: stderr warns about the dropped plugin argument" \
  "warning: .*dropped '-fplugin=/tmp/evil\\.so'" "$err"
# --print-clang-args prints "the arguments given to the parser for FILE":
# with -p, those include the FILE's entry.
nd_in "$db" -p . --print-clang-args src/gnu.c
expect_eq "-p --print-clang-args: exit 0" 0 "$rc"
expect_line "-p --print-clang-args: the entry's -D is shown" '^-DNDISLINT_BROKEN$' "$out"
nd_in "$db" -p compile_commands.json src/cl.c
expect_eq "-p cl.exe entry: exit 1" 1 "$rc"
expect_line "-p cl.exe entry: /D reaches the parser" '^src/cl\.c:[0-9]+:[0-9]+: warning: .*\[NDIS003\]$' "$out"
nd_in "$db/src" -p ..
expect_eq "-p without FILEs: exit 1" 1 "$rc"
expect_line "-p without FILEs: the clang entry" '^gnu\.c:.*\[NDIS003\]$' "$out"
expect_line "-p without FILEs: the cl.exe entry" '^cl\.c:.*\[NDIS003\]$' "$out"
nd_in "$db" -p . --format=sarif
printf '%s' "$out" >"$tmp/db.sarif"
expect_js "-p SARIF: the dropped argument is a tool notification" "$tmp/db.sarif" \
  "d.runs[0].invocations[0].toolExecutionNotifications.some(n => n.message.text.includes(\"-fplugin=/tmp/evil.so\"))" true

mkdir -p "$tmp/baddb"
printf '[\n  {"directory": "/x",\n   "file": "a.c"\n   "command": "cc a.c"}\n]\n' \
  >"$tmp/baddb/compile_commands.json"
nd_in "$tmp" -p baddb
expect_eq "-p malformed database: exit 2" 2 "$rc"
expect_line "-p malformed database: names the file and line" \
  'compile_commands\.json:[0-9]+: ' "$err"
expect_empty "-p malformed database: nothing on stdout" "$out"
nd_in "$tmp" -p "$tmp/no-such-db"
expect_eq "-p missing database: exit 2" 2 "$rc"
expect_contains "-p missing database: names it" "no-such-db" "$err"

# ===== 7. --explain =========================================================

nd --explain NDIS003
expect_eq "--explain NDIS003: exit 0" 0 "$rc"
expect_line "--explain NDIS003: header" '^NDIS003 message-isr-returns-true \(warning\)$' "$out"
expect_contains "--explain NDIS003: the help text" "Handling an MSI interrupt" "$out"
expect_empty "--explain NDIS003: nothing on stderr" "$err"
nd --explain message-isr-returns-true
expect_eq "--explain by name: exit 0" 0 "$rc"
expect_line "--explain by name: the same rule" '^NDIS003 ' "$out"
nd --explain NDIS999
expect_eq "--explain unknown: exit 2" 2 "$rc"
expect_contains "--explain unknown: names it" "NDIS999" "$err"
expect_empty "--explain unknown: nothing on stdout" "$out"

# ===== 8. --srcroot and --sarif-category ====================================

sr="$tmp/srcroot"
mkdir -p "$sr/repo/sub" "$sr/outside"
cp "$inputs/$warning_c" "$sr/repo/sub/in.c"
sed 's/MpMsgIsr/OutsideIsr/g' "$inputs/$warning_c" >"$sr/outside/out.c"
nd_in "$sr" --srcroot repo --sarif-category ndislint/driver --format=sarif \
  repo/sub/in.c outside/out.c
printf '%s' "$out" >"$tmp/srcroot.sarif"
expect_eq "--srcroot SARIF: exit 1" 1 "$rc"
inside="$(by_function MpMsgIsr).locations[0].physicalLocation.artifactLocation"
outside="$(by_function OutsideIsr).locations[0].physicalLocation.artifactLocation"
expect_js "--srcroot: uri relative to it" "$tmp/srcroot.sarif" "$inside.uri" "sub/in.c"
expect_js "--srcroot: uriBaseId %SRCROOT%" "$tmp/srcroot.sarif" "$inside.uriBaseId" "%SRCROOT%"
expect_js "--srcroot: originalUriBaseIds is the folder, ending in '/'" "$tmp/srcroot.sarif" \
  'd.runs[0].originalUriBaseIds["%SRCROOT%"].uri' "file://$sr/repo/"
expect_js "--srcroot: a file outside gets an absolute file:/// uri" "$tmp/srcroot.sarif" \
  "$outside.uri" "file://$sr/outside/out.c"
expect_js "--srcroot: a file outside has no uriBaseId" "$tmp/srcroot.sarif" \
  "\"uriBaseId\" in $outside" false
expect_js "--sarif-category: automationDetails.id" "$tmp/srcroot.sarif" \
  "d.runs[0].automationDetails.id" "ndislint/driver"
nd_in "$sr" --srcroot repo repo/sub/in.c
expect_line "--srcroot: text paths relative to it" '^sub/in\.c:[0-9]+:[0-9]+: warning: ' "$out"
nd_in "$sr" --format=sarif repo/sub/in.c
printf '%s' "$out" >"$tmp/nocategory.sarif"
expect_js "without --sarif-category: no automationDetails" "$tmp/nocategory.sarif" \
  '"automationDetails" in d.runs[0]' false
expect_js "without --srcroot: the current folder is %SRCROOT%" "$tmp/nocategory.sarif" \
  'd.runs[0].originalUriBaseIds["%SRCROOT%"].uri' "file://$sr/"
nd_in "$sr" --srcroot no-such-folder repo/sub/in.c
expect_eq "--srcroot missing folder: exit 2" 2 "$rc"
expect_contains "--srcroot missing folder: names it" "no-such-folder" "$err"

# ===== 9. --format=github ===================================================

nd --format=github "$two_c"
expect_eq "github: exit 1" 1 "$rc"
expect_eq "github: one line per finding" 2 "$(printf '%s\n' "$out" | grep -c .)"
expect_eq "github: every line a ::warning command with file, line, col, title" 2 \
  "$(count_lines "^::warning file=$two_c,line=[0-9]+,col=[0-9]+,title=NDIS003 message-isr-returns-true::.+" "$out")"
expect_contains "github: notes folded into the message (%0A)" "%0Anote: $two_c:" "$out"
nd --format=github "$error_c"
expect_line "github: an error finding is ::error" \
  "^::error file=$error_c,line=[0-9]+,col=[0-9]+,title=NDIS002 msi-needs-line-fallback::" "$out"
mkdir -p "$tmp/gh"
cp "$inputs/$warning_c" "$tmp/gh/odd,name:x.c"
nd_in "$tmp/gh" --format=github "odd,name:x.c"
expect_line "github: ',' and ':' escaped in file=" '^::warning file=odd%2Cname%3Ax\.c,line=' "$out"
write_config '{"rules": {"NDIS003": "note"}}'
nd_in "$cfg/src" --format=github driver.c
expect_line "github: a note finding is ::notice" '^::notice file=driver\.c,line=' "$out"
rm -f "$cfg/.ndislint.json"

# ===== 10. colours ==========================================================

esc=$'\033['
nd --color=always "$warning_c"
expect_contains "--color=always: ANSI escapes when piped" "$esc" "$out"
nd --color=never "$warning_c"
expect_lacks "--color=never: no ANSI escapes" "$esc" "$out"
nd "$warning_c"
expect_lacks "--color=auto, piped: no ANSI escapes" "$esc" "$out"
nd --color=always --format=msvc "$warning_c"
expect_lacks "--color=always, msvc format: no ANSI escapes" "$esc" "$out"
nd --color=sometimes "$warning_c"
expect_eq "--color=sometimes: exit 2" 2 "$rc"
if command -v script >/dev/null 2>&1; then
  tty_out="$(cd "$inputs" && on_tty "$ndislint" --quiet "$warning_c")"
  expect_contains "--color=auto on a terminal: ANSI escapes" "$esc" "$tty_out"
  tty_out="$(cd "$inputs" && on_tty env NO_COLOR=1 "$ndislint" --quiet "$warning_c")"
  expect_lacks "NO_COLOR=1 on a terminal: no ANSI escapes" "$esc" "$tty_out"
  expect_contains "NO_COLOR=1 on a terminal: the finding" "[NDIS003]" "$tty_out"
  tty_out="$(cd "$inputs" && on_tty "$ndislint" --quiet --color=never "$warning_c")"
  expect_lacks "--color=never on a terminal: no ANSI escapes" "$esc" "$tty_out"
  # no-color.org: NO_COLOR disables colour "when present and not an empty
  # string"; an empty NO_COLOR leaves the default alone.
  tty_out="$(cd "$inputs" && on_tty env NO_COLOR= "$ndislint" --quiet "$warning_c")"
  expect_contains "NO_COLOR empty on a terminal: colour as usual" "$esc" "$tty_out"
else
  fail "terminal checks" "script(1) (util-linux) to run on a pseudo-terminal" "script not found"
fi

# ===== 11. a large run, validated ===========================================

count=600
{
  printf '#include <ndis.h>\n'
  for i in $(seq 1 "$count"); do
    printf 'MINIPORT_MESSAGE_INTERRUPT Isr%d;\n' "$i"
    printf 'BOOLEAN Isr%d(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t)\n' "$i"
    printf '{\n    UNREFERENCED_PARAMETER(c);\n    UNREFERENCED_PARAMETER(m);\n'
    printf '    UNREFERENCED_PARAMETER(t);\n    *q = FALSE;\n    return FALSE;\n}\n'
  done
} >"$tmp/large.c"
nd_in "$tmp" --format=sarif -o large.sarif --sarif-category large large.c
expect_eq "large run: exit 1" 1 "$rc"
expect_js "large run: one result per ISR" "$tmp/large.sarif" "$results.length" "$count"
expect_js "large run: distinct ndislint/v1 fingerprints" "$tmp/large.sarif" \
  "new Set($results.map(r => r.partialFingerprints[\"ndislint/v1\"])).size" "$count"
expect_js "large run: executionSuccessful" "$tmp/large.sarif" \
  "d.runs[0].invocations[0].executionSuccessful" true
validation="$(bash "$validate_sarif" "$tmp/large.sarif" 2>&1)"
validation_rc=$?
if [ "$validation_rc" -eq 0 ]; then pass; else
  fail "large run: validate_sarif.sh accepts the log" "exit 0" "exit $validation_rc: $validation"
fi
cp "$inputs/$suppress_c" "$tmp/suppressions.c"
nd_in "$tmp" --format=sarif -o included.sarif --sarif-include-suppressed suppressions.c
validation="$(bash "$validate_sarif" "$tmp/included.sarif" "$bl/new.sarif" 2>&1)"
validation_rc=$?
if [ "$validation_rc" -eq 0 ]; then pass; else
  fail "suppressed and baseline logs: validate_sarif.sh accepts them" "exit 0" \
    "exit $validation_rc: $validation"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
