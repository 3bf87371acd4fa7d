/* rule_ndis009_interrupt_characteristics_header.c - NDIS009
 * interrupt-characteristics-header.
 *
 * The characteristics passed to NdisMRegisterInterruptEx carry an object
 * header that NDIS checks: Type NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT,
 * Revision NDIS_MINIPORT_INTERRUPT_REVISION_1, Size the revision's size
 * (or the sizeof the structure). The fields are followed by
 * rule_interrupt_chars on every path to the call; one finding per call
 * names each field left zero on some path, or holding a constant the rule
 * file does not accept (headerType, headerRevision). The Size is judged
 * only for zero: its value depends on the target. A field whose value
 * cannot be followed is not reported.
 */
#include <stdio.h>
#include <string.h>

#include "rule_interrupt_chars.h"
#include "rules.h"

typedef struct Report {
    const RuleContext *ctx;
    CharsChecker *checker;
} Report;

static void describe(const Report *report, unsigned bits, const char *how, char *buf,
                     size_t size, size_t *used)
{
    size_t n = 0;
    char *const *expected = rule_param(report->ctx->rule, "headerNames", &n);
    for (int i = 0; i < HEADER_FIELDS; i++) {
        if ((bits & (1u << i)) == 0)
            continue;
        int w = snprintf(buf + *used, size - *used, "%s%s %s (expected %s)",
                         *used > 0 ? "; " : "",
                         chars_field_name(report->checker, FIELD_FIRST_HEADER + i), how,
                         (size_t)i < n ? expected[i] : "the documented value");
        if (w > 0 && (size_t)w < size - *used)
            *used += (size_t)w;
    }
}

static void report_call(const CharsCall *call, void *data)
{
    Report *report = data;
    if (!call->followed || !call->reached)
        return;
    unsigned zero = call->header_zero;
    unsigned other = call->header_other & ~zero;
    if (zero == 0 && other == 0)
        return;
    char fields[768];
    size_t used = 0;
    fields[0] = '\0';
    describe(report, zero, "is left zero", fields, sizeof(fields), &used);
    describe(report, other, "holds another value", fields, sizeof(fields), &used);
    finding_add(report->ctx->findings, report->ctx->rule, call->call_loc, call->function->name,
                "%s receives characteristics whose header is wrong on some path: %s",
                chars_register_function(report->checker), fields);
}

void rule_ndis009_interrupt_characteristics_header(const RuleContext *ctx)
{
    CharsChecker *checker = chars_checker_new(ctx);
    if (checker == NULL)
        return;
    Report report = {ctx, checker};
    chars_checker_each_call(checker, report_call, &report);
    chars_checker_free(checker);
}
