/* finding_suppress.h - in-source suppressions.
 *
 * A comment `ndislint-suppress NDIS003: reason` on a finding's line or the
 * line before suppresses that rule's findings there;
 * `ndislint-suppress-begin NDIS005: reason` ... `ndislint-suppress-end
 * NDIS005` suppresses them in the lines between. A rule may be named by id
 * or name. Suppressed findings stay in the list, marked, so that the
 * emitters and the exit status can decide what to do with them.
 */
#ifndef NDISLINT_FINDING_SUPPRESS_H
#define NDISLINT_FINDING_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "rule_catalog.h"

/* Reads the suppression comments of `files` (the inputs) and of every file
 * a finding points into, and marks the findings they match (suppressed,
 * suppression_reason, suppression_loc). Rules are named against `catalog`
 * (every rule, whether it ran or not); `ran` holds the rules that ran. A
 * suppression without a reason is reported in `messages` as a warning at
 * the comment; with `report_unused`, so is one of a rule that ran that
 * matched no finding. A comment naming an unknown rule is a warning too. */
void suppress_apply(FindingList *findings, const RuleCatalog *catalog,
                    const RuleCatalog *ran, char *const *files, size_t file_count,
                    bool report_unused, ToolMessageList *messages);

#endif
