/* facts_wire.c - facts to bytes and back; see facts_wire.h.
 *
 * Variables are written once: locals and parameters with their function
 * (and referred to by index), file-scope variables in a table at first use
 * (and referred to by their number in it). File paths likewise.
 *
 * A function is its header (name, places, role, index of callees) and then
 * its body as a record of its own: its variables and statements, with
 * tables of paths and file-scope variables that start empty. A body can
 * so be set aside as bytes (facts_store.h) and read alone later.
 */
#include "facts_wire.h"
#include "facts_store.h"
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_STRING UINT32_C(0xFFFFFFFF)
#define MAGIC UINT32_C(0x4E444C57) /* "NDLW" */
#define NEW_FILE UINT32_C(0xFFFFFFFE)
enum { VAR_NONE = 0, VAR_OF_FUNCTION = 1, VAR_OF_FILE = 2, VAR_NEW_OF_FILE = 3 };

/* ---- writing ------------------------------------------------------------ */

typedef struct Writer {
    unsigned char *data;
    size_t size;
    size_t capacity;
    bool failed;
    const Var **globals; /* file-scope variables already written */
    size_t global_count;
    size_t global_capacity;
    const char **files;  /* file paths already written (interned pointers) */
    size_t file_count;
    size_t file_capacity;
} Writer;

/* Makes room for `count` more bytes; false (and the writer failed) when
 * there is no memory. Apart from put so that put stays small enough to be
 * inlined: it runs for every number of every record. */
static bool make_room(Writer *w, size_t count)
{
    size_t capacity = w->capacity ? w->capacity * 2 : 4096;
    while (capacity < w->size + count)
        capacity *= 2;
    unsigned char *grown = realloc(w->data, capacity);
    if (grown == NULL) {
        w->failed = true;
        return false;
    }
    w->data = grown;
    w->capacity = capacity;
    return true;
}

static inline void put(Writer *w, const void *bytes, size_t count)
{
    if (w->failed || (w->size + count > w->capacity && !make_room(w, count)))
        return;
    memcpy(w->data + w->size, bytes, count);
    w->size += count;
}

static void put_u32(Writer *w, uint32_t value)
{
    put(w, &value, sizeof(value));
}

static void put_i64(Writer *w, int64_t value)
{
    put(w, &value, sizeof(value));
}

static void put_string(Writer *w, const char *text)
{
    if (text == NULL) {
        put_u32(w, NO_STRING);
        return;
    }
    uint32_t length = (uint32_t)strlen(text);
    put_u32(w, length);
    put(w, text, length);
}

/* A path is written once; later locations name it by its number. The
 * reader interns each path once instead of once per location. */
static void put_file(Writer *w, const char *file)
{
    if (file == NULL) {
        put_u32(w, NO_STRING);
        return;
    }
    for (size_t i = w->file_count; i > 0; i--) {
        if (w->files[i - 1] == file) {
            put_u32(w, (uint32_t)(i - 1));
            return;
        }
    }
    if (w->file_count == w->file_capacity) {
        size_t capacity = w->file_capacity ? w->file_capacity * 2 : 16;
        const char **grown = realloc(w->files, capacity * sizeof(*grown));
        if (grown == NULL) {
            w->failed = true;
            return;
        }
        w->files = grown;
        w->file_capacity = capacity;
    }
    w->files[w->file_count++] = file;
    put_u32(w, NEW_FILE);
    put_string(w, file);
}

static void put_loc(Writer *w, SourceLoc loc)
{
    put_file(w, loc.file);
    put_u32(w, loc.line);
    put_u32(w, loc.col);
}

static void put_var_fields(Writer *w, const Var *var)
{
    put_string(w, var->name);
    put_u32(w, (uint32_t)var->scope);
    put_string(w, var->record);
    put_u32(w, (uint32_t)var->is_pointer | (uint32_t)var->is_reference << 1);
    put_u32(w, var->index);
    put_loc(w, var->loc);
}

static void put_var_ref(Writer *w, const Var *var)
{
    if (var == NULL) {
        put_u32(w, VAR_NONE);
        return;
    }
    if (var->scope != VAR_GLOBAL) {
        put_u32(w, VAR_OF_FUNCTION);
        put_u32(w, var->index);
        return;
    }
    for (size_t i = 0; i < w->global_count; i++) {
        if (w->globals[i] == var) {
            put_u32(w, VAR_OF_FILE);
            put_u32(w, (uint32_t)i);
            return;
        }
    }
    if (w->global_count == w->global_capacity) {
        size_t capacity = w->global_capacity ? w->global_capacity * 2 : 16;
        const Var **grown = realloc(w->globals, capacity * sizeof(*grown));
        if (grown == NULL) {
            w->failed = true;
            return;
        }
        w->globals = grown;
        w->global_capacity = capacity;
    }
    w->globals[w->global_count++] = var;
    put_u32(w, VAR_NEW_OF_FILE);
    put_var_fields(w, var);
}

static void put_expr(Writer *w, const Expr *e)
{
    put_u32(w, e != NULL);
    if (e == NULL)
        return;
    put_u32(w, (uint32_t)e->kind);
    put_u32(w, (uint32_t)e->op);
    put_loc(w, e->loc);
    put_i64(w, e->int_value);
    put_var_ref(w, e->kind == EXPR_VAR ? e->var : NULL);
    put_string(w, e->name);
    put_string(w, e->record);
    put_u32(w, e->arrow);
    put_string(w, e->init_record);
    put_u32(w, (uint32_t)e->kid_count);
    for (size_t i = 0; i < e->kid_count; i++) {
        if (e->kind == EXPR_INIT_LIST)
            put_string(w, e->designators[i]);
        put_expr(w, e->kids[i]);
    }
}

static void put_damage(Writer *w, const StmtDamage *d)
{
    put_u32(w, d != NULL);
    if (d == NULL)
        return;
    put_loc(w, d->error_loc);
    put_string(w, d->message);
    put_u32(w, d->trace_call);
    put_u32(w, d->known_callee);
    put_u32(w, (uint32_t)d->name_count);
    for (size_t i = 0; i < d->name_count; i++) {
        put_string(w, d->names[i]);
        put_u32(w, d->name_flags[i]);
    }
}

static void put_stmt(Writer *w, const Stmt *s)
{
    put_u32(w, s != NULL);
    if (s == NULL)
        return;
    put_u32(w, (uint32_t)s->kind);
    put_loc(w, s->loc);
    put_expr(w, s->expr);
    put_expr(w, s->expr2);
    put_var_ref(w, s->var);
    put_string(w, s->label);
    put_u32(w, s->is_finally);
    put_damage(w, s->damage);
    put_u32(w, (uint32_t)s->kid_count);
    for (size_t i = 0; i < s->kid_count; i++)
        put_stmt(w, s->kids[i]);
}

/* The body record: variables and statements, with tables of its own. */
static void put_body(Writer *w, const Function *f)
{
    /* A body still in a store has nothing to write: that is a misuse. */
    if (f->body_stored)
        w->failed = true;
    size_t length_at = w->size;
    put_u32(w, 0); /* the record's length, filled in below */
    Writer outer = *w;
    w->globals = NULL;
    w->global_count = w->global_capacity = 0;
    w->files = NULL;
    w->file_count = w->file_capacity = 0;
    put_u32(w, (uint32_t)f->var_count);
    for (size_t i = 0; i < f->var_count; i++)
        put_var_fields(w, f->vars[i]);
    put_stmt(w, f->body);
    free(w->globals);
    free(w->files);
    w->globals = outer.globals;
    w->global_count = outer.global_count;
    w->global_capacity = outer.global_capacity;
    w->files = outer.files;
    w->file_count = outer.file_count;
    w->file_capacity = outer.file_capacity;
    size_t length = w->size - length_at - sizeof(uint32_t);
    if (length > UINT32_MAX)
        w->failed = true;
    if (!w->failed) {
        uint32_t value = (uint32_t)length;
        memcpy(w->data + length_at, &value, sizeof(value));
    }
}

static void put_function(Writer *w, Function *f)
{
    if (!f->indexed) {
        Arena scratch;
        arena_init(&scratch);
        function_index(f, &scratch);
        put_function(w, f);
        f->indexed = false;
        f->callees = NULL;
        f->callee_count = 0;
        arena_free(&scratch);
        return;
    }
    put_string(w, f->name);
    put_loc(w, f->loc);
    put_loc(w, f->end_loc);
    put_u32(w, (uint32_t)f->is_definition | (uint32_t)f->is_static << 1 |
                   (uint32_t)f->returns_void << 2 | (uint32_t)f->has_parse_errors << 3 |
                   (uint32_t)f->uses_function_values << 4);
    put_string(w, f->role_type);
    put_u32(w, (uint32_t)f->param_count);
    put_u32(w, (uint32_t)f->damage_count);
    put_u32(w, (uint32_t)f->callee_count);
    for (size_t i = 0; i < f->callee_count; i++)
        put_string(w, f->callees[i]);
    put_body(w, f);
}

int wire_write(int status, const TranslationFacts *unit,
               const ToolMessageList *messages, unsigned char **data, size_t *size)
{
    Writer w;
    memset(&w, 0, sizeof(w));
    put_u32(&w, MAGIC);
    put_u32(&w, (uint32_t)status);
    put_u32(&w, (uint32_t)messages->count);
    for (size_t i = 0; i < messages->count; i++) {
        put_u32(&w, (uint32_t)messages->items[i].level);
        put_loc(&w, messages->items[i].loc);
        put_string(&w, messages->items[i].message);
    }
    bool have_unit = unit != NULL && status >= 0;
    put_u32(&w, have_unit);
    if (have_unit) {
        put_string(&w, unit->main_file);
        put_u32(&w, unit->cost.parses);
        put_u32(&w, unit->cost.bodies_converted);
        put_u32(&w, unit->cost.include_scan_microseconds);
        put_u32(&w, unit->cost.parse_microseconds);
        put_u32(&w, unit->cost.convert_microseconds);
        put_u32(&w, unit->ndis_620_or_later ? 1u : 0u);
        put_u32(&w, (uint32_t)unit->function_count);
        for (size_t i = 0; i < unit->function_count; i++)
            put_function(&w, unit->functions[i]);
        put_u32(&w, (uint32_t)unit->global_count);
        for (size_t i = 0; i < unit->global_count; i++) {
            put_var_ref(&w, unit->globals[i].var);
            put_expr(&w, unit->globals[i].init);
        }
    }
    put_u32(&w, MAGIC);
    free(w.globals);
    free(w.files);
    if (w.failed) {
        free(w.data);
        return -1;
    }
    *data = w.data;
    *size = w.size;
    return 0;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct Reader {
    const unsigned char *data;
    size_t size;
    size_t at;
    bool failed;
    Driver *driver;
    Arena *arena;
    Function *function;  /* whose locals VAR_OF_FUNCTION refers to */
    Var **globals;
    size_t global_count;
    size_t global_capacity;
    const char **files;  /* interned paths, by their number in the record */
    size_t file_count;
    size_t file_capacity;
    unsigned depth;
} Reader;

/* Trees are never deeper than the parser allows; a deeper one means the
 * bytes are damaged. */
enum { MAX_DEPTH = 100000 };

static inline void take(Reader *r, void *out, size_t count)
{
    if (r->failed || r->size - r->at < count) {
        r->failed = true;
        memset(out, 0, count);
        return;
    }
    memcpy(out, r->data + r->at, count);
    r->at += count;
}

static uint32_t take_u32(Reader *r)
{
    uint32_t value = 0;
    take(r, &value, sizeof(value));
    return value;
}

static int64_t take_i64(Reader *r)
{
    int64_t value = 0;
    take(r, &value, sizeof(value));
    return value;
}

/* The bytes of a length-prefixed string, left where they are: NULL for
 * "no string" or damage. */
static const unsigned char *take_span(Reader *r, uint32_t *length)
{
    *length = take_u32(r);
    if (r->failed || *length == NO_STRING)
        return NULL;
    if (r->size - r->at < *length) {
        r->failed = true;
        return NULL;
    }
    const unsigned char *bytes = r->data + r->at;
    r->at += *length;
    return bytes;
}

/* `length` bytes into `copy` (length + 1 bytes), NUL-terminated. */
static char *copy_span(const unsigned char *bytes, uint32_t length, char *copy)
{
    memcpy(copy, bytes, length);
    copy[length] = '\0';
    return copy;
}

static char *take_string(Reader *r)
{
    uint32_t length = 0;
    const unsigned char *bytes = take_span(r, &length);
    if (bytes == NULL)
        return NULL;
    return copy_span(bytes, length, arena_alloc(r->arena, (size_t)length + 1));
}

/* A malloc'd copy, for strings that are interned (the caller frees it). */
static char *take_text(Reader *r)
{
    uint32_t length = 0;
    const unsigned char *bytes = take_span(r, &length);
    if (bytes == NULL)
        return NULL;
    return copy_span(bytes, length, checked_alloc(malloc((size_t)length + 1)));
}

/* A function name, interned: the same names come back in every file. */
static const char *take_name(Reader *r)
{
    char *text = take_text(r);
    if (text == NULL)
        return NULL;
    const char *interned = driver_intern_name(r->driver, text);
    free(text);
    return interned;
}

static const char *take_file(Reader *r)
{
    uint32_t tag = take_u32(r);
    if (r->failed || tag == NO_STRING)
        return NULL;
    if (tag != NEW_FILE) {
        if (tag >= r->file_count) {
            r->failed = true;
            return NULL;
        }
        return r->files[tag];
    }
    char *text = take_text(r);
    if (text == NULL) {
        r->failed = true;
        return NULL;
    }
    const char *interned = driver_intern_path(r->driver, text);
    free(text);
    if (r->file_count == r->file_capacity) {
        r->file_capacity = r->file_capacity ? r->file_capacity * 2 : 16;
        r->files = xrealloc(r->files, r->file_capacity, sizeof(*r->files));
    }
    r->files[r->file_count++] = interned;
    return interned;
}

static SourceLoc take_loc(Reader *r)
{
    SourceLoc loc;
    loc.file = take_file(r);
    loc.line = take_u32(r);
    loc.col = take_u32(r);
    return loc;
}

static Var *take_var_fields(Reader *r)
{
    Var *var = arena_alloc(r->arena, sizeof(*var));
    var->name = take_string(r);
    uint32_t scope = take_u32(r);
    if (scope > VAR_GLOBAL)
        r->failed = true;
    var->scope = (VarScope)scope;
    var->record = take_string(r);
    uint32_t flags = take_u32(r);
    var->is_pointer = (flags & 1) != 0;
    var->is_reference = (flags & 2) != 0;
    var->index = take_u32(r);
    var->loc = take_loc(r);
    if (var->name == NULL)
        r->failed = true;
    return var;
}

static Var *take_var_ref(Reader *r)
{
    uint32_t tag = take_u32(r);
    switch (tag) {
    case VAR_NONE:
        return NULL;
    case VAR_OF_FUNCTION: {
        uint32_t index = take_u32(r);
        if (r->function == NULL || index >= r->function->var_count) {
            r->failed = true;
            return NULL;
        }
        return r->function->vars[index];
    }
    case VAR_OF_FILE: {
        uint32_t index = take_u32(r);
        if (index >= r->global_count) {
            r->failed = true;
            return NULL;
        }
        return r->globals[index];
    }
    case VAR_NEW_OF_FILE: {
        Var *var = take_var_fields(r);
        if (r->global_count == r->global_capacity) {
            size_t capacity = r->global_capacity ? r->global_capacity * 2 : 16;
            Var **grown = realloc(r->globals, capacity * sizeof(*grown));
            if (grown == NULL) {
                r->failed = true;
                return NULL;
            }
            r->globals = grown;
            r->global_capacity = capacity;
        }
        r->globals[r->global_count++] = var;
        return var;
    }
    default:
        r->failed = true;
        return NULL;
    }
}

/* The number of children that can still be read: each takes at least one
 * 32-bit word, so a count larger than what is left is damage. */
static size_t take_count(Reader *r)
{
    uint32_t count = take_u32(r);
    if (count > (r->size - r->at) / sizeof(uint32_t)) {
        r->failed = true;
        return 0;
    }
    return count;
}

static Expr *take_expr(Reader *r)
{
    if (take_u32(r) == 0 || r->failed || ++r->depth > MAX_DEPTH) {
        if (r->depth > MAX_DEPTH)
            r->failed = true;
        return NULL;
    }
    Expr *e = arena_alloc(r->arena, sizeof(*e));
    uint32_t kind = take_u32(r);
    uint32_t op = take_u32(r);
    if (kind > EXPR_SIZEOF || op > OP_POST_DEC)
        r->failed = true;
    e->kind = (ExprKind)kind;
    e->op = (Operator)op;
    e->loc = take_loc(r);
    e->int_value = take_i64(r);
    e->var = take_var_ref(r);
    e->name = take_string(r);
    e->record = take_string(r);
    e->arrow = take_u32(r) != 0;
    e->init_record = take_string(r);
    e->kid_count = take_count(r);
    e->kids = arena_alloc(r->arena, (e->kid_count + 1) * sizeof(*e->kids));
    if (e->kind == EXPR_INIT_LIST)
        e->designators = arena_alloc(r->arena, (e->kid_count + 1) * sizeof(*e->designators));
    for (size_t i = 0; i < e->kid_count && !r->failed; i++) {
        if (e->kind == EXPR_INIT_LIST)
            e->designators[i] = take_string(r);
        e->kids[i] = take_expr(r);
        if (e->kids[i] == NULL)
            r->failed = true;
    }
    if (e->kind == EXPR_VAR && e->var == NULL)
        r->failed = true;
    r->depth--;
    return e;
}

static const StmtDamage *take_damage(Reader *r)
{
    if (take_u32(r) == 0 || r->failed)
        return NULL;
    StmtDamage *d = arena_alloc(r->arena, sizeof(*d));
    d->error_loc = take_loc(r);
    d->message = take_string(r);
    d->trace_call = take_u32(r) != 0;
    d->known_callee = take_u32(r) != 0;
    d->name_count = take_count(r);
    d->names = arena_alloc(r->arena, (d->name_count + 1) * sizeof(*d->names));
    d->name_flags = arena_alloc(r->arena, d->name_count + 1);
    for (size_t i = 0; i < d->name_count && !r->failed; i++) {
        d->names[i] = take_string(r);
        d->name_flags[i] = (unsigned char)take_u32(r);
        if (d->names[i] == NULL)
            r->failed = true;
    }
    return d;
}

static Stmt *take_stmt(Reader *r)
{
    if (take_u32(r) == 0 || r->failed || ++r->depth > MAX_DEPTH) {
        if (r->depth > MAX_DEPTH)
            r->failed = true;
        return NULL;
    }
    Stmt *s = arena_alloc(r->arena, sizeof(*s));
    uint32_t kind = take_u32(r);
    if (kind > STMT_LEAVE)
        r->failed = true;
    s->kind = (StmtKind)kind;
    s->loc = take_loc(r);
    s->expr = take_expr(r);
    s->expr2 = take_expr(r);
    s->var = take_var_ref(r);
    s->label = take_string(r);
    s->is_finally = take_u32(r) != 0;
    s->damage = take_damage(r);
    s->kid_count = take_count(r);
    s->kids = arena_alloc(r->arena, (s->kid_count + 1) * sizeof(*s->kids));
    for (size_t i = 0; i < s->kid_count && !r->failed; i++)
        s->kids[i] = take_stmt(r);
    r->depth--;
    return s;
}

/* Reads a body record (what put_body wrote after its length) into `f`,
 * with tables of its own. */
static void take_body(Reader *r, Function *f)
{
    Reader inner = *r;
    inner.globals = NULL;
    inner.global_count = inner.global_capacity = 0;
    inner.files = NULL;
    inner.file_count = inner.file_capacity = 0;
    f->var_count = take_count(&inner);
    f->vars = arena_alloc(inner.arena, (f->var_count + 1) * sizeof(*f->vars));
    for (size_t i = 0; i < f->var_count && !inner.failed; i++)
        f->vars[i] = take_var_fields(&inner);
    /* Rules read a parameter's variable by its position. */
    if (f->var_count < f->param_count)
        inner.failed = true;
    inner.function = f;
    f->body = take_stmt(&inner);
    free(inner.globals);
    free(inner.files);
    r->at = inner.at;
    r->failed = inner.failed;
}

static Function *take_function(Reader *r)
{
    Function *f = arena_alloc(r->arena, sizeof(*f));
    f->name = take_name(r);
    f->loc = take_loc(r);
    f->end_loc = take_loc(r);
    uint32_t flags = take_u32(r);
    f->is_definition = (flags & 1) != 0;
    f->is_static = (flags & 2) != 0;
    f->returns_void = (flags & 4) != 0;
    f->has_parse_errors = (flags & 8) != 0;
    f->uses_function_values = (flags & 16) != 0;
    f->role_type = take_string(r);
    f->param_count = take_u32(r);
    f->damage_count = take_u32(r);
    f->callee_count = take_count(r);
    f->callees = arena_alloc(r->arena, (f->callee_count + 1) * sizeof(*f->callees));
    for (size_t i = 0; i < f->callee_count && !r->failed; i++) {
        f->callees[i] = take_name(r);
        if (f->callees[i] == NULL)
            r->failed = true;
    }
    f->indexed = true;
    uint32_t length = take_u32(r);
    if (r->failed || r->size - r->at < length) {
        r->failed = true;
        return f;
    }
    /* Set aside in the store when there is one (a declaration's record is
     * a few bytes: not worth it), else read now. */
    if (r->driver->store != NULL && f->is_definition &&
        body_store_put(r->driver->store, r->data + r->at, length, &f->stored_at)) {
        f->body_stored = true;
        f->stored_size = length;
        f->vars = arena_alloc(r->arena, sizeof(*f->vars));
        r->at += length;
    } else {
        size_t end = r->at + length;
        take_body(r, f);
        if (r->at != end)
            r->failed = true;
    }
    if (f->name == NULL)
        r->failed = true;
    return f;
}

static void reader_start(Reader *r, const unsigned char *data, size_t size,
                         Driver *driver, Arena *arena)
{
    memset(r, 0, sizeof(*r));
    r->data = data;
    r->size = size;
    r->driver = driver;
    r->arena = arena;
}

int wire_read_body(const unsigned char *data, size_t size, Driver *driver, Arena *arena,
                   Function *f)
{
    Reader r;
    reader_start(&r, data, size, driver, arena);
    take_body(&r, f);
    return r.failed || r.at != r.size ? -1 : 0;
}

int wire_read(const unsigned char *data, size_t size, Driver *driver, Arena *arena,
              int *status, TranslationFacts *unit, ToolMessageList *messages)
{
    Reader r;
    reader_start(&r, data, size, driver, arena);
    memset(unit, 0, sizeof(*unit));
    if (take_u32(&r) != MAGIC)
        return -1;
    *status = (int)take_u32(&r);
    size_t message_count = take_count(&r);
    ToolMessageList read_messages = {0};
    for (size_t i = 0; i < message_count && !r.failed; i++) {
        Level level = (Level)take_u32(&r);
        SourceLoc loc = take_loc(&r);
        const char *text = take_string(&r);
        tool_message_add(&read_messages, level, loc, "%s", text != NULL ? text : "");
    }
    if (take_u32(&r) != 0 && !r.failed) {
        const char *main_file = take_string(&r);
        unit->main_file = main_file != NULL ? driver_intern_path(driver, main_file) : NULL;
        unit->cost.parses = take_u32(&r);
        unit->cost.bodies_converted = take_u32(&r);
        unit->cost.include_scan_microseconds = take_u32(&r);
        unit->cost.parse_microseconds = take_u32(&r);
        unit->cost.convert_microseconds = take_u32(&r);
        unit->ndis_620_or_later = take_u32(&r) != 0;
        unit->function_count = take_count(&r);
        unit->functions = arena_alloc(arena, (unit->function_count + 1) * sizeof(Function *));
        for (size_t i = 0; i < unit->function_count && !r.failed; i++)
            unit->functions[i] = take_function(&r);
        unit->global_count = take_count(&r);
        unit->globals = arena_alloc(arena, (unit->global_count + 1) * sizeof(GlobalInit));
        for (size_t i = 0; i < unit->global_count && !r.failed; i++) {
            unit->globals[i].var = take_var_ref(&r);
            unit->globals[i].init = take_expr(&r);
            if (unit->globals[i].var == NULL)
                r.failed = true;
        }
    }
    if (take_u32(&r) != MAGIC || r.at != r.size)
        r.failed = true;
    free(r.globals);
    free(r.files);
    if (r.failed) {
        tool_message_list_free(&read_messages);
        memset(unit, 0, sizeof(*unit));
        return -1;
    }
    for (size_t i = 0; i < read_messages.count; i++)
        tool_message_add(messages, read_messages.items[i].level, read_messages.items[i].loc,
                         "%s", read_messages.items[i].message);
    tool_message_list_free(&read_messages);
    return 0;
}
