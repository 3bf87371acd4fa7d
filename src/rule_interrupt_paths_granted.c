/* rule_interrupt_paths_granted.c - what a path knows of the interrupt type
 * NDIS granted a registration, and the reads of MessageInfoTable it judges
 * (NDIS013).
 *
 * After a successful NdisMRegisterInterruptEx the type is untested. A test
 * of the characteristics' InterruptType, or of a place given a copy of it
 * (`Adapter->InterruptType = chars.InterruptType`, a local initialised
 * from it), against NDIS_CONNECT_MESSAGE_BASED or NDIS_CONNECT_LINE_BASED
 * tells the path which it is; the type examined any other way (handed to
 * a function, tested against something else, returned by a helper) makes
 * it unknown, and an unknown type is never judged. A read of
 * MessageInfoTable is reported where the type is still untested or was
 * found line-based. Reads a conditional operator or the right side of
 * && or || guard inside an expression are not judged: which way that
 * condition went is not known to the path.
 */
#include "rule_interrupt_paths_state.h"

#include <string.h>

static const char table_field[] = "MessageInfoTable";

/* NDIS_INTERRUPT_TYPE (ndis.h). */
enum { LINE_BASED = 1, MESSAGE_BASED = 2 };

static bool is_characteristics_field(const Expr *e, const char *field)
{
    return e != NULL && e->kind == EXPR_MEMBER && e->record != NULL &&
           strcmp(e->name, field) == 0 && strcmp(e->record, IRQ_CHARACTERISTICS_RECORD) == 0;
}

bool irq_is_type_read(const Expr *e)
{
    return is_characteristics_field(e, IRQ_TYPE_FIELD);
}

bool irq_is_table_read(const Expr *e)
{
    return is_characteristics_field(e, table_field);
}

/* The chars id of the object whose field `member` reads (`chars.X`); 0 for
 * a read through a pointer, which may be of any of them. */
uint8_t irq_member_chars_id(const Walk *w, const Expr *member)
{
    char key[KEY_MAX];
    if (member->arrow || member->kid_count != 1 ||
        !irq_chars_key(w->function, member->kids[0], key, sizeof(key)))
        return 0;
    Analysis *a = w->analysis;
    int found = irq_intern(a->chars, &a->chars_count, MAX_CHARS, key, true);
    return found < 0 ? 0 : (uint8_t)(found + 1);
}

/* The name of a place that may hold a copy of the type: a field by its
 * structure, a local or parameter by its function. */
static bool copy_key(const Walk *w, const Expr *e, char *buf, size_t size)
{
    if (e == NULL)
        return false;
    if (e->kind == EXPR_MEMBER)
        return irq_object_key(e, buf, size);
    if (e->kind == EXPR_VAR)
        return irq_chars_key(w->function, e, buf, size);
    return false;
}

bool irq_is_type_copy(const Walk *w, const Expr *e)
{
    const Analysis *a = w->analysis;
    char key[KEY_MAX];
    if (a->type_copy_count == 0 || e == NULL ||
        (e->kind != EXPR_MEMBER && e->kind != EXPR_VAR) || !copy_key(w, e, key, sizeof(key)))
        return false;
    for (size_t i = 0; i < a->type_copy_count; i++) {
        if (strcmp(a->type_copies[i], key) == 0)
            return true;
    }
    return false;
}

static void note_copy(Walk *w, const Expr *place)
{
    Analysis *a = w->analysis;
    char key[KEY_MAX];
    if (copy_key(w, place, key, sizeof(key)))
        (void)irq_intern(a->type_copies, &a->type_copy_count, MAX_TYPE_COPIES, key, true);
}

/* Does a read or test of the type of chars `id` speak of handle `k`? Only
 * of a handle this path registered (or, in a helper, its caller's). */
static bool speaks_of(const IrqState *s, int k, uint8_t id)
{
    if (s->handle[k] != H_REGISTERED && s->handle[k] != H_UNCHANGED)
        return false;
    return id == 0 || s->chars_of[k] == 0 || s->chars_of[k] == id;
}

static uint8_t type_id(const Walk *w, const Expr *e)
{
    return irq_is_type_read(e) ? irq_member_chars_id(w, e) : 0;
}

/* The operand the current node tests, when it is a test at all. */
static const Expr *tested_operand(const Walk *w)
{
    const CfgNode *node = w->node;
    if (node == NULL || node->expr == NULL)
        return NULL;
    if (node->kind == CFG_SWITCH)
        return node->expr;
    const Expr *operand = NULL;
    Operator op = OP_NE;
    int64_t k = 0;
    if (node->kind == CFG_BRANCH && irq_as_comparison(node->expr, &operand, &op, &k))
        return operand;
    return NULL;
}

/* The type of chars `id` was examined in a way the path does not follow:
 * where it was untested (in a helper: where the caller's state is not
 * known), it is unknown now. A type already found stays found. */
static void forget_untested(IrqState *s, uint8_t id)
{
    for (int k = 0; k < MAX_HANDLES; k++) {
        if (speaks_of(s, k, id) &&
            (s->granted[k] == G_UNTESTED || s->granted[k] == G_UNCHANGED))
            s->granted[k] = G_UNKNOWN;
    }
}

/* The type (or a copy) `e` is read by the current node. Copying it into
 * a place, or the test the node makes, is followed; anything else is an
 * examination the path does not understand. */
void irq_type_examined(Walk *w, IrqState *s, const Expr *e)
{
    const CfgNode *node = w->node;
    if (node != NULL && node->kind == CFG_DECL && node->expr == e && node->var != NULL) {
        Expr place = {0};
        place.kind = EXPR_VAR;
        place.var = (Var *)node->var; /* only read, to name it */
        note_copy(w, &place);
        return;
    }
    if (node != NULL && node->expr != NULL && node->expr->kind == EXPR_ASSIGN &&
        node->expr->op == OP_ASSIGN && node->expr->kid_count == 2 &&
        node->expr->kids[1] == e) {
        note_copy(w, node->expr->kids[0]);
        return;
    }
    if (tested_operand(w) == e)
        return; /* irq_assume_type learns from the test */
    forget_untested(s, type_id(w, e));
}

bool irq_assume_type(Walk *w, IrqState *s, const Expr *operand, Operator op, int64_t k,
                     bool want, bool *handled)
{
    *handled = false;
    if (!irq_is_type_read(operand) && !irq_is_type_copy(w, operand))
        return true;
    *handled = true;
    uint8_t id = type_id(w, operand);
    uint8_t learned = G_UNKNOWN;
    if ((op == OP_EQ || op == OP_NE) && (k == MESSAGE_BASED || k == LINE_BASED)) {
        bool equal = (op == OP_EQ) == want;
        learned = (k == MESSAGE_BASED) == equal ? G_MESSAGE : G_LINE;
    }
    /* The path cannot take the test when every registration it speaks of
     * is already known to be of the other type. */
    bool spoken = false;
    bool possible = false;
    for (int h = 0; h < MAX_HANDLES; h++) {
        if (!speaks_of(s, h, id))
            continue;
        uint8_t *granted = &s->granted[h];
        if (learned == G_UNKNOWN) {
            forget_untested(s, id);
            continue;
        }
        spoken = true;
        if ((*granted == G_MESSAGE || *granted == G_LINE) && *granted != learned)
            continue;
        *granted = learned;
        possible = true;
    }
    return possible || !spoken;
}

/* A read of MessageInfoTable of chars `id` at `site`; `call` is the call
 * of the helper holding it when the caller judges it, or NULL. */
void irq_table_read(Walk *w, IrqState *s, uint8_t id, uint8_t site, const Expr *call)
{
    if (s->uncertain || site == 0)
        return;
    int judged = -1;
    bool caller = false;
    for (int k = 0; k < MAX_HANDLES; k++) {
        if (!speaks_of(s, k, id))
            continue;
        switch (s->granted[k]) {
        case G_MESSAGE:
        case G_UNKNOWN:
            return;
        case G_UNCHANGED:
            caller = true;
            break;
        default:
            judged = k;
            break;
        }
    }
    if (caller) {
        /* A helper's read before any test of its own: the caller knows. */
        if (s->table_read_at == 0)
            s->table_read_at = site;
        return;
    }
    if (judged < 0)
        return;
    Analysis *a = w->analysis;
    uint8_t registered = s->registered_at[judged];
    const char *why = s->granted[judged] == G_LINE
                          ? "the interrupt was registered here; on this path its "
                            "InterruptType is not NDIS_CONNECT_MESSAGE_BASED"
                          : "the interrupt was registered here; no test of its "
                            "InterruptType comes before the read on this path";
    IrqViolation *v = irq_violation(a, IRQ_TABLE_NOT_GRANTED, a->sites[site].loc,
                                    a->sites[site].function, judged,
                                    registered != 0 ? a->sites[registered].loc : irq_no_loc(),
                                    why, w->function->name);
    irq_set_branch(a, v, s->decided_at);
    if (v != NULL && call != NULL)
        v->via = call->loc;
}
