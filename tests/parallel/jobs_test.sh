#!/usr/bin/env bash
# jobs_test.sh - the output of a run does not depend on the number of
# parsing processes: -j 1, -j 2 and -j 8 give byte-identical findings, tool
# messages and SARIF (but for the command line recorded in it).
#
#   jobs_test.sh NDISLINT REPO_ROOT
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# A driver of many files with distinct names, one finding each, one file
# with a parse error (a tool message) and one that cannot be read.
for i in $(seq 1 24); do
  cat > "$work/isr$i.c" <<SRC
#include <ndis.h>
MINIPORT_MESSAGE_INTERRUPT MpMessageIsr$i;
BOOLEAN MpMessageIsr$i(NDIS_HANDLE Context, ULONG MessageId, PBOOLEAN QueueDpc,
                       PULONG TargetProcessors)
{
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(TargetProcessors);
    *QueueDpc = TRUE;
    return MessageId != $i;
}
SRC
done
printf '#include <ndis.h>\nint broken(void) { return undeclared_name; }\n' > "$work/broken.c"
files=("$work"/isr*.c "$work/broken.c" "$work/missing.c" examples/miniport/*.c)
for format in text sarif; do
  for j in 1 2 8; do
    "$ndislint" -j "$j" --quiet --format="$format" "${files[@]}" \
      > "$work/$format.$j.out" 2> "$work/$format.$j.err"
    echo $? > "$work/$format.$j.rc"
    # The SARIF log records the command line, which names -j.
    sed -i '/"commandLine"/d' "$work/$format.$j.out"
  done
  for j in 2 8; do
    for part in out err rc; do
      if cmp -s "$work/$format.1.$part" "$work/$format.$j.$part"; then
        passed=$((passed + 1))
      else
        failed=$((failed + 1))
        echo "FAIL --format=$format -j $j: $part differs from -j 1"
        diff "$work/$format.1.$part" "$work/$format.$j.$part" | head -5
      fi
    done
  done
done
# The run must have found something, or the comparison proves little.
if [ "$(grep -c '\[NDIS00' "$work/text.1.out")" -ge 26 ]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL the run over all fixtures found too little to compare"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
