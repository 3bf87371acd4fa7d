/* facts_cfg.h - a control-flow graph per function, built from its facts.
 *
 * One node per full expression, declaration, branch, switch or return.
 * Conditions are split at && and ||, ! and ?: so that each branch node
 * tests one simple condition; constant conditions (`do { } while (0)`,
 * `while (FALSE)`) become plain edges. Calls that do not return
 * (KeBugCheckEx and the like) end their path. A statement the parser could
 * not fully read is entered through a node that names it (CfgNode.damaged).
 *
 * Ownership: cfg_build() returns a graph that owns its nodes and edges;
 * cfg_free() releases it. Nodes point into the function's facts, which must
 * outlive the graph.
 */
#ifndef NDISLINT_FACTS_CFG_H
#define NDISLINT_FACTS_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"

typedef enum CfgNodeKind {
    CFG_ENTRY,
    CFG_EXIT,
    CFG_NOP,      /* a join point (loop head, label) */
    CFG_EXPR,     /* expr is evaluated */
    CFG_DECL,     /* var is declared, expr (may be NULL) initialises it */
    CFG_BRANCH,   /* expr is tested: edges EDGE_TRUE and EDGE_FALSE */
    CFG_SWITCH,   /* expr is tested: edges EDGE_CASE and EDGE_DEFAULT */
    CFG_RETURN,   /* return expr (may be NULL) */
    CFG_FALL_OFF  /* the end of the body is reached without a return */
} CfgNodeKind;

typedef enum CfgEdgeKind {
    EDGE_NEXT,
    EDGE_TRUE,
    EDGE_FALSE,
    EDGE_CASE,    /* case_value */
    EDGE_DEFAULT  /* no case matched (also when there is no default:) */
} CfgEdgeKind;

typedef struct CfgNode CfgNode;

typedef struct CfgEdge {
    CfgNode *to;
    CfgEdgeKind kind;
    int64_t case_value;
} CfgEdge;

struct CfgNode {
    unsigned id;
    CfgNodeKind kind;
    SourceLoc loc;
    const Expr *expr;
    const Var *var;
    /* CFG_NOP before a damaged statement's own nodes (or in place of a
     * dropped one): analyses decide there whether the damage touches what
     * they track. */
    const Stmt *damaged;
    CfgEdge *edges;
    size_t edge_count;
    size_t edge_capacity;
};

typedef struct Cfg {
    const Function *function;
    CfgNode **nodes;
    size_t node_count;
    size_t node_capacity;
    CfgNode *entry;
    CfgNode *exit;
    /* A goto to a label that does not exist, or a construct the graph
     * cannot follow: paths through it are not trustworthy. */
    bool incomplete;
} Cfg;

/* NULL for a function without a body. */
Cfg *cfg_build(const Function *function);
void cfg_free(Cfg *cfg);

/* True for calls that never return (KeBugCheckEx, ...). */
bool cfg_is_noreturn(const char *function_name);

#endif
