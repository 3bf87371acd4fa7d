/* rule_interrupt_chars.c - the characteristics structure each interrupt
 * registration receives, followed field by field (see
 * rule_interrupt_chars.h).
 *
 * For each NdisMRegisterInterruptEx call, the structure is followed along
 * every path to the call: each handler is NULL, set, or unknown. Zeroing the structure, initialisers
 * (designated or positional: fields left out are zero), member writes
 * through `.` and `->` or an alias pointer, and driver helpers that fill
 * the structure through a pointer are understood. Anything else that may
 * touch the structure makes its fields unknown, and an unknown field is
 * never reported as missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_cfg.h"
#include "rule_access_path.h"
#include "rule_paths.h"
#include "rule_interrupt_chars.h"
#include "rule_damage.h"
#include "rules.h"
#include "memory.h"

/* What is known of a handler field (or of MsiSupported) on one path. */
typedef enum FieldValue {
    FIELD_UNCHANGED, /* only inside a helper: what the caller had */
    FIELD_UNKNOWN,
    FIELD_NULL,      /* zero: no handler, or MsiSupported FALSE */
    FIELD_SET,       /* a function, or MsiSupported non-zero; for a header
                        field, a value the rule accepts */
    FIELD_OTHER      /* a header field holding a constant the rule does
                        not accept */
} FieldValue;

enum { MAX_ACCEPTED = 8 };

enum { MAX_HELPER_DEPTH = 8, MAX_HELPER_OUTCOMES = 32 };

typedef struct CharsState {
    unsigned char fields[MAX_FIELDS];
    unsigned char msi_source; /* MsiSupported was copied from this access
                                 path (Follow.sources, 1-based), or 0 */
} CharsState;

/* The rule's parameters, read once from rules/NDIS002.json. */
typedef struct Params {
    const char *register_function;
    size_t chars_argument;
    const char *structure;
    const char *field_names[MAX_FIELDS];
    bool header;             /* the header fields are followed */
    /* Accepted values of Type and Revision; Size takes any non-zero
     * constant or sizeof, since its value depends on the target. */
    long long accepted[2][MAX_ACCEPTED];
    size_t accepted_count[2];
} Params;

/* What a helper does to the structure it receives: the distinct states
 * at its returns, relative to what the caller had (FIELD_UNCHANGED). */
typedef struct Summary {
    char *key;              /* "function/argument/suffix" */
    bool in_progress;
    bool known;             /* false: cannot tell, everything unknown */
    CharsState outcomes[MAX_HELPER_OUTCOMES];
    size_t outcome_count;
} Summary;

struct CharsChecker {
    const RuleContext *ctx;
    Params params;
    Summary *summaries;
    size_t summary_count;
    size_t summary_capacity;
};

typedef CharsChecker RuleState;

/* The verdict collected at one register call over all its paths. */
typedef struct CallVerdict {
    const CfgNode *node;
    CharsCall call;
} CallVerdict;

/* One walk of a function, following one object. */
typedef struct Follow {
    RuleState *rule;
    const Function *function;
    const char *object;      /* access path of the structure */
    int depth;
    bool is_helper;          /* inside a helper: collect exit states */
    Summary *summary;
    bool summary_overflow;
    CallVerdict *verdicts;   /* at the register calls (caller only) */
    size_t verdict_count;
    /* Local pointers that always hold the structure's address. */
    const Var *aliases[16];
    size_t alias_count;
    /* Where MsiSupported values came from (`chars.MsiSupported = msi`), so
     * that a later `if (msi)` says what MsiSupported is on each branch. */
    char sources[8][ACCESS_PATH_MAX];
    size_t source_count;
} Follow;

static void set_all(CharsState *state, FieldValue value)
{
    memset(state->fields, value, sizeof(state->fields));
    state->msi_source = 0;
}

static bool params_load(const RuleInfo *rule, Params *params)
{
    memset(params, 0, sizeof(*params));
    params->register_function = rule_param_first(rule, "registerFunction");
    params->structure = rule_param_first(rule, "structure");
    const char *argument = rule_param_first(rule, "characteristicsArgument");
    size_t line_count = 0;
    size_t message_count = 0;
    char *const *line = rule_param(rule, "lineHandlers", &line_count);
    char *const *message = rule_param(rule, "messageHandlers", &message_count);
    const char *msi = rule_param_first(rule, "msiField");
    if (params->register_function == NULL || params->structure == NULL ||
        argument == NULL || msi == NULL || line_count != HANDLER_GROUP ||
        message_count != HANDLER_GROUP)
        return false;
    params->chars_argument = (size_t)strtoul(argument, NULL, 10);
    for (size_t i = 0; i < HANDLER_GROUP; i++) {
        params->field_names[FIELD_FIRST_LINE + i] = line[i];
        params->field_names[FIELD_FIRST_MESSAGE + i] = message[i];
    }
    params->field_names[FIELD_MSI] = msi;
    size_t header_count = 0;
    char *const *header = rule_param(rule, "headerFields", &header_count);
    if (header_count == 0)
        return true;
    if (header_count != HEADER_FIELDS)
        return false;
    params->header = true;
    for (size_t i = 0; i < HEADER_FIELDS; i++)
        params->field_names[FIELD_FIRST_HEADER + i] = header[i];
    static const char *const accepted_keys[2] = {"headerType", "headerRevision"};
    for (size_t k = 0; k < 2; k++) {
        size_t n = 0;
        char *const *values = rule_param(rule, accepted_keys[k], &n);
        if (n == 0 || n > MAX_ACCEPTED)
            return false;
        for (size_t i = 0; i < n; i++) {
            char *end = NULL;
            params->accepted[k][i] = strtoll(values[i], &end, 0);
            if (end == values[i] || *end != '\0')
                return false;
        }
        params->accepted_count[k] = n;
    }
    return true;
}

static int field_index(const Params *params, const char *name)
{
    for (int i = 0; i < MAX_FIELDS; i++) {
        if (name != NULL && params->field_names[i] != NULL &&
            strcmp(params->field_names[i], name) == 0)
            return i;
    }
    return -1;
}

static FieldValue handler_value_of(const Expr *e);

/* The value header field `field` takes from `e`. */
static FieldValue header_value_of(const Params *params, int field, const Expr *e)
{
    int k = field - FIELD_FIRST_HEADER;
    if (e != NULL && e->kind == EXPR_SIZEOF)
        return k == 2 ? FIELD_SET : FIELD_UNKNOWN;
    if (e == NULL || e->kind != EXPR_INT)
        return FIELD_UNKNOWN;
    if (e->int_value == 0)
        return FIELD_NULL;
    if (k == 2)
        return FIELD_SET;
    for (size_t i = 0; i < params->accepted_count[k]; i++)
        if (params->accepted[k][i] == e->int_value)
            return FIELD_SET;
    return FIELD_OTHER;
}

/* The value field `field` takes from `e`. */
static FieldValue value_of(const Params *params, int field, const Expr *e)
{
    if (field >= FIELD_FIRST_HEADER)
        return header_value_of(params, field, e);
    return handler_value_of(e);
}

/* The value a handler field (or MsiSupported) takes from `e`. */
static FieldValue handler_value_of(const Expr *e)
{
    if (e == NULL)
        return FIELD_UNKNOWN;
    if (e->kind == EXPR_INT)
        return e->int_value == 0 ? FIELD_NULL : FIELD_SET;
    if (e->kind == EXPR_FUNC)
        return FIELD_SET;
    if (e->kind == EXPR_UNARY && e->op == OP_ADDR && e->kids[0]->kind == EXPR_FUNC)
        return FIELD_SET;
    return FIELD_UNKNOWN;
}

/* ---- which object does an expression reach? ----------------------------- */

static bool is_alias(const Follow *follow, const Var *var)
{
    for (size_t i = 0; i < follow->alias_count; i++) {
        if (follow->aliases[i] == var)
            return true;
    }
    return false;
}

/* The path of the object `e` points to, with alias pointers replaced by
 * the structure they point to. */
static bool pointee_path(const Follow *follow, const Expr *e, char *buf, size_t size)
{
    if (e != NULL && e->kind == EXPR_VAR && is_alias(follow, e->var)) {
        snprintf(buf, size, "%s", follow->object);
        return true;
    }
    return access_path_deref(e, buf, size);
}

/* The path of an lvalue, with `alias->F` read as `object.F` and
 * `alias->F.G` as `object.F.G`. */
static bool lvalue_path(const Follow *follow, const Expr *e, char *buf, size_t size)
{
    const char *names[8];
    size_t depth = 0;
    const Expr *m = e;
    while (m != NULL && m->kind == EXPR_MEMBER && m->kid_count == 1 && depth < 8) {
        names[depth++] = m->name;
        if (m->arrow) {
            if (m->kids[0]->kind != EXPR_VAR || !is_alias(follow, m->kids[0]->var))
                break;
            int n = snprintf(buf, size, "%s", follow->object);
            for (size_t i = depth; n > 0 && (size_t)n < size && i-- > 0;)
                n += snprintf(buf + n, size - (size_t)n, ".%s", names[i]);
            return n > 0 && (size_t)n < size;
        }
        m = m->kids[0];
    }
    return access_path(e, buf, size);
}

/* The field of the followed structure that `path` names, -1 for another
 * place inside it or outside it. */
static int field_of_object(const Follow *follow, const char *path)
{
    size_t length = strlen(follow->object);
    if (strncmp(path, follow->object, length) != 0 || path[length] != '.')
        return -1;
    return field_index(&follow->rule->params, path + length + 1);
}

/* ---- helpers: summaries --------------------------------------------------- */

static Summary *summary_of(RuleState *rule, const char *callee, const Function *caller,
                           size_t argument, const char *suffix, int depth);

/* Whether argument `i` of `call` is the structure (or an object holding
 * it, or a part of it) as an lvalue, taken by a reference parameter or by a callee whose
 * definition is not known (which may be a C++ function taking one). */
static bool passes_by_reference(const Follow *follow, const Expr *call, size_t i)
{
    char path[ACCESS_PATH_MAX];
    const Expr *arg = expr_call_arg(call, i);
    if (arg == NULL || (arg->kind != EXPR_VAR && arg->kind != EXPR_MEMBER) ||
        !access_path(arg, path, sizeof(path)) ||
        (!access_path_contains(path, follow->object) &&
         !access_path_contains(follow->object, path)))
        return false;
    const char *name = expr_call_name(call);
    const Function *callee =
        name != NULL ? program_definition_for(follow->rule->ctx->program, name, follow->function)
                     : NULL;
    if (callee == NULL)
        return true;
    return i < callee->param_count && callee->vars[i]->is_reference;
}

/* Applies a call that receives (a pointer into) the structure. */
static void apply_call_effect(Follow *follow, const Expr *call, CharsState *state,
                              PathForks *forks)
{
    const char *name = expr_call_name(call);
    size_t argc = expr_call_argc(call);
    for (size_t i = 0; i < argc; i++) {
        char target[ACCESS_PATH_MAX];
        if (!pointee_path(follow, expr_call_arg(call, i), target, sizeof(target)) ||
            !access_path_contains(target, follow->object)) {
            /* The structure itself handed to a C++ reference parameter (or
             * to a callee whose parameters are not known): it may be
             * written, and the summaries follow pointers only. */
            if (passes_by_reference(follow, call, i))
                set_all(state, FIELD_UNKNOWN);
            continue;
        }
        /* The callee receives the structure, or an object containing it:
         * what it does is known only from its summary. */
        const char *suffix = follow->object + strlen(target);
        Summary *summary = name != NULL
                               ? summary_of(follow->rule, name, follow->function, i, suffix,
                                            follow->depth + 1)
                               : NULL;
        if (summary == NULL || !summary->known || summary->outcome_count == 0) {
            set_all(state, FIELD_UNKNOWN);
            continue;
        }
        CharsState before = *state;
        for (size_t o = 0; o < summary->outcome_count; o++) {
            CharsState next = before;
            for (int f = 0; f < MAX_FIELDS; f++) {
                if (summary->outcomes[o].fields[f] != FIELD_UNCHANGED)
                    next.fields[f] = summary->outcomes[o].fields[f];
            }
            /* Sources are the helper's own names: they mean nothing here. */
            if (summary->outcomes[o].fields[FIELD_MSI] != FIELD_UNCHANGED)
                next.msi_source = 0;
            if (o == 0)
                *state = next;
            else
                paths_fork(forks, &next);
        }
    }
}

/* Zeroing calls: memset(p, 0, n), RtlZeroMemory(p, n), NdisZeroMemory(p, n)
 * and the fill variants with a zero value. */
static bool is_zeroing_call(const Expr *call)
{
    static const struct {
        const char *name;
        int value_argument; /* -1: always zero */
    } zeroers[] = {
        {"NdisFillMemory", 2}, {"NdisZeroMemory", -1}, {"RtlFillMemory", 2},
        {"RtlSecureZeroMemory", -1}, {"RtlZeroMemory", -1}, {"ZeroMemory", -1},
        {"memset", 1},
    };
    const char *name = expr_call_name(call);
    if (name == NULL)
        return false;
    for (size_t i = 0; i < sizeof(zeroers) / sizeof(zeroers[0]); i++) {
        if (strcmp(zeroers[i].name, name) != 0)
            continue;
        if (zeroers[i].value_argument < 0)
            return true;
        const Expr *value = expr_call_arg(call, (size_t)zeroers[i].value_argument);
        return value != NULL && value->kind == EXPR_INT && value->int_value == 0;
    }
    return false;
}

/* ---- the walk ------------------------------------------------------------- */

typedef struct EffectWalk {
    Follow *follow;
    CharsState *state;
    PathForks *forks;
} EffectWalk;

/* `.Header = { ... }` inside the structure's initialiser: the header
 * fields ("Header.Type") from the inner list; anything else that writes
 * the header (`.Header = saved`) leaves them unknown. */
static void apply_header_initialiser(const Params *params, const char *designator,
                                     const Expr *value, CharsState *state)
{
    size_t length = strlen(designator);
    for (int f = FIELD_FIRST_HEADER; f < MAX_FIELDS; f++) {
        const char *name = params->field_names[f];
        if (strncmp(name, designator, length) != 0 || name[length] != '.')
            continue;
        FieldValue v = FIELD_UNKNOWN;
        if (value != NULL && value->kind == EXPR_INIT_LIST) {
            v = FIELD_NULL;
            for (size_t i = 0; i < value->kid_count; i++)
                if (value->designators[i] != NULL &&
                    strcmp(value->designators[i], name + length + 1) == 0)
                    v = value_of(params, f, value->kids[i]);
        }
        state->fields[f] = (unsigned char)v;
    }
}

static void apply_initialiser(Follow *follow, const Expr *init, CharsState *state)
{
    if (init == NULL) {
        set_all(state, FIELD_UNKNOWN);
        return;
    }
    if (init->kind != EXPR_INIT_LIST) {
        set_all(state, FIELD_UNKNOWN);
        return;
    }
    /* Fields an initialiser list leaves out are zero. */
    set_all(state, FIELD_NULL);
    const Params *params = &follow->rule->params;
    for (size_t i = 0; i < init->kid_count; i++) {
        int field = field_index(params, init->designators[i]);
        if (field >= 0)
            state->fields[field] = (unsigned char)value_of(params, field, init->kids[i]);
        else if (params->header && init->designators[i] != NULL)
            apply_header_initialiser(params, init->designators[i], init->kids[i], state);
    }
}

/* The id of the access path `e` (a variable or field MsiSupported is
 * copied from), interned in the follow; 0 when `e` is not one. */
static unsigned char source_id(Follow *follow, const Expr *e)
{
    char path[ACCESS_PATH_MAX];
    if (e == NULL || (e->kind != EXPR_VAR && e->kind != EXPR_MEMBER) ||
        !access_path(e, path, sizeof(path)))
        return 0;
    for (size_t i = 0; i < follow->source_count; i++) {
        if (strcmp(follow->sources[i], path) == 0)
            return (unsigned char)(i + 1);
    }
    if (follow->source_count == sizeof(follow->sources) / sizeof(follow->sources[0]))
        return 0;
    snprintf(follow->sources[follow->source_count], ACCESS_PATH_MAX, "%s", path);
    return (unsigned char)++follow->source_count;
}

static void apply_assignment(Follow *follow, const Expr *e, CharsState *state)
{
    char path[ACCESS_PATH_MAX];
    if (!lvalue_path(follow, e->kids[0], path, sizeof(path)))
        return;
    int field = field_of_object(follow, path);
    if (field >= 0) {
        state->fields[field] =
            (unsigned char)(e->op == OP_ASSIGN
                                ? value_of(&follow->rule->params, field, e->kids[1])
                                : FIELD_UNKNOWN);
        if (field == FIELD_MSI)
            state->msi_source = e->op == OP_ASSIGN ? source_id(follow, e->kids[1]) : 0;
    } else if (access_path_contains(path, follow->object)) {
        /* The whole structure (or what holds it) is overwritten. */
        if (strcmp(path, follow->object) == 0)
            apply_initialiser(follow, e->kids[1], state);
        else
            set_all(state, FIELD_UNKNOWN);
    } else if (follow->rule->params.header && access_path_contains(follow->object, path)) {
        /* A part of it: the header as a whole (`chars.Header = saved`). */
        apply_header_initialiser(&follow->rule->params, path + strlen(follow->object) + 1,
                                 e->op == OP_ASSIGN ? e->kids[1] : NULL, state);
    }
}

static void apply_effect(const Expr *e, void *data)
{
    EffectWalk *walk = data;
    Follow *follow = walk->follow;
    if (e->kind == EXPR_ASSIGN) {
        apply_assignment(follow, e, walk->state);
    } else if (e->kind == EXPR_CALL) {
        const char *name = expr_call_name(e);
        if (name != NULL && strcmp(name, follow->rule->params.register_function) == 0)
            return; /* judged, not applied: it only reads the structure */
        char target[ACCESS_PATH_MAX];
        if (is_zeroing_call(e) &&
            pointee_path(follow, expr_call_arg(e, 0), target, sizeof(target)) &&
            access_path_contains(target, follow->object)) {
            set_all(walk->state, FIELD_NULL);
            return;
        }
        apply_call_effect(follow, e, walk->state, walk->forks);
    }
}

static void judge_call(Follow *follow, const CfgNode *node, const CharsState *state)
{
    CallVerdict *verdict = NULL;
    /* The walk builds its own graph of the function: nodes are matched by
     * id, which is the same for every build of one function. */
    for (size_t i = 0; i < follow->verdict_count; i++) {
        if (follow->verdicts[i].node->id == node->id)
            verdict = &follow->verdicts[i];
    }
    if (verdict == NULL)
        return;
    verdict->call.reached = true;
    bool message_set = false;
    for (int i = 0; i < HANDLER_GROUP; i++)
        message_set = message_set || state->fields[FIELD_FIRST_MESSAGE + i] == FIELD_SET;
    /* MsiSupported provably FALSE: a line-based registration, whatever
     * message handlers are set (those are a warning of their own). */
    bool msi_false = state->fields[FIELD_MSI] == FIELD_NULL;
    bool msi_requested = !msi_false;
    int required = msi_requested ? 2 * HANDLER_GROUP : HANDLER_GROUP;
    for (int i = 0; i < required; i++) {
        if (state->fields[i] == FIELD_NULL)
            verdict->call.missing |= 1u << i;
    }
    if (msi_false && message_set)
        verdict->call.message_without_msi = true;
    for (int i = 0; follow->rule->params.header && i < HEADER_FIELDS; i++) {
        unsigned char v = state->fields[FIELD_FIRST_HEADER + i];
        if (v == FIELD_NULL)
            verdict->call.header_zero |= 1u << i;
        else if (v == FIELD_OTHER)
            verdict->call.header_other |= 1u << i;
    }
    if (msi_requested)
        verdict->call.msi_requested = true;
}

/* Is `e` (a full expression of a node) the register call of this walk? */
static const Expr *register_call_in(const Follow *follow, const Expr *e)
{
    if (e == NULL)
        return NULL;
    if (e->kind == EXPR_CALL) {
        const char *name = expr_call_name(e);
        if (name != NULL && strcmp(name, follow->rule->params.register_function) == 0)
            return e;
    }
    for (size_t i = 0; i < e->kid_count; i++) {
        const Expr *found = register_call_in(follow, e->kids[i]);
        if (found != NULL)
            return found;
    }
    return NULL;
}

/* A file-scope structure starts with its initialiser (fields left out of
 * it are zero), wherever it is registered. */
static const Expr *global_initialiser(const Follow *follow)
{
    const Driver *driver = follow->rule->ctx->program->driver;
    if (strpbrk(follow->object, "#(.") != NULL)
        return NULL;
    for (size_t u = 0; u < driver->unit_count; u++) {
        for (size_t i = 0; i < driver->units[u].global_count; i++) {
            const GlobalInit *g = &driver->units[u].globals[i];
            if (strcmp(g->var->name, follow->object) == 0)
                return g->init;
        }
    }
    return NULL;
}

static void entry_state(void *data, void *raw)
{
    Follow *follow = data;
    CharsState *state = raw;
    set_all(state, follow->is_helper ? FIELD_UNCHANGED : FIELD_UNKNOWN);
    const Expr *init = follow->is_helper ? NULL : global_initialiser(follow);
    if (init != NULL)
        apply_initialiser(follow, init, state);
}

/* A test of MsiSupported (or of what it was copied from) tells its value
 * on each branch. */
static bool assume(void *data, const CfgNode *node, const CfgEdge *edge, void *raw)
{
    Follow *follow = data;
    CharsState *state = raw;
    if (node->kind != CFG_BRANCH || node->expr == NULL)
        return true;
    const Expr *operand = node->expr;
    bool nonzero_if_true = true;
    if (operand->kind == EXPR_BINARY && (operand->op == OP_EQ || operand->op == OP_NE) &&
        operand->kids[1]->kind == EXPR_INT && operand->kids[1]->int_value == 0) {
        nonzero_if_true = operand->op == OP_NE;
        operand = operand->kids[0];
    }
    char path[ACCESS_PATH_MAX];
    bool about_msi = false;
    if (lvalue_path(follow, operand, path, sizeof(path)) &&
        field_of_object(follow, path) == FIELD_MSI)
        about_msi = true;
    else if (state->msi_source != 0 && access_path(operand, path, sizeof(path)) &&
             strcmp(follow->sources[state->msi_source - 1], path) == 0)
        about_msi = true;
    if (!about_msi)
        return true;
    bool nonzero = (edge->kind == EDGE_TRUE) == nonzero_if_true;
    unsigned char now = state->fields[FIELD_MSI];
    if ((now == FIELD_NULL && nonzero) || (now == FIELD_SET && !nonzero))
        return false;
    if (now == FIELD_UNKNOWN)
        state->fields[FIELD_MSI] = nonzero ? FIELD_SET : FIELD_NULL;
    return true;
}

static void record_outcome(Follow *follow, const CharsState *state)
{
    Summary *summary = follow->summary;
    for (size_t i = 0; i < summary->outcome_count; i++) {
        if (memcmp(&summary->outcomes[i], state, sizeof(*state)) == 0)
            return;
    }
    if (summary->outcome_count == MAX_HELPER_OUTCOMES) {
        follow->summary_overflow = true;
        return;
    }
    summary->outcomes[summary->outcome_count++] = *state;
}

static bool transfer(void *data, const CfgNode *node, void *raw, PathForks *forks)
{
    Follow *follow = data;
    CharsState *state = raw;
    EffectWalk walk = {follow, state, forks};
    char path[ACCESS_PATH_MAX];
    switch (node->kind) {
    case CFG_DECL:
        if (!follow->is_helper && register_call_in(follow, node->expr) != NULL)
            judge_call(follow, node, state);
        expr_walk(node->expr, apply_effect, &walk);
        if (node->var != NULL && node->var->scope != VAR_GLOBAL) {
            snprintf(path, sizeof(path), "%s#%u", node->var->name, node->var->index);
            if (strcmp(path, follow->object) == 0)
                apply_initialiser(follow, node->expr, state);
        }
        break;
    case CFG_EXPR:
    case CFG_BRANCH:
    case CFG_SWITCH:
    case CFG_RETURN:
        if (!follow->is_helper && register_call_in(follow, node->expr) != NULL)
            judge_call(follow, node, state);
        expr_walk(node->expr, apply_effect, &walk);
        break;
    default:
        break;
    }
    if (follow->is_helper && (node->kind == CFG_RETURN || node->kind == CFG_FALL_OFF))
        record_outcome(follow, state);
    return true;
}

/* Local pointers that are only ever given the structure's address
 * (`PNDIS_MINIPORT_INTERRUPT_CHARACTERISTICS p = &chars;`). */
typedef struct AliasScan {
    Follow *follow;
    const Var *candidates[16];
    bool ruled_out[16];
    size_t count;
} AliasScan;

static void consider_alias(AliasScan *scan, const Var *var, const Expr *value)
{
    if (var == NULL || var->scope != VAR_LOCAL || !var->is_pointer)
        return;
    char target[ACCESS_PATH_MAX];
    bool to_object = value != NULL &&
                     access_path_deref(value, target, sizeof(target)) &&
                     strcmp(target, scan->follow->object) == 0;
    for (size_t i = 0; i < scan->count; i++) {
        if (scan->candidates[i] == var) {
            scan->ruled_out[i] = scan->ruled_out[i] || !to_object;
            return;
        }
    }
    if (scan->count < 16) {
        scan->candidates[scan->count] = var;
        scan->ruled_out[scan->count] = !to_object;
        scan->count++;
    }
}

static void scan_alias_expr(const Expr *e, void *data)
{
    AliasScan *scan = data;
    if (e->kind == EXPR_ASSIGN && e->kids[0]->kind == EXPR_VAR)
        consider_alias(scan, e->kids[0]->var, e->op == OP_ASSIGN ? e->kids[1] : NULL);
}

static void scan_alias_stmt(AliasScan *scan, const Stmt *s)
{
    if (s == NULL)
        return;
    if (s->kind == STMT_DECL && s->expr != NULL)
        consider_alias(scan, s->var, s->expr);
    expr_walk(s->expr, scan_alias_expr, scan);
    expr_walk(s->expr2, scan_alias_expr, scan);
    for (size_t i = 0; i < s->kid_count; i++)
        scan_alias_stmt(scan, s->kids[i]);
}

static void find_aliases(Follow *follow)
{
    AliasScan scan;
    memset(&scan, 0, sizeof(scan));
    scan.follow = follow;
    scan_alias_stmt(&scan, follow->function->body);
    for (size_t i = 0; i < scan.count; i++) {
        if (!scan.ruled_out[i] && follow->alias_count < 16)
            follow->aliases[follow->alias_count++] = scan.candidates[i];
    }
}

/* Runs the walk; false when the function's paths could not be followed. */
static bool follow_run(Follow *follow)
{
    Cfg *cfg = cfg_build(follow->function);
    if (cfg == NULL)
        return false;
    bool ok = !cfg->incomplete;
    if (ok) {
        find_aliases(follow);
        PathAnalysis analysis = {sizeof(CharsState), follow, entry_state, transfer, assume};
        ok = paths_run(cfg, &analysis, RULE_MAX_PATH_STATES) == PATHS_COMPLETE &&
             !follow->summary_overflow;
    }
    cfg_free(cfg);
    return ok;
}

static Summary *find_summary(RuleState *rule, const char *key)
{
    for (size_t i = 0; i < rule->summary_count; i++) {
        if (strcmp(rule->summaries[i].key, key) == 0)
            return &rule->summaries[i];
    }
    return NULL;
}

static Summary *summary_of(RuleState *rule, const char *callee, const Function *caller,
                           size_t argument, const char *suffix, int depth)
{
    const Function *function = damage_usable_definition(rules_chars_scope(rule->ctx),
                                                        rule->ctx->program, callee, caller, NULL);
    if (function == NULL || argument >= function->param_count || depth > MAX_HELPER_DEPTH)
        return NULL;
    /* Keyed by the definition: static functions of one name differ. */
    char key[ACCESS_PATH_MAX + 300];
    snprintf(key, sizeof(key), "%s@%p/%zu/%s", callee, (const void *)function, argument,
             suffix);
    Summary *existing = find_summary(rule, key);
    if (existing != NULL)
        return existing->in_progress ? NULL : existing;
    if (rule->summary_count == rule->summary_capacity) {
        size_t capacity = rule->summary_capacity ? rule->summary_capacity * 2 : 8;
        Summary *summaries = realloc(rule->summaries, capacity * sizeof(*summaries));
        if (summaries == NULL)
            out_of_memory();
        rule->summaries = summaries;
        rule->summary_capacity = capacity;
    }
    size_t index = rule->summary_count++;
    Summary *summary = &rule->summaries[index];
    memset(summary, 0, sizeof(*summary));
    summary->key = strdup(key);
    if (summary->key == NULL)
        out_of_memory();
    summary->in_progress = true;

    const Var *param = function->vars[argument];
    char object[ACCESS_PATH_MAX];
    snprintf(object, sizeof(object), "(*%s#%u)%s", param->name, param->index, suffix);
    /* The summary is filled through a copy: nested summaries may move the
     * array while this one is computed. */
    Summary result;
    memset(&result, 0, sizeof(result));
    Follow follow;
    memset(&follow, 0, sizeof(follow));
    follow.rule = rule;
    follow.function = function;
    follow.object = object;
    follow.depth = depth;
    follow.is_helper = true;
    follow.summary = &result;
    bool ok = follow_run(&follow);
    summary = &rule->summaries[index];
    char *saved_key = summary->key;
    *summary = result;
    summary->key = saved_key;
    summary->known = ok;
    summary->in_progress = false;
    return summary;
}

/* Checks each register call of `function`, following the structure it
 * receives. */
static void check_function(RuleState *rule, const Function *function,
                           CharsVisit visit, void *data)
{
    Cfg *cfg = cfg_build(function);
    if (cfg == NULL)
        return;
    Follow probe;
    memset(&probe, 0, sizeof(probe));
    probe.rule = rule;
    for (size_t n = 0; n < cfg->node_count; n++) {
        const CfgNode *node = cfg->nodes[n];
        const Expr *call = register_call_in(&probe, node->expr);
        if (call == NULL)
            continue;
        char object[ACCESS_PATH_MAX];
        if (!access_path_deref(expr_call_arg(call, rule->params.chars_argument),
                               object, sizeof(object))) {
            tool_message_add(rule->ctx->messages, LEVEL_NOTE, node->loc,
                             "%s: the characteristics passed to %s could not be followed",
                             rule->ctx->rule->id, rule->params.register_function);
            continue;
        }
        CallVerdict verdict;
        memset(&verdict, 0, sizeof(verdict));
        verdict.node = node;
        verdict.call.function = function;
        verdict.call.call_loc = call->loc;
        Follow follow;
        memset(&follow, 0, sizeof(follow));
        follow.rule = rule;
        follow.function = function;
        follow.object = object;
        follow.verdicts = &verdict;
        follow.verdict_count = 1;
        verdict.call.followed = follow_run(&follow);
        if (!verdict.call.followed)
            tool_message_add(rule->ctx->messages, LEVEL_WARNING, node->loc,
                             "%s: the paths of %s could not all be followed; this "
                             "call was not checked", rule->ctx->rule->id, function->name);
        visit(&verdict.call, data);
    }
    cfg_free(cfg);
}

CharsChecker *chars_checker_new(const RuleContext *ctx)
{
    CharsChecker *checker = calloc(1, sizeof(*checker));
    if (checker == NULL)
        out_of_memory();
    checker->ctx = ctx;
    if (!params_load(ctx->rule, &checker->params)) {
        tool_message_add(ctx->messages, LEVEL_ERROR, (SourceLoc){NULL, 0, 0},
                         "%s: the rule's parameters are incomplete; it did not run",
                         ctx->rule->id);
        free(checker);
        return NULL;
    }
    return checker;
}

void chars_checker_free(CharsChecker *checker)
{
    if (checker == NULL)
        return;
    for (size_t i = 0; i < checker->summary_count; i++)
        free(checker->summaries[i].key);
    free(checker->summaries);
    free(checker);
}

void chars_checker_each_call(CharsChecker *checker, CharsVisit visit, void *data)
{
    const Program *program = checker->ctx->program;
    const char *register_function = checker->params.register_function;
    for (size_t i = 0; i < program->function_count; i++) {
        /* The index tells which functions call it without reading (or
         * building the control flow of) the others. */
        const ProgramFunction *entry = &program->functions[i];
        for (size_t d = 0; d < program_definition_count(entry); d++) {
            const Function *declared = program_definition_at(entry, d);
            if (!function_calls(declared, register_function))
                continue;
            /* The definition itself: a call from its own body finds it. */
            DamageHit hit = {NULL, NULL, NULL};
            const Function *function = damage_usable_definition(
                rules_chars_scope(checker->ctx), program, entry->name, declared, &hit);
            if (function != NULL)
                check_function(checker, function, visit, data);
            else if (hit.stmt != NULL)
                rules_not_judged(checker->ctx, checker->ctx->rule->id, hit.function, &hit);
        }
    }
}

const char *chars_field_name(const CharsChecker *checker, int field)
{
    if (field < 0 || field >= MAX_FIELDS)
        return NULL;
    return checker->params.field_names[field];
}

const char *chars_register_function(const CharsChecker *checker)
{
    return checker->params.register_function;
}
