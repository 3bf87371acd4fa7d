#!/usr/bin/env bash
# bench/run.sh - ndislint's speed benchmark in one command.
#
# Builds ndislint and the benchmark programs, prepares the drivers and
# times, over each driver's files with ndislint's own parser arguments:
#   ndislint     the whole tool (--quiet, findings to /dev/null), at every -j
#   parse_only   libclang parsing alone, as ndislint calls it (the floor),
#                with the includes ndislint maps (--print-include-map), at
#                every -j
#   parse_fork   the same, each file in a new child process of its own
#                (parse_only --fork), at the first -j: the price of
#                isolating every parse                       (BASELINES=fork)
#   clang        clang-19 -fsyntax-only, one process per file (xargs -P),
#                at the first -j                             (BASELINES=clang)
# Each figure is the median of RUNS runs of /usr/bin/time -f "%e %U %S %M".
#
# The drivers (SHAPES):
#   c        generated C drivers of SIZES files (gen_driver)
#   cpp      generated C++ drivers of CPP_SIZES files (gen_driver --shape cpp)
#   damaged  generated C drivers of DAMAGED_SIZES files, a third of them
#            including headers that are not there (gen_driver --shape damaged)
#   corpus   every driver of CORPUS/manifest.json with CORPUS_MIN_FILES
#            source files or more, run as corpus_inputs.py describes; when
#            CORPUS is not there, one line says so and the rest goes on
#
# Settings (environment):
#   SHAPES="c cpp damaged corpus"   which drivers
#   SIZES="10 100 1000"   CPP_SIZES="100"   DAMAGED_SIZES="100"   (1..1000)
#   CORPUS=<repo>/../shared/dev-corpus   CORPUS_MIN_FILES=5
#   CORPUS_DRIVERS="name,..."   only these corpus drivers (default: all)
#   RUNS=3              runs per figure (the median is shown)
#   JOBS="1 2"          -j values; the first and last give the speedup
#   BASELINES="fork clang"   the extra columns ("" for none)
#   FUNCS_MIN=20 FUNCS_MAX=60 SEED=1   generator settings
#   NDISLINT=PATH       time this binary instead of building one
#   NDISLINT_BUILD=DIR  where ndislint is built (default: <repo>/build)
#   BENCH_WORK=DIR      scratch folder (default: /tmp/ndislint-bench)
#   CLANG=clang-19      the compiler for the clang column
#   INSTRUCTIONS=1      also count, under valgrind's callgrind, the machine
#                       instructions ndislint -j 1 and the floor execute on
#                       each driver (one run each: the count does not vary,
#                       unlike times on a shared machine); slow, ~50x
# Output: the table on standard output, also kept in $BENCH_WORK/results.txt,
# every run in $BENCH_WORK/raw.csv and every driver in $BENCH_WORK/drivers.csv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/ndislint-bench}
SHAPES=${SHAPES:-"c cpp damaged corpus"}
SIZES=${SIZES:-"10 100 1000"}
CPP_SIZES=${CPP_SIZES:-100}
DAMAGED_SIZES=${DAMAGED_SIZES:-100}
CORPUS=${CORPUS:-$ROOT/../shared/dev-corpus}
CORPUS_MIN_FILES=${CORPUS_MIN_FILES:-5}
CORPUS_DRIVERS=${CORPUS_DRIVERS:-}
RUNS=${RUNS:-3}
JOBS=${JOBS:-"1 2"}
BASELINES=${BASELINES-"fork clang"}
FUNCS_MIN=${FUNCS_MIN:-20}
FUNCS_MAX=${FUNCS_MAX:-60}
SEED=${SEED:-1}
CLANG=${CLANG:-clang-19}
INSTRUCTIONS=${INSTRUCTIONS:-0}
NDISLINT_BUILD=${NDISLINT_BUILD:-$ROOT/build}

started=$(date +%s)
log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

rm -rf "$WORK/drivers"
mkdir -p "$WORK/bin" "$WORK/drivers"

# ---- tools -----------------------------------------------------------------
if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
    log "GNU time is missing: installing the 'time' package"
    if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
if has "$BASELINES" clang; then
    command -v "$CLANG" >/dev/null || die "$CLANG not found (apt-get install clang-19, or BASELINES=fork)"
fi

if [ -n "${NDISLINT:-}" ]; then
    [ -x "$NDISLINT" ] || die "NDISLINT=$NDISLINT is not executable"
    cp "$NDISLINT" "$WORK/bin/ndislint"
else
    log "building ndislint in $NDISLINT_BUILD"
    cmake -S "$ROOT" -B "$NDISLINT_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$NDISLINT_BUILD" -j2 >/dev/null
    # A private copy, so that every run of this benchmark times one binary.
    cp "$NDISLINT_BUILD/ndislint" "$WORK/bin/ndislint"
fi
NDIS="$WORK/bin/ndislint"

log "building gen_driver and parse_only in $WORK/build-bench"
cmake -S "$ROOT/bench" -B "$WORK/build-bench" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$WORK/build-bench" -j2 >/dev/null
GEN="$WORK/build-bench/gen_driver"
PARSE="$WORK/build-bench/parse_only"

# ---- drivers ---------------------------------------------------------------
# Every driver is a folder $WORK/drivers/ID holding sources.txt (the files,
# as given to ndislint from that folder), compiler-args.txt (what follows
# `--`, maybe nothing), blocks.txt (ndislint's parser arguments for each
# file, for parse_only --args-blocks) and, for the clang column, clang.list
# (one @response-file a file). drivers.csv has one line a driver.
DRIVERS_CSV="$WORK/drivers.csv"
echo "id,shape,language,files,lines,exit,findings,ndislint_parse_errors,floor_parse_errors" > "$DRIVERS_CSV"
DRIVERS=""

# Response files for clang, from blocks.txt: every argument quoted.
write_clang_list() {
    mkdir -p rsp
    awk -v dir="$PWD/rsp" '
        /^$/ { if (f != "") { close(f); print "@" f > "clang.list"; f = "" } next }
        {
            if (f == "") { f = sprintf("%s/%04d.rsp", dir, k++); printf "" > f }
            a = $0; gsub(/\\/, "\\\\", a); gsub(/"/, "\\\"", a)
            print "\"" a "\"" > f
        }' blocks.txt
}

# Checks a prepared driver in the current folder and records it.
# check_driver ID SHAPE LANGUAGE
check_driver() {
    local id=$1 shape=$2 language=$3 rc=0 check_rc=0
    local -a files cargs
    mapfile -t files < sources.txt
    mapfile -t cargs < compiler-args.txt
    "$NDIS" --quiet -j 2 "${files[@]}" ${cargs[@]+-- "${cargs[@]}"} > findings.txt 2> stderr.txt || rc=$?
    "$PARSE" --check -j 2 --args-blocks blocks.txt 2> check.txt || check_rc=$?
    local findings nd_errors floor_errors
    findings=$(grep -c . findings.txt || true)
    nd_errors=$(grep -c 'parse error' stderr.txt || true)
    floor_errors=$(sed -n 's/^parse_only: [0-9]* files, \([0-9]*\) error diagnostics.*/\1/p' check.txt | tail -n 1)
    [ -n "$floor_errors" ] || die "parse_only --check failed on $id: $(head -n 5 check.txt)"
    case $shape in
        c|cpp)
            # The generated driver follows the contract and parses cleanly.
            { [ "$rc" -eq 0 ] && [ ! -s findings.txt ] && [ ! -s stderr.txt ]; } ||
                die "ndislint exited $rc on $id ($findings findings): $(head -n 5 findings.txt stderr.txt)"
            [ "$check_rc" -eq 0 ] || die "parse_only found errors in $id: $(head -n 5 check.txt)"
            ;;
        damaged)
            # Parse errors, but none where a rule looks: no finding, exit 0.
            { [ "$rc" -eq 0 ] && [ ! -s findings.txt ]; } ||
                die "ndislint exited $rc on $id ($findings findings): $(head -n 5 findings.txt stderr.txt)"
            [ "$floor_errors" -gt 0 ] || die "the damaged driver $id parsed without an error"
            ;;
        corpus)
            # Real code: findings (1) and judgements left open (2) are fine.
            if [ "$rc" -gt 2 ]; then
                log "corpus: $id: ndislint exited $rc ($(tail -n 1 stderr.txt)); not timed"
                return 0
            fi
            ;;
    esac
    # clang stops at the first header it cannot find, so it is timed only
    # on drivers that parse cleanly.
    if has "$BASELINES" clang && [ "$floor_errors" -eq 0 ]; then write_clang_list; fi
    local lines
    lines=$(cat "${files[@]}" | wc -l)
    echo "$id,$shape,$language,${#files[@]},$lines,$rc,$findings,$nd_errors,$floor_errors" >> "$DRIVERS_CSV"
    echo "$rc" > exit.txt
    DRIVERS="$DRIVERS $id"
}

# prepare_generated SHAPE FILES
prepare_generated() {
    local shape=$1 n=$2 id="$1-$2" dir="$WORK/drivers/$1-$2" ext=c language=C
    [ "$shape" = cpp ] && { ext=cpp; language=C++; }
    log "generating $id in $dir"
    "$GEN" --shape "$shape" "$dir" "$n" "$FUNCS_MIN" "$FUNCS_MAX" "$SEED"
    cd "$dir"
    ls gd_*."$ext" > sources.txt
    : > compiler-args.txt
    local first last
    first=$(head -n 1 sources.txt)
    last=$(tail -n 1 sources.txt)
    "$NDIS" --print-clang-args "$first" | sed '$d' > template.txt
    # Every file is parsed with the same arguments but its own name.
    "$NDIS" --print-clang-args "$last" | sed '$d' | cmp -s - template.txt ||
        die "the parser arguments differ between $first and $last"
    awk 'NR == FNR { t[++n] = $0; next } { for (i = 1; i <= n; i++) print t[i]; print; print "" }' \
        template.txt sources.txt > blocks.txt
    check_driver "$id" "$shape" "$language"
    cd "$ROOT"
}

# prepare_corpus: every corpus driver with enough files.
prepare_corpus() {
    if [ ! -f "$CORPUS/manifest.json" ]; then
        log "corpus: $CORPUS/manifest.json is not there; timing the generated drivers only"
        return 0
    fi
    local list="$WORK/drivers/corpus.txt" name language count
    python3 "$ROOT/bench/corpus_inputs.py" "$CORPUS" "$WORK/drivers" \
        --min-files "$CORPUS_MIN_FILES" ${CORPUS_DRIVERS:+--only "$CORPUS_DRIVERS"} > "$list"
    while read -r name language count; do
        local dir="$WORK/drivers/$name"
        log "corpus: $name, $count files of $language"
        cd "$dir"
        local -a cargs
        mapfile -t cargs < compiler-args.txt
        # Each file's own arguments (its folder is searched after -I), and
        # the includes ndislint maps for it (another case, a .tmh), so that
        # the floor parses what ndislint parses.
        mkdir -p overlays
        local k=0
        while IFS= read -r f; do
            k=$((k + 1))
            "$NDIS" --print-clang-args "$f" -- "${cargs[@]}" | sed '$d'
            "$NDIS" --print-include-map "$f" -- "${cargs[@]}" > "overlays/$k.yaml" ||
                die "ndislint --print-include-map failed on $f"
            grep -q external-contents "overlays/$k.yaml" &&
                printf '%s\n%s\n' -ivfsoverlay "$PWD/overlays/$k.yaml"
            printf '%s\n\n' "$f"
        done < sources.txt > blocks.txt
        check_driver "$name" corpus "$language"
        cd "$ROOT"
    done < "$list"
}

for shape in $SHAPES; do
    case $shape in
        c)       for n in $SIZES; do prepare_generated c "$n"; done ;;
        cpp)     for n in $CPP_SIZES; do prepare_generated cpp "$n"; done ;;
        damaged) for n in $DAMAGED_SIZES; do prepare_generated damaged "$n"; done ;;
        corpus)  prepare_corpus ;;
        *)       die "unknown shape '$shape' (SHAPES: c cpp damaged corpus)" ;;
    esac
done
[ -n "$DRIVERS" ] || die "no driver to time (SHAPES=\"$SHAPES\")"

# ---- timing ----------------------------------------------------------------
RAW="$WORK/raw.csv"
echo "driver,jobs,tool,run,wall_s,user_s,sys_s,maxrss_kb,exit" > "$RAW"

# time_one DRIVER JOBS TOOL RUN: runs one tool once in the driver's folder.
time_one() {
    local id=$1 j=$2 tool=$3 run=$4 dir="$WORK/drivers/$1" out="$WORK/time.out"
    local -a cmd files cargs
    mapfile -t files < "$dir/sources.txt"
    mapfile -t cargs < "$dir/compiler-args.txt"
    case $tool in
        ndislint)   cmd=("$NDIS" --quiet -j "$j" "${files[@]}" ${cargs[@]+-- "${cargs[@]}"}) ;;
        parse_only) cmd=("$PARSE" -j "$j" --args-blocks blocks.txt) ;;
        parse_fork) cmd=("$PARSE" --fork -j "$j" --args-blocks blocks.txt) ;;
        clang)      cmd=(xargs -a clang.list -P "$j" -n 1 "$CLANG" -fsyntax-only) ;;
    esac
    local rc=0 want=0
    (cd "$dir" && /usr/bin/time -o "$out" -f "%e %U %S %M" "${cmd[@]}" > /dev/null 2> "$WORK/tool.err") || rc=$?
    # ndislint exits as it did when the driver was checked; the rest, 0.
    if [ "$tool" = ndislint ]; then want=$(cat "$dir/exit.txt"); fi
    if [ "$rc" -ne "$want" ]; then
        die "$tool -j $j on $id exited $rc (expected $want): $(head -n 5 "$WORK/tool.err")"
    fi
    local wall user sys rss
    read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" | tail -n 1)
    echo "$id,$j,$tool,$run,$wall,$user,$sys,$rss,$rc" >> "$RAW"
}

first_j=${JOBS%% *}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
    for id in $DRIVERS; do
        for j in $JOBS; do
            tools="ndislint parse_only"
            if [ "$j" = "$first_j" ]; then
                has "$BASELINES" fork && tools="$tools parse_fork"
                [ -f "$WORK/drivers/$id/clang.list" ] && tools="$tools clang"
            fi
            for tool in $tools; do
                log "$id -j $j $tool run $run/$RUNS"
                time_one "$id" "$j" "$tool" "$run"
            done
        done
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- instructions ----------------------------------------------------------
# count_one DRIVER TOOL: the instructions TOOL executes at -j 1 over every
# process and thread it starts (a forked worker's count includes what its
# parent ran before the fork, so ndislint's is, if anything, high).
INSTR="$WORK/instructions.csv"
count_one() {
    local id=$1 tool=$2 dir="$WORK/drivers/$1" out="$WORK/callgrind"
    local -a cmd files cargs
    mapfile -t files < "$dir/sources.txt"
    mapfile -t cargs < "$dir/compiler-args.txt"
    case $tool in
        ndislint)   cmd=("$NDIS" --quiet -j 1 "${files[@]}" ${cargs[@]+-- "${cargs[@]}"}) ;;
        parse_only) cmd=("$PARSE" -j 1 --args-blocks blocks.txt) ;;
    esac
    rm -rf "$out" && mkdir -p "$out"
    (cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" \
        "${cmd[@]}" > /dev/null 2> "$WORK/tool.err") || true
    local total
    total=$(cat "$out"/cg.* 2>/dev/null | sed -n 's/^summary: //p' | awk '{s += $1} END {printf "%.0f\n", s}')
    [ "$total" -gt 0 ] || die "no instruction count for $tool on $id: $(head -n 3 "$WORK/tool.err")"
    echo "$id,$tool,$total" >> "$INSTR"
}
if [ "$INSTRUCTIONS" = 1 ]; then
    command -v valgrind >/dev/null || die "valgrind not found (apt-get install valgrind, or INSTRUCTIONS=0)"
    echo "driver,tool,instructions" > "$INSTR"
    for id in $DRIVERS; do
        for tool in ndislint parse_only; do
            log "$id: counting the instructions of $tool -j 1"
            count_one "$id" "$tool"
        done
    done
fi

# ---- report ----------------------------------------------------------------
if [ -n "${NDISLINT:-}" ]; then
    built="the binary $NDISLINT"
else
    built="commit $(git --no-optional-locks -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [ -n "$(git --no-optional-locks -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null)" ]; then
        built="$built + uncommitted changes in src/"
    fi
fi
settings="SHAPES=\"$SHAPES\""
has "$SHAPES" c && settings="$settings SIZES=\"$SIZES\""
has "$SHAPES" cpp && settings="$settings CPP_SIZES=\"$CPP_SIZES\""
has "$SHAPES" damaged && settings="$settings DAMAGED_SIZES=\"$DAMAGED_SIZES\""
has "$SHAPES" corpus && settings="$settings CORPUS=$CORPUS${CORPUS_DRIVERS:+ CORPUS_DRIVERS=$CORPUS_DRIVERS}"
settings="$settings RUNS=$RUNS JOBS=\"$JOBS\" BASELINES=\"$BASELINES\" FUNCS_MIN=$FUNCS_MIN FUNCS_MAX=$FUNCS_MAX SEED=$SEED"
[ "$INSTRUCTIONS" = 1 ] && settings="$settings INSTRUCTIONS=1"
[ -n "${NDISLINT:-}" ] && settings="$settings NDISLINT=$NDISLINT"

report() {
    echo "ndislint speed benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
    echo "load average before/after: $load_before / $load_after"
    echo "ndislint: $("$NDIS" --version 2>/dev/null | head -n 1) ($built); $("$CLANG" --version 2>/dev/null | head -n 1 || true)"
    echo "generated drivers: seed $SEED, $FUNCS_MIN-$FUNCS_MAX functions per file"
    echo "median of $RUNS runs; s = elapsed seconds; rss = peak resident MiB of the largest single process"
    echo
    awk -f "$ROOT/bench/report.awk" -v jobs="$JOBS" -v baselines="$BASELINES" "$DRIVERS_CSV" "$RAW"
    echo
    if [ "$INSTRUCTIONS" = 1 ]; then
        echo "instructions at -j 1 (callgrind, all processes and threads; millions):"
        awk -F, 'NR > 1 { n[$1 "," $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
            END { printf "  %-22s %10s %10s %9s\n", "driver", "floor", "ndislint", "x floor"
                  for (i = 1; i <= k; i++) { d = order[i]; f = n[d ",parse_only"]; t = n[d ",ndislint"]
                      printf "  %-22s %10.0f %10.0f %9.3f\n", d, f / 1e6, t / 1e6, t / f } }' "$INSTR"
        echo
    fi
    echo "reproduce: $settings bench/run.sh"
    echo "total time of this run: $(( $(date +%s) - started )) s"
}
report | tee "$WORK/results.txt"
