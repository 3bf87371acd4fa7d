/* rule_interrupt_chars.h - what each interrupt registration asks for.
 *
 * For every NdisMRegisterInterruptEx call of the driver, the
 * characteristics structure it receives is followed field by field on
 * every path to the call (zeroing, initialisers, member writes through `.`,
 * `->` and alias pointers, helpers that fill it through a pointer). The
 * result says which handler fields are proven NULL where the registration
 * needs them, and whether MSI is requested. Unknown fields are never
 * counted as NULL. Used by NDIS002 (handlers) and NDIS004 (whether MSI was
 * requested).
 */
#ifndef NDISLINT_RULE_INTERRUPT_CHARS_H
#define NDISLINT_RULE_INTERRUPT_CHARS_H

#include <stdbool.h>

#include "rules.h"

/* Field indexes: four line handlers, four message handlers, MsiSupported,
 * in the order of the rule's parameters, then the three fields of the
 * object header (Type, Revision, Size) when the rule names them. */
enum { HANDLER_GROUP = 4, HEADER_FIELDS = 3,
       FIELD_FIRST_LINE = 0, FIELD_FIRST_MESSAGE = HANDLER_GROUP,
       FIELD_MSI = 2 * HANDLER_GROUP, FIELD_FIRST_HEADER = FIELD_MSI + 1,
       MAX_FIELDS = FIELD_FIRST_HEADER + HEADER_FIELDS };

typedef struct CharsCall {
    const Function *function; /* the function holding the call */
    SourceLoc call_loc;       /* the NdisMRegisterInterruptEx call */
    bool followed;            /* false: the paths could not be followed
                                 (a tool message says so); nothing else
                                 below is meaningful */
    bool reached;             /* some path reaches the call */
    unsigned missing;         /* bit per field: NULL on some path where
                                 that path's registration needs it */
    bool message_without_msi; /* some path: MsiSupported FALSE, yet a
                                 message handler set */
    bool msi_requested;       /* some path: MsiSupported not provably FALSE */
    /* Header fields (bit 0 Type, 1 Revision, 2 Size), when the rule names
     * them (headerFields): zero on some path to the call, or a constant
     * the rule does not accept. */
    unsigned header_zero;
    unsigned header_other;
} CharsCall;

typedef struct CharsChecker CharsChecker;

typedef void (*CharsVisit)(const CharsCall *call, void *data);

/* Reads the parameters of ctx->rule (registerFunction,
 * characteristicsArgument, structure, msiField, lineHandlers,
 * messageHandlers; and, to follow the object header, headerFields with
 * the accepted values headerType and headerRevision, as integers). NULL,
 * with a tool message, when they are incomplete. */
CharsChecker *chars_checker_new(const RuleContext *ctx);
void chars_checker_free(CharsChecker *checker);

/* Calls `visit` once for every register call in the driver. */
void chars_checker_each_call(CharsChecker *checker, CharsVisit visit, void *data);

const char *chars_field_name(const CharsChecker *checker, int field);
const char *chars_register_function(const CharsChecker *checker);

#endif
