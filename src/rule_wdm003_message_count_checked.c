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

enum { MAX_LOOPS = 16 };

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

/* Whether `index` can exceed 0 as far as the rule can tell: a constant
 * above 0, or a local counting an enclosing loop. */
static bool may_exceed_zero(const Scan *scan, const Expr *index)
{
    if (index->kind == EXPR_INT)
        return index->int_value > 0;
    if (index->kind != EXPR_VAR || index->var->scope != VAR_LOCAL)
        return false;
    for (size_t i = 0; i < scan->loop_count; i++)
        if (mentions_var(scan->loops[i], index->var))
            return true;
    return false;
}

static void check_expr(Scan *scan, const Expr *e)
{
    if (e == NULL)
        return;
    if (e->kind == EXPR_OTHER && e->kid_count == 2 &&
        is_member(e->kids[0], scan->table, scan->entries) &&
        may_exceed_zero(scan, e->kids[1]) &&
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
    if (loop && scan->loop_count < MAX_LOOPS)
        scan->loops[scan->loop_count++] = st->expr;
    else
        loop = false;
    check_expr(scan, st->expr);
    check_expr(scan, st->expr2);
    for (size_t i = 0; i < st->kid_count; i++)
        check_stmt(scan, st->kids[i]);
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

static bool uses_entries(const Function *f, void *data)
{
    const Scan *scan = data;
    EntriesUse use = {scan->entries, false};
    stmt_walk_exprs(f->body, find_entries_use, &use);
    return use.found;
}

static void check_function(const Function *f, void *data)
{
    Scan *scan = data;
    scan->function = f;
    scan->have_count_read = false;
    scan->loop_count = 0;
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
