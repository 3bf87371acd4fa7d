/* rule_kind_paired_resource.c - the paired-resource rule kind: a resource
 * one DDI acquires and another releases, followed on every path of the
 * roles where they must meet (NDIS005 for interrupt registrations, WDM002
 * for interrupt connections, any pair of rules/resources/).
 *
 * The rule file names the pair (parameter "resource") and gives the
 * finding texts; the pair's file gives the calls, their arguments, the
 * success test and the roles. The paths come from the registration
 * analysis (rule_interrupt_paths.h), run with that pair; the pair the
 * interrupt rules share is analysed once for all of them.
 *
 * Texts may name {function} (where the finding is), {resource} (the
 * place that keeps the resource, "DEVICE_EXTENSION.InterruptObject"),
 * {root} (the role function whose path it is), {role} and
 * {acquiringRole} (the role names of the pair).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_damage.h"
#include "rule_interrupt_paths.h"
#include "rules.h"

/* The texts of each kind of finding, and of the note at its related place. */
static const struct {
    IrqViolationKind kind;
    const char *message;
    const char *note;
} texts[] = {
    {IRQ_LEAK_ON_FAILURE, "leakOnFailure", "leakOnFailureNote"},
    {IRQ_HALT_KEEPS_HANDLE, "releaseMissing", "releaseMissingNote"},
    {IRQ_DOUBLE_DEREGISTER, "doubleRelease", "doubleReleaseNote"},
    {IRQ_DEREGISTER_UNREGISTERED, "releaseUnacquired", "releaseUnacquiredNote"},
};

#define TEXT_COUNT (sizeof(texts) / sizeof(texts[0]))

const char *const paired_resource_parameters[] = {
    "resource", "resourceUnnamed", "leakOnFailure", "leakOnFailureNote", "releaseMissing",
    "releaseMissingNote", "doubleRelease", "doubleReleaseNote", "releaseUnacquired",
    "releaseUnacquiredNote", NULL};

/* `text` with its {placeholders} filled from `v`. */
static void expand(char *out, size_t size, const char *text, const IrqViolation *v,
                   const char *resource)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = text; *p != '\0' && used + 1 < size;) {
        const char *value = NULL;
        size_t skip = 0;
        static const char *const names[] = {"{function}", "{resource}", "{root}", "{role}",
                                            "{acquiringRole}"};
        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && value == NULL; i++) {
            size_t n = strlen(names[i]);
            if (strncmp(p, names[i], n) != 0)
                continue;
            skip = n;
            value = i == 0 ? v->function : i == 1 ? resource : i == 2 ? v->root
                  : i == 3 ? v->role : v->acquiring_role;
            if (value == NULL)
                value = "?";
        }
        if (value == NULL) {
            out[used++] = *p++;
            out[used] = '\0';
            continue;
        }
        int n = snprintf(out + used, size - used, "%s", value);
        used += n > 0 ? (size_t)n : 0;
        if (used >= size)
            used = size - 1;
        p += skip;
    }
}

static void report(const RuleContext *ctx, const IrqViolation *v)
{
    for (size_t i = 0; i < TEXT_COUNT; i++) {
        if (texts[i].kind != v->kind)
            continue;
        const char *resource =
            v->handle != NULL ? v->handle : rule_param_first(ctx->rule, "resourceUnnamed");
        char message[1024];
        expand(message, sizeof(message), rule_param_first(ctx->rule, texts[i].message), v,
               resource);
        Finding *finding = finding_add(ctx->findings, ctx->rule, v->loc, v->function, "%s",
                                       message);
        if (v->related.file != NULL) {
            char note[512];
            expand(note, sizeof(note), rule_param_first(ctx->rule, texts[i].note), v, resource);
            finding_add_note(finding, v->related, "%s", note);
        }
        if (v->branch.file != NULL)
            finding_add_note(finding, v->branch, "the path takes this branch");
        return;
    }
}

/* Every name a pair's calls are made of: the DDIs that damaged code must
 * not touch for the pair to be judged. */
static void pair_scope(const RuleContext *ctx, const ResourcePair *pair, DamageScope *scope)
{
    const char *ddis[] = {pair->acquire.call, pair->release.call, NULL};
    DamageRoots roots = {ddis, NULL, NULL, false, true};
    damage_scope_build(scope, ctx->program, &roots);
}

void rule_kind_paired_resource(const RuleContext *ctx)
{
    const ResourcePair *pair =
        resource_pair_find(ctx->resources, rule_param_first(ctx->rule, "resource"));
    if (pair == NULL)
        return; /* refused at start (rules_check_catalog) */
    const IrqReport *shared = rules_interrupt_paths_for(ctx, pair);
    if (shared != NULL) {
        for (size_t i = 0; i < shared->count; i++)
            report(ctx, &shared->items[i]);
        return;
    }
    DamageScope scope;
    pair_scope(ctx, pair, &scope);
    IrqReport own;
    irq_analyse(ctx, ctx->rule->id, pair, &scope, &own);
    for (size_t i = 0; i < own.count; i++)
        report(ctx, &own.items[i]);
    irq_report_free(&own);
    damage_scope_free(&scope);
}
