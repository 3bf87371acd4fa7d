/* rule_interrupt_paths_events.c - what the events of a node do to a path:
 * calls (a registration splits the path into its success and failure, a
 * helper into one path per outcome of its summary), assignments to
 * statuses and flags, reads of InterruptType.
 */
#include "rule_interrupt_paths_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rule_ddi_table.h"
#include "rules.h"

/* Attribute structures that are not registration attributes: setting them
 * does not satisfy NDIS001. Any other (or unknown) argument does. */
static const char *const non_registration_attributes[] = {
    "NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES",
    "NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES",
    "NDIS_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES",
};

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
            irq_set_branch(a, irq_violation(a, IRQ_DOUBLE_DEREGISTER, where->loc, where->function, k,
                                    first != 0 ? a->sites[first].loc : irq_no_loc(),
                                    "it was deregistered here first", w->function->name),
                       s->decided_at);
        break;
    case H_UNREGISTERED:
        if (!s->uncertain && !guarded && site != 0)
            irq_set_branch(a, irq_violation(a, IRQ_DEREGISTER_UNREGISTERED, where->loc,
                                    where->function, k,
                                    failed != 0 ? a->sites[failed].loc : irq_no_loc(),
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
        irq_violation(a, IRQ_REGISTER_BEFORE_ATTRIBUTES, a->sites[site].loc,
                  a->sites[site].function, -1, w->function->loc,
                  "the path starts here, in MiniportInitializeEx", w->function->name);
    } else if (s->attributes == T_UNCHANGED && s->needs_attributes == 0) {
        s->needs_attributes = site;
    }
}



void irq_set_add(StateSet *set, const IrqState *s)
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
    if (irq_object_key(value, key, sizeof(key)) && irq_is_registered_key(a, key))
        k = irq_handle_slot(a, key);
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
    if (!irq_object_key(value, key, sizeof(key)) || !irq_is_registered_key(a, key))
        return;
    int k = irq_handle_slot(a, key);
    if (k < 0 || s->handle[k] != H_DEREGISTERED)
        return;
    uint8_t first = s->first_deregistered_at[k] != 0 ? s->first_deregistered_at[k]
                                                     : s->deregistered_at[k];
    irq_set_branch(a, irq_violation(a, IRQ_USE_AFTER_DEREGISTER, call->loc, w->function->name, k,
                            first != 0 ? a->sites[first].loc : irq_no_loc(),
                            "it was deregistered here", w->function->name),
               s->decided_at);
}


/* ---- pointers ---------------------------------------------------------- */

int irq_pointer_slot_of(const Walk *w, const Expr *e)
{
    if (e == NULL || e->kind != EXPR_VAR || e->var->scope == VAR_GLOBAL ||
        e->var->index >= w->function->var_count)
        return -1;
    return w->pointer_slot[e->var->index];
}

/* What is known of `e` as a pointer in `s`: T_TRUE not NULL, T_FALSE
 * NULL, T_UNKNOWN (or T_UNCHANGED: a helper's parameter) otherwise. */
uint8_t irq_pointer_value(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return T_UNKNOWN;
    if (e->kind == EXPR_INT)
        return e->int_value == 0 ? T_FALSE : T_TRUE;
    if (e->kind == EXPR_UNARY && e->op == OP_ADDR)
        return T_TRUE;
    if (e->kind == EXPR_CALL)
        return s->result_pointer != T_UNCHANGED ? s->result_pointer : T_UNKNOWN;
    if (e->kind == EXPR_VAR && e->var->scope != VAR_GLOBAL && w->never_null != NULL &&
        e->var->index < w->function->var_count && w->never_null[e->var->index])
        return T_TRUE;
    int slot = irq_pointer_slot_of(w, e);
    return slot >= 0 ? s->pointer[slot] : T_UNKNOWN;
}

/* A pointer dereferenced is not NULL after; one assigned takes the value's
 * nullness. */
void irq_pointer_effects(const Walk *w, const Expr *e, IrqState *s)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->kid_count; i++)
        irq_pointer_effects(w, e->kids[i], s);
    int slot = -1;
    if ((e->kind == EXPR_MEMBER && e->arrow) || (e->kind == EXPR_UNARY && e->op == OP_DEREF))
        slot = e->kid_count > 0 ? irq_pointer_slot_of(w, e->kids[0]) : -1;
    if (slot >= 0)
        s->pointer[slot] = T_TRUE;
    if (e->kind == EXPR_ASSIGN && e->kid_count == 2) {
        slot = irq_pointer_slot_of(w, e->kids[0]);
        if (slot >= 0)
            s->pointer[slot] = e->op == OP_ASSIGN ? irq_pointer_value(w, s, e->kids[1]) : T_UNKNOWN;
        if (slot >= 0 && s->pointer[slot] == T_UNCHANGED)
            s->pointer[slot] = T_UNKNOWN;
    }
}

/* Whether a flag known to be `truth` can be what a helper's test assumed:
 * a flag set to a non-zero constant (T_EXACT + value) is true, and a flag
 * known only to be non-zero may hold the constant a test compared it to. */
static bool truths_agree(uint8_t truth, uint8_t assumed)
{
    if (truth == assumed)
        return true;
    if (assumed == T_TRUE)
        return truth >= T_EXACT;
    if (assumed >= T_EXACT)
        return truth == T_TRUE;
    return false;
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
        } else if (!truths_agree(s->flag[f], o->flag_assumed[f])) {
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
        uint8_t known = irq_pointer_value(w, s, argument);
        int slot = irq_pointer_slot_of(w, argument);
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
        if (o->granted[k] != G_UNCHANGED)
            s->granted[k] = o->granted[k];
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
    if (o->table_read_at != 0)
        irq_table_read(w, s, 0, o->table_read_at, call);
    s->result = returned;
    s->result_pointer = o->result_pointer;
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
    if (strcmp(record, IRQ_ATTRIBUTES_UNION) == 0 && e->var->scope != VAR_GLOBAL &&
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
    s.result_pointer = T_UNKNOWN;
    /* A local whose address the call receives may hold anything after it
     * (a helper that fills a status through `&status`, say). */
    for (size_t i = 0; i < expr_call_argc(call); i++) {
        const Expr *argument = expr_call_arg(call, i);
        if (argument == NULL || argument->kind != EXPR_UNARY || argument->op != OP_ADDR ||
            argument->kid_count == 0)
            continue;
        const Expr *object = argument->kids[0];
        if (object->kind == EXPR_VAR && irq_status_slot(w, object->var) >= 0)
            s.status[irq_status_slot(w, object->var)] = S_UNKNOWN;
        int slot = irq_pointer_slot_of(w, object);
        if (slot >= 0)
            s.pointer[slot] = T_UNKNOWN;
    }
    const char *name = expr_call_name(call);
    char key[KEY_MAX];
    if (name == NULL) {
        /* A call through a pointer (a debug-print hook, a method of a
         * vtable) may do anything to what it is given: the path is unknown
         * when that reaches tracked state, and unchanged otherwise. */
        if (irq_reaches_tracked(a, call))
            s.uncertain = 1;
        irq_set_add(out, &s);
        return;
    }
    const DdiInfo *ddi = ddi_find(a->ctx->ddis, name);
    if (ddi != NULL && ddi->handle_argument >= 0 &&
        (ddi->handle_effect == HANDLE_SYNCHRONIZES || ddi->handle_effect == HANDLE_QUEUES_DPC ||
         ddi->handle_effect == HANDLE_USES))
        use_value(w, &s, expr_call_arg(call, (size_t)ddi->handle_argument), call);
    if (strcmp(name, a->pair->acquire.call) == 0) {
        uint8_t site = irq_site_of(a, call->loc, w->function->name);
        if (a->interrupt_extras)
            attributes_needed(w, &s, site);
        const Expr *resource = irq_resource_value(w->function, call, &a->pair->acquire);
        int k = irq_object_key(resource, key, sizeof(key)) ? irq_handle_slot(a, key) : -1;
        if (k < 0) {
            s.uncertain = 1;
            irq_set_add(out, &s);
            return;
        }
        int value_flag = irq_flag_slot(a, key, true);
        IrqState failure = s;
        if (failure.handle[k] == H_UNCHANGED || failure.handle[k] == H_UNKNOWN)
            failure.handle[k] = H_UNREGISTERED;
        failure.failed_at[k] = site;
        failure.result = S_FAILURE;
        failure.unexamined = site;
        irq_set_add(out, &failure);
        s.handle[k] = H_REGISTERED;
        s.registered_at[k] = site;
        if (a->interrupt_extras) {
            s.chars_of[k] = irq_chars_id(w, expr_call_arg(call, CHARACTERISTICS_ARG));
            s.type_read[k] = T_FALSE;
            s.granted[k] = G_UNTESTED;
        }
        s.result = S_SUCCESS;
        if (value_flag >= 0)
            s.flag[value_flag] = T_TRUE;
        irq_set_add(out, &s);
        return;
    }
    if (strcmp(name, a->pair->release.call) == 0) {
        deregister_value(w, &s, irq_resource_value(w->function, call, &a->pair->release),
                         irq_site_of(a, call->loc, w->function->name), s.guarded);
        irq_set_add(out, &s);
        return;
    }
    if (a->interrupt_extras && strcmp(name, IRQ_ATTRIBUTES_DDI) == 0) {
        if (registers_attributes(&s, expr_call_arg(call, ATTRIBUTES_ARG)))
            s.attributes = T_TRUE;
        irq_set_add(out, &s);
        return;
    }
    if (is_zeroing(name)) {
        apply_zeroing(w, &s, expr_call_arg(call, 0));
        irq_set_add(out, &s);
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
        irq_set_add(out, &s);
        return;
    }
    Summary *summary = irq_summary_of(a, name, w->function, w->depth + 1);
    if (summary != NULL && summary->damage.stmt != NULL && a->pending.stmt == NULL)
        a->pending = summary->damage;
    if (summary == NULL || !summary->known) {
        s.uncertain = 1;
        irq_set_add(out, &s);
        return;
    }
    for (size_t i = 0; i < summary->outcome_count; i++) {
        IrqState next = s;
        if (apply_outcome(w, &next, &summary->outcomes[i], summary->returns[i], call))
            irq_set_add(out, &next);
    }
}

/* The status class a value has in state `s`. */
/* The status slot of a variable in this walk, or -1. */
int irq_status_slot(const Walk *w, const Var *var)
{
    if (var->scope == VAR_GLOBAL || var->index >= w->function->var_count)
        return -1;
    return w->status_slot[var->index];
}

uint8_t irq_status_of(const Walk *w, const IrqState *s, const Expr *e)
{
    if (e == NULL)
        return S_UNKNOWN;
    switch (e->kind) {
    case EXPR_INT:
        return irq_status_class(e->int_value);
    case EXPR_VAR: {
        int slot = irq_status_slot(w, e->var);
        return slot < 0 ? S_UNKNOWN : s->status[slot];
    }
    case EXPR_CALL:
        return s->result;
    case EXPR_ASSIGN:
        return e->op == OP_ASSIGN ? irq_status_of(w, s, e->kids[1]) : S_UNKNOWN;
    default:
        return S_UNKNOWN;
    }
}

uint8_t irq_truth_of_constant(int64_t v)
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
        return irq_truth_of_constant(e->int_value);
    if (e->kind == EXPR_FUNC || e->kind == EXPR_STRING)
        return T_TRUE;
    return T_UNKNOWN;
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
        e->var->record == NULL || strcmp(e->var->record, IRQ_ATTRIBUTES_UNION) != 0 ||
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
        int slot = irq_status_slot(w, lhs->var);
        if (slot >= 0)
            s->status[slot] = assign->op == OP_ASSIGN ? irq_status_of(w, s, rhs) : S_UNKNOWN;
        return;
    }
    char key[KEY_MAX];
    if (lhs->kind != EXPR_MEMBER || !irq_object_key(lhs, key, sizeof(key)))
        return;
    const Expr *constant = rhs->kind == EXPR_INT ? rhs : NULL;
    switch (assign->op) {
    case OP_ASSIGN: {
        int f = irq_flag_slot(w->analysis, key, false);
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
                (void)irq_flag_slot(w->analysis, bit, false);
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
        int f = irq_flag_slot(w->analysis, key, false);
        if (f >= 0)
            s->flag[f] = T_UNKNOWN;
        each_bit_flag(w, s, key, bits_unknown, 0);
        break;
    }
    }
}

/* ---- events of a node ------------------------------------------------- */



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

/* Events in evaluation order: operands before the operation. A read of
 * MessageInfoTable that only some evaluations reach (an arm of ?:, the
 * right side of && or ||) is left out: the path does not know the
 * condition. */
static void collect(const Walk *w, const Expr *e, EventList *list, bool is_lvalue,
                    bool conditional)
{
    if (e == NULL || e->kind == EXPR_SIZEOF)
        return;
    if (e->kind == EXPR_ASSIGN) {
        collect(w, e->kids[1], list, false, conditional);
        collect(w, e->kids[0], list, true, conditional);
        add_event(list, EVENT_ASSIGN, e);
        return;
    }
    for (size_t i = 0; i < e->kid_count; i++) {
        bool guarded = (e->kind == EXPR_COND && i > 0) ||
                       (e->kind == EXPR_BINARY && i > 0 &&
                        (e->op == OP_LOG_AND || e->op == OP_LOG_OR));
        collect(w, e->kids[i], list, false, conditional || guarded);
    }
    if (e->kind == EXPR_CALL)
        add_event(list, EVENT_CALL, e);
    else if (is_lvalue)
        return;
    else if (irq_is_type_read(e))
        add_event(list, EVENT_TYPE_READ, e);
    else if (irq_is_table_read(e) && !conditional)
        add_event(list, EVENT_TABLE_READ, e);
    else if (irq_is_type_copy(w, e))
        add_event(list, EVENT_COPY_READ, e);
}

void irq_collect_events(const Walk *w, const Expr *e, EventList *list)
{
    collect(w, e, list, false, false);
}

void irq_apply_event(Walk *w, const Event *event, const IrqState *in, StateSet *out)
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
        uint8_t id = irq_member_chars_id(w, event->expr);
        for (int k = 0; k < MAX_HANDLES; k++) {
            if (id == 0 || s.chars_of[k] == 0 || s.chars_of[k] == id)
                s.type_read[k] = T_TRUE;
        }
        irq_type_examined(w, &s, event->expr);
        break;
    }
    case EVENT_COPY_READ:
        irq_type_examined(w, &s, event->expr);
        break;
    case EVENT_TABLE_READ:
        irq_table_read(w, &s, irq_member_chars_id(w, event->expr),
                       irq_site_of(w->analysis, event->expr->loc, w->function->name), NULL);
        break;
    }
    irq_set_add(out, &s);
}
