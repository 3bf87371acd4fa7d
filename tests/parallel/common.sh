# common.sh - what the scripts of tests/parallel share: the arguments
# (NDISLINT REPO_ROOT), a scratch folder removed at exit, and the counts.
# Sourced, not run.
set -u
ndislint="$1"
cd "$2" || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
