/* facts.c - the driver container and small helpers over expressions. */
#include "facts.h"
#include "facts_store.h"
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void driver_init(Driver *driver)
{
    memset(driver, 0, sizeof(*driver));
    arena_init(&driver->arena);
}

static void string_table_free(StringTable *table)
{
    free(table->items);
    free(table->slots);
}

void driver_free(Driver *driver)
{
    body_store_close(driver->store);
    free(driver->units);
    string_table_free(&driver->paths);
    string_table_free(&driver->names);
    arena_free(&driver->arena);
    memset(driver, 0, sizeof(*driver));
}

TranslationFacts *driver_add_unit(Driver *driver, const char *main_file)
{
    if (driver->unit_count == driver->unit_capacity) {
        size_t capacity = driver->unit_capacity ? driver->unit_capacity * 2 : 8;
        TranslationFacts *units =
            realloc(driver->units, capacity * sizeof(*units));
        if (units == NULL) {
            fprintf(stderr, "ndislint: out of memory\n");
            abort();
        }
        driver->units = units;
        driver->unit_capacity = capacity;
    }
    TranslationFacts *unit = &driver->units[driver->unit_count++];
    memset(unit, 0, sizeof(*unit));
    unit->main_file = arena_strdup(&driver->arena, main_file);
    return unit;
}

static uint64_t hash_text(const char *text)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return h;
}

/* Re-inserts every item into a table twice as large when it is half
 * full, so that a lookup stays one or two probes however many items. */
static void grow_slots(StringTable *table)
{
    if (table->slot_count >= 2 * (table->count + 1))
        return;
    size_t size = table->slot_count ? table->slot_count * 2 : 64;
    uint32_t *slots = checked_alloc(calloc(size, sizeof(*slots)));
    for (size_t i = 0; i < table->count; i++) {
        size_t slot = (size_t)hash_text(table->items[i]) & (size - 1);
        while (slots[slot] != 0)
            slot = (slot + 1) & (size - 1);
        slots[slot] = (uint32_t)(i + 1);
    }
    free(table->slots);
    table->slots = slots;
    table->slot_count = size;
}

static const char *intern(StringTable *table, Arena *arena, const char *text)
{
    grow_slots(table);
    size_t mask = table->slot_count - 1;
    size_t slot = (size_t)hash_text(text) & mask;
    for (; table->slots[slot] != 0; slot = (slot + 1) & mask) {
        const char *known = table->items[table->slots[slot] - 1];
        if (strcmp(known, text) == 0)
            return known;
    }
    if (table->count == table->capacity) {
        table->capacity = table->capacity ? table->capacity * 2 : 32;
        table->items = xrealloc(table->items, table->capacity, sizeof(*table->items));
    }
    const char *copy = arena_strdup(arena, text);
    table->items[table->count++] = copy;
    table->slots[slot] = (uint32_t)table->count;
    return copy;
}

const char *driver_intern_path(Driver *driver, const char *path)
{
    return intern(&driver->paths, &driver->arena, path);
}

const char *driver_intern_name(Driver *driver, const char *name)
{
    return intern(&driver->names, &driver->arena, name);
}

void driver_append_unit(Driver *driver, const TranslationFacts *unit)
{
    TranslationFacts *copy = driver_add_unit(driver, NULL);
    *copy = *unit;
    for (size_t i = 0; i < copy->function_count; i++)
        copy->functions[i]->unit = driver->unit_count - 1;
}

const char *expr_call_name(const Expr *call)
{
    if (call == NULL || call->kind != EXPR_CALL || call->kid_count == 0)
        return NULL;
    const Expr *callee = call->kids[0];
    if (callee != NULL && callee->kind == EXPR_FUNC)
        return callee->name;
    return NULL;
}

size_t expr_call_argc(const Expr *call)
{
    if (call == NULL || call->kind != EXPR_CALL || call->kid_count == 0)
        return 0;
    return call->kid_count - 1;
}

const Expr *expr_call_arg(const Expr *call, size_t i)
{
    if (i >= expr_call_argc(call))
        return NULL;
    return call->kids[i + 1];
}

void expr_walk(const Expr *e, ExprVisitor visit, void *ctx)
{
    if (e == NULL)
        return;
    visit(e, ctx);
    for (size_t i = 0; i < e->kid_count; i++)
        expr_walk(e->kids[i], visit, ctx);
}

void stmt_walk_exprs(const Stmt *s, ExprVisitor visit, void *ctx)
{
    if (s == NULL)
        return;
    expr_walk(s->expr, visit, ctx);
    expr_walk(s->expr2, visit, ctx);
    for (size_t i = 0; i < s->kid_count; i++)
        stmt_walk_exprs(s->kids[i], visit, ctx);
}

/* ---- the index of a function ------------------------------------------ */

typedef struct IndexWalk {
    const char **names;
    size_t count;
    size_t capacity;
    size_t function_nodes; /* EXPR_FUNC anywhere */
    size_t callee_nodes;   /* EXPR_FUNC as the callee of a call */
} IndexWalk;

static void index_name(IndexWalk *walk, const char *name)
{
    for (size_t i = 0; i < walk->count; i++) {
        if (strcmp(walk->names[i], name) == 0)
            return;
    }
    if (walk->count == walk->capacity) {
        walk->capacity = walk->capacity ? walk->capacity * 2 : 16;
        walk->names = xrealloc(walk->names, walk->capacity, sizeof(*walk->names));
    }
    walk->names[walk->count++] = name;
}

static void index_expr(const Expr *e, void *data)
{
    IndexWalk *walk = data;
    if (e->kind == EXPR_FUNC)
        walk->function_nodes++;
    const char *callee = expr_call_name(e);
    if (callee != NULL) {
        walk->callee_nodes++;
        index_name(walk, callee);
    }
}

/* A walk of the body: the callees, and whether any function is named
 * other than as a callee (then it is used as a value). */
static void index_body(const Function *f, IndexWalk *walk)
{
    memset(walk, 0, sizeof(*walk));
    stmt_walk_exprs(f->body, index_expr, walk);
}

void function_index(Function *f, Arena *arena)
{
    IndexWalk walk;
    index_body(f, &walk);
    f->callees = arena_alloc(arena, (walk.count + 1) * sizeof(*f->callees));
    for (size_t i = 0; i < walk.count; i++)
        f->callees[i] = walk.names[i];
    f->callee_count = walk.count;
    f->uses_function_values = walk.function_nodes > walk.callee_nodes;
    f->indexed = true;
    free(walk.names);
}

bool function_calls(const Function *f, const char *name)
{
    if (f == NULL || name == NULL)
        return false;
    if (!f->indexed) {
        IndexWalk walk;
        index_body(f, &walk);
        bool found = false;
        for (size_t i = 0; i < walk.count && !found; i++)
            found = strcmp(walk.names[i], name) == 0;
        free(walk.names);
        return found;
    }
    for (size_t i = 0; i < f->callee_count; i++) {
        if (strcmp(f->callees[i], name) == 0)
            return true;
    }
    return false;
}

bool function_uses_function_values(const Function *f)
{
    if (f == NULL)
        return false;
    if (f->indexed)
        return f->uses_function_values;
    IndexWalk walk;
    index_body(f, &walk);
    free(walk.names);
    return walk.function_nodes > walk.callee_nodes;
}
