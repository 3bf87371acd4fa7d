/* rule_resource_pairs.c - loads the files of rules/resources/; see
 * rule_resource_pairs.h.
 *
 * Each file is one pair, named by its file. Like the DDI table, it is
 * checked strictly as it is read: a pair that names a role the tool does
 * not know, or an argument it cannot be, would be a rule that silently
 * checks nothing. */
#define _POSIX_C_SOURCE 200809L

#include "rule_resource_pairs.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts_program.h"
#include "json_input.h"
#include "memory.h"

static void free_list(char **items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(items[i]);
    free(items);
}

static void argument_free(ResourceArgument *a)
{
    free(a->call);
    free_list(a->fields, a->field_count);
}

static void pair_free(ResourcePair *p)
{
    free(p->name);
    argument_free(&p->acquire);
    argument_free(&p->release);
    free_list(p->acquiring_roles, p->acquiring_role_count);
    free_list(p->releasing_roles, p->releasing_role_count);
    for (size_t i = 0; i < p->sequence_count; i++) {
        free(p->sequences[i].first);
        free(p->sequences[i].then);
    }
    free(p->sequences);
    memset(p, 0, sizeof(*p));
}

void resource_pairs_free(ResourcePairTable *table)
{
    for (size_t i = 0; i < table->count; i++)
        pair_free(&table->items[i]);
    free(table->items);
    memset(table, 0, sizeof(*table));
}

/* The line of the root's member `key`, for messages. */
static unsigned line_of(const JsonFile *file, const char *key)
{
    size_t index = 0;
    for (const cJSON *m = file->root->child; m != NULL; m = m->next, index++) {
        if (strcmp(m->string, key) == 0)
            return json_line_of_member(file, &index, 1);
    }
    return 0;
}

/* A non-empty array of non-empty strings. */
static int string_list(const JsonReport *rep, const JsonFile *file, const cJSON *v,
                       const char *key, char ***out, size_t *count)
{
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
        return json_error(rep, line_of(file, key),
                          "\"%s\" must be a non-empty array of strings", key);
    size_t n = (size_t)cJSON_GetArraySize(v);
    *out = checked_alloc(calloc(n, sizeof(**out)));
    *count = 0;
    for (const cJSON *e = v->child; e != NULL; e = e->next) {
        if (!cJSON_IsString(e) || e->valuestring[0] == '\0')
            return json_error(rep, line_of(file, key),
                              "\"%s\" must be a non-empty array of strings", key);
        (*out)[(*count)++] = checked_alloc(strdup(e->valuestring));
    }
    return 0;
}

static int load_argument(const JsonReport *rep, const JsonFile *file, const char *key,
                         ResourceArgument *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(file->root, key);
    unsigned line = line_of(file, key);
    if (!cJSON_IsObject(v))
        return json_error(rep, line, "\"%s\" must be an object with \"call\" and \"argument\"",
                          key);
    static const char *const keys[] = {"call", "argument", "holds", "fields"};
    const char *bad = NULL;
    if (!json_only_keys(v, keys, 4, &bad))
        return json_error(rep, line, "\"%s\": unknown key \"%s\"", key, bad);
    const cJSON *call = cJSON_GetObjectItemCaseSensitive(v, "call");
    if (!cJSON_IsString(call) || call->valuestring[0] == '\0')
        return json_error(rep, line, "\"%s\": \"call\" must be the name of a DDI", key);
    out->call = checked_alloc(strdup(call->valuestring));
    const cJSON *argument = cJSON_GetObjectItemCaseSensitive(v, "argument");
    if (!cJSON_IsNumber(argument) || argument->valuedouble < 0 || argument->valuedouble > 31 ||
        argument->valuedouble != (double)(int)argument->valuedouble)
        return json_error(rep, line, "\"%s\": \"argument\" must be an index from 0 to 31", key);
    out->argument = (int)argument->valuedouble;
    const cJSON *holds = cJSON_GetObjectItemCaseSensitive(v, "holds");
    if (!cJSON_IsString(holds) ||
        (strcmp(holds->valuestring, "address") != 0 && strcmp(holds->valuestring, "value") != 0))
        return json_error(rep, line, "\"%s\": \"holds\" must be \"address\" or \"value\"", key);
    out->address = strcmp(holds->valuestring, "address") == 0;
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(v, "fields");
    if (fields != NULL && string_list(rep, file, fields, key, &out->fields, &out->field_count) != 0)
        return -1;
    return 0;
}

static int load_roles(const JsonReport *rep, const JsonFile *file, const char *key, char ***out,
                      size_t *count)
{
    if (string_list(rep, file, cJSON_GetObjectItemCaseSensitive(file->root, key), key, out,
                    count) != 0)
        return -1;
    for (size_t i = 0; i < *count; i++) {
        if (!program_role_name_known((*out)[i]))
            return json_error(rep, line_of(file, key), "\"%s\": '%s' is not a role the tool knows",
                              key, (*out)[i]);
    }
    return 0;
}

/* "releasingSequences": [["IRP_MN_STOP_DEVICE", "IRP_MN_REMOVE_DEVICE"], ...],
 * optional. */
static int load_sequences(const JsonReport *rep, const JsonFile *file, ResourcePair *pair)
{
    const char *key = "releasingSequences";
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(file->root, key);
    if (v == NULL)
        return 0;
    unsigned line = line_of(file, key);
    if (!cJSON_IsArray(v))
        return json_error(rep, line, "\"%s\" must be an array of [first, then] role pairs", key);
    size_t n = (size_t)cJSON_GetArraySize(v);
    pair->sequences = checked_alloc(calloc(n + 1, sizeof(*pair->sequences)));
    for (const cJSON *e = v->child; e != NULL; e = e->next) {
        const cJSON *first = cJSON_GetArrayItem(e, 0);
        const cJSON *then = cJSON_GetArrayItem(e, 1);
        if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2 || !cJSON_IsString(first) ||
            !cJSON_IsString(then))
            return json_error(rep, line, "\"%s\" must be an array of [first, then] role pairs",
                              key);
        const char *names[] = {first->valuestring, then->valuestring};
        for (int i = 0; i < 2; i++) {
            if (!program_role_name_known(names[i]))
                return json_error(rep, line, "\"%s\": '%s' is not a role the tool knows", key,
                                  names[i]);
        }
        ResourceSequence *seq = &pair->sequences[pair->sequence_count++];
        seq->first = checked_alloc(strdup(names[0]));
        seq->then = checked_alloc(strdup(names[1]));
    }
    return 0;
}

/* "ndis-interrupt" of ".../ndis-interrupt.json". */
static char *name_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".json") == 0)
        n -= 5;
    char *name = checked_alloc(malloc(n + 1));
    memcpy(name, base, n);
    name[n] = '\0';
    return name;
}

static int load_file(const char *path, ResourcePair *pair, char *err, size_t err_size)
{
    JsonFile file = {0};
    JsonReport rep = {path, err, err_size};
    if (json_file_read(&file, &rep, &json_texts_not_valid) != 0)
        return -1;
    int rc = -1;
    static const char *const keys[] = {"acquire", "release", "success", "acquiringRoles",
                                       "releasingRoles", "releasingSequences"};
    const char *bad = NULL;
    const cJSON *success = NULL;
    if (!cJSON_IsObject(file.root)) {
        json_error(&rep, 1, "expected an object with \"acquire\" and \"release\"");
        goto done;
    }
    if (!json_only_keys(file.root, keys, sizeof(keys) / sizeof(keys[0]), &bad)) {
        json_error(&rep, 0, "unknown key \"%s\"", bad);
        goto done;
    }
    pair->name = name_of(path);
    if (load_argument(&rep, &file, "acquire", &pair->acquire) != 0 ||
        load_argument(&rep, &file, "release", &pair->release) != 0)
        goto done;
    success = cJSON_GetObjectItemCaseSensitive(file.root, "success");
    if (!cJSON_IsString(success) || strcmp(success->valuestring, "returned-status") != 0) {
        json_error(&rep, line_of(&file, "success"),
                   "\"success\" must be \"returned-status\" (the status the acquiring call "
                   "returns)");
        goto done;
    }
    pair->success = SUCCESS_RETURNED_STATUS;
    if (load_roles(&rep, &file, "acquiringRoles", &pair->acquiring_roles,
                   &pair->acquiring_role_count) != 0 ||
        load_roles(&rep, &file, "releasingRoles", &pair->releasing_roles,
                   &pair->releasing_role_count) != 0 ||
        load_sequences(&rep, &file, pair) != 0)
        goto done;
    rc = 0;
done:
    json_file_free(&file);
    return rc;
}

static int compare_pairs(const void *a, const void *b)
{
    return strcmp(((const ResourcePair *)a)->name, ((const ResourcePair *)b)->name);
}

int resource_pairs_load(ResourcePairTable *table, const char *dir, char *err, size_t err_size)
{
    memset(table, 0, sizeof(*table));
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    JsonReport rep = {dir, err, err_size};
    char **files = NULL;
    size_t count = 0;
    if (json_list_files_if_any(&rep, dir, &files, &count) != 0)
        return -1;
    table->items = checked_alloc(calloc(count + 1, sizeof(*table->items)));
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        rc = load_file(files[i], &table->items[table->count], err, err_size);
        table->count++;
    }
    free_list(files, count);
    if (rc != 0) {
        resource_pairs_free(table);
        return -1;
    }
    qsort(table->items, table->count, sizeof(*table->items), compare_pairs);
    return 0;
}

const ResourcePair *resource_pair_find(const ResourcePairTable *table, const char *name)
{
    for (size_t i = 0; name != NULL && i < table->count; i++) {
        if (strcmp(table->items[i].name, name) == 0)
            return &table->items[i];
    }
    return NULL;
}
