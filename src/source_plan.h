/* source_plan.h - which files are analysed, and with which arguments.
 *
 * The files named on the command line, or, when none are named and a
 * compile database is given, every file of the database. A file the
 * configuration excludes is left out. A file with a database entry gets
 * that entry's arguments; one without is analysed with the defaults (and
 * a warning says so).
 */
#ifndef NDISLINT_SOURCE_PLAN_H
#define NDISLINT_SOURCE_PLAN_H

#include <stddef.h>

#include "facts.h"
#include "finding.h"
#include "options_config.h"
#include "source_compile_db.h"

typedef struct SourceJob {
    const char *file;             /* borrowed from argv or the database */
    const CompileEntry *entry;    /* its database entry, or NULL */
} SourceJob;

typedef struct SourcePlan {
    SourceJob *jobs;
    size_t count;
} SourcePlan;

/* `db` and `config` may be NULL. Paths in messages are interned in
 * `driver`. */
void source_plan_build(SourcePlan *plan, char *const *files, size_t file_count,
                       const CompileDb *db, const Config *config, Driver *driver,
                       ToolMessageList *messages);

void source_plan_free(SourcePlan *plan);

#endif
