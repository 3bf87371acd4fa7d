/* run_stats.h - what a run cost, for --stats: how many files, parses and
 * converted functions, and the time of each phase.
 *
 * Counts are exact and may be relied on (a test holds the parses equal to
 * the files); times are for reading, never for a test.
 */
#ifndef NDISLINT_RUN_STATS_H
#define NDISLINT_RUN_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "facts.h"

typedef enum RunPhase {
    PHASE_PARSE,    /* the workers' parsing and conversion, as waited for */
    PHASE_ANALYSIS, /* program, rules, findings */
    PHASE_OUTPUT,   /* messages and the output files */
    PHASE_COUNT
} RunPhase;

typedef struct RunStats {
    uint64_t phase_started;
    RunPhase phase;
    uint64_t phase_microseconds[PHASE_COUNT];
} RunStats;

/* Starts the clock of `phase` (ending the one running). */
void run_stats_enter(RunStats *stats, RunPhase phase);

/* Ends the running phase. */
void run_stats_stop(RunStats *stats);

/* Prints the counts of the units of `drivers` (one per driver project of
 * the run) and the phase times, on `to`. */
void run_stats_print(FILE *to, const RunStats *stats, size_t files, const Driver *drivers,
                     size_t driver_count, unsigned jobs);

#endif
