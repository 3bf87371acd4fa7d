/* project.c - driver projects as they are built; see project.h. Which
 * reader a file goes to, and what the readers share. */
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memory.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static bool ends_with_case(const char *text, const char *suffix)
{
    size_t n = strlen(text);
    size_t m = strlen(suffix);
    return n > m && strcasecmp(text + n - m, suffix) == 0;
}

static bool is_sln(const char *path)
{
    return ends_with_case(path, ".sln");
}

static bool is_vcxproj(const char *path)
{
    return ends_with_case(path, ".vcxproj");
}

static bool is_dirs(const char *path)
{
    return strcasecmp(base_name(path), "dirs") == 0;
}

static bool is_sources(const char *path)
{
    return strcasecmp(base_name(path), "sources") == 0;
}

bool project_is_project_file(const char *path)
{
    return is_sln(path) || is_vcxproj(path) || is_dirs(path) || is_sources(path);
}

void project_free(Project *p)
{
    compile_db_free(&p->files);
    for (size_t i = 0; i < p->read_count; i++)
        free(p->read[i]);
    free(p->read);
    free(p->path);
    free(p->configuration);
    memset(p, 0, sizeof(*p));
}

void project_set_free(ProjectSet *set)
{
    for (size_t i = 0; i < set->count; i++)
        project_free(&set->items[i]);
    free(set->items);
    for (size_t i = 0; i < set->left_out_count; i++)
        free(set->left_out[i]);
    free(set->left_out);
    free(set->path);
    memset(set, 0, sizeof(*set));
}

static Project *new_project(ProjectSet *set)
{
    set->items = xrealloc(set->items, set->count + 1, sizeof(*set->items));
    Project *p = &set->items[set->count++];
    memset(p, 0, sizeof(*p));
    return p;
}

/* The compile database of a project names the project file. */
static void name_files(Project *p)
{
    if (p->files.path == NULL && p->path != NULL)
        p->files.path = checked_alloc(strdup(p->path));
}

/* Reads one .vcxproj or `sources` into a new project of `set`. A .vcxproj
 * that is not a driver's (vcxproj_load returns 1) is left out with a note
 * when it came from a .sln, and is an error when it was asked for. */
static int load_one(const char *path, bool listed, const BuildChoice *choice,
                    const BuildEnvironment *env, ProjectSet *set, ToolMessageList *messages,
                    char *err, size_t err_size)
{
    Project *p = new_project(set);
    int rc = is_vcxproj(path) ? vcxproj_load(path, choice, env, p, messages, err, err_size)
                              : sources_load(path, choice, env, p, messages, err, err_size);
    if (rc == 0) {
        name_files(p);
        return 0;
    }
    /* Its messages name the files it read: those stay with the set. */
    set->left_out = xrealloc(set->left_out, set->left_out_count + p->read_count,
                             sizeof(*set->left_out));
    for (size_t i = 0; i < p->read_count; i++)
        set->left_out[set->left_out_count++] = p->read[i];
    p->read_count = 0;
    project_free(p);
    set->count--;
    if (rc == 1 && listed) {
        SourceLoc loc = {NULL, 0, 0};
        tool_message_add(messages, LEVEL_NOTE, loc, "%s; left out", err);
        err[0] = '\0';
        return 0;
    }
    return -1;
}

static bool same_message(const ToolMessage *a, const ToolMessage *b)
{
    return a->level == b->level && a->loc.file == b->loc.file && a->loc.line == b->loc.line &&
           strcmp(a->message, b->message) == 0;
}

/* The projects of one .sln or `dirs` file say the same things (the
 * configuration taken by default, say): each is said once. */
static void drop_repeated(ToolMessageList *messages, size_t from)
{
    size_t kept = from;
    for (size_t i = from; i < messages->count; i++) {
        bool seen = false;
        for (size_t k = from; k < kept && !seen; k++)
            seen = same_message(&messages->items[k], &messages->items[i]);
        if (seen)
            free(messages->items[i].message);
        else
            messages->items[kept++] = messages->items[i];
    }
    messages->count = kept;
}

static void free_paths(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

int project_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 ProjectSet *set, ToolMessageList *messages, char *err, size_t err_size)
{
    memset(set, 0, sizeof(*set));
    set->path = checked_alloc(strdup(path));
    if (!is_sln(path) && !is_dirs(path))
        return load_one(path, false, choice, env, set, messages, err, err_size);
    char **paths = NULL;
    size_t count = 0;
    size_t said = messages->count;
    int rc = is_sln(path)
                 ? sln_list_projects(path, &paths, &count, messages, err, err_size)
                 : dirs_list_sources(path, choice, env, &paths, &count, messages, err, err_size);
    for (size_t i = 0; rc == 0 && i < count; i++)
        rc = load_one(paths[i], true, choice, env, set, messages, err, err_size);
    free_paths(paths, count);
    drop_repeated(messages, said);
    if (rc == 0 && set->count == 0) {
        snprintf(err, err_size, "%s: no driver project found in it", path);
        rc = -1;
    }
    return rc;
}
