/* rule_ndis013_message_table_when_granted.c - NDIS013
 * message-table-when-granted.
 *
 * NDIS fills MessageInfoTable of the interrupt characteristics only when
 * it granted message-signaled interrupts, which InterruptType says after
 * NdisMRegisterInterruptEx. A read of the table on a path where the type
 * (or a copy of it) was not found NDIS_CONNECT_MESSAGE_BASED is reported
 * at the read. The paths, and what they know of the type, come from
 * rule_interrupt_paths (Initialize, Halt and the helpers they call).
 */
#include "rule_interrupt_paths.h"
#include "rules.h"

void rule_ndis013_message_table_when_granted(const RuleContext *ctx)
{
    const IrqReport *report = rules_interrupt_paths(ctx);
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind != IRQ_TABLE_NOT_GRANTED)
            continue;
        Finding *f = finding_add(ctx->findings, ctx->rule, v->loc, v->function,
                                 "MessageInfoTable is read on a path where InterruptType "
                                 "was not found NDIS_CONNECT_MESSAGE_BASED (on a path of %s)",
                                 v->root);
        if (v->related.file != NULL)
            finding_add_note(f, v->related, "%s", v->related_text);
        if (v->via.file != NULL)
            finding_add_note(f, v->via, "the read is reached through this call");
        if (v->branch.file != NULL)
            finding_add_note(f, v->branch, "the path takes this branch");
    }
}
