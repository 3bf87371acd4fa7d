/* rule_interrupt_paths.c - registration state on every path; see
 * rule_interrupt_paths.h.
 *
 * The state of one path is a small fixed block of bytes (IrqState). Each
 * node of a function's control-flow graph is applied to it as a list of
 * events in evaluation order (calls, assignments, reads of InterruptType);
 * a registration splits the path into its success and its failure, and a
 * helper into one path per outcome of its summary. Branches on a status or
 * a flag keep only the paths where the test can come out that way.
 */
#include "rule_interrupt_paths.h"
#include "rule_damage.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_cfg.h"
#include "rule_ddi_table.h"
#include "rule_paths.h"
#include "rules.h"
#include "memory.h"

/* The DDIs the analysis knows, with the arguments it reads. */
static const char register_ddi[] = "NdisMRegisterInterruptEx";
static const char deregister_ddi[] = "NdisMDeregisterInterruptEx";
static const char attributes_ddi[] = "NdisMSetMiniportAttributes";

static const char characteristics_record[] = "NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS";
static const char type_field[] = "InterruptType";
enum { CHARACTERISTICS_ARG = 2, REGISTER_HANDLE_ARG = 3, DEREGISTER_HANDLE_ARG = 0,
       ATTRIBUTES_ARG = 1 };

/* The union of all attribute structures, and the object type its Header
 * carries when it holds the registration attributes (ntddndis.h). */
static const char attributes_union[] = "NDIS_MINIPORT_ADAPTER_ATTRIBUTES";
enum { REGISTRATION_ATTRIBUTES_TYPE = 0x9E };

/* Attribute structures that are not registration attributes: setting them
 * does not satisfy NDIS001. Any other (or unknown) argument does. */
static const char *const non_registration_attributes[] = {
    "NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES",
    "NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES",
};

enum {
    MAX_HANDLES = 4,
    MAX_FLAGS = 24,
    MAX_STATUS_VARS = 32,
    MAX_SITES = 255,
    MAX_OUTCOMES = 64,
    MAX_WORKING_STATES = 64,
    MAX_DEPTH = 12,
    MAX_TIED = 64,
    MAX_CHARS = 32,
    MAX_PARAMS = 4,
    MAX_REGISTERED_KEYS = 16,
    MAX_POINTERS = 8,
    KEY_MAX = 256
};

/* Handle states. 0 is "unchanged": only inside a helper, where the
 * caller's state is not known. */
enum { H_UNCHANGED = 0, H_UNREGISTERED, H_REGISTERED, H_DEREGISTERED, H_UNKNOWN };
/* Flag truths and yes/no facts; 0 is "unchanged" likewise. */
enum { T_UNCHANGED = 0, T_FALSE, T_TRUE, T_UNKNOWN };
/* A flag set from a small constant keeps the constant: T_EXACT + value
 * (1 .. T_EXACT_MAX), so that `flag == TRUE` or `state == 2` can be told. */
enum { T_EXACT = 4, T_EXACT_MAX = 250 };
/* Status classes of a register result. */
enum { S_UNKNOWN = 0, S_SUCCESS, S_FAILURE,
       S_OTHER /* a code of success or information severity but not SUCCESS
                  (NDIS_STATUS_PENDING): neither success nor failure of
                  Initialize, which may return neither */ };

/* The class of a status constant: zero is success, an error-severity code
 * (the top two bits of the 32-bit value set) a failure, the rest other. */
static uint8_t status_class(int64_t k)
{
    if (k == 0)
        return S_SUCCESS;
    return ((k >> 30) & 3) == 3 ? S_FAILURE : S_OTHER;
}

typedef struct IrqState {
    uint8_t attributes;                 /* T_*: NdisMSetMiniportAttributes ran */
    uint8_t union_var;                  /* index + 1 of the attributes union
                                           local whose Header.Type was last
                                           set to a constant; 0 if none */
    uint8_t union_type;                 /* that constant (an object type) */
    uint8_t needs_attributes;           /* helper: site registering while the
                                           attributes were the caller's */
    uint8_t handle[MAX_HANDLES];        /* H_* */
    uint8_t registered_at[MAX_HANDLES]; /* site of the successful registration */
    uint8_t deregistered_at[MAX_HANDLES]; /* helper: site deregistering the
                                             caller's handle */
    uint8_t type_read[MAX_HANDLES];     /* T_*: InterruptType examined */
    uint8_t first_deregistered_at[MAX_HANDLES]; /* site that deregistered it */
    uint8_t failed_at[MAX_HANDLES];     /* site whose registration failed */
    uint8_t chars_of[MAX_HANDLES];      /* characteristics the registration
                                           used (chars id), 0 if unknown */
    uint8_t param_deregistered[MAX_PARAMS]; /* helper: site deregistering the
                                               handle passed as parameter i */
    uint8_t flag[MAX_FLAGS];            /* T_* */
    uint8_t flag_assumed[MAX_FLAGS];    /* helper: what a test assumed of the
                                           caller's flag */
    uint8_t status[MAX_STATUS_VARS];    /* S_* per local variable */
    uint8_t result;                     /* S_* of the last call evaluated */
    uint8_t decided_at;                 /* site of the last test on this path
                                           that told a status or a guard */
    uint8_t uncertain;                  /* this path cannot be trusted */
    uint8_t guarded;                    /* a test of unknown value was assumed */
    uint8_t unexamined;                 /* site of a registration that failed
                                           on this path while nothing has read
                                           its status since (0: none) */
    uint8_t pointer[MAX_POINTERS];      /* T_* per pointer slot of the walk:
                                           T_TRUE non-NULL, T_FALSE NULL */
    uint8_t param_assumed[MAX_PARAMS];  /* helper: what a test assumed of
                                           pointer parameter i (T_TRUE
                                           non-NULL, T_FALSE NULL) */
} IrqState;

typedef struct Site {
    SourceLoc loc;
    const char *function;
} Site;

typedef struct Summary {
    const Function *function;           /* the definition it summarises */
    const char *name;
    bool in_progress;
    bool known;
    IrqState outcomes[MAX_OUTCOMES];
    uint8_t returns[MAX_OUTCOMES];      /* S_* returned by each outcome */
    size_t outcome_count;
    DamageHit damage;                   /* a damaged helper its walk reached */
} Summary;

typedef struct Analysis {
    const RuleContext *ctx;
    const Program *program;
    const DamageScope *scope; /* what damaged code must not touch */
    ToolMessageList *messages;
    const char *rule_id;
    IrqReport *report;
    char handles[MAX_HANDLES][KEY_MAX];
    size_t handle_count;
    char flags[MAX_FLAGS][KEY_MAX];
    size_t flag_count;
    char chars[MAX_CHARS][KEY_MAX];     /* characteristics objects; id = index + 1 */
    size_t chars_count;
    char registered[MAX_REGISTERED_KEYS][KEY_MAX]; /* every handle any
                                                      registration fills */
    size_t registered_count;
    bool flag_tied[MAX_FLAGS];          /* a test of it may guard cleanup */
    char tied[MAX_TIED][KEY_MAX];       /* fields set to a non-zero constant
                                           somewhere in the driver */
    size_t tied_count;
    Site sites[MAX_SITES + 1];          /* 1-based */
    size_t site_count;
    Summary **summaries;
    size_t summary_count;
    size_t summary_capacity;
    DamageHit pending;   /* the first damaged helper the current judgement
                            reached: it is then incomplete */
} Analysis;

/* What one walk of one function is doing. */
typedef enum WalkMode { WALK_HELPER, WALK_INITIALIZE, WALK_HALT } WalkMode;

typedef struct Walk {
    Analysis *analysis;
    const Function *function;
    WalkMode mode;
    int depth;
    IrqState entry;
    Summary *summary;         /* WALK_HELPER: outcomes collected here */
    bool overflow;
    /* WALK_INITIALIZE: states at successful exits, for Halt. */
    IrqState *successes;
    size_t success_count;
    size_t success_capacity;
    bool halt_keeps_handle;
    /* Per variable of the function (by index): its status slot, or -1;
     * and, in Initialize and Halt, whether a pointer is one NDIS never
     * passes as NULL (a parameter, or a local only ever copied from one). */
    int8_t *status_slot;
    bool *never_null;
    const Expr **copied_from;  /* a local only ever given one field's value */
    /* Per variable: its pointer slot (IrqState.pointer), or -1: the first
     * MAX_POINTERS pointers that may be NULL, whose tests and
     * dereferences tell on which paths they are not. */
    int8_t *pointer_slot;
} Walk;

/* ---- keys and sites --------------------------------------------------- */

/* The type-based name of the object an lvalue designates: the structure
 * that declares the last field and the field ("ADAPTER.InterruptHandle"),
 * or a local's name in this function. */
static bool object_key(const Expr *e, char *buf, size_t size)
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
        return object_key(e->kids[0]->kids[0], buf, size);
    return false;
}

/* The key of the object `e` points to (`&a->Handle`). */
static bool pointee_key(const Expr *e, char *buf, size_t size)
{
    if (e != NULL && e->kind == EXPR_UNARY && e->op == OP_ADDR)
        return object_key(e->kids[0], buf, size);
    return false;
}

/* The key of a characteristics object: as object_key, with locals named
 * by their function so that two functions' `chars` stay apart. */
static bool chars_key(const Function *function, const Expr *e, char *buf, size_t size)
{
    if (e != NULL && e->kind == EXPR_VAR && e->var->is_reference)
        return false; /* could name any object */
    if (e != NULL && e->kind == EXPR_VAR && e->var->scope != VAR_GLOBAL) {
        int n = snprintf(buf, size, "local %s:%s#%u", function->name, e->var->name,
                         e->var->index);
        return n > 0 && (size_t)n < size;
    }
    return object_key(e, buf, size);
}

static int intern(char table[][KEY_MAX], size_t *count, size_t max, const char *key,
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

static int handle_slot(Analysis *a, const char *key)
{
    return intern(a->handles, &a->handle_count, MAX_HANDLES, key, true);
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
static int flag_slot(Analysis *a, const char *key, bool force)
{
    bool tied = force || is_tied(a, key);
    int slot = intern(a->flags, &a->flag_count, MAX_FLAGS, key, tied);
    if (slot >= 0)
        a->flag_tied[slot] = true;
    return slot;
}

/* The chars id of the object `argument` points to; 0 when unknown. */
static uint8_t chars_id(const Walk *w, const Expr *argument)
{
    char key[KEY_MAX];
    if (argument == NULL || argument->kind != EXPR_UNARY || argument->op != OP_ADDR ||
        !chars_key(w->function, argument->kids[0], key, sizeof(key)))
        return 0;
    Analysis *a = w->analysis;
    int id = intern(a->chars, &a->chars_count, MAX_CHARS, key, true);
    return id < 0 ? 0 : (uint8_t)(id + 1);
}

static uint8_t site_of(Analysis *a, SourceLoc loc, const char *function)
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
static IrqViolation *violation(Analysis *a, IrqViolationKind kind, SourceLoc loc,
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
    return v;
}

/* Names the test the path took last, on a violation just recorded. */
static void set_branch(const Analysis *a, IrqViolation *v, uint8_t site)
{
    if (v != NULL && site != 0)
        v->branch = a->sites[site].loc;
}

static SourceLoc no_loc(void)
{
    SourceLoc loc = {NULL, 0, 0};
    return loc;
}

/* ---- transitions ------------------------------------------------------ */

/* Deregistering handle `k` at `site`. */
static void deregister(Walk *w, IrqState *s, int k, uint8_t site, bool guarded)
{
    Analysis *a = w->analysis;
    const Site *where = &a->sites[site];
    uint8_t first = s->first_deregistered_at[k];
    uint8_t failed = s->failed_at[k];
    switch (s->handle[k]) {
    case H_UNCHANGED:
        if (s->deregistered_at[k] == 0)
            s->deregistered_at[k] = site;
        break;
    case H_DEREGISTERED:
        if (!s->uncertain && site != 0)
            set_branch(a, violation(a, IRQ_DOUBLE_DEREGISTER, where->loc, where->function, k,
                                    first != 0 ? a->sites[first].loc : no_loc(),
                                    "it was deregistered here first", w->function->name),
                       s->decided_at);
        break;
    case H_UNREGISTERED:
        if (!s->uncertain && !guarded && site != 0)
            set_branch(a, violation(a, IRQ_DEREGISTER_UNREGISTERED, where->loc,
                                    where->function, k,
                                    failed != 0 ? a->sites[failed].loc : no_loc(),
                                    "its registration failed here", w->function->name),
                       s->decided_at);
        break;
    default:
        break;
    }
    if (s->handle[k] != H_DEREGISTERED && s->handle[k] != H_UNCHANGED)
        s->first_deregistered_at[k] = site;
    s->handle[k] = H_DEREGISTERED;
}

static void attributes_needed(Walk *w, IrqState *s, uint8_t site)
{
    Analysis *a = w->analysis;
    if (s->attributes == T_FALSE && !s->uncertain && site != 0) {
        violation(a, IRQ_REGISTER_BEFORE_ATTRIBUTES, a->sites[site].loc,
                  a->sites[site].function, -1, w->function->loc,
                  "the path starts here, in MiniportInitializeEx", w->function->name);
    } else if (s->attributes == T_UNCHANGED && s->needs_attributes == 0) {
        s->needs_attributes = site;
    }
}

/* A growing set of states for one node's events. */
typedef struct StateSet {
    IrqState items[MAX_WORKING_STATES];
    size_t count;
    bool overflow;
} StateSet;

static void set_add(StateSet *set, const IrqState *s)
{
    for (size_t i = 0; i < set->count; i++) {
        if (memcmp(&set->items[i], s, sizeof(*s)) == 0)
            return;
    }
    if (set->count == MAX_WORKING_STATES) {
        set->overflow = true;
        return;
    }
    set->items[set->count++] = *s;
}

static Summary *summary_of(Analysis *a, const char *name, const Function *caller, int depth);
static int status_slot(const Walk *w, const Var *var);

static bool is_registered_key(const Analysis *a, const char *key)
{
    for (size_t i = 0; i < a->registered_count; i++) {
        if (strcmp(a->registered[i], key) == 0)
            return true;
    }
    return false;
}

/* Deregisters the handle `value` holds: a field, a local copied from one,
 * or (in a helper) a parameter, whose handle the caller will name. A
 * value that is none of the handles any registration fills cannot be
 * judged: the path becomes uncertain. */
static void deregister_value(Walk *w, IrqState *s, const Expr *value, uint8_t site,
                             bool guarded)
{
    Analysis *a = w->analysis;
    if (value != NULL && value->kind == EXPR_VAR && value->var->scope == VAR_LOCAL &&
        w->copied_from != NULL && w->copied_from[value->var->index] != NULL)
        value = w->copied_from[value->var->index];
    if (value != NULL && value->kind == EXPR_VAR && value->var->scope == VAR_PARAM &&
        w->mode == WALK_HELPER && value->var->index < MAX_PARAMS) {
        if (s->param_deregistered[value->var->index] == 0)
            s->param_deregistered[value->var->index] = site;
        return;
    }
    char key[KEY_MAX];
    int k = -1;
    if (object_key(value, key, sizeof(key)) && is_registered_key(a, key))
        k = handle_slot(a, key);
    if (k < 0)
        s->uncertain = 1;
    else
        deregister(w, s, k, site, guarded);
}

/* A DDI that uses the interrupt handle `value` (synchronizes with it,
 * queues its DPC) on a path where it is already deregistered. A handle
 * the walk cannot name, or a parameter of a helper, is not judged. */
static void use_value(Walk *w, const IrqState *s, const Expr *value, const Expr *call)
{
    Analysis *a = w->analysis;
    if (s->uncertain)
        return;
    if (value != NULL && value->kind == EXPR_VAR && value->var->scope == VAR_LOCAL &&
        w->copied_from != NULL && w->copied_from[value->var->index] != NULL)
        value = w->copied_from[value->var->index];
    char key[KEY_MAX];
    if (!object_key(value, key, sizeof(key)) || !is_registered_key(a, key))
        return;
    int k = handle_slot(a, key);
    if (k < 0 || s->handle[k] != H_DEREGISTERED)
        return;
    uint8_t first = s->first_deregistered_at[k] != 0 ? s->first_deregistered_at[k]
                                                     : s->deregistered_at[k];
    set_branch(a, violation(a, IRQ_USE_AFTER_DEREGISTER, call->loc, w->function->name, k,
                            first != 0 ? a->sites[first].loc : no_loc(),
                            "it was deregistered here", w->function->name),
               s->decided_at);
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
static bool reaches_tracked(const Analysis *a, const Expr *e)
{
    if (e == NULL)
        return false;
    char key[KEY_MAX];
    if ((e->kind == EXPR_MEMBER || e->kind == EXPR_VAR) && object_key(e, key, sizeof(key)) &&
        tracked_key(a, key))
        return true;
    if (e->kind == EXPR_MEMBER && e->kid_count > 0 && e->kids[0]->kind == EXPR_VAR)
        return false;
    if (e->kind == EXPR_VAR && e->var->is_pointer && e->var->record != NULL &&
        (record_in(a->handles, a->handle_count, e->var->record) ||
         record_in(a->flags, a->flag_count, e->var->record) ||
         record_in(a->chars, a->chars_count, e->var->record) ||
         record_in(a->registered, a->registered_count, e->var->record) ||
         strcmp(e->var->record, characteristics_record) == 0))
        return true;
    for (size_t i = 0; i < e->kid_count; i++) {
        if (reaches_tracked(a, e->kids[i]))
            return true;
    }
    return false;
}

/* ---- pointers ---------------------------------------------------------- */

static int pointer_slot_of(const Walk *w, const Expr *e)
{
    if (e == NULL || e->kind != EXPR_VAR || e->var->scope == VAR_GLOBAL ||
        e->var->index >= w->function->var_count)
        return -1;
    return w->pointer_slot[e->var->index];
}

/* What is known of `e` as a pointer in `s`: T_TRUE not NULL, T_FALSE
 * NULL, T_UNKNOWN (or T_UNCHANGED: a helper's parameter) otherwise. */
static uint8_t pointer_value(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return T_UNKNOWN;
    if (e->kind == EXPR_INT)
        return e->int_value == 0 ? T_FALSE : T_TRUE;
    if (e->kind == EXPR_UNARY && e->op == OP_ADDR)
        return T_TRUE;
    if (e->kind == EXPR_VAR && e->var->scope != VAR_GLOBAL && w->never_null != NULL &&
        e->var->index < w->function->var_count && w->never_null[e->var->index])
        return T_TRUE;
    int slot = pointer_slot_of(w, e);
    return slot >= 0 ? s->pointer[slot] : T_UNKNOWN;
}

/* A pointer dereferenced is not NULL after; one assigned takes the value's
 * nullness. */
static void pointer_effects(const Walk *w, const Expr *e, IrqState *s)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->kid_count; i++)
        pointer_effects(w, e->kids[i], s);
    int slot = -1;
    if ((e->kind == EXPR_MEMBER && e->arrow) || (e->kind == EXPR_UNARY && e->op == OP_DEREF))
        slot = e->kid_count > 0 ? pointer_slot_of(w, e->kids[0]) : -1;
    if (slot >= 0)
        s->pointer[slot] = T_TRUE;
    if (e->kind == EXPR_ASSIGN && e->kid_count == 2) {
        slot = pointer_slot_of(w, e->kids[0]);
        if (slot >= 0)
            s->pointer[slot] = e->op == OP_ASSIGN ? pointer_value(w, s, e->kids[1]) : T_UNKNOWN;
        if (slot >= 0 && s->pointer[slot] == T_UNCHANGED)
            s->pointer[slot] = T_UNKNOWN;
    }
}

/* Applies one outcome of a helper to the caller's state; false when the
 * outcome assumed a flag value, or a parameter's nullness, that the
 * caller's state rules out. */
static bool apply_outcome(Walk *w, IrqState *s, const IrqState *o, uint8_t returned,
                          const Expr *call)
{
    for (int f = 0; f < MAX_FLAGS; f++) {
        if (o->flag_assumed[f] == T_UNCHANGED)
            continue;
        if (s->flag[f] == T_UNCHANGED) {
            if (s->flag_assumed[f] == T_UNCHANGED)
                s->flag_assumed[f] = o->flag_assumed[f];
        } else if (s->flag[f] == T_UNKNOWN) {
            if (w->analysis->flag_tied[f])
                s->guarded = 1;
        } else if (s->flag[f] != o->flag_assumed[f]) {
            return false;
        }
    }
    /* An outcome that assumed a parameter NULL (or not) is for callers
     * whose argument can be that. */
    for (size_t i = 0; i < MAX_PARAMS; i++) {
        uint8_t assumed = o->param_assumed[i];
        if (assumed == T_UNCHANGED)
            continue;
        const Expr *argument = expr_call_arg(call, i);
        uint8_t known = pointer_value(w, s, argument);
        int slot = pointer_slot_of(w, argument);
        if (known == T_TRUE || known == T_FALSE) {
            if (known != assumed)
                return false;
        } else if (known == T_UNCHANGED && slot >= 0 && argument->var->scope == VAR_PARAM &&
                   argument->var->index < MAX_PARAMS) {
            if (s->param_assumed[argument->var->index] == T_UNCHANGED)
                s->param_assumed[argument->var->index] = assumed;
            s->pointer[slot] = assumed;
        } else if (slot >= 0) {
            s->pointer[slot] = assumed;
        }
    }
    s->uncertain |= o->uncertain;
    if (o->needs_attributes != 0)
        attributes_needed(w, s, o->needs_attributes);
    if (o->attributes != T_UNCHANGED)
        s->attributes = o->attributes;
    for (size_t i = 0; i < MAX_PARAMS; i++) {
        if (o->param_deregistered[i] != 0)
            deregister_value(w, s, expr_call_arg(call, i), o->param_deregistered[i],
                             s->guarded || o->guarded);
    }
    for (int k = 0; k < MAX_HANDLES; k++) {
        if (o->deregistered_at[k] != 0)
            deregister(w, s, k, o->deregistered_at[k], s->guarded || o->guarded);
        if (o->handle[k] != H_UNCHANGED)
            s->handle[k] = o->handle[k];
        if (o->registered_at[k] != 0)
            s->registered_at[k] = o->registered_at[k];
        if (o->type_read[k] != T_UNCHANGED)
            s->type_read[k] = o->type_read[k];
        if (o->first_deregistered_at[k] != 0)
            s->first_deregistered_at[k] = o->first_deregistered_at[k];
        if (o->failed_at[k] != 0)
            s->failed_at[k] = o->failed_at[k];
        if (o->chars_of[k] != 0)
            s->chars_of[k] = o->chars_of[k];
    }
    for (int f = 0; f < MAX_FLAGS; f++) {
        if (o->flag[f] != T_UNCHANGED)
            s->flag[f] = o->flag[f];
    }
    s->guarded |= o->guarded;
    s->result = returned;
    return true;
}

static bool is_zeroing(const char *name)
{
    static const char *const zeroers[] = {"NdisZeroMemory", "RtlSecureZeroMemory",
                                          "RtlZeroMemory", "memset"};
    for (size_t i = 0; i < sizeof(zeroers) / sizeof(zeroers[0]); i++) {
        if (strcmp(zeroers[i], name) == 0)
            return true;
    }
    return false;
}

/* Zeroing a structure clears every flag kept in it. */
static void apply_zeroing(Walk *w, IrqState *s, const Expr *target)
{
    const char *record = NULL;
    if (target != NULL && target->kind == EXPR_VAR && target->var->is_pointer)
        record = target->var->record;
    else if (target != NULL && target->kind == EXPR_UNARY && target->op == OP_ADDR &&
             target->kids[0]->kind == EXPR_VAR && !target->kids[0]->var->is_pointer)
        record = target->kids[0]->var->record;
    if (record == NULL)
        return;
    size_t length = strlen(record);
    Analysis *a = w->analysis;
    for (size_t f = 0; f < a->flag_count; f++) {
        if (strncmp(a->flags[f], record, length) == 0 && a->flags[f][length] == '.')
            s->flag[f] = T_FALSE;
    }
}

static bool registers_attributes(const IrqState *s, const Expr *argument)
{
    const Expr *e = argument;
    if (e != NULL && e->kind == EXPR_UNARY && e->op == OP_ADDR)
        e = e->kids[0];
    const char *record = NULL;
    if (e != NULL && e->kind == EXPR_VAR)
        record = e->var->record;
    if (record == NULL)
        return true; /* cannot tell: counts */
    /* One union for every call: what its header says on this path. */
    if (strcmp(record, attributes_union) == 0 && e->var->scope != VAR_GLOBAL &&
        s->union_var == e->var->index + 1)
        return s->union_type == REGISTRATION_ATTRIBUTES_TYPE;
    for (size_t i = 0; i < sizeof(non_registration_attributes) /
                               sizeof(non_registration_attributes[0]);
         i++) {
        if (strcmp(non_registration_attributes[i], record) == 0)
            return false;
    }
    return true;
}

/* Applies a call to one state, adding the resulting states to `out`. */
static void apply_call(Walk *w, const Expr *call, const IrqState *in, StateSet *out)
{
    Analysis *a = w->analysis;
    IrqState s = *in;
    s.result = S_UNKNOWN;
    /* A local whose address the call receives may hold anything after it
     * (a helper that fills a status through `&status`, say). */
    for (size_t i = 0; i < expr_call_argc(call); i++) {
        const Expr *argument = expr_call_arg(call, i);
        if (argument == NULL || argument->kind != EXPR_UNARY || argument->op != OP_ADDR ||
            argument->kid_count == 0)
            continue;
        const Expr *object = argument->kids[0];
        if (object->kind == EXPR_VAR && status_slot(w, object->var) >= 0)
            s.status[status_slot(w, object->var)] = S_UNKNOWN;
        int slot = pointer_slot_of(w, object);
        if (slot >= 0)
            s.pointer[slot] = T_UNKNOWN;
    }
    const char *name = expr_call_name(call);
    char key[KEY_MAX];
    if (name == NULL) {
        /* A call through a pointer (a debug-print hook, a method of a
         * vtable) may do anything to what it is given: the path is unknown
         * when that reaches tracked state, and unchanged otherwise. */
        if (reaches_tracked(a, call))
            s.uncertain = 1;
        set_add(out, &s);
        return;
    }
    const DdiInfo *ddi = ddi_find(a->ctx->ddis, name);
    if (ddi != NULL && ddi->handle_argument >= 0 &&
        (ddi->handle_effect == HANDLE_SYNCHRONIZES || ddi->handle_effect == HANDLE_QUEUES_DPC ||
         ddi->handle_effect == HANDLE_USES))
        use_value(w, &s, expr_call_arg(call, (size_t)ddi->handle_argument), call);
    if (strcmp(name, register_ddi) == 0) {
        uint8_t site = site_of(a, call->loc, w->function->name);
        attributes_needed(w, &s, site);
        int k = pointee_key(expr_call_arg(call, REGISTER_HANDLE_ARG), key, sizeof(key))
                    ? handle_slot(a, key)
                    : -1;
        if (k < 0) {
            s.uncertain = 1;
            set_add(out, &s);
            return;
        }
        int value_flag = flag_slot(a, key, true);
        IrqState failure = s;
        if (failure.handle[k] == H_UNCHANGED || failure.handle[k] == H_UNKNOWN)
            failure.handle[k] = H_UNREGISTERED;
        failure.failed_at[k] = site;
        failure.result = S_FAILURE;
        failure.unexamined = site;
        set_add(out, &failure);
        s.handle[k] = H_REGISTERED;
        s.registered_at[k] = site;
        s.chars_of[k] = chars_id(w, expr_call_arg(call, CHARACTERISTICS_ARG));
        s.type_read[k] = T_FALSE;
        s.result = S_SUCCESS;
        if (value_flag >= 0)
            s.flag[value_flag] = T_TRUE;
        set_add(out, &s);
        return;
    }
    if (strcmp(name, deregister_ddi) == 0) {
        deregister_value(w, &s, expr_call_arg(call, DEREGISTER_HANDLE_ARG),
                         site_of(a, call->loc, w->function->name), s.guarded);
        set_add(out, &s);
        return;
    }
    if (strcmp(name, attributes_ddi) == 0) {
        if (registers_attributes(&s, expr_call_arg(call, ATTRIBUTES_ARG)))
            s.attributes = T_TRUE;
        set_add(out, &s);
        return;
    }
    if (is_zeroing(name)) {
        apply_zeroing(w, &s, expr_call_arg(call, 0));
        set_add(out, &s);
        return;
    }
    DamageHit hit = {NULL, NULL, NULL};
    if (damage_usable_definition(a->scope, a->program, name, w->function, &hit) == NULL) {
        /* Outside the driver, it can neither register nor deregister; a
         * driver function that cannot be followed (defined twice, damaged
         * where it touches the handles) may do either. */
        const ProgramFunction *known = program_find(a->program, name);
        if (known != NULL && known->definition != NULL)
            s.uncertain = 1;
        if (hit.stmt != NULL && a->pending.stmt == NULL)
            a->pending = hit;
        set_add(out, &s);
        return;
    }
    Summary *summary = summary_of(a, name, w->function, w->depth + 1);
    if (summary != NULL && summary->damage.stmt != NULL && a->pending.stmt == NULL)
        a->pending = summary->damage;
    if (summary == NULL || !summary->known) {
        s.uncertain = 1;
        set_add(out, &s);
        return;
    }
    for (size_t i = 0; i < summary->outcome_count; i++) {
        IrqState next = s;
        if (apply_outcome(w, &next, &summary->outcomes[i], summary->returns[i], call))
            set_add(out, &next);
    }
}

/* The status class a value has in state `s`. */
/* The status slot of a variable in this walk, or -1. */
static int status_slot(const Walk *w, const Var *var)
{
    if (var->scope == VAR_GLOBAL || var->index >= w->function->var_count)
        return -1;
    return w->status_slot[var->index];
}

static uint8_t status_of(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return S_UNKNOWN;
    switch (e->kind) {
    case EXPR_INT:
        return status_class(e->int_value);
    case EXPR_VAR: {
        int slot = status_slot(w, e->var);
        return slot < 0 ? S_UNKNOWN : s->status[slot];
    }
    case EXPR_CALL:
        return s->result;
    case EXPR_ASSIGN:
        return e->op == OP_ASSIGN ? status_of(w, s, e->kids[1]) : S_UNKNOWN;
    default:
        return S_UNKNOWN;
    }
}

static uint8_t truth_of_constant(int64_t v)
{
    if (v == 0)
        return T_FALSE;
    if (v > 0 && v <= T_EXACT_MAX)
        return (uint8_t)(T_EXACT + v);
    return T_TRUE;
}

static uint8_t truth_of_value(const Expr *e)
{
    if (e == NULL)
        return T_UNKNOWN;
    if (e->kind == EXPR_INT)
        return truth_of_constant(e->int_value);
    if (e->kind == EXPR_FUNC || e->kind == EXPR_STRING)
        return T_TRUE;
    return T_UNKNOWN;
}

/* The key of a flag test operand: a field ("ADAPTER.Registered"), or one
 * bit mask of a field ("ADAPTER.Flags&8", as MP_TEST_FLAG writes it). */
static bool flag_key(const Expr *e, char *buf, size_t size)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_MEMBER)
        return object_key(e, buf, size);
    if (e->kind == EXPR_BINARY && e->op == OP_BIT_AND && e->kid_count == 2) {
        const Expr *field = e->kids[0];
        const Expr *mask = e->kids[1];
        if (field->kind == EXPR_INT) {
            field = e->kids[1];
            mask = e->kids[0];
        }
        char base[KEY_MAX];
        if (field->kind != EXPR_MEMBER || mask->kind != EXPR_INT ||
            !object_key(field, base, sizeof(base)))
            return false;
        int n = snprintf(buf, size, "%s&%lld", base, (long long)mask->int_value);
        return n > 0 && (size_t)n < size;
    }
    return false;
}

/* For every followed bit flag of field `base` ("base&mask"), calls back
 * with its slot and mask. */
typedef void (*BitVisit)(IrqState *s, int slot, int64_t mask, int64_t value);

static void each_bit_flag(Walk *w, IrqState *s, const char *base, BitVisit visit,
                          int64_t value)
{
    Analysis *a = w->analysis;
    size_t length = strlen(base);
    for (size_t f = 0; f < a->flag_count; f++) {
        if (strncmp(a->flags[f], base, length) == 0 && a->flags[f][length] == '&')
            visit(s, (int)f, strtoll(a->flags[f] + length + 1, NULL, 10), value);
    }
}

static void bits_set(IrqState *s, int slot, int64_t mask, int64_t value)
{
    if ((value & mask) == mask)
        s->flag[slot] = T_TRUE;
}

static void bits_cleared(IrqState *s, int slot, int64_t mask, int64_t value)
{
    if ((value & mask) == 0)
        s->flag[slot] = T_FALSE;
}

static void bits_assigned(IrqState *s, int slot, int64_t mask, int64_t value)
{
    s->flag[slot] = (value & mask) != 0 ? T_TRUE : T_FALSE;
}

static void bits_unknown(IrqState *s, int slot, int64_t mask, int64_t value)
{
    (void)mask;
    (void)value;
    s->flag[slot] = T_UNKNOWN;
}

/* `u.Member.Header.Type = K` for a local union of attribute structures:
 * the local, or NULL. */
static const Var *attributes_union_header(const Expr *lhs)
{
    if (lhs->kind != EXPR_MEMBER || strcmp(lhs->name, "Type") != 0 || lhs->kid_count == 0)
        return NULL;
    const Expr *header = lhs->kids[0];
    if (header->kind != EXPR_MEMBER || strcmp(header->name, "Header") != 0 ||
        header->kid_count == 0)
        return NULL;
    const Expr *e = header->kids[0];
    while (e->kind == EXPR_MEMBER && !e->arrow && e->kid_count > 0)
        e = e->kids[0];
    if (e->kind != EXPR_VAR || e->var->scope == VAR_GLOBAL || e->var->is_pointer ||
        e->var->record == NULL || strcmp(e->var->record, attributes_union) != 0 ||
        e->var->index >= 255)
        return NULL;
    return e->var;
}

static void apply_assignment(Walk *w, const Expr *assign, IrqState *s)
{
    const Expr *lhs = assign->kids[0];
    const Expr *rhs = assign->kids[1];
    const Var *attributes = attributes_union_header(lhs);
    if (attributes != NULL) {
        bool known = assign->op == OP_ASSIGN && rhs->kind == EXPR_INT && rhs->int_value > 0 &&
                     rhs->int_value < 256;
        s->union_var = known ? (uint8_t)(attributes->index + 1) : 0;
        s->union_type = known ? (uint8_t)rhs->int_value : 0;
    }
    if (lhs->kind == EXPR_VAR) {
        int slot = status_slot(w, lhs->var);
        if (slot >= 0)
            s->status[slot] = assign->op == OP_ASSIGN ? status_of(w, s, rhs) : S_UNKNOWN;
        return;
    }
    char key[KEY_MAX];
    if (lhs->kind != EXPR_MEMBER || !object_key(lhs, key, sizeof(key)))
        return;
    const Expr *constant = rhs->kind == EXPR_INT ? rhs : NULL;
    switch (assign->op) {
    case OP_ASSIGN: {
        int f = flag_slot(w->analysis, key, false);
        if (f >= 0)
            s->flag[f] = truth_of_value(rhs);
        if (constant != NULL)
            each_bit_flag(w, s, key, bits_assigned, constant->int_value);
        else
            each_bit_flag(w, s, key, bits_unknown, 0);
        break;
    }
    case OP_OR_ASSIGN:
        if (constant != NULL) {
            /* `flags |= BIT` sets the bit: follow it if it guards cleanup. */
            char bit[KEY_MAX + 32];
            int n = snprintf(bit, sizeof(bit), "%s&%lld", key, (long long)constant->int_value);
            if (n > 0 && (size_t)n < KEY_MAX)
                (void)flag_slot(w->analysis, bit, false);
            each_bit_flag(w, s, key, bits_set, constant->int_value);
        } else {
            each_bit_flag(w, s, key, bits_unknown, 0);
        }
        break;
    case OP_AND_ASSIGN:
        if (constant != NULL)
            each_bit_flag(w, s, key, bits_cleared, constant->int_value);
        else
            each_bit_flag(w, s, key, bits_unknown, 0);
        break;
    default: {
        int f = flag_slot(w->analysis, key, false);
        if (f >= 0)
            s->flag[f] = T_UNKNOWN;
        each_bit_flag(w, s, key, bits_unknown, 0);
        break;
    }
    }
}

/* ---- events of a node ------------------------------------------------- */

typedef enum EventKind { EVENT_CALL, EVENT_ASSIGN, EVENT_TYPE_READ } EventKind;

typedef struct Event {
    EventKind kind;
    const Expr *expr;
} Event;

typedef struct EventList {
    Event items[64];
    size_t count;
    bool overflow;
} EventList;

static void add_event(EventList *list, EventKind kind, const Expr *e)
{
    if (list->count == sizeof(list->items) / sizeof(list->items[0])) {
        list->overflow = true;
        return;
    }
    list->items[list->count].kind = kind;
    list->items[list->count].expr = e;
    list->count++;
}

/* Events in evaluation order: operands before the operation. */
static void collect_events(const Expr *e, EventList *list, bool is_lvalue)
{
    if (e == NULL || e->kind == EXPR_SIZEOF)
        return;
    if (e->kind == EXPR_ASSIGN) {
        collect_events(e->kids[1], list, false);
        collect_events(e->kids[0], list, true);
        add_event(list, EVENT_ASSIGN, e);
        return;
    }
    for (size_t i = 0; i < e->kid_count; i++)
        collect_events(e->kids[i], list, false);
    if (e->kind == EXPR_CALL)
        add_event(list, EVENT_CALL, e);
    else if (e->kind == EXPR_MEMBER && !is_lvalue && e->record != NULL &&
             strcmp(e->name, type_field) == 0 &&
             strcmp(e->record, characteristics_record) == 0)
        add_event(list, EVENT_TYPE_READ, e);
}

static void apply_event(Walk *w, const Event *event, const IrqState *in, StateSet *out)
{
    IrqState s = *in;
    switch (event->kind) {
    case EVENT_CALL:
        apply_call(w, event->expr, in, out);
        return;
    case EVENT_ASSIGN:
        apply_assignment(w, event->expr, &s);
        break;
    case EVENT_TYPE_READ: {
        /* A read of `x.InterruptType` examines the registration that used x;
         * a read through a pointer may be of any of them. */
        uint8_t id = 0;
        const Expr *member = event->expr;
        char key[KEY_MAX];
        if (!member->arrow && member->kid_count == 1 &&
            chars_key(w->function, member->kids[0], key, sizeof(key))) {
            int found = intern(w->analysis->chars, &w->analysis->chars_count, MAX_CHARS,
                               key, true);
            id = found < 0 ? 0 : (uint8_t)(found + 1);
        }
        for (int k = 0; k < MAX_HANDLES; k++) {
            if (id == 0 || s.chars_of[k] == 0 || s.chars_of[k] == id)
                s.type_read[k] = T_TRUE;
        }
        break;
    }
    }
    set_add(out, &s);
}

/* ---- exits ------------------------------------------------------------ */

static void record_outcome(Walk *w, const IrqState *s, uint8_t returned)
{
    Summary *summary = w->summary;
    IrqState clean = *s;
    memset(clean.status, 0, sizeof(clean.status));
    clean.result = S_UNKNOWN;
    clean.decided_at = 0;
    clean.unexamined = 0; /* a helper's registration is the caller's to test */
    for (size_t i = 0; i < summary->outcome_count; i++) {
        if (summary->returns[i] == returned &&
            memcmp(&summary->outcomes[i], &clean, sizeof(clean)) == 0)
            return;
    }
    if (summary->outcome_count == MAX_OUTCOMES) {
        w->overflow = true;
        return;
    }
    summary->outcomes[summary->outcome_count] = clean;
    summary->returns[summary->outcome_count] = returned;
    summary->outcome_count++;
}

static void initialize_exit(Walk *w, const CfgNode *node, const IrqState *s,
                            uint8_t returned)
{
    Analysis *a = w->analysis;
    /* Neither success nor failure (a pending status): nothing to judge. */
    if (s->uncertain || returned == S_OTHER)
        return;
    if (s->unexamined != 0 && returned == S_SUCCESS)
        set_branch(a, violation(a, IRQ_STATUS_IGNORED, a->sites[s->unexamined].loc,
                                a->sites[s->unexamined].function, -1, node->loc,
                                "MiniportInitializeEx succeeds here", w->function->name),
                   s->decided_at);
    for (int k = 0; k < (int)a->handle_count; k++) {
        uint8_t site = s->registered_at[k];
        /* A path that gives the interrupt up again (deregisters it, or
         * fails the initialisation) never uses the granted type. */
        if (site != 0 && s->type_read[k] != T_TRUE && s->handle[k] == H_REGISTERED &&
            returned != S_FAILURE)
            set_branch(a, violation(a, IRQ_TYPE_NOT_EXAMINED, a->sites[site].loc,
                                    a->sites[site].function, k, node->loc,
                                    "a path after the successful registration ends here",
                                    w->function->name),
                       s->decided_at);
        if (s->handle[k] == H_REGISTERED && returned == S_FAILURE &&
            node->kind == CFG_RETURN)
            set_branch(a, violation(a, IRQ_LEAK_ON_FAILURE, node->loc, w->function->name, k,
                                    site != 0 ? a->sites[site].loc : no_loc(),
                                    "the interrupt was registered here", w->function->name),
                       s->decided_at);
    }
    /* Every way Initialize can succeed is a state Halt may start from. */
    if (returned == S_FAILURE)
        return;
    for (size_t i = 0; i < w->success_count; i++) {
        if (memcmp(&w->successes[i], s, sizeof(*s)) == 0)
            return;
    }
    if (w->success_count == w->success_capacity) {
        size_t capacity = w->success_capacity ? w->success_capacity * 2 : 8;
        IrqState *grown = realloc(w->successes, capacity * sizeof(*grown));
        if (grown == NULL)
            out_of_memory();
        w->successes = grown;
        w->success_capacity = capacity;
    }
    w->successes[w->success_count++] = *s;
}

static void at_exit(Walk *w, const CfgNode *node, const IrqState *s)
{
    uint8_t returned = node->kind == CFG_RETURN ? status_of(w, s, node->expr) : S_UNKNOWN;
    switch (w->mode) {
    case WALK_HELPER:
        record_outcome(w, s, returned);
        break;
    case WALK_INITIALIZE:
        initialize_exit(w, node, s, returned);
        break;
    case WALK_HALT:
        for (int k = 0; k < MAX_HANDLES && !s->uncertain; k++) {
            if (s->handle[k] == H_REGISTERED)
                w->halt_keeps_handle = true;
        }
        break;
    }
}

/* ---- the path engine's callbacks --------------------------------------- */

static void entry_state(void *data, void *raw)
{
    Walk *w = data;
    IrqState *s = raw;
    memcpy(s, &w->entry, sizeof(IrqState));
    /* Pointers and locals are this walk's own: a helper's parameters are
     * its caller's. */
    memset(s->param_assumed, T_UNCHANGED, sizeof(s->param_assumed));
    s->union_var = 0;
    s->union_type = 0;
    for (size_t i = 0; i < w->function->var_count; i++) {
        int slot = w->pointer_slot[i];
        if (slot >= 0)
            s->pointer[slot] = w->mode == WALK_HELPER && w->function->vars[i]->scope == VAR_PARAM
                                   ? T_UNCHANGED
                                   : T_UNKNOWN;
    }
}

/* Whether `e` reads (anything but assigns) a variable that holds a failed
 * status in state `s`: on the path where the registration failed, that is
 * its status being examined, or handed on to something that may examine
 * it. Reading another failed status counts too, which can only hide a
 * finding. */
static bool reads_failed_status(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_VAR) {
        int slot = status_slot(w, e->var);
        return slot >= 0 && s->status[slot] == S_FAILURE;
    }
    for (size_t i = 0; i < e->kid_count; i++) {
        const Expr *kid = e->kids[i];
        bool target = e->kind == EXPR_ASSIGN && e->op == OP_ASSIGN && i == 0 &&
                      kid != NULL && kid->kind == EXPR_VAR;
        if (!target && reads_failed_status(w, s, kid))
            return true;
    }
    return false;
}

static bool calls_register(const Expr *e)
{
    if (e == NULL)
        return false;
    const char *name = e->kind == EXPR_CALL ? expr_call_name(e) : NULL;
    if (name != NULL && strcmp(name, register_ddi) == 0)
        return true;
    for (size_t i = 0; i < e->kid_count; i++)
        if (calls_register(e->kids[i]))
            return true;
    return false;
}

static bool transfer(void *data, const CfgNode *node, void *raw, PathForks *forks)
{
    Walk *w = data;
    IrqState *state = raw;
    /* Read in the state before the node: the node's own assignments come
     * after its reads. */
    bool examined = (state->unexamined != 0 && reads_failed_status(w, state, node->expr)) ||
                    ((node->kind == CFG_BRANCH || node->kind == CFG_SWITCH) &&
                     calls_register(node->expr));
    EventList events;
    events.count = 0;
    events.overflow = false;
    collect_events(node->expr, &events, false);
    StateSet *current = malloc(sizeof(*current));
    StateSet *next = malloc(sizeof(*next));
    if (current == NULL || next == NULL)
        out_of_memory();
    current->count = 0;
    current->overflow = false;
    set_add(current, state);
    if (events.overflow)
        current->items[0].uncertain = 1;
    for (size_t e = 0; e < events.count; e++) {
        next->count = 0;
        next->overflow = false;
        for (size_t i = 0; i < current->count; i++)
            apply_event(w, &events.items[e], &current->items[i], next);
        if (next->overflow)
            for (size_t i = 0; i < next->count; i++)
                next->items[i].uncertain = 1;
        StateSet *swap = current;
        current = next;
        next = swap;
    }
    for (size_t i = 0; i < current->count; i++) {
        IrqState *s = &current->items[i];
        /* A declaration's initialiser is an assignment to the variable. */
        if (node->kind == CFG_DECL && node->var != NULL && node->expr != NULL &&
            status_slot(w, node->var) >= 0)
            s->status[status_slot(w, node->var)] = status_of(w, s, node->expr);
        pointer_effects(w, node->expr, s);
        if (node->kind == CFG_DECL && node->var != NULL &&
            node->var->index < w->function->var_count &&
            w->pointer_slot[node->var->index] >= 0) {
            uint8_t value = node->expr != NULL ? pointer_value(w, s, node->expr) : T_UNKNOWN;
            s->pointer[w->pointer_slot[node->var->index]] =
                value == T_UNCHANGED ? T_UNKNOWN : value;
        }
        if (examined)
            s->unexamined = 0;
        if (node->kind == CFG_RETURN || node->kind == CFG_FALL_OFF)
            at_exit(w, node, s);
    }
    bool alive = current->count > 0;
    if (alive) {
        *state = current->items[0];
        for (size_t i = 1; i < current->count; i++)
            paths_fork(forks, &current->items[i]);
    }
    free(current);
    free(next);
    return alive;
}

/* What a test is about: a status (local or call result) or a flag. */
typedef struct Subject {
    bool is_status;
    uint8_t *value;     /* status byte or flag byte in the state */
    uint8_t *assumed;   /* flag: the helper's assumption byte */
    bool tied;          /* flag: may stand for the registration state */
    bool fixed;         /* a known truth that tests never change */
} Subject;

static bool find_subject(Walk *w, IrqState *s, const Expr *e, Subject *subject)
{
    memset(subject, 0, sizeof(*subject));
    if (e->kind == EXPR_VAR && status_slot(w, e->var) >= 0) {
        subject->is_status = true;
        subject->value = &s->status[status_slot(w, e->var)];
        return true;
    }
    int pointer = pointer_slot_of(w, e);
    if (pointer >= 0) {
        static uint8_t not_a_parameter;
        subject->value = &s->pointer[pointer];
        subject->assumed = e->var->scope == VAR_PARAM && e->var->index < MAX_PARAMS
                               ? &s->param_assumed[e->var->index]
                               : &not_a_parameter;
        return true;
    }
    if (e->kind == EXPR_VAR && e->var->is_pointer && e->var->scope != VAR_GLOBAL &&
        w->never_null != NULL && w->never_null[e->var->index]) {
        static uint8_t non_null = T_TRUE;
        subject->value = &non_null;
        subject->fixed = true;
        return true;
    }
    if (e->kind == EXPR_CALL || e->kind == EXPR_ASSIGN) {
        subject->is_status = true;
        subject->value = &s->result;
        return true;
    }
    char key[KEY_MAX];
    if (flag_key(e, key, sizeof(key))) {
        int f = flag_slot(w->analysis, key, false);
        if (f < 0)
            return false;
        subject->value = &s->flag[f];
        subject->assumed = &s->flag_assumed[f];
        subject->tied = w->analysis->flag_tied[f];
        return true;
    }
    return false;
}

/* The outcome of `subject op k` for a status: 1 true, 0 false, -1 either. */
static int status_test(uint8_t status, Operator op, int64_t k)
{
    /* SUCCESS is zero; a failure is a negative NTSTATUS-style code; an
     * other code is neither, and only known not to be zero. */
    if (status == S_OTHER)
        return k != 0 || (op != OP_EQ && op != OP_NE) ? -1 : op == OP_NE;
    bool success = status == S_SUCCESS;
    switch (op) {
    case OP_NE: return k == 0 ? !success : (success ? 1 : -1);
    case OP_EQ: return k == 0 ? success : (success ? 0 : -1);
    case OP_GE: return k == 0 ? success : -1;
    case OP_LT: return k == 0 ? !success : -1;
    case OP_GT: return k == 0 ? 0 : -1;
    case OP_LE: return k == 0 ? 1 : -1;
    default: return -1;
    }
}

static int truth_test(uint8_t truth, Operator op, int64_t k)
{
    if (op != OP_EQ && op != OP_NE)
        return -1;
    int equal;
    if (truth == T_FALSE)
        equal = k == 0;
    else if (truth >= T_EXACT)
        equal = k == (int64_t)(truth - T_EXACT);
    else if (truth == T_TRUE)
        equal = k == 0 ? 0 : -1;
    else
        return -1;
    if (equal < 0)
        return -1;
    return op == OP_EQ ? equal : !equal;
}

/* What a flag must be for `flag op k` to come out as `want`, or
 * T_UNKNOWN when the test does not say. */
static uint8_t truth_learned(Operator op, int64_t k, bool want)
{
    bool equal = (op == OP_EQ) == want;
    if (op != OP_EQ && op != OP_NE)
        return T_UNKNOWN;
    if (equal)
        return truth_of_constant(k);
    return k == 0 ? T_TRUE : T_UNKNOWN;
}

/* Refines `s` for `operand op k` coming out as `want`; false when the
 * state rules that out. */
static bool assume_compare(Walk *w, IrqState *s, const Expr *operand, Operator op,
                           int64_t k, bool want, SourceLoc where)
{
    /* NT_ERROR(x) is `((ULONG)x >> 30) == 3`: the failure severity. */
    if (operand->kind == EXPR_BINARY && operand->op == OP_SHR &&
        operand->kids[1]->kind == EXPR_INT && operand->kids[1]->int_value == 30 &&
        (op == OP_EQ || op == OP_NE) && k == 3) {
        operand = operand->kids[0];
        op = op == OP_EQ ? OP_LT : OP_GE;
        k = 0;
    }
    Subject subject;
    if (!find_subject(w, s, operand, &subject))
        return true;
    /* Only callbacks NDIS calls report, so only their tests are named. */
    if (w->mode != WALK_HELPER && !subject.fixed)
        s->decided_at = site_of(w->analysis, where, w->function->name);
    if (subject.is_status) {
        /* Equal to a constant: the status is of that constant's class. */
        bool equal = (op == OP_EQ && want) || (op == OP_NE && !want);
        if (equal && k != 0 &&
            (*subject.value == S_UNKNOWN ||
             (*subject.value == S_FAILURE && status_class(k) != S_SUCCESS))) {
            *subject.value = status_class(k);
            return true;
        }
        if (*subject.value == S_UNKNOWN) {
            /* Learn success or failure from a test that tells them apart. */
            int if_success = status_test(S_SUCCESS, op, k);
            int if_failure = status_test(S_FAILURE, op, k);
            if (if_success == (int)want && if_failure == !want)
                *subject.value = S_SUCCESS;
            else if (if_failure == (int)want && if_success == !want)
                *subject.value = S_FAILURE;
            return true;
        }
        int outcome = status_test(*subject.value, op, k);
        return outcome < 0 || (outcome != 0) == want;
    }
    uint8_t truth = *subject.value;
    if (!subject.fixed && (truth == T_UNCHANGED || truth == T_UNKNOWN)) {
        /* A test of a flag tied to the registration guards what follows. */
        if (truth == T_UNKNOWN && subject.tied)
            s->guarded = 1;
        /* Learn the flag from the test, when the test says it. */
        uint8_t learned = truth_learned(op, k, want);
        if (learned == T_UNKNOWN)
            return true;
        if (truth == T_UNCHANGED)
            *subject.assumed = learned;
        *subject.value = learned;
        return true;
    }
    int outcome = truth_test(truth, op, k);
    return outcome < 0 || (outcome != 0) == want;
}

/* Splits a condition into `operand op k`; false when it is not of that
 * form. A bare operand is `operand != 0`. */
static bool as_comparison(const Expr *cond, const Expr **operand, Operator *op,
                          int64_t *k)
{
    *operand = cond;
    *op = OP_NE;
    *k = 0;
    if (cond->kind != EXPR_BINARY || cond->kid_count != 2)
        return true;
    Operator o = cond->op;
    if (o != OP_EQ && o != OP_NE && o != OP_GE && o != OP_LT && o != OP_GT && o != OP_LE)
        return true;
    if (cond->kids[1]->kind == EXPR_INT) {
        *operand = cond->kids[0];
        *op = o;
        *k = cond->kids[1]->int_value;
        return true;
    }
    if (cond->kids[0]->kind == EXPR_INT) {
        /* `K op x` is `x op' K`. */
        *operand = cond->kids[1];
        *k = cond->kids[0]->int_value;
        *op = o == OP_GE ? OP_LE : o == OP_LE ? OP_GE : o == OP_GT ? OP_LT
              : o == OP_LT ? OP_GT : o;
        return true;
    }
    return false;
}

static bool assume(void *data, const CfgNode *node, const CfgEdge *edge, void *raw)
{
    Walk *w = data;
    IrqState *s = raw;
    if (node->expr == NULL)
        return true;
    if (node->kind == CFG_SWITCH) {
        /* A case is `x == value`; the default is `x != value` for every case. */
        if (edge->kind == EDGE_CASE)
            return assume_compare(w, s, node->expr, OP_EQ, edge->case_value, true, node->loc);
        if (edge->kind != EDGE_DEFAULT)
            return true;
        for (size_t i = 0; i < node->edge_count; i++) {
            if (node->edges[i].kind == EDGE_CASE &&
                !assume_compare(w, s, node->expr, OP_EQ, node->edges[i].case_value, false,
                                node->loc))
                return false;
        }
        return true;
    }
    if (node->kind != CFG_BRANCH)
        return true;
    const Expr *operand = NULL;
    Operator op = OP_NE;
    int64_t k = 0;
    if (!as_comparison(node->expr, &operand, &op, &k))
        return true;
    return assume_compare(w, s, operand, op, k, edge->kind == EDGE_TRUE, node->loc);
}

/* ---- walks -------------------------------------------------------------- */

/* What the variables of the walked function are, from its text. */
typedef struct VarScan {
    Walk *w;
    size_t next_slot;
    bool *assigned;       /* pointer locals: given a value somewhere */
    bool *from_param;     /* ... and only ever a pointer parameter's value */
    unsigned *copies;     /* how many values each local is given */
} VarScan;

static void give_status_slot(VarScan *scan, const Var *var)
{
    Walk *w = scan->w;
    if (var->scope == VAR_GLOBAL || var->is_pointer || var->index >= w->function->var_count ||
        w->status_slot[var->index] >= 0 || scan->next_slot >= MAX_STATUS_VARS)
        return;
    w->status_slot[var->index] = (int8_t)scan->next_slot++;
}

/* A local given exactly one value, a field: its copy. */
static void note_copy(VarScan *scan, const Var *var, const Expr *value)
{
    Walk *w = scan->w;
    if (var->scope != VAR_LOCAL || var->index >= w->function->var_count)
        return;
    if (scan->copies[var->index] == 0 && value != NULL && value->kind == EXPR_MEMBER)
        w->copied_from[var->index] = value;
    else
        w->copied_from[var->index] = NULL;
    scan->copies[var->index]++;
}

static void note_pointer_value(VarScan *scan, const Var *var, const Expr *value)
{
    if (var->scope != VAR_LOCAL || !var->is_pointer || var->index >= scan->w->function->var_count)
        return;
    bool from_param = value != NULL && value->kind == EXPR_VAR &&
                      value->var->scope == VAR_PARAM && value->var->is_pointer;
    if (!scan->assigned[var->index])
        scan->from_param[var->index] = from_param;
    else
        scan->from_param[var->index] = scan->from_param[var->index] && from_param;
    scan->assigned[var->index] = true;
}

static void scan_expr(const Expr *e, void *data)
{
    VarScan *scan = data;
    if (e->kind != EXPR_ASSIGN || e->kids[0]->kind != EXPR_VAR)
        return;
    give_status_slot(scan, e->kids[0]->var);
    note_pointer_value(scan, e->kids[0]->var, e->op == OP_ASSIGN ? e->kids[1] : NULL);
    note_copy(scan, e->kids[0]->var, e->op == OP_ASSIGN ? e->kids[1] : NULL);
}

static void scan_stmt(VarScan *scan, const Stmt *st)
{
    if (st == NULL)
        return;
    if (st->kind == STMT_DECL && st->var != NULL && st->expr != NULL) {
        give_status_slot(scan, st->var);
        note_pointer_value(scan, st->var, st->expr);
        note_copy(scan, st->var, st->expr);
    }
    expr_walk(st->expr, scan_expr, scan);
    expr_walk(st->expr2, scan_expr, scan);
    for (size_t i = 0; i < st->kid_count; i++)
        scan_stmt(scan, st->kids[i]);
}

/* Gives status slots to the variables that receive values (the first
 * MAX_STATUS_VARS of them), and finds the pointers that are never NULL in
 * a callback NDIS calls (not in helpers, whose callers may pass NULL). */
static void scan_vars(Walk *w)
{
    size_t count = w->function->var_count + 1;
    w->status_slot = malloc(count * sizeof(*w->status_slot));
    w->never_null = calloc(count, sizeof(*w->never_null));
    w->copied_from = calloc(count, sizeof(*w->copied_from));
    VarScan scan = {w, 0, calloc(count, sizeof(bool)), calloc(count, sizeof(bool)),
                    calloc(count, sizeof(unsigned))};
    if (w->status_slot == NULL || w->never_null == NULL || w->copied_from == NULL ||
        scan.assigned == NULL || scan.from_param == NULL || scan.copies == NULL)
        out_of_memory();
    memset(w->status_slot, -1, count * sizeof(*w->status_slot));
    scan_stmt(&scan, w->function->body);
    for (size_t i = 0; i < w->function->var_count && w->mode != WALK_HELPER; i++) {
        const Var *var = w->function->vars[i];
        if (var->is_pointer)
            w->never_null[i] = var->scope == VAR_PARAM ||
                               (scan.assigned[i] && scan.from_param[i]);
    }
    w->pointer_slot = malloc(count * sizeof(*w->pointer_slot));
    if (w->pointer_slot == NULL)
        out_of_memory();
    memset(w->pointer_slot, -1, count * sizeof(*w->pointer_slot));
    int next_pointer = 0;
    for (size_t i = 0; i < w->function->var_count && next_pointer < MAX_POINTERS; i++) {
        const Var *var = w->function->vars[i];
        if (var->is_pointer && !var->is_reference && var->scope != VAR_GLOBAL &&
            !w->never_null[i])
            w->pointer_slot[i] = (int8_t)next_pointer++;
    }
    free(scan.assigned);
    free(scan.from_param);
    free(scan.copies);
}

static bool walk_run(Walk *w)
{
    Cfg *cfg = cfg_build(w->function);
    if (cfg == NULL)
        return false;
    scan_vars(w);
    bool ok = !cfg->incomplete;
    if (ok) {
        PathAnalysis analysis = {sizeof(IrqState), w, entry_state, transfer, assume};
        ok = paths_run(cfg, &analysis, RULE_MAX_PATH_STATES) == PATHS_COMPLETE &&
             !w->overflow;
    }
    cfg_free(cfg);
    free(w->status_slot);
    free(w->never_null);
    free(w->copied_from);
    free(w->pointer_slot);
    w->pointer_slot = NULL;
    w->status_slot = NULL;
    w->never_null = NULL;
    w->copied_from = NULL;
    return ok;
}

static Summary *summary_of(Analysis *a, const char *name, const Function *caller, int depth)
{
    /* Keyed by the definition: static functions of one name differ. */
    const Function *target = program_definition_for(a->program, name, caller);
    if (target == NULL)
        return NULL;
    for (size_t i = 0; i < a->summary_count; i++) {
        if (a->summaries[i]->function == target)
            return a->summaries[i]->in_progress ? NULL : a->summaries[i];
    }
    const Function *function = damage_usable_definition(a->scope, a->program, name, caller, NULL);
    if (function == NULL || depth > MAX_DEPTH)
        return NULL;
    if (a->summary_count == a->summary_capacity) {
        size_t capacity = a->summary_capacity ? a->summary_capacity * 2 : 16;
        Summary **grown = realloc(a->summaries, capacity * sizeof(*grown));
        if (grown == NULL)
            out_of_memory();
        a->summaries = grown;
        a->summary_capacity = capacity;
    }
    Summary *summary = calloc(1, sizeof(*summary));
    if (summary == NULL)
        out_of_memory();
    summary->name = function->name;
    summary->function = function;
    summary->in_progress = true;
    a->summaries[a->summary_count++] = summary;
    Walk w;
    memset(&w, 0, sizeof(w));
    w.analysis = a;
    w.function = function;
    w.mode = WALK_HELPER;
    w.depth = depth;
    w.summary = summary;
    DamageHit outer = a->pending;
    a->pending = (DamageHit){NULL, NULL, NULL};
    summary->known = walk_run(&w);
    summary->damage = a->pending;
    if (outer.stmt != NULL)
        a->pending = outer;
    summary->in_progress = false;
    return summary;
}

static void not_followed(Analysis *a, const Function *function)
{
    tool_message_add(a->messages, LEVEL_WARNING, function->loc,
                     "%s: the paths of %s could not all be followed; it was not checked",
                     a->rule_id, function->name);
}

static void analyse_halt(Analysis *a, const Function *halt, const Walk *init)
{
    /* Handles this Initialize registers on some successful path. Others
     * (registered elsewhere, if anywhere) are unknown to Halt. */
    bool registers[MAX_HANDLES] = {false};
    for (size_t i = 0; i < init->success_count; i++) {
        for (int k = 0; k < MAX_HANDLES; k++)
            registers[k] = registers[k] || init->successes[i].handle[k] == H_REGISTERED;
    }
    bool keeps = false;
    bool ok = true;
    for (size_t i = 0; i < init->success_count && ok && !keeps; i++) {
        Walk w;
        memset(&w, 0, sizeof(w));
        w.analysis = a;
        w.function = halt;
        w.mode = WALK_HALT;
        w.entry = init->successes[i];
        for (int k = 0; k < MAX_HANDLES; k++) {
            if (!registers[k])
                w.entry.handle[k] = H_UNKNOWN;
        }
        w.entry.result = S_UNKNOWN;
        w.entry.guarded = 0;
        w.entry.decided_at = 0; /* Initialize's tests explain nothing in Halt */
        memset(w.entry.status, 0, sizeof(w.entry.status));
        a->pending = (DamageHit){NULL, NULL, NULL};
        ok = walk_run(&w);
        keeps = w.halt_keeps_handle;
        if (a->pending.stmt != NULL) {
            rules_not_judged(a->ctx, a->rule_id, halt, &a->pending);
            break;
        }
    }
    if (!ok) {
        not_followed(a, halt);
        return;
    }
    if (!keeps)
        return;
    /* Name the first handle a successful Initialize leaves registered. */
    int k = -1;
    uint8_t site = 0;
    for (size_t i = 0; i < init->success_count && k < 0; i++) {
        for (int h = 0; h < MAX_HANDLES && k < 0; h++) {
            if (init->successes[i].handle[h] == H_REGISTERED) {
                k = h;
                site = init->successes[i].registered_at[h];
            }
        }
    }
    violation(a, IRQ_HALT_KEEPS_HANDLE, halt->loc, halt->name, k,
              site != 0 ? a->sites[site].loc : no_loc(),
              "MiniportInitializeEx registers the interrupt here and can succeed",
              halt->name);
}

static int compare_violations(const void *x, const void *y)
{
    const IrqViolation *a = x;
    const IrqViolation *b = y;
    int c = strcmp(a->loc.file != NULL ? a->loc.file : "", b->loc.file != NULL ? b->loc.file : "");
    if (c != 0)
        return c;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

/* Collects the flag keys a condition tests. */
static void tied_from_condition(Analysis *a, const Expr *cond)
{
    if (cond == NULL)
        return;
    if ((cond->kind == EXPR_BINARY && (cond->op == OP_LOG_AND || cond->op == OP_LOG_OR)) ||
        (cond->kind == EXPR_UNARY && cond->op == OP_NOT)) {
        for (size_t i = 0; i < cond->kid_count; i++)
            tied_from_condition(a, cond->kids[i]);
        return;
    }
    const Expr *operand = NULL;
    Operator op = OP_NE;
    int64_t k = 0;
    char key[KEY_MAX];
    if (as_comparison(cond, &operand, &op, &k) && flag_key(operand, key, sizeof(key)))
        intern(a->tied, &a->tied_count, MAX_TIED, key, true);
}

static void find_deregister(const Expr *e, void *data)
{
    bool *found = data;
    const char *name = expr_call_name(e);
    if (name != NULL && strcmp(name, deregister_ddi) == 0)
        *found = true;
}

static bool deregisters_in(const Stmt *st)
{
    bool found = false;
    stmt_walk_exprs(st, find_deregister, &found);
    return found;
}

/* `return ...;` or `goto ...;`, alone or ending a block. */
static bool leaves(const Stmt *st)
{
    if (st == NULL)
        return false;
    if (st->kind == STMT_RETURN || st->kind == STMT_GOTO)
        return true;
    return st->kind == STMT_COMPOUND && st->kid_count > 0 &&
           leaves(st->kids[st->kid_count - 1]);
}

/* Guards of a deregistration: the condition of an `if` around it, or of
 * an early exit (`if (!registered) return;`) in a function that
 * deregisters. */
static void tied_from_stmt(Analysis *a, const Stmt *st, bool function_deregisters)
{
    if (st == NULL)
        return;
    if (st->kind == STMT_IF &&
        (deregisters_in(st->kids[0]) || deregisters_in(st->kids[1]) ||
         (function_deregisters && leaves(st->kids[0]))))
        tied_from_condition(a, st->expr);
    for (size_t i = 0; i < st->kid_count; i++)
        tied_from_stmt(a, st->kids[i], function_deregisters);
}

/* Flags that guard a deregistration (a cleanup helper, Halt). Other
 * fields (configuration, buffers) are not followed at all. */
static void find_tied(Analysis *a, const Function *f)
{
    tied_from_stmt(a, f->body, deregisters_in(f->body));
}

static void find_registered(const Expr *e, void *data)
{
    Analysis *a = data;
    const char *name = expr_call_name(e);
    char key[KEY_MAX];
    if (name != NULL && strcmp(name, register_ddi) == 0 &&
        pointee_key(expr_call_arg(e, REGISTER_HANDLE_ARG), key, sizeof(key)))
        intern(a->registered, &a->registered_count, MAX_REGISTERED_KEYS, key, true);
}

/* The definition of a role function the analysis judges, or NULL; damage
 * that keeps it from being judged is said. */
static const Function *judged_definition(Analysis *a, const char *name)
{
    DamageHit hit = {NULL, NULL, NULL};
    const Function *f = damage_usable_definition(a->scope, a->program, name, NULL, &hit);
    if (f == NULL && hit.stmt != NULL)
        rules_not_judged(a->ctx, a->rule_id, program_definition(a->program, name), &hit);
    return f;
}

void irq_analyse(const RuleContext *ctx, const char *rule_id, IrqReport *report)
{
    const Program *program = ctx->program;
    memset(report, 0, sizeof(*report));
    Analysis *a = calloc(1, sizeof(*a));
    if (a == NULL)
        out_of_memory();
    a->ctx = ctx;
    a->program = program;
    a->scope = rules_interrupt_scope(ctx);
    a->messages = ctx->messages;
    a->rule_id = rule_id;
    a->report = report;
    /* Only functions that call the DDIs can hold a guard or a handle;
     * the others' bodies are not even read in. */
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *entry = &program->functions[i];
        for (size_t d = 0; d < program_definition_count(entry); d++) {
            Function *f = program_definition_at(entry, d);
            if (!function_calls(f, deregister_ddi) && !function_calls(f, register_ddi))
                continue;
            const Function *loaded = program_loaded(program, f);
            if (loaded != NULL) {
                find_tied(a, loaded);
                stmt_walk_exprs(loaded->body, find_registered, a);
            }
        }
    }
    /* Follow every guard from the start, so that zeroing a structure
     * clears the guards it holds even before a test has named them. */
    for (size_t i = 0; i < a->tied_count; i++)
        (void)flag_slot(a, a->tied[i], false);
    for (size_t i = 0; i < a->registered_count; i++)
        (void)flag_slot(a, a->registered[i], true);
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *entry = &program->functions[i];
        if (!program_has_role(entry, ROLE_INITIALIZE))
            continue;
        const Function *init = judged_definition(a, entry->name);
        if (init == NULL)
            continue;
        Walk w;
        memset(&w, 0, sizeof(w));
        w.analysis = a;
        w.function = init;
        w.mode = WALK_INITIALIZE;
        w.entry.attributes = T_FALSE;
        memset(w.entry.handle, H_UNREGISTERED, sizeof(w.entry.handle));
        memset(w.entry.flag, T_UNKNOWN, sizeof(w.entry.flag));
        a->pending = (DamageHit){NULL, NULL, NULL};
        bool followed = walk_run(&w);
        if (a->pending.stmt != NULL)
            rules_not_judged(a->ctx, a->rule_id, init, &a->pending);
        if (!followed) {
            not_followed(a, init);
            free(w.successes);
            continue;
        }
        for (size_t h = 0; h < program->function_count; h++) {
            const ProgramFunction *halt_entry = &program->functions[h];
            const Function *halt = program_has_role(halt_entry, ROLE_HALT) && w.success_count > 0
                                       ? judged_definition(a, halt_entry->name)
                                       : NULL;
            if (halt != NULL && w.success_count > 0)
                analyse_halt(a, halt, &w);
        }
        free(w.successes);
    }
    /* Keys live in the analysis, which is about to go: copy them. */
    for (size_t i = 0; i < report->count; i++) {
        if (report->items[i].handle != NULL) {
            char *copy = strdup(report->items[i].handle);
            if (copy == NULL)
                out_of_memory();
            report->items[i].handle = copy;
        }
    }
    if (report->count > 1)
        qsort(report->items, report->count, sizeof(*report->items), compare_violations);
    for (size_t i = 0; i < a->summary_count; i++)
        free(a->summaries[i]);
    free(a->summaries);
    free(a);
}

void irq_report_free(IrqReport *report)
{
    for (size_t i = 0; i < report->count; i++)
        free((char *)report->items[i].handle);
    free(report->items);
    memset(report, 0, sizeof(*report));
}
