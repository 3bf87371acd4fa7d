/* finding_fingerprint.h - stable identities of findings, for baselines and
 * for code scanning services that track alerts across commits.
 *
 * line_hash is GitHub's partialFingerprints.primaryLocationLineHash,
 * computed from the source text the way GitHub's upload action computes it
 * ("<hex>:<occurrence>"). fingerprint is ndislint's own ("v1:<hex>"): the
 * rule, the function and the normalised text of the primary line, so that
 * it survives edits elsewhere in the file, lines inserted above included.
 */
#ifndef NDISLINT_FINDING_FINGERPRINT_H
#define NDISLINT_FINDING_FINGERPRINT_H

#include "finding.h"

/* The partialFingerprints key under which SARIF carries `fingerprint`. */
#define FINGERPRINT_SARIF_KEY "ndislint/v1"

/* Fills line_hash and fingerprint of every finding, reading each source
 * file once. A file that cannot be read leaves line_hash NULL and bases
 * the fingerprint on the rule, function and message alone. */
void fingerprint_findings(FindingList *findings);

#endif
