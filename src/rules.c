/* rules.c - runs the rules listed in rules.h. */
#include "rules.h"

#include "rule_damage.h"
#include "rule_interrupt_paths.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The resource pair the registration analysis follows, and which the
 * interrupt rules (NDIS001, NDIS004, NDIS008, NDIS010, NDIS013) read beside
 * NDIS005's pairing. */
#define INTERRUPT_PAIR "ndis-interrupt"

typedef struct RuleEntry {
    const char *id;
    RuleRun run;
} RuleEntry;

#define NDISLINT_RULE_ENTRY(id, run) {id, run},
static const RuleEntry rule_entries[] = {NDISLINT_RULE_TABLE(NDISLINT_RULE_ENTRY)};
#undef NDISLINT_RULE_ENTRY

#define RULE_ENTRY_COUNT (sizeof(rule_entries) / sizeof(rule_entries[0]))

/* Rule kinds that a rule file configures completely: a rule of one of
 * these kinds needs no line in NDISLINT_RULE_TABLE. */
static const RuleEntry kind_entries[] = {
    {"paired-resource", rule_kind_paired_resource},
};

#define KIND_ENTRY_COUNT (sizeof(kind_entries) / sizeof(kind_entries[0]))

static const RuleEntry *kind_entry(const char *kind)
{
    for (size_t i = 0; kind != NULL && i < KIND_ENTRY_COUNT; i++) {
        if (strcmp(kind_entries[i].id, kind) == 0)
            return &kind_entries[i];
    }
    return NULL;
}

bool rule_kind_known(const char *kind)
{
    return kind_entry(kind) != NULL;
}

static const RuleEntry *table_entry(const char *id)
{
    for (size_t i = 0; i < RULE_ENTRY_COUNT; i++) {
        if (strcmp(rule_entries[i].id, id) == 0)
            return &rule_entries[i];
    }
    return NULL;
}

/* What runs a rule: its kind, else its own entry. */
static const RuleEntry *entry_for(const RuleInfo *rule)
{
    const RuleEntry *entry = kind_entry(rule->kind);
    return entry != NULL ? entry : table_entry(rule->id);
}

int rules_check_catalog(const RuleCatalog *catalog, char *err, size_t err_size)
{
    for (size_t i = 0; i < catalog->count; i++) {
        if (entry_for(&catalog->rules[i]) == NULL) {
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
    if (resource_pair_find(&catalog->resources, INTERRUPT_PAIR) == NULL) {
        snprintf(err, err_size, "the rules folder has no resources/%s.json, which the "
                 "interrupt rules follow", INTERRUPT_PAIR);
        return -1;
    }
    for (size_t i = 0; i < catalog->count; i++) {
        const RuleInfo *rule = &catalog->rules[i];
        if (rule->kind == NULL || strcmp(rule->kind, "paired-resource") != 0)
            continue;
        for (size_t p = 0; paired_resource_parameters[p] != NULL; p++) {
            if (rule_param_first(rule, paired_resource_parameters[p]) == NULL) {
                snprintf(err, err_size, "rule %s: a paired-resource rule needs the parameter "
                         "'%s'", rule->id, paired_resource_parameters[p]);
                return -1;
            }
        }
        const char *pair = rule_param_first(rule, "resource");
        if (resource_pair_find(&catalog->resources, pair) == NULL) {
            snprintf(err, err_size, "rule %s: parameter 'resource' names %s%s%s, which is "
                     "not a file of the rules folder's resources/", rule->id,
                     pair != NULL ? "'" : "no pair", pair != NULL ? pair : "",
                     pair != NULL ? "'" : "");
            return -1;
        }
    }
    return 0;
}

struct RuleShared {
    const RuleCatalog *catalog;
    bool interrupt_paths_done;
    IrqReport interrupt_paths;
    bool interrupt_scope_built;
    DamageScope interrupt_scope;
    bool chars_scope_built;
    DamageScope chars_scope;
    bool allow_incomplete;
    size_t not_judged;
};

/* The rules that share the registration analysis, as far as they run:
 * its messages name them. */
static const char *const interrupt_path_rules[] = {"NDIS001", "NDIS004", "NDIS005",
                                                    "NDIS008", "NDIS010", "NDIS013"};

const IrqReport *rules_interrupt_paths(const RuleContext *ctx)
{
    RuleShared *shared = ctx->shared;
    if (!shared->interrupt_paths_done) {
        char label[64] = "";
        for (size_t i = 0; i < sizeof(interrupt_path_rules) / sizeof(*interrupt_path_rules); i++) {
            if (rule_catalog_find(shared->catalog, interrupt_path_rules[i]) == NULL)
                continue;
            size_t used = strlen(label);
            snprintf(label + used, sizeof(label) - used, "%s%s", used > 0 ? ", " : "",
                     interrupt_path_rules[i]);
        }
        irq_analyse(ctx, label, resource_pair_find(ctx->resources, INTERRUPT_PAIR),
                    rules_interrupt_scope(ctx), &shared->interrupt_paths);
        shared->interrupt_paths_done = true;
    }
    return &shared->interrupt_paths;
}

const IrqReport *rules_interrupt_paths_for(const RuleContext *ctx, const ResourcePair *pair)
{
    if (pair == NULL || strcmp(pair->name, INTERRUPT_PAIR) != 0)
        return NULL;
    return rules_interrupt_paths(ctx);
}

/* What the registration rules follow: their DDIs, the fields of the
 * interrupt characteristics they read, and that structure itself; the
 * characteristics follower, only the registration and the structure. */
static const char *const interrupt_ddis[] = {
    "NdisMDeregisterInterruptEx", "NdisMRegisterInterruptEx", "NdisMSetMiniportAttributes", NULL};
static const char *const chars_ddis[] = {"NdisMRegisterInterruptEx", NULL};
static const char *const interrupt_fields[] = {
    "DisableInterruptHandler", "DisableMessageInterruptHandler", "EnableInterruptHandler",
    "EnableMessageInterruptHandler", "InterruptDpcHandler", "InterruptHandler",
    "InterruptType", "MessageInfoTable", "MessageInterruptDpcHandler",
    "MessageInterruptHandler", "MsiSupported", NULL};
static const char *const interrupt_records[] = {"NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS", NULL};

const DamageScope *rules_interrupt_scope(const RuleContext *ctx)
{
    RuleShared *shared = ctx->shared;
    if (!shared->interrupt_scope_built) {
        DamageRoots roots = {interrupt_ddis, interrupt_fields, interrupt_records, false, true};
        damage_scope_build(&shared->interrupt_scope, ctx->program, &roots);
        shared->interrupt_scope_built = true;
    }
    return &shared->interrupt_scope;
}

const DamageScope *rules_chars_scope(const RuleContext *ctx)
{
    RuleShared *shared = ctx->shared;
    if (!shared->chars_scope_built) {
        DamageRoots roots = {chars_ddis, interrupt_fields, interrupt_records, false, false};
        damage_scope_build(&shared->chars_scope, ctx->program, &roots);
        shared->chars_scope_built = true;
    }
    return &shared->chars_scope;
}

void rules_not_judged(const RuleContext *ctx, const char *rules, const Function *function,
                      const DamageHit *hit)
{
    RuleShared *shared = ctx->shared;
    const StmtDamage *damage = hit->stmt->damage;
    char where[512];
    if (hit->function == NULL || hit->function == function)
        snprintf(where, sizeof(where), "its statement at line %u", damage->error_loc.line);
    else
        snprintf(where, sizeof(where), "%s, which it calls, has a statement at line %u that",
                 hit->function->name, damage->error_loc.line);
    char text[2048];
    snprintf(text, sizeof(text),
             "%s: %s was not judged: %s could not be read (%s) and touches '%s', which %s",
             rules, function->name, where,
             damage->message != NULL ? damage->message : "parse error", hit->name,
             strchr(rules, ',') != NULL ? "these rules track" : "the rule tracks");
    /* One function is walked from several roles (stop, remove, ...): the
     * same judgement not made is said once. */
    for (size_t i = 0; i < ctx->messages->count; i++) {
        if (strcmp(ctx->messages->items[i].message, text) == 0)
            return;
    }
    tool_message_add(ctx->messages, shared->allow_incomplete ? LEVEL_WARNING : LEVEL_ERROR,
                     damage->error_loc, "%s", text);
    shared->not_judged++;
}

void rules_each_judged_definition(const RuleContext *ctx, const DamageScope *scope,
                                  bool (*wanted)(Function *f, void *data),
                                  void (*visit)(const Function *f, void *data), void *data)
{
    const Program *program = ctx->program;
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *entry = &program->functions[i];
        for (size_t d = 0; d < program_definition_count(entry); d++) {
            Function *candidate = program_definition_at(entry, d);
            /* Asked before the body is read in, which costs more. */
            if (!wanted(candidate, data))
                continue;
            const Function *loaded = program_loaded(program, candidate);
            if (loaded == NULL || loaded->body == NULL)
                continue;
            DamageHit hit = {NULL, NULL, NULL};
            const Function *f =
                damage_usable_definition(scope, program, entry->name, candidate, &hit);
            if (f == NULL && hit.stmt != NULL)
                rules_not_judged(ctx, ctx->rule->id, candidate, &hit);
            /* Another definition of the name is judged as itself. */
            if (f != NULL && f == loaded)
                visit(f, data);
        }
    }
}

size_t rules_run_all(const Program *program, const RuleCatalog *catalog,
                     bool allow_incomplete, FindingList *findings,
                     ToolMessageList *messages)
{
    RuleShared shared;
    memset(&shared, 0, sizeof(shared));
    shared.catalog = catalog;
    shared.allow_incomplete = allow_incomplete;
    for (size_t i = 0; i < catalog->count; i++) {
        const RuleEntry *entry = entry_for(&catalog->rules[i]);
        if (entry == NULL)
            continue;
        RuleContext ctx = {program, &catalog->rules[i], &catalog->ddis, &catalog->resources,
                           findings, messages, &shared};
        entry->run(&ctx);
    }
    irq_report_free(&shared.interrupt_paths);
    if (shared.interrupt_scope_built)
        damage_scope_free(&shared.interrupt_scope);
    if (shared.chars_scope_built)
        damage_scope_free(&shared.chars_scope);
    return shared.not_judged;
}
