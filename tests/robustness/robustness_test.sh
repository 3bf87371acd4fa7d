#!/usr/bin/env bash
# robustness_test.sh - odd, broken and hostile inputs: a clear message
# naming the file, the right exit status, every other input still analysed,
# findings on the right lines, bounded time, no crash, no partial output.
#
#   robustness_test.sh NDISLINT REPO_ROOT
set -u
ndislint="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0

check() { # check NAME CONDITION-EXIT-STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}

# A message ISR returning FALSE on a known line, to see findings survive.
isr() { # isr NAME LINE-ENDING
  printf '#include <ndis.h>%s' "$2"
  printf 'MINIPORT_MESSAGE_INTERRUPT %s;%s' "$1" "$2"
  printf 'BOOLEAN %s(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t)%s' "$1" "$2"
  printf '{%s' "$2"
  printf '    /* comment with bytes that are not UTF-8: \377\376 */%s' "$2"
  printf '    const char *s = "\351t\351";%s' "$2"
  printf '    (void)s; (void)c; (void)m; (void)t; *q = TRUE;%s' "$2"
  printf '    return FALSE;%s' "$2"
  printf '}%s' "$2"
}

# 1. Odd but valid: empty file, CRLF, bad UTF-8, mixed line endings.
: > empty.c
"$ndislint" empty.c > out 2> err; check "empty file: exit 0" $?
isr CrlfIsr $'\r\n' > crlf.c
"$ndislint" crlf.c > out 2> err
[ $? -eq 1 ] && grep -q '^crlf.c:8:.*NDIS003' out; check "CRLF file: finding on line 8" $?
isr MixedIsr $'\n' | sed '3s/$/\r/' > mixed.c
"$ndislint" mixed.c > out 2> err
grep -q '^mixed.c:8:.*NDIS003' out; check "mixed line endings: finding on line 8" $?
"$ndislint" --format=sarif crlf.c > crlf.sarif 2> err
node -e 'const l=JSON.parse(require("fs").readFileSync("crlf.sarif","utf8"));process.exit(l.runs[0].results[0].locations[0].physicalLocation.region.startLine===8?0:1)'
check "bad UTF-8 in comments and strings: SARIF is valid JSON with the right line" $?

# 2. Bad inputs among good ones: each named, the good one still analysed.
mkdir adir
printf 'int x;\0\0\0binary' > binary.c
"$ndislint" crlf.c adir binary.c missing.c > out 2> err
rc=$?
[ $rc -eq 2 ]; check "bad inputs: exit 2" $?
grep -q 'crlf.c:8:.*NDIS003' out; check "bad inputs: the good file is still analysed" $?
grep -q 'adir.*directory' err; check "bad inputs: the directory is named" $?
grep -q 'binary.c.*NUL' err; check "bad inputs: the binary file is named" $?
grep -q 'missing.c.*cannot open' err; check "bad inputs: the missing file is named" $?
"$ndislint" --format=sarif -o bad.sarif crlf.c binary.c 2> err
node -e '
const l=JSON.parse(require("fs").readFileSync("bad.sarif","utf8"));
const inv=l.runs[0].invocations[0];
const named=(inv.toolExecutionNotifications||[]).some(n=>JSON.stringify(n).includes("binary.c"));
process.exit(inv.executionSuccessful===false && named && l.runs[0].results.length===1 ? 0 : 1)'
check "bad inputs: SARIF still written, with a notification naming the file" $?

# 3. Limits: deep nesting and exponential macros are bounded; the other
#    files of the run are still analysed.
{ echo 'int deep(int x) {'; for i in $(seq 5000); do printf '{'; done; echo 'x++;'
  for i in $(seq 5000); do printf '}'; done; echo 'return x; }'; } > deep.c
{ echo '#define TWICE(x) x x'; echo '#define A1(x) TWICE(TWICE(x))'
  for i in $(seq 2 30); do echo "#define A$i(x) A$((i - 1))(A$((i - 1))(x))"; done
  echo 'int boom(void) { return 0 A30(+1); }'; } > expo.c
start=$(date +%s)
"$ndislint" --file-timeout=5 --file-memory=2048 deep.c expo.c crlf.c > out 2> err
rc=$?
elapsed=$(( $(date +%s) - start ))
[ $rc -eq 2 ]; check "limits: exit 2" $?
[ $elapsed -lt 60 ]; check "limits: bounded time (${elapsed}s)" $?
grep -q 'expo.c.*not analysed' err; check "limits: the runaway file is named as not analysed" $?
grep -q 'crlf.c:8:.*NDIS003' out; check "limits: the other files are still analysed" $?
[ "$(grep -c 'deep.c' err)" -le 25 ]; check "limits: parse errors of one file are capped" $?

# 4. Large inputs: a 100,000-line function and a 20 MB file, findings on
#    the right lines.
{ echo '#include <ndis.h>'; echo 'MINIPORT_MESSAGE_INTERRUPT LongIsr;'
  echo 'BOOLEAN LongIsr(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t) {'
  echo '    ULONG n = 0; (void)c; (void)m; (void)t; *q = TRUE;'
  for i in $(seq 100000); do echo "    n += $i;"; done
  echo '    return n == 0;'; echo '}'; } > long.c
"$ndislint" --file-timeout=300 long.c > out 2> err
grep -q '^long.c:100005:.*NDIS003' out; check "100,000-line function: finding on line 100005" $?
{ echo '#include <ndis.h>'
  for i in $(seq 150000); do echo "static ULONG Filler$i(ULONG value) { ULONG result = value * $i + 7; if (result > 1000) { result -= 1000; } return result + $i; }"; done
  echo 'MINIPORT_MESSAGE_INTERRUPT BigIsr;'
  echo 'BOOLEAN BigIsr(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t) { (void)c; (void)m; (void)t; *q = TRUE; return 0; }'; } > big.c
size=$(stat -c %s big.c)
[ "$size" -gt 20000000 ]; check "large file: generated ($size bytes)" $?
"$ndislint" --file-timeout=300 big.c > out 2> err
grep -q '^big.c:150003:.*NDIS003' out; check "large file: finding on the last line" $?

# 5. Flags and output: an unknown compiler flag warns and the run goes on;
#    an unwritable output leaves nothing behind.
"$ndislint" crlf.c -- -fno-such-flag > out 2> err
[ $? -eq 1 ] && grep -q "ignored.*-fno-such-flag" err && grep -q 'NDIS003' out
check "unknown compiler flag: a warning naming it, the analysis goes on" $?
"$ndislint" -o nodir/x.sarif --format=sarif crlf.c > out 2> err
[ $? -eq 2 ] && [ ! -e nodir ] && grep -q 'nodir/x.sarif' err; check "output in a missing folder: exit 2, named" $?
ls ./*.tmp* > /dev/null 2>&1; [ $? -ne 0 ]; check "no temporary output file left behind" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
