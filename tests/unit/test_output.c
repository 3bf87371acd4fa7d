/* test_output.c - unit tests of the output side: rule catalog, findings,
 * and the text, MSVC and SARIF emitters.
 *
 *   usage: test_output RULES_DIR [SAMPLE.sarif]
 *
 * With SAMPLE.sarif, the SARIF log built by the SARIF test (findings with
 * notes, a path outside srcroot, tool notifications) is also written there,
 * so that an external validator can check it.
 */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "emit_common.h"
#include "finding.h"
#include "rule_catalog.h"
#include "source_loc.h"

#include "../test_check.h"

/* ---- scratch files ----------------------------------------------------- */

static char *make_temp_dir(void)
{
    char tmpl[] = "/tmp/ndislint-test-XXXXXX";
    if (mkdtemp(tmpl) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    return strdup(tmpl);
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

/* ---- rule catalog ------------------------------------------------------ */

static void test_catalog_real(const char *rules_dir)
{
    RuleCatalog cat;
    char err[512];
    int rc = rule_catalog_load(&cat, rules_dir, err, sizeof err);
    if (!CHECK(rc == 0)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(cat.count >= 2);
    for (size_t i = 1; i < cat.count; i++)
        CHECK(strcmp(cat.rules[i - 1].id, cat.rules[i].id) < 0);

    const RuleInfo *r2 = rule_catalog_find(&cat, "NDIS002");
    const RuleInfo *r3 = rule_catalog_find(&cat, "message-isr-returns-true");
    if (CHECK(r2 != NULL && r3 != NULL)) {
        CHECK_STR(r2->name, "msi-needs-line-fallback");
        CHECK(r2->default_level == LEVEL_ERROR);
        CHECK_STR(r3->id, "NDIS003");
        CHECK(r3->default_level == LEVEL_WARNING);
        CHECK(rule_catalog_find(&cat, "msi-needs-line-fallback") == r2);
        CHECK(rule_catalog_index(&cat, r2) < cat.count);
        CHECK(&cat.rules[rule_catalog_index(&cat, r3)] == r3);

        size_t n = 0;
        char *const *lines = rule_param(r2, "lineHandlers", &n);
        CHECK(n == 4 && lines != NULL &&
              strcmp(lines[0], "InterruptHandler") == 0);
        rule_param(r2, "messageHandlers", &n);
        CHECK(n == 4);
        CHECK_STR(rule_param_first(r2, "registerFunction"),
                  "NdisMRegisterInterruptEx");
        CHECK_STR(rule_param_first(r2, "characteristicsArgument"), "2");
        CHECK_STR(rule_param_first(r2, "structure"),
                  "NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS");
        CHECK_STR(rule_param_first(r2, "msiField"), "MsiSupported");
        CHECK_STR(rule_param_first(r3, "role"), "MINIPORT_MESSAGE_INTERRUPT");
        CHECK(rule_param(r3, "noSuchParameter", &n) == NULL && n == 0);
        CHECK(rule_param_first(r3, "noSuchParameter") == NULL);
        /* The help must tell the reader that the two WDK pages disagree. */
        CHECK_CONTAINS(r3->help, "Handling an MSI interrupt");
        CHECK_CONTAINS(r3->help, "FALSE otherwise");
        CHECK_CONTAINS(r3->help_uri, "https://learn.microsoft.com/");
    }
    CHECK(rule_catalog_find(&cat, "NDIS999") == NULL);
    rule_catalog_free(&cat);
    CHECK(cat.count == 0 && cat.rules == NULL);
}

/* Everything a valid rule needs except id, name, level and tags. */
#define TEXTS                                                               \
    "\"summary\": \"S.\", \"description\": \"D.\", \"help\": \"H.\", "     \
    "\"helpMarkdown\": \"M.\", \"helpUri\": \"https://example.com/r\""

#define VALID_HEAD \
    "{\"id\": \"NDIS900\", \"name\": \"x\", \"level\": \"error\", "

/* Loads a folder holding `name` with `text` and expects the load to fail
 * with a message that contains the file's path and each of `parts`. */
static void expect_load_error(int line, const char *name, const char *text,
                              const char *part1, const char *part2)
{
    char *dir = make_temp_dir();
    char *path = path_join(dir, name);
    write_file(path, text);

    RuleCatalog cat;
    char err[512] = "";
    int rc = rule_catalog_load(&cat, dir, err, sizeof err);
    check(rc == -1, "load fails", __FILE__, line);
    check(cat.count == 0 && cat.rules == NULL, "catalog empty", __FILE__, line);
    check_contains(err, path, __FILE__, line);
    if (part1 != NULL)
        check_contains(err, part1, __FILE__, line);
    if (part2 != NULL)
        check_contains(err, part2, __FILE__, line);
    if (rc == 0)
        rule_catalog_free(&cat);

    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

static char *repeat(const char *unit, size_t times)
{
    size_t n = strlen(unit);
    char *s = malloc(n * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * n, unit, n);
    s[n * times] = '\0';
    return s;
}

static void test_catalog_errors(void)
{
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [], \"colour\": \"red\"}",
                      "key 'colour'", "unknown key");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [], \"level\": \"note\"}",
                      "key 'level'", "duplicate key");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": \"ndis\"}",
                      "key 'tags'", "expected an array");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [], \"help\": 5}",
                      "key 'help'", NULL);
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [],"
                      " \"parameters\": {\"p\": [1]}}",
                      "key 'parameters.p'", "expected a non-empty string");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [],"
                      " \"parameters\": {\"p\": [\"a\"], \"p\": [\"b\"]}}",
                      "key 'parameters.p'", "duplicate key");
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\"id\": \"NDIS900\", \"level\": \"error\", "
                      TEXTS ", \"tags\": []}",
                      "key 'name'", "missing");
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\"id\": \"NDIS900\", \"name\": \"x\", "
                      "\"level\": \"fatal\", " TEXTS ", \"tags\": []}",
                      "key 'level': expected one of note, warning, error",
                      NULL);
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\"id\": \"Ndis900\", \"name\": \"x\", "
                      "\"level\": \"error\", " TEXTS ", \"tags\": []}",
                      "key 'id'", NULL);
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\"id\": \"NDIS900\", \"name\": \"x\", "
                      "\"level\": \"error\", \"summary\": \"S.\", "
                      "\"description\": \"D.\", \"help\": \"H.\", "
                      "\"helpMarkdown\": \"M.\", \"helpUri\": \"/rel\", "
                      "\"tags\": []}",
                      "key 'helpUri'", NULL);
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\"id\": \"NDIS900\", \"name\": \"x\", "
                      "\"level\": \"error\", \"summary\": \" \", "
                      "\"description\": \"D.\", \"help\": \"H.\", "
                      "\"helpMarkdown\": \"M.\", "
                      "\"helpUri\": \"https://example.com/r\", \"tags\": []}",
                      "key 'summary'", "empty");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": [\"1\", \"2\", \"3\", "
                      "\"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\", "
                      "\"11\"]}",
                      "key 'tags'", "at most 10");
    /* A syntax error is reported with its line. */
    expect_load_error(__LINE__, "NDIS900.json",
                      "{\n  \"id\": \"NDIS900\",\n  \"name\" \"x\"\n}\n",
                      "NDIS900.json:3:", "syntax");
    expect_load_error(__LINE__, "NDIS900.json",
                      VALID_HEAD TEXTS ", \"tags\": []}\n\n garbage",
                      "NDIS900.json:3:", "syntax");
    expect_load_error(__LINE__, "NDIS900.json", "[]", "object", NULL);

    /* 1025 characters is one too many; 1024 two-byte characters are not. */
    char *long_text = repeat("a", 1025);
    size_t n = strlen(long_text) + 512;
    char *json = malloc(n);
    snprintf(json, n, VALID_HEAD "\"summary\": \"S.\", "
             "\"description\": \"%s\", \"help\": \"H.\", "
             "\"helpMarkdown\": \"M.\", "
             "\"helpUri\": \"https://example.com/r\", \"tags\": []}",
             long_text);
    expect_load_error(__LINE__, "NDIS900.json", json, "key 'description'",
                      "1025");
    free(json);
    free(long_text);

    char *dir = make_temp_dir();
    char *path = path_join(dir, "NDIS900.json");
    char *wide = repeat("\xc3\xa9", 1024);
    n = strlen(wide) + 512;
    json = malloc(n);
    snprintf(json, n, VALID_HEAD "\"summary\": \"%s\", "
             "\"description\": \"D.\", \"help\": \"H.\", "
             "\"helpMarkdown\": \"M.\", "
             "\"helpUri\": \"https://example.com/r\", \"tags\": [\"t\"], "
             "\"parameters\": {\"bare\": \"v\", \"list\": [\"a\", \"b\"]}}",
             wide);
    write_file(path, json);
    RuleCatalog cat;
    char err[512] = "";
    if (CHECK(rule_catalog_load(&cat, dir, err, sizeof err) == 0)) {
        size_t count = 0;
        CHECK(cat.count == 1);
        CHECK(rule_param(&cat.rules[0], "bare", &count) != NULL && count == 1);
        CHECK_STR(rule_param_first(&cat.rules[0], "bare"), "v");
        CHECK(rule_param(&cat.rules[0], "list", &count) != NULL && count == 2);
        rule_catalog_free(&cat);
    } else {
        fprintf(stderr, "  %s\n", err);
    }

    /* The same id in two files names both files. */
    char *second = path_join(dir, "NDIS901.json");
    write_file(path, VALID_HEAD TEXTS ", \"tags\": []}");
    write_file(second, "{\"id\": \"NDIS900\", \"name\": \"y\", "
               "\"level\": \"note\", " TEXTS ", \"tags\": []}");
    CHECK(rule_catalog_load(&cat, dir, err, sizeof err) == -1);
    CHECK_CONTAINS(err, second);
    CHECK_CONTAINS(err, path);
    CHECK_CONTAINS(err, "key 'id'");
    unlink(second);
    unlink(path);

    /* A folder without rule files is an error, not an empty catalog. */
    CHECK(rule_catalog_load(&cat, dir, err, sizeof err) == -1);
    CHECK_CONTAINS(err, dir);
    rmdir(dir);
    CHECK(rule_catalog_load(&cat, dir, err, sizeof err) == -1);

    free(second);
    free(json);
    free(wide);
    free(path);
    free(dir);
}

/* ---- findings ---------------------------------------------------------- */

static RuleInfo fake_rule(char *id, Level level)
{
    RuleInfo r;
    memset(&r, 0, sizeof r);
    r.id = id;
    r.name = id;
    r.default_level = level;
    return r;
}

static void test_sort(void)
{
    char id2[] = "NDIS002";
    char id3[] = "NDIS003";
    RuleInfo r2 = fake_rule(id2, LEVEL_ERROR);
    RuleInfo r3 = fake_rule(id3, LEVEL_WARNING);
    FindingList list = {0};

    SourceLoc b10 = {"/s/b.c", 10, 4};
    SourceLoc a10 = {"/s/a.c", 10, 4};
    SourceLoc a9 = {"/s/a.c", 9, 30};
    SourceLoc a10c2 = {"/s/a.c", 10, 2};

    finding_add(&list, &r3, b10, NULL, "late %s", "file");
    finding_add(&list, &r3, a10, "F", "same place");
    Finding *f = finding_add(&list, &r2, a10, NULL, "same place");
    finding_add_note(f, a9, "a note %d", 1);
    finding_add(&list, &r2, a10, NULL, "same place");
    finding_add(&list, &r2, a10, NULL, "another message");
    finding_add(&list, &r3, a9, NULL, "earlier line");
    finding_add(&list, &r3, a10c2, NULL, "earlier column");

    CHECK(list.count == 7);
    CHECK(list.items[0].level == LEVEL_WARNING);
    finding_list_sort(&list);
    if (CHECK(list.count == 6)) {
        CHECK_STR(list.items[0].message, "earlier line");
        CHECK_STR(list.items[1].message, "earlier column");
        CHECK_STR(list.items[2].message, "another message");
        CHECK(list.items[2].rule == &r2);
        CHECK_STR(list.items[3].message, "same place");
        CHECK(list.items[3].rule == &r2);
        CHECK_STR(list.items[4].message, "same place");
        CHECK(list.items[4].rule == &r3);
        CHECK_STR(list.items[4].function, "F");
        CHECK_STR(list.items[5].message, "late file");
    }
    finding_list_free(&list);
    CHECK(list.count == 0 && list.items == NULL);

    ToolMessageList msgs = {0};
    SourceLoc none = {NULL, 0, 0};
    tool_message_add(&msgs, LEVEL_ERROR, none, "cannot read %s", "x.c");
    CHECK(msgs.count == 1);
    CHECK_STR(msgs.items[0].message, "cannot read x.c");
    tool_message_list_free(&msgs);
    CHECK(msgs.count == 0 && msgs.items == NULL);

    Level level = LEVEL_NOTE;
    CHECK(level_parse("warning", &level) == 0 && level == LEVEL_WARNING);
    CHECK(level_parse("Warning", &level) == -1);
    CHECK_STR(level_name(LEVEL_ERROR), "error");
    CHECK_STR(level_name(LEVEL_NOTE), "note");
}

/* ---- text and MSVC ----------------------------------------------------- */

typedef int (*Emitter)(FILE *, const EmitContext *);

/* Runs an emitter into memory; the caller frees the text. */
static char *emit_to_string(Emitter emit, const EmitContext *ctx)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    int rc = emit(f, ctx);
    fclose(f);
    CHECK(rc == 0);
    return buf;
}

static void test_display_path(void)
{
    CHECK_STR(emit_display_path("/src/drv/a.c", "/src/drv"), "a.c");
    CHECK_STR(emit_display_path("/src/drv/sub/a.c", "/src/drv"), "sub/a.c");
    CHECK_STR(emit_display_path("/src/drvx/a.c", "/src/drv"), "/src/drvx/a.c");
    CHECK_STR(emit_display_path("/other/a.c", "/src/drv"), "/other/a.c");
    CHECK_STR(emit_display_path("/src/a.c", "/"), "src/a.c");
    CHECK_STR(emit_display_path("/src/a.c", NULL), "/src/a.c");
}

static void check_uri(int line, const char *file, const char *srcroot,
                      const char *want, bool want_relative)
{
    bool relative = !want_relative;
    char *uri = emit_file_uri(file, srcroot, &relative);
    check_str(uri, want, __FILE__, line);
    check(relative == want_relative, "relative flag", __FILE__, line);
    free(uri);
}

static void test_uris(void)
{
    check_uri(__LINE__, "/src/drv/a#b%.c", "/src/drv", "a%23b%25.c", true);
    check_uri(__LINE__, "/src/drv/x~y_z-1.c", "/src/drv", "x~y_z-1.c", true);
    check_uri(__LINE__, "/x y/\xc3\xa9.c", "/src/drv",
              "file:///x%20y/%C3%A9.c", false);
    check_uri(__LINE__, "C:\\w\\a b.c", NULL, "file:///C:/w/a%20b.c", false);
    char *dir = emit_folder_uri("/src/my drv");
    CHECK_STR(dir, "file:///src/my%20drv/");
    free(dir);
    dir = emit_folder_uri("/");
    CHECK_STR(dir, "file:///");
    free(dir);
}

static void test_text_and_msvc(void)
{
    char id2[] = "NDIS002";
    char id3[] = "NDIS003";
    RuleInfo r2 = fake_rule(id2, LEVEL_ERROR);
    RuleInfo r3 = fake_rule(id3, LEVEL_NOTE);
    FindingList list = {0};
    ToolMessageList msgs = {0};
    SourceLoc call = {"/src/drv/mp.c", 12, 5};
    SourceLoc init = {"/src/drv/init.c", 3, 1};
    SourceLoc outside = {"/elsewhere/x.c", 7, 0};

    Finding *f = finding_add(&list, &r2, call, "MpInitialize",
                             "MSI requested but %s is NULL",
                             "InterruptHandler");
    finding_add_note(f, init, "MpInitialize is the MiniportInitializeEx");
    finding_add_note(f, init, "second note");
    finding_add(&list, &r3, outside, NULL, "a note-level finding");
    tool_message_add(&msgs, LEVEL_ERROR, call, "not printed by emitters");

    EmitContext ctx = {0};
    ctx.findings = &list;
    ctx.messages = &msgs;
    ctx.srcroot = "/src/drv";

    char *text = emit_to_string(emit_text, &ctx);
    CHECK_STR(text,
              "mp.c:12:5: error: MSI requested but InterruptHandler is NULL"
              " [NDIS002]\n"
              "init.c:3:1: note: MpInitialize is the MiniportInitializeEx\n"
              "init.c:3:1: note: second note\n"
              "/elsewhere/x.c:7: note: a note-level finding [NDIS003]\n");
    free(text);

    ctx.color = true;
    text = emit_to_string(emit_text, &ctx);
    CHECK_CONTAINS(text, "\033[1mmp.c:12:5: \033[0;1;31merror:");
    CHECK_CONTAINS(text, "\033[0;1;36mnote:");
    free(text);
    ctx.color = false;

    text = emit_to_string(emit_msvc, &ctx);
    CHECK_STR(text,
              "mp.c(12,5): error NDIS002: MSI requested but InterruptHandler"
              " is NULL (see init.c(3,1): MpInitialize is the"
              " MiniportInitializeEx; 1 more note)\n"
              "/elsewhere/x.c(7): warning NDIS003: a note-level finding\n");
    free(text);

    finding_list_free(&list);
    tool_message_list_free(&msgs);
}

/* ---- SARIF ------------------------------------------------------------- */

static const cJSON *at(const cJSON *item, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(item, key);
}

static const cJSON *nth(const cJSON *item, int index)
{
    return cJSON_GetArrayItem(item, index);
}

static const char *str_at(const cJSON *item, const char *key)
{
    return cJSON_GetStringValue(at(item, key));
}

static double num_at(const cJSON *item, const char *key)
{
    const cJSON *n = at(item, key);
    return cJSON_IsNumber(n) ? n->valuedouble : -1;
}

static const cJSON *artifact_of(const cJSON *location)
{
    return at(at(location, "physicalLocation"), "artifactLocation");
}

static void test_sarif(const char *rules_dir, const char *sample_out)
{
    RuleCatalog cat;
    char err[512];
    if (!CHECK(rule_catalog_load(&cat, rules_dir, err, sizeof err) == 0)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    /* The rules alone: the same rules, in the same order, without the
     * DDI table and the resource pairs the full catalog has. */
    RuleCatalog names;
    if (CHECK(rule_catalog_load_rules(&names, rules_dir, err, sizeof err) == 0)) {
        CHECK(names.count == cat.count && names.count > 0);
        for (size_t i = 0; i < names.count && i < cat.count; i++)
            CHECK_STR(names.rules[i].id, cat.rules[i].id);
        CHECK(names.ddis.count == 0 && names.resources.count == 0);
        CHECK(cat.ddis.count > 0 && cat.resources.count > 0);
        rule_catalog_free(&names);
    }
    const RuleInfo *r2 = rule_catalog_find(&cat, "NDIS002");
    const RuleInfo *r3 = rule_catalog_find(&cat, "NDIS003");
    if (!CHECK(r2 != NULL && r3 != NULL)) {
        rule_catalog_free(&cat);
        return;
    }

    /* A source tree with a space in a folder name and non-ASCII text
     * before the reported column, and a file outside the tree. */
    char *root = make_temp_dir();
    char *outside_dir = make_temp_dir();
    char *sub = path_join(root, "my dir");
    char *isr = path_join(sub, "isr.c");
    char *other = path_join(outside_dir, "other.c");
    if (mkdir(sub, 0700) != 0) {
        perror(sub);
        exit(2);
    }
    /* Line 2: a tab, then 11 bytes of comment holding two 2-byte
     * characters, then `return` at byte 13 = character 11. */
    write_file(isr, "BOOLEAN MpMsgIsr(void) {\n"
                    "\t/* \xc3\xa9\xc3\xbc */ return FALSE;\n}\n");
    write_file(other, "int x;\n");

    FindingList list = {0};
    ToolMessageList msgs = {0};
    SourceLoc ret = {isr, 2, 13};
    SourceLoc decl = {isr, 1, 9};
    SourceLoc far = {other, 1, 5};
    SourceLoc gone = {"/nonexistent/ndislint/y.c", 4, 7};
    SourceLoc none = {NULL, 0, 0};

    Finding *f = finding_add(&list, r3, ret, "MpMsgIsr",
                             "MpMsgIsr can return FALSE");
    finding_add_note(f, decl, "MpMsgIsr is the MiniportMessageInterrupt");
    f = finding_add(&list, r2, far, NULL, "MSI requested without "
                    "InterruptHandler.");
    finding_add_note(f, gone, "the characteristics are filled here");
    finding_list_sort(&list);
    tool_message_add(&msgs, LEVEL_WARNING, gone, "code dropped by the parser");
    tool_message_add(&msgs, LEVEL_ERROR, none, "cannot read z.c");

    EmitContext ctx = {0};
    ctx.catalog = &cat;
    ctx.findings = &list;
    ctx.messages = &msgs;
    ctx.srcroot = root;
    ctx.tool_version = "0.1.0";
    ctx.command_line = "ndislint --format=sarif .";
    ctx.execution_successful = false;

    char *json = emit_to_string(emit_sarif, &ctx);
    if (sample_out != NULL && json != NULL)
        write_file(sample_out, json);
    cJSON *log = cJSON_Parse(json);
    if (!CHECK(log != NULL))
        goto done;

    CHECK_STR(str_at(log, "version"), "2.1.0");
    CHECK_CONTAINS(str_at(log, "$schema"), "sarif-2.1.0");
    CHECK(cJSON_GetArraySize(at(log, "runs")) == 1);
    const cJSON *run = nth(at(log, "runs"), 0);
    const cJSON *driver = at(at(run, "tool"), "driver");
    CHECK_STR(str_at(driver, "name"), "ndislint");
    CHECK_STR(str_at(driver, "semanticVersion"), "0.1.0");
    const cJSON *rules = at(driver, "rules");
    CHECK((size_t)cJSON_GetArraySize(rules) == cat.count);
    for (size_t i = 0; i < cat.count; i++) {
        const cJSON *rule = nth(rules, (int)i);
        CHECK_STR(str_at(rule, "id"), cat.rules[i].id);
        CHECK_STR(str_at(at(rule, "help"), "markdown"),
                  cat.rules[i].help_markdown);
        CHECK_STR(str_at(at(rule, "defaultConfiguration"), "level"),
                  level_name(cat.rules[i].default_level));
    }
    CHECK_STR(str_at(run, "columnKind"), "unicodeCodePoints");

    char want_root[600];
    snprintf(want_root, sizeof want_root, "file://%s/", root);
    CHECK_STR(str_at(at(at(run, "originalUriBaseIds"), "%SRCROOT%"), "uri"),
              want_root);

    /* Sorted: the file outside the tree (/tmp/...-B) may sort either side
     * of the tree, so find each result by rule. */
    const cJSON *results = at(run, "results");
    CHECK(cJSON_GetArraySize(results) == 2);
    const cJSON *res3 = NULL;
    const cJSON *res2 = NULL;
    for (int i = 0; i < cJSON_GetArraySize(results); i++) {
        const cJSON *r = nth(results, i);
        const char *id = str_at(r, "ruleId");
        if (id != NULL && strcmp(id, "NDIS003") == 0)
            res3 = r;
        else
            res2 = r;
    }
    if (CHECK(res3 != NULL && res2 != NULL)) {
        double index3 = (double)rule_catalog_index(&cat, r3);
        double index2 = (double)rule_catalog_index(&cat, r2);
        CHECK(num_at(res3, "ruleIndex") == index3);
        CHECK(num_at(res2, "ruleIndex") == index2);
        CHECK_STR(str_at(res3, "level"), "warning");
        CHECK_STR(str_at(res2, "level"), "error");
        CHECK_STR(str_at(at(res3, "message"), "text"),
                  "MpMsgIsr can return FALSE.");
        CHECK_STR(str_at(at(res2, "message"), "text"),
                  "MSI requested without InterruptHandler.");

        const cJSON *loc3 = nth(at(res3, "locations"), 0);
        CHECK_STR(str_at(artifact_of(loc3), "uri"), "my%20dir/isr.c");
        CHECK_STR(str_at(artifact_of(loc3), "uriBaseId"), "%SRCROOT%");
        const cJSON *region = at(at(loc3, "physicalLocation"), "region");
        CHECK(num_at(region, "startLine") == 2);
        CHECK(num_at(region, "startColumn") == 11);
        CHECK_STR(str_at(nth(at(loc3, "logicalLocations"), 0), "name"),
                  "MpMsgIsr");
        const cJSON *rel = nth(at(res3, "relatedLocations"), 0);
        CHECK(num_at(rel, "id") == 1);
        CHECK(num_at(at(at(rel, "physicalLocation"), "region"),
                     "startColumn") == 9);
        const cJSON *steps = at(nth(at(nth(at(res3, "codeFlows"), 0),
                                       "threadFlows"), 0), "locations");
        CHECK(cJSON_GetArraySize(steps) == 2);

        /* Outside srcroot: absolute URI, no base id. */
        char want_other[600];
        snprintf(want_other, sizeof want_other, "file://%s", other);
        const cJSON *loc2 = nth(at(res2, "locations"), 0);
        CHECK_STR(str_at(artifact_of(loc2), "uri"), want_other);
        CHECK(at(artifact_of(loc2), "uriBaseId") == NULL);
        /* An unreadable file keeps its byte column. */
        const cJSON *rel2 = nth(at(res2, "relatedLocations"), 0);
        CHECK(num_at(at(at(rel2, "physicalLocation"), "region"),
                     "startColumn") == 7);
    }

    const cJSON *inv = nth(at(run, "invocations"), 0);
    CHECK(cJSON_IsFalse(at(inv, "executionSuccessful")));
    const cJSON *notes = at(inv, "toolExecutionNotifications");
    if (CHECK(cJSON_GetArraySize(notes) == 2)) {
        CHECK_STR(str_at(nth(notes, 0), "level"), "warning");
        CHECK_STR(str_at(at(nth(notes, 0), "message"), "text"),
                  "code dropped by the parser.");
        CHECK_STR(str_at(artifact_of(nth(at(nth(notes, 0), "locations"), 0)),
                         "uri"), "file:///nonexistent/ndislint/y.c");
        CHECK(at(nth(notes, 1), "locations") == NULL);
    }
    cJSON_Delete(log);

done:
    free(json);
    finding_list_free(&list);
    tool_message_list_free(&msgs);
    rule_catalog_free(&cat);
    unlink(isr);
    unlink(other);
    rmdir(sub);
    rmdir(root);
    rmdir(outside_dir);
    free(isr);
    free(other);
    free(sub);
    free(root);
    free(outside_dir);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s RULES_DIR [SAMPLE.sarif]\n", argv[0]);
        return 2;
    }
    test_catalog_real(argv[1]);
    test_catalog_errors();
    test_sort();
    test_display_path();
    test_uris();
    test_text_and_msvc();
    test_sarif(argv[1], argc == 3 ? argv[2] : NULL);

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
