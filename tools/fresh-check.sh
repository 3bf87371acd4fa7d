#!/usr/bin/env bash
# fresh-check.sh - proves the README's quick start on a machine that has
# nothing installed by hand: a new Debian 12 root made with debootstrap.
#
#   tools/fresh-check.sh [--rebuild]
#
# 1. The root: `debootstrap --variant=minbase bookworm`, then only what a new
#    Debian 12 development machine of the kind ndislint is built on comes
#    with (gcc, g++, make, cmake, git, python3, clang-14 and llvm 14, so the
#    llvm-config first on PATH is LLVM 14). It is made once and kept as a
#    tarball in $FRESH_CACHE (default /var/tmp/ndislint-fresh), named after
#    a hash of that package list; --rebuild makes it again. The host lends
#    the root only how it reaches the package registries: the apt sources
#    and settings, DNS, npm's configuration and the local certificate
#    authorities.
# 2. A copy of the root is unpacked, the COMMITTED HEAD of this checkout is
#    cloned into /src (uncommitted work is not there), and the first two
#    ```sh blocks of README.md run there, as root, in a clean environment,
#    each for at most $FRESH_MINUTES (default 45) minutes.
# 3. Judged:
#    - the first command must exit 0, or 1 with ndislint's findings on its
#      output (the example has deliberate mistakes; an exit 1 of a failed
#      set-up has none), and must have built build/ndislint;
#    - the second must exit 0 with ctest's summary counting at least one
#      test and no failure (ctest without a build finds no test and still
#      exits 0).
#
# Safety: in the copy only /proc and a new devpts instance are mounted,
# never the host's /dev (debootstrap's own device nodes are enough); a root
# is deleted only once nothing is mounted under it.
#
# Exit: 0 both commands pass; 1 one fails; 2 the root could not be made.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${FRESH_CACHE:-/var/tmp/ndislint-fresh}"
minutes="${FRESH_MINUTES:-45}"
rebuild=false
case "${1:-}" in
  --rebuild) rebuild=true ;;
  '') ;;
  *) echo "usage: tools/fresh-check.sh [--rebuild]" >&2; exit 2 ;;
esac

say() { printf 'fresh-check: %s\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { say "needs root (debootstrap and chroot)"; exit 2; }

# What a new machine of this kind has that matters to a C project.
base_packages=(gcc g++ make cmake git python3 clang-14 clang llvm ca-certificates xz-utils)
key="$(printf '%s\n' bookworm minbase "${base_packages[@]}" | sha256sum | cut -c1-16)"
base="$cache/base-$key.tar"

# unmount_under DIR: unmounts what this script mounted in DIR; fails when
# anything else is still mounted below it.
unmount_under() {
  local d="$1" m
  for m in "$d/dev/pts" "$d/proc"; do
    if grep -q " $m " /proc/mounts; then umount "$m" || umount -l "$m"; fi
  done
  ! awk -v d="$d/" 'index($2, d) == 1 { found = 1 } END { exit !found }' /proc/mounts
}

remove_root() {
  local d="$1"
  [ -d "$d" ] || return 0
  if ! unmount_under "$d"; then
    say "something is still mounted under $d; it is left in place"
    return 1
  fi
  rm -rf --one-file-system "$d"
}

# lend_network ROOT: the host's way to the registries, nothing else.
lend_network() {
  local r="$1" f
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  rm -f "$r/etc/apt/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && cp "$f" "$r$f"
  done
  # Settings of how apt fetches (proxies, snapshot dates), not what it installs.
  for f in /etc/apt/apt.conf.d/*; do
    [ -f "$f" ] && grep -q '^[[:space:]]*Acquire::' "$f" && cp "$f" "$r$f"
  done
  for f in /etc/npmrc /usr/etc/npmrc; do
    [ -f "$f" ] && mkdir -p "$r$(dirname "$f")" && cp "$f" "$r$f"
  done
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    mkdir -p "$r/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$r/usr/local/share/ca-certificates/"
    [ -x "$r/usr/sbin/update-ca-certificates" ] &&
      chroot "$r" /usr/sbin/update-ca-certificates >/dev/null 2>&1
  fi
  return 0
}

mirror() {
  local m
  m="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null)"
  [ -n "$m" ] || m="$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)"
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}

make_base() {
  local r="$cache/building.$$"
  mkdir -p "$cache"
  if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1; } ||
      { say "cannot install debootstrap"; return 1; }
  fi
  say "making a fresh Debian 12 root (once; a few minutes)"
  if ! debootstrap --variant=minbase --include=ca-certificates bookworm "$r" "$(mirror)" \
         >"$cache/debootstrap.log" 2>&1; then
    say "debootstrap failed; see $cache/debootstrap.log"
    remove_root "$r"
    return 1
  fi
  lend_network "$r"
  mount -t proc proc "$r/proc"
  chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    /bin/sh -c "apt-get update -q && apt-get install -y -q --no-install-recommends ${base_packages[*]}" \
    >"$cache/base-packages.log" 2>&1
  local rc=$?
  umount "$r/proc"
  if [ $rc -ne 0 ]; then
    say "installing the base packages failed; see $cache/base-packages.log"
    remove_root "$r"
    return 1
  fi
  # What was lent is given back: each run lends it anew.
  rm -f "$r/etc/resolv.conf"
  tar -C "$r" -cf "$base.part" . && mv "$base.part" "$base"
  local trc=$?
  remove_root "$r"
  return $trc
}

if $rebuild || [ ! -f "$base" ]; then
  make_base || exit 2
fi

# The README's first two ```sh blocks, each as one script.
readme_block() {  # readme_block N (0-based)
  awk -v want="$1" '
    /^```sh[[:space:]]*$/ { inside = 1; n++; next }
    inside && /^```/      { inside = 0; next }
    inside && n - 1 == want { print }' "$here/README.md"
}
cmd1="$(readme_block 0)"
cmd2="$(readme_block 1)"
if [ -z "$cmd1" ] || [ -z "$cmd2" ]; then
  say "README.md does not have two \`\`\`sh blocks"
  exit 2
fi

root="$cache/run.$$"
trap 'remove_root "$root"' EXIT
mkdir -p "$root"
tar -C "$root" -xf "$base" || { say "cannot unpack $base"; exit 2; }
lend_network "$root"
git clone -q --no-hardlinks "$here" "$root/src" || { say "cannot clone $here"; exit 2; }
say "cloned $(git -C "$here" rev-parse --short HEAD) (the committed HEAD) into a fresh root"
mount -t proc proc "$root/proc"
mkdir -p "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts" &&
  ln -sf pts/ptmx "$root/dev/ptmx"

# run_in_root N SCRIPT: runs SCRIPT in /src of the root; its output goes
# to $cache/commandN.log and its end to standard error.
run_in_root() {
  local n="$1" script="$2" started=$SECONDS rc=0
  printf '%s\n' "$script" >"$root/src/.fresh-command.sh"
  say "command $n: $script"
  timeout $((minutes * 60)) chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c 'cd /src && bash .fresh-command.sh' >"$cache/command$n.log" 2>&1 || rc=$?
  rm -f "$root/src/.fresh-command.sh"
  tail -n 12 "$cache/command$n.log" >&2
  say "command $n exited $rc after $((SECONDS - started)) s (log: $cache/command$n.log)"
  return $rc
}

rc=0
run_in_root 1 "$cmd1" || rc=$?
if [ ! -x "$root/src/build/ndislint" ]; then
  say "FAILED: the first command did not build build/ndislint"
  exit 1
fi
case $rc in
  0) ;;
  1) grep -Eq ': (error|warning|note): .*\[NDIS[0-9]+\]$' "$cache/command1.log" ||
       { say "FAILED: the first command exited 1 without reporting a finding"; exit 1; } ;;
  *) say "FAILED: the first command exited $rc"; exit 1 ;;
esac

rc=0
run_in_root 2 "$cmd2" || rc=$?
[ $rc -eq 0 ] || { say "FAILED: the second command exited $rc"; exit 1; }
summary="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$cache/command2.log" | tail -n 1)"
ran="$(printf '%s\n' "$summary" | sed -n 's/.* out of \([0-9]*\).*/\1/p')"
failed="$(printf '%s\n' "$summary" | sed -n 's/.*passed, \([0-9]*\) tests failed.*/\1/p')"
if [ -z "$summary" ] || [ "${ran:-0}" -lt 1 ] || [ "${failed:-1}" -ne 0 ]; then
  say "FAILED: the second command ran no test or some failed (${summary:-no ctest summary})"
  exit 1
fi
say "both README commands pass on a fresh machine ($ran tests)"
exit 0
