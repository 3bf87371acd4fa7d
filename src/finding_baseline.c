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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding_fingerprint.h"
#include "json_input.h"

/* Checks that `item` is an object without duplicate keys; `what` names it
 * in the message. */
static int check_object(const JsonReport *rep, const cJSON *item,
                        const char *what)
{
    if (!cJSON_IsObject(item))
        return json_error(rep, 0, "%s is not an object", what);
    const cJSON *dup = json_find_duplicate_key(item);
    if (dup != NULL)
        return json_error(rep, 0, "%s: duplicate key '%s'", what,
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
static int collect(const JsonReport *rep, const cJSON *root, Baseline *b)
{
    size_t capacity = 0;
    const cJSON *version = NULL;
    const cJSON *runs = NULL;
    if (cJSON_IsObject(root)) {
        version = cJSON_GetObjectItemCaseSensitive(root, "version");
        runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    }
    if (!cJSON_IsString(version) || !cJSON_IsArray(runs))
        return json_error(rep, 0, "not a SARIF log (expected an object "
                          "with \"version\" and \"runs\")");
    if (strcmp(version->valuestring, "2.1.0") != 0)
        return json_error(rep, 0, "SARIF version '%s' is not supported "
                          "(expected 2.1.0)", version->valuestring);
    if (check_object(rep, root, "the log") != 0)
        return -1;

    int run_index = 0;
    for (const cJSON *run = runs->child; run != NULL;
         run = run->next, run_index++) {
        char what[96];
        snprintf(what, sizeof what, "runs[%d]", run_index);
        if (check_object(rep, run, what) != 0)
            return -1;
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
        if (results == NULL || cJSON_IsNull(results))
            continue;
        if (!cJSON_IsArray(results))
            return json_error(rep, 0, "%s.results is not an array", what);
        int result_index = 0;
        for (const cJSON *result = results->child; result != NULL;
             result = result->next, result_index++) {
            snprintf(what, sizeof what, "runs[%d].results[%d]", run_index,
                     result_index);
            if (check_object(rep, result, what) != 0)
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
            if (check_object(rep, prints, pwhat) != 0)
                return -1;
            const cJSON *value =
                cJSON_GetObjectItemCaseSensitive(prints, FINGERPRINT_SARIF_KEY);
            if (value == NULL)
                continue;
            if (!cJSON_IsString(value) || value->valuestring[0] == '\0')
                return json_error(rep, 0,
                                  "%s[\"%s\"] is not a non-empty string",
                                  pwhat, FINGERPRINT_SARIF_KEY);
            if (add_fingerprint(b, &capacity, value->valuestring) != 0)
                return json_error(rep, 0, "out of memory");
        }
    }
    return 0;
}

/* The wording baseline files have always been reported in. */
static const JsonTexts baseline_texts = {
    "cannot read",
    "NUL byte in the file",
    NULL,
    "JSON syntax error",
};

int baseline_load(const char *path, Baseline *baseline, char *err,
                  size_t err_size)
{
    JsonReport rep = {path, err, err_size};
    JsonFile file;
    baseline->fingerprints = NULL;
    baseline->count = 0;

    if (json_file_read(&file, &rep, &baseline_texts) != 0)
        return -1;
    int rc = collect(&rep, file.root, baseline);
    if (rc == 0 && baseline->count > 1)
        qsort(baseline->fingerprints, baseline->count,
              sizeof *baseline->fingerprints, compare_strings);
    if (rc != 0)
        baseline_free(baseline);
    json_file_free(&file);
    return rc;
}

void baseline_apply(const Baseline *baseline, FindingList *findings)
{
    /* Each baseline entry can account for one finding only, so that two
     * findings with one fingerprint are not both covered by a single
     * entry. */
    bool *taken = NULL;
    if (baseline->count > 0)
        taken = checked_alloc(calloc(baseline->count, sizeof *taken));
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
