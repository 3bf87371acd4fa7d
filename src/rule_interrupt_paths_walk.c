/* rule_interrupt_paths_walk.c - the walk of one function's paths (the path
 * engine's callbacks, what happens at each exit) and the summaries of
 * helpers, each walked once.
 */
#include "rule_interrupt_paths_state.h"

#include <stdlib.h>
#include <string.h>
#include "memory.h"

/* ---- exits ------------------------------------------------------------ */

static void record_outcome(Walk *w, const IrqState *s, uint8_t returned,
                           uint8_t returned_pointer)
{
    Summary *summary = w->summary;
    IrqState clean = *s;
    clean.result_pointer = returned_pointer;
    memset(clean.status, 0, sizeof(clean.status));
    clean.result = S_UNKNOWN;
    clean.decided_at = 0;
    clean.unexamined = 0; /* a helper's registration is the caller's to test */
    for (size_t i = 0; i < summary->outcome_count; i++) {
        if (summary->returns[i] == returned &&
            memcmp(&summary->outcomes[i], &clean, sizeof(clean)) == 0)
            return;
    }
    if (summary->outcome_count == MAX_OUTCOMES) {
        w->overflow = true;
        return;
    }
    summary->outcomes[summary->outcome_count] = clean;
    summary->returns[summary->outcome_count] = returned;
    summary->outcome_count++;
}

static void keep_state(Walk *w, const IrqState *s);

static void initialize_exit(Walk *w, const CfgNode *node, const IrqState *s,
                            uint8_t returned)
{
    Analysis *a = w->analysis;
    /* Neither success nor failure (a pending status): nothing to judge. */
    if (s->uncertain || returned == S_OTHER)
        return;
    if (s->unexamined != 0 && returned == S_SUCCESS)
        irq_set_branch(a, irq_violation(a, IRQ_STATUS_IGNORED, a->sites[s->unexamined].loc,
                                a->sites[s->unexamined].function, -1, node->loc,
                                "MiniportInitializeEx succeeds here", w->function->name),
                   s->decided_at);
    for (int k = 0; k < (int)a->handle_count; k++) {
        uint8_t site = s->registered_at[k];
        /* A path that gives the interrupt up again (deregisters it, or
         * fails the initialisation) never uses the granted type. */
        if (a->interrupt_extras && site != 0 && s->type_read[k] != T_TRUE &&
            s->handle[k] == H_REGISTERED &&
            returned != S_FAILURE)
            irq_set_branch(a, irq_violation(a, IRQ_TYPE_NOT_EXAMINED, a->sites[site].loc,
                                    a->sites[site].function, k, node->loc,
                                    "a path after the successful registration ends here",
                                    w->function->name),
                       s->decided_at);
        if (s->handle[k] == H_REGISTERED && returned == S_FAILURE &&
            node->kind == CFG_RETURN)
            irq_set_branch(a, irq_violation(a, IRQ_LEAK_ON_FAILURE, node->loc, w->function->name, k,
                                    site != 0 ? a->sites[site].loc : irq_no_loc(),
                                    "the interrupt was registered here", w->function->name),
                       s->decided_at);
    }
    /* Every way Initialize can succeed is a state Halt may start from. */
    if (returned == S_FAILURE)
        return;
    keep_state(w, s);
}

/* Adds `s` to the walk's kept states (w->successes), once. */
static void keep_state(Walk *w, const IrqState *s)
{
    for (size_t i = 0; i < w->success_count; i++) {
        if (memcmp(&w->successes[i], s, sizeof(*s)) == 0)
            return;
    }
    if (w->success_count == w->success_capacity) {
        size_t capacity = w->success_capacity ? w->success_capacity * 2 : 8;
        IrqState *grown = realloc(w->successes, capacity * sizeof(*grown));
        if (grown == NULL)
            out_of_memory();
        w->successes = grown;
        w->success_capacity = capacity;
    }
    w->successes[w->success_count++] = *s;
}

/* What a helper returns, as a pointer: NULL, not NULL, or unknown. */
static uint8_t returned_pointer(const Walk *w, const CfgNode *node, const IrqState *s)
{
    if (node->kind != CFG_RETURN || node->expr == NULL)
        return T_UNKNOWN;
    uint8_t value = irq_pointer_value(w, s, node->expr);
    return value == T_UNCHANGED ? T_UNKNOWN : value;
}

static void at_exit(Walk *w, const CfgNode *node, const IrqState *s)
{
    uint8_t returned = node->kind == CFG_RETURN ? irq_status_of(w, s, node->expr) : S_UNKNOWN;
    switch (w->mode) {
    case WALK_HELPER:
        record_outcome(w, s, returned, returned_pointer(w, node, s));
        break;
    case WALK_INITIALIZE:
        initialize_exit(w, node, s, returned);
        break;
    case WALK_HALT:
        /* A path that guessed a guard (a handle tested against NULL whose
         * value this path does not know, say after a failed acquisition)
         * stands on the guess: it does not report a handle kept. */
        for (int k = 0; k < MAX_HANDLES && !s->uncertain && !s->guarded; k++) {
            if (s->handle[k] == H_REGISTERED)
                w->halt_keeps_handle = true;
        }
        /* A releasing role another follows: where it leaves the handles is
         * where the next one starts. */
        if (w->keep_exits && !s->uncertain)
            keep_state(w, s);
        break;
    }
}

/* ---- the path engine's callbacks --------------------------------------- */

static void entry_state(void *data, void *raw)
{
    Walk *w = data;
    IrqState *s = raw;
    memcpy(s, &w->entry, sizeof(IrqState));
    /* Pointers and locals are this walk's own: a helper's parameters are
     * its caller's. */
    memset(s->param_assumed, T_UNCHANGED, sizeof(s->param_assumed));
    s->union_var = 0;
    s->union_type = 0;
    for (size_t i = 0; i < w->function->var_count; i++) {
        int slot = w->pointer_slot[i];
        if (slot >= 0)
            s->pointer[slot] = w->mode == WALK_HELPER && w->function->vars[i]->scope == VAR_PARAM
                                   ? T_UNCHANGED
                                   : T_UNKNOWN;
    }
}

/* Whether `e` reads (anything but assigns) a variable that holds a failed
 * status in state `s`: on the path where the registration failed, that is
 * its status being examined, or handed on to something that may examine
 * it. Reading another failed status counts too, which can only hide a
 * finding. */
static bool reads_failed_status(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR) {
        int slot = irq_status_slot(w, e->var);
        return slot >= 0 && s->status[slot] == S_FAILURE;
    }
    for (size_t i = 0; i < e->kid_count; i++) {
        const Expr *kid = e->kids[i];
        bool target = e->kind == EXPR_ASSIGN && e->op == OP_ASSIGN && i == 0 &&
                      kid != NULL && kid->kind == EXPR_VAR;
        if (!target && reads_failed_status(w, s, kid))
            return true;
    }
    return false;
}

static bool calls_register(const Analysis *a, const Expr *e)
{
    if (e == NULL)
        return false;
    const char *name = e->kind == EXPR_CALL ? expr_call_name(e) : NULL;
    if (name != NULL && strcmp(name, a->pair->acquire.call) == 0)
        return true;
    for (size_t i = 0; i < e->kid_count; i++)
        if (calls_register(a, e->kids[i]))
            return true;
    return false;
}

static bool transfer(void *data, const CfgNode *node, void *raw, PathForks *forks)
{
    Walk *w = data;
    IrqState *state = raw;
    /* Read in the state before the node: the node's own assignments come
     * after its reads. */
    bool examined = (state->unexamined != 0 && reads_failed_status(w, state, node->expr)) ||
                    ((node->kind == CFG_BRANCH || node->kind == CFG_SWITCH) &&
                     calls_register(w->analysis, node->expr));
    EventList events;
    events.count = 0;
    events.overflow = false;
    w->node = node;
    irq_collect_events(w, node->expr, &events);
    StateSet *current = malloc(sizeof(*current));
    StateSet *next = malloc(sizeof(*next));
    if (current == NULL || next == NULL)
        out_of_memory();
    current->count = 0;
    current->overflow = false;
    irq_set_add(current, state);
    if (events.overflow)
        current->items[0].uncertain = 1;
    for (size_t e = 0; e < events.count; e++) {
        next->count = 0;
        next->overflow = false;
        for (size_t i = 0; i < current->count; i++)
            irq_apply_event(w, &events.items[e], &current->items[i], next);
        if (next->overflow)
            for (size_t i = 0; i < next->count; i++)
                next->items[i].uncertain = 1;
        StateSet *swap = current;
        current = next;
        next = swap;
    }
    for (size_t i = 0; i < current->count; i++) {
        IrqState *s = &current->items[i];
        /* A declaration's initialiser is an assignment to the variable. */
        if (node->kind == CFG_DECL && node->var != NULL && node->expr != NULL &&
            irq_status_slot(w, node->var) >= 0)
            s->status[irq_status_slot(w, node->var)] = irq_status_of(w, s, node->expr);
        irq_pointer_effects(w, node->expr, s);
        if (node->kind == CFG_DECL && node->var != NULL &&
            node->var->index < w->function->var_count &&
            w->pointer_slot[node->var->index] >= 0) {
            uint8_t value = node->expr != NULL ? irq_pointer_value(w, s, node->expr) : T_UNKNOWN;
            s->pointer[w->pointer_slot[node->var->index]] =
                value == T_UNCHANGED ? T_UNKNOWN : value;
        }
        if (examined)
            s->unexamined = 0;
        if (node->kind == CFG_RETURN || node->kind == CFG_FALL_OFF)
            at_exit(w, node, s);
    }
    bool alive = current->count > 0;
    if (alive) {
        *state = current->items[0];
        for (size_t i = 1; i < current->count; i++)
            paths_fork(forks, &current->items[i]);
    }
    w->node = NULL;
    free(current);
    free(next);
    return alive;
}

/* What a test is about: a status (local or call result) or a flag. */

/* ---- walks -------------------------------------------------------------- */

/* What the variables of the walked function are, from its text. */
typedef struct VarScan {
    Walk *w;
    size_t next_slot;
    bool *assigned;       /* pointer locals: given a value somewhere */
    bool *from_param;     /* ... and only ever a pointer parameter's value */
    unsigned *copies;     /* how many values each local is given */
} VarScan;

static void give_status_slot(VarScan *scan, const Var *var)
{
    Walk *w = scan->w;
    if (var->scope == VAR_GLOBAL || var->is_pointer || var->index >= w->function->var_count ||
        w->status_slot[var->index] >= 0 || scan->next_slot >= MAX_STATUS_VARS)
        return;
    w->status_slot[var->index] = (int8_t)scan->next_slot++;
}

/* A local given exactly one value, a field: its copy. */
static void note_copy(VarScan *scan, const Var *var, const Expr *value)
{
    Walk *w = scan->w;
    if (var->scope != VAR_LOCAL || var->index >= w->function->var_count)
        return;
    if (scan->copies[var->index] == 0 && value != NULL && value->kind == EXPR_MEMBER)
        w->copied_from[var->index] = value;
    else
        w->copied_from[var->index] = NULL;
    scan->copies[var->index]++;
}

static void note_pointer_value(VarScan *scan, const Var *var, const Expr *value)
{
    if (var->scope != VAR_LOCAL || !var->is_pointer || var->index >= scan->w->function->var_count)
        return;
    bool from_param = value != NULL && value->kind == EXPR_VAR &&
                      value->var->scope == VAR_PARAM && value->var->is_pointer;
    if (!scan->assigned[var->index])
        scan->from_param[var->index] = from_param;
    else
        scan->from_param[var->index] = scan->from_param[var->index] && from_param;
    scan->assigned[var->index] = true;
}

static void scan_expr(const Expr *e, void *data)
{
    VarScan *scan = data;
    if (e->kind != EXPR_ASSIGN || e->kids[0]->kind != EXPR_VAR)
        return;
    give_status_slot(scan, e->kids[0]->var);
    note_pointer_value(scan, e->kids[0]->var, e->op == OP_ASSIGN ? e->kids[1] : NULL);
    note_copy(scan, e->kids[0]->var, e->op == OP_ASSIGN ? e->kids[1] : NULL);
}

static void scan_stmt(VarScan *scan, const Stmt *st)
{
    if (st == NULL)
        return;
    if (st->kind == STMT_DECL && st->var != NULL && st->expr != NULL) {
        give_status_slot(scan, st->var);
        note_pointer_value(scan, st->var, st->expr);
        note_copy(scan, st->var, st->expr);
    }
    expr_walk(st->expr, scan_expr, scan);
    expr_walk(st->expr2, scan_expr, scan);
    for (size_t i = 0; i < st->kid_count; i++)
        scan_stmt(scan, st->kids[i]);
}

/* Gives status slots to the variables that receive values (the first
 * MAX_STATUS_VARS of them), and finds the pointers that are never NULL in
 * a callback NDIS calls (not in helpers, whose callers may pass NULL). */
static void scan_vars(Walk *w)
{
    size_t count = w->function->var_count + 1;
    w->status_slot = malloc(count * sizeof(*w->status_slot));
    w->never_null = calloc(count, sizeof(*w->never_null));
    w->copied_from = calloc(count, sizeof(*w->copied_from));
    VarScan scan = {w, 0, calloc(count, sizeof(bool)), calloc(count, sizeof(bool)),
                    calloc(count, sizeof(unsigned))};
    if (w->status_slot == NULL || w->never_null == NULL || w->copied_from == NULL ||
        scan.assigned == NULL || scan.from_param == NULL || scan.copies == NULL)
        out_of_memory();
    memset(w->status_slot, -1, count * sizeof(*w->status_slot));
    scan_stmt(&scan, w->function->body);
    for (size_t i = 0; i < w->function->var_count && w->mode != WALK_HELPER; i++) {
        const Var *var = w->function->vars[i];
        if (var->is_pointer)
            w->never_null[i] = var->scope == VAR_PARAM ||
                               (scan.assigned[i] && scan.from_param[i]);
    }
    w->pointer_slot = malloc(count * sizeof(*w->pointer_slot));
    if (w->pointer_slot == NULL)
        out_of_memory();
    memset(w->pointer_slot, -1, count * sizeof(*w->pointer_slot));
    int next_pointer = 0;
    for (size_t i = 0; i < w->function->var_count && next_pointer < MAX_POINTERS; i++) {
        const Var *var = w->function->vars[i];
        if (var->is_pointer && !var->is_reference && var->scope != VAR_GLOBAL &&
            !w->never_null[i])
            w->pointer_slot[i] = (int8_t)next_pointer++;
    }
    free(scan.assigned);
    free(scan.from_param);
    free(scan.copies);
}

bool irq_walk_run(Walk *w)
{
    Cfg *cfg = cfg_build(w->function);
    if (cfg == NULL)
        return false;
    scan_vars(w);
    bool ok = !cfg->incomplete;
    if (ok) {
        PathAnalysis analysis = {sizeof(IrqState), w, entry_state, transfer, irq_assume};
        ok = paths_run(cfg, &analysis, RULE_MAX_PATH_STATES) == PATHS_COMPLETE &&
             !w->overflow;
    }
    cfg_free(cfg);
    free(w->status_slot);
    free(w->never_null);
    free(w->copied_from);
    free(w->pointer_slot);
    w->pointer_slot = NULL;
    w->status_slot = NULL;
    w->never_null = NULL;
    w->copied_from = NULL;
    return ok;
}

Summary *irq_summary_of(Analysis *a, const char *name, const Function *caller, int depth)
{
    /* Keyed by the definition: static functions of one name differ. */
    const Function *target = program_definition_for(a->program, name, caller);
    if (target == NULL)
        return NULL;
    for (size_t i = 0; i < a->summary_count; i++) {
        if (a->summaries[i]->function == target)
            return a->summaries[i]->in_progress ? NULL : a->summaries[i];
    }
    const Function *function = damage_usable_definition(a->scope, a->program, name, caller, NULL);
    if (function == NULL || depth > MAX_DEPTH)
        return NULL;
    if (a->summary_count == a->summary_capacity) {
        size_t capacity = a->summary_capacity ? a->summary_capacity * 2 : 16;
        Summary **grown = realloc(a->summaries, capacity * sizeof(*grown));
        if (grown == NULL)
            out_of_memory();
        a->summaries = grown;
        a->summary_capacity = capacity;
    }
    Summary *summary = calloc(1, sizeof(*summary));
    if (summary == NULL)
        out_of_memory();
    summary->name = function->name;
    summary->function = function;
    summary->in_progress = true;
    a->summaries[a->summary_count++] = summary;
    Walk w;
    memset(&w, 0, sizeof(w));
    w.analysis = a;
    w.function = function;
    w.mode = WALK_HELPER;
    w.minor = -1;
    w.depth = depth;
    w.summary = summary;
    DamageHit outer = a->pending;
    a->pending = (DamageHit){NULL, NULL, NULL};
    summary->known = irq_walk_run(&w);
    summary->damage = a->pending;
    if (outer.stmt != NULL)
        a->pending = outer;
    summary->in_progress = false;
    return summary;
}
