/* source_plan.c - the list of files to analyse; see source_plan.h. */
#include "source_plan.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static void add_job(SourcePlan *plan, const char *file, const CompileEntry *entry,
                    const Config *config)
{
    char resolved[PATH_MAX];
    const char *absolute = realpath(file, resolved) != NULL ? resolved : file;
    if (config != NULL && config_excludes(config, absolute))
        return;
    plan->jobs[plan->count].file = file;
    plan->jobs[plan->count].entry = entry;
    plan->count++;
}

void source_plan_build(SourcePlan *plan, char *const *files, size_t file_count,
                       const CompileDb *db, const Config *config, Driver *driver,
                       ToolMessageList *messages)
{
    size_t most = file_count > 0 ? file_count : (db != NULL ? db->count : 0);
    plan->jobs = calloc(most + 1, sizeof(*plan->jobs));
    plan->count = 0;
    if (plan->jobs == NULL) {
        fprintf(stderr, "ndislint: out of memory\n");
        abort();
    }
    if (file_count == 0) {
        for (size_t i = 0; db != NULL && i < db->count; i++)
            add_job(plan, db->entries[i].file, &db->entries[i], config);
        return;
    }
    for (size_t i = 0; i < file_count; i++) {
        const CompileEntry *entry = db != NULL ? compile_db_find(db, files[i]) : NULL;
        if (db != NULL && entry == NULL) {
            char resolved[PATH_MAX];
            const char *shown = realpath(files[i], resolved) != NULL ? resolved : files[i];
            tool_message_add(messages, LEVEL_WARNING,
                             (SourceLoc){driver_intern_path(driver, shown), 0, 0},
                             "not in %s; analysed with the default arguments", db->path);
        }
        add_job(plan, files[i], entry, config);
    }
}

void source_plan_free(SourcePlan *plan)
{
    free(plan->jobs);
    plan->jobs = NULL;
    plan->count = 0;
}
