/* emit.h - the one interface every output format implements.
 *
 * An emitter receives the sorted findings and the tool messages of a whole
 * run and writes them to `out`. Emitters never analyse: they only format.
 * One file per format: emit_text.c (gcc/clang style), emit_msvc.c
 * (Visual Studio / MSBuild style), emit_sarif.c (SARIF 2.1.0),
 * emit_github.c (GitHub Actions workflow commands).
 */
#ifndef NDISLINT_EMIT_H
#define NDISLINT_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"
#include "rule_catalog.h"

typedef struct EmitContext {
    const RuleCatalog *catalog;     /* every rule that ran, for SARIF rules[] */
    const FindingList *findings;    /* sorted */
    const ToolMessageList *messages;
    const char *srcroot;            /* absolute folder paths are shown
                                       relative to; no trailing slash */
    const char *tool_version;       /* "0.1.0" */
    const char *command_line;       /* as invoked, for SARIF invocations */
    bool color;                     /* text only: ANSI colours */
    bool execution_successful;      /* false when an input could not be
                                       analysed */
    bool include_suppressed;        /* SARIF: keep suppressed findings, with
                                       their suppressions[] (GitHub shows
                                       them as open alerts, so off by
                                       default); the other formats always
                                       leave them out */
    bool baseline_used;             /* SARIF: give each result its
                                       baselineState */
    const char *category;           /* SARIF automationDetails.id, or NULL */
} EmitContext;

/* Each returns 0 on success, -1 when writing failed. */
int emit_text(FILE *out, const EmitContext *ctx);
int emit_msvc(FILE *out, const EmitContext *ctx);
int emit_sarif(FILE *out, const EmitContext *ctx);
/* GitHub Actions workflow commands (::error file=...::message), one per
 * finding not suppressed in the source. */
int emit_github(FILE *out, const EmitContext *ctx);

/* The path of `file` as a reader sees it: relative to srcroot when inside
 * it, otherwise unchanged (absolute). Returns a pointer into `file` or into
 * a static-free caller buffer; never allocates. */
const char *emit_display_path(const char *file, const char *srcroot);

#endif
