/* finding_baseline.h - findings already accepted in a baseline.
 *
 * A baseline is a SARIF log written by ndislint (--write-baseline). A
 * finding whose fingerprint (finding_fingerprint.h) is in it is
 * "unchanged" and does not fail the gate; any other is "new".
 */
#ifndef NDISLINT_FINDING_BASELINE_H
#define NDISLINT_FINDING_BASELINE_H

#include <stddef.h>

#include "finding.h"

typedef struct Baseline {
    char **fingerprints; /* sorted */
    size_t count;
} Baseline;

/* Reads the ndislint fingerprints of the results of a SARIF log. Returns
 * 0, or -1 with a message naming the file (and line, for JSON errors). */
int baseline_load(const char *path, Baseline *baseline, char *err, size_t err_size);

/* Sets finding->baseline for every finding (fingerprints must be set). */
void baseline_apply(const Baseline *baseline, FindingList *findings);

void baseline_free(Baseline *baseline);

#endif
