/* rule_paths.h - follows every path through a function's control-flow
 * graph, carrying a small state per path.
 *
 * A rule describes its state as a fixed-size block of bytes and gives
 * three functions: the state at entry, the effect of a node, and what
 * taking a branch edge says about the state. Paths are not merged: two
 * paths join only when their states are byte-for-byte equal, so a rule
 * sees each distinct situation separately (path-sensitive), and the number
 * of distinct states per node is bounded. States must therefore be fully
 * initialised, padding included (use memset).
 */
#ifndef NDISLINT_RULE_PATHS_H
#define NDISLINT_RULE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "facts_cfg.h"

typedef struct PathForks PathForks;

typedef struct PathAnalysis {
    size_t state_size;
    void *ctx;
    void (*entry)(void *ctx, void *state);
    /* Applies `node` to `state` in place. Returns false to end the path.
     * paths_fork() adds another outcome of the same node. */
    bool (*transfer)(void *ctx, const CfgNode *node, void *state,
                     PathForks *forks);
    /* Refines `state` for leaving `node` by `edge` (branch or switch).
     * Returns false when that edge cannot be taken in this state. May be
     * NULL: every edge is possible. */
    bool (*assume)(void *ctx, const CfgNode *node, const CfgEdge *edge,
                   void *state);
} PathAnalysis;

/* Adds `state` as another result of the node being transferred. */
void paths_fork(PathForks *forks, const void *state);

typedef enum PathsResult {
    PATHS_COMPLETE,
    PATHS_TOO_MANY /* the bound on distinct states was reached: the rule
                      must not report from this function */
} PathsResult;

/* Runs the analysis to a fixed point. `max_states` bounds the distinct
 * states kept per node. */
PathsResult paths_run(const Cfg *cfg, const PathAnalysis *analysis,
                      size_t max_states);

#endif
