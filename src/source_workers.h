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
} WorkerSettings;

/* Returns the number of files that could not be (fully) analysed. Units
 * are added to `driver` in the order of the plan. */
size_t source_workers_run(const SourcePlan *plan, const ParseSettings *base,
                          const WorkerSettings *settings, Driver *driver,
                          ToolMessageList *messages);


#endif
