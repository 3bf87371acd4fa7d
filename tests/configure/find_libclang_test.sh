#!/usr/bin/env bash
# find_libclang_test.sh - how cmake/libclang.cmake chooses an LLVM, on fake
# LLVM trees and fake llvm-config programs made here: the newest complete
# libclang of version 17 or later wins, whichever llvm-config is first on
# PATH; an older or incomplete one is named and skipped; LLVM_ROOT and
# LLVM_CONFIG override; nothing usable is a clear error.
#
#   find_libclang_test.sh   (needs cmake; touches nothing outside a temp dir)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
check() {  # check NAME COND...
  local name="$1"; shift
  if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name" >&2; fi
}

# fake_root DIR VERSION [no-header|no-lib|no-resource]: an LLVM tree.
fake_root() {
  local d="$1" v="$2" missing="${3:-}" major="${2%%.*}"
  mkdir -p "$d/lib/clang/$major/include" "$d/include/clang-c" "$d/bin"
  [ "$missing" = no-header ] || : >"$d/include/clang-c/Index.h"
  [ "$missing" = no-lib ] || { : >"$d/lib/libclang-$major.so"; ln -s "libclang-$major.so" "$d/lib/libclang-$v.so"; ln -s "libclang-$major.so" "$d/lib/libclang.so"; }
  [ "$missing" = no-resource ] || : >"$d/lib/clang/$major/include/stddef.h"
}
# fake_config FILE ROOT VERSION: an llvm-config answering --prefix and --version.
fake_config() {
  printf '#!/bin/sh\ncase "$1" in --prefix) echo %s ;; --version) echo %s ;; *) exit 1 ;; esac\n' "$2" "$3" >"$1"
  chmod +x "$1"
}
# choose [CMAKE ARGS...]: runs the finder with PATH=$work/bin only (plus cmake's own folder).
choose() {
  env -i PATH="$work/bin:$(dirname "$(command -v cmake)")" \
    cmake -DNDISLINT_LLVM_PREFIX="$work/usrlib" "$@" -P "$here/print_libclang.cmake" >"$work/out" 2>&1
}
# cmake folds long messages: compare with the line breaks and indents made spaces.
has() { tr -s " \n" "  " <"$work/out" | grep -qF -- "$1"; }

mkdir -p "$work/bin" "$work/usrlib"
# An old LLVM first on PATH (as on a new Debian 12 machine: llvm-config is 14).
fake_root "$work/usrlib/llvm-14" 14.0.6
fake_config "$work/bin/llvm-config" "$work/usrlib/llvm-14" 14.0.6

choose
check "only an old LLVM: configure stops" test $? -ne 0
check "only an old LLVM: says why" has "no libclang 17 or newer found"
check "only an old LLVM: names the one skipped" has "skipped LLVM 14.0.6"

# libclang-19-dev without llvm-19: a root, no llvm-config-19.
fake_root "$work/usrlib/llvm-19" 19.1.7
choose
check "root without llvm-config: found" test $? -eq 0
check "root without llvm-config: chosen" has "LLVM_ROOT_DIR=$work/usrlib/llvm-19"
check "root without llvm-config: full version from the library name" has "LLVM_VERSION=19.1.7"
check "root without llvm-config: resource dir" has "CLANG_RESOURCE_DIR=$work/usrlib/llvm-19/lib/clang/19"
check "root without llvm-config: the old one named as skipped" has "skipped LLVM 14.0.6 of $work/bin/llvm-config"

# A newer but incomplete tree is skipped with its reason; a complete newer one wins.
fake_root "$work/usrlib/llvm-21" 21.1.0 no-header
fake_root "$work/usrlib/llvm-20" 20.1.2 no-resource
choose
check "incomplete newer trees: 19 still chosen" has "LLVM_ROOT_DIR=$work/usrlib/llvm-19"
check "incomplete newer trees: missing header named" has "LLVM 21 at $work/usrlib/llvm-21: no include/clang-c/Index.h"
check "incomplete newer trees: missing resource folder named" has "LLVM 20 at $work/usrlib/llvm-20: no clang resource folder"

# A versioned llvm-config elsewhere (a root outside /usr/lib).
fake_root "$work/opt/llvm22" 22.1.0
fake_config "$work/bin/llvm-config-22" "$work/opt/llvm22" 22.1.0
choose
check "llvm-config-22: newest chosen" has "LLVM_ROOT_DIR=$work/opt/llvm22"
check "llvm-config-22: version from it" has "LLVM_VERSION=22.1.0"

# Overrides.
choose -DLLVM_ROOT="$work/usrlib/llvm-19"
check "LLVM_ROOT overrides the newest" has "LLVM_ROOT_DIR=$work/usrlib/llvm-19"
choose -DLLVM_CONFIG="$work/bin/llvm-config"
check "LLVM_CONFIG of an old LLVM: configure stops" test $? -ne 0
check "LLVM_CONFIG of an old LLVM: says it is too old" has "version 14.0.6 is older than 17"
choose -DLLVM_ROOT="$work/usrlib/llvm-21"
check "LLVM_ROOT of an incomplete tree: configure stops" test $? -ne 0
check "LLVM_ROOT of an incomplete tree: says what is missing" has "no include/clang-c/Index.h"

echo "find_libclang: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
