/* rule_ndis002_msi_fallback.c - NDIS002 msi-needs-line-fallback.
 *
 * An MSI registration must carry the line-based handlers too (NDIS may
 * grant a line-based interrupt instead), and a line-based one its four line
 * handlers. The values come from rule_interrupt_chars: a field is reported
 * only when it is proven NULL on a path to the call. One finding per call.
 */
#include <stdio.h>
#include <string.h>

#include "rule_interrupt_chars.h"
#include "rules.h"

typedef struct Report {
    const RuleContext *ctx;
    CharsChecker *checker;
} Report;

static void list_missing(const CharsChecker *checker, unsigned missing, char *buf,
                         size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < 2 * HANDLER_GROUP; i++) {
        if ((missing & (1u << i)) == 0)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used > 0 ? ", " : "",
                         chars_field_name(checker, i));
        if (n > 0 && (size_t)n < size - used)
            used += (size_t)n;
    }
}

static void report_call(const CharsCall *call, void *data)
{
    Report *report = data;
    const RuleContext *ctx = report->ctx;
    if (!call->followed || !call->reached)
        return;
    const char *register_function = chars_register_function(report->checker);
    const char *msi_field = chars_field_name(report->checker, FIELD_MSI);
    if (call->missing != 0) {
        char missing[512];
        list_missing(report->checker, call->missing, missing, sizeof(missing));
        bool line_missing = (call->missing & ((1u << HANDLER_GROUP) - 1)) != 0;
        const char *why =
            !call->msi_requested ? "line-based interrupts need all four line handlers"
            : line_missing ? "MSI was requested, and NDIS may still grant line-based "
                             "interrupts, so all eight handlers are needed"
                           : "MSI was requested, so the four message handlers are needed";
        Finding *finding = finding_add(ctx->findings, ctx->rule, call->call_loc,
                                       call->function->name,
                                       "%s registers interrupts with %s left NULL; %s",
                                       register_function, missing, why);
        if (call->message_without_msi)
            finding_add_note(finding, call->call_loc,
                             "message handlers are also set while %s is FALSE", msi_field);
        return;
    }
    if (call->message_without_msi) {
        Finding *finding = finding_add(
            ctx->findings, ctx->rule, call->call_loc, call->function->name,
            "%s is called with %s FALSE but message interrupt handlers set; "
            "they should be NULL when MSI is not supported",
            register_function, msi_field);
        finding->level = LEVEL_WARNING;
    }
}

void rule_ndis002_msi_fallback(const RuleContext *ctx)
{
    CharsChecker *checker = chars_checker_new(ctx);
    if (checker == NULL)
        return;
    Report report = {ctx, checker};
    chars_checker_each_call(checker, report_call, &report);
    chars_checker_free(checker);
}
