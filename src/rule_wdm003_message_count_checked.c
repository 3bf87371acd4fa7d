/* rule_wdm003_message_count_checked.c - WDM003 message-count-checked.
 *
 * The PnP manager may grant fewer messages than a device asks for (one,
 * even), and IoConnectInterruptEx's message table then has that many
 * entries. An index into InterruptMessageTable->MessageInfo that can
 * exceed 0 (a constant above 0, or the counter of a loop over messages)
 * is reported unless the function reads MessageCount before it (a bound,
 * a loop limit, a copy into a local). A message ISR's MessageID and
 * other values that come from elsewhere are not judged: the system gives
 * only granted message numbers.
 *
 * The rule file names the table record, its entries and its count
 * ("table", "entries", "count"), and the call that makes a driver one the
 * rule is for ("driverCalls", IoConnectInterruptEx): an NDIS miniport,
 * whose table NDIS fills, is left to the NDIS rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_damage.h"
#include "rules.h"

enum { MAX_LOOPS = 16, MAX_CONDITIONS = 256 };

typedef struct Scan {
    const RuleContext *ctx;
    const Function *function;
    const char *table;
    const char *entries;
    const char *count;
    bool have_count_read;
    SourceLoc first_count_read;
    const Expr *loops[MAX_LOOPS];  /* conditions of the enclosing loops */
    size_t loop_count;
    size_t conditional_depth;      /* enclosing if, switch and loops */
    /* Every condition of the function (if, switch, loops), for telling
     * whether something else may bound an index. */
    const Expr *conditions[MAX_CONDITIONS];
    size_t condition_count;
    bool too_many_conditions;
} Scan;

static bool loc_before(SourceLoc a, SourceLoc b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static bool is_member(const Expr *e, const char *record, const char *field)
{
    return e != NULL && e->kind == EXPR_MEMBER && e->name != NULL && e->record != NULL &&
           strcmp(e->name, field) == 0 && strcmp(e->record, record) == 0;
}

static void find_count_read(const Expr *e, void *data)
{
    Scan *scan = data;
    if (is_member(e, scan->table, scan->count) &&
        (!scan->have_count_read || loc_before(e->loc, scan->first_count_read))) {
        scan->have_count_read = true;
        scan->first_count_read = e->loc;
    }
}

static bool mentions_var(const Expr *e, const Var *var)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR && e->var == var)
        return true;
    for (size_t i = 0; i < e->kid_count; i++)
        if (mentions_var(e->kids[i], var))
            return true;
    return false;
}

static bool mentions_member(const Expr *e)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_MEMBER)
        return true;
    for (size_t i = 0; i < e->kid_count; i++)
        if (mentions_member(e->kids[i]))
            return true;
    return false;
}

/* `var < K`, `var <= K`, `var != K` or `K > var`: a loop bound that is a
 * constant. */
static bool constant_bound(const Expr *cond, const Var *var)
{
    if (cond == NULL || cond->kind != EXPR_BINARY || cond->kid_count != 2)
        return false;
    const Expr *l = cond->kids[0];
    const Expr *r = cond->kids[1];
    if (l->kind == EXPR_VAR && l->var == var && r->kind == EXPR_INT)
        return cond->op == OP_LT || cond->op == OP_LE || cond->op == OP_NE;
    if (r->kind == EXPR_VAR && r->var == var && l->kind == EXPR_INT)
        return cond->op == OP_GT || cond->op == OP_GE || cond->op == OP_NE;
    return false;
}

/* Whether `index` (at `at`) can exceed 0 while nothing may bound it, as
 * far as the rule can tell. Only two shapes are judged, so that a bound
 * the driver keeps elsewhere (a count in its device extension) is never
 * mistaken for none:
 * - a constant above 0, outside any condition, with no test of a field
 *   before it in the function;
 * - the counter of an enclosing loop whose bound is a constant, tested by
 *   no other condition of the function. */
static bool may_exceed_zero(const Scan *scan, const Expr *index, SourceLoc at)
{
    if (scan->too_many_conditions)
        return false;
    if (index->kind == EXPR_INT) {
        if (index->int_value <= 0 || scan->conditional_depth > 0)
            return false;
        for (size_t i = 0; i < scan->condition_count; i++)
            if (loc_before(scan->conditions[i]->loc, at) && mentions_member(scan->conditions[i]))
                return false;
        return true;
    }
    if (index->kind != EXPR_VAR || index->var->scope != VAR_LOCAL)
        return false;
    const Expr *loop = NULL;
    for (size_t i = scan->loop_count; i-- > 0 && loop == NULL;)
        if (mentions_var(scan->loops[i], index->var))
            loop = scan->loops[i];
    if (loop == NULL || !constant_bound(loop, index->var))
        return false;
    for (size_t i = 0; i < scan->condition_count; i++)
        if (scan->conditions[i] != loop && mentions_var(scan->conditions[i], index->var))
            return false;
    return true;
}

static void collect_conditions(Scan *scan, const Stmt *st)
{
    if (st == NULL)
        return;
    bool conditional = st->kind == STMT_IF || st->kind == STMT_SWITCH || st->kind == STMT_FOR ||
                       st->kind == STMT_WHILE || st->kind == STMT_DO;
    if (conditional && st->expr != NULL) {
        if (scan->condition_count == MAX_CONDITIONS)
            scan->too_many_conditions = true;
        else
            scan->conditions[scan->condition_count++] = st->expr;
    }
    for (size_t i = 0; i < st->kid_count; i++)
        collect_conditions(scan, st->kids[i]);
}

static void check_expr(Scan *scan, const Expr *e)
{
    if (e == NULL)
        return;
    if (e->kind == EXPR_OTHER && e->kid_count == 2 &&
        is_member(e->kids[0], scan->table, scan->entries) &&
        may_exceed_zero(scan, e->kids[1], e->loc) &&
        !(scan->have_count_read && loc_before(scan->first_count_read, e->loc))) {
        char index[64];
        if (e->kids[1]->kind == EXPR_VAR)
            snprintf(index, sizeof(index), "%s", e->kids[1]->var->name);
        else
            snprintf(index, sizeof(index), "%lld", (long long)e->kids[1]->int_value);
        finding_add(scan->ctx->findings, scan->ctx->rule, e->loc, scan->function->name,
                    "%s[%s] is read without a bound by %s: the system may grant fewer "
                    "messages than were asked for, one even; compare the index with %s "
                    "first",
                    scan->entries, index, scan->count, scan->count);
    }
    for (size_t i = 0; i < e->kid_count; i++)
        check_expr(scan, e->kids[i]);
}

static void check_stmt(Scan *scan, const Stmt *st)
{
    if (st == NULL)
        return;
    bool loop = st->kind == STMT_FOR || st->kind == STMT_WHILE || st->kind == STMT_DO;
    bool conditional = loop || st->kind == STMT_IF || st->kind == STMT_SWITCH;
    if (loop && scan->loop_count < MAX_LOOPS)
        scan->loops[scan->loop_count++] = st->expr;
    else
        loop = false;
    check_expr(scan, st->expr);
    check_expr(scan, st->expr2);
    scan->conditional_depth += conditional;
    for (size_t i = 0; i < st->kid_count; i++)
        check_stmt(scan, st->kids[i]);
    scan->conditional_depth -= conditional;
    if (loop)
        scan->loop_count--;
}

typedef struct EntriesUse {
    const char *entries;
    bool found;
} EntriesUse;

static void find_entries_use(const Expr *e, void *data)
{
    EntriesUse *use = data;
    if (e->kind == EXPR_MEMBER && e->name != NULL && strcmp(e->name, use->entries) == 0)
        use->found = true;
}

static bool uses_entries(Function *f, void *data)
{
    const Scan *scan = data;
    const Function *loaded = program_loaded(scan->ctx->program, f);
    if (loaded == NULL || loaded->body == NULL)
        return false;
    EntriesUse use = {scan->entries, false};
    stmt_walk_exprs(loaded->body, find_entries_use, &use);
    return use.found;
}

static void check_function(const Function *f, void *data)
{
    Scan *scan = data;
    scan->function = f;
    scan->have_count_read = false;
    scan->loop_count = 0;
    scan->conditional_depth = 0;
    scan->condition_count = 0;
    scan->too_many_conditions = false;
    collect_conditions(scan, f->body);
    stmt_walk_exprs(f->body, find_count_read, scan);
    check_stmt(scan, f->body);
}

void rule_wdm003_message_count_checked(const RuleContext *ctx)
{
    const char *table = rule_param_first(ctx->rule, "table");
    const char *entries = rule_param_first(ctx->rule, "entries");
    const char *count = rule_param_first(ctx->rule, "count");
    const char *driver_calls = rule_param_first(ctx->rule, "driverCalls");
    if (table == NULL || entries == NULL || count == NULL || driver_calls == NULL)
        return;
    bool for_this_driver = false;
    for (size_t i = 0; i < ctx->program->function_count && !for_this_driver; i++) {
        const ProgramFunction *entry = &ctx->program->functions[i];
        for (size_t d = 0; d < program_definition_count(entry) && !for_this_driver; d++)
            for_this_driver = function_calls(program_definition_at(entry, d), driver_calls);
    }
    if (!for_this_driver)
        return;
    const char *fields[] = {entries, count, NULL};
    const char *records[] = {table, NULL};
    DamageRoots roots = {NULL, fields, records, false, false};
    DamageScope scope;
    damage_scope_build(&scope, ctx->program, &roots);
    Scan scan;
    memset(&scan, 0, sizeof(scan));
    scan.ctx = ctx;
    scan.table = table;
    scan.entries = entries;
    scan.count = count;
    rules_each_judged_definition(ctx, &scope, uses_entries, check_function, &scan);
    damage_scope_free(&scope);
}
