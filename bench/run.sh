#!/usr/bin/env bash
# bench/run.sh - ndislint's speed benchmark in one command.
#
# Builds ndislint and the benchmark programs, writes synthetic NDIS
# miniport drivers of several sizes, and times three things over the same
# files with the same parser arguments, at -j 1 and -j 2:
#   ndislint     the whole tool (--quiet, findings to /dev/null)
#   parse_only   libclang parsing alone, as ndislint calls it (the limit)
#   parse_fork   the same, each file in a new child process of its own
#                (parse_only --fork): the price of isolating every parse
#   clang        clang-19 -fsyntax-only, one process per file (xargs -P)
# Each figure is the median of RUNS runs of /usr/bin/time -f "%e %U %S %M".
#
# Settings (environment):
#   SIZES="10 100 1000" driver sizes in files (1..1000)
#   RUNS=3              runs per figure (the median is shown)
#   JOBS="1 2"          -j values; the first and last give the speedup
#   FUNCS_MIN=20 FUNCS_MAX=60 SEED=1   generator settings
#   NDISLINT=PATH       time this binary instead of building one
#   NDISLINT_BUILD=DIR  where ndislint is built (default: <repo>/build)
#   BENCH_WORK=DIR      scratch folder (default: /tmp/ndislint-bench)
#   CLANG=clang-19      the compiler for the clang column
# Output: the table on standard output, also kept in $BENCH_WORK/results.txt,
# and every run in $BENCH_WORK/raw.csv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/ndislint-bench}
SIZES=${SIZES:-"10 100 1000"}
RUNS=${RUNS:-3}
JOBS=${JOBS:-"1 2"}
FUNCS_MIN=${FUNCS_MIN:-20}
FUNCS_MAX=${FUNCS_MAX:-60}
SEED=${SEED:-1}
CLANG=${CLANG:-clang-19}
NDISLINT_BUILD=${NDISLINT_BUILD:-$ROOT/build}

started=$(date +%s)
log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

mkdir -p "$WORK/bin" "$WORK/drivers"

# ---- tools -----------------------------------------------------------------
if ! /usr/bin/time -f %e true >/dev/null 2>&1; then
    log "GNU time is missing: installing the 'time' package"
    if [ "$(id -u)" = 0 ]; then apt-get install -y time >/dev/null; else sudo apt-get install -y time >/dev/null; fi
fi
command -v "$CLANG" >/dev/null || die "$CLANG not found (apt-get install clang-19)"

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
for n in $SIZES; do
    dir="$WORK/drivers/n$n"
    log "generating $n files in $dir"
    rm -rf "$dir"
    "$GEN" "$dir" "$n" "$FUNCS_MIN" "$FUNCS_MAX" "$SEED"
    (
        cd "$dir"
        ls gd_*.c > files.txt
        first=$(head -n 1 files.txt)
        last=$(tail -n 1 files.txt)
        "$NDIS" --print-clang-args "$first" > args.txt
        # Every file is parsed with the same arguments but its own name.
        "$NDIS" --print-clang-args "$last" | sed '$d' > args.last
        sed '$d' args.txt | cmp -s - args.last ||
            die "the parser arguments differ between $first and $last"
        sed '$d' args.txt > clang-args.txt
        rm -f args.last
        # The generated driver must parse cleanly under ndislint.
        set +e
        "$NDIS" --quiet -j 2 $(cat files.txt) > findings.txt 2> stderr.txt
        rc=$?
        set -e
        { [ "$rc" -le 1 ] && [ ! -s stderr.txt ]; } ||
            die "ndislint exited $rc on $dir with messages: $(head -n 5 stderr.txt)"
        "$PARSE" --check -j 2 --args-file args.txt $(cat files.txt) 2> check.txt ||
            die "parse_only found errors in $dir: $(head -n 5 check.txt)"
        wc -l $(cat files.txt) | tail -n 1 | awk '{print $1}' > lines.txt
    )
done

# ---- timing ----------------------------------------------------------------
RAW="$WORK/raw.csv"
echo "files,jobs,tool,run,wall_s,user_s,sys_s,maxrss_kb,exit" > "$RAW"

# time_one FILES JOBS TOOL RUN: runs one tool once in the driver's folder.
time_one() {
    local n=$1 j=$2 tool=$3 run=$4 dir="$WORK/drivers/n$1" out="$WORK/time.out"
    local -a cmd
    mapfile -t files < "$dir/files.txt"
    case $tool in
        ndislint)   cmd=("$NDIS" --quiet -j "$j" "${files[@]}") ;;
        parse_only) cmd=("$PARSE" -j "$j" --args-file args.txt "${files[@]}") ;;
        parse_fork) cmd=("$PARSE" --fork -j "$j" --args-file args.txt "${files[@]}") ;;
        clang)      mapfile -t cargs < "$dir/clang-args.txt"
                    cmd=(xargs -a files.txt -P "$j" -n 1 "$CLANG" -fsyntax-only "${cargs[@]}") ;;
    esac
    local rc=0
    (cd "$dir" && /usr/bin/time -o "$out" -f "%e %U %S %M" "${cmd[@]}" > /dev/null 2> "$WORK/tool.err") || rc=$?
    # ndislint exits 1 when it has findings; anything else is a failure.
    if [ "$rc" -gt 1 ] || { [ "$tool" != ndislint ] && [ "$rc" -ne 0 ]; }; then
        die "$tool -j $j on $n files exited $rc: $(head -n 5 "$WORK/tool.err")"
    fi
    local wall user sys rss
    read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out" | tail -n 1)
    echo "$n,$j,$tool,$run,$wall,$user,$sys,$rss,$rc" >> "$RAW"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
    for run in $(seq 1 "$RUNS"); do
        for j in $JOBS; do
            for tool in ndislint parse_only parse_fork clang; do
                log "files=$n -j $j $tool run $run/$RUNS"
                time_one "$n" "$j" "$tool" "$run"
            done
        done
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report ----------------------------------------------------------------
commit=$(git --no-optional-locks -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git --no-optional-locks -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null)" ]; then
    commit="$commit + uncommitted changes in src/"
fi
lines_of() { cat "$WORK/drivers/n$1/lines.txt"; }
lines_csv=""
for n in $SIZES; do lines_csv="$lines_csv$n=$(lines_of "$n") "; done

report() {
    echo "ndislint speed benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
    echo "load average before/after: $load_before / $load_after"
    echo "ndislint: $("$NDIS" --version 2>/dev/null | head -n 1) (commit $commit); $("$CLANG" --version | head -n 1)"
    echo "drivers: seed $SEED, $FUNCS_MIN-$FUNCS_MAX functions per file; lines: $lines_csv"
    echo "median of $RUNS runs; wall = elapsed s, cpu = user+sys s, rss = peak resident MiB"
    echo "(/usr/bin/time: the peak of the largest single process, parent or child)"
    echo
    awk -F, -v sizes="$SIZES" -v jobs="$JOBS" '
        NR == 1 { next }
        {
            k = $1 "," $2 "," $3
            n[k]++
            wall[k, n[k]] = $5; cpu[k, n[k]] = $6 + $7; rss[k, n[k]] = $8
        }
        function median(arr, k, cnt,    i, j, t, v) {
            for (i = 1; i <= cnt; i++) v[i] = arr[k, i]
            for (i = 1; i <= cnt; i++)
                for (j = i + 1; j <= cnt; j++)
                    if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
            return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
        }
        function m(what, size, j, tool,    k) {
            k = size "," j "," tool
            if (what == "wall") return median(wall, k, n[k])
            if (what == "cpu") return median(cpu, k, n[k])
            return median(rss, k, n[k]) / 1024
        }
        END {
            ns = split(sizes, S, " "); nj = split(jobs, J, " ")
            printf "%6s %3s | %-20s | %-20s | %-20s | %-20s | %-17s\n", "", "", "ndislint", "parse_only", "parse_only --fork", "clang -fsyntax-only", "ndislint/parse"
            printf "%6s %3s | %6s %6s %6s | %6s %6s %6s | %6s %6s %6s | %6s %6s %6s | %8s %8s\n",
                   "files", "-j", "wall", "cpu", "rss", "wall", "cpu", "rss", "wall", "cpu", "rss", "wall", "cpu", "rss", "wall", "cpu"
            for (a = 1; a <= ns; a++)
                for (b = 1; b <= nj; b++) {
                    s = S[a]; j = J[b]
                    printf "%6d %3d | %6.2f %6.2f %6.0f | %6.2f %6.2f %6.0f | %6.2f %6.2f %6.0f | %6.2f %6.2f %6.0f | %8.2f %8.2f\n", s, j,
                        m("wall", s, j, "ndislint"), m("cpu", s, j, "ndislint"), m("rss", s, j, "ndislint"),
                        m("wall", s, j, "parse_only"), m("cpu", s, j, "parse_only"), m("rss", s, j, "parse_only"),
                        m("wall", s, j, "parse_fork"), m("cpu", s, j, "parse_fork"), m("rss", s, j, "parse_fork"),
                        m("wall", s, j, "clang"), m("cpu", s, j, "clang"), m("rss", s, j, "clang"),
                        m("wall", s, j, "ndislint") / m("wall", s, j, "parse_only"),
                        m("cpu", s, j, "ndislint") / m("cpu", s, j, "parse_only")
                }
            j1 = J[1]; j2 = J[nj]
            print ""
            printf "targets                       "
            for (a = 1; a <= ns; a++) printf "%10s", S[a] " files"
            print ""
            printf "ndislint/parse_only -j %d wall  ", j1
            for (a = 1; a <= ns; a++) printf "%10.2f", m("wall", S[a], j1, "ndislint") / m("wall", S[a], j1, "parse_only")
            print "   (target <= 1.10)"
            printf "ndislint/parse_only -j %d cpu   ", j1
            for (a = 1; a <= ns; a++) printf "%10.2f", m("cpu", S[a], j1, "ndislint") / m("cpu", S[a], j1, "parse_only")
            print "   (the same in cpu time, less sensitive to load)"
            printf "  of which parse_fork/parse_only"
            for (a = 1; a <= ns; a++) printf "%10.2f", m("cpu", S[a], j1, "parse_fork") / m("cpu", S[a], j1, "parse_only")
            print "   (price of a process per file)"
            printf "  and ndislint/parse_fork       "
            for (a = 1; a <= ns; a++) printf "%10.2f", m("cpu", S[a], j1, "ndislint") / m("cpu", S[a], j1, "parse_fork")
            print "   (ndislint'"'"'s own work)"
            printf "ndislint -j %d/-j %d speedup     ", j1, j2
            for (a = 1; a <= ns; a++) printf "%10.2f", m("wall", S[a], j1, "ndislint") / m("wall", S[a], j2, "ndislint")
            print "   (target >= 1.8)"
            printf "parse_only -j %d/-j %d speedup   ", j1, j2
            for (a = 1; a <= ns; a++) printf "%10.2f", m("wall", S[a], j1, "parse_only") / m("wall", S[a], j2, "parse_only")
            print "   (the limit)"
            printf "ndislint peak rss -j %d (MiB)   ", j1
            for (a = 1; a <= ns; a++) printf "%10.0f", m("rss", S[a], j1, "ndislint")
            printf "   (target flat: %d vs %d files = x%.2f)\n", S[1], S[ns],
                   m("rss", S[ns], j1, "ndislint") / m("rss", S[1], j1, "ndislint")
            printf "parse_only peak rss -j %d (MiB) ", j1
            for (a = 1; a <= ns; a++) printf "%10.0f", m("rss", S[a], j1, "parse_only")
            print ""
        }' "$RAW"
    echo
    echo "reproduce: SIZES=\"$SIZES\" RUNS=$RUNS JOBS=\"$JOBS\" FUNCS_MIN=$FUNCS_MIN FUNCS_MAX=$FUNCS_MAX SEED=$SEED bench/run.sh"
    echo "total time of this run: $(( $(date +%s) - started )) s"
}
report | tee "$WORK/results.txt"
