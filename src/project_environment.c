/* project_environment.c - the build environment's table; see
 * project_environment.h. The table is the tool's own data, but it is
 * still checked as it is read: a broken installation must say so rather
 * than guess. */
#include "project_environment.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_input.h"
#include "memory.h"

typedef struct Strings {
    char **items;
    size_t count;
} Strings;

typedef struct Platform {
    char *name;
    Strings aliases;
    char *target;
    Strings defines;
    SourcesPlatform sources; /* its strings owned here */
} Platform;

/* A TargetVersion or driver type: the names it goes by, what it defines. */
typedef struct Named {
    Strings names;
    Strings defines;
    bool user_mode; /* driver types: builds user-mode code */
} Named;

typedef struct Variable {
    char *name;
    char *value;
} Variable;

struct BuildEnvironment {
    Platform *platforms;
    size_t platform_count;
    const Platform *default_platform;
    Strings debug_defines;
    Named *versions;
    size_t version_count;
    Named *driver_types;
    size_t driver_type_count;
    Variable *variables;
    size_t variable_count;
};

static const char TABLE[] = "/environment/build-environment.json";

static void strings_free(Strings *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i]);
    free(s->items);
}

static char *copy(const char *text)
{
    return checked_alloc(strdup(text));
}

/* `key` of `object`: an array of strings, or absent (an empty list). */
static int read_strings(const JsonReport *rep, const cJSON *object, const char *key,
                        Strings *out)
{
    memset(out, 0, sizeof(*out));
    const cJSON *array = cJSON_GetObjectItemCaseSensitive(object, key);
    if (array == NULL)
        return 0;
    if (!cJSON_IsArray(array))
        return json_error(rep, 0, "\"%s\" must be a list of strings", key);
    size_t n = (size_t)cJSON_GetArraySize(array);
    out->items = checked_alloc(calloc(n ? n : 1, sizeof(char *)));
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        if (!cJSON_IsString(item))
            return json_error(rep, 0, "\"%s\" must be a list of strings", key);
        out->items[out->count++] = copy(item->valuestring);
    }
    return 0;
}

static int read_string(const JsonReport *rep, const cJSON *object, const char *key, char **out)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!cJSON_IsString(value))
        return json_error(rep, 0, "\"%s\" must be a string", key);
    *out = copy(value->valuestring);
    return 0;
}

/* An optional string: absent is NULL. */
static int read_optional(const JsonReport *rep, const cJSON *object, const char *key,
                         const char **out)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(object, key);
    *out = NULL;
    if (value == NULL)
        return 0;
    if (!cJSON_IsString(value))
        return json_error(rep, 0, "\"%s\" must be a string", key);
    *out = copy(value->valuestring);
    return 0;
}

static int read_platforms(const JsonReport *rep, const cJSON *root, BuildEnvironment *env)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "platforms");
    if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
        return json_error(rep, 0, "\"platforms\" must be a non-empty list");
    env->platforms = checked_alloc(calloc((size_t)cJSON_GetArraySize(list), sizeof(Platform)));
    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        Platform *p = &env->platforms[env->platform_count++];
        if (read_string(rep, item, "name", &p->name) != 0 ||
            read_string(rep, item, "target", &p->target) != 0 ||
            read_strings(rep, item, "aliases", &p->aliases) != 0 ||
            read_strings(rep, item, "defines", &p->defines) != 0 ||
            read_optional(rep, item, "buildArch", &p->sources.build_arch) != 0 ||
            read_optional(rep, item, "archMacro", &p->sources.arch_macro) != 0 ||
            read_optional(rep, item, "targetDirectory", &p->sources.target_directory) != 0 ||
            read_optional(rep, item, "sourcesPrefix", &p->sources.sources_prefix) != 0)
            return -1;
    }
    char *wanted = NULL;
    if (read_string(rep, root, "defaultPlatform", &wanted) != 0)
        return -1;
    for (size_t i = 0; i < env->platform_count; i++) {
        if (strcmp(env->platforms[i].name, wanted) == 0)
            env->default_platform = &env->platforms[i];
    }
    free(wanted);
    if (env->default_platform == NULL)
        return json_error(rep, 0, "\"defaultPlatform\" names no platform of the list");
    return 0;
}

static int read_named(const JsonReport *rep, const cJSON *root, const char *key, Named **out,
                      size_t *count)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsArray(list))
        return json_error(rep, 0, "\"%s\" must be a list", key);
    *out = checked_alloc(calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(Named)));
    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        Named *n = &(*out)[(*count)++];
        if (read_strings(rep, item, "names", &n->names) != 0 ||
            read_strings(rep, item, "defines", &n->defines) != 0)
            return -1;
        if (n->names.count == 0)
            return json_error(rep, 0, "an entry of \"%s\" has no names", key);
        const cJSON *user_mode = cJSON_GetObjectItemCaseSensitive(item, "userMode");
        if (user_mode != NULL && !cJSON_IsBool(user_mode))
            return json_error(rep, 0, "\"userMode\" must be true or false");
        n->user_mode = cJSON_IsTrue(user_mode);
    }
    return 0;
}

static int read_variables(const JsonReport *rep, const cJSON *root, BuildEnvironment *env)
{
    const cJSON *object = cJSON_GetObjectItemCaseSensitive(root, "sourcesVariables");
    if (!cJSON_IsObject(object))
        return json_error(rep, 0, "\"sourcesVariables\" must be an object");
    env->variables = checked_alloc(calloc((size_t)cJSON_GetArraySize(object) + 1,
                                          sizeof(Variable)));
    const cJSON *item;
    cJSON_ArrayForEach(item, object) {
        if (!cJSON_IsString(item))
            return json_error(rep, 0, "sourcesVariables \"%s\" must be a string",
                              item->string);
        Variable *v = &env->variables[env->variable_count++];
        v->name = copy(item->string);
        v->value = copy(item->valuestring);
    }
    return 0;
}

BuildEnvironment *build_environment_load(const char *data_dir, char *err, size_t err_size)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof(path), "%s%s", data_dir, TABLE) >= sizeof(path)) {
        snprintf(err, err_size, "%s: the path is too long", data_dir);
        return NULL;
    }
    JsonReport rep = {path, err, err_size};
    JsonFile file;
    if (json_file_read(&file, &rep, &json_texts_not_valid) != 0)
        return NULL;
    BuildEnvironment *env = checked_alloc(calloc(1, sizeof(*env)));
    int rc = -1;
    if (!cJSON_IsObject(file.root))
        json_error(&rep, 0, "the table must be a JSON object");
    else if (read_platforms(&rep, file.root, env) == 0 &&
             read_strings(&rep, file.root, "debugDefines", &env->debug_defines) == 0 &&
             read_named(&rep, file.root, "targetVersions", &env->versions,
                        &env->version_count) == 0 &&
             read_named(&rep, file.root, "driverTypes", &env->driver_types,
                        &env->driver_type_count) == 0 &&
             read_variables(&rep, file.root, env) == 0)
        rc = 0;
    json_file_free(&file);
    if (rc != 0) {
        build_environment_free(env);
        return NULL;
    }
    return env;
}

static void named_free(Named *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        strings_free(&list[i].names);
        strings_free(&list[i].defines);
    }
    free(list);
}

void build_environment_free(BuildEnvironment *env)
{
    if (env == NULL)
        return;
    for (size_t i = 0; i < env->platform_count; i++) {
        free(env->platforms[i].name);
        free(env->platforms[i].target);
        strings_free(&env->platforms[i].aliases);
        strings_free(&env->platforms[i].defines);
        free((char *)env->platforms[i].sources.build_arch);
        free((char *)env->platforms[i].sources.arch_macro);
        free((char *)env->platforms[i].sources.target_directory);
        free((char *)env->platforms[i].sources.sources_prefix);
    }
    free(env->platforms);
    strings_free(&env->debug_defines);
    named_free(env->versions, env->version_count);
    named_free(env->driver_types, env->driver_type_count);
    for (size_t i = 0; i < env->variable_count; i++) {
        free(env->variables[i].name);
        free(env->variables[i].value);
    }
    free(env->variables);
    free(env);
}

static bool strings_has_case(const Strings *s, const char *text)
{
    for (size_t i = 0; i < s->count; i++) {
        if (strcasecmp(s->items[i], text) == 0)
            return true;
    }
    return false;
}

static const Platform *find_platform(const BuildEnvironment *env, const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < env->platform_count; i++) {
        const Platform *p = &env->platforms[i];
        if (strcasecmp(p->name, name) == 0 || strings_has_case(&p->aliases, name))
            return p;
    }
    return NULL;
}

const char *build_environment_platform(const BuildEnvironment *env, const char *name)
{
    const Platform *p = find_platform(env, name);
    return p != NULL ? p->name : NULL;
}

/* The macro a -D item defines: "NAME=1" -> "NAME". */
static size_t macro_name_length(const char *define)
{
    const char *equals = strchr(define, '=');
    return equals != NULL ? (size_t)(equals - define) : strlen(define);
}

static bool defines_macro(const Strings *defines, const char *define)
{
    size_t length = macro_name_length(define);
    for (size_t i = 0; i < defines->count; i++) {
        if (macro_name_length(defines->items[i]) == length &&
            strncmp(defines->items[i], define, length) == 0)
            return true;
    }
    return false;
}

static void add_define(ArgList *out, const char *flag, const char *text, size_t length)
{
    char *arg = checked_alloc(malloc(length + 3));
    memcpy(arg, flag, 2);
    memcpy(arg + 2, text, length);
    arg[length + 2] = '\0';
    arg_list_add(out, arg);
    free(arg);
}

void build_environment_platform_args(const BuildEnvironment *env, const char *platform,
                                     bool debug, ArgList *out)
{
    const Platform *p = find_platform(env, platform);
    /* The tool's defaults are the default platform's: nothing to change. */
    if (p != NULL && p != env->default_platform) {
        char target[256];
        snprintf(target, sizeof(target), "--target=%s", p->target);
        arg_list_add(out, target);
        const Strings *defaults = &env->default_platform->defines;
        for (size_t i = 0; i < defaults->count; i++) {
            if (!defines_macro(&p->defines, defaults->items[i]))
                add_define(out, "-U", defaults->items[i], macro_name_length(defaults->items[i]));
        }
        for (size_t i = 0; i < p->defines.count; i++)
            add_define(out, "-D", p->defines.items[i], strlen(p->defines.items[i]));
    }
    if (debug) {
        for (size_t i = 0; i < env->debug_defines.count; i++)
            add_define(out, "-D", env->debug_defines.items[i],
                       strlen(env->debug_defines.items[i]));
    }
}

static const Named *find_named(const Named *list, size_t count, const char *name)
{
    for (size_t i = 0; name != NULL && i < count; i++) {
        if (strings_has_case(&list[i].names, name))
            return &list[i];
    }
    return NULL;
}

static bool add_named(const Named *n, ArgList *out)
{
    if (n == NULL)
        return false;
    for (size_t i = 0; i < n->defines.count; i++)
        add_define(out, "-D", n->defines.items[i], strlen(n->defines.items[i]));
    return true;
}

bool build_environment_target_version_args(const BuildEnvironment *env, const char *version,
                                           ArgList *out)
{
    return add_named(find_named(env->versions, env->version_count, version), out);
}

bool build_environment_driver_type_args(const BuildEnvironment *env, const char *type,
                                        ArgList *out)
{
    return add_named(find_named(env->driver_types, env->driver_type_count, type), out);
}

bool build_environment_is_debug(const char *configuration)
{
    if (configuration == NULL)
        return false;
    return strncasecmp(configuration, "Debug", 5) == 0 ||
           strcasecmp(configuration, "Checked") == 0 || strcasecmp(configuration, "chk") == 0;
}

const char *build_environment_sources_variable(const BuildEnvironment *env, const char *name)
{
    for (size_t i = 0; name != NULL && i < env->variable_count; i++) {
        if (strcasecmp(env->variables[i].name, name) == 0)
            return env->variables[i].value;
    }
    return NULL;
}

bool build_environment_sources_platform(const BuildEnvironment *env, const char *platform,
                                        SourcesPlatform *out)
{
    const Platform *p = find_platform(env, platform);
    if (p == NULL || p->sources.build_arch == NULL || p->sources.arch_macro == NULL ||
        p->sources.target_directory == NULL || p->sources.sources_prefix == NULL)
        return false;
    *out = p->sources;
    return true;
}

bool build_environment_is_user_mode(const BuildEnvironment *env, const char *type)
{
    const Named *n = find_named(env->driver_types, env->driver_type_count, type);
    return n != NULL && n->user_mode;
}
