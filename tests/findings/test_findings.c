/* test_findings.c - unit tests of what happens to findings after the rules
 * ran: in-source suppressions, line hashes and fingerprints, baselines.
 *
 *   usage: test_findings RULES_DIR
 *
 * Findings are built by hand against source files written to a scratch
 * folder, with rules from the real catalog.
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "finding.h"
#include "finding_baseline.h"
#include "finding_fingerprint.h"
#include "finding_suppress.h"
#include "rule_catalog.h"
#include "source_loc.h"

#include "../test_check.h"

/* ---- scratch files ----------------------------------------------------- */

static char *scratch_dir;     /* realpath of the scratch folder */
static char *scratch_files[32];
static size_t scratch_count;

static void make_scratch_dir(void)
{
    char tmpl[] = "/tmp/ndislint-findings-XXXXXX";
    if (mkdtemp(tmpl) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    scratch_dir = realpath(tmpl, NULL);
    if (scratch_dir == NULL) {
        perror("realpath");
        exit(2);
    }
}

/* Writes `size` bytes to NAME in the scratch folder; returns the absolute
 * path, which lives until the end of the run (it plays the interned path
 * a parser would hand out). */
static const char *write_bytes(const char *name, const char *text, size_t size)
{
    size_t n = strlen(scratch_dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (path == NULL)
        exit(2);
    snprintf(path, n, "%s/%s", scratch_dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(text, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    bool known = false;
    for (size_t i = 0; i < scratch_count; i++)
        known = known || strcmp(scratch_files[i], path) == 0;
    if (known || scratch_count == sizeof scratch_files / sizeof scratch_files[0]) {
        /* Rewritten: keep the first copy of the path, as an interned table
         * would. */
        for (size_t i = 0; i < scratch_count; i++) {
            if (strcmp(scratch_files[i], path) == 0) {
                free(path);
                return scratch_files[i];
            }
        }
        fprintf(stderr, "too many scratch files\n");
        exit(2);
    }
    scratch_files[scratch_count++] = path;
    return path;
}

static const char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

static void remove_scratch(void)
{
    for (size_t i = 0; i < scratch_count; i++) {
        unlink(scratch_files[i]);
        free(scratch_files[i]);
    }
    rmdir(scratch_dir);
    free(scratch_dir);
}

/* ---- helpers ----------------------------------------------------------- */

static const RuleInfo *rule(const RuleCatalog *cat, const char *key)
{
    const RuleInfo *r = rule_catalog_find(cat, key);
    if (r == NULL) {
        fprintf(stderr, "rule %s is not in the catalog\n", key);
        exit(2);
    }
    return r;
}

static Finding *add(FindingList *list, const RuleCatalog *cat,
                    const char *rule_key, const char *file, unsigned line,
                    const char *function)
{
    SourceLoc loc = {file, line, 5};
    return finding_add(list, rule(cat, rule_key), loc, function,
                       "%s at line %u", rule_key, line);
}

/* The finding of `rule_key` at `line`, or NULL. */
static const Finding *at(const FindingList *list, const char *rule_key,
                         unsigned line)
{
    for (size_t i = 0; i < list->count; i++) {
        const Finding *f = &list->items[i];
        if (f->loc.line == line && strcmp(f->rule->id, rule_key) == 0)
            return f;
    }
    return NULL;
}

/* How many messages at `line` of `file` contain `part`. */
static size_t count_messages(const ToolMessageList *m, const char *file,
                             unsigned line, const char *part)
{
    size_t n = 0;
    for (size_t i = 0; i < m->count; i++) {
        const ToolMessage *t = &m->items[i];
        if ((file == NULL || t->loc.file == file) && t->loc.line == line &&
            strstr(t->message, part) != NULL)
            n++;
    }
    return n;
}

static size_t count_all(const ToolMessageList *m, const char *part)
{
    size_t n = 0;
    for (size_t i = 0; i < m->count; i++)
        n += strstr(m->items[i].message, part) != NULL;
    return n;
}

static void dump_messages(const ToolMessageList *m)
{
    for (size_t i = 0; i < m->count; i++)
        fprintf(stderr, "  message: %s:%u:%u: %s\n",
                m->items[i].loc.file ? m->items[i].loc.file : "(none)",
                m->items[i].loc.line, m->items[i].loc.col, m->items[i].message);
}

#define SUPPRESSED(list, id, line, reason)                                    \
    check_suppressed((list), (id), (line), true, (reason), __LINE__)
#define NOT_SUPPRESSED(list, id, line)                                        \
    check_suppressed((list), (id), (line), false, NULL, __LINE__)

static void check_suppressed(const FindingList *list, const char *id,
                             unsigned line, bool want, const char *reason,
                             int src_line)
{
    const Finding *f = at(list, id, line);
    if (!check(f != NULL, "finding exists", __FILE__, src_line))
        return;
    if (!check(f->suppressed == want,
               want ? "finding is suppressed" : "finding is not suppressed",
               __FILE__, src_line)) {
        fprintf(stderr, "  %s at line %u\n", id, line);
        return;
    }
    if (!want)
        return;
    if (reason == NULL)
        check(f->suppression_reason == NULL, "no reason recorded", __FILE__,
              src_line);
    else
        check_str(f->suppression_reason, reason, __FILE__, src_line);
}

/* ---- suppressions ------------------------------------------------------ */

/* Line numbers are given in the comments; the tests below refer to them. */
static const char suppress_source[] =
    "int f(void)\n"                                                   /*  1 */
    "{\n"                                                             /*  2 */
    "    x(); // ndislint-suppress NDIS003: same line\n"              /*  3 */
    "    // ndislint-suppress NDIS003: line before\n"                 /*  4 */
    "    x();\n"                                                      /*  5 */
    "    // ndislint-suppress NDIS003: two lines before\n"            /*  6 */
    "\n"                                                              /*  7 */
    "    x();\n"                                                      /*  8 */
    "    x(); // ndislint-suppress message-isr-returns-true: by name\n" /* 9 */
    "    x(); // ndislint-suppress NDIS003, NDIS005: shared line\n"   /* 10 */
    "    /* ndislint-suppress-begin NDIS005: range */\n"              /* 11 */
    "    x();\n"                                                      /* 12 */
    "    x();\n"                                                      /* 13 */
    "    /* ndislint-suppress-end NDIS005 */\n"                       /* 14 */
    "    x();\n"                                                      /* 15 */
    "    s = \"// ndislint-suppress NDIS003: in a string\";\n"        /* 16 */
    "    s = \"\\\" /* ndislint-suppress NDIS004: escaped */\";\n"    /* 17 */
    "    x(); // ndislint-suppress NDIS003\n"                         /* 18 */
    "    x(); // ndislint-suppress NDIS999: no such rule\n"           /* 19 */
    "    c = '\"'; // ndislint-suppress NDIS004: after a quote char\n" /* 20 */
    "    x(); // ndislint-suppress NDIS001: matches nothing\n"        /* 21 */
    "    /* ndislint-suppress-end NDIS002 */\n"                       /* 22 */
    "    // a comment continued \\\n"                                /* 23 */
    "       ndislint-suppress NDIS002: spliced\n"                     /* 24 */
    "    x();\n"                                                      /* 25 */
    "    // ndislint-suppress-begin NDIS001: never closed\n"          /* 26 */
    "    /*\n"                                                        /* 27 */
    "     * ndislint-suppress NDIS004: in a block\n"                  /* 28 */
    "     */\n"                                                       /* 29 */
    "    x();\n"                                                      /* 30 */
    "}\n";                                                            /* 31 */

/* Findings of the suppression file; `other` gets one too. */
static void suppress_findings(FindingList *list, const RuleCatalog *cat,
                              const char *file)
{
    static const struct {
        const char *id;
        unsigned line;
    } places[] = {
        {"NDIS003", 3},  {"NDIS005", 3},  {"NDIS003", 5},  {"NDIS003", 8},
        {"NDIS003", 9},  {"NDIS003", 10}, {"NDIS005", 10}, {"NDIS003", 12},
        {"NDIS005", 12}, {"NDIS005", 13}, {"NDIS005", 15}, {"NDIS003", 16},
        {"NDIS003", 17}, {"NDIS004", 17}, {"NDIS004", 18}, {"NDIS003", 18},
        {"NDIS005", 19}, {"NDIS004", 20}, {"NDIS002", 24}, {"NDIS002", 25},
        {"NDIS001", 30}, {"NDIS004", 30}, {"NDIS003", 30},
    };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
        add(list, cat, places[i].id, file, places[i].line, "f");
}

static void test_suppress(const RuleCatalog *cat)
{
    const char *file = write_text("sup.c", suppress_source);
    write_text("other.c", "int g;\n// ndislint-suppress NDIS002\n");

    /* The inputs as a user names them: relative, so they are told apart
     * from the findings' absolute paths only by resolving them. */
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL || chdir(scratch_dir) != 0) {
        perror("chdir");
        exit(2);
    }
    char rel_sup[] = "./sup.c";
    char rel_other[] = "other.c";
    char *inputs[] = {rel_sup, rel_other};

    FindingList list = {0};
    ToolMessageList msgs = {0};
    suppress_findings(&list, cat, file);
    suppress_apply(&list, cat, cat, inputs, 2, false, &msgs);

    SUPPRESSED(&list, "NDIS003", 3, "same line");
    NOT_SUPPRESSED(&list, "NDIS005", 3);            /* another rule */
    SUPPRESSED(&list, "NDIS003", 5, "line before");
    NOT_SUPPRESSED(&list, "NDIS003", 8);            /* two lines before */
    SUPPRESSED(&list, "NDIS003", 9, "by name");
    SUPPRESSED(&list, "NDIS003", 10, "shared line");
    SUPPRESSED(&list, "NDIS005", 10, "shared line");
    NOT_SUPPRESSED(&list, "NDIS003", 12);           /* range is NDIS005's */
    SUPPRESSED(&list, "NDIS005", 12, "range");
    SUPPRESSED(&list, "NDIS005", 13, "range");
    NOT_SUPPRESSED(&list, "NDIS005", 15);           /* after the end */
    NOT_SUPPRESSED(&list, "NDIS003", 16);           /* in a string */
    NOT_SUPPRESSED(&list, "NDIS003", 17);
    NOT_SUPPRESSED(&list, "NDIS004", 17);           /* after an escaped quote */
    NOT_SUPPRESSED(&list, "NDIS004", 18);
    SUPPRESSED(&list, "NDIS003", 18, NULL);         /* no reason, applies */
    NOT_SUPPRESSED(&list, "NDIS005", 19);           /* unknown rule only */
    SUPPRESSED(&list, "NDIS004", 20, "after a quote char");
    SUPPRESSED(&list, "NDIS002", 24, "spliced");
    SUPPRESSED(&list, "NDIS002", 25, "spliced");
    SUPPRESSED(&list, "NDIS001", 30, "never closed"); /* to end of file */
    SUPPRESSED(&list, "NDIS004", 30, "in a block"); /* line after the block */
    NOT_SUPPRESSED(&list, "NDIS003", 30);

    const Finding *f3 = at(&list, "NDIS003", 3);
    if (CHECK(f3 != NULL)) {
        CHECK(f3->suppression_loc.file == file);
        CHECK(f3->suppression_loc.line == 3);
        CHECK(f3->suppression_loc.col == 13);
    }

    /* Tool messages: at the comment, with the finding's interned path for
     * a file findings point into and the caller's string for another. */
    CHECK(count_messages(&msgs, file, 18,
                         "suppression of NDIS003 without a reason; write "
                         "`ndislint-suppress NDIS003: why`") == 1);
    CHECK(count_messages(&msgs, file, 19, "unknown rule 'NDIS999'") == 1);
    CHECK(count_messages(&msgs, file, 22,
                         "ndislint-suppress-end NDIS002 has no matching "
                         "ndislint-suppress-begin") == 1);
    CHECK(count_messages(&msgs, file, 26,
                         "ndislint-suppress-begin NDIS001 has no matching "
                         "ndislint-suppress-end") == 1);
    CHECK(count_messages(&msgs, rel_other, 2,
                         "suppression of NDIS002 without a reason") == 1);
    CHECK(count_all(&msgs, "unused") == 0);
    CHECK(count_all(&msgs, "string") == 0);
    CHECK(count_all(&msgs, "escaped") == 0);
    for (size_t i = 0; i < msgs.count; i++)
        CHECK(msgs.items[i].level == LEVEL_WARNING);
    if (!CHECK(msgs.count == 5))
        dump_messages(&msgs);
    finding_list_free(&list);
    tool_message_list_free(&msgs);

    /* Unused suppressions are reported only when asked for. */
    suppress_findings(&list, cat, file);
    suppress_apply(&list, cat, cat, inputs, 2, true, &msgs);
    CHECK(count_messages(&msgs, file, 21, "unused suppression of NDIS001") == 1);
    CHECK(count_messages(&msgs, file, 6, "unused suppression of NDIS003") == 1);
    CHECK(count_messages(&msgs, rel_other, 2, "unused suppression of NDIS002") == 1);
    if (!CHECK(count_all(&msgs, "unused suppression") == 3))
        dump_messages(&msgs);
    finding_list_free(&list);
    tool_message_list_free(&msgs);

    /* A comma list where one name is unknown still applies the other. */
    const char *mixed = write_text("mixed.c",
                                   "x(); // ndislint-suppress bogus-rule, NDIS005: partly\n");
    add(&list, cat, "NDIS005", mixed, 1, NULL);
    suppress_apply(&list, cat, cat, NULL, 0, true, &msgs);
    SUPPRESSED(&list, "NDIS005", 1, "partly");
    CHECK(count_messages(&msgs, mixed, 1, "unknown rule 'bogus-rule'") == 1);
    CHECK(msgs.count == 1);
    finding_list_free(&list);
    tool_message_list_free(&msgs);

    /* CR LF line breaks, a C++ raw string and a digit separator. */
    const char *edge = write_text(
        "edge.cpp",
        "auto s = R\"x(a\" // ndislint-suppress NDIS003: raw )\" b)x\";\r\n"
        "x(); // ndislint-suppress NDIS005: crlf  \r\n"
        "y();\r\n"
        "int n = 1'000; // ndislint-suppress NDIS004: after a separator\r\n");
    add(&list, cat, "NDIS003", edge, 1, NULL);
    add(&list, cat, "NDIS003", edge, 2, NULL);
    add(&list, cat, "NDIS005", edge, 3, NULL);
    add(&list, cat, "NDIS004", edge, 4, NULL);
    suppress_apply(&list, cat, cat, NULL, 0, true, &msgs);
    NOT_SUPPRESSED(&list, "NDIS003", 1);
    NOT_SUPPRESSED(&list, "NDIS003", 2);
    SUPPRESSED(&list, "NDIS005", 3, "crlf");
    SUPPRESSED(&list, "NDIS004", 4, "after a separator");
    if (!CHECK(msgs.count == 0))
        dump_messages(&msgs);
    finding_list_free(&list);
    tool_message_list_free(&msgs);

    if (chdir(cwd) != 0)
        perror("chdir");
    free(cwd);
}

/* ---- line hashes ------------------------------------------------------- */

/* Checks the line hash of each line of a file against `want`. */
static void check_line_hashes(const RuleCatalog *cat, const char *name,
                              const char *text, size_t size,
                              const char *const *want, unsigned lines,
                              int src_line)
{
    const char *file = write_bytes(name, text, size);
    FindingList list = {0};
    for (unsigned line = 1; line <= lines; line++)
        add(&list, cat, "NDIS003", file, line, NULL);
    fingerprint_findings(&list);
    for (unsigned line = 1; line <= lines; line++) {
        const Finding *f = at(&list, "NDIS003", line);
        if (!check_str(f->line_hash, want[line - 1], __FILE__, src_line))
            fprintf(stderr, "  %s line %u\n", name, line);
    }
    finding_list_free(&list);
}

#define CHECK_LINE_HASHES(name, text, want)                                   \
    check_line_hashes(cat, (name), (text), sizeof(text) - 1, (want),          \
                      (unsigned)(sizeof(want) / sizeof(want)[0]), __LINE__)

/* The keyword itself cut by a line splice with blanks after the
 * backslash, in a file where it never stands whole: still a directive. */
static void test_suppress_cut_keyword(const RuleCatalog *cat)
{
    const char *file = write_text("cut.c",
                                  "void f(void)\n"                          /* 1 */
                                  "{\n"                                     /* 2 */
                                  "    // ndislint-sup\\ \t\n"              /* 3 */
                                  "press NDIS003: cut by a splice\n"        /* 4 */
                                  "    x();\n"                              /* 5 */
                                  "}\n");
    char *inputs[] = {(char *)file};
    FindingList list = {0};
    ToolMessageList msgs = {0};
    add(&list, cat, "NDIS003", file, 5, "f");
    suppress_apply(&list, cat, cat, inputs, 1, false, &msgs);
    SUPPRESSED(&list, "NDIS003", 5, "cut by a splice");
    finding_list_free(&list);
    tool_message_list_free(&msgs);
}

static void test_line_hash(const RuleCatalog *cat)
{
    /* Spaces and tabs ignored, CR, LF and CR LF alike, and the line after
     * the last line break. */
    static const char mixed_text[] =
        "  status = Register();\t\nif (status)\r\n\n\r  \t\treturn FALSE;\r }\r\n";
    static const char *const mixed_want[] = {
        "5979bbe3c5feb554:1", "7d7ecb4e2287d2b4:1", "f942c40a8ce4976:1",
        "484a3f5266b00ba4:1", "7a9b00e2d8511c4a:1", "32dce9ccfdbc9d3e:1",
        "c129715d7a2bc9a3:1",
    };
    CHECK_LINE_HASHES("mixed.txt", mixed_text, mixed_want);

    /* No final line break. (The repeated lines below also give hashes of
     * fewer than 16 hex digits.) */
    static const char short_text[] = "\tif (a)\nb();\n  \t\t}\n c";
    static const char *const short_want[] = {
        "c6d26938e6e4e7a4:1", "4de6e95f71841a59:1", "6957d8812dbb8331:1",
        "188ff2f224477a1e:1",
    };
    CHECK_LINE_HASHES("short.txt", short_text, short_want);

    /* Identical windows are told apart by the occurrence suffix. */
    static const char repeat_text[] =
        "NdisStallExecution(1);\nNdisStallExecution(1);\n"
        "NdisStallExecution(1);\nNdisStallExecution(1);\n"
        "NdisStallExecution(1);\nNdisStallExecution(1);\n"
        "NdisStallExecution(1);\nNdisStallExecution(1);\n"
        "NdisStallExecution(1);\nNdisStallExecution(1);\n";
    static const char *const repeat_want[] = {
        "986d9ef11b853a2:1", "986d9ef11b853a2:2", "986d9ef11b853a2:3",
        "986d9ef11b853a2:4", "986d9ef11b853a2:5", "986d9ef11b853a2:6",
        "99ced40eeab970f:1", "b549b8910c82c716:1", "13c09db8c20d79b1:1",
        "229e7648eee358d0:1", "c129715d7a2bc9a3:1",
    };
    CHECK_LINE_HASHES("repeat.txt", repeat_text, repeat_want);

    /* Non-ASCII text is hashed as UTF-16 units (a surrogate pair for the
     * emoji), invalid bytes as U+FFFD. */
    static const char utf_text[] =
        "int a;\n  int  b ;\n\nint a;\r\nx\ry\n\tint a;\n"
        "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xff\xc3( \xed\xa0\x80!\n";
    static const char *const utf_want[] = {
        "d754589d0ffce5e5:1", "14405c65832e2684:1", "e3f13eef3468412:1",
        "16fdbb832a108430:1", "754a24073a860f67:1", "e998923b7b49db8d:1",
        "b159c1606f2cdb6e:1", "fb8e2a44de82cf15:1", "c129715d7a2bc9a3:1",
    };
    CHECK_LINE_HASHES("utf.txt", utf_text, utf_want);

    /* An empty file has one line; a line past the end has no hash. */
    const char *empty = write_text("empty.c", "");
    FindingList list = {0};
    add(&list, cat, "NDIS003", empty, 1, NULL);
    add(&list, cat, "NDIS003", empty, 2, NULL);
    add(&list, cat, "NDIS003", empty, 0, NULL);
    fingerprint_findings(&list);
    CHECK_STR(at(&list, "NDIS003", 1)->line_hash, "c129715d7a2bc9a3:1");
    CHECK(at(&list, "NDIS003", 2)->line_hash == NULL);
    CHECK(at(&list, "NDIS003", 0)->line_hash == NULL);
    CHECK(at(&list, "NDIS003", 2)->fingerprint != NULL);
    finding_list_free(&list);
}

/* ---- fingerprints ------------------------------------------------------ */

static const char isr_v1[] =
    "BOOLEAN Isr(NDIS_HANDLE ctx)\n"          /* 1 */
    "{\n"                                     /* 2 */
    "    if (ctx == NULL)\n"                  /* 3 */
    "        return FALSE;\n"                 /* 4 */
    "    if (!Ours(ctx))\n"                   /* 5 */
    "        return FALSE;\n"                 /* 6 */
    "    Handle(ctx);\n"                      /* 7 */
    "    return Done(ctx);\n"                 /* 8 */
    "}\n";                                    /* 9 */

/* Three lines added at the top, and different indentation on line 4. */
static const char isr_v2[] =
    "#include <ndis.h>\n"
    "\n"
    "/* The interrupt handler. */\n"
    "BOOLEAN Isr(NDIS_HANDLE ctx)\n"          /* 4 */
    "{\n"                                     /* 5 */
    "    if (ctx == NULL)\n"                  /* 6 */
    "      return   FALSE;\n"                 /* 7 */
    "    if (!Ours(ctx))\n"                   /* 8 */
    "        return FALSE;\n"                 /* 9 */
    "    Handle(ctx);\n"                      /* 10 */
    "    return Done(ctx);\n"                 /* 11 */
    "}\n";                                    /* 12 */

/* The code of the last return changed. */
static const char isr_v3[] =
    "BOOLEAN Isr(NDIS_HANDLE ctx)\n"
    "{\n"
    "    if (ctx == NULL)\n"
    "        return FALSE;\n"
    "    if (!Ours(ctx))\n"
    "        return FALSE;\n"
    "    Handle(ctx);\n"
    "    return DoneAll(ctx);\n"                /* 8 */
    "}\n";

/* The three NDIS003 findings of the handler, at the given lines. */
static void isr_findings(FindingList *list, const RuleCatalog *cat,
                         const char *file, unsigned first, unsigned second,
                         unsigned last)
{
    add(list, cat, "NDIS003", file, first, "Isr");
    add(list, cat, "NDIS003", file, second, "Isr");
    add(list, cat, "NDIS003", file, last, "Isr");
}

static bool is_v1_fingerprint(const char *s)
{
    if (s == NULL || strncmp(s, "v1:", 3) != 0 || strlen(s) != 19)
        return false;
    for (size_t i = 3; s[i] != '\0'; i++) {
        if (strchr("0123456789abcdef", s[i]) == NULL)
            return false;
    }
    return true;
}

static void test_fingerprint(const RuleCatalog *cat)
{
    FindingList a = {0};
    FindingList b = {0};
    FindingList c = {0};
    isr_findings(&a, cat, write_text("isr_v1.c", isr_v1), 4, 6, 8);
    isr_findings(&b, cat, write_text("isr_v2.c", isr_v2), 7, 9, 11);
    isr_findings(&c, cat, write_text("isr_v3.c", isr_v3), 4, 6, 8);
    fingerprint_findings(&a);
    fingerprint_findings(&b);
    fingerprint_findings(&c);

    for (size_t i = 0; i < a.count; i++)
        CHECK(is_v1_fingerprint(a.items[i].fingerprint));

    /* Two identical findings (same rule, function and line text) stay
     * distinct. */
    CHECK(strcmp(a.items[0].fingerprint, a.items[1].fingerprint) != 0);
    CHECK(strcmp(a.items[0].fingerprint, a.items[2].fingerprint) != 0);

    /* Lines inserted above and re-indentation change nothing, but the base
     * names of the files differ: compare through a copy named alike. */
    FindingList b2 = {0};
    isr_findings(&b2, cat, write_text("isr_v1.c", isr_v2), 7, 9, 11);
    fingerprint_findings(&b2);
    for (size_t i = 0; i < 3; i++)
        CHECK_STR(b2.items[i].fingerprint, a.items[i].fingerprint);
    /* ... while the file's name is part of the identity. */
    CHECK(strcmp(b.items[0].fingerprint, a.items[0].fingerprint) != 0);

    /* Changing the code of the primary line changes it; the others stay. */
    FindingList c2 = {0};
    isr_findings(&c2, cat, write_text("isr_v1.c", isr_v3), 4, 6, 8);
    fingerprint_findings(&c2);
    CHECK_STR(c2.items[0].fingerprint, a.items[0].fingerprint);
    CHECK_STR(c2.items[1].fingerprint, a.items[1].fingerprint);
    CHECK(strcmp(c2.items[2].fingerprint, a.items[2].fingerprint) != 0);

    /* The rule and the function are part of it. */
    FindingList d = {0};
    const char *v1 = write_text("isr_v1.c", isr_v1);
    add(&d, cat, "NDIS005", v1, 8, "Isr");
    add(&d, cat, "NDIS003", v1, 8, "Other");
    add(&d, cat, "NDIS003", v1, 8, "Isr");
    fingerprint_findings(&d);
    CHECK(strcmp(d.items[0].fingerprint, a.items[2].fingerprint) != 0);
    CHECK(strcmp(d.items[1].fingerprint, a.items[2].fingerprint) != 0);
    CHECK_STR(d.items[2].fingerprint, a.items[2].fingerprint);

    /* The order of the list does not decide which twin is which. */
    FindingList e = {0};
    add(&e, cat, "NDIS003", v1, 6, "Isr");
    add(&e, cat, "NDIS003", v1, 4, "Isr");
    fingerprint_findings(&e);
    CHECK_STR(e.items[0].fingerprint, a.items[1].fingerprint);
    CHECK_STR(e.items[1].fingerprint, a.items[0].fingerprint);

    /* A twin appearing below leaves the one above as it was. */
    FindingList alone = {0};
    add(&alone, cat, "NDIS003", v1, 4, "Isr");
    fingerprint_findings(&alone);
    CHECK_STR(alone.items[0].fingerprint, a.items[0].fingerprint);
    finding_list_free(&alone);

    /* An unreadable file: no line hash, a fingerprint from the message. */
    FindingList g = {0};
    char missing[PATH_MAX];
    snprintf(missing, sizeof missing, "%s/missing.c", scratch_dir);
    add(&g, cat, "NDIS003", missing, 4, "Isr");
    fingerprint_findings(&g);
    CHECK(g.items[0].line_hash == NULL);
    CHECK(is_v1_fingerprint(g.items[0].fingerprint));

    finding_list_free(&a);
    finding_list_free(&b);
    finding_list_free(&b2);
    finding_list_free(&c);
    finding_list_free(&c2);
    finding_list_free(&d);
    finding_list_free(&e);
    finding_list_free(&g);
}

/* ---- baselines --------------------------------------------------------- */

static void write_sarif_of(const char *path, const RuleCatalog *cat,
                           const FindingList *list)
{
    ToolMessageList none = {0};
    EmitContext ctx = {0};
    ctx.catalog = cat;
    ctx.findings = list;
    ctx.messages = &none;
    ctx.srcroot = scratch_dir;
    ctx.tool_version = "0.0.0";
    ctx.command_line = "ndislint --write-baseline base.sarif .";
    ctx.execution_successful = true;
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    CHECK(emit_sarif(f, &ctx) == 0);
    fclose(f);
}

static void test_baseline(const RuleCatalog *cat)
{
    char err[512];

    /* End to end: the log ndislint writes for the handler, then the same
     * handler with lines inserted above and one finding more. */
    FindingList old = {0};
    const char *v1 = write_text("drv.c", isr_v1);
    isr_findings(&old, cat, v1, 4, 6, 8);
    fingerprint_findings(&old);
    const char *base_path = write_text("base.sarif", "");
    write_sarif_of(base_path, cat, &old);

    Baseline base = {0};
    int rc = baseline_load(base_path, &base, err, sizeof err);
    if (!CHECK(rc == 0))
        fprintf(stderr, "  %s\n", err);
    CHECK(base.count == 3);
    for (size_t i = 1; i < base.count; i++)
        CHECK(strcmp(base.fingerprints[i - 1], base.fingerprints[i]) <= 0);

    FindingList now = {0};
    const char *v2 = write_text("drv.c", isr_v2);
    CHECK(v2 == v1);
    isr_findings(&now, cat, v2, 7, 9, 11);
    add(&now, cat, "NDIS005", v2, 10, "Isr");
    fingerprint_findings(&now);
    baseline_apply(&base, &now);
    CHECK(at(&now, "NDIS003", 7)->baseline == BASELINE_UNCHANGED);
    CHECK(at(&now, "NDIS003", 9)->baseline == BASELINE_UNCHANGED);
    CHECK(at(&now, "NDIS003", 11)->baseline == BASELINE_UNCHANGED);
    CHECK(at(&now, "NDIS005", 10)->baseline == BASELINE_NEW);
    baseline_free(&base);
    CHECK(base.count == 0 && base.fingerprints == NULL);

    /* A hand-written log: results without the key are ignored, and one
     * entry covers one finding only. */
    const char *hand = write_text(
        "hand.sarif",
        "{\"version\": \"2.1.0\", \"runs\": [\n"
        " {\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [\n"
        "  {\"partialFingerprints\": {\"ndislint/v1\": \"v1:00000000000000aa\","
        "   \"primaryLocationLineHash\": \"1:1\"}},\n"
        "  {\"partialFingerprints\": {\"primaryLocationLineHash\": \"2:1\"}},\n"
        "  {\"message\": {\"text\": \"no prints\"}},\n"
        "  {\"baselineState\": \"absent\","
        "   \"partialFingerprints\": {\"ndislint/v1\": \"v1:00000000000000bb\"}}\n"
        " ]},\n"
        " {\"tool\": {\"driver\": {\"name\": \"x\"}}}\n"
        "]}\n");
    rc = baseline_load(hand, &base, err, sizeof err);
    if (!CHECK(rc == 0))
        fprintf(stderr, "  %s\n", err);
    if (CHECK(base.count == 1))
        CHECK_STR(base.fingerprints[0], "v1:00000000000000aa");
    FindingList twins = {0};
    const char *drv = write_text("drv.c", isr_v2);
    add(&twins, cat, "NDIS003", drv, 7, "Isr")->fingerprint =
        strdup("v1:00000000000000aa");
    add(&twins, cat, "NDIS003", drv, 9, "Isr")->fingerprint =
        strdup("v1:00000000000000aa");
    add(&twins, cat, "NDIS003", drv, 11, "Isr")->fingerprint =
        strdup("v1:00000000000000bb");
    add(&twins, cat, "NDIS003", drv, 12, "Isr");
    baseline_apply(&base, &twins);
    CHECK(twins.items[0].baseline == BASELINE_UNCHANGED);
    CHECK(twins.items[1].baseline == BASELINE_NEW);
    CHECK(twins.items[2].baseline == BASELINE_NEW);
    CHECK(twins.items[3].baseline == BASELINE_NEW);
    baseline_free(&base);

    /* Errors name the file, and the line for JSON errors. */
    const char *broken = write_text(
        "broken.sarif", "{\"version\": \"2.1.0\",\n\"runs\": [\n  {,}\n]}\n");
    err[0] = '\0';
    CHECK(baseline_load(broken, &base, err, sizeof err) == -1);
    char want[PATH_MAX + 16];
    snprintf(want, sizeof want, "%s:3: ", broken);
    CHECK_CONTAINS(err, want);
    CHECK(base.count == 0 && base.fingerprints == NULL);

    const char *truncated = write_text("truncated.sarif",
                                       "{\"version\": \"2.1.0\",\n\"runs\": [\n");
    err[0] = '\0';
    CHECK(baseline_load(truncated, &base, err, sizeof err) == -1);
    CHECK_CONTAINS(err, truncated);
    CHECK_CONTAINS(err, "JSON");

    const char *not_sarif = write_text("rule.json", "{\"id\": \"NDIS003\"}\n");
    err[0] = '\0';
    CHECK(baseline_load(not_sarif, &base, err, sizeof err) == -1);
    CHECK_CONTAINS(err, not_sarif);
    CHECK_CONTAINS(err, "not a SARIF log");

    const char *dup = write_text(
        "dup.sarif",
        "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{"
        "\"partialFingerprints\": {\"ndislint/v1\": \"v1:1\","
        " \"ndislint/v1\": \"v1:2\"}}]}]}\n");
    err[0] = '\0';
    CHECK(baseline_load(dup, &base, err, sizeof err) == -1);
    CHECK_CONTAINS(err, "duplicate key 'ndislint/v1'");

    char missing[PATH_MAX];
    snprintf(missing, sizeof missing, "%s/none.sarif", scratch_dir);
    err[0] = '\0';
    CHECK(baseline_load(missing, &base, err, sizeof err) == -1);
    CHECK_CONTAINS(err, missing);

    finding_list_free(&old);
    finding_list_free(&now);
    finding_list_free(&twins);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
        return 2;
    }
    RuleCatalog cat;
    char err[512];
    if (rule_catalog_load(&cat, argv[1], err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    make_scratch_dir();

    test_suppress(&cat);
    test_suppress_cut_keyword(&cat);
    test_line_hash(&cat);
    test_fingerprint(&cat);
    test_baseline(&cat);

    remove_scratch();
    rule_catalog_free(&cat);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
