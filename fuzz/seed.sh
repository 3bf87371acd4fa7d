#!/usr/bin/env bash
# seed.sh - builds the seed corpora of the harnesses in fuzz/corpus/NAME/
# from the files of the repository (nothing is copied into fuzz/ for good:
# fuzz/corpus/ is generated, and kept between runs so that it grows).
#
#   fuzz/seed.sh
#
#   rules       rules/*.json
#   config      fuzz/seeds/config/*
#   compile_db  tests/**/compile_commands.json, tests/inputs/data/*.json,
#               fuzz/seeds/compile_db/*
#   suppress    fuzz/seeds/suppress/*, tests/cli/inputs/*.c and every
#               fixture .c/.cpp (their comments hold suppressions)
#   pipeline    every .c file under tests/fixtures and examples
#   project     every .vcxproj, .props, .sln, sources and dirs file under
#               tests/project and examples
#
# Seeds are named by content (sha1), so running it again adds nothing twice.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
corpus="$here/fuzz/corpus"

# add NAME FILE...: copies each file into corpus/NAME under its sha1.
add() {
  local name="$1"; shift
  mkdir -p "$corpus/$name"
  local f sum
  for f in "$@"; do
    [ -f "$f" ] || continue
    sum="$(sha1sum "$f" | cut -d' ' -f1)"
    [ -e "$corpus/$name/$sum" ] || cp "$f" "$corpus/$name/$sum"
  done
}

# files DIR... -name PATTERN...: the matching regular files, sorted.
list() { find "$@" -type f 2>/dev/null | LC_ALL=C sort; }

mapfile -t rules < <(list rules -maxdepth 1 -name '*.json')
add rules "${rules[@]}"

mapfile -t config < <(list fuzz/seeds/config)
add config "${config[@]}"

mapfile -t db < <(list tests fuzz/seeds/compile_db \( -name 'compile_commands.json' -o -path '*/seeds/compile_db/*' -o -path 'tests/inputs/data/*.json' \))
add compile_db "${db[@]}"

mapfile -t suppress < <(list fuzz/seeds/suppress tests/cli/inputs tests/fixtures \( -name '*.c' -o -name '*.cpp' -o -path '*/seeds/suppress/*' \))
add suppress "${suppress[@]}"

mapfile -t pipeline < <(list tests/fixtures examples -name '*.c')
add pipeline "${pipeline[@]}"

mapfile -t project < <(list tests/project examples \( -iname '*.vcxproj' -o -iname '*.props' -o -iname '*.sln' -o -iname 'sources' -o -iname 'dirs' -o -iname '*.inc' \))
add project "${project[@]}"

for name in rules config compile_db suppress pipeline project; do
  echo "seed: corpus/$name: $(find "$corpus/$name" -type f | wc -l) inputs" >&2
done
