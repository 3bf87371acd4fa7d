/* facts_cfg.c - builds the control-flow graph of a function.
 *
 * The graph is built backwards: each statement is turned into nodes given
 * the node that follows it, so that breaks, continues, gotos and falls
 * through switch cases all become plain edges to known nodes.
 */
#include "facts_cfg.h"
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Calls after which a path ends. Sorted by name. */
static const char *const noreturn_functions[] = {
    "ExRaiseStatus",
    "KeBugCheck",
    "KeBugCheckEx",
    "RtlFailFast",
    "RtlRaiseStatus",
    "__fastfail",
    "abort",
    "exit",
};

bool cfg_is_noreturn(const char *function_name)
{
    if (function_name == NULL)
        return false;
    for (size_t i = 0; i < sizeof(noreturn_functions) / sizeof(noreturn_functions[0]); i++) {
        if (strcmp(noreturn_functions[i], function_name) == 0)
            return true;
    }
    return false;
}

typedef struct Label {
    const char *name;
    CfgNode *node;    /* a NOP that leads to the labelled statement */
    bool defined;
} Label;

typedef struct SwitchTargets {
    CfgNode *node;    /* the CFG_SWITCH node collecting case edges */
    bool has_default;
} SwitchTargets;

typedef struct Builder {
    Cfg *cfg;
    CfgNode *break_to;
    CfgNode *continue_to;
    CfgNode *leave_to;
    SwitchTargets *switch_targets;
    int finally_depth; /* inside the guarded block of a __try/__finally */
    Label *labels;
    size_t label_count;
    size_t label_capacity;
} Builder;

static CfgNode *new_node(Builder *b, CfgNodeKind kind, SourceLoc loc)
{
    Cfg *cfg = b->cfg;
    if (cfg->node_count == cfg->node_capacity) {
        size_t capacity = cfg->node_capacity ? cfg->node_capacity * 2 : 32;
        CfgNode **nodes = realloc(cfg->nodes, capacity * sizeof(*nodes));
        if (nodes == NULL)
            out_of_memory();
        cfg->nodes = nodes;
        cfg->node_capacity = capacity;
    }
    CfgNode *node = calloc(1, sizeof(*node));
    if (node == NULL)
        out_of_memory();
    node->id = (unsigned)cfg->node_count;
    node->kind = kind;
    node->loc = loc;
    cfg->nodes[cfg->node_count++] = node;
    return node;
}

static void add_edge(CfgNode *from, CfgNode *to, CfgEdgeKind kind, int64_t value)
{
    if (from->edge_count == from->edge_capacity) {
        size_t capacity = from->edge_capacity ? from->edge_capacity * 2 : 2;
        CfgEdge *edges = realloc(from->edges, capacity * sizeof(*edges));
        if (edges == NULL)
            out_of_memory();
        from->edges = edges;
        from->edge_capacity = capacity;
    }
    CfgEdge *edge = &from->edges[from->edge_count++];
    edge->to = to;
    edge->kind = kind;
    edge->case_value = value;
}

static CfgNode *label_node(Builder *b, const char *name, SourceLoc loc)
{
    for (size_t i = 0; i < b->label_count; i++) {
        if (strcmp(b->labels[i].name, name) == 0)
            return b->labels[i].node;
    }
    if (b->label_count == b->label_capacity) {
        size_t capacity = b->label_capacity ? b->label_capacity * 2 : 8;
        Label *labels = realloc(b->labels, capacity * sizeof(*labels));
        if (labels == NULL)
            out_of_memory();
        b->labels = labels;
        b->label_capacity = capacity;
    }
    Label *label = &b->labels[b->label_count++];
    label->name = name;
    label->node = new_node(b, CFG_NOP, loc);
    label->defined = false;
    return label->node;
}

/* Does evaluating `e` call a function that never returns? */
static void find_noreturn(const Expr *e, void *ctx)
{
    bool *found = ctx;
    if (e->kind == EXPR_CALL && cfg_is_noreturn(expr_call_name(e)))
        *found = true;
}

static bool calls_noreturn(const Expr *e)
{
    bool found = false;
    expr_walk(e, find_noreturn, &found);
    return found;
}

/* Branches on `cond` to `if_true` or `if_false`, splitting && || ! ?:
 * into simple tests. Returns the first node of the test. */
static CfgNode *build_cond(Builder *b, const Expr *cond, CfgNode *if_true,
                           CfgNode *if_false)
{
    if (cond == NULL)
        return if_true;
    if (cond->kind == EXPR_INT)
        return cond->int_value != 0 ? if_true : if_false;
    if (cond->kind == EXPR_BINARY && cond->op == OP_LOG_AND) {
        CfgNode *right = build_cond(b, cond->kids[1], if_true, if_false);
        return build_cond(b, cond->kids[0], right, if_false);
    }
    if (cond->kind == EXPR_BINARY && cond->op == OP_LOG_OR) {
        CfgNode *right = build_cond(b, cond->kids[1], if_true, if_false);
        return build_cond(b, cond->kids[0], if_true, right);
    }
    if (cond->kind == EXPR_UNARY && cond->op == OP_NOT)
        return build_cond(b, cond->kids[0], if_false, if_true);
    if (cond->kind == EXPR_COND) {
        CfgNode *then_test = build_cond(b, cond->kids[1], if_true, if_false);
        CfgNode *else_test = build_cond(b, cond->kids[2], if_true, if_false);
        return build_cond(b, cond->kids[0], then_test, else_test);
    }
    CfgNode *node = new_node(b, CFG_BRANCH, cond->loc);
    node->expr = cond;
    if (calls_noreturn(cond))
        return node;
    add_edge(node, if_true, EDGE_TRUE, 0);
    add_edge(node, if_false, EDGE_FALSE, 0);
    return node;
}

static CfgNode *build_stmt(Builder *b, const Stmt *s, CfgNode *next);

static CfgNode *build_sequence(Builder *b, Stmt *const *kids, size_t count,
                               CfgNode *next)
{
    for (size_t i = count; i > 0; i--)
        next = build_stmt(b, kids[i - 1], next);
    return next;
}

static CfgNode *build_expr_node(Builder *b, CfgNodeKind kind, const Stmt *s,
                                const Expr *e, CfgNode *next)
{
    CfgNode *node = new_node(b, kind, s->loc);
    node->expr = e;
    node->var = s->var;
    if (!calls_noreturn(e))
        add_edge(node, next, EDGE_NEXT, 0);
    return node;
}

static CfgNode *build_loop_body(Builder *b, const Stmt *body, CfgNode *next,
                                CfgNode *break_to, CfgNode *continue_to)
{
    CfgNode *saved_break = b->break_to;
    CfgNode *saved_continue = b->continue_to;
    b->break_to = break_to;
    b->continue_to = continue_to;
    CfgNode *entry = build_stmt(b, body, next);
    b->break_to = saved_break;
    b->continue_to = saved_continue;
    return entry;
}

static CfgNode *build_while(Builder *b, const Stmt *s, CfgNode *next)
{
    CfgNode *head = new_node(b, CFG_NOP, s->loc);
    const Stmt *body = s->kid_count > 0 ? s->kids[0] : NULL;
    CfgNode *body_entry = build_loop_body(b, body, head, next, head);
    add_edge(head, build_cond(b, s->expr, body_entry, next), EDGE_NEXT, 0);
    return head;
}

static CfgNode *build_do(Builder *b, const Stmt *s, CfgNode *next)
{
    CfgNode *body_start = new_node(b, CFG_NOP, s->loc);
    CfgNode *test = build_cond(b, s->expr, body_start, next);
    const Stmt *body = s->kid_count > 0 ? s->kids[0] : NULL;
    CfgNode *body_entry = build_loop_body(b, body, test, next, test);
    add_edge(body_start, body_entry, EDGE_NEXT, 0);
    return body_start;
}

static CfgNode *build_for(Builder *b, const Stmt *s, CfgNode *next)
{
    CfgNode *head = new_node(b, CFG_NOP, s->loc);
    CfgNode *increment = head;
    if (s->expr2 != NULL) {
        increment = new_node(b, CFG_EXPR, s->expr2->loc);
        increment->expr = s->expr2;
        add_edge(increment, head, EDGE_NEXT, 0);
    }
    const Stmt *body = s->kid_count > 1 ? s->kids[1] : NULL;
    CfgNode *body_entry = build_loop_body(b, body, increment, next, increment);
    CfgNode *test = s->expr != NULL ? build_cond(b, s->expr, body_entry, next)
                                    : body_entry;
    add_edge(head, test, EDGE_NEXT, 0);
    const Stmt *init = s->kid_count > 0 ? s->kids[0] : NULL;
    return build_stmt(b, init, head);
}

static CfgNode *build_switch(Builder *b, const Stmt *s, CfgNode *next)
{
    CfgNode *node = new_node(b, CFG_SWITCH, s->loc);
    node->expr = s->expr;
    SwitchTargets targets = {node, false};
    SwitchTargets *saved_targets = b->switch_targets;
    CfgNode *saved_break = b->break_to;
    b->switch_targets = &targets;
    b->break_to = next;
    const Stmt *body = s->kid_count > 0 ? s->kids[0] : NULL;
    (void)build_stmt(b, body, next);
    b->switch_targets = saved_targets;
    b->break_to = saved_break;
    if (!targets.has_default)
        add_edge(node, next, EDGE_DEFAULT, 0);
    return node;
}

static CfgNode *build_case(Builder *b, const Stmt *s, CfgNode *next)
{
    const Stmt *body = s->kid_count > 0 ? s->kids[0] : NULL;
    CfgNode *entry = build_stmt(b, body, next);
    SwitchTargets *targets = b->switch_targets;
    if (targets == NULL)
        return entry;
    if (s->expr == NULL) {
        targets->has_default = true;
        add_edge(targets->node, entry, EDGE_DEFAULT, 0);
    } else if (s->expr->kind == EXPR_INT) {
        add_edge(targets->node, entry, EDGE_CASE, s->expr->int_value);
    } else {
        /* A case value that is not a known constant: reachable, but no
         * value can be assumed on the way. */
        add_edge(targets->node, entry, EDGE_NEXT, 0);
    }
    return entry;
}

static CfgNode *build_try(Builder *b, const Stmt *s, CfgNode *next)
{
    const Stmt *guarded = s->kid_count > 0 ? s->kids[0] : NULL;
    const Stmt *handler = s->kid_count > 1 ? s->kids[1] : NULL;
    CfgNode *saved_leave = b->leave_to;
    CfgNode *entry;
    if (s->is_finally) {
        /* __finally runs after the guarded block, however it is left by
         * __leave or by falling through. */
        CfgNode *finally_entry = build_stmt(b, handler, next);
        b->leave_to = finally_entry;
        b->finally_depth++;
        entry = build_stmt(b, guarded, finally_entry);
        b->finally_depth--;
    } else {
        /* __except: the handler may run from anywhere in the block; model
         * it as reachable from the block's start or its end. */
        CfgNode *handler_entry = build_stmt(b, handler, next);
        b->leave_to = next;
        CfgNode *guarded_entry = build_stmt(b, guarded, next);
        entry = new_node(b, CFG_NOP, s->loc);
        add_edge(entry, guarded_entry, EDGE_NEXT, 0);
        add_edge(entry, handler_entry, EDGE_NEXT, 0);
    }
    b->leave_to = saved_leave;
    return entry;
}

static CfgNode *build_stmt_itself(Builder *b, const Stmt *s, CfgNode *next);

static CfgNode *build_stmt(Builder *b, const Stmt *s, CfgNode *next)
{
    if (s == NULL || s->damage == NULL)
        return build_stmt_itself(b, s, next);
    CfgNode *entry = new_node(b, CFG_NOP, s->damage->error_loc);
    entry->damaged = s;
    add_edge(entry, build_stmt_itself(b, s, next), EDGE_NEXT, 0);
    return entry;
}

static CfgNode *build_stmt_itself(Builder *b, const Stmt *s, CfgNode *next)
{
    if (s == NULL)
        return next;
    switch (s->kind) {
    case STMT_NULL:
        return next;
    case STMT_COMPOUND:
    case STMT_OTHER:
        return build_sequence(b, s->kids, s->kid_count, next);
    case STMT_EXPR:
        return build_expr_node(b, CFG_EXPR, s, s->expr, next);
    case STMT_DECL:
        return build_expr_node(b, CFG_DECL, s, s->expr, next);
    case STMT_IF: {
        CfgNode *then_entry = build_stmt(b, s->kids[0], next);
        CfgNode *else_entry = build_stmt(b, s->kids[1], next);
        return build_cond(b, s->expr, then_entry, else_entry);
    }
    case STMT_SWITCH:
        return build_switch(b, s, next);
    case STMT_CASE:
        return build_case(b, s, next);
    case STMT_WHILE:
        return build_while(b, s, next);
    case STMT_DO:
        return build_do(b, s, next);
    case STMT_FOR:
        return build_for(b, s, next);
    case STMT_BREAK:
        if (b->break_to == NULL) {
            b->cfg->incomplete = true;
            return next;
        }
        return b->break_to;
    case STMT_CONTINUE:
        if (b->continue_to == NULL) {
            b->cfg->incomplete = true;
            return next;
        }
        return b->continue_to;
    case STMT_LEAVE:
        if (b->leave_to == NULL) {
            b->cfg->incomplete = true;
            return next;
        }
        return b->leave_to;
    case STMT_GOTO:
        return label_node(b, s->label, s->loc);
    case STMT_LABEL: {
        CfgNode *node = label_node(b, s->label, s->loc);
        const Stmt *body = s->kid_count > 0 ? s->kids[0] : NULL;
        add_edge(node, build_stmt(b, body, next), EDGE_NEXT, 0);
        for (size_t i = 0; i < b->label_count; i++) {
            if (b->labels[i].node == node)
                b->labels[i].defined = true;
        }
        return node;
    }
    case STMT_RETURN: {
        /* A return inside __try runs the __finally block on its way out;
         * that path is not modelled, so the graph says it is incomplete. */
        if (b->finally_depth > 0)
            b->cfg->incomplete = true;
        CfgNode *node = new_node(b, CFG_RETURN, s->loc);
        node->expr = s->expr;
        if (!calls_noreturn(s->expr))
            add_edge(node, b->cfg->exit, EDGE_NEXT, 0);
        return node;
    }
    case STMT_TRY:
        return build_try(b, s, next);
    }
    return next;
}

Cfg *cfg_build(const Function *function)
{
    if (function == NULL || function->body == NULL)
        return NULL;
    Cfg *cfg = calloc(1, sizeof(*cfg));
    if (cfg == NULL)
        out_of_memory();
    cfg->function = function;
    Builder b;
    memset(&b, 0, sizeof(b));
    b.cfg = cfg;
    cfg->exit = new_node(&b, CFG_EXIT, function->end_loc);
    CfgNode *fall_off = new_node(&b, CFG_FALL_OFF, function->end_loc);
    add_edge(fall_off, cfg->exit, EDGE_NEXT, 0);
    cfg->entry = new_node(&b, CFG_ENTRY, function->loc);
    add_edge(cfg->entry, build_stmt(&b, function->body, fall_off), EDGE_NEXT, 0);
    for (size_t i = 0; i < b.label_count; i++) {
        if (!b.labels[i].defined)
            cfg->incomplete = true;
    }
    free(b.labels);
    return cfg;
}

void cfg_free(Cfg *cfg)
{
    if (cfg == NULL)
        return;
    for (size_t i = 0; i < cfg->node_count; i++) {
        free(cfg->nodes[i]->edges);
        free(cfg->nodes[i]);
    }
    free(cfg->nodes);
    free(cfg);
}
