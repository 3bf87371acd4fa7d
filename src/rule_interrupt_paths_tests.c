/* rule_interrupt_paths_tests.c - what a branch or a switch case tells about a
 * path: the class of a status, the value of a flag, whether a pointer is
 * NULL; a test a path cannot pass drops the path.
 */
#include "rule_interrupt_paths_state.h"

#include <string.h>

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
    if (e->kind == EXPR_VAR && irq_status_slot(w, e->var) >= 0) {
        subject->is_status = true;
        subject->value = &s->status[irq_status_slot(w, e->var)];
        return true;
    }
    int pointer = irq_pointer_slot_of(w, e);
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
    if (irq_flag_key(e, key, sizeof(key))) {
        int f = irq_flag_slot(w->analysis, key, false);
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
        return irq_truth_of_constant(k);
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
    /* The root of a PnP minor function: its paths are those where the
     * IRP's MinorFunction has that value. */
    if (w->minor >= 0 && operand->kind == EXPR_MEMBER && operand->name != NULL &&
        strcmp(operand->name, "MinorFunction") == 0 && operand->record != NULL &&
        strcmp(operand->record, "IO_STACK_LOCATION") == 0) {
        int64_t v = w->minor;
        bool holds = op == OP_EQ ? v == k : op == OP_NE ? v != k : op == OP_LT ? v < k
                   : op == OP_LE ? v <= k : op == OP_GT ? v > k : v >= k;
        return holds == want;
    }
    bool about_type = false;
    bool possible = irq_assume_type(w, s, operand, op, k, want, &about_type);
    if (about_type) {
        if (w->mode != WALK_HELPER)
            s->decided_at = irq_site_of(w->analysis, where, w->function->name);
        return possible;
    }
    Subject subject;
    if (!find_subject(w, s, operand, &subject))
        return true;
    /* Only callbacks NDIS calls report, so only their tests are named. */
    if (w->mode != WALK_HELPER && !subject.fixed)
        s->decided_at = irq_site_of(w->analysis, where, w->function->name);
    if (subject.is_status) {
        /* Equal to a constant: the status is of that constant's class. */
        bool equal = (op == OP_EQ && want) || (op == OP_NE && !want);
        if (equal && k != 0 &&
            (*subject.value == S_UNKNOWN ||
             (*subject.value == S_FAILURE && irq_status_class(k) != S_SUCCESS))) {
            *subject.value = irq_status_class(k);
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
bool irq_as_comparison(const Expr *cond, const Expr **operand, Operator *op,
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

bool irq_assume(void *data, const CfgNode *node, const CfgEdge *edge, void *raw)
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
    if (!irq_as_comparison(node->expr, &operand, &op, &k))
        return true;
    return assume_compare(w, s, operand, op, k, edge->kind == EDGE_TRUE, node->loc);
}
