/* rule_interrupt_paths.c - registration state on every path; see
 * rule_interrupt_paths.h. This part walks each MiniportInitializeEx, then
 * each MiniportHaltEx from every state in which Initialize can succeed,
 * and hands back the sorted report.
 *
 * The state of one path is a small fixed block of bytes (IrqState,
 * rule_interrupt_paths_state.h). Each node of a function's control-flow
 * graph is applied to it as a list of events in evaluation order;
 * branches on a status or a flag keep only the paths where the test can
 * come out that way.
 */
#include "rule_interrupt_paths_state.h"

#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "rules.h"

static void not_followed(Analysis *a, const Function *function)
{
    tool_message_add(a->messages, LEVEL_WARNING, function->loc,
                     "%s: the paths of %s could not all be followed; it was not checked",
                     a->rule_id, function->name);
}

/* Walks a releasing role `halt` (at `root`) from each of `entries`, the
 * states a successful acquiring role (or the role before it) leaves.
 * Reports a handle it can keep (when `report_keeps`); with `exits`, also
 * collects the states it ends in (a malloc'd array the caller frees). */
static void analyse_halt(Analysis *a, const Function *halt, const RoleRoot *root,
                         const IrqState *entries, size_t entry_count, bool report_keeps,
                         IrqState **exits, size_t *exit_count)
{
    /* Handles the acquiring role registers on some successful path (or a
     * role before this one released). Others (registered elsewhere, if
     * anywhere) are unknown here. */
    bool registers[MAX_HANDLES] = {false};
    for (size_t i = 0; i < entry_count; i++) {
        for (int k = 0; k < MAX_HANDLES; k++)
            registers[k] = registers[k] || entries[i].handle[k] == H_REGISTERED ||
                           entries[i].handle[k] == H_DEREGISTERED;
    }
    bool keeps = false;
    bool ok = true;
    a->releasing_role = root->role;
    for (size_t i = 0; i < entry_count && ok && (!keeps || exits != NULL); i++) {
        Walk w;
        memset(&w, 0, sizeof(w));
        w.analysis = a;
        w.function = halt;
        w.mode = WALK_HALT;
        w.minor = root->minor;
        w.keep_exits = exits != NULL;
        w.entry = entries[i];
        for (int k = 0; k < MAX_HANDLES; k++) {
            if (!registers[k])
                w.entry.handle[k] = H_UNKNOWN;
        }
        w.entry.result = S_UNKNOWN;
        w.entry.guarded = 0;
        w.entry.decided_at = 0; /* the earlier role's tests explain nothing here */
        memset(w.entry.status, 0, sizeof(w.entry.status));
        a->pending = (DamageHit){NULL, NULL, NULL};
        ok = irq_walk_run(&w);
        keeps = keeps || w.halt_keeps_handle;
        if (exits != NULL) {
            for (size_t e = 0; e < w.success_count; e++) {
                *exits = xrealloc(*exits, *exit_count + 1, sizeof(**exits));
                (*exits)[(*exit_count)++] = w.successes[e];
            }
        }
        free(w.successes);
        if (a->pending.stmt != NULL) {
            rules_not_judged(a->ctx, a->rule_id, halt, &a->pending);
            ok = false;
            break;
        }
    }
    if (!ok) {
        if (a->pending.stmt == NULL)
            not_followed(a, halt);
        if (exits != NULL)
            *exit_count = 0; /* nothing to follow from */
        a->releasing_role = NULL;
        return;
    }
    if (!keeps || !report_keeps) {
        a->releasing_role = NULL;
        return;
    }
    /* Name the first handle a successful acquiring role leaves registered. */
    int k = -1;
    uint8_t site = 0;
    for (size_t i = 0; i < entry_count && k < 0; i++) {
        for (int h = 0; h < MAX_HANDLES && k < 0; h++) {
            if (entries[i].handle[h] == H_REGISTERED) {
                k = h;
                site = entries[i].registered_at[h];
            }
        }
    }
    irq_violation(a, IRQ_HALT_KEEPS_HANDLE, root->minor >= 0 ? root->loc : halt->loc,
                  halt->name, k, site != 0 ? a->sites[site].loc : irq_no_loc(),
                  "MiniportInitializeEx registers the interrupt here and can succeed",
                  halt->name);
    a->releasing_role = NULL;
}

static int compare_violations(const void *x, const void *y)
{
    const IrqViolation *a = x;
    const IrqViolation *b = y;
    int c = strcmp(a->loc.file != NULL ? a->loc.file : "", b->loc.file != NULL ? b->loc.file : "");
    if (c != 0)
        return c;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

/* Collects the flag keys a condition tests. */
static void tied_from_condition(Analysis *a, const Expr *cond)
{
    if (cond == NULL)
        return;
    if ((cond->kind == EXPR_BINARY && (cond->op == OP_LOG_AND || cond->op == OP_LOG_OR)) ||
        (cond->kind == EXPR_UNARY && cond->op == OP_NOT)) {
        for (size_t i = 0; i < cond->kid_count; i++)
            tied_from_condition(a, cond->kids[i]);
        return;
    }
    const Expr *operand = NULL;
    Operator op = OP_NE;
    int64_t k = 0;
    char key[KEY_MAX];
    if (irq_as_comparison(cond, &operand, &op, &k) && irq_flag_key(operand, key, sizeof(key)))
        irq_intern(a->tied, &a->tied_count, MAX_TIED, key, true);
}

typedef struct CallSearch {
    const char *name;
    bool found;
} CallSearch;

static void find_call(const Expr *e, void *data)
{
    CallSearch *search = data;
    const char *name = expr_call_name(e);
    if (name != NULL && strcmp(name, search->name) == 0)
        search->found = true;
}

static bool deregisters_in(const Analysis *a, const Stmt *st)
{
    CallSearch search = {a->pair->release.call, false};
    stmt_walk_exprs(st, find_call, &search);
    return search.found;
}

/* `return ...;` or `goto ...;`, alone or ending a block. */
static bool leaves(const Stmt *st)
{
    if (st == NULL)
        return false;
    if (st->kind == STMT_RETURN || st->kind == STMT_GOTO)
        return true;
    return st->kind == STMT_COMPOUND && st->kid_count > 0 &&
           leaves(st->kids[st->kid_count - 1]);
}

/* Guards of a deregistration: the condition of an `if` around it, or of
 * an early exit (`if (!registered) return;`) in a function that
 * deregisters. */
static void tied_from_stmt(Analysis *a, const Stmt *st, bool function_deregisters)
{
    if (st == NULL)
        return;
    if (st->kind == STMT_IF &&
        (deregisters_in(a, st->kids[0]) || deregisters_in(a, st->kids[1]) ||
         (function_deregisters && leaves(st->kids[0]))))
        tied_from_condition(a, st->expr);
    for (size_t i = 0; i < st->kid_count; i++)
        tied_from_stmt(a, st->kids[i], function_deregisters);
}

/* Flags that guard a deregistration (a cleanup helper, Halt). Other
 * fields (configuration, buffers) are not followed at all. */
static void find_tied(Analysis *a, const Function *f)
{
    tied_from_stmt(a, f->body, deregisters_in(a, f->body));
}

typedef struct RegisteredSearch {
    Analysis *analysis;
    const Function *function;
} RegisteredSearch;

static void find_registered(const Expr *e, void *data)
{
    RegisteredSearch *search = data;
    Analysis *a = search->analysis;
    const char *name = expr_call_name(e);
    char key[KEY_MAX];
    if (name != NULL && strcmp(name, a->pair->acquire.call) == 0 &&
        irq_object_key(irq_resource_value(search->function, e, &a->pair->acquire), key,
                       sizeof(key)))
        irq_intern(a->registered, &a->registered_count, MAX_REGISTERED_KEYS, key, true);
}

enum { MAX_ROOTS = 64 };

/* The roots of every role of `roles`, at most MAX_ROOTS in all. */
static size_t roots_of(const Program *program, char *const *roles, size_t role_count,
                       RoleRoot *out)
{
    size_t count = 0;
    for (size_t r = 0; r < role_count; r++) {
        size_t n = program_role_roots(program, roles[r], out + count, MAX_ROOTS - count);
        count += n < MAX_ROOTS - count ? n : MAX_ROOTS - count;
    }
    return count;
}

/* The definition of a role function the analysis judges, or NULL; damage
 * that keeps it from being judged is said. */
static const Function *judged_definition(Analysis *a, const char *name)
{
    DamageHit hit = {NULL, NULL, NULL};
    const Function *f = damage_usable_definition(a->scope, a->program, name, NULL, &hit);
    if (f == NULL && hit.stmt != NULL)
        rules_not_judged(a->ctx, a->rule_id, program_definition(a->program, name), &hit);
    return f;
}

/* The pair's sequences of releasing roles (STOP, then REMOVE): the second
 * walked from where the first ends, after a successful acquiring walk. */
static void analyse_sequences(Analysis *a, const Walk *init)
{
    const ResourcePair *pair = a->pair;
    for (size_t q = 0; q < pair->sequence_count; q++) {
        RoleRoot first[MAX_ROOTS];
        RoleRoot second[MAX_ROOTS];
        size_t first_count = roots_of(a->program, &pair->sequences[q].first, 1, first);
        size_t second_count = roots_of(a->program, &pair->sequences[q].then, 1, second);
        for (size_t f = 0; f < first_count; f++) {
            const Function *before = judged_definition(a, first[f].function->name);
            if (before == NULL)
                continue;
            IrqState *exits = NULL;
            size_t exit_count = 0;
            /* A first role that need not release (IRP_MN_SURPRISE_REMOVAL)
             * is not reported for keeping the handle. */
            analyse_halt(a, before, &first[f], init->successes, init->success_count, false,
                         &exits, &exit_count);
            for (size_t t = 0; t < second_count && exit_count > 0; t++) {
                const Function *after = judged_definition(a, second[t].function->name);
                if (after != NULL)
                    analyse_halt(a, after, &second[t], exits, exit_count, true, NULL, NULL);
            }
            free(exits);
        }
    }
}

void irq_analyse(const RuleContext *ctx, const char *rule_id, const ResourcePair *pair,
                 const DamageScope *scope, IrqReport *report)
{
    const Program *program = ctx->program;
    memset(report, 0, sizeof(*report));
    if (pair == NULL)
        return;
    Analysis *a = calloc(1, sizeof(*a));
    if (a == NULL)
        out_of_memory();
    a->ctx = ctx;
    a->program = program;
    a->pair = pair;
    a->interrupt_extras = strcmp(pair->acquire.call, IRQ_REGISTER_DDI) == 0;
    a->scope = scope;
    a->messages = ctx->messages;
    a->rule_id = rule_id;
    a->report = report;
    /* Only functions that call the DDIs can hold a guard or a handle;
     * the others' bodies are not even read in. */
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *entry = &program->functions[i];
        for (size_t d = 0; d < program_definition_count(entry); d++) {
            Function *f = program_definition_at(entry, d);
            if (!function_calls(f, pair->release.call) && !function_calls(f, pair->acquire.call))
                continue;
            const Function *loaded = program_loaded(program, f);
            if (loaded != NULL) {
                find_tied(a, loaded);
                RegisteredSearch search = {a, loaded};
                stmt_walk_exprs(loaded->body, find_registered, &search);
            }
        }
    }
    /* Follow every guard from the start, so that zeroing a structure
     * clears the guards it holds even before a test has named them. */
    for (size_t i = 0; i < a->tied_count; i++)
        (void)irq_flag_slot(a, a->tied[i], false);
    for (size_t i = 0; i < a->registered_count; i++)
        (void)irq_flag_slot(a, a->registered[i], true);
    RoleRoot acquiring[MAX_ROOTS];
    RoleRoot releasing[MAX_ROOTS];
    size_t acquiring_count =
        roots_of(program, pair->acquiring_roles, pair->acquiring_role_count, acquiring);
    size_t releasing_count =
        roots_of(program, pair->releasing_roles, pair->releasing_role_count, releasing);
    for (size_t i = 0; i < acquiring_count; i++) {
        const ProgramFunction *entry = acquiring[i].function;
        const Function *init = judged_definition(a, entry->name);
        if (init == NULL)
            continue;
        Walk w;
        memset(&w, 0, sizeof(w));
        w.analysis = a;
        w.function = init;
        w.mode = WALK_INITIALIZE;
        w.minor = acquiring[i].minor;
        a->acquiring_role = acquiring[i].role;
        a->releasing_role = NULL;
        w.entry.attributes = T_FALSE;
        memset(w.entry.handle, H_UNREGISTERED, sizeof(w.entry.handle));
        memset(w.entry.flag, T_UNKNOWN, sizeof(w.entry.flag));
        a->pending = (DamageHit){NULL, NULL, NULL};
        bool followed = irq_walk_run(&w);
        if (a->pending.stmt != NULL)
            rules_not_judged(a->ctx, a->rule_id, init, &a->pending);
        if (!followed) {
            not_followed(a, init);
            free(w.successes);
            continue;
        }
        for (size_t h = 0; h < releasing_count && w.success_count > 0; h++) {
            const Function *halt = judged_definition(a, releasing[h].function->name);
            if (halt != NULL)
                analyse_halt(a, halt, &releasing[h], w.successes, w.success_count, true,
                             NULL, NULL);
        }
        if (w.success_count > 0)
            analyse_sequences(a, &w);
        free(w.successes);
    }
    /* Keys live in the analysis, which is about to go: copy them. */
    for (size_t i = 0; i < report->count; i++) {
        if (report->items[i].handle != NULL) {
            char *copy = strdup(report->items[i].handle);
            if (copy == NULL)
                out_of_memory();
            report->items[i].handle = copy;
        }
    }
    if (report->count > 1)
        qsort(report->items, report->count, sizeof(*report->items), compare_violations);
    for (size_t i = 0; i < a->summary_count; i++)
        free(a->summaries[i]);
    free(a->summaries);
    free(a);
}

void irq_report_free(IrqReport *report)
{
    for (size_t i = 0; i < report->count; i++)
        free((char *)report->items[i].handle);
    free(report->items);
    memset(report, 0, sizeof(*report));
}
