/* finding_baseline.c - reading a SARIF baseline and comparing against it.
 *
 * Only what identifies a finding is read: for each result of each run, the
 * string under partialFingerprints[FINGERPRINT_SARIF_KEY]. Everything else
 * in the log is left alone, since SARIF has many optional properties and a
 * baseline may have passed through other tools. Results without an
 * ndislint fingerprint are skipped, and so are results marked
 * `"baselineState": "absent"` (they were not there when the log was made).
 */
#include "finding_baseline.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding_fingerprint.h"

/* Writes "path: message" or "path:line: message"; returns -1. */
static int fail(char *err, size_t err_size, const char *path, unsigned line,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t err_size, const char *path, unsigned line,
                const char *fmt, ...)
{
    if (err == NULL || err_size == 0)
        return -1;
    int used = line > 0 ? snprintf(err, err_size, "%s:%u: ", path, line)
                        : snprintf(err, err_size, "%s: ", path);
    if (used < 0 || (size_t)used >= err_size)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + used, err_size - (size_t)used, fmt, ap);
    va_end(ap);
    return -1;
}

/* Reads a whole file into a NUL-terminated buffer. */
static char *read_all(const char *path, size_t *size_out, int *error)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        *error = errno;
        return NULL;
    }
    char *buf = NULL;
    size_t size = 0;
    size_t cap = 0;
    for (;;) {
        if (cap - size < 4096) {
            size_t grown_cap = cap ? cap * 2 : 8192;
            char *grown = realloc(buf, grown_cap + 1);
            if (grown == NULL) {
                *error = ENOMEM;
                goto fail;
            }
            buf = grown;
            cap = grown_cap;
        }
        size_t got = fread(buf + size, 1, cap - size, f);
        size += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        *error = EIO;
        goto fail;
    }
    fclose(f);
    buf[size] = '\0';
    *size_out = size;
    return buf;

fail:
    fclose(f);
    free(buf);
    return NULL;
}

static unsigned line_of_offset(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n')
            line++;
    }
    return line;
}

/* A key seen twice in one object: lookups would silently see only one. */
static const cJSON *find_duplicate_key(const cJSON *object)
{
    for (const cJSON *a = object->child; a != NULL; a = a->next) {
        for (const cJSON *b = a->next; b != NULL; b = b->next) {
            if (strcmp(a->string, b->string) == 0)
                return b;
        }
    }
    return NULL;
}

/* Checks that `item` is an object without duplicate keys; `what` names it
 * in the message. */
static int check_object(const cJSON *item, const char *what, const char *path,
                        char *err, size_t err_size)
{
    if (!cJSON_IsObject(item))
        return fail(err, err_size, path, 0, "%s is not an object", what);
    const cJSON *dup = find_duplicate_key(item);
    if (dup != NULL)
        return fail(err, err_size, path, 0, "%s: duplicate key '%s'", what,
                    dup->string);
    return 0;
}

static int add_fingerprint(Baseline *b, size_t *capacity, const char *value)
{
    if (b->count == *capacity) {
        size_t cap = *capacity ? *capacity * 2 : 64;
        char **grown = realloc(b->fingerprints, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        b->fingerprints = grown;
        *capacity = cap;
    }
    size_t n = strlen(value) + 1;
    char *copy = malloc(n);
    if (copy == NULL)
        return -1;
    memcpy(copy, value, n);
    b->fingerprints[b->count++] = copy;
    return 0;
}

static int compare_strings(const void *pa, const void *pb)
{
    const char *const *a = pa;
    const char *const *b = pb;
    return strcmp(*a, *b);
}

/* Collects the fingerprints of a parsed log into `b`. */
static int collect(const cJSON *root, Baseline *b, const char *path,
                   char *err, size_t err_size)
{
    size_t capacity = 0;
    const cJSON *version = NULL;
    const cJSON *runs = NULL;
    if (cJSON_IsObject(root)) {
        version = cJSON_GetObjectItemCaseSensitive(root, "version");
        runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    }
    if (!cJSON_IsString(version) || !cJSON_IsArray(runs))
        return fail(err, err_size, path, 0,
                    "not a SARIF log (expected an object with \"version\" "
                    "and \"runs\")");
    if (strcmp(version->valuestring, "2.1.0") != 0)
        return fail(err, err_size, path, 0,
                    "SARIF version '%s' is not supported (expected 2.1.0)",
                    version->valuestring);
    if (check_object(root, "the log", path, err, err_size) != 0)
        return -1;

    int run_index = 0;
    for (const cJSON *run = runs->child; run != NULL;
         run = run->next, run_index++) {
        char what[96];
        snprintf(what, sizeof what, "runs[%d]", run_index);
        if (check_object(run, what, path, err, err_size) != 0)
            return -1;
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
        if (results == NULL || cJSON_IsNull(results))
            continue;
        if (!cJSON_IsArray(results))
            return fail(err, err_size, path, 0, "%s.results is not an array",
                        what);
        int result_index = 0;
        for (const cJSON *result = results->child; result != NULL;
             result = result->next, result_index++) {
            snprintf(what, sizeof what, "runs[%d].results[%d]", run_index,
                     result_index);
            if (check_object(result, what, path, err, err_size) != 0)
                return -1;
            const cJSON *state =
                cJSON_GetObjectItemCaseSensitive(result, "baselineState");
            if (cJSON_IsString(state) &&
                strcmp(state->valuestring, "absent") == 0)
                continue;
            const cJSON *prints =
                cJSON_GetObjectItemCaseSensitive(result, "partialFingerprints");
            if (prints == NULL)
                continue;
            char pwhat[128];
            snprintf(pwhat, sizeof pwhat, "%s.partialFingerprints", what);
            if (check_object(prints, pwhat, path, err, err_size) != 0)
                return -1;
            const cJSON *value =
                cJSON_GetObjectItemCaseSensitive(prints, FINGERPRINT_SARIF_KEY);
            if (value == NULL)
                continue;
            if (!cJSON_IsString(value) || value->valuestring[0] == '\0')
                return fail(err, err_size, path, 0,
                            "%s[\"%s\"] is not a non-empty string", pwhat,
                            FINGERPRINT_SARIF_KEY);
            if (add_fingerprint(b, &capacity, value->valuestring) != 0)
                return fail(err, err_size, path, 0, "out of memory");
        }
    }
    return 0;
}

int baseline_load(const char *path, Baseline *baseline, char *err,
                  size_t err_size)
{
    int rc = -1;
    cJSON *root = NULL;
    size_t size = 0;
    int error = 0;
    baseline->fingerprints = NULL;
    baseline->count = 0;

    char *text = read_all(path, &size, &error);
    if (text == NULL)
        return fail(err, err_size, path, 0, "cannot read: %s", strerror(error));
    if (strlen(text) != size) {
        fail(err, err_size, path, line_of_offset(text, strlen(text)),
             "NUL byte in the file");
        goto done;
    }

    /* The terminator is required, so trailing garbage is an error too. */
    const char *end = NULL;
    root = cJSON_ParseWithOpts(text, &end, 1);
    if (root == NULL) {
        if (end != NULL && end >= text && end <= text + size)
            fail(err, err_size, path, line_of_offset(text, (size_t)(end - text)),
                 "JSON syntax error");
        else
            fail(err, err_size, path, 0, "JSON syntax error");
        goto done;
    }

    rc = collect(root, baseline, path, err, err_size);
    if (rc == 0 && baseline->count > 1)
        qsort(baseline->fingerprints, baseline->count,
              sizeof *baseline->fingerprints, compare_strings);

done:
    if (rc != 0)
        baseline_free(baseline);
    cJSON_Delete(root);
    free(text);
    return rc;
}

void baseline_apply(const Baseline *baseline, FindingList *findings)
{
    /* Each baseline entry can account for one finding only, so that two
     * findings with one fingerprint are not both covered by a single
     * entry. */
    bool *taken = NULL;
    if (baseline->count > 0) {
        taken = calloc(baseline->count, sizeof *taken);
        if (taken == NULL) {
            fputs("ndislint: out of memory\n", stderr);
            abort();
        }
    }
    for (size_t i = 0; i < findings->count; i++) {
        Finding *f = &findings->items[i];
        f->baseline = BASELINE_NEW;
        if (f->fingerprint == NULL || baseline->count == 0)
            continue;
        size_t lo = 0;
        size_t hi = baseline->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(baseline->fingerprints[mid], f->fingerprint) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < baseline->count &&
                            strcmp(baseline->fingerprints[k], f->fingerprint) == 0;
             k++) {
            if (!taken[k]) {
                taken[k] = true;
                f->baseline = BASELINE_UNCHANGED;
                break;
            }
        }
    }
    free(taken);
}

void baseline_free(Baseline *baseline)
{
    for (size_t i = 0; i < baseline->count; i++)
        free(baseline->fingerprints[i]);
    free(baseline->fingerprints);
    baseline->fingerprints = NULL;
    baseline->count = 0;
}
