/* emit_sarif.c - SARIF 2.1.0, one run, for GitHub code scanning, IDE
 * viewers and anything else that reads static-analysis logs.
 *
 * Choices worth knowing when reading the output:
 * - Every rule of the catalog is listed in tool.driver.rules, whether or
 *   not it fired, so viewers can show its help and GitHub can close alerts
 *   of rules that no longer fire.
 * - Paths inside srcroot are relative URIs against %SRCROOT%; the others
 *   are absolute file:// URIs.
 * - Columns are counted in Unicode code points ("columnKind"), converted
 *   from the byte columns the parser reports by reading the source line.
 * - Notes become relatedLocations and, as the path a reader follows to the
 *   primary location, a codeFlow.
 * - Tool messages are toolExecutionNotifications, never results.
 * - Plain-text messages end with a period, as SARIF asks of sentences.
 */
#include "emit.h"
#include "emit_common.h"
#include "memory.h"
#include "file_text.h"
#include "finding_fingerprint.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA_URI "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
#define TOOL_NAME "ndislint"
#define TOOL_INFORMATION_URI "https://github.com/ndislint/ndislint"
#define SRCROOT_ID "%SRCROOT%"

/* ---- building JSON --------------------------------------------------- */

/* cJSON reports out-of-memory as NULL from every constructor; one check
 * here keeps the builders below readable. */
static cJSON *checked(cJSON *item)
{
    if (item == NULL) {
        fputs("ndislint: out of memory\n", stderr);
        abort();
    }
    return item;
}

static void attach(cJSON *object, const char *key, cJSON *item)
{
    if (!cJSON_AddItemToObject(object, key, item)) {
        fputs("ndislint: out of memory\n", stderr);
        abort();
    }
}

static cJSON *add_object(cJSON *object, const char *key)
{
    cJSON *child = checked(cJSON_CreateObject());
    attach(object, key, child);
    return child;
}

static cJSON *add_array(cJSON *object, const char *key)
{
    cJSON *child = checked(cJSON_CreateArray());
    attach(object, key, child);
    return child;
}

static void add_string(cJSON *object, const char *key, const char *value)
{
    attach(object, key, checked(cJSON_CreateString(value)));
}

static void add_number(cJSON *object, const char *key, double value)
{
    attach(object, key, checked(cJSON_CreateNumber(value)));
}

static void add_bool(cJSON *object, const char *key, bool value)
{
    attach(object, key, checked(cJSON_CreateBool(value)));
}

static void append_item(cJSON *array, cJSON *item)
{
    if (!cJSON_AddItemToArray(array, item)) {
        fputs("ndislint: out of memory\n", stderr);
        abort();
    }
}

static cJSON *append_object(cJSON *array)
{
    cJSON *item = checked(cJSON_CreateObject());
    append_item(array, item);
    return item;
}

static void append_string(cJSON *array, const char *value)
{
    append_item(array, checked(cJSON_CreateString(value)));
}

/* {"text": ...} with the text made a sentence: a final period is added
 * when missing, and an empty text (which SARIF forbids) gets a stand-in. */
static void add_message(cJSON *object, const char *key, const char *text)
{
    if (text == NULL || text[0] == '\0')
        text = "No details";
    size_t n = strlen(text);
    char *sentence = xrealloc(NULL, n + 2, 1);
    memcpy(sentence, text, n + 1);
    if (text[n - 1] != '.')
        strcpy(sentence + n, ".");
    cJSON *message = add_object(object, key);
    add_string(message, "text", sentence);
    free(sentence);
}

/* ---- columns ----------------------------------------------------------- */

/* Source files read for column conversion, each read once per run. */
typedef struct CachedFile {
    const char *path; /* not owned: interned by the parser */
    char *text;       /* NULL when the file could not be read */
    size_t size;
} CachedFile;

typedef struct Sarif {
    const EmitContext *ctx;
    CachedFile *files;
    size_t file_count;
} Sarif;

static const CachedFile *cached_file(Sarif *s, const char *path)
{
    for (size_t i = 0; i < s->file_count; i++) {
        if (strcmp(s->files[i].path, path) == 0)
            return &s->files[i];
    }
    s->files = xrealloc(s->files, (s->file_count + 1) * sizeof *s->files, 1);
    CachedFile *file = &s->files[s->file_count++];
    file->path = path;
    file->size = 0;
    file->text = file_read_all(path, &file->size);
    return file;
}

/* The 1-based column in code points of the 1-based byte column `col`. The
 * byte column is kept when the file cannot be read or no longer has that
 * line, which is the best answer left. */
static unsigned char_column(Sarif *s, const SourceLoc *loc)
{
    if (loc->line == 0 || loc->col <= 1)
        return loc->col;
    const CachedFile *file = cached_file(s, loc->file);
    if (file->text == NULL)
        return loc->col;

    size_t start = 0;
    unsigned line = 1;
    while (line < loc->line && start < file->size) {
        const char *nl = memchr(file->text + start, '\n', file->size - start);
        if (nl == NULL)
            return loc->col;
        start = (size_t)(nl - file->text) + 1;
        line++;
    }
    if (line != loc->line)
        return loc->col;
    const char *nl = memchr(file->text + start, '\n', file->size - start);
    size_t end = nl != NULL ? (size_t)(nl - file->text) : file->size;
    size_t bytes = loc->col - 1;
    if (bytes > end - start)
        return loc->col;

    unsigned chars = 0;
    for (size_t i = start; i < start + bytes; i++) {
        if (((unsigned char)file->text[i] & 0xC0) != 0x80)
            chars++;
    }
    return chars + 1;
}

/* ---- locations --------------------------------------------------------- */

static bool have_srcroot(const EmitContext *ctx)
{
    return ctx->srcroot != NULL && ctx->srcroot[0] != '\0';
}

static void add_physical_location(Sarif *s, cJSON *location,
                                  const SourceLoc *loc)
{
    bool relative = false;
    cJSON *physical = add_object(location, "physicalLocation");
    cJSON *artifact = add_object(physical, "artifactLocation");
    char *uri = emit_file_uri(loc->file, s->ctx->srcroot, &relative);
    add_string(artifact, "uri", uri);
    free(uri);
    if (relative && have_srcroot(s->ctx))
        add_string(artifact, "uriBaseId", SRCROOT_ID);

    if (loc->line == 0)
        return;
    cJSON *region = add_object(physical, "region");
    add_number(region, "startLine", loc->line);
    if (loc->col > 0)
        add_number(region, "startColumn", char_column(s, loc));
}

/* A new, unattached location object; with no file it carries only the
 * message. */
static cJSON *new_location(Sarif *s, const SourceLoc *loc, const char *message)
{
    cJSON *location = checked(cJSON_CreateObject());
    if (loc->file != NULL)
        add_physical_location(s, location, loc);
    if (message != NULL)
        add_message(location, "message", message);
    return location;
}

static cJSON *append_location(Sarif *s, cJSON *array, const SourceLoc *loc,
                              const char *message)
{
    cJSON *location = new_location(s, loc, message);
    append_item(array, location);
    return location;
}

/* ---- tool.driver ------------------------------------------------------- */

/* GitHub's names for the levels, used to sort and filter alerts. */
static const char *problem_severity(Level level)
{
    switch (level) {
    case LEVEL_ERROR:
        return "error";
    case LEVEL_WARNING:
        return "warning";
    default:
        return "recommendation";
    }
}

static void add_rule(cJSON *rules, const RuleInfo *rule)
{
    cJSON *r = append_object(rules);
    add_string(r, "id", rule->id);
    add_string(r, "name", rule->name);
    cJSON *summary = add_object(r, "shortDescription");
    add_string(summary, "text", rule->summary);
    cJSON *full = add_object(r, "fullDescription");
    add_string(full, "text", rule->description);
    cJSON *help = add_object(r, "help");
    add_string(help, "text", rule->help);
    add_string(help, "markdown", rule->help_markdown);
    add_string(r, "helpUri", rule->help_uri);
    cJSON *config = add_object(r, "defaultConfiguration");
    add_string(config, "level", level_name(rule->default_level));

    cJSON *props = add_object(r, "properties");
    cJSON *tags = add_array(props, "tags");
    for (size_t i = 0; i < rule->tag_count; i++)
        append_string(tags, rule->tags[i]);
    add_string(props, "precision", "high");
    add_string(props, "problem.severity",
               problem_severity(rule->default_level));
}

static void add_tool(cJSON *run, const EmitContext *ctx)
{
    const char *version = ctx->tool_version != NULL ? ctx->tool_version
                                                    : "0.0.0";
    cJSON *driver = add_object(add_object(run, "tool"), "driver");
    add_string(driver, "name", TOOL_NAME);
    add_string(driver, "version", version);
    add_string(driver, "semanticVersion", version);
    add_string(driver, "informationUri", TOOL_INFORMATION_URI);
    cJSON *rules = add_array(driver, "rules");
    for (size_t i = 0; ctx->catalog != NULL && i < ctx->catalog->count; i++)
        add_rule(rules, &ctx->catalog->rules[i]);
}

/* ---- results ----------------------------------------------------------- */

/* The notes in order, then the primary location: the path a reader walks
 * from the first cause to the place the finding is reported. */
static void add_code_flow(Sarif *s, cJSON *result, const Finding *f)
{
    cJSON *flow = append_object(add_array(result, "codeFlows"));
    cJSON *thread = append_object(add_array(flow, "threadFlows"));
    cJSON *steps = add_array(thread, "locations");
    for (size_t k = 0; k < f->note_count; k++) {
        cJSON *step = append_object(steps);
        attach(step, "location",
               new_location(s, &f->notes[k].loc, f->notes[k].message));
    }
    cJSON *last = append_object(steps);
    attach(last, "location", new_location(s, &f->loc, f->message));
}

static void add_fingerprints(cJSON *result, const Finding *f)
{
    if (f->line_hash == NULL && f->fingerprint == NULL)
        return;
    cJSON *prints = add_object(result, "partialFingerprints");
    if (f->line_hash != NULL)
        add_string(prints, "primaryLocationLineHash", f->line_hash);
    if (f->fingerprint != NULL)
        add_string(prints, FINGERPRINT_SARIF_KEY, f->fingerprint);
}

static void add_suppression(Sarif *s, cJSON *result, const Finding *f)
{
    cJSON *suppression = append_object(add_array(result, "suppressions"));
    add_string(suppression, "kind", "inSource");
    if (f->suppression_reason != NULL && f->suppression_reason[0] != '\0')
        add_string(suppression, "justification", f->suppression_reason);
    if (f->suppression_loc.file != NULL)
        attach(suppression, "location", new_location(s, &f->suppression_loc, NULL));
}

static void add_result(Sarif *s, cJSON *results, const Finding *f)
{
    const RuleCatalog *catalog = s->ctx->catalog;
    cJSON *r = append_object(results);
    add_string(r, "ruleId", f->rule->id);
    if (catalog != NULL) {
        size_t index = rule_catalog_index(catalog, f->rule);
        if (index < catalog->count)
            add_number(r, "ruleIndex", (double)index);
    }
    add_string(r, "level", level_name(f->level));
    add_message(r, "message", f->message);
    add_fingerprints(r, f);
    if (s->ctx->baseline_used && f->baseline != BASELINE_NONE)
        add_string(r, "baselineState",
                   f->baseline == BASELINE_UNCHANGED ? "unchanged" : "new");
    if (f->suppressed)
        add_suppression(s, r, f);

    cJSON *primary = append_location(s, add_array(r, "locations"), &f->loc,
                                     NULL);
    if (f->function != NULL && f->function[0] != '\0') {
        cJSON *logical = append_object(add_array(primary, "logicalLocations"));
        add_string(logical, "name", f->function);
        add_string(logical, "kind", "function");
    }

    if (f->note_count == 0)
        return;
    cJSON *related = add_array(r, "relatedLocations");
    for (size_t k = 0; k < f->note_count; k++) {
        cJSON *location = append_location(s, related, &f->notes[k].loc,
                                          f->notes[k].message);
        add_number(location, "id", (double)(k + 1));
    }
    add_code_flow(s, r, f);
}

/* ---- invocation -------------------------------------------------------- */

static void add_invocation(Sarif *s, cJSON *run)
{
    const EmitContext *ctx = s->ctx;
    cJSON *inv = append_object(add_array(run, "invocations"));
    if (ctx->command_line != NULL && ctx->command_line[0] != '\0')
        add_string(inv, "commandLine", ctx->command_line);
    add_bool(inv, "executionSuccessful", ctx->execution_successful);

    if (ctx->messages == NULL || ctx->messages->count == 0)
        return;
    cJSON *notes = add_array(inv, "toolExecutionNotifications");
    for (size_t i = 0; i < ctx->messages->count; i++) {
        const ToolMessage *m = &ctx->messages->items[i];
        cJSON *n = append_object(notes);
        add_string(n, "level", level_name(m->level));
        add_message(n, "message", m->message);
        if (m->loc.file != NULL)
            append_location(s, add_array(n, "locations"), &m->loc, NULL);
    }
}

static void add_run(Sarif *s, cJSON *runs)
{
    const EmitContext *ctx = s->ctx;
    cJSON *run = append_object(runs);
    add_tool(run, ctx);
    add_invocation(s, run);
    if (have_srcroot(ctx)) {
        cJSON *bases = add_object(run, "originalUriBaseIds");
        char *uri = emit_folder_uri(ctx->srcroot);
        add_string(add_object(bases, SRCROOT_ID), "uri", uri);
        free(uri);
    }
    if (ctx->category != NULL && ctx->category[0] != '\0')
        add_string(add_object(run, "automationDetails"), "id", ctx->category);
    cJSON *results = add_array(run, "results");
    for (size_t i = 0; ctx->findings != NULL && i < ctx->findings->count; i++) {
        const Finding *f = &ctx->findings->items[i];
        if (!f->suppressed || ctx->include_suppressed)
            add_result(s, results, f);
    }
    add_string(run, "columnKind", "unicodeCodePoints");
}

int emit_sarif(FILE *out, const EmitContext *ctx)
{
    int rc = -1;
    Sarif s = {ctx, NULL, 0};
    cJSON *root = checked(cJSON_CreateObject());
    add_string(root, "$schema", SARIF_SCHEMA_URI);
    add_string(root, "version", SARIF_VERSION);
    add_run(&s, add_array(root, "runs"));

    char *json = cJSON_Print(root);
    if (json == NULL) {
        fputs("ndislint: out of memory\n", stderr);
        abort();
    }
    if (fputs(json, out) >= 0 && putc('\n', out) != EOF &&
        fflush(out) == 0 && !ferror(out))
        rc = 0;

    cJSON_free(json);
    cJSON_Delete(root);
    for (size_t i = 0; i < s.file_count; i++)
        free(s.files[i].text);
    free(s.files);
    return rc;
}
