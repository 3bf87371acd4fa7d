/* rule_interrupt_paths.h - the state of each resource of a pair
 * (rule_resource_pairs.h) on every path of the roles that acquire and
 * release it, through helpers: for the NDIS interrupt, each interrupt
 * handle on the paths of MiniportInitializeEx and MiniportHaltEx; for a
 * WDM interrupt connection, the PnP start, stop and remove paths.
 *
 * The NDIS interrupt analysis serves NDIS001, NDIS004, NDIS005, NDIS008,
 * NDIS010 and NDIS013; any other pair, the paired-resource rule that names
 * it. It follows, per path:
 * whether NdisMSetMiniportAttributes has run; each interrupt handle
 * (named by the structure and field that hold it, "ADAPTER.InterruptHandle",
 * so that Initialize and Halt speak of the same handle) as unregistered,
 * registered or deregistered; whether InterruptType was read since the
 * registration; the register status in local variables, split into its
 * success and failure paths at each status test; and flag fields (a
 * "registered" flag, the handle tested against NULL) so that guarded
 * cleanup is understood. Helpers are applied through summaries of their
 * outcomes, computed once each; a helper that tests a flag it did not set
 * has one outcome per value of the flag, kept only where the caller's
 * state agrees.
 *
 * Where a path cannot be followed (a helper that cannot be analysed,
 * recursion, too many paths) it is marked uncertain and nothing is reported
 * from it.
 */
#ifndef NDISLINT_RULE_INTERRUPT_PATHS_H
#define NDISLINT_RULE_INTERRUPT_PATHS_H

#include <stddef.h>

#include "facts_program.h"
#include "finding.h"
#include "rules.h"

typedef enum IrqViolationKind {
    IRQ_REGISTER_BEFORE_ATTRIBUTES, /* NDIS001: at the register call */
    IRQ_TYPE_NOT_EXAMINED,          /* NDIS004: at the register call */
    IRQ_LEAK_ON_FAILURE,            /* NDIS005: at the failing return */
    IRQ_HALT_KEEPS_HANDLE,          /* NDIS005: at the Halt function's name */
    IRQ_DOUBLE_DEREGISTER,          /* NDIS005: at the second deregistration */
    IRQ_DEREGISTER_UNREGISTERED,    /* NDIS005: at the deregistration */
    IRQ_STATUS_IGNORED,             /* NDIS008: at the register call whose
                                       failure no test examined before
                                       Initialize succeeded */
    IRQ_USE_AFTER_DEREGISTER,       /* NDIS010: at the synchronize or DPC
                                       call, on a handle already deregistered
                                       on that path (which DDIs use a handle
                                       comes from the DDI table) */
    IRQ_TABLE_NOT_GRANTED           /* NDIS013: at a read of MessageInfoTable
                                       on a path where InterruptType was not
                                       found message-based */
} IrqViolationKind;

typedef struct IrqViolation {
    IrqViolationKind kind;
    SourceLoc loc;             /* primary location */
    const char *function;      /* the function holding loc */
    const char *handle;        /* "ADAPTER.InterruptHandle", or NULL */
    SourceLoc related;         /* a place that explains it (may be empty) */
    const char *related_text;  /* what that place is */
    SourceLoc branch;          /* the last test on the path that decided the
                                  status or a guard (may be empty) */
    const char *root;          /* the Initialize or Halt function analysed */
    SourceLoc via;             /* a helper's violation judged in its caller:
                                  the call there (may be empty) */
    const char *role;          /* IRQ_HALT_KEEPS_HANDLE: the releasing role
                                  ("MINIPORT_HALT", "IRP_MN_STOP_DEVICE") */
    const char *acquiring_role; /* ... and the acquiring role it follows */
} IrqViolation;

typedef struct IrqReport {
    IrqViolation *items;
    size_t count;
    size_t capacity;
} IrqReport;

/* Analyses the roots of `pair`'s acquiring roles, then its releasing
 * roles (and their sequences) from every state in which an acquiring root
 * can succeed. The interrupt rules' own facts are followed when the pair
 * acquires with NdisMRegisterInterruptEx. `scope` says what damaged code
 * must not touch.
 * Functions whose paths could not be followed, or whose damaged code
 * touches what the analysis tracks, are named in ctx->messages (prefixed
 * with `rule_id`, the rules it serves). The report is sorted and free of duplicates. */

struct DamageScope;
void irq_analyse(const RuleContext *ctx, const char *rule_id, const ResourcePair *pair,
                 const struct DamageScope *scope, IrqReport *report);

void irq_report_free(IrqReport *report);

#endif
