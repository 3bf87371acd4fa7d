/* rules.c - runs the rules listed in rules.h. */
#include "rules.h"

#include "rule_interrupt_paths.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef struct RuleEntry {
    const char *id;
    RuleRun run;
} RuleEntry;

#define NDISLINT_RULE_ENTRY(id, run) {id, run},
static const RuleEntry rule_entries[] = {NDISLINT_RULE_TABLE(NDISLINT_RULE_ENTRY)};
#undef NDISLINT_RULE_ENTRY

#define RULE_ENTRY_COUNT (sizeof(rule_entries) / sizeof(rule_entries[0]))

static const RuleEntry *entry_for(const char *id)
{
    for (size_t i = 0; i < RULE_ENTRY_COUNT; i++) {
        if (strcmp(rule_entries[i].id, id) == 0)
            return &rule_entries[i];
    }
    return NULL;
}

int rules_check_catalog(const RuleCatalog *catalog, char *err, size_t err_size)
{
    for (size_t i = 0; i < catalog->count; i++) {
        if (entry_for(catalog->rules[i].id) == NULL) {
            snprintf(err, err_size, "rule %s is described in the rules folder "
                     "but this build has no implementation of it",
                     catalog->rules[i].id);
            return -1;
        }
    }
    for (size_t i = 0; i < RULE_ENTRY_COUNT; i++) {
        if (rule_catalog_find(catalog, rule_entries[i].id) == NULL) {
            snprintf(err, err_size, "rule %s has no description (%s.json) in "
                     "the rules folder", rule_entries[i].id, rule_entries[i].id);
            return -1;
        }
    }
    return 0;
}

struct RuleShared {
    bool interrupt_paths_done;
    IrqReport interrupt_paths;
};

const IrqReport *rules_interrupt_paths(const RuleContext *ctx)
{
    RuleShared *shared = ctx->shared;
    if (!shared->interrupt_paths_done) {
        irq_analyse(ctx->program, ctx->messages, "interrupt paths",
                    &shared->interrupt_paths);
        shared->interrupt_paths_done = true;
    }
    return &shared->interrupt_paths;
}

void rules_run_all(const Program *program, const RuleCatalog *catalog,
                   FindingList *findings, ToolMessageList *messages)
{
    RuleShared shared;
    memset(&shared, 0, sizeof(shared));
    for (size_t i = 0; i < catalog->count; i++) {
        const RuleEntry *entry = entry_for(catalog->rules[i].id);
        if (entry == NULL)
            continue;
        RuleContext ctx = {program, &catalog->rules[i], findings, messages, &shared};
        entry->run(&ctx);
    }
    irq_report_free(&shared.interrupt_paths);
}

static size_t add_name(const char **out, size_t count, size_t max, const char *name)
{
    if (name == NULL || count >= max)
        return count;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(out[i], name) == 0)
            return count;
    }
    out[count] = name;
    return count + 1;
}

size_t rules_entry_calls(const RuleCatalog *catalog, const char **out, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; irq_entry_calls[i] != NULL; i++)
        count = add_name(out, count, max, irq_entry_calls[i]);
    /* The characteristics follower starts at each register call. */
    for (size_t i = 0; i < catalog->count; i++)
        count = add_name(out, count, max,
                         rule_param_first(&catalog->rules[i], "registerFunction"));
    return count;
}
