/* finding.h - what the rules produce and the emitters print.
 *
 * A Finding is one rule violation with one primary location. Tool messages
 * (parse problems, unreadable inputs) are not findings: they are
 * ToolMessages, printed to stderr and carried in SARIF as
 * toolExecutionNotifications, never as results.
 *
 * Ownership: a FindingList owns every string and array reachable from it;
 * finding_list_free() releases all of it. SourceLoc.file is not owned: it
 * points into the driver's interned file table, which outlives the list.
 */
#ifndef NDISLINT_FINDING_H
#define NDISLINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "rule_catalog.h"
#include "source_loc.h"

/* A place that explains a finding: a `note:` line in text output, a
 * relatedLocation or a codeFlow step in SARIF. */
typedef struct FindingNote {
    SourceLoc loc;
    char *message;
} FindingNote;

/* Where a finding stands against a baseline (--baseline). */
typedef enum BaselineState {
    BASELINE_NONE,      /* no baseline given */
    BASELINE_NEW,       /* not in the baseline: it counts */
    BASELINE_UNCHANGED  /* already in the baseline: it does not fail the gate */
} BaselineState;

typedef struct Finding {
    const RuleInfo *rule; /* the rule that fired; never NULL */
    Level level;          /* effective level (the rule's default for now) */
    SourceLoc loc;        /* primary location, as RULES.md defines it */
    char *message;
    char *function;       /* function the primary location lies in, or NULL */
    FindingNote *notes;   /* related places, in the order a reader needs */
    size_t note_count;
    /* Set after the rules ran (finding_suppress.h, finding_fingerprint.h,
     * finding_baseline.h); all owned by the list. */
    bool suppressed;          /* an in-source suppression matches it */
    char *suppression_reason; /* the reason written with it, or NULL */
    SourceLoc suppression_loc;/* the suppression comment */
    char *line_hash;          /* GitHub's primaryLocationLineHash, or NULL */
    char *fingerprint;        /* ndislint's own content fingerprint, or NULL */
    BaselineState baseline;
} Finding;

typedef struct FindingList {
    Finding *items;
    size_t count;
    size_t capacity;
} FindingList;

/* Adds a finding with a printf-style message; returns it so the caller can
 * attach notes. Aborts on out-of-memory (the tool cannot go on anyway). */
Finding *finding_add(FindingList *list, const RuleInfo *rule, SourceLoc loc,
                     const char *function, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

void finding_add_note(Finding *finding, SourceLoc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sorts by file, line, column, rule id, message, and drops exact duplicates
 * (the same rule at the same place with the same message), so that output
 * is stable and diffs cleanly across runs. */
void finding_list_sort(FindingList *list);

void finding_list_free(FindingList *list);

/* A message about the tool's own run: an input that could not be read or
 * parsed, code the parser dropped, a flag that was ignored. */
typedef struct ToolMessage {
    Level level;
    SourceLoc loc; /* loc.file may be NULL when no file is concerned */
    char *message;
} ToolMessage;

typedef struct ToolMessageList {
    ToolMessage *items;
    size_t count;
    size_t capacity;
} ToolMessageList;

void tool_message_add(ToolMessageList *list, Level level, SourceLoc loc,
                      const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void tool_message_list_free(ToolMessageList *list);

#endif
