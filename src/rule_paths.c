/* rule_paths.c - the path-state engine; see rule_paths.h. */
#include "rule_paths.h"
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct PathForks {
    size_t state_size;
    unsigned char *states;
    size_t count;
    size_t capacity;
};

/* The distinct states seen at one node, with a hash table of their
 * indexes (open addressing; 0 is empty, else index + 1) so that a state
 * is found again in constant time however many there are. */
typedef struct NodeStates {
    unsigned char *states;
    size_t count;
    size_t capacity;
    uint32_t *table;
    size_t table_size;  /* a power of two, at least twice count */
} NodeStates;

/* A pending (node, state index) pair. */
typedef struct WorkItem {
    unsigned node;
    size_t state;
} WorkItem;

typedef struct Engine {
    const Cfg *cfg;
    const PathAnalysis *analysis;
    size_t max_states;
    NodeStates *seen;
    WorkItem *work;
    size_t work_count;
    size_t work_capacity;
    bool too_many;
} Engine;

static void *grow_array(void *items, size_t *capacity, size_t count,
                        size_t size)
{
    if (count < *capacity)
        return items;
    size_t new_capacity = *capacity ? *capacity * 2 : 8;
    void *grown = realloc(items, new_capacity * size);
    if (grown == NULL)
        out_of_memory();
    *capacity = new_capacity;
    return grown;
}

void paths_fork(PathForks *forks, const void *state)
{
    forks->states = grow_array(forks->states, &forks->capacity, forks->count,
                               forks->state_size);
    memcpy(forks->states + forks->count * forks->state_size, state,
           forks->state_size);
    forks->count++;
}

static uint64_t hash_state(const unsigned char *state, size_t size)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < size; i++) {
        h ^= state[i];
        h *= 1099511628211u;
    }
    return h;
}

static void table_insert(NodeStates *seen, uint64_t hash, size_t index)
{
    size_t mask = seen->table_size - 1;
    size_t slot = (size_t)hash & mask;
    while (seen->table[slot] != 0)
        slot = (slot + 1) & mask;
    seen->table[slot] = (uint32_t)(index + 1);
}

/* Doubles the table when it is half full, re-inserting every state. */
static void table_grow(NodeStates *seen, size_t size)
{
    if (seen->table_size >= 2 * (seen->count + 1))
        return;
    size_t new_size = seen->table_size ? seen->table_size * 2 : 16;
    uint32_t *table = calloc(new_size, sizeof(*table));
    if (table == NULL)
        out_of_memory();
    free(seen->table);
    seen->table = table;
    seen->table_size = new_size;
    for (size_t i = 0; i < seen->count; i++)
        table_insert(seen, hash_state(seen->states + i * size, size), i);
}

/* Records `state` at `node` unless already there; queues it when new. */
static void arrive(Engine *e, const CfgNode *node, const void *state)
{
    size_t size = e->analysis->state_size;
    NodeStates *seen = &e->seen[node->id];
    uint64_t hash = hash_state(state, size);
    if (seen->table_size > 0) {
        size_t mask = seen->table_size - 1;
        for (size_t slot = (size_t)hash & mask; seen->table[slot] != 0;
             slot = (slot + 1) & mask) {
            size_t index = seen->table[slot] - 1;
            if (memcmp(seen->states + index * size, state, size) == 0)
                return;
        }
    }
    if (seen->count >= e->max_states) {
        e->too_many = true;
        return;
    }
    table_grow(seen, size);
    seen->states = grow_array(seen->states, &seen->capacity, seen->count, size);
    memcpy(seen->states + seen->count * size, state, size);
    table_insert(seen, hash, seen->count);
    e->work = grow_array(e->work, &e->work_capacity, e->work_count,
                         sizeof(*e->work));
    e->work[e->work_count].node = node->id;
    e->work[e->work_count].state = seen->count;
    e->work_count++;
    seen->count++;
}

/* Sends one outcome of `node` along each of its edges. */
static void leave(Engine *e, const CfgNode *node, const unsigned char *state,
                  unsigned char *scratch)
{
    size_t size = e->analysis->state_size;
    for (size_t i = 0; i < node->edge_count; i++) {
        const CfgEdge *edge = &node->edges[i];
        memcpy(scratch, state, size);
        if (e->analysis->assume != NULL && edge->kind != EDGE_NEXT &&
            !e->analysis->assume(e->analysis->ctx, node, edge, scratch))
            continue;
        arrive(e, edge->to, scratch);
    }
}

PathsResult paths_run(const Cfg *cfg, const PathAnalysis *analysis,
                      size_t max_states)
{
    Engine e;
    memset(&e, 0, sizeof(e));
    e.cfg = cfg;
    e.analysis = analysis;
    e.max_states = max_states;
    e.seen = calloc(cfg->node_count, sizeof(*e.seen));
    size_t size = analysis->state_size;
    unsigned char *state = malloc(size);
    unsigned char *scratch = malloc(size);
    if (e.seen == NULL || state == NULL || scratch == NULL)
        out_of_memory();
    PathForks forks = {size, NULL, 0, 0};

    memset(state, 0, size);
    analysis->entry(analysis->ctx, state);
    arrive(&e, cfg->entry, state);
    while (e.work_count > 0 && !e.too_many) {
        WorkItem item = e.work[--e.work_count];
        const CfgNode *node = cfg->nodes[item.node];
        memcpy(state, e.seen[item.node].states + item.state * size, size);
        forks.count = 0;
        bool alive = analysis->transfer(analysis->ctx, node, state, &forks);
        if (alive)
            leave(&e, node, state, scratch);
        for (size_t i = 0; i < forks.count; i++)
            leave(&e, node, forks.states + i * size, scratch);
    }

    for (size_t i = 0; i < cfg->node_count; i++) {
        free(e.seen[i].states);
        free(e.seen[i].table);
    }
    free(e.seen);
    free(e.work);
    free(forks.states);
    free(state);
    free(scratch);
    return e.too_many ? PATHS_TOO_MANY : PATHS_COMPLETE;
}
