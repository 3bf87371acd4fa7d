/* rule_ndis008_register_status_checked.c - NDIS008 register-status-checked.
 *
 * MiniportInitializeEx must look at what NdisMRegisterInterruptEx returned
 * before it succeeds: a path on which the registration failed, nothing
 * read its status (discarded, or overwritten before any test), and
 * Initialize still returns NDIS_STATUS_SUCCESS is reported at the call.
 * The paths come from rule_interrupt_paths; any read of the status (a
 * test, a copy, an argument, a return) counts as examining it, so that
 * only a status provably ignored is reported.
 */
#include "rule_interrupt_paths.h"
#include "rules.h"

void rule_ndis008_register_status_checked(const RuleContext *ctx)
{
    const IrqReport *report = rules_interrupt_paths(ctx);
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind != IRQ_STATUS_IGNORED)
            continue;
        Finding *f = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                                 "the status NdisMRegisterInterruptEx returns is never examined "
                                 "on a path where %s then succeeds: a failed registration "
                                 "goes unnoticed",
                                 v->root);
        if (v->related.file != NULL)
            finding_add_note(f, v->related, "%s", v->related_text);
    }
}
