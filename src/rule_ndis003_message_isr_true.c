/* rule_ndis003_message_isr_true.c - NDIS003 message-isr-returns-true.
 *
 * A MiniportMessageInterrupt must return TRUE: message interrupts are not
 * shared. Every return of such a function is judged on every path:
 * FALSE or 0, a local that is FALSE on that path, a comparison, or a call
 * to a driver function that can itself return FALSE is a finding, as is
 * falling off the end. A value the analysis cannot follow (a parameter, a
 * field, a call to a function outside the driver) is not reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_cfg.h"
#include "rule_paths.h"
#include "rules.h"
#include "rule_damage.h"
#include "memory.h"

/* What is known of a value on one path. */
typedef enum Truth {
    TRUTH_UNKNOWN,  /* cannot tell: never reported */
    TRUTH_FALSE,    /* zero */
    TRUTH_TRUE,     /* non-zero */
    TRUTH_EITHER    /* can be zero or not (a comparison, a call that may
                       return FALSE): split into two paths when stored */
} Truth;

/* Locals followed per path; more are treated as unknown. */
enum { TRACKED_VARS = 64, MAX_CALL_DEPTH = 8 };

typedef struct TruthState {
    unsigned char vars[TRACKED_VARS]; /* Truth of each local, by index */
} TruthState;

/* A return found to yield FALSE, and why. */
typedef struct BadReturn {
    SourceLoc loc;
    char reason[256];
} BadReturn;

typedef struct BadReturns {
    BadReturn *items;
    size_t count;
    size_t capacity;
} BadReturns;

typedef struct ReturnCheck ReturnCheck;

/* Memo of "can this driver function return FALSE?" across the run. */
typedef enum CallVerdict {
    VERDICT_UNKNOWN = 0, /* not yet computed, or cannot tell */
    VERDICT_IN_PROGRESS,
    VERDICT_MAY_BE_FALSE,
    VERDICT_ALWAYS_TRUE_OR_UNKNOWN
} CallVerdict;

typedef struct Memo {
    const Function *function;
    CallVerdict verdict;
} Memo;

typedef struct RuleState {
    const RuleContext *ctx;
    DamageScope scope;  /* what damaged code must not touch: the returns */
    Memo *memo;
    size_t memo_count;
    size_t memo_capacity;
} RuleState;

struct ReturnCheck {
    RuleState *rule;
    const Function *function;
    BadReturns *bad;
    int depth;
    /* Locals whose value can reach a return (returned, or copied into one
     * that is): only those are followed, so that unrelated comparisons
     * stored in locals do not multiply the paths. */
    bool *tracked;
};

static CallVerdict call_verdict(RuleState *rule, const char *name, const Function *caller,
                                int depth);

static bool is_tracked(const ReturnCheck *check, const Var *var)
{
    return var->scope != VAR_GLOBAL && var->index < TRACKED_VARS &&
           var->index < check->function->var_count && check->tracked[var->index];
}

static Truth truth_of_var(const ReturnCheck *check, const TruthState *state,
                          const Var *var)
{
    if (!is_tracked(check, var))
        return TRUTH_UNKNOWN;
    return (Truth)state->vars[var->index];
}

static bool is_comparison(Operator op)
{
    return op == OP_LT || op == OP_GT || op == OP_LE || op == OP_GE ||
           op == OP_EQ || op == OP_NE || op == OP_LOG_AND || op == OP_LOG_OR;
}

/* What `e` yields in `state`. */
static Truth truth_of(const ReturnCheck *check, const TruthState *state,
                      const Expr *e)
{
    if (e == NULL)
        return TRUTH_UNKNOWN;
    switch (e->kind) {
    case EXPR_INT:
        return e->int_value != 0 ? TRUTH_TRUE : TRUTH_FALSE;
    case EXPR_STRING:
    case EXPR_FUNC:
        return TRUTH_TRUE;
    case EXPR_VAR:
        return truth_of_var(check, state, e->var);
    case EXPR_ASSIGN:
        if (e->op == OP_ASSIGN)
            return truth_of(check, state, e->kids[1]);
        return TRUTH_UNKNOWN;
    case EXPR_BINARY:
        if (e->op == OP_COMMA)
            return truth_of(check, state, e->kids[1]);
        if (is_comparison(e->op))
            return TRUTH_EITHER;
        return TRUTH_UNKNOWN;
    case EXPR_UNARY:
        if (e->op == OP_NOT) {
            Truth inner = truth_of(check, state, e->kids[0]);
            if (inner == TRUTH_TRUE)
                return TRUTH_FALSE;
            if (inner == TRUTH_FALSE)
                return TRUTH_TRUE;
            return TRUTH_EITHER;
        }
        return TRUTH_UNKNOWN;
    case EXPR_COND: {
        Truth a = truth_of(check, state, e->kids[1]);
        Truth b = truth_of(check, state, e->kids[2]);
        if (a == b)
            return a;
        if (a == TRUTH_UNKNOWN || b == TRUTH_UNKNOWN)
            return (a == TRUTH_FALSE || b == TRUTH_FALSE) ? TRUTH_EITHER
                                                           : TRUTH_UNKNOWN;
        return TRUTH_EITHER;
    }
    case EXPR_CALL: {
        const char *name = expr_call_name(e);
        if (name == NULL)
            return TRUTH_UNKNOWN;
        CallVerdict verdict = call_verdict(check->rule, name, check->function, check->depth + 1);
        return verdict == VERDICT_MAY_BE_FALSE ? TRUTH_EITHER : TRUTH_UNKNOWN;
    }
    default:
        return TRUTH_UNKNOWN;
    }
}

static void set_var(const ReturnCheck *check, TruthState *state, const Var *var,
                    Truth truth)
{
    if (is_tracked(check, var))
        state->vars[var->index] = (unsigned char)truth;
}

/* Stores `truth` into `var`; a value that can be either way splits the
 * path so that each path knows what it holds. */
static void store(const ReturnCheck *check, TruthState *state, const Var *var,
                  Truth truth,
                  PathForks *forks)
{
    if (truth == TRUTH_EITHER && is_tracked(check, var)) {
        TruthState other = *state;
        set_var(check, &other, var, TRUTH_FALSE);
        paths_fork(forks, &other);
        set_var(check, state, var, TRUTH_TRUE);
        return;
    }
    set_var(check, state, var, truth == TRUTH_EITHER ? TRUTH_UNKNOWN : truth);
}

typedef struct EffectWalk {
    const ReturnCheck *check;
    TruthState *state;
    PathForks *forks;
} EffectWalk;

/* Applies the assignments inside an expression. Taking a variable's
 * address lets anyone change it: it becomes unknown. */
static void apply_effect(const Expr *e, void *data)
{
    EffectWalk *walk = data;
    if (e->kind == EXPR_ASSIGN && e->kids[0]->kind == EXPR_VAR) {
        Truth truth = e->op == OP_ASSIGN
                          ? truth_of(walk->check, walk->state, e->kids[1])
                          : TRUTH_UNKNOWN;
        store(walk->check, walk->state, e->kids[0]->var, truth, walk->forks);
    } else if (e->kind == EXPR_UNARY && e->kid_count == 1 &&
               e->kids[0]->kind == EXPR_VAR &&
               (e->op == OP_ADDR || e->op == OP_PRE_INC || e->op == OP_PRE_DEC ||
                e->op == OP_POST_INC || e->op == OP_POST_DEC)) {
        set_var(walk->check, walk->state, e->kids[0]->var, TRUTH_UNKNOWN);
    }
}

static void add_bad(BadReturns *bad, SourceLoc loc, const char *reason)
{
    for (size_t i = 0; i < bad->count; i++) {
        if (bad->items[i].loc.file == loc.file && bad->items[i].loc.line == loc.line &&
            bad->items[i].loc.col == loc.col)
            return;
    }
    if (bad->count == bad->capacity) {
        size_t capacity = bad->capacity ? bad->capacity * 2 : 4;
        BadReturn *items = realloc(bad->items, capacity * sizeof(*items));
        if (items == NULL)
            out_of_memory();
        bad->items = items;
        bad->capacity = capacity;
    }
    bad->items[bad->count].loc = loc;
    snprintf(bad->items[bad->count].reason, sizeof(bad->items[0].reason), "%s",
             reason);
    bad->count++;
}

/* Why returning `e` can yield FALSE, in words. */
static void describe(const Expr *e, Truth truth, char *buf, size_t size)
{
    if (e->kind == EXPR_INT)
        snprintf(buf, size, "returns %s", "FALSE");
    else if (e->kind == EXPR_VAR)
        snprintf(buf, size, "returns '%s', which is FALSE on this path",
                 e->var->name);
    else if (e->kind == EXPR_CALL && expr_call_name(e) != NULL)
        snprintf(buf, size, "returns the result of %s(), which can be FALSE",
                 expr_call_name(e));
    else if (truth == TRUTH_FALSE)
        snprintf(buf, size, "returns a value that is FALSE on this path");
    else
        snprintf(buf, size, "returns a value that can be FALSE");
}

static void entry_state(void *data, void *state)
{
    (void)data;
    memset(state, 0, sizeof(TruthState));
}

static bool transfer(void *data, const CfgNode *node, void *raw,
                     PathForks *forks)
{
    ReturnCheck *check = data;
    TruthState *state = raw;
    EffectWalk walk = {check, state, forks};
    switch (node->kind) {
    case CFG_DECL:
        if (node->var != NULL) {
            expr_walk(node->expr, apply_effect, &walk);
            Truth truth = node->expr != NULL ? truth_of(check, state, node->expr)
                                             : TRUTH_UNKNOWN;
            store(check, state, node->var, truth, forks);
        }
        return true;
    case CFG_EXPR:
    case CFG_BRANCH:
    case CFG_SWITCH:
        expr_walk(node->expr, apply_effect, &walk);
        return true;
    case CFG_RETURN: {
        if (node->expr == NULL)
            return true;
        Truth truth = truth_of(check, state, node->expr);
        if (truth == TRUTH_FALSE || truth == TRUTH_EITHER) {
            char reason[200];
            describe(node->expr, truth, reason, sizeof(reason));
            add_bad(check->bad, node->loc, reason);
        }
        return true;
    }
    case CFG_FALL_OFF:
        if (!check->function->returns_void)
            add_bad(check->bad, node->loc,
                    "reaches the end of the function without returning TRUE");
        return true;
    default:
        return true;
    }
}

/* A test of a local: the branch taken tells its truth. */
static bool assume(void *data, const CfgNode *node, const CfgEdge *edge,
                   void *raw)
{
    const ReturnCheck *check = data;
    TruthState *state = raw;
    if (node->kind != CFG_BRANCH || node->expr == NULL)
        return true;
    const Expr *cond = node->expr;
    bool want_true = edge->kind == EDGE_TRUE;
    const Var *var = NULL;
    if (cond->kind == EXPR_VAR) {
        var = cond->var;
    } else if (cond->kind == EXPR_BINARY && (cond->op == OP_EQ || cond->op == OP_NE) &&
               cond->kids[0]->kind == EXPR_VAR && cond->kids[1]->kind == EXPR_INT) {
        /* `v == 0` is true when v is FALSE; `v != 0` when it is TRUE. */
        var = cond->kids[0]->var;
        bool compares_to_zero = cond->kids[1]->int_value == 0;
        bool equal = cond->op == OP_EQ;
        if (!compares_to_zero)
            return true;
        want_true = want_true != equal;
    }
    if (var == NULL)
        return true;
    Truth now = truth_of_var(check, state, var);
    if ((now == TRUTH_TRUE && !want_true) || (now == TRUTH_FALSE && want_true))
        return false;
    set_var(check, state, var, want_true ? TRUTH_TRUE : TRUTH_FALSE);
    return true;
}

/* Finds the returns of `function` that can yield FALSE. Returns false when
 * the function could not be followed (too many paths, broken graph). */
typedef struct TrackScan {
    bool *tracked;
    size_t count;
    bool changed;
} TrackScan;

static void mark_var(TrackScan *scan, const Expr *e)
{
    if (e != NULL && e->kind == EXPR_VAR && e->var->scope != VAR_GLOBAL &&
        e->var->index < scan->count && !scan->tracked[e->var->index]) {
        scan->tracked[e->var->index] = true;
        scan->changed = true;
    }
}

static void scan_copies(const Expr *e, void *data)
{
    TrackScan *scan = data;
    if (e->kind == EXPR_ASSIGN && e->kids[0]->kind == EXPR_VAR &&
        e->kids[0]->var->scope != VAR_GLOBAL && e->kids[0]->var->index < scan->count &&
        scan->tracked[e->kids[0]->var->index])
        mark_var(scan, e->kids[1]);
}

static void scan_returns(TrackScan *scan, const Stmt *st)
{
    if (st == NULL)
        return;
    if (st->kind == STMT_RETURN)
        mark_var(scan, st->expr);
    if (st->kind == STMT_DECL && st->var != NULL && st->var->index < scan->count &&
        scan->tracked[st->var->index])
        mark_var(scan, st->expr);
    expr_walk(st->expr, scan_copies, scan);
    for (size_t i = 0; i < st->kid_count; i++)
        scan_returns(scan, st->kids[i]);
}

/* The locals whose value can reach a return statement. */
static bool *tracked_locals(const Function *function)
{
    TrackScan scan = {calloc(function->var_count + 1, sizeof(bool)), function->var_count,
                      true};
    if (scan.tracked == NULL)
        out_of_memory();
    for (int round = 0; round < 4 && scan.changed; round++) {
        scan.changed = false;
        scan_returns(&scan, function->body);
    }
    return scan.tracked;
}

static bool check_returns(RuleState *rule, const Function *function, int depth,
                          BadReturns *bad)
{
    Cfg *cfg = cfg_build(function);
    if (cfg == NULL)
        return false;
    bool ok = !cfg->incomplete;
    bool *tracked = tracked_locals(function);
    if (ok) {
        ReturnCheck check = {rule, function, bad, depth, tracked};
        PathAnalysis analysis = {sizeof(TruthState), &check, entry_state,
                                 transfer, assume};
        ok = paths_run(cfg, &analysis, RULE_MAX_PATH_STATES) == PATHS_COMPLETE;
    }
    free(tracked);
    cfg_free(cfg);
    return ok;
}

static Memo *memo_for(RuleState *rule, const Function *function)
{
    for (size_t i = 0; i < rule->memo_count; i++) {
        if (rule->memo[i].function == function)
            return &rule->memo[i];
    }
    if (rule->memo_count == rule->memo_capacity) {
        size_t capacity = rule->memo_capacity ? rule->memo_capacity * 2 : 16;
        Memo *memo = realloc(rule->memo, capacity * sizeof(*memo));
        if (memo == NULL)
            out_of_memory();
        rule->memo = memo;
        rule->memo_capacity = capacity;
    }
    Memo *entry = &rule->memo[rule->memo_count++];
    entry->function = function;
    entry->verdict = VERDICT_UNKNOWN;
    return entry;
}

/* Can a call of the driver function `name` return FALSE? Functions outside
 * the driver, recursive ones and ones too deep are "cannot tell". */
static CallVerdict call_verdict(RuleState *rule, const char *name, const Function *caller,
                                int depth)
{
    const Function *callee = damage_usable_definition(&rule->scope, rule->ctx->program, name,
                                                      caller, NULL);
    if (callee == NULL || callee->returns_void || depth > MAX_CALL_DEPTH)
        return VERDICT_UNKNOWN;
    size_t index = (size_t)(memo_for(rule, callee) - rule->memo);
    if (rule->memo[index].verdict != VERDICT_UNKNOWN)
        return rule->memo[index].verdict == VERDICT_IN_PROGRESS
                   ? VERDICT_UNKNOWN
                   : rule->memo[index].verdict;
    rule->memo[index].verdict = VERDICT_IN_PROGRESS;
    BadReturns bad = {NULL, 0, 0};
    bool ok = check_returns(rule, callee, depth, &bad);
    /* The memo may have moved while the callee was analysed. */
    Memo *entry = memo_for(rule, callee);
    entry->verdict = ok && bad.count > 0 ? VERDICT_MAY_BE_FALSE
                                         : VERDICT_ALWAYS_TRUE_OR_UNKNOWN;
    free(bad.items);
    return entry->verdict;
}

static void check_message_isr(RuleState *rule, const ProgramFunction *entry,
                              Role role)
{
    const RuleContext *ctx = rule->ctx;
    DamageHit hit = {NULL, NULL, NULL};
    const Function *function =
        damage_usable_definition(&rule->scope, ctx->program, entry->name, NULL, &hit);
    if (function == NULL) {
        if (hit.stmt != NULL)
            rules_not_judged(ctx, ctx->rule->id, program_definition(ctx->program, entry->name),
                             &hit);
        else if (entry->definition != NULL && entry->definition->has_parse_errors &&
                 !entry->definition->load_failed)
            tool_message_add(ctx->messages, LEVEL_WARNING, entry->definition->loc,
                             "%s: %s has parse errors in its declaration and was not checked",
                             ctx->rule->id, entry->name);
        return;
    }
    BadReturns bad = {NULL, 0, 0};
    if (!check_returns(rule, function, 0, &bad)) {
        tool_message_add(ctx->messages, LEVEL_WARNING, function->loc,
                         "%s: the paths of %s could not all be followed; "
                         "it was not checked", ctx->rule->id, function->name);
        free(bad.items);
        return;
    }
    for (size_t i = 0; i < bad.count; i++) {
        Finding *finding = finding_add(
            ctx->findings, ctx->rule, bad.items[i].loc, function->name,
            "message interrupt handler %s %s; MiniportMessageInterrupt must "
            "always return TRUE, since message interrupts are not shared",
            function->name, bad.items[i].reason);
        finding_add_note(finding, entry->role_loc[role],
                         "%s is a MiniportMessageInterrupt here", function->name);
    }
    free(bad.items);
}

void rule_ndis003_message_isr_true(const RuleContext *ctx)
{
    Role role = role_from_typedef(rule_param_first(ctx->rule, "role"));
    if (role == ROLE_COUNT)
        return;
    RuleState rule;
    memset(&rule, 0, sizeof(rule));
    rule.ctx = ctx;
    DamageRoots roots = {NULL, NULL, NULL, true, false};
    damage_scope_build(&rule.scope, ctx->program, &roots);
    for (size_t i = 0; i < ctx->program->function_count; i++) {
        const ProgramFunction *entry = &ctx->program->functions[i];
        if (program_has_role(entry, role))
            check_message_isr(&rule, entry, role);
    }
    damage_scope_free(&rule.scope);
    free(rule.memo);
}
