/* rule_ndis001_attributes_before_interrupt.c - NDIS001.
 *
 * MiniportInitializeEx must call NdisMSetMiniportAttributes (registration
 * attributes) before NdisMRegisterInterruptEx, on every path, helpers
 * included. The paths come from rule_interrupt_paths.
 */
#include "rule_interrupt_paths.h"
#include "rules.h"

void rule_ndis001_attributes_before_interrupt(const RuleContext *ctx)
{
    const IrqReport *report = rules_interrupt_paths(ctx);
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind != IRQ_REGISTER_BEFORE_ATTRIBUTES)
            continue;
        Finding *finding = finding_add(
            ctx->findings, ctx->rule, v->loc, v->function,
            "NdisMRegisterInterruptEx is reached from %s before "
            "NdisMSetMiniportAttributes has set the registration attributes",
            v->root);
        if (v->related.file != 0)
            finding_add_note(finding, v->related, "%s is MiniportInitializeEx; %s",
                             v->root, "no path may register the interrupt before "
                             "the attributes are set");
    }
}
