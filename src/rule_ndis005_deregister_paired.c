/* rule_ndis005_deregister_paired.c - NDIS005 deregister-paired.
 *
 * Every interrupt registered by MiniportInitializeEx is deregistered
 * exactly once: on a failed initialisation, and in MiniportHaltEx after a
 * successful one; never twice, and never when it was not registered. The
 * paths come from rule_interrupt_paths.
 */
#include "rule_interrupt_paths.h"
#include "rules.h"

static void report(const RuleContext *ctx, const IrqViolation *v)
{
    const char *handle = v->handle != NULL ? v->handle : "the interrupt";
    Finding *finding = NULL;
    switch (v->kind) {
    case IRQ_LEAK_ON_FAILURE:
        finding = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                              "%s returns failure with %s still registered; "
                              "call NdisMDeregisterInterruptEx on this path",
                              v->function, handle);
        break;
    case IRQ_HALT_KEEPS_HANDLE:
        finding = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                              "MiniportHaltEx %s can return without deregistering %s",
                              v->function, handle);
        break;
    case IRQ_DOUBLE_DEREGISTER:
        finding = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                              "%s is deregistered a second time on this path "
                              "(reached from %s)", handle, v->root);
        break;
    case IRQ_DEREGISTER_UNREGISTERED:
        finding = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                              "NdisMDeregisterInterruptEx on %s, which is not registered "
                              "on this path (never registered, or its registration failed; "
                              "reached from %s)", handle, v->root);
        break;
    default:
        return;
    }
    if (v->related.file != NULL)
        finding_add_note(finding, v->related, "%s", v->related_text);
    if (v->branch.file != NULL)
        finding_add_note(finding, v->branch, "the path takes this branch");
}

void rule_ndis005_deregister_paired(const RuleContext *ctx)
{
    const IrqReport *report_list = rules_interrupt_paths(ctx);
    for (size_t i = 0; i < report_list->count; i++)
        report(ctx, &report_list->items[i]);
}
