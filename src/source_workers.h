/* source_workers.h - parses the planned files, each in a process of its
 * own, several at once.
 *
 * A child process parses one file under a time and a memory limit and
 * sends its facts back (facts_wire.h). A file that takes too long, needs
 * too much memory or crashes the parser is reported as not analysed, and
 * the run goes on with the others. Units and messages are added in the
 * order of the plan, so the output does not depend on the number of
 * processes or on which finishes first.
 */
#ifndef NDISLINT_SOURCE_WORKERS_H
#define NDISLINT_SOURCE_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"
#include "finding.h"
#include "source_args.h"
#include "source_plan.h"

typedef struct WorkerSettings {
    unsigned jobs;            /* processes at once (at least 1) */
    unsigned timeout_seconds; /* per file; 0: none */
    size_t memory_bytes;      /* address space per file; 0: none */
    bool progress;            /* "[i/n] file" on stderr as files start */
    /* Calls that make a function a starting point of the rules: with
     * some, bodies the rules cannot reach from their file are left for
     * later (source_parser_focus); none converts every body. */
    const char *const *entry_calls;
    size_t entry_call_count;
} WorkerSettings;

/* Returns the number of files that could not be (fully) analysed. Each
 * unit added to `driver` records its job (TranslationFacts.source_job). */
size_t source_workers_run(const SourcePlan *plan, const ParseSettings *base,
                          const WorkerSettings *settings, Driver *driver,
                          ToolMessageList *messages);

/* What a driver needs to have a file parsed again for the bodies it left
 * for later (Driver.fetch): the plan and settings of the first parse. */
typedef struct WorkerFetch {
    const SourcePlan *plan;
    const ParseSettings *base;
    WorkerSettings settings;
} WorkerFetch;

/* Driver.fetch: parses the files of `units` again in workers (as many at
 * once as the first parse used), every body converted, and gives each of
 * their deferred definitions its body. `context` is a WorkerFetch. False
 * when a file could not be parsed again. */
bool source_workers_fetch(void *context, Driver *driver, TranslationFacts **units,
                          size_t count);

#endif
