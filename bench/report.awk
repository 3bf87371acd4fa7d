# bench/report.awk - the table of bench/run.sh, from drivers.csv (one line a
# driver) and raw.csv (one line a run), given in that order.
#
#   awk -f report.awk -v jobs="1 2" -v baselines="fork clang" drivers.csv raw.csv
#
# Every figure is the median of the runs. The floor is parse_only at the
# first -j; ratios are ndislint's over the floor's at the same -j, and the
# speedup is the first -j's time over the last's. The targets are printed,
# not enforced.
BEGIN { FS = "," }

FNR == 1 { next }

# drivers.csv: id,shape,language,files,lines,exit,findings,ndislint_parse_errors,floor_parse_errors
FILENAME == ARGV[1] {
    order[++drivers] = $1
    shape[$1] = $2; lang[$1] = $3; files[$1] = $4; lines[$1] = $5
    status[$1] = $6; findings[$1] = $7; nd_errors[$1] = $8; floor_errors[$1] = $9
    next
}

# raw.csv: driver,jobs,tool,run,wall_s,user_s,sys_s,maxrss_kb,exit
{
    k = $1 "," $2 "," $3
    n[k]++
    wall[k, n[k]] = $5; cpu[k, n[k]] = $6 + $7; rss[k, n[k]] = $8
}

function median(arr, k, cnt,    i, j, t, v) {
    if (cnt == 0) return -1
    for (i = 1; i <= cnt; i++) v[i] = arr[k, i]
    for (i = 1; i <= cnt; i++)
        for (j = i + 1; j <= cnt; j++)
            if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    return cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
}

# m(WHAT, DRIVER, J, TOOL): the median wall or cpu (s) or rss (MiB); -1 if never run.
function m(what, id, j, tool,    k, v) {
    k = id "," j "," tool
    if (what == "wall") return median(wall, k, n[k])
    if (what == "cpu") return median(cpu, k, n[k])
    v = median(rss, k, n[k])
    return v < 0 ? -1 : v / 1024
}

function ratio(a, b) { return (a < 0 || b <= 0) ? -1 : a / b }

# A number, or "-" when it is missing.
function num(v, width, prec) {
    if (v < 0) return sprintf("%" width "s", "-")
    return sprintf("%" width "." prec "f", v)
}

function per_file(id) { return ratio(m("wall", id, j1, "ndislint") * 1000, files[id]) }
function per_kline(id) { return ratio(m("wall", id, j1, "ndislint") * 1000000, lines[id]) }

END {
    nj = split(jobs, J, " ")
    j1 = J[1]; j2 = J[nj]
    with_fork = index(" " baselines " ", " fork ") > 0
    with_clang = index(" " baselines " ", " clang ") > 0

    printf "%-22s %-4s %5s %8s | %7s | %7s %7s %6s %7s | %7s %6s %6s | %7s %7s %6s",
           "", "", "", "", "floor", "ndislint -j" j1, "", "", "", "-j" j2, "", "floor", "peak rss", "", ""
    if (with_fork || with_clang) printf " | %-15s", "baselines -j" j1
    printf " |\n"
    printf "%-22s %-4s %5s %8s | %7s | %7s %7s %6s %7s | %7s %6s %6s | %7s %7s %6s",
           "driver", "lang", "files", "lines", "s", "s", "x floor", "x cpu", "ms/file",
           "s", "j1/j2", "j1/j2", "ndislint", "floor", "x"
    if (with_fork || with_clang) printf " | %7s %7s", "fork x", "clang x"
    printf " | %4s %8s %7s\n", "exit", "findings", "errors"
    for (d = 1; d <= drivers; d++) {
        id = order[d]
        floor1 = m("wall", id, j1, "parse_only")
        nd1 = m("wall", id, j1, "ndislint")
        nd2 = nj > 1 ? m("wall", id, j2, "ndislint") : -1
        fl2 = nj > 1 ? m("wall", id, j2, "parse_only") : -1
        printf "%-22s %-4s %5d %8d | %s | %s %s %s %s | %s %s %s | %s %s %s",
               id, lang[id], files[id], lines[id], num(floor1, 7, 2),
               num(nd1, 7, 2), num(ratio(nd1, floor1), 7, 2),
               num(ratio(m("cpu", id, j1, "ndislint"), m("cpu", id, j1, "parse_only")), 6, 2),
               num(per_file(id), 7, 1),
               num(nd2, 7, 2), num(ratio(nd1, nd2), 6, 2), num(ratio(floor1, fl2), 6, 2),
               num(m("rss", id, j1, "ndislint"), 7, 0), num(m("rss", id, j1, "parse_only"), 7, 0),
               num(ratio(m("rss", id, j1, "ndislint"), m("rss", id, j1, "parse_only")), 6, 2)
        if (with_fork || with_clang)
            printf " | %s %s", num(ratio(m("wall", id, j1, "parse_fork"), floor1), 7, 2),
                   num(ratio(m("wall", id, j1, "clang"), floor1), 7, 2)
        printf " | %4d %8d %7d\n", status[id], findings[id], floor_errors[id]
    }
    print ""
    print "columns: floor = parse_only -j " j1 " with ndislint's parser arguments; x floor and x cpu ="
    print "ndislint -j " j1 " over the floor in elapsed and in cpu time (user + system); j1/j2 = -j " j1 " over -j " j2 ";"
    print "ms/file = ndislint -j " j1 " per file; peak rss at -j " j1 "; fork x, clang x = parse_only --fork and"
    print "clang -fsyntax-only over the floor (clang only where the floor sees no error); exit and"
    print "findings = ndislint's; errors = the floor's error diagnostics."
    print ""

    print "targets (reported, not enforced):"
    met = 0; all = 0; over = ""
    for (d = 1; d <= drivers; d++) {
        id = order[d]
        if (files[id] < 5) continue
        r = ratio(m("wall", id, j1, "ndislint"), m("wall", id, j1, "parse_only"))
        all++
        if (r >= 0 && r <= 1.10) met++
        else over = over sprintf(" %s %.2f", id, r)
    }
    printf "  ndislint -j %s at most 1.10 x the floor, drivers of 5+ files: %d of %d%s\n",
           j1, met, all, over == "" ? "" : "; over:" over
    if (nj > 1) {
        met = 0; all = 0; over = ""
        for (d = 1; d <= drivers; d++) {
            id = order[d]
            if (files[id] < 10) continue
            r = ratio(m("wall", id, j1, "ndislint"), m("wall", id, j2, "ndislint"))
            all++
            if (r >= 1.8) met++
            else over = over sprintf(" %s %.2f (floor %.2f)", id, r,
                                     ratio(m("wall", id, j1, "parse_only"), m("wall", id, j2, "parse_only")))
        }
        printf "  -j %s at least 1.8 x faster than -j %s, drivers of 10+ files: %d of %d%s\n",
               j2, j1, met, all, over == "" ? "" : "; under:" over
    }
    # C++ against C: a generated C++ driver against the generated C driver
    # of the same size; a corpus C++ driver against the median of the corpus
    # C drivers.
    cc = 0
    for (d = 1; d <= drivers; d++) {
        id = order[d]
        if (shape[id] == "corpus" && lang[id] == "C") cfile[++cc] = per_file(id)
    }
    for (i = 1; i <= cc; i++) cfk[1, i] = cfile[i]
    c_median = median(cfk, 1, cc)
    said = 0
    for (d = 1; d <= drivers; d++) {
        id = order[d]
        if (lang[id] != "C++") continue
        if (!said) { print "  C++ no slower per file than C (ndislint -j " j1 "):"; said = 1 }
        if (shape[id] == "cpp") {
            twin = id; sub(/^cpp-/, "c-", twin)
            if (!(twin in files)) {
                printf "    %s %.1f ms/file (no %s to compare with)\n", id, per_file(id), twin
                continue
            }
            printf "    %s %.1f ms/file vs %s %.1f: x%.2f (per 1,000 lines x%.2f; x floor %.2f vs %.2f)\n",
                   id, per_file(id), twin, per_file(twin), ratio(per_file(id), per_file(twin)),
                   ratio(per_kline(id), per_kline(twin)),
                   ratio(m("wall", id, j1, "ndislint"), m("wall", id, j1, "parse_only")),
                   ratio(m("wall", twin, j1, "ndislint"), m("wall", twin, j1, "parse_only"))
        } else if (cc > 0) {
            printf "    %s %.1f ms/file vs the median of %d C corpus drivers %.1f: x%.2f (x floor %.2f)\n",
                   id, per_file(id), cc, c_median, ratio(per_file(id), c_median),
                   ratio(m("wall", id, j1, "ndislint"), m("wall", id, j1, "parse_only"))
        } else {
            printf "    %s %.1f ms/file (no C corpus driver to compare with)\n", id, per_file(id)
        }
    }
}
