/* rule_ddi_table.c - loads the files of rules/ddi/; see rule_ddi_table.h.
 *
 * The table is the tool's own data, checked strictly as it is read: an
 * unknown key, a level that is not one of the five, a name listed twice
 * or a handle argument without an effect stops the tool with the file and
 * the line, since a silent mistake here would be a rule that quietly
 * reports the wrong calls, or none. */
#define _POSIX_C_SOURCE 200809L

#include "rule_ddi_table.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_input.h"
#include "memory.h"

static const char *const irql_names[] = {
    [IRQL_PASSIVE] = "PASSIVE_LEVEL", [IRQL_APC] = "APC_LEVEL",
    [IRQL_DISPATCH] = "DISPATCH_LEVEL", [IRQL_DIRQL] = "DIRQL",
    [IRQL_HIGH] = "HIGH_LEVEL",
};

static const char *const effect_names[] = {
    [HANDLE_NONE] = "none",           [HANDLE_REGISTERS] = "registers",
    [HANDLE_DEREGISTERS] = "deregisters", [HANDLE_SYNCHRONIZES] = "synchronizes",
    [HANDLE_QUEUES_DPC] = "queues-dpc", [HANDLE_USES] = "uses",
};

Irql irql_from_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < IRQL_NONE; i++)
        if (strcmp(irql_names[i], name) == 0)
            return (Irql)i;
    return IRQL_NONE;
}

const char *irql_name(Irql irql)
{
    return irql < IRQL_NONE ? irql_names[irql] : "an unstated IRQL";
}

const char *handle_effect_name(HandleEffect effect)
{
    return effect_names[effect];
}

static HandleEffect effect_from_name(const char *name)
{
    for (size_t i = HANDLE_REGISTERS; i <= HANDLE_USES; i++)
        if (strcmp(effect_names[i], name) == 0)
            return (HandleEffect)i;
    return HANDLE_NONE;
}

static void ddi_info_free(DdiInfo *d)
{
    free(d->name);
    free(d->documented);
    free(d->condition);
    free(d->page);
    free(d->callback_role);
}

void ddi_table_free(DdiTable *table)
{
    for (size_t i = 0; i < table->count; i++)
        ddi_info_free(&table->items[i]);
    free(table->items);
    memset(table, 0, sizeof(*table));
}

/* ---- one entry ---------------------------------------------------------- */

typedef struct Loader {
    JsonReport rep;
    const JsonFile *file;
    size_t list_index; /* of "ddis" among the root's members */
    size_t entry;      /* index in that list */
} Loader;

static unsigned entry_line(const Loader *ld)
{
    size_t path[2] = {ld->list_index, ld->entry};
    return json_line_of_member(ld->file, path, 2);
}

static int entry_error(const Loader *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "path:LINE: message" at the line of the entry being read. */
static int entry_error(const Loader *ld, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    return json_error(&ld->rep, entry_line(ld), "%s", message);
}

/* A non-empty string member, or NULL when absent; -1 when it has another
 * type. */
static int get_string(const Loader *ld, const cJSON *obj, const char *key, bool required,
                      char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (v == NULL)
        return required ? entry_error(ld, "entry without \"%s\"", key) : 0;
    if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
        return entry_error(ld, "\"%s\" must be a non-empty string", key);
    *out = checked_alloc(strdup(v->valuestring));
    return 0;
}

static int get_index(const Loader *ld, const cJSON *obj, const char *what, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "argument");
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 31 ||
        v->valuedouble != (double)(int)v->valuedouble)
        return entry_error(ld, "%s: \"argument\" must be an index from 0 to 31", what);
    *out = (int)v->valuedouble;
    return 0;
}

static int load_irql(const Loader *ld, const cJSON *obj, DdiInfo *d)
{
    const cJSON *irql = cJSON_GetObjectItemCaseSensitive(obj, "irql");
    if (!cJSON_IsObject(irql))
        return entry_error(ld, "entry without an \"irql\" object");
    static const char *const keys[] = {"min", "max"};
    const char *bad;
    if (!json_only_keys(irql, keys, 2, &bad))
        return entry_error(ld, "\"irql\": unknown key \"%s\"", bad);
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(irql, "min");
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(irql, "max");
    d->irql_min = irql_from_name(cJSON_GetStringValue(min));
    d->irql_max = irql_from_name(cJSON_GetStringValue(max));
    if (d->irql_min == IRQL_NONE || d->irql_max == IRQL_NONE)
        return entry_error(ld, "\"irql\": \"min\" and \"max\" must each be one of "
                               "PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL, HIGH_LEVEL");
    if (d->irql_min > d->irql_max)
        return entry_error(ld, "\"irql\": \"min\" is above \"max\"");
    return 0;
}

static int load_handle(const Loader *ld, const cJSON *obj, DdiInfo *d)
{
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(obj, "interruptHandle");
    d->handle_argument = -1;
    if (h == NULL)
        return 0;
    static const char *const keys[] = {"argument", "effect"};
    const char *bad;
    if (!cJSON_IsObject(h) || !json_only_keys(h, keys, 2, &bad))
        return entry_error(ld, "\"interruptHandle\" must be {\"argument\": N, \"effect\": ...}");
    if (get_index(ld, h, "interruptHandle", &d->handle_argument) != 0)
        return -1;
    const char *effect = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(h, "effect"));
    d->handle_effect = effect != NULL ? effect_from_name(effect) : HANDLE_NONE;
    if (d->handle_effect == HANDLE_NONE)
        return entry_error(ld, "\"interruptHandle\": \"effect\" must be registers, deregisters, "
                               "synchronizes, queues-dpc or uses");
    return 0;
}

static int load_callback(const Loader *ld, const cJSON *obj, DdiInfo *d)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(obj, "callback");
    d->callback_argument = -1;
    if (c == NULL)
        return 0;
    static const char *const keys[] = {"argument", "role"};
    const char *bad;
    if (!cJSON_IsObject(c) || !json_only_keys(c, keys, 2, &bad))
        return entry_error(ld, "\"callback\" must be {\"argument\": N, \"role\": ...}");
    if (get_index(ld, c, "callback", &d->callback_argument) != 0)
        return -1;
    return get_string(ld, c, "role", true, &d->callback_role);
}

static int load_entry(const Loader *ld, const cJSON *obj, DdiInfo *d)
{
    static const char *const keys[] = {"name", "irql", "documented", "condition",
                                       "page", "interruptHandle", "callback"};
    const char *bad;
    if (!cJSON_IsObject(obj))
        return entry_error(ld, "each entry of \"ddis\" must be an object");
    if (!json_only_keys(obj, keys, sizeof(keys) / sizeof(keys[0]), &bad))
        return entry_error(ld, "unknown key \"%s\"", bad);
    if (get_string(ld, obj, "name", true, &d->name) != 0 ||
        get_string(ld, obj, "documented", true, &d->documented) != 0 ||
        get_string(ld, obj, "condition", false, &d->condition) != 0 ||
        get_string(ld, obj, "page", true, &d->page) != 0)
        return -1;
    if (strncmp(d->page, "https://", 8) != 0)
        return entry_error(ld, "\"page\" must be an https:// address");
    if (load_irql(ld, obj, d) != 0 || load_handle(ld, obj, d) != 0 ||
        load_callback(ld, obj, d) != 0)
        return -1;
    return 0;
}

/* "unknown": names looked up without an IRQL statement, each with why. */
static int check_unknown(Loader *ld, const cJSON *list, size_t index)
{
    if (list == NULL)
        return 0;
    ld->list_index = index;
    if (!cJSON_IsArray(list))
        return json_error(&ld->rep, 0, "\"unknown\" must be an array");
    ld->entry = 0;
    for (const cJSON *e = list->child; e != NULL; e = e->next, ld->entry++) {
        static const char *const keys[] = {"name", "why"};
        const char *bad = "";
        if (!cJSON_IsObject(e) || !json_only_keys(e, keys, 2, &bad) ||
            !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "name")) ||
            !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "why")))
            return entry_error(ld, "each entry of \"unknown\" is {\"name\": ..., \"why\": ...}");
    }
    return 0;
}

static size_t member_index(const cJSON *root, const cJSON *member)
{
    size_t i = 0;
    for (const cJSON *m = root->child; m != NULL && m != member; m = m->next)
        i++;
    return i;
}

static int load_file(DdiTable *table, const char *path, char *err, size_t err_size)
{
    JsonFile file = {0};
    Loader ld = {{path, err, err_size}, &file, 0, 0};
    if (json_file_read(&file, &ld.rep, &json_texts_not_valid) != 0)
        return -1;
    int rc = -1;
    const cJSON *root = file.root;
    static const char *const keys[] = {"ddis", "unknown"};
    const char *bad;
    if (!cJSON_IsObject(root)) {
        json_error(&ld.rep, 1, "expected an object with \"ddis\"");
        goto done;
    }
    if (!json_only_keys(root, keys, 2, &bad)) {
        json_error(&ld.rep, 0, "unknown key \"%s\"", bad);
        goto done;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "ddis");
    if (!cJSON_IsArray(list)) {
        json_error(&ld.rep, 0, "\"ddis\" must be an array");
        goto done;
    }
    ld.list_index = member_index(root, list);
    size_t n = (size_t)cJSON_GetArraySize(list);
    table->items = xrealloc(table->items, table->count + n, sizeof(*table->items));
    for (const cJSON *e = list->child; e != NULL; e = e->next, ld.entry++) {
        DdiInfo d = {0};
        if (load_entry(&ld, e, &d) != 0) {
            ddi_info_free(&d);
            goto done;
        }
        /* Before sorting, so that the message names this file and line. */
        for (size_t i = 0; i < table->count; i++) {
            if (strcmp(table->items[i].name, d.name) == 0) {
                entry_error(&ld, "%s is described twice", d.name);
                ddi_info_free(&d);
                goto done;
            }
        }
        table->items[table->count++] = d;
    }
    const cJSON *unknown = cJSON_GetObjectItemCaseSensitive(root, "unknown");
    rc = check_unknown(&ld, unknown, unknown != NULL ? member_index(root, unknown) : 0);
done:
    json_file_free(&file);
    return rc;
}

static int compare_ddis(const void *a, const void *b)
{
    return strcmp(((const DdiInfo *)a)->name, ((const DdiInfo *)b)->name);
}

int ddi_table_load(DdiTable *table, const char *dir, char *err, size_t err_size)
{
    memset(table, 0, sizeof(*table));
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    JsonReport rep = {dir, err, err_size};
    char **files = NULL;
    size_t count = 0;
    if (json_list_files_if_any(&rep, dir, &files, &count) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++)
        rc = load_file(table, files[i], err, err_size);
    for (size_t i = 0; i < count; i++)
        free(files[i]);
    free(files);
    if (rc == 0 && table->count > 1)
        qsort(table->items, table->count, sizeof(*table->items), compare_ddis);
    if (rc != 0)
        ddi_table_free(table);
    return rc;
}

const DdiInfo *ddi_find(const DdiTable *table, const char *name)
{
    if (table == NULL || name == NULL || table->count == 0)
        return NULL;
    DdiInfo key = {.name = (char *)name};
    return bsearch(&key, table->items, table->count, sizeof(*table->items), compare_ddis);
}
