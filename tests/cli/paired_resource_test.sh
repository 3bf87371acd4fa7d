#!/usr/bin/env bash
# paired_resource_test.sh - a new paired resource needs no code: this test
# writes a third pair (an NDIS timer object: NdisAllocateTimerObject in
# MiniportInitializeEx, NdisFreeTimerObject in MiniportHaltEx) and a rule
# of the paired-resource kind into a copy of the installed rules folder,
# and checks that the unchanged binary lists the rule, reports a Halt that
# forgets the timer and a double free, stays silent on a compliant driver,
# and refuses a broken pair file with the file and line.
#
#   paired_resource_test.sh NDISLINT REPO_ROOT
set -u
ndislint="$1"
repo="$2"
passed=0
failed=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
. "$repo/tests/cli/expect.sh"

# The installed layout: the binary finds its data in ../share/ndislint.
mkdir -p "$tmp/bin" "$tmp/share"
cp "$ndislint" "$tmp/bin/ndislint"
cp -r "$repo/rules" "$tmp/share/ndislint"
tool="$tmp/bin/ndislint"

cat > "$tmp/share/ndislint/resources/ndis-timer.json" <<'JSON'
{
  "acquire": {"call": "NdisAllocateTimerObject", "argument": 2, "holds": "address"},
  "release": {"call": "NdisFreeTimerObject", "argument": 0, "holds": "value"},
  "success": "returned-status",
  "acquiringRoles": ["MINIPORT_INITIALIZE"],
  "releasingRoles": ["MINIPORT_HALT"]
}
JSON
cat > "$tmp/share/ndislint/TMR001.json" <<'JSON'
{
  "id": "TMR001",
  "name": "timer-freed",
  "level": "warning",
  "kind": "paired-resource",
  "summary": "Every timer object MiniportInitializeEx allocates is freed once.",
  "description": "A timer object allocated by NdisAllocateTimerObject is freed by NdisFreeTimerObject on failed initialisation and in MiniportHaltEx.",
  "help": "Free the timer object with NdisFreeTimerObject.",
  "helpMarkdown": "Free the timer object with `NdisFreeTimerObject`.",
  "helpUri": "https://learn.microsoft.com/en-us/windows-hardware/drivers/ddi/ndis/nf-ndis-ndisfreetimerobject",
  "tags": ["ndis", "timers"],
  "parameters": {
    "resource": ["ndis-timer"],
    "resourceUnnamed": ["the timer"],
    "leakOnFailure": ["{function} fails with {resource} allocated"],
    "leakOnFailureNote": ["allocated here"],
    "releaseMissing": ["{function} can return without freeing {resource}"],
    "releaseMissingNote": ["{acquiringRole} allocates it here"],
    "doubleRelease": ["{resource} is freed twice (from {root})"],
    "doubleReleaseNote": ["freed here first"],
    "releaseUnacquired": ["{resource} is freed but not allocated (from {root})"],
    "releaseUnacquiredNote": ["its allocation failed here"]
  }
}
JSON

write_driver() { # write_driver FILE HALT_BODY
  cat > "$1" <<C
#include <ndis.h>
typedef struct _ADAPTER { NDIS_HANDLE Timer; NDIS_HANDLE Handle; } ADAPTER, *PADAPTER;
MINIPORT_INITIALIZE TmInitialize;
MINIPORT_HALT TmHalt;
NDIS_TIMER_FUNCTION TmTimer;
VOID TmTimer(PVOID S, PVOID C, PVOID A, PVOID B) { }
NDIS_STATUS TmInitialize(NDIS_HANDLE h, NDIS_HANDLE c, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    static ADAPTER adapter;
    NDIS_TIMER_CHARACTERISTICS chars;
    NdisZeroMemory(&chars, sizeof(chars));
    chars.TimerFunction = TmTimer;
    adapter.Handle = h;
    return NdisAllocateTimerObject(h, &chars, &adapter.Timer);
}
VOID TmHalt(NDIS_HANDLE context, NDIS_HALT_ACTION action)
{
    PADAPTER adapter = (PADAPTER)context;
$2
}
C
}

listed="$("$tool" --list-rules | awk '{print $1}' | tr '\n' ' ')"
expect_contains "the new rule is listed" "TMR001" "$listed"

write_driver "$tmp/forgets.c" "    (void)adapter;"
out="$("$tool" --format=msvc --enable TMR001 "$tmp/forgets.c")"
rc=$?
expect_eq "a Halt that forgets the timer fails the run" 1 "$rc"
expect_contains "... with the rule's own text" \
  "warning TMR001: TmHalt can return without freeing ADAPTER.Timer" "$out"
expect_contains "... and its note" "MINIPORT_INITIALIZE allocates it here" "$out"

write_driver "$tmp/twice.c" "    NdisFreeTimerObject(adapter->Timer);
    NdisFreeTimerObject(adapter->Timer);"
out="$("$tool" --format=msvc --enable TMR001 "$tmp/twice.c")"
expect_contains "a second free is reported at it" "twice.c(20,5): warning TMR001: ADAPTER.Timer is freed twice (from TmHalt)" "$out"

write_driver "$tmp/compliant.c" "    NdisFreeTimerObject(adapter->Timer);"
out="$("$tool" --format=msvc --enable TMR001 "$tmp/compliant.c")"
rc=$?
expect_eq "a Halt that frees the timer is silent" 0 "$rc"
expect_empty "... with no output" "$out"

out="$("$tool" --format=sarif --enable TMR001 "$tmp/forgets.c" | node -e '
let t = ""; process.stdin.on("data", d => t += d).on("end", () => {
  const run = JSON.parse(t).runs[0];
  console.log(run.tool.driver.rules.map(r => r.id).join(",") + " " + run.results.map(r => r.ruleId).join(","));
});')"
expect_eq "SARIF describes the rule and carries its result" "TMR001 TMR001" "$out"

# A pair that names a role the tool does not know is refused at start.
sed -i 's/"MINIPORT_HALT"/"MINIPORT_TEARDOWN"/' "$tmp/share/ndislint/resources/ndis-timer.json"
err="$("$tool" --list-rules 2>&1 >/dev/null)"
rc=$?
expect_eq "a broken pair file stops the tool" 2 "$rc"
expect_contains "... naming the file, the line and the role" \
  "resources/ndis-timer.json:6: \"releasingRoles\": 'MINIPORT_TEARDOWN' is not a role the tool knows" "$err"

sed -i 's/"MINIPORT_TEARDOWN"/"MINIPORT_HALT"/' "$tmp/share/ndislint/resources/ndis-timer.json"

# A rule that names a pair there is no file for, or lacks a text.
sed -i 's/"ndis-timer"/"ndis-timers"/' "$tmp/share/ndislint/TMR001.json"
err="$("$tool" --list-rules 2>&1 >/dev/null)"
rc=$?
expect_eq "a rule naming a missing pair stops the tool" 2 "$rc"
expect_contains "... naming the rule and the pair" \
  "rule TMR001: parameter 'resource' names 'ndis-timers', which is not a file" "$err"
sed -i 's/"ndis-timers"/"ndis-timer"/; /"doubleReleaseNote"/d' "$tmp/share/ndislint/TMR001.json"
err="$("$tool" --list-rules 2>&1 >/dev/null)"
rc=$?
expect_eq "a rule without one of its texts stops the tool" 2 "$rc"
expect_contains "... naming the text" "rule TMR001: a paired-resource rule needs the parameter 'doubleReleaseNote'" "$err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
