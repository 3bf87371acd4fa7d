/* test_emit_github.c - exact output of the GitHub Actions emitter.
 *
 *   usage: test_emit_github RULES_DIR
 *
 * Builds findings by hand whose messages and paths hold every character the
 * workflow-command syntax gives a meaning to ('%', ':', ',', CR, LF), and
 * compares each output line byte for byte with what the runner expects.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "finding.h"
#include "rule_catalog.h"
#include "source_loc.h"

static int passed;
static int failed;

static void check_str(const char *what, const char *got, const char *want)
{
    if (got != NULL && strcmp(got, want) == 0) {
        passed++;
        return;
    }
    failed++;
    fprintf(stderr, "FAIL %s\n  want: \"%s\"\n  got:  \"%s\"\n", what, want,
            got != NULL ? got : "(null)");
}

static void check_int(const char *what, long got, long want)
{
    if (got == want) {
        passed++;
        return;
    }
    failed++;
    fprintf(stderr, "FAIL %s: want %ld, got %ld\n", what, want, got);
}

/* Runs the emitter over `findings` and returns what it wrote (malloc'd). */
static char *run_emitter(const RuleCatalog *catalog,
                         const FindingList *findings, const char *srcroot,
                         int *status)
{
    ToolMessageList messages = {0};
    EmitContext ctx = {
        .catalog = catalog,
        .findings = findings,
        .messages = &messages,
        .srcroot = srcroot,
        .tool_version = "0.0.0",
        .command_line = "ndislint --format=github",
        .execution_successful = true,
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out == NULL) {
        perror("open_memstream");
        exit(2);
    }
    *status = emit_github(out, &ctx);
    fclose(out);
    return buf;
}

/* The n-th line of `text` (0-based), without its '\n' (malloc'd), or NULL. */
static char *nth_line(const char *text, int n)
{
    const char *p = text;
    for (int i = 0; i < n; i++) {
        p = strchr(p, '\n');
        if (p == NULL)
            return NULL;
        p++;
    }
    if (*p == '\0')
        return NULL;
    const char *end = strchr(p, '\n');
    size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
    char *line = malloc(len + 1);
    if (line == NULL)
        exit(2);
    memcpy(line, p, len);
    line[len] = '\0';
    return line;
}

static long count_lines(const char *text)
{
    long n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

static void expect_line(const char *what, const char *text, int n,
                        const char *want)
{
    char *line = nth_line(text, n);
    check_str(what, line, want);
    free(line);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
        return 2;
    }
    RuleCatalog catalog = {0};
    char err[512];
    if (rule_catalog_load(&catalog, argv[1], err, sizeof err) != 0) {
        fprintf(stderr, "cannot load the rules: %s\n", err);
        return 2;
    }
    const RuleInfo *ndis002 = rule_catalog_find(&catalog, "NDIS002");
    const RuleInfo *ndis003 = rule_catalog_find(&catalog, "NDIS003");
    if (ndis002 == NULL || ndis003 == NULL) {
        fprintf(stderr, "NDIS002 or NDIS003 missing from %s\n", argv[1]);
        return 2;
    }

    const char *srcroot = "/repo";
    FindingList findings = {0};
    Finding *f;

    /* 1: an error whose path and message hold every special character,
     * with two notes (one in a file whose name has a colon). */
    f = finding_add(&findings, ndis002,
                    (SourceLoc){"/repo/drv,v2/init.c", 46, 14}, "MpInit",
                    "100%% sure: a, b\r\nnext line");
    f->level = LEVEL_ERROR;
    finding_add_note(f, (SourceLoc){"/repo/drv,v2/init.c", 12, 3},
                     "set here: 50%%, then");
    finding_add_note(f, (SourceLoc){"/repo/a:b.c", 7, 0}, "line\nbreak");

    /* 2: a warning with no column. */
    f = finding_add(&findings, ndis003, (SourceLoc){"/repo/isr.c", 33, 0},
                    "MpMsgIsr", "returns FALSE");
    f->level = LEVEL_WARNING;

    /* 3: a note-level finding, outside srcroot, without a line. */
    f = finding_add(&findings, ndis003, (SourceLoc){"/elsewhere/x.c", 0, 0},
                    NULL, "plain");
    f->level = LEVEL_NOTE;

    /* 4: suppressed in the source: must not be printed. */
    f = finding_add(&findings, ndis003, (SourceLoc){"/repo/isr.c", 90, 5},
                    "MpMsgIsr", "suppressed one");
    f->suppressed = true;

    /* 5: a warning at a plain place, after the suppressed one. */
    f = finding_add(&findings, ndis003, (SourceLoc){"/repo/isr.c", 95, 9},
                    "MpMsgIsr", "last");
    f->level = LEVEL_WARNING;

    int status = 0;
    char *out = run_emitter(&catalog, &findings, srcroot, &status);
    check_int("emitter status", status, 0);
    check_int("one line per finding not suppressed", count_lines(out), 4);

    expect_line("escaped error with notes", out, 0,
                "::error file=drv%2Cv2/init.c,line=46,col=14,"
                "title=NDIS002 msi-needs-line-fallback"
                "::100%25 sure: a, b%0D%0Anext line"
                "%0Anote: drv,v2/init.c:12:3: set here: 50%25, then"
                "%0Anote: a:b.c:7: line%0Abreak");
    expect_line("warning without a column", out, 1,
                "::warning file=isr.c,line=33,"
                "title=NDIS003 message-isr-returns-true::returns FALSE");
    expect_line("note level as notice, absolute path, no line", out, 2,
                "::notice file=/elsewhere/x.c,"
                "title=NDIS003 message-isr-returns-true::plain");
    expect_line("suppressed finding left out", out, 3,
                "::warning file=isr.c,line=95,col=9,"
                "title=NDIS003 message-isr-returns-true::last");
    check_int("output ends with a newline",
              out[0] != '\0' && out[strlen(out) - 1] == '\n', 1);
    free(out);

    /* No findings: no output at all. */
    FindingList empty = {0};
    out = run_emitter(&catalog, &empty, srcroot, &status);
    check_int("empty status", status, 0);
    check_str("no findings, no output", out, "");
    free(out);

    /* A NULL srcroot leaves the paths absolute (and escaped). */
    out = run_emitter(&catalog, &findings, NULL, &status);
    char *first = nth_line(out, 0);
    check_int("absolute path kept without srcroot",
              first != NULL &&
                  strncmp(first, "::error file=/repo/drv%2Cv2/init.c,line=46,",
                          strlen("::error file=/repo/drv%2Cv2/init.c,line=46,")) == 0,
              1);
    free(first);
    free(out);

    finding_list_free(&findings);
    rule_catalog_free(&catalog);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
