/* rule_catalog.c - loads the rule files (rules/NAME.json) strictly into
 * RuleInfo structs.
 *
 * The rule files are data that ships with the tool and feeds SARIF
 * consumers, so a mistake in them must stop the tool with a message that
 * names the file and the key, rather than surface later as an empty help
 * text or a rule that silently reads the wrong parameter.
 */
#define _POSIX_C_SOURCE 200809L

#include "rule_catalog.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_input.h"
#include "memory.h"

/* GitHub code scanning truncates or rejects rule texts above 1024
 * characters and keeps at most 10 tags per rule. */
#define RULE_TEXT_MAX_CHARS 1024
#define RULE_TAGS_MAX 10

typedef enum FieldKind {
    FIELD_ID,
    FIELD_NAME,
    FIELD_LEVEL,
    FIELD_TEXT,
    FIELD_URI,
    FIELD_KIND,
    FIELD_TAGS,
    FIELD_PARAMS
} FieldKind;

typedef struct FieldSpec {
    const char *key;
    FieldKind kind;
    bool required;
    size_t offset; /* of the char * member, for the string kinds */
} FieldSpec;

/* Every key a rule file may hold. Sorted by key. */
static const FieldSpec field_specs[] = {
    {"description", FIELD_TEXT, true, offsetof(RuleInfo, description)},
    {"help", FIELD_TEXT, true, offsetof(RuleInfo, help)},
    {"helpMarkdown", FIELD_TEXT, true, offsetof(RuleInfo, help_markdown)},
    {"helpUri", FIELD_URI, true, offsetof(RuleInfo, help_uri)},
    {"id", FIELD_ID, true, offsetof(RuleInfo, id)},
    {"kind", FIELD_KIND, false, offsetof(RuleInfo, kind)},
    {"level", FIELD_LEVEL, true, 0},
    {"name", FIELD_NAME, true, offsetof(RuleInfo, name)},
    {"parameters", FIELD_PARAMS, false, 0},
    {"summary", FIELD_TEXT, true, offsetof(RuleInfo, summary)},
    {"tags", FIELD_TAGS, true, 0},
};

#define FIELD_COUNT (sizeof field_specs / sizeof field_specs[0])

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

/* ---- value checks ------------------------------------------------------ */

static bool is_rule_id(const char *s)
{
    size_t letters = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    size_t digits = strspn(s + letters, "0123456789");
    return letters > 0 && digits > 0 && s[letters + digits] == '\0';
}

/* Rule names are lowercase words joined by single hyphens. */
static bool is_rule_name(const char *s)
{
    if (*s < 'a' || *s > 'z')
        return false;
    for (const char *p = s; *p != '\0'; p++) {
        bool lower = *p >= 'a' && *p <= 'z';
        bool digit = *p >= '0' && *p <= '9';
        bool hyphen = *p == '-' && p[1] != '\0' && p[1] != '-';
        if (!lower && !digit && !hyphen)
            return false;
    }
    return true;
}

static bool is_blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* Characters, not bytes: every byte that does not continue a UTF-8
 * sequence starts a character. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p & 0xC0) != 0x80)
            n++;
    }
    return n;
}

/* ---- RuleInfo ---------------------------------------------------------- */

static void free_strings(char **values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(values[i]);
    free(values);
}

static void rule_info_free(RuleInfo *rule)
{
    free(rule->id);
    free(rule->name);
    free(rule->summary);
    free(rule->description);
    free(rule->help);
    free(rule->help_markdown);
    free(rule->help_uri);
    free(rule->kind);
    free_strings(rule->tags, rule->tag_count);
    for (size_t i = 0; i < rule->param_count; i++) {
        free(rule->params[i].name);
        free_strings(rule->params[i].values, rule->params[i].value_count);
    }
    free(rule->params);
    memset(rule, 0, sizeof *rule);
}

static int report_out_of_memory(const JsonReport *rep)
{
    return json_error(rep, 0, "out of memory");
}

/* Copies a string array (or one bare string when `allow_bare`) into a new
 * array of owned copies. `what` names the key in messages. */
static int copy_string_list(const JsonReport *rep, const char *what,
                            const cJSON *item, bool allow_bare,
                            char ***out, size_t *out_count)
{
    if (allow_bare && cJSON_IsString(item)) {
        if (item->valuestring[0] == '\0')
            return json_error(rep, 0, "key '%s': expected a non-empty string",
                              what);
        char **values = malloc(sizeof *values);
        if (values == NULL)
            return report_out_of_memory(rep);
        values[0] = dup_string(item->valuestring);
        if (values[0] == NULL) {
            free(values);
            return report_out_of_memory(rep);
        }
        *out = values;
        *out_count = 1;
        return 0;
    }
    if (!cJSON_IsArray(item)) {
        return json_error(rep, 0, "key '%s': expected an array of strings%s",
                          what, allow_bare ? " or a string" : "");
    }

    size_t count = (size_t)cJSON_GetArraySize(item);
    char **values = calloc(count ? count : 1, sizeof *values);
    if (values == NULL)
        return report_out_of_memory(rep);
    size_t i = 0;
    for (const cJSON *v = item->child; v != NULL; v = v->next, i++) {
        if (!cJSON_IsString(v) || v->valuestring[0] == '\0') {
            json_error(rep, 0,
                       "key '%s': element %zu: expected a non-empty string",
                       what, i + 1);
            goto fail;
        }
        values[i] = dup_string(v->valuestring);
        if (values[i] == NULL) {
            report_out_of_memory(rep);
            goto fail;
        }
    }
    *out = values;
    *out_count = count;
    return 0;

fail:
    free_strings(values, count);
    return -1;
}

static int load_tags(const JsonReport *rep, const cJSON *item, RuleInfo *rule)
{
    if (cJSON_IsArray(item) && cJSON_GetArraySize(item) > RULE_TAGS_MAX)
        return json_error(rep, 0, "key 'tags': at most %d tags are allowed",
                          RULE_TAGS_MAX);
    if (copy_string_list(rep, "tags", item, false, &rule->tags,
                         &rule->tag_count) != 0)
        return -1;
    for (size_t i = 0; i < rule->tag_count; i++) {
        for (size_t k = i + 1; k < rule->tag_count; k++) {
            if (strcmp(rule->tags[i], rule->tags[k]) == 0)
                return json_error(rep, 0, "key 'tags': duplicate tag '%s'",
                                  rule->tags[i]);
        }
    }
    return 0;
}

static int load_params(const JsonReport *rep, const cJSON *item,
                       RuleInfo *rule)
{
    if (!cJSON_IsObject(item))
        return json_error(rep, 0, "key 'parameters': expected an object");
    const cJSON *dup = json_find_duplicate_key(item);
    if (dup != NULL)
        return json_error(rep, 0, "key 'parameters.%s': duplicate key",
                          dup->string);

    size_t count = (size_t)cJSON_GetArraySize(item);
    rule->params = calloc(count ? count : 1, sizeof *rule->params);
    if (rule->params == NULL)
        return report_out_of_memory(rep);
    for (const cJSON *p = item->child; p != NULL; p = p->next) {
        RuleParam *param = &rule->params[rule->param_count];
        char what[256];
        snprintf(what, sizeof what, "parameters.%s", p->string);
        if (p->string[0] == '\0')
            return json_error(rep, 0,
                              "key 'parameters': empty parameter name");
        if (cJSON_IsArray(p) && cJSON_GetArraySize(p) == 0)
            return json_error(rep, 0, "key '%s': expected at least one value",
                              what);
        param->name = dup_string(p->string);
        if (param->name == NULL)
            return report_out_of_memory(rep);
        /* Counted before the values are copied so that rule_info_free
         * releases the name even when the values are rejected. */
        rule->param_count++;
        if (copy_string_list(rep, what, p, true, &param->values,
                             &param->value_count) != 0)
            return -1;
    }
    return 0;
}

static int load_string_field(const JsonReport *rep, const FieldSpec *spec,
                             const cJSON *item, RuleInfo *rule)
{
    if (!cJSON_IsString(item))
        return json_error(rep, 0, "key '%s': expected a string", spec->key);
    const char *s = item->valuestring;

    switch (spec->kind) {
    case FIELD_ID:
        if (!is_rule_id(s))
            return json_error(rep, 0,
                              "key 'id': '%s' is not uppercase letters "
                              "followed by digits (like NDIS003)", s);
        break;
    case FIELD_NAME:
        if (!is_rule_name(s))
            return json_error(rep, 0,
                              "key 'name': '%s' is not lowercase words "
                              "joined by '-'", s);
        break;
    case FIELD_TEXT:
        if (is_blank(s))
            return json_error(rep, 0, "key '%s': must not be empty",
                              spec->key);
        if (utf8_length(s) > RULE_TEXT_MAX_CHARS)
            return json_error(rep, 0,
                              "key '%s': %zu characters, at most %d allowed",
                              spec->key, utf8_length(s), RULE_TEXT_MAX_CHARS);
        break;
    case FIELD_KIND:
        if (!rule_kind_known(s))
            return json_error(rep, 0, "key 'kind': '%s' is not a rule kind this build has "
                              "(paired-resource)", s);
        break;
    case FIELD_URI:
        /* Viewers open it as a link, so it must be absolute. */
        if (strncmp(s, "https://", 8) != 0 || s[8] == '\0' ||
            strpbrk(s, " \t\r\n\"<>\\") != NULL)
            return json_error(rep, 0,
                              "key '%s': expected an absolute https:// URI",
                              spec->key);
        break;
    default:
        break;
    }

    char **slot = (char **)((char *)rule + spec->offset);
    *slot = dup_string(s);
    if (*slot == NULL)
        return report_out_of_memory(rep);
    return 0;
}

static int load_field(const JsonReport *rep, const FieldSpec *spec,
                      const cJSON *item, RuleInfo *rule)
{
    switch (spec->kind) {
    case FIELD_LEVEL:
        if (!cJSON_IsString(item) ||
            level_parse(item->valuestring, &rule->default_level) != 0)
            return json_error(rep, 0,
                              "key 'level': expected one of note, warning, "
                              "error");
        return 0;
    case FIELD_TAGS:
        return load_tags(rep, item, rule);
    case FIELD_PARAMS:
        return load_params(rep, item, rule);
    default:
        return load_string_field(rep, spec, item, rule);
    }
}

static const FieldSpec *find_field_spec(const char *key)
{
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        if (strcmp(field_specs[i].key, key) == 0)
            return &field_specs[i];
    }
    return NULL;
}

/* Fills `rule` from the parsed root of one file. */
static int load_rule_object(const JsonReport *rep, const cJSON *root,
                            RuleInfo *rule)
{
    bool seen[FIELD_COUNT] = {false};

    if (!cJSON_IsObject(root))
        return json_error(rep, 0, "expected a JSON object at the top level");
    for (const cJSON *item = root->child; item != NULL; item = item->next) {
        const FieldSpec *spec = find_field_spec(item->string);
        if (spec == NULL)
            return json_error(rep, 0, "key '%s': unknown key", item->string);
        size_t index = (size_t)(spec - field_specs);
        if (seen[index])
            return json_error(rep, 0, "key '%s': duplicate key", item->string);
        seen[index] = true;
        if (load_field(rep, spec, item, rule) != 0)
            return -1;
    }
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        if (field_specs[i].required && !seen[i])
            return json_error(rep, 0, "key '%s': required key is missing",
                              field_specs[i].key);
    }
    return 0;
}

/* The wording rule files have always been reported in; only they are
 * checked for UTF-8, since their texts go into every SARIF log. */
static const JsonTexts rule_file_texts = {
    "cannot open",
    "NUL byte in the file",
    "not valid UTF-8",
    "JSON syntax error",
};

/* Parses one rule file into `rule`; on error `rule` is left empty. */
static int load_rule_file(const JsonReport *rep, RuleInfo *rule)
{
    JsonFile file;
    if (json_file_read(&file, rep, &rule_file_texts) != 0)
        return -1;
    int rc = load_rule_object(rep, file.root, rule);
    if (rc != 0)
        rule_info_free(rule);
    json_file_free(&file);
    return rc;
}

/* ---- the folder -------------------------------------------------------- */

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *path = checked_alloc(malloc(n));
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

static int compare_rules(const void *a, const void *b)
{
    return strcmp(((const RuleInfo *)a)->id, ((const RuleInfo *)b)->id);
}

/* Rejects a rule whose id or name an earlier file already used; `files`
 * holds the path each loaded rule came from. */
static int check_unique(const JsonReport *rep, const RuleCatalog *catalog,
                        char *const *files, const RuleInfo *rule)
{
    for (size_t i = 0; i < catalog->count; i++) {
        if (strcmp(catalog->rules[i].id, rule->id) == 0)
            return json_error(rep, 0,
                              "key 'id': '%s' is already defined in %s",
                              rule->id, files[i]);
        if (strcmp(catalog->rules[i].name, rule->name) == 0)
            return json_error(rep, 0, "key 'name': '%s' is already used by %s",
                              rule->name, files[i]);
    }
    return 0;
}

static int load_catalog(RuleCatalog *catalog, const char *dir, bool with_facts, char *err,
                        size_t err_size)
{
    int rc = -1;
    char **files = NULL;
    size_t file_count = 0;
    JsonReport rep = {dir, err, err_size};

    memset(catalog, 0, sizeof(*catalog));
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    if (json_list_files(&rep, dir, &files, &file_count) != 0)
        goto done;
    if (file_count == 0) {
        json_error(&rep, 0, "no .json rule files in this folder");
        goto done;
    }
    catalog->rules = calloc(file_count, sizeof *catalog->rules);
    if (catalog->rules == NULL) {
        report_out_of_memory(&rep);
        goto done;
    }

    for (size_t i = 0; i < file_count; i++) {
        RuleInfo rule = {0};
        rep.path = files[i];
        if (load_rule_file(&rep, &rule) != 0)
            goto done;
        if (check_unique(&rep, catalog, files, &rule) != 0) {
            rule_info_free(&rule);
            goto done;
        }
        catalog->rules[catalog->count++] = rule;
    }
    qsort(catalog->rules, catalog->count, sizeof *catalog->rules,
          compare_rules);
    if (!with_facts) {
        rc = 0;
        goto done;
    }
    char *ddi_dir = join_path(dir, "ddi");
    rc = ddi_table_load(&catalog->ddis, ddi_dir, err, err_size);
    free(ddi_dir);
    if (rc == 0) {
        char *pair_dir = join_path(dir, "resources");
        rc = resource_pairs_load(&catalog->resources, pair_dir, err, err_size);
        free(pair_dir);
    }

done:
    if (rc != 0)
        rule_catalog_free(catalog);
    free_strings(files, file_count);
    return rc;
}

int rule_catalog_load(RuleCatalog *catalog, const char *dir, char *err,
                      size_t err_size)
{
    return load_catalog(catalog, dir, true, err, err_size);
}

int rule_catalog_load_rules(RuleCatalog *catalog, const char *dir, char *err,
                            size_t err_size)
{
    return load_catalog(catalog, dir, false, err, err_size);
}

void rule_catalog_free(RuleCatalog *catalog)
{
    for (size_t i = 0; i < catalog->count; i++)
        rule_info_free(&catalog->rules[i]);
    free(catalog->rules);
    catalog->rules = NULL;
    catalog->count = 0;
    ddi_table_free(&catalog->ddis);
    resource_pairs_free(&catalog->resources);
}

int rule_catalog_keep(RuleCatalog *catalog, const bool *keep)
{
    size_t kept = 0;
    for (size_t i = 0; i < catalog->count; i++) {
        if (keep[i])
            catalog->rules[kept++] = catalog->rules[i];
        else
            rule_info_free(&catalog->rules[i]);
    }
    catalog->count = kept;
    return 0;
}

const RuleInfo *rule_catalog_find(const RuleCatalog *catalog, const char *key)
{
    for (size_t i = 0; i < catalog->count; i++) {
        const RuleInfo *rule = &catalog->rules[i];
        if (strcmp(rule->id, key) == 0 || strcmp(rule->name, key) == 0)
            return rule;
    }
    return NULL;
}

char *const *rule_param(const RuleInfo *rule, const char *name, size_t *count)
{
    for (size_t i = 0; i < rule->param_count; i++) {
        if (strcmp(rule->params[i].name, name) == 0) {
            *count = rule->params[i].value_count;
            return rule->params[i].values;
        }
    }
    *count = 0;
    return NULL;
}

const char *rule_param_first(const RuleInfo *rule, const char *name)
{
    size_t count = 0;
    char *const *values = rule_param(rule, name, &count);
    return count > 0 ? values[0] : NULL;
}

/* Returns catalog->count when `rule` does not belong to the catalog. */
size_t rule_catalog_index(const RuleCatalog *catalog, const RuleInfo *rule)
{
    for (size_t i = 0; i < catalog->count; i++) {
        if (&catalog->rules[i] == rule)
            return i;
    }
    return catalog->count;
}
