/* options_config.c - reads .ndislint.json strictly, and matches the
 * exclude patterns it holds.
 *
 * The file is reviewed with the code it configures, so a mistake in it
 * must stop the run with the file, the line and the key, rather than
 * quietly switch a rule off. cJSON keeps no positions, so the line of a
 * key is found by walking the text to the same member again (see
 * json_line_of_member).
 */
#define _POSIX_C_SOURCE 200809L

#include "options_config.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json_input.h"
#include "source_compile_db.h"

#define CONFIG_NAME ".ndislint.json"

/* One load: where errors go, and the text they point into. */
typedef struct Loader {
    JsonReport rep;
    const JsonFile *file;
} Loader;

/* The line of child `top` of the root or, unless `child` is SIZE_MAX, of
 * child `child` of that. */
static unsigned line_of(const Loader *ld, size_t top, size_t child)
{
    size_t path[2] = {top, child};
    return json_line_of_member(ld->file, path, child == SIZE_MAX ? 1 : 2);
}

/* ---- the keys ---------------------------------------------------------- */

/* Level names in the order the error message lists them. */
static const char levels_expected[] = "off, error, warning, note";

static int load_rule(const Loader *ld, size_t top, size_t index,
                     const cJSON *item, RuleSetting *out)
{
    unsigned line = line_of(ld, top, index);
    if (item->string[0] == '\0')
        return json_error(&ld->rep, line,
                          "key 'rules': empty rule id or name");
    bool is_off = cJSON_IsString(item) && strcmp(item->valuestring, "off") == 0;
    Level level = LEVEL_WARNING;
    if (!is_off &&
        (!cJSON_IsString(item) || level_parse(item->valuestring, &level) != 0))
        return json_error(&ld->rep, line, "key 'rules.%s': expected one of %s",
                          item->string, levels_expected);
    out->rule = checked_alloc(strdup(item->string));
    out->off = is_off;
    out->level = level;
    out->line = line;
    return 0;
}

static int load_rules(const Loader *ld, size_t top, const cJSON *rules,
                      Config *config)
{
    if (!cJSON_IsObject(rules))
        return json_error(&ld->rep, line_of(ld, top, SIZE_MAX),
                          "key 'rules': expected an object");
    size_t count = (size_t)cJSON_GetArraySize(rules);
    config->rules =
        checked_alloc(calloc(count ? count : 1, sizeof *config->rules));
    size_t index = 0;
    for (const cJSON *item = rules->child; item != NULL;
         item = item->next, index++) {
        for (size_t k = 0; k < config->rule_count; k++) {
            if (strcmp(config->rules[k].rule, item->string) == 0)
                return json_error(&ld->rep, line_of(ld, top, index),
                                  "key 'rules.%s': duplicate key",
                                  item->string);
        }
        if (load_rule(ld, top, index, item, &config->rules[index]) != 0)
            return -1;
        config->rule_count++;
    }
    return 0;
}

/* Copies an array of non-empty strings; `key` names it in messages. */
static int load_strings(const Loader *ld, size_t top, const char *key,
                        const cJSON *array, char ***out, size_t *out_count)
{
    if (!cJSON_IsArray(array))
        return json_error(&ld->rep, line_of(ld, top, SIZE_MAX),
                          "key '%s': expected an array of strings", key);
    size_t count = (size_t)cJSON_GetArraySize(array);
    *out = checked_alloc(calloc(count ? count : 1, sizeof **out));
    size_t index = 0;
    for (const cJSON *item = array->child; item != NULL;
         item = item->next, index++) {
        if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
            return json_error(&ld->rep, line_of(ld, top, index),
                              "key '%s[%zu]': expected a non-empty string",
                              key, index);
        (*out)[index] = checked_alloc(strdup(item->valuestring));
        (*out_count)++;
    }
    return 0;
}

/* The configuration file comes with the code under review, so it must not
 * be able to do what a compile database may not: load code into the
 * parser or make it read files the arguments name. */
static int load_args(const Loader *ld, size_t top, const cJSON *array,
                     Config *config)
{
    if (load_strings(ld, top, "args", array, &config->args,
                     &config->arg_count) != 0)
        return -1;
    size_t bad = compile_args_find_unsafe(config->args, config->arg_count);
    if (bad < config->arg_count)
        return json_error(&ld->rep, line_of(ld, top, bad),
                          "key 'args[%zu]': '%s' would load code into the "
                          "parser or make it read other files", bad,
                          config->args[bad]);
    return 0;
}

static int load_exclude(const Loader *ld, size_t top, const cJSON *array,
                        Config *config)
{
    if (load_strings(ld, top, "exclude", array, &config->exclude,
                     &config->exclude_count) != 0)
        return -1;
    for (size_t i = 0; i < config->exclude_count; i++) {
        if (config->exclude[i][0] == '/')
            return json_error(&ld->rep, line_of(ld, top, i),
                              "key 'exclude[%zu]': patterns are relative to "
                              "the configuration file's folder", i);
    }
    return 0;
}

/* Whether the gate may pass with judgements the rules could not make. */
static int load_allow_incomplete(const Loader *ld, size_t top, const cJSON *item,
                                 Config *config)
{
    if (!cJSON_IsBool(item))
        return json_error(&ld->rep, line_of(ld, top, SIZE_MAX),
                          "key 'allowIncomplete': expected true or false");
    config->allow_incomplete = cJSON_IsTrue(item);
    return 0;
}

/* A non-empty string key, kept as written. */
static int load_string(const Loader *ld, size_t top, const cJSON *item, const char *key,
                       char **out)
{
    if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
        return json_error(&ld->rep, line_of(ld, top, SIZE_MAX),
                          "key '%s': expected a non-empty string", key);
    *out = checked_alloc(strdup(item->valuestring));
    return 0;
}

/* The driver's .vcxproj, .sln, `sources` or `dirs` file, relative to the
 * configuration file's folder: what is analysed when no file is given. */
static int load_project(const Loader *ld, size_t top, const cJSON *item, Config *config)
{
    if (load_string(ld, top, item, "project", &config->project) != 0)
        return -1;
    if (config->project[0] == '/')
        return json_error(&ld->rep, line_of(ld, top, SIZE_MAX),
                          "key 'project': the path is relative to the configuration "
                          "file's folder");
    return 0;
}

/* "Release|x64": the project configuration to read. */
static int load_configuration(const Loader *ld, size_t top, const cJSON *item,
                              Config *config)
{
    return load_string(ld, top, item, "configuration", &config->configuration);
}

typedef int (*KeyLoader)(const Loader *ld, size_t top, const cJSON *item,
                         Config *config);

typedef struct KeySpec {
    const char *key;
    KeyLoader load;
} KeySpec;

/* Every top-level key. Sorted by key. */
static const KeySpec key_specs[] = {
    {"allowIncomplete", load_allow_incomplete},
    {"args", load_args},
    {"configuration", load_configuration},
    {"exclude", load_exclude},
    {"project", load_project},
    {"rules", load_rules},
};

#define KEY_COUNT (sizeof key_specs / sizeof key_specs[0])

static const KeySpec *find_key_spec(const char *key)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (strcmp(key_specs[i].key, key) == 0)
            return &key_specs[i];
    }
    return NULL;
}

static int load_root(const Loader *ld, const cJSON *root, Config *config)
{
    bool seen[KEY_COUNT] = {false};
    if (!cJSON_IsObject(root))
        return json_error(&ld->rep, json_line_of_member(ld->file, NULL, 0),
                          "expected a JSON object at the top level");
    size_t top = 0;
    for (const cJSON *item = root->child; item != NULL;
         item = item->next, top++) {
        const KeySpec *spec = find_key_spec(item->string);
        unsigned line = line_of(ld, top, SIZE_MAX);
        if (spec == NULL)
            return json_error(&ld->rep, line, "key '%s': unknown key",
                              item->string);
        size_t index = (size_t)(spec - key_specs);
        if (seen[index])
            return json_error(&ld->rep, line, "key '%s': duplicate key",
                              item->string);
        seen[index] = true;
        if (spec->load(ld, top, item, config) != 0)
            return -1;
    }
    return 0;
}

/* ---- the file ---------------------------------------------------------- */

int config_load(const char *path, Config *config, char *err, size_t err_size)
{
    JsonFile file;
    Loader ld = {{path, err, err_size}, &file};
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    memset(config, 0, sizeof *config);
    if (json_file_read(&file, &ld.rep, &json_texts_not_valid) != 0)
        return -1;
    config->path = checked_alloc(strdup(path));
    int rc = load_root(&ld, file.root, config);
    if (rc != 0)
        config_free(config);
    json_file_free(&file);
    return rc;
}

static void free_strings(char **values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(values[i]);
    free(values);
}

void config_free(Config *config)
{
    for (size_t i = 0; i < config->rule_count; i++)
        free(config->rules[i].rule);
    free(config->rules);
    free_strings(config->args, config->arg_count);
    free_strings(config->exclude, config->exclude_count);
    free(config->project);
    free(config->configuration);
    free(config->path);
    memset(config, 0, sizeof *config);
}

/* ---- finding the file -------------------------------------------------- */

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Cuts the last component off an absolute path; false at the root. */
static bool to_parent(char *dir)
{
    char *slash = strrchr(dir, '/');
    if (slash == NULL || (slash == dir && dir[1] == '\0'))
        return false;
    if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    return true;
}

int config_find(const char *start_dir, char *out, size_t size)
{
    char dir[PATH_MAX];
    char candidate[PATH_MAX + sizeof CONFIG_NAME + 1];
    if (realpath(start_dir, dir) == NULL)
        return 0;
    for (;;) {
        bool root = strcmp(dir, "/") == 0;
        snprintf(candidate, sizeof candidate, "%s/%s", root ? "" : dir,
                 CONFIG_NAME);
        if (is_regular_file(candidate)) {
            if (strlen(candidate) >= size)
                return 0;
            memcpy(out, candidate, strlen(candidate) + 1);
            return 1;
        }
        if (!to_parent(dir))
            return 0;
    }
}

/* ---- exclude patterns -------------------------------------------------- */

/* Matches `p` (a tail of the pattern that starts at `start`) against the
 * subject [s, end). `*` and `?` stop at '/'; `**` as a whole component
 * matches any number of components, elsewhere any text. */
static bool glob_match(const char *start, const char *p, const char *s,
                       const char *end)
{
    while (*p != '\0') {
        if (p[0] == '*' && p[1] == '*') {
            bool whole = p == start || p[-1] == '/';
            const char *rest = p;
            while (*rest == '*')
                rest++;
            if (whole && *rest == '/') {
                /* "**" followed by "/": zero or more whole components. */
                if (glob_match(start, rest + 1, s, end))
                    return true;
                for (const char *q = s; q < end; q++) {
                    if (*q == '/' && glob_match(start, rest + 1, q + 1, end))
                        return true;
                }
                return false;
            }
            for (const char *q = s;; q++) {
                if (glob_match(start, rest, q, end))
                    return true;
                if (q == end)
                    return false;
            }
        }
        if (*p == '*') {
            for (const char *q = s;; q++) {
                if (glob_match(start, p + 1, q, end))
                    return true;
                if (q == end || *q == '/')
                    return false;
            }
        }
        if (s == end || (*p == '?' ? *s == '/' : *p != *s))
            return false;
        p++;
        s++;
    }
    return s == end;
}

/* A pattern that names a folder excludes everything in it, as it does in
 * .gitignore: the pattern is tried against the whole relative path and
 * against each leading run of whole components. */
static bool pattern_excludes(const char *pattern, const char *rel)
{
    while (strncmp(pattern, "./", 2) == 0)
        pattern += 2;
    size_t n = strlen(pattern);
    char *p = checked_alloc(strdup(pattern));
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';

    const char *end = rel + strlen(rel);
    bool match = glob_match(p, p, rel, end);
    for (const char *q = rel; !match && q < end; q++) {
        if (*q == '/')
            match = glob_match(p, p, rel, q);
    }
    free(p);
    return match;
}

/* The folder of the configuration file, absolute. */
static bool config_folder(const Config *config, char *out, size_t size)
{
    char resolved[PATH_MAX];
    if (realpath(config->path, resolved) == NULL)
        return false;
    char *slash = strrchr(resolved, '/');
    if (slash == resolved)
        slash[1] = '\0';
    else if (slash != NULL)
        *slash = '\0';
    if (strlen(resolved) >= size)
        return false;
    memcpy(out, resolved, strlen(resolved) + 1);
    return true;
}

/* `file` relative to `folder`, or NULL when it lies outside. */
static const char *relative_to(const char *folder, const char *file)
{
    size_t n = strlen(folder);
    if (strcmp(folder, "/") == 0)
        return file[0] == '/' ? file + 1 : NULL;
    if (strncmp(file, folder, n) != 0 || file[n] != '/')
        return NULL;
    return file + n + 1;
}

bool config_excludes(const Config *config, const char *file)
{
    char folder[PATH_MAX];
    char resolved[PATH_MAX];
    if (config->path == NULL || config->exclude_count == 0 ||
        !config_folder(config, folder, sizeof folder))
        return false;
    const char *real = realpath(file, resolved) != NULL ? resolved : file;
    const char *rel = relative_to(folder, real);
    if (rel == NULL)
        return false;
    for (size_t i = 0; i < config->exclude_count; i++) {
        if (pattern_excludes(config->exclude[i], rel))
            return true;
    }
    return false;
}
