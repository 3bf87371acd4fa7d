/* rule_kind_calls_from_roles.c - the rule kind "a DDI reached from a
 * callback that must not call it" (NDIS006, NDIS007).
 *
 * From each function playing one of the rule's root roles, the calls are
 * followed through the driver's own functions (the definition each call
 * reaches), breadth first, so that the chain given for a finding is the
 * shortest. A call of a DDI that the DDI table (rules/ddi/) marks as
 * forbidden there is reported at the call, in the function that makes it,
 * with a note for each step from the root: ISR -> helper -> helper -> DDI.
 * Each call is reported once per rule, from the first root (by name) that
 * reaches it.
 *
 * The rule file configures the kind:
 *   roots      role typedefs the roots are declared or wired with; a
 *              function passed as a DDI's callback argument plays the role
 *              the table gives that argument
 *   rootIrql   the IRQL the roots run at: a DDI whose documented ceiling
 *              is below it is reported (NDIS006)
 *   effects    interrupt-handle effects that are reported wherever the
 *              roots reach them: "registers", "deregisters" (NDIS007)
 *
 * What cannot be known is not reported: a DDI the table does not know, a
 * call through a pointer, a function defined twice or that the parser
 * could not read is not followed. A call inside a test of
 * KeGetCurrentIrql() is taken to be guarded by it and is not judged
 * against the root's IRQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_program.h"
#include "memory.h"
#include "rule_ddi_table.h"
#include "rules.h"

/* Steps from a root to the call: deeper chains are not followed. */
enum { MAX_CHAIN = 12 };

typedef struct Config {
    char *const *roots;
    size_t root_count;
    Irql root_irql;     /* IRQL_NONE: no IRQL test */
    bool effects[HANDLE_USES + 1];
} Config;

/* A root: a function and the role it plays. */
typedef struct Root {
    const Function *function;
    const char *role;   /* typedef name of its role */
} Root;

typedef struct Roots {
    Root *items;
    size_t count;
} Roots;

/* One function reached from the current root, and how. */
typedef struct Reached {
    const Function *function;
    size_t from;        /* index of the caller in the list, or SIZE_MAX */
    SourceLoc call_loc; /* the call in the caller */
    unsigned depth;
} Reached;

typedef struct Reach {
    Reached *items;
    size_t count;
} Reach;

/* Call sites already reported by this rule. */
typedef struct Reported {
    SourceLoc *items;
    size_t count;
} Reported;

typedef struct Kind {
    const RuleContext *ctx;
    Config config;
    Roots roots;
    Reported reported;
} Kind;

/* ---- configuration ------------------------------------------------------ */

static void read_config(const RuleInfo *rule, Config *c)
{
    memset(c, 0, sizeof(*c));
    c->roots = rule_param(rule, "roots", &c->root_count);
    c->root_irql = irql_from_name(rule_param_first(rule, "rootIrql"));
    size_t n = 0;
    char *const *effects = rule_param(rule, "effects", &n);
    for (size_t i = 0; i < n; i++)
        for (int e = HANDLE_REGISTERS; e <= HANDLE_USES; e++)
            if (strcmp(effects[i], handle_effect_name((HandleEffect)e)) == 0)
                c->effects[e] = true;
}

static bool is_root_role(const Config *c, const char *role)
{
    for (size_t i = 0; role != NULL && i < c->root_count; i++)
        if (strcmp(c->roots[i], role) == 0)
            return true;
    return false;
}

/* ---- roots -------------------------------------------------------------- */

static void add_root(Roots *roots, const Function *f, const char *role)
{
    for (size_t i = 0; i < roots->count; i++)
        if (roots->items[i].function == f)
            return;
    roots->items = xrealloc(roots->items, roots->count + 1, sizeof(*roots->items));
    roots->items[roots->count++] = (Root){f, role};
}

/* The function an argument names: `Fn`, `&Fn`, or a cast of either. */
static const char *function_named(const Expr *e)
{
    while (e != NULL) {
        if (e->kind == EXPR_FUNC)
            return e->name;
        if ((e->kind == EXPR_UNARY && e->op == OP_ADDR) ||
            (e->kind == EXPR_OTHER && e->kid_count == 1))
            e = e->kids[0];
        else
            return NULL;
    }
    return NULL;
}

typedef struct CallbackScan {
    Kind *kind;
    const Function *caller;
} CallbackScan;

static void find_callback_argument(const Expr *e, void *data)
{
    CallbackScan *scan = data;
    if (e->kind != EXPR_CALL)
        return;
    const DdiInfo *ddi = ddi_find(scan->kind->ctx->ddis, expr_call_name(e));
    if (ddi == NULL || ddi->callback_argument < 0 ||
        !is_root_role(&scan->kind->config, ddi->callback_role))
        return;
    const Expr *arg = expr_call_arg(e, (size_t)ddi->callback_argument);
    const char *name = function_named(arg);
    const Function *f = name != NULL ? program_definition_for(scan->kind->ctx->program, name,
                                                              scan->caller)
                                     : NULL;
    if (f != NULL)
        add_root(&scan->kind->roots, f, ddi->callback_role);
}

/* Whether `f` calls a DDI whose callback argument plays a root role. */
static bool calls_callback_ddi(const Kind *k, const Function *f)
{
    const DdiTable *t = k->ctx->ddis;
    for (size_t i = 0; i < t->count; i++)
        if (t->items[i].callback_argument >= 0 &&
            is_root_role(&k->config, t->items[i].callback_role) &&
            function_calls(f, t->items[i].name))
            return true;
    return false;
}

static int compare_roots(const void *a, const void *b)
{
    const Root *x = a, *y = b;
    int c = strcmp(x->function->name, y->function->name);
    if (c != 0)
        return c;
    return strcmp(x->function->loc.file != NULL ? x->function->loc.file : "",
                  y->function->loc.file != NULL ? y->function->loc.file : "");
}

static void find_roots(Kind *k)
{
    const Program *program = k->ctx->program;
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *pf = &program->functions[i];
        for (int r = 0; r < ROLE_COUNT; r++) {
            if (!program_has_role(pf, (Role)r) || !is_root_role(&k->config,
                                                                role_typedef_name((Role)r)))
                continue;
            const Function *f = program_definition(program, pf->name);
            if (f != NULL)
                add_root(&k->roots, f, role_typedef_name((Role)r));
        }
        /* A role type the program does not index (KDEFERRED_ROUTINE). */
        const Function *f = pf->definition != NULL && pf->definition->role_type != NULL &&
                                    is_root_role(&k->config, pf->definition->role_type)
                                ? program_definition(program, pf->name)
                                : NULL;
        if (f != NULL)
            add_root(&k->roots, f, f->role_type);
    }
    /* Functions handed to a DDI that runs them in a root role. */
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *pf = &program->functions[i];
        for (size_t d = 0; d < program_definition_count(pf); d++) {
            Function *def = program_definition_at(pf, d);
            if (!calls_callback_ddi(k, def))
                continue;
            const Function *f = program_loaded(program, def);
            if (f == NULL || f->body == NULL)
                continue;
            CallbackScan scan = {k, f};
            stmt_walk_exprs(f->body, find_callback_argument, &scan);
        }
    }
    if (k->roots.count > 1)
        qsort(k->roots.items, k->roots.count, sizeof(*k->roots.items), compare_roots);
}

/* ---- the calls of one function, in source order -------------------------- */

typedef struct Call {
    const Expr *expr;
    bool irql_guarded; /* inside a test of KeGetCurrentIrql() */
} Call;

typedef struct Calls {
    Call *items;
    size_t count;
    bool guarded;
} Calls;

static void add_call(const Expr *e, void *data)
{
    Calls *calls = data;
    if (e->kind != EXPR_CALL || expr_call_name(e) == NULL)
        return;
    calls->items = xrealloc(calls->items, calls->count + 1, sizeof(*calls->items));
    calls->items[calls->count++] = (Call){e, calls->guarded};
}

static bool names_irql_query(const Expr *e)
{
    if (e == NULL)
        return false;
    const char *callee = e->kind == EXPR_CALL ? expr_call_name(e) : NULL;
    if (callee != NULL && strcmp(callee, "KeGetCurrentIrql") == 0)
        return true;
    for (size_t i = 0; i < e->kid_count; i++)
        if (names_irql_query(e->kids[i]))
            return true;
    return false;
}

/* A damaged statement that names KeGetCurrentIrql may be the test. */
static bool damage_names_irql_query(const Stmt *s)
{
    for (size_t i = 0; s->damage != NULL && i < s->damage->name_count; i++)
        if (strcmp(s->damage->names[i], "KeGetCurrentIrql") == 0)
            return true;
    return false;
}

static void collect_calls(const Stmt *s, Calls *calls)
{
    if (s == NULL)
        return;
    bool was = calls->guarded;
    if (((s->kind == STMT_IF || s->kind == STMT_SWITCH || s->kind == STMT_WHILE) &&
         names_irql_query(s->expr)) ||
        damage_names_irql_query(s))
        calls->guarded = true;
    if (s->expr != NULL)
        expr_walk(s->expr, add_call, calls);
    if (s->expr2 != NULL)
        expr_walk(s->expr2, add_call, calls);
    for (size_t i = 0; i < s->kid_count; i++)
        collect_calls(s->kids[i], calls);
    calls->guarded = was;
}

/* ---- findings ------------------------------------------------------------ */

static bool already_reported(Kind *k, SourceLoc loc)
{
    for (size_t i = 0; i < k->reported.count; i++) {
        const SourceLoc *r = &k->reported.items[i];
        if (r->file == loc.file && r->line == loc.line && r->col == loc.col)
            return true;
    }
    k->reported.items = xrealloc(k->reported.items, k->reported.count + 1,
                                 sizeof(*k->reported.items));
    k->reported.items[k->reported.count++] = loc;
    return false;
}

/* Why the call is reported, or NULL when it is not. */
static const char *verdict(const Kind *k, const DdiInfo *ddi, const Call *call, char *buf,
                           size_t size)
{
    const Config *c = &k->config;
    if (c->root_irql != IRQL_NONE && !call->irql_guarded && ddi->irql_max != IRQL_NONE &&
        ddi->irql_max < c->root_irql) {
        snprintf(buf, size, "%s is documented for IRQL %s, and this call runs at %s", ddi->name,
                 ddi->documented, irql_name(c->root_irql));
        return buf;
    }
    if (ddi->handle_effect != HANDLE_NONE && c->effects[ddi->handle_effect]) {
        snprintf(buf, size, "%s %s the interrupt, which only MiniportInitializeEx%s may do",
                 ddi->name, handle_effect_name(ddi->handle_effect),
                 ddi->handle_effect == HANDLE_DEREGISTERS ? " or MiniportHaltEx" : "");
        return buf;
    }
    return NULL;
}

static void report(Kind *k, const Root *root, const Reach *reach, size_t at, const Call *call,
                   const char *why)
{
    const Reached *here = &reach->items[at];
    if (already_reported(k, call->expr->loc))
        return;
    Finding *f = finding_add(k->ctx->findings, k->ctx->rule, call->expr->loc,
                             here->function->name, "%s, reached from %s %s", why, root->role,
                             root->function->name);
    /* The chain from the root down to the function making the call. */
    size_t chain[MAX_CHAIN + 1];
    size_t n = 0;
    for (size_t i = at; i != SIZE_MAX && n <= MAX_CHAIN; i = reach->items[i].from)
        chain[n++] = i;
    finding_add_note(f, root->function->loc, "%s runs as %s", root->function->name, root->role);
    for (size_t i = n; i-- > 1;) {
        const Reached *caller = &reach->items[chain[i]];
        const Reached *callee = &reach->items[chain[i - 1]];
        finding_add_note(f, callee->call_loc, "%s calls %s", caller->function->name,
                         callee->function->name);
    }
}

/* ---- following one root ---------------------------------------------------- */

static bool reached(const Reach *reach, const Function *f)
{
    for (size_t i = 0; i < reach->count; i++)
        if (reach->items[i].function == f)
            return true;
    return false;
}

static void add_reached(Reach *reach, const Function *f, size_t from, SourceLoc loc,
                        unsigned depth)
{
    reach->items = xrealloc(reach->items, reach->count + 1, sizeof(*reach->items));
    reach->items[reach->count++] = (Reached){f, from, loc, depth};
}

static void follow_root(Kind *k, const Root *root)
{
    Reach reach = {0};
    add_reached(&reach, root->function, SIZE_MAX, root->function->loc, 0);
    for (size_t at = 0; at < reach.count; at++) {
        const Function *f = reach.items[at].function;
        if (f->body == NULL)
            continue;
        Calls calls = {0};
        collect_calls(f->body, &calls);
        for (size_t i = 0; i < calls.count; i++) {
            const char *name = expr_call_name(calls.items[i].expr);
            const DdiInfo *ddi = ddi_find(k->ctx->ddis, name);
            char why[512];
            if (ddi != NULL) {
                if (verdict(k, ddi, &calls.items[i], why, sizeof(why)) != NULL)
                    report(k, root, &reach, at, &calls.items[i], why);
                continue;
            }
            if (reach.items[at].depth >= MAX_CHAIN)
                continue;
            const Function *callee = program_definition_for(k->ctx->program, name, f);
            if (callee != NULL && !reached(&reach, callee))
                add_reached(&reach, callee, at, calls.items[i].expr->loc,
                            reach.items[at].depth + 1);
        }
        free(calls.items);
    }
    free(reach.items);
}

void rule_kind_calls_from_roles(const RuleContext *ctx)
{
    Kind k = {0};
    k.ctx = ctx;
    read_config(ctx->rule, &k.config);
    if (ctx->ddis == NULL || ctx->ddis->count == 0 || k.config.root_count == 0)
        return;
    find_roots(&k);
    for (size_t i = 0; i < k.roots.count; i++)
        follow_root(&k, &k.roots.items[i]);
    free(k.roots.items);
    free(k.reported.items);
}
