#!/usr/bin/env bash
# setup_tools.sh - installs what validate_sarif.sh needs from npm:
#   ajv-draft-04@1 and ajv-formats@3 (the SARIF schema is JSON Schema draft-04)
#   @microsoft/sarif-multitool-linux@5.7.0 (a self-contained binary, x86_64 Linux)
#
# usage: setup_tools.sh        installs into ${NDISLINT_TOOLS_DIR:-$HOME/.cache/ndislint-tools}
# Running it again installs nothing that is already there.
# exit: 0 when everything is in place, 1 when something could not be installed.
set -euo pipefail

TOOLS_DIR="${NDISLINT_TOOLS_DIR:-$HOME/.cache/ndislint-tools}"
MULTITOOL_PKG="@microsoft/sarif-multitool-linux"
MULTITOOL_VERSION="5.7.0"
MULTITOOL="$TOOLS_DIR/node_modules/$MULTITOOL_PKG/Sarif.Multitool"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup_tools.sh: node and npm are required" >&2
  exit 1
fi

mkdir -p "$TOOLS_DIR"
# A private package.json keeps npm from walking up to some other project.
if [ ! -f "$TOOLS_DIR/package.json" ]; then
  echo '{"name": "ndislint-tools", "private": true}' > "$TOOLS_DIR/package.json"
fi

# Installed version of an npm package in the tools folder, or nothing.
installed_version() {
  local manifest="$TOOLS_DIR/node_modules/$1/package.json"
  [ -f "$manifest" ] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest"
}

wanted=()
case "$(installed_version ajv-draft-04)" in 1.*) ;; *) wanted+=("ajv-draft-04@1") ;; esac
case "$(installed_version ajv-formats)" in 3.*) ;; *) wanted+=("ajv-formats@3") ;; esac
# The Multitool ships only for x86_64 Linux; elsewhere the schema check runs alone.
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] &&
   [ "$(installed_version "$MULTITOOL_PKG")" != "$MULTITOOL_VERSION" ]; then
  wanted+=("$MULTITOOL_PKG@$MULTITOOL_VERSION")
fi

if [ ${#wanted[@]} -gt 0 ]; then
  echo "setup_tools.sh: installing ${wanted[*]} into $TOOLS_DIR" >&2
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error "${wanted[@]}" >&2)
fi

# Recent npm versions may skip the package's own step that makes the
# binary executable.
if [ -f "$MULTITOOL" ] && [ ! -x "$MULTITOOL" ]; then
  chmod u+x "$MULTITOOL"
fi
exit 0
