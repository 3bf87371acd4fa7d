/* rule_damage.c - whether damaged statements touch what a rule tracks;
 * see rule_damage.h. */
#include "rule_damage.h"

#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* ---- name sets ---------------------------------------------------------- */

bool name_set_has(const NameSet *set, const char *name)
{
    if (name == NULL)
        return false;
    for (size_t i = 0; i < set->count; i++) {
        if (strcmp(set->items[i], name) == 0)
            return true;
    }
    return false;
}

bool name_set_add(NameSet *set, const char *name)
{
    if (name == NULL || name_set_has(set, name))
        return false;
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? set->capacity * 2 : 16;
        const char **grown = realloc(set->items, capacity * sizeof(*grown));
        if (grown == NULL)
            out_of_memory();
        set->items = grown;
        set->capacity = capacity;
    }
    set->items[set->count++] = name;
    return true;
}

void name_set_free(NameSet *set)
{
    free(set->items);
    memset(set, 0, sizeof(*set));
}

static void add_list(NameSet *set, const char *const *names)
{
    for (size_t i = 0; names != NULL && names[i] != NULL; i++)
        name_set_add(set, names[i]);
}

/* ---- reading expressions ---------------------------------------------- */

/* The object an argument designates: `&x` is x, casts are already gone. */
static const Expr *designated(const Expr *e)
{
    while (e != NULL && e->kind == EXPR_UNARY && (e->op == OP_ADDR || e->op == OP_DEREF) &&
           e->kid_count > 0)
        e = e->kids[0];
    return e;
}

/* Where the tracked names of one function are gathered. */
typedef struct Tracked {
    NameSet vars;       /* variables of the function: any use matters */
    NameSet objects;    /* pointers to tracked state: only a use of the
                           pointer itself matters, not one of a field
                           reached through it (that is the field's) */
    NameSet fields;     /* fields */
    NameSet functions;  /* functions named in what it returns */
    NameSet records;    /* structures whose objects, handed whole, matter */
} Tracked;

static void tracked_free(Tracked *t)
{
    name_set_free(&t->vars);
    name_set_free(&t->objects);
    name_set_free(&t->fields);
    name_set_free(&t->functions);
    name_set_free(&t->records);
}

/* Adds what `e` designates: a variable, or a field and its structure. */
static bool track_object(Tracked *t, const Expr *e)
{
    e = designated(e);
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR && e->var != NULL)
        return name_set_add(e->var->is_pointer ? &t->objects : &t->vars, e->var->name);
    if (e->kind == EXPR_MEMBER) {
        bool added = name_set_add(&t->fields, e->name);
        if (e->record != NULL)
            added = name_set_add(&t->records, e->record) || added;
        return added;
    }
    return false;
}

/* Adds every variable and field `e` names. */
static bool track_all(Tracked *t, const Expr *e)
{
    if (e == NULL)
        return false;
    bool added = false;
    if (e->kind == EXPR_VAR && e->var != NULL)
        added = name_set_add(e->var->is_pointer ? &t->objects : &t->vars, e->var->name);
    else if (e->kind == EXPR_MEMBER)
        added = name_set_add(&t->fields, e->name);
    for (size_t i = 0; i < e->kid_count; i++)
        added = track_all(t, e->kids[i]) || added;
    return added;
}

/* Does `e` name a variable or field `t` or `scope` tracks (or, with
 * `calls`, one of the scope's functions)? */
static bool names_tracked_in(const DamageScope *scope, const Tracked *t, const Expr *e,
                             bool calls)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR && e->var != NULL && name_set_has(&t->vars, e->var->name))
        return true;
    if (e->kind == EXPR_MEMBER &&
        (name_set_has(&scope->fields, e->name) || name_set_has(&t->fields, e->name)))
        return true;
    if (calls && e->kind == EXPR_FUNC && name_set_has(&scope->functions, e->name))
        return true;
    /* What a call returns is no copy of what it is given. */
    if (!calls && e->kind == EXPR_CALL)
        return false;
    for (size_t i = 0; i < e->kid_count; i++) {
        if (names_tracked_in(scope, t, e->kids[i], calls))
            return true;
    }
    return false;
}

/* A value copied from tracked state. */
static bool names_tracked(const DamageScope *scope, const Tracked *t, const Expr *e)
{
    return names_tracked_in(scope, t, e, false);
}

static bool calls_scope_function(const DamageScope *scope, const Expr *e)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_CALL && name_set_has(&scope->functions, expr_call_name(e)))
        return true;
    for (size_t i = 0; i < e->kid_count; i++) {
        if (calls_scope_function(scope, e->kids[i]))
            return true;
    }
    return false;
}

static bool stmt_calls_scope_function(const DamageScope *scope, const Stmt *s)
{
    if (s == NULL)
        return false;
    if (calls_scope_function(scope, s->expr) || calls_scope_function(scope, s->expr2))
        return true;
    for (size_t i = 0; i < s->kid_count; i++) {
        if (stmt_calls_scope_function(scope, s->kids[i]))
            return true;
    }
    return false;
}

/* ---- what a function tracks -------------------------------------------- */

typedef struct Gather {
    const DamageScope *scope;
    Tracked *t;
    bool changed;
} Gather;

/* A call of a scope function: what it takes and what receives its result. */
static void gather_call(Gather *g, const Expr *call)
{
    for (size_t i = 0; i < expr_call_argc(call); i++)
        g->changed = track_object(g->t, expr_call_arg(call, i)) || g->changed;
}

static void gather_expr(Gather *g, const Expr *e)
{
    if (e == NULL)
        return;
    if (e->kind == EXPR_CALL && name_set_has(&g->scope->functions, expr_call_name(e)))
        gather_call(g, e);
    if (e->kind == EXPR_ASSIGN && e->kid_count == 2 &&
        ((g->scope->track_results && calls_scope_function(g->scope, e->kids[1])) ||
         names_tracked(g->scope, g->t, e->kids[1])))
        g->changed = track_object(g->t, e->kids[0]) || g->changed;
    for (size_t i = 0; i < e->kid_count; i++)
        gather_expr(g, e->kids[i]);
}

static void gather_returned(Gather *g, const Expr *e)
{
    if (e == NULL)
        return;
    if (e->kind == EXPR_FUNC)
        g->changed = name_set_add(&g->t->functions, e->name) || g->changed;
    if (e->kind == EXPR_VAR && e->var != NULL)
        g->changed = name_set_add(&g->t->vars, e->var->name) || g->changed;
    for (size_t i = 0; i < e->kid_count; i++)
        gather_returned(g, e->kids[i]);
}

static void gather_stmt(Gather *g, const Stmt *s)
{
    if (s == NULL)
        return;
    gather_expr(g, s->expr);
    gather_expr(g, s->expr2);
    if (s->kind == STMT_DECL && s->var != NULL && s->expr != NULL &&
        ((g->scope->track_results && calls_scope_function(g->scope, s->expr)) ||
         names_tracked(g->scope, g->t, s->expr)))
        g->changed = name_set_add(&g->t->vars, s->var->name) || g->changed;
    /* A test that decides a DDI call, or tests tracked state, is a guard:
     * everything it reads is tracked. */
    bool tests = s->kind == STMT_IF || s->kind == STMT_WHILE || s->kind == STMT_DO ||
                 s->kind == STMT_FOR || s->kind == STMT_SWITCH;
    if (tests && s->expr != NULL &&
        (names_tracked(g->scope, g->t, s->expr) || stmt_calls_scope_function(g->scope, s)))
        g->changed = track_all(g->t, s->expr) || g->changed;
    if (s->kind == STMT_RETURN && g->scope->track_returns)
        gather_returned(g, s->expr);
    for (size_t i = 0; i < s->kid_count; i++)
        gather_stmt(g, s->kids[i]);
}

/* Gathers what `f` tracks: to a fixed point, since a copy of a status or
 * a test of a copy is found only once the original is. */
static void gather_function(const DamageScope *scope, const Function *f, Tracked *t)
{
    Gather g = {scope, t, true};
    for (int pass = 0; pass < 8 && g.changed; pass++) {
        g.changed = false;
        gather_stmt(&g, f->body);
    }
    /* The characteristics and the like, whatever they are called. */
    for (size_t i = 0; i < f->var_count; i++) {
        if (name_set_has(&scope->records, f->vars[i]->record) && !f->vars[i]->is_pointer)
            name_set_add(&t->vars, f->vars[i]->name);
    }
}

/* ---- the scope ----------------------------------------------------------- */

void damage_scope_build(DamageScope *scope, const Program *program,
                        const DamageRoots *roots)
{
    memset(scope, 0, sizeof(*scope));
    scope->track_returns = roots->track_returns;
    scope->track_results = roots->track_results;
    add_list(&scope->functions, roots->ddis);
    add_list(&scope->fields, roots->fields);
    add_list(&scope->records, roots->records);
    for (size_t i = 0; i < program->driver->trace_function_count; i++)
        name_set_add(&scope->traces, program->driver->trace_functions[i]);
    if (scope->functions.count == 0)
        return;
    /* The driver's functions that reach a DDI, read from the index. */
    size_t ddi_count = scope->functions.count;
    bool grew = true;
    while (grew) {
        grew = false;
        for (size_t i = 0; i < program->function_count; i++) {
            const ProgramFunction *entry = &program->functions[i];
            if (name_set_has(&scope->functions, entry->name))
                continue;
            for (size_t d = 0; d < program_definition_count(entry); d++) {
                const Function *f = program_definition_at(entry, d);
                bool reaches = false;
                for (size_t k = 0; k < scope->functions.count && !reaches; k++)
                    reaches = function_calls(f, scope->functions.items[k]);
                if (reaches) {
                    grew = name_set_add(&scope->functions, entry->name) || grew;
                    break;
                }
            }
        }
    }
    /* The fields those functions hand to the calls, fill from them or
     * test around them. */
    for (size_t k = ddi_count; k < scope->functions.count; k++) {
        const ProgramFunction *entry = program_find(program, scope->functions.items[k]);
        for (size_t d = 0; entry != NULL && d < program_definition_count(entry); d++) {
            const Function *f = program_loaded(program, program_definition_at(entry, d));
            if (f == NULL)
                continue;
            Tracked t;
            memset(&t, 0, sizeof(t));
            gather_function(scope, f, &t);
            for (size_t i = 0; i < t.fields.count; i++)
                name_set_add(&scope->fields, t.fields.items[i]);
            for (size_t i = 0; i < t.records.count; i++)
                name_set_add(&scope->records, t.records.items[i]);
            tracked_free(&t);
        }
    }
}

void damage_scope_free(DamageScope *scope)
{
    name_set_free(&scope->functions);
    name_set_free(&scope->fields);
    name_set_free(&scope->records);
    name_set_free(&scope->traces);
}

/* ---- relevance ----------------------------------------------------------- */

static const Var *var_named(const Function *f, const char *name)
{
    for (size_t i = 0; i < f->var_count; i++) {
        if (strcmp(f->vars[i]->name, name) == 0)
            return f->vars[i];
    }
    return NULL;
}

/* The tracked name a damaged statement touches, or NULL. */
static const char *touches(const DamageScope *scope, const Tracked *t, const Function *f,
                           const Stmt *s)
{
    const StmtDamage *d = s->damage;
    if (d->trace_call || (d->name_count > 0 && d->name_flags[0] == 0 &&
                          name_set_has(&scope->traces, d->names[0])))
        return NULL;
    for (size_t i = 0; i < d->name_count; i++) {
        const char *name = d->names[i];
        unsigned flags = d->name_flags[i];
        if (flags & DAMAGE_NAME_MEMBER) {
            if (name_set_has(&scope->fields, name) || name_set_has(&t->fields, name))
                return name;
            continue;
        }
        if (name_set_has(&scope->functions, name) || name_set_has(&t->functions, name))
            return name;
        /* Its value stored elsewhere (`x->Owner = adapter;`) changes
         * nothing tracked: tracked fields are known by structure, not by
         * the pointer that reaches them. */
        if (flags & DAMAGE_NAME_STORED)
            continue;
        /* A known function reads what it is given by value; what it may
         * change is what it gets the address of. */
        if (name_set_has(&t->vars, name) &&
            (!d->known_callee || (flags & DAMAGE_NAME_ADDRESS)))
            return name;
        if (scope->track_returns && strcmp(name, "return") == 0)
            return name;
        /* An object holding tracked fields, handed whole to something. */
        if (!(flags & DAMAGE_NAME_BASE)) {
            const Var *var = var_named(f, name);
            if (name_set_has(&t->objects, name) ||
                (var != NULL && name_set_has(&scope->records, var->record)))
                return name;
        }
    }
    /* What survives of it after macro expansion, too. */
    const Expr *parts[2] = {s->expr, s->expr2};
    for (int i = 0; i < 2; i++) {
        if (names_tracked_in(scope, t, parts[i], true))
            return d->name_count > 0 ? d->names[0] : "?";
    }
    return NULL;
}

static const Stmt *first_relevant(const DamageScope *scope, const Tracked *t,
                                  const Function *f, const Stmt *s, const char **name)
{
    if (s == NULL)
        return NULL;
    if (s->damage != NULL) {
        *name = touches(scope, t, f, s);
        if (*name != NULL)
            return s;
    }
    for (size_t i = 0; i < s->kid_count; i++) {
        const Stmt *hit = first_relevant(scope, t, f, s->kids[i], name);
        if (hit != NULL)
            return hit;
    }
    return NULL;
}

bool damage_relevant(const DamageScope *scope, const Function *f, DamageHit *hit)
{
    if (f->damage_count == 0 || f->body == NULL)
        return false;
    Tracked t;
    memset(&t, 0, sizeof(t));
    gather_function(scope, f, &t);
    const char *name = NULL;
    const Stmt *s = first_relevant(scope, &t, f, f->body, &name);
    tracked_free(&t);
    if (s == NULL)
        return false;
    if (hit != NULL) {
        hit->function = f;
        hit->stmt = s;
        hit->name = name;
    }
    return true;
}

const Function *damage_usable_definition(const DamageScope *scope, const Program *program,
                                         const char *name, const Function *caller,
                                         DamageHit *hit)
{
    const Function *f = program_definition_for(program, name, caller);
    if (f == NULL || damage_relevant(scope, f, hit))
        return NULL;
    return f;
}
