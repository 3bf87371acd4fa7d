/* fuzz_suppress.c - in-source suppressions read from arbitrary file text.
 *
 * The input is the content of a source file. Every rule of the real
 * catalog gets a finding on each of lines 1 to 5 of it (with a note), then
 * suppress_apply reads the file's suppression comments and marks them.
 * The line fingerprints (which read the same lines) are computed and the
 * result is written as SARIF with the suppressed findings kept, into
 * /dev/null, so that the suppression reasons read from the input reach an
 * emitter too.
 *
 * The catalog comes from $NDISLINT_RULES, else NDISLINT_FUZZ_RULES_DIR.
 */
#include <stdint.h>

#include "emit.h"
#include "finding.h"
#include "finding_fingerprint.h"
#include "finding_suppress.h"
#include "fuzz_common.h"
#include "rule_catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static RuleCatalog catalog;
static FILE *devnull;
static char file[PATH_MAX];

static void setup(void)
{
    char err[1024];
    if (rule_catalog_load(&catalog, fuzz_rules_dir(), err, sizeof(err)) != 0) {
        fprintf(stderr, "fuzz_suppress: %s (set NDISLINT_RULES)\n", err);
        abort();
    }
    devnull = fopen("/dev/null", "w");
    if (devnull == NULL)
        fuzz_die("/dev/null");
    fuzz_path(file, sizeof(file), "input.c");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (devnull == NULL)
        setup();
    fuzz_write(file, data, size);

    FindingList findings = {0};
    ToolMessageList messages = {0};
    for (unsigned line = 1; line <= 5; line++) {
        for (size_t r = 0; r < catalog.count; r++) {
            Finding *f = finding_add(&findings, &catalog.rules[r],
                                     (SourceLoc){file, line, 1}, "Fn",
                                     "finding %zu at line %u", r, line);
            finding_add_note(f, (SourceLoc){file, line + 1, 2}, "note");
        }
    }
    finding_list_sort(&findings);
    char *files[] = {file};
    suppress_apply(&findings, &catalog, &catalog, files, 1, (size & 2) != 0, &messages);
    fingerprint_findings(&findings);

    EmitContext ctx = {
        .catalog = &catalog,
        .findings = &findings,
        .messages = &messages,
        .srcroot = fuzz_dir(),
        .tool_version = "0.0.0-fuzz",
        .command_line = "ndislint input.c",
        .execution_successful = true,
        .include_suppressed = true,
    };
    (void)emit_sarif(devnull, &ctx);
    finding_list_free(&findings);
    tool_message_list_free(&messages);
    return 0;
}
