/* rule_wdm001_connect_version_examined.c - WDM001 connect-version-examined.
 *
 * "Introduction to message-signaled interrupts": a driver that connects
 * with Version = CONNECT_MESSAGE_BASED learns from Parameters.Version, on
 * return, whether its message routine or its line-based fallback was
 * connected. Each path on which such an IoConnectInterruptEx succeeds must
 * read Version of the same parameters structure before the function
 * returns (the structure is a local of the function that connects, so the
 * read can only be there); otherwise the finding is at the call, with a
 * note where the path returns.
 *
 * The rule file gives the call, the field and the version value
 * ("connect", "versionField", "messageBasedVersion"). A path whose status
 * test says the connect failed is not judged; handing the structure to
 * another function counts as examining it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts_cfg.h"
#include "rule_access_path.h"
#include "rule_damage.h"
#include "rule_paths.h"
#include "rules.h"

enum { C_NONE = 0, C_CONNECTED, C_SUCCEEDED, C_FAILED };
enum { MAX_SITES = 32, MAX_EXITS = 32 };

typedef struct VersionState {
    uint8_t connected;   /* C_* of the last connect asking for the version */
    uint8_t examined;    /* its Version was read (or the structure handed on) */
    uint8_t site;        /* index + 1 of that call in Check.sites */
    uint8_t in_branch;   /* the call is the operand of the branch node itself */
    int32_t status_var;  /* the local given its status, or -1 */
    int32_t params_var;  /* the parameters structure (a local), or -1 */
} VersionState;

typedef struct Check {
    const RuleContext *ctx;
    const Function *function;
    const char *connect;
    const char *field;
    int64_t version;
    const Expr *sites[MAX_SITES];
    size_t site_count;
    /* Per site: where a path ends without the read (first seen). */
    SourceLoc unread_exit[MAX_SITES];
    bool unread[MAX_SITES];
} Check;

static void entry_state(void *data, void *raw)
{
    (void)data;
    VersionState *s = raw;
    memset(s, 0, sizeof(*s));
    s->status_var = -1;
    s->params_var = -1;
}

/* The local structure `&params` names, or NULL. */
static const Var *params_of(const Expr *argument)
{
    if (argument != NULL && argument->kind == EXPR_UNARY && argument->op == OP_ADDR &&
        argument->kid_count == 1)
        argument = argument->kids[0];
    if (argument == NULL || argument->kind != EXPR_VAR || argument->var->scope != VAR_LOCAL ||
        argument->var->is_pointer || argument->var->is_reference)
        return NULL;
    return argument->var;
}

typedef struct NodeScan {
    Check *check;
    VersionState *state;
    const Expr *connect_call;      /* a connect asking for the version */
    const Expr *assign_target;     /* the left side being assigned, skipped */
} NodeScan;

static bool names_params(const Expr *e, int32_t params_var)
{
    const Expr *v = e;
    if (v != NULL && v->kind == EXPR_UNARY && v->op == OP_ADDR && v->kid_count == 1)
        v = v->kids[0];
    return v != NULL && v->kind == EXPR_VAR && v->var->scope == VAR_LOCAL &&
           (int32_t)v->var->index == params_var;
}

/* Reads of params.Version, and the structure handed to any other call or
 * copied: both examine the version. */
static void scan_reads(NodeScan *scan, const Expr *e, bool assigned)
{
    if (e == NULL)
        return;
    VersionState *s = scan->state;
    if (e->kind == EXPR_MEMBER && !assigned && s->params_var >= 0 && e->name != NULL &&
        strcmp(e->name, scan->check->field) == 0) {
        const Var *var = NULL;
        char path[ACCESS_PATH_MAX];
        if (access_field_path(e, &var, path, sizeof(path)) && var->scope == VAR_LOCAL &&
            (int32_t)var->index == s->params_var && strcmp(path, scan->check->field) == 0)
            s->examined = 1;
    }
    if (e->kind == EXPR_CALL && e != scan->connect_call) {
        for (size_t i = 1; i < e->kid_count; i++)
            if (names_params(e->kids[i], s->params_var))
                s->examined = 1;
    }
    if (e->kind == EXPR_ASSIGN && e->kid_count == 2 && names_params(e->kids[1], s->params_var))
        s->examined = 1;
    for (size_t i = 0; i < e->kid_count; i++) {
        bool target = e->kind == EXPR_ASSIGN && i == 0;
        scan_reads(scan, e->kids[i], target);
    }
}

static const Expr *find_connect(const Check *check, const Expr *e)
{
    if (e == NULL)
        return NULL;
    const char *name = e->kind == EXPR_CALL ? expr_call_name(e) : NULL;
    if (name != NULL && strcmp(name, check->connect) == 0)
        return e;
    for (size_t i = 0; i < e->kid_count; i++) {
        const Expr *found = find_connect(check, e->kids[i]);
        if (found != NULL)
            return found;
    }
    return NULL;
}

static uint8_t site_of(Check *check, const Expr *call)
{
    for (size_t i = 0; i < check->site_count; i++)
        if (check->sites[i] == call)
            return (uint8_t)(i + 1);
    if (check->site_count == MAX_SITES)
        return 0;
    check->sites[check->site_count++] = call;
    return (uint8_t)check->site_count;
}

/* A connect in this node: the state starts over for it when it asks for
 * the version the rule watches, and is forgotten otherwise. */
static void apply_connect(Check *check, const CfgNode *node, const Expr *call, VersionState *s)
{
    entry_state(NULL, s);
    const Var *params = params_of(expr_call_arg(call, 0));
    if (params == NULL)
        return;
    const char *fields[] = {check->field};
    const Expr *asked = access_stored_field(check->function, params, fields, 1, call->loc);
    if (asked == NULL || asked->kind != EXPR_INT || asked->int_value != check->version)
        return;
    uint8_t site = site_of(check, call);
    if (site == 0)
        return;
    s->connected = C_CONNECTED;
    s->site = site;
    s->params_var = (int32_t)params->index;
    const Expr *e = node->expr;
    if (node->kind == CFG_DECL && node->var != NULL && e == call)
        s->status_var = (int32_t)node->var->index;
    else if (e != NULL && e->kind == EXPR_ASSIGN && e->op == OP_ASSIGN && e->kid_count == 2 &&
             e->kids[1] == call && e->kids[0]->kind == EXPR_VAR &&
             e->kids[0]->var->scope == VAR_LOCAL)
        s->status_var = (int32_t)e->kids[0]->var->index;
    else if (node->kind == CFG_BRANCH)
        s->in_branch = 1;
}

static void path_ends(Check *check, const CfgNode *node, const VersionState *s)
{
    if ((s->connected != C_CONNECTED && s->connected != C_SUCCEEDED) || s->examined ||
        s->site == 0)
        return;
    size_t i = s->site - 1u;
    if (!check->unread[i]) {
        check->unread[i] = true;
        check->unread_exit[i] = node->loc;
    }
}

static bool transfer(void *data, const CfgNode *node, void *raw, PathForks *forks)
{
    (void)forks;
    Check *check = data;
    VersionState *s = raw;
    if (node->kind != CFG_BRANCH)
        s->in_branch = 0;
    const Expr *call = find_connect(check, node->expr);
    NodeScan scan = {check, s, call, NULL};
    if (call != NULL)
        apply_connect(check, node, call, s);
    else
        scan_reads(&scan, node->expr, false);
    if (node->kind == CFG_RETURN || node->kind == CFG_FALL_OFF)
        path_ends(check, node, s);
    return true;
}

/* What `operand op k` coming out as `want` says of the status: 1 success,
 * 0 failure, -1 nothing. NT_SUCCESS(x) is `x >= 0`. */
static int status_learned(Operator op, int64_t k, bool want)
{
    if (k != 0)
        return -1;
    switch (op) {
    case OP_GE: return want ? 1 : 0;
    case OP_LT: return want ? 0 : 1;
    case OP_EQ: return want ? 1 : 0;
    case OP_NE: return want ? 0 : 1;
    default: return -1;
    }
}

static bool assume(void *data, const CfgNode *node, const CfgEdge *edge, void *raw)
{
    (void)data;
    VersionState *s = raw;
    if (node->kind != CFG_BRANCH || node->expr == NULL || s->connected == C_NONE)
        return true;
    const Expr *cond = node->expr;
    const Expr *operand = cond;
    Operator op = OP_NE;
    int64_t k = 0;
    if (cond->kind == EXPR_BINARY && cond->kid_count == 2 && cond->kids[1]->kind == EXPR_INT) {
        operand = cond->kids[0];
        op = cond->op;
        k = cond->kids[1]->int_value;
    }
    bool about_status =
        (operand->kind == EXPR_VAR && operand->var->scope == VAR_LOCAL &&
         (int32_t)operand->var->index == s->status_var) ||
        (s->in_branch && operand->kind == EXPR_CALL);
    if (!about_status)
        return true;
    int learned = status_learned(op, k, edge->kind == EDGE_TRUE);
    if (learned < 0)
        return true;
    uint8_t now = learned ? C_SUCCEEDED : C_FAILED;
    if ((s->connected == C_SUCCEEDED || s->connected == C_FAILED) && s->connected != now)
        return false;
    s->connected = now;
    return true;
}

static bool calls_connect(Function *f, void *data)
{
    const Check *base = data;
    return function_calls(f, base->connect);
}

static void check_function(const RuleContext *ctx, const Function *f, Check *check);

/* Each function that connects, with a fresh Check of its own. */
static void check_definition(const Function *f, void *data)
{
    const Check *base = data;
    Check check = *base;
    check.function = f;
    check_function(base->ctx, f, &check);
}

static void check_function(const RuleContext *ctx, const Function *f, Check *check)
{
    Cfg *cfg = cfg_build(f);
    if (cfg == NULL)
        return;
    bool ok = !cfg->incomplete;
    if (ok) {
        PathAnalysis analysis = {sizeof(VersionState), check, entry_state, transfer, assume};
        ok = paths_run(cfg, &analysis, RULE_MAX_PATH_STATES) == PATHS_COMPLETE;
    }
    cfg_free(cfg);
    if (!ok) {
        tool_message_add(ctx->messages, LEVEL_WARNING, f->loc,
                         "%s: the paths of %s could not all be followed; it was not checked",
                         ctx->rule->id, f->name);
        return;
    }
    for (size_t i = 0; i < check->site_count; i++) {
        if (!check->unread[i])
            continue;
        Finding *finding = finding_add(
            ctx->findings, ctx->rule, check->sites[i]->loc, f->name,
            "%s asks for CONNECT_MESSAGE_BASED, but a path on which it succeeds never reads "
            "%s of its parameters, which says whether the message routine or the "
            "line-based fallback was connected",
            check->connect, check->field);
        finding_add_note(finding, check->unread_exit[i],
                         "this path returns without reading %s", check->field);
    }
}

void rule_wdm001_connect_version_examined(const RuleContext *ctx)
{
    const char *connect = rule_param_first(ctx->rule, "connect");
    const char *field = rule_param_first(ctx->rule, "versionField");
    const char *version = rule_param_first(ctx->rule, "messageBasedVersion");
    if (connect == NULL || field == NULL || version == NULL)
        return;
    const char *ddis[] = {connect, NULL};
    const char *fields[] = {field, NULL};
    DamageRoots roots = {ddis, fields, NULL, false, true};
    DamageScope scope;
    damage_scope_build(&scope, ctx->program, &roots);
    Check base;
    memset(&base, 0, sizeof(base));
    base.ctx = ctx;
    base.connect = connect;
    base.field = field;
    base.version = strtoll(version, NULL, 0);
    rules_each_judged_definition(ctx, &scope, calls_connect, check_definition, &base);
    damage_scope_free(&scope);
}
