#!/usr/bin/env bash
# validate_sarif.sh - checks SARIF logs the way their consumers will read them.
#
# usage: validate_sarif.sh [-v] [--gh] FILE.sarif...
#   --gh is accepted and changes nothing: the GitHub rules always run.
#
# 1. JSON schema: the OASIS SARIF 2.1.0 schema kept next to this script
#    (JSON Schema draft-04), checked with ajv-draft-04 and ajv-formats.
# 2. Microsoft's SARIF Multitool `validate` with the SARIF and GitHub code
#    scanning rule sets ("Sarif;Gh"). Rule SARIF2006 is disabled: it fetches
#    every URI in the log, and a test must not need the network. The
#    Multitool exits 0 whatever it finds, so the error-level results in its
#    output log are counted here. Errors and warnings are printed; -v also
#    prints notes.
#
# The tools come from setup_tools.sh (same folder), installed on first use
# into ${NDISLINT_TOOLS_DIR:-$HOME/.cache/ndislint-tools}.
#
# exit: 0  every file passes both checks
#       1  some file fails a check
#       2  usage error or unreadable file
#       77 a validator could not be installed or does not run on this
#          platform (reported as skipped, not passed, by ctest)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS_DIR="${NDISLINT_TOOLS_DIR:-$HOME/.cache/ndislint-tools}"
export NDISLINT_TOOLS_DIR="$TOOLS_DIR"
SCHEMA="$here/sarif-schema-2.1.0.json"
MULTITOOL="$TOOLS_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
SHOWN="error|warning"
files=()

for arg in "$@"; do
  case "$arg" in
    -v) SHOWN="error|warning|note" ;;
    --gh) ;;
    -*) echo "validate_sarif.sh: unknown option $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  echo "usage: validate_sarif.sh [-v] FILE.sarif..." >&2
  exit 2
fi
for f in "${files[@]}"; do
  if [ ! -r "$f" ]; then
    echo "validate_sarif.sh: cannot read $f" >&2
    exit 2
  fi
done

if ! "$here/setup_tools.sh"; then
  echo "validate_sarif.sh: validators unavailable; skipping" >&2
  exit 77
fi

status=0

# ---- 1. schema --------------------------------------------------------------
set +e
NODE_PATH="$TOOLS_DIR/node_modules" node - "$SCHEMA" "${files[@]}" <<'JS'
const fs = require('fs');
const AjvDraft4 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const [schemaFile, ...logs] = process.argv.slice(2);
const ajv = new AjvDraft4({ allErrors: true, strict: false });
addFormats(ajv);
const check = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

let bad = 0;
for (const file of logs) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: error: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (check(log)) {
    console.log(`${file}: schema: valid`);
    continue;
  }
  bad++;
  for (const e of check.errors) {
    const detail = e.params && e.params.additionalProperty
      ? ` ('${e.params.additionalProperty}')` : '';
    console.log(`${file}: error: schema: ${e.instancePath || '/'}: ${e.message}${detail}`);
  }
}
process.exit(bad ? 1 : 0);
JS
rc=$?
set -e
case $rc in
  0) ;;
  1) status=1 ;;
  *) echo "validate_sarif.sh: the schema check could not run" >&2; exit 77 ;;
esac

# ---- 2. SARIF Multitool -----------------------------------------------------
if [ ! -x "$MULTITOOL" ]; then
  echo "validate_sarif.sh: SARIF Multitool not available on $(uname -s)-$(uname -m)" >&2
  [ $status -eq 0 ] && exit 77
  exit $status
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/config.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
XML

# One run over every file: the tool starts once (a second or so each time),
# and its log names the file of each result.
out="$work/result.sarif"
# Workstation GC: the server GC the tool asks for is heavy on small CI runners.
set +e
DOTNET_gcServer=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 "$MULTITOOL" validate "${files[@]}" \
  -c "$work/config.xml" --rule-kind "Sarif;Gh" --level "Error;Warning;Note" \
  -o "$out" --log ForceOverwrite > "$work/console.txt" 2>&1
rc=$?
set -e
if [ $rc -ne 0 ] || [ ! -s "$out" ]; then
  echo "validate_sarif.sh: error: the SARIF Multitool failed (exit $rc)"
  head -n 20 "$work/console.txt"
  echo "validate_sarif.sh: INVALID"
  exit 1
fi
# The console has one readable line per result; show the ones asked for.
grep -E ": ($SHOWN) (SARIF|GH)[0-9]+:" "$work/console.txt" || true
# Count from the log itself, per file; a result without a level is a
# warning, and one whose file cannot be told counts against every file.
set +e
node - "$out" "${files[@]}" <<'JS'
const fs = require('fs');
const path = require('path');
const [logFile, ...inputs] = process.argv.slice(2);
const text = fs.readFileSync(logFile, 'utf8').replace(/^\uFEFF/, '');
const counts = new Map(inputs.map(f => [path.resolve(f), { errors: 0, warnings: 0 }]));
let unplaced = 0;
for (const run of JSON.parse(text).runs || [])
  for (const r of run.results || []) {
    const level = r.level || 'warning';
    if (level !== 'error' && level !== 'warning') continue;
    const uri = (((r.locations || [])[0] || {}).physicalLocation || {}).artifactLocation;
    let file = uri && uri.uri ? decodeURIComponent(uri.uri.replace(/^file:\/\//, '')) : null;
    const entry = file !== null ? counts.get(path.resolve(file)) : undefined;
    if (entry === undefined) { if (level === 'error') unplaced++; continue; }
    if (level === 'error') entry.errors++; else entry.warnings++;
  }
let bad = unplaced;
for (const f of inputs) {
  const c = counts.get(path.resolve(f));
  console.log(`${f}: SARIF Multitool: ${c.errors} error(s), ${c.warnings} warning(s)`);
  if (c.errors) bad++;
}
if (unplaced) console.log(`SARIF Multitool: ${unplaced} error(s) in no file given`);
process.exit(bad ? 1 : 0);
JS
rc=$?
set -e
[ $rc -eq 0 ] || status=1

if [ $status -eq 0 ]; then
  echo "validate_sarif.sh: valid"
else
  echo "validate_sarif.sh: INVALID"
fi
exit $status
