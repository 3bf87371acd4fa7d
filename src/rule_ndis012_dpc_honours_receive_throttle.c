/* rule_ndis012_dpc_honours_receive_throttle.c - NDIS012
 * dpc-honours-receive-throttle.
 *
 * From NDIS 6.20 on, an interrupt DPC receives ReceiveThrottleParameters
 * and should indicate at most MaxNblsToIndicate NET_BUFFER_LISTs per call
 * (the MiniportMessageInterruptDPC page). A DPC that reaches a receive
 * indication, directly or through the driver's helpers, but whose path
 * never reads the throttle (the parameter itself, or the field
 * MaxNblsToIndicate anywhere the DPC reaches) is reported at the DPC's
 * name, with the chain to the indication as notes.
 *
 * Configured by the rule file: "dpcParameters" pairs a role typedef with
 * the index of its throttle parameter ("MINIPORT_INTERRUPT_DPC:2"),
 * "indicate" names the indication DDIs and "throttleFields" the fields
 * that read the throttle. Not reported: builds before NDIS 6.20 (the unit
 * does not declare the throttle's structure), a throttle parameter handed
 * to any call or stored anywhere (it may be read there), a helper the
 * analysis cannot follow, and damaged code that names the throttle (a
 * notification says the DPC was not judged).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_program.h"
#include "memory.h"
#include "rule_damage.h"
#include "rules.h"

enum { MAX_CHAIN = 12 };

typedef struct Reached {
    const Function *function;
    size_t from;
    SourceLoc call_loc;
    unsigned depth;
} Reached;

typedef struct Search {
    const RuleContext *ctx;
    char *const *indicate;
    size_t indicate_count;
    char *const *fields;
    size_t field_count;
    Reached *items;
    size_t count;
    /* What the walk found. */
    const Expr *indication;     /* the first indication call */
    size_t indication_at;       /* index of the function making it */
    bool throttle_read;         /* a throttle field is read */
    DamageHit hit;              /* damage that names what the rule looks for
                                   (hit.stmt NULL: none) */
} Search;

static bool in_list(char *const *list, size_t count, const char *name)
{
    for (size_t i = 0; name != NULL && i < count; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

/* The throttle parameter's index for the role `role`, or -1. */
static int throttle_index(const RuleInfo *rule, Role role)
{
    size_t n = 0;
    char *const *pairs = rule_param(rule, "dpcParameters", &n);
    const char *name = role_typedef_name(role);
    size_t length = strlen(name);
    for (size_t i = 0; i < n; i++)
        if (strncmp(pairs[i], name, length) == 0 && pairs[i][length] == ':')
            return atoi(pairs[i] + length + 1);
    return -1;
}

/* ---- uses of the throttle parameter ---------------------------------------- */

typedef struct ParamUse {
    const Var *param;
    bool used;
} ParamUse;

static void find_param(const Expr *e, void *data)
{
    ParamUse *use = data;
    if (e->kind == EXPR_VAR && e->var == use->param)
        use->used = true;
}

/* `(P);` or `(void)P;` (UNREFERENCED_PARAMETER): says it is unused. */
static bool names_only(const Expr *e, const Var *param)
{
    while (e != NULL && e->kind == EXPR_OTHER && e->kid_count == 1)
        e = e->kids[0];
    return e != NULL && e->kind == EXPR_VAR && e->var == param;
}

static bool stmt_uses_param(const Stmt *s, const Var *param)
{
    if (s == NULL)
        return false;
    if (s->damage != NULL) {
        for (size_t i = 0; i < s->damage->name_count; i++)
            if (strcmp(s->damage->names[i], param->name) == 0)
                return true;
    }
    if (s->kind == STMT_EXPR && names_only(s->expr, param))
        return false;
    ParamUse use = {param, false};
    if (s->expr != NULL)
        expr_walk(s->expr, find_param, &use);
    if (s->expr2 != NULL)
        expr_walk(s->expr2, find_param, &use);
    if (use.used)
        return true;
    for (size_t i = 0; i < s->kid_count; i++)
        if (stmt_uses_param(s->kids[i], param))
            return true;
    return false;
}

/* ---- what the DPC reaches ----------------------------------------------------- */

static bool reached(const Search *s, const Function *f)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].function == f)
            return true;
    return false;
}

static void add(Search *s, const Function *f, size_t from, SourceLoc loc, unsigned depth)
{
    s->items = xrealloc(s->items, s->count + 1, sizeof(*s->items));
    s->items[s->count++] = (Reached){f, from, loc, depth};
}

typedef struct Visit {
    Search *search;
    size_t at;
} Visit;

static void visit_expr(const Expr *e, void *data)
{
    Visit *v = data;
    Search *s = v->search;
    if (e->kind == EXPR_MEMBER && in_list(s->fields, s->field_count, e->name)) {
        s->throttle_read = true;
        return;
    }
    const char *callee = e->kind == EXPR_CALL ? expr_call_name(e) : NULL;
    if (callee == NULL)
        return;
    if (in_list(s->indicate, s->indicate_count, callee)) {
        if (s->indication == NULL) {
            s->indication = e;
            s->indication_at = v->at;
        }
        return;
    }
    const Reached *here = &s->items[v->at];
    const Function *f = program_definition_for(s->ctx->program, callee, here->function);
    if (f != NULL && here->depth < MAX_CHAIN && !reached(s, f))
        add(s, f, v->at, e->loc, here->depth + 1);
}

/* Damage that names an indication or a throttle field. */
static void check_damage(Search *s, const Stmt *st, const Function *f)
{
    if (st == NULL || s->hit.stmt != NULL)
        return;
    for (size_t i = 0; st->damage != NULL && i < st->damage->name_count; i++) {
        const char *name = st->damage->names[i];
        if (in_list(s->indicate, s->indicate_count, name) ||
            in_list(s->fields, s->field_count, name)) {
            s->hit = (DamageHit){f, st, name};
            return;
        }
    }
    for (size_t i = 0; i < st->kid_count; i++)
        check_damage(s, st->kids[i], f);
}

static void walk(Search *s)
{
    for (size_t at = 0; at < s->count; at++) {
        const Function *f = s->items[at].function;
        if (f->body == NULL)
            continue;
        Visit v = {s, at};
        stmt_walk_exprs(f->body, visit_expr, &v);
        if (f->damage_count > 0)
            check_damage(s, f->body, f);
    }
}

static void judge(const RuleContext *ctx, const Function *dpc, Role role, int index)
{
    if (index < 0 || (size_t)index >= dpc->param_count || dpc->body == NULL)
        return;
    const Driver *driver = ctx->program->driver;
    if (dpc->unit >= driver->unit_count || !driver->units[dpc->unit].ndis_620_or_later)
        return;
    if (stmt_uses_param(dpc->body, dpc->vars[index]))
        return;
    Search s = {0};
    s.ctx = ctx;
    s.indicate = rule_param(ctx->rule, "indicate", &s.indicate_count);
    s.fields = rule_param(ctx->rule, "throttleFields", &s.field_count);
    add(&s, dpc, SIZE_MAX, dpc->loc, 0);
    walk(&s);
    if (s.indication != NULL && !s.throttle_read) {
        if (s.hit.stmt != NULL) {
            rules_not_judged(ctx, ctx->rule->id, dpc, &s.hit);
        } else {
            Finding *f = finding_add(
                ctx->findings, ctx->rule, dpc->loc, dpc->name,
                "%s indicates receives but never reads its ReceiveThrottleParameters "
                "(MaxNblsToIndicate); from NDIS 6.20 on a DPC should indicate at most that many",
                dpc->name);
            finding_add_note(f, dpc->loc, "%s runs as %s", dpc->name, role_typedef_name(role));
            size_t chain[MAX_CHAIN + 1];
            size_t n = 0;
            for (size_t i = s.indication_at; i != SIZE_MAX && n <= MAX_CHAIN; i = s.items[i].from)
                chain[n++] = i;
            for (size_t i = n; i-- > 1;)
                finding_add_note(f, s.items[chain[i - 1]].call_loc, "%s calls %s",
                                 s.items[chain[i]].function->name,
                                 s.items[chain[i - 1]].function->name);
            finding_add_note(f, s.indication->loc, "%s indicates receives here",
                             s.items[s.indication_at].function->name);
        }
    }
    free(s.items);
}

void rule_ndis012_dpc_honours_receive_throttle(const RuleContext *ctx)
{
    const Program *program = ctx->program;
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *pf = &program->functions[i];
        for (int r = 0; r < ROLE_COUNT; r++) {
            if (!program_has_role(pf, (Role)r))
                continue;
            int index = throttle_index(ctx->rule, (Role)r);
            if (index < 0)
                continue;
            const Function *dpc = program_definition(program, pf->name);
            if (dpc != NULL)
                judge(ctx, dpc, (Role)r, index);
        }
    }
}
