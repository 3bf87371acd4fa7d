#!/usr/bin/env bash
# path_notes_test.sh - a path finding explains its path: where the
# interrupt was registered, the branch the path takes, the return reached
# (text notes), and the same steps as a SARIF code flow.
#
#   path_notes_test.sh NDISLINT REPO_ROOT
set -u
ndislint="$1"
cd "$2" || exit 1
passed=0
failed=0
check() { # check NAME STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
fixture=tests/fixtures/ndis005/leak_on_later_failure.c
out="$("$ndislint" "$fixture")"
echo "$out" | grep -q "^$fixture:112:9: error: .*still registered.*\[NDIS005\]$"
check "the leak is reported at the failing return" $?
echo "$out" | grep -q "^$fixture:99:14: note: the interrupt was registered here$"
check "a note names the registration" $?
echo "$out" | grep -q "^$fixture:110:9: note: the path takes this branch$"
check "a note names the branch taken" $?
sarif="$("$ndislint" --format=sarif "$fixture")"
echo "$sarif" | node -e '
let text = ""; process.stdin.on("data", d => text += d).on("end", () => {
  const r = JSON.parse(text).runs[0].results[0];
  const steps = r.codeFlows[0].threadFlows[0].locations.map(l => l.location.physicalLocation.region.startLine);
  const related = (r.relatedLocations || []).map(l => l.physicalLocation.region.startLine);
  process.exit(JSON.stringify(steps) === "[99,110,112]" && related.includes(110) ? 0 : 1);
});'
check "SARIF carries the path as a code flow: registration, branch, return" $?
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
