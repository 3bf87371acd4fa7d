/* rule_ndis004_interrupt_type_checked.c - NDIS004 interrupt-type-checked.
 *
 * After a successful NdisMRegisterInterruptEx that asked for MSI, the
 * driver must read InterruptType: NDIS may grant line-based interrupts.
 * The success paths come from rule_interrupt_paths; whether MSI was asked
 * for comes from rule_interrupt_chars, with NDIS002's meaning:
 * MsiSupported not provably FALSE, or a message handler set (a driver that
 * sets them expects message interrupts).
 * A registration whose characteristics could not be followed is not
 * reported.
 */
#include <string.h>

#include "rule_interrupt_chars.h"
#include "rule_interrupt_paths.h"
#include "rules.h"

typedef struct MsiCalls {
    SourceLoc locs[256];
    bool requested[256];
    size_t count;
} MsiCalls;

static void note_call(const CharsCall *call, void *data)
{
    MsiCalls *calls = data;
    if (calls->count == sizeof(calls->locs) / sizeof(calls->locs[0]))
        return;
    calls->locs[calls->count] = call->call_loc;
    calls->requested[calls->count] = call->followed && call->reached &&
                                     (call->msi_requested || call->message_without_msi);
    calls->count++;
}

static bool msi_requested(const MsiCalls *calls, SourceLoc loc)
{
    for (size_t i = 0; i < calls->count; i++) {
        if (calls->locs[i].file == loc.file && calls->locs[i].line == loc.line &&
            calls->locs[i].col == loc.col)
            return calls->requested[i];
    }
    return false;
}

void rule_ndis004_interrupt_type_checked(const RuleContext *ctx)
{
    const IrqReport *report = rules_interrupt_paths(ctx);
    bool any = false;
    for (size_t i = 0; i < report->count; i++)
        any = any || report->items[i].kind == IRQ_TYPE_NOT_EXAMINED;
    if (!any)
        return;
    CharsChecker *checker = chars_checker_new(ctx);
    if (checker == NULL)
        return;
    MsiCalls calls;
    memset(&calls, 0, sizeof(calls));
    chars_checker_each_call(checker, note_call, &calls);
    chars_checker_free(checker);
    for (size_t i = 0; i < report->count; i++) {
        const IrqViolation *v = &report->items[i];
        if (v->kind != IRQ_TYPE_NOT_EXAMINED || !msi_requested(&calls, v->loc))
            continue;
        Finding *finding = finding_add(
            ctx->findings, ctx->rule, v->loc, v->function,
            "NdisMRegisterInterruptEx asks for MSI, but a path after its success "
            "never reads InterruptType; NDIS may grant line-based interrupts instead");
        if (v->branch.file != NULL)
            finding_add_note(finding, v->branch, "the path takes this branch");
        if (v->related.file != NULL)
            finding_add_note(finding, v->related, "%s", v->related_text);
    }
}
