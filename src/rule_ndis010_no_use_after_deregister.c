/* rule_ndis010_no_use_after_deregister.c - NDIS010 no-use-after-deregister.
 *
 * After NdisMDeregisterInterruptEx the interrupt handle is gone: a path
 * that then synchronizes with it or queues its DPC uses a dead handle.
 * Which DDIs use a handle, and which argument holds it, is the DDI table's
 * "interruptHandle" (effects synchronizes, queues-dpc, uses). The paths are
 * those of rule_interrupt_paths (Initialize, Halt and the helpers they
 * call); a second deregistration is NDIS005's.
 */
#include "rule_interrupt_paths.h"
#include "rules.h"

void rule_ndis010_no_use_after_deregister(const RuleContext *ctx)
{
    const IrqReport *report = rules_interrupt_paths(ctx);
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind != IRQ_USE_AFTER_DEREGISTER)
            continue;
        const char *handle = v->handle != NULL ? v->handle : "the interrupt";
        Finding *f = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                                 "%s is used after it was deregistered on this path "
                                 "(reached from %s)",
                                 handle, v->root);
        if (v->related.file != NULL)
            finding_add_note(f, v->related, "%s", v->related_text);
        if (v->branch.file != NULL)
            finding_add_note(f, v->branch, "the path takes this branch");
    }
}
