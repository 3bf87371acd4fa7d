/* rule_interrupt_paths_keys.c - the names the registration path analysis gives
 * handles, flags and characteristics objects, its sites, and its violations.
 */
#include "rule_interrupt_paths_state.h"
#include "rule_access_path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memory.h"

/* ---- keys and sites --------------------------------------------------- */

/* The type-based name of the object an lvalue designates: the structure
 * that declares the last field and the field ("ADAPTER.InterruptHandle"),
 * or a local's name in this function. */
bool irq_object_key(const Expr *e, char *buf, size_t size)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_MEMBER && e->record != NULL) {
        int n = snprintf(buf, size, "%s.%s", e->record, e->name);
        return n > 0 && (size_t)n < size;
    }
    if (e->kind == EXPR_VAR) {
        int n = e->var->scope == VAR_GLOBAL
                    ? snprintf(buf, size, "%s", e->var->name)
                    : snprintf(buf, size, "local %s#%u", e->var->name, e->var->index);
        return n > 0 && (size_t)n < size;
    }
    if (e->kind == EXPR_UNARY && e->op == OP_DEREF && e->kids[0]->kind == EXPR_UNARY &&
        e->kids[0]->op == OP_ADDR)
        return irq_object_key(e->kids[0]->kids[0], buf, size);
    return false;
}

/* The key of the object `e` points to (`&a->Handle`). */
bool irq_pointee_key(const Expr *e, char *buf, size_t size)
{
    if (e != NULL && e->kind == EXPR_UNARY && e->op == OP_ADDR)
        return irq_object_key(e->kids[0], buf, size);
    return false;
}

/* ---- the resource a call names ------------------------------------------ */

/* The expression that names the resource in `call` (a call of arg->call
 * made in `function`): the argument, or the value last stored before the
 * call in one of arg->fields of the local structure the argument points
 * to; then, for an argument that holds an address (`&adapter->Handle`),
 * the place it points to. NULL when it cannot be told. */
const Expr *irq_resource_value(const Function *function, const Expr *call,
                               const ResourceArgument *arg)
{
    const Expr *value = expr_call_arg(call, (size_t)arg->argument);
    if (value == NULL)
        return NULL;
    if (arg->field_count > 0) {
        const Expr *object = value;
        if (object->kind == EXPR_UNARY && object->op == OP_ADDR && object->kid_count == 1)
            object = object->kids[0];
        if (object->kind != EXPR_VAR || object->var->scope == VAR_GLOBAL ||
            function == NULL || function->body == NULL)
            return NULL;
        value = access_stored_field(function, object->var, (const char *const *)arg->fields,
                                    arg->field_count, call->loc);
        if (value == NULL)
            return NULL;
    }
    if (!arg->address)
        return value;
    if (value->kind == EXPR_UNARY && value->op == OP_ADDR && value->kid_count == 1)
        return value->kids[0];
    return NULL;
}

/* The key of a characteristics object: as object_key, with locals named
 * by their function so that two functions' `chars` stay apart. */
bool irq_chars_key(const Function *function, const Expr *e, char *buf, size_t size)
{
    if (e != NULL && e->kind == EXPR_VAR && e->var->is_reference)
        return false; /* could name any object */
    if (e != NULL && e->kind == EXPR_VAR && e->var->scope != VAR_GLOBAL) {
        int n = snprintf(buf, size, "local %s:%s#%u", function->name, e->var->name,
                         e->var->index);
        return n > 0 && (size_t)n < size;
    }
    return irq_object_key(e, buf, size);
}

int irq_intern(char table[][KEY_MAX], size_t *count, size_t max, const char *key,
                  bool add)
{
    for (size_t i = 0; i < *count; i++) {
        if (strcmp(table[i], key) == 0)
            return (int)i;
    }
    if (!add || *count >= max)
        return -1;
    snprintf(table[*count], KEY_MAX, "%s", key);
    return (int)(*count)++;
}

int irq_handle_slot(Analysis *a, const char *key)
{
    return irq_intern(a->handles, &a->handle_count, MAX_HANDLES, key, true);
}

/* A flag can stand for the registration state only if the driver sets it
 * to a non-zero constant somewhere ("registered = TRUE"), or if it is a
 * handle's own value (tested against NULL). Assuming the value of another
 * field (a buffer pointer tested for NULL) says nothing about the handle. */
static bool is_tied(const Analysis *a, const char *key)
{
    for (size_t i = 0; i < a->handle_count; i++) {
        if (strcmp(a->handles[i], key) == 0)
            return true;
    }
    for (size_t i = 0; i < a->tied_count; i++) {
        if (strcmp(a->tied[i], key) == 0)
            return true;
    }
    return false;
}

/* The slot of a flag, interned on first use. Only fields that can stand
 * for the registration state are followed (see is_tied); `force` follows
 * a handle's own value. -1 for any other field, or when the table is full
 * (then tests of it are simply not understood). */
int irq_flag_slot(Analysis *a, const char *key, bool force)
{
    bool tied = force || is_tied(a, key);
    int slot = irq_intern(a->flags, &a->flag_count, MAX_FLAGS, key, tied);
    if (slot >= 0)
        a->flag_tied[slot] = true;
    return slot;
}

/* The chars id of the object `argument` points to; 0 when unknown. */
uint8_t irq_chars_id(const Walk *w, const Expr *argument)
{
    char key[KEY_MAX];
    if (argument == NULL || argument->kind != EXPR_UNARY || argument->op != OP_ADDR ||
        !irq_chars_key(w->function, argument->kids[0], key, sizeof(key)))
        return 0;
    Analysis *a = w->analysis;
    int id = irq_intern(a->chars, &a->chars_count, MAX_CHARS, key, true);
    return id < 0 ? 0 : (uint8_t)(id + 1);
}

uint8_t irq_site_of(Analysis *a, SourceLoc loc, const char *function)
{
    for (size_t i = 1; i <= a->site_count; i++) {
        if (a->sites[i].loc.file == loc.file && a->sites[i].loc.line == loc.line &&
            a->sites[i].loc.col == loc.col)
            return (uint8_t)i;
    }
    if (a->site_count >= MAX_SITES)
        return 0;
    a->site_count++;
    a->sites[a->site_count].loc = loc;
    a->sites[a->site_count].function = function;
    return (uint8_t)a->site_count;
}

/* ---- violations ------------------------------------------------------- */

/* Records a violation; returns it, or NULL when it was already there. */
IrqViolation *irq_violation(Analysis *a, IrqViolationKind kind, SourceLoc loc,
                               const char *function, int handle, SourceLoc related,
                               const char *related_text, const char *root)
{
    IrqReport *report = a->report;
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind == kind && v->loc.file == loc.file && v->loc.line == loc.line &&
            v->loc.col == loc.col)
            return NULL;
    }
    if (report->count == report->capacity) {
        size_t capacity = report->capacity ? report->capacity * 2 : 16;
        IrqViolation *items = realloc(report->items, capacity * sizeof(*items));
        if (items == NULL)
            out_of_memory();
        report->items = items;
        report->capacity = capacity;
    }
    IrqViolation *v = &report->items[report->count++];
    v->kind = kind;
    v->loc = loc;
    v->function = function;
    v->handle = handle >= 0 ? a->handles[handle] : NULL;
    v->related = related;
    v->related_text = related_text;
    v->branch.file = NULL;
    v->branch.line = 0;
    v->branch.col = 0;
    v->root = root;
    v->via = irq_no_loc();
    v->role = a->releasing_role;
    v->acquiring_role = a->acquiring_role;
    return v;
}

/* Names the test the path took last, on a violation just recorded. */
void irq_set_branch(const Analysis *a, IrqViolation *v, uint8_t site)
{
    if (v != NULL && site != 0)
        v->branch = a->sites[site].loc;
}

SourceLoc irq_no_loc(void)
{
    SourceLoc loc = {NULL, 0, 0};
    return loc;
}

bool irq_is_registered_key(const Analysis *a, const char *key)
{
    for (size_t i = 0; i < a->registered_count; i++) {
        if (strcmp(a->registered[i], key) == 0)
            return true;
    }
    return false;
}

/* ---- what a call is given ----------------------------------------------- */

static bool key_in(const char table[][KEY_MAX], size_t count, const char *key)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(table[i], key) == 0)
            return true;
    }
    return false;
}

/* Does a key of `table` name a field of structure `record` ("REC.field",
 * "REC.field&mask")? */
static bool record_in(const char table[][KEY_MAX], size_t count, const char *record)
{
    size_t n = strlen(record);
    for (size_t i = 0; i < count; i++) {
        if (strncmp(table[i], record, n) == 0 && table[i][n] == '.')
            return true;
    }
    return false;
}

static bool tracked_key(const Analysis *a, const char *key)
{
    if (key_in(a->handles, a->handle_count, key) || key_in(a->chars, a->chars_count, key) ||
        key_in(a->registered, a->registered_count, key))
        return true;
    size_t n = strlen(key);
    for (size_t i = 0; i < a->flag_count; i++) {
        if (strncmp(a->flags[i], key, n) == 0 && (a->flags[i][n] == '\0' || a->flags[i][n] == '&'))
            return true;
    }
    return false;
}

/* Does `e` reach what the analysis tracks: a handle, flag or
 * characteristics object, or a pointer to a structure holding one handed
 * whole (the base of a field read, `a->Count`, is not handed over)? */
bool irq_reaches_tracked(const Analysis *a, const Expr *e)
{
    if (e == NULL)
        return false;
    char key[KEY_MAX];
    if ((e->kind == EXPR_MEMBER || e->kind == EXPR_VAR) && irq_object_key(e, key, sizeof(key)) &&
        tracked_key(a, key))
        return true;
    if (e->kind == EXPR_MEMBER && e->kid_count > 0 && e->kids[0]->kind == EXPR_VAR)
        return false;
    if (e->kind == EXPR_VAR && e->var->is_pointer && e->var->record != NULL &&
        (record_in(a->handles, a->handle_count, e->var->record) ||
         record_in(a->flags, a->flag_count, e->var->record) ||
         record_in(a->chars, a->chars_count, e->var->record) ||
         record_in(a->registered, a->registered_count, e->var->record) ||
         strcmp(e->var->record, IRQ_CHARACTERISTICS_RECORD) == 0))
        return true;
    for (size_t i = 0; i < e->kid_count; i++) {
        if (irq_reaches_tracked(a, e->kids[i]))
            return true;
    }
    return false;
}


/* The key of a flag test operand: a field ("ADAPTER.Registered"), or one
 * bit mask of a field ("ADAPTER.Flags&8", as MP_TEST_FLAG writes it). */
bool irq_flag_key(const Expr *e, char *buf, size_t size)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_MEMBER)
        return irq_object_key(e, buf, size);
    if (e->kind == EXPR_BINARY && e->op == OP_BIT_AND && e->kid_count == 2) {
        const Expr *field = e->kids[0];
        const Expr *mask = e->kids[1];
        if (field->kind == EXPR_INT) {
            field = e->kids[1];
            mask = e->kids[0];
        }
        char base[KEY_MAX];
        if (field->kind != EXPR_MEMBER || mask->kind != EXPR_INT ||
            !irq_object_key(field, base, sizeof(base)))
            return false;
        int n = snprintf(buf, size, "%s&%lld", base, (long long)mask->int_value);
        return n > 0 && (size_t)n < size;
    }
    return false;
}
