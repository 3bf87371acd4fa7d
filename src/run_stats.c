/* run_stats.c - the costs of a run; see run_stats.h. */
#include "run_stats.h"

#include <string.h>
#include <time.h>

static uint64_t now_microseconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

void run_stats_enter(RunStats *stats, RunPhase phase)
{
    run_stats_stop(stats);
    stats->phase = phase;
    stats->phase_started = now_microseconds();
}

void run_stats_stop(RunStats *stats)
{
    if (stats->phase_started == 0)
        return;
    stats->phase_microseconds[stats->phase] += now_microseconds() - stats->phase_started;
    stats->phase_started = 0;
}

static double seconds(uint64_t microseconds)
{
    return (double)microseconds / 1e6;
}

void run_stats_print(FILE *to, const RunStats *stats, size_t files, const Driver *drivers,
                     size_t driver_count, unsigned jobs)
{
    uint64_t parses = 0, functions = 0, bodies = 0, scanning = 0, parsing = 0, converting = 0;
    size_t analysed = 0;
    for (size_t d = 0; d < driver_count; d++) {
        const Driver *driver = &drivers[d];
        analysed += driver->unit_count;
        for (size_t u = 0; u < driver->unit_count; u++) {
            const TranslationFacts *unit = &driver->units[u];
            parses += unit->cost.parses;
            bodies += unit->cost.bodies_converted;
            functions += unit->function_count;
            scanning += unit->cost.include_scan_microseconds;
            parsing += unit->cost.parse_microseconds;
            converting += unit->cost.convert_microseconds;
        }
    }
    fprintf(to,
            "ndislint: stats: %zu files, %zu analysed, %llu parses, %llu functions, "
            "%llu bodies converted\n",
            files, analysed, (unsigned long long)parses,
            (unsigned long long)functions, (unsigned long long)bodies);
    fprintf(to,
            "ndislint: stats: in the workers (%u at once, times summed): include scan "
            "%.3f s, parse %.3f s, conversion %.3f s\n",
            jobs, seconds(scanning), seconds(parsing), seconds(converting));
    fprintf(to,
            "ndislint: stats: wall: parse and conversion %.3f s, analysis %.3f s, "
            "output %.3f s\n",
            seconds(stats->phase_microseconds[PHASE_PARSE]),
            seconds(stats->phase_microseconds[PHASE_ANALYSIS]),
            seconds(stats->phase_microseconds[PHASE_OUTPUT]));
}
