#!/bin/sh
# Checks that the model headers declare every name in a names list.
#
# usage: names_check.sh [INCLUDE_DIR] [NAMES.tsv]
#   INCLUDE_DIR  model header directory (default: <repo>/rules/include)
#   NAMES.tsv    tab-separated: name, kind, drivers, aggregate (struct|union,
#                for fields); lines starting with '#' are ignored
#                (default: required-names.tsv beside this script)
#
# For each name a reference fitting its kind is generated into one C file:
#   type           NAME *v;                     (file scope)
#   macro          #ifndef NAME / #error
#   function       (void)&NAME;  unless NAME is a macro; compiler intrinsics
#                  (_Interlocked*, __builtin_*, __va_start) need __has_builtin
#   enum-constant  (void)(NAME);
#   enum / struct  (void)sizeof(enum NAME) / (void)sizeof(struct NAME)
#   variable       (void)&NAME;
#   field S.F      (void)(((struct|union S *)p)->F);
# The file is compiled with clang under the ndislint parse flags; every
# diagnostic line is mapped back to its name.  Prints "missing: NAME" lines
# and exits 1 when any name is missing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
incdir=${1:-$here/../../rules/include}
names=${2:-$here/required-names.tsv}

if command -v clang-19 >/dev/null 2>&1; then
    cc=clang-19
elif command -v clang >/dev/null 2>&1; then
    cc=clang
else
    echo "names_check: no clang found" >&2
    exit 2
fi
[ -n "${NDISLINT_CLANG:-}" ] && cc=$NDISLINT_CLANG

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/names_check.c
linemap=$tmp/lines.tsv

awk -F'\t' -v src="$src" -v linemap="$linemap" '
function emit(s) { print s > src; line++ }
function mark(name) { print line "\t" name > linemap }
BEGIN {
    line = 0
    emit("#include <ndis.h>")
    emit("#include <ntstrsafe.h>")
    emit("#include <ntintsafe.h>")
    emit("#include <stdarg.h>")
    emit("#include <stdio.h>")
    emit("#include <acpiioct.h>")
    emit("#include <wdmsec.h>")
    emit("#include <windef.h>")
    emit("#include <tchar.h>")
}
/^#/ || NF < 2 { next }
{ n++; name[n] = $1; kind[n] = $2; agg[n] = $4 }
END {
    # Types at file scope.
    for (i = 1; i <= n; i++) if (kind[i] == "type") {
        emit(name[i] " *ndislint_type_" i ";"); mark(name[i])
    }
    # Macros.
    for (i = 1; i <= n; i++) if (kind[i] == "macro") {
        emit("#ifndef " name[i]); emit("#error missing macro"); mark(name[i]); emit("#endif")
    }
    emit("void ndislint_names_check(void *p);")
    emit("void ndislint_names_check(void *p)")
    emit("{")
    emit("    (void)p;")
    for (i = 1; i <= n; i++) {
        k = kind[i]; nm = name[i]
        if (k == "function" || k == "variable") {
            if (nm ~ /^(_Interlocked|__builtin_|__va_start$)/) {
                emit("#if !defined(" nm ") && !__has_builtin(" nm ")")
                emit("#error missing intrinsic"); mark(nm); emit("#endif")
            } else {
                emit("#ifndef " nm); emit("    (void)&" nm ";"); mark(nm); emit("#endif")
            }
        } else if (k == "enum-constant") {
            emit("    (void)(" nm ");"); mark(nm)
        } else if (k == "enum") {
            emit("    (void)sizeof(enum " nm ");"); mark(nm)
        } else if (k == "struct") {
            emit("    (void)sizeof(struct " nm ");"); mark(nm)
        } else if (k == "field") {
            tag = nm; sub(/\..*$/, "", tag)
            path = nm; sub(/^[^.]*\./, "", path)
            a = (agg[i] == "union") ? "union" : "struct"
            emit("    (void)(((" a " " tag " *)p)->" path ");"); mark(nm)
        }
    }
    emit("}")
}' "$names"

touch "$linemap"
"$cc" -fsyntax-only -w -ferror-limit=0 -x c --target=x86_64-pc-windows-msvc \
    -fms-extensions -fms-compatibility -isystem "$incdir" \
    -D_AMD64_ -D_WIN64 -DAMD64 -D_KERNEL_MODE=1 -DNDIS_MINIPORT_DRIVER=1 \
    -DNDIS620_MINIPORT=1 -DPOOL_NX_OPTIN=1 "$src" > "$tmp/diag.txt" 2>&1 && rc=0 || rc=$?

# Errors inside the headers themselves mean the model is broken.
if grep -q "error:" "$tmp/diag.txt" && grep "error:" "$tmp/diag.txt" | grep -v "^$src:" >/dev/null; then
    echo "names_check: the model headers do not compile:" >&2
    grep "error:" "$tmp/diag.txt" | grep -v "^$src:" | head -20 >&2
    exit 1
fi

grep "^$src:[0-9]*:[0-9]*: error:" "$tmp/diag.txt" | sed "s|^$src:\([0-9]*\):.*|\1|" | sort -un > "$tmp/badlines.txt" || true
awk -F'\t' 'NR == FNR { bad[$1] = 1; next } ($1 in bad) { print "missing: " $2 }' "$tmp/badlines.txt" "$linemap" | sort -u > "$tmp/missing.txt"

total=$(wc -l < "$linemap")
missing=$(wc -l < "$tmp/missing.txt")
if [ "$missing" -gt 0 ] || [ "$rc" -ne 0 ]; then
    cat "$tmp/missing.txt"
    if [ "$missing" -eq 0 ]; then
        echo "names_check: compile failed without a mapped name:" >&2
        head -20 "$tmp/diag.txt" >&2
    fi
    echo "$((total - missing)) passed, $missing failed"
    exit 1
fi
echo "$total passed, 0 failed"
