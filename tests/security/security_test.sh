#!/usr/bin/env bash
# security_test.sh - the tool reads untrusted sources, compile databases and
# configuration files: it never runs a command from them, never loads a
# plugin, writes only the outputs it was asked for, and a compile database
# cannot make it read files it does not name as sources or include folders.
# Checked from the outside, with strace.
#
#   security_test.sh NDISLINT REPO_ROOT
set -u
ndislint="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
check() { # check NAME STATUS
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
if ! command -v strace > /dev/null; then
  echo "FAIL strace is not installed (tools/setup.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi

# A plugin that leaves a mark if it is ever loaded.
cat > evil.c <<'SRC'
#include <stdio.h>
__attribute__((constructor)) static void mark(void)
{
    FILE *f = fopen("MARK_DIR/plugin-was-loaded", "w");
    if (f) fclose(f);
}
SRC
sed -i "s|MARK_DIR|$work|" evil.c
gcc -shared -fPIC -o evil.so evil.c || { echo "FAIL cannot build the test plugin"; exit 1; }

cat > drv.c <<'SRC'
#include <ndis.h>
MINIPORT_MESSAGE_INTERRUPT Isr;
BOOLEAN Isr(NDIS_HANDLE c, ULONG m, PBOOLEAN q, PULONG t)
{
    (void)c; (void)m; (void)t; *q = TRUE;
    return FALSE;
}
SRC
echo '-DFROM_RESPONSE_FILE=1' > secret.rsp
cat > compile_commands.json <<JSON
[
 {"directory": "$work", "file": "drv.c",
  "command": "cl.exe /c drv.c \$(touch $work/command-was-run) ; touch $work/command-was-run-2"},
 {"directory": "$work", "file": "drv.c",
  "arguments": ["clang", "-c", "drv.c", "-fplugin=$work/evil.so",
                "-Xclang", "-load", "-Xclang", "$work/evil.so",
                "-fpass-plugin=$work/evil.so", "@$work/secret.rsp",
                "-ivfsoverlay", "$work/overlay.yaml"]}
]
JSON

# (LeakSanitizer cannot run under a tracer: a sanitizer build leaves it out
# of this one run.)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" TMPDIR=/tmp \
strace -f -qq -e trace=execve,openat,open,creat,rename,unlink,unlinkat,mkdir \
  -o trace.txt "$ndislint" -p . --format=sarif -o result.sarif > out 2> err
rc=$?
[ $rc -eq 1 ]; check "the run completes with its finding (exit $rc)" $?
[ "$(grep -c 'execve(' trace.txt)" -eq 1 ]; check "no program is run besides the tool itself" $?
[ ! -e command-was-run ] && [ ! -e command-was-run-2 ]; check "no command from the database is run" $?
[ ! -e plugin-was-loaded ]; check "no plugin is loaded" $?
! grep -q 'evil.so' trace.txt; check "the plugin file is never even opened" $?
grep -q "dropped '-fplugin=$work/evil.so'" err; check "the dropped plugin argument is named" $?
! grep -q 'secret.rsp' trace.txt; check "a response file named by the database is not read" $?
! grep -q 'overlay.yaml' trace.txt; check "a file-system overlay named by the database is not read" $?

# Files opened for writing: only the output (through its temporary name),
# /dev/null, the private copy of a compile database that names response
# files (libclang would expand them itself; the copy leaves them out and is
# removed at once), and the unnamed file where function bodies wait
# (O_TMPFILE in the temporary folder: it has no name and goes with the
# process; where the file system cannot do that, /tmp/ndislint-facts-*,
# unlinked at once).
grep -E 'open(at)?\(.*O_(WRONLY|RDWR)|creat\(|mkdir\(' trace.txt \
  | grep -v '"/dev/null"' | grep -v '"result.sarif' | grep -v '"/tmp/ndislint-db-' \
  | grep -v -E '"/tmp", O_RDWR\|O_CLOEXEC\|O_TMPFILE' \
  | grep -v '"/tmp/ndislint-facts-' > writes.txt
[ ! -s writes.txt ]; check "nothing is written but the requested output" $?
[ -s writes.txt ] && cat writes.txt
grep -E 'rename\(|unlink' trace.txt | grep -v '"result.sarif' | grep -v '"/tmp/ndislint-db-' \
  | grep -v '"/tmp/ndislint-facts-' > removes.txt
[ ! -s removes.txt ]; check "nothing is renamed or deleted but the tool's own temporary files" $?
ls /tmp | grep -q "^ndislint-db-" && ls -d /tmp/ndislint-db-* > leftovers.txt 2>/dev/null
grep -qs "$(grep -o '/tmp/ndislint-db-[A-Za-z0-9]*' trace.txt | head -1)" leftovers.txt
[ $? -ne 0 ]; check "the database copy is gone after the run" $?
[ -s removes.txt ] && cat removes.txt
facts_files="$(grep -o '/tmp/ndislint-facts-[A-Za-z0-9]*' trace.txt | sort -u)"
left=0
for f in $facts_files; do [ -e "$f" ] && left=1; done
[ $left -eq 0 ]; check "no file of function bodies is left behind" $?

# A configuration file cannot bring a plugin in either.
echo "{\"args\": [\"-fplugin=$work/evil.so\"]}" > .ndislint.json
"$ndislint" drv.c > out 2> err
[ $? -eq 2 ] && grep -q 'ndislint.json' err; check "a plugin in the configuration's args is refused" $?
rm .ndislint.json
[ ! -e plugin-was-loaded ]; check "still no plugin loaded" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
