/* source_includes.c - case-insensitive search for included files. */
#include "source_includes.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char **source_include_dirs(const ArgList *args, const char *includer_dir,
                                 size_t *count)
{
    static const char *const flags[] = {"-I", "-isystem", "-idirafter", "-iquote", "/I"};
    const char **dirs = calloc(args->count + 2, sizeof(*dirs));
    size_t n = 0;
    if (dirs == NULL) {
        *count = 0;
        return NULL;
    }
    if (includer_dir != NULL)
        dirs[n++] = includer_dir;
    for (size_t i = 0; i < args->count; i++) {
        const char *arg = args->items[i];
        for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
            size_t length = strlen(flags[f]);
            if (strncmp(arg, flags[f], length) != 0)
                continue;
            if (arg[length] != '\0')
                dirs[n++] = arg + length;
            else if (i + 1 < args->count)
                dirs[n++] = args->items[++i];
            break;
        }
    }
    *count = n;
    return dirs;
}

/* Finds the entry of `dir` named `component` in any case. */
static int find_component(const char *dir, const char *component, char *out,
                          size_t size)
{
    DIR *handle = opendir(dir);
    if (handle == NULL)
        return -1;
    int found = -1;
    const struct dirent *entry;
    while (found != 0 && (entry = readdir(handle)) != NULL) {
        if (strcasecmp(entry->d_name, component) == 0) {
            int n = snprintf(out, size, "%s/%s", dir, entry->d_name);
            found = (n > 0 && (size_t)n < size) ? 0 : -1;
        }
    }
    closedir(handle);
    return found;
}

int source_include_find(const char *dir, const char *name, char *out, size_t size)
{
    char current[PATH_MAX];
    char next[PATH_MAX + 8];
    char component[NAME_MAX + 1];
    snprintf(current, sizeof(current), "%s", dir);
    const char *p = name;
    while (*p != '\0') {
        size_t length = strcspn(p, "/\\");
        if (length > NAME_MAX)
            return -1;
        memcpy(component, p, length);
        component[length] = '\0';
        p += length;
        while (*p == '/' || *p == '\\')
            p++;
        if (length == 0 || strcmp(component, ".") == 0)
            continue;
        if (strcmp(component, "..") == 0) {
            snprintf(next, sizeof(next), "%s/..", current);
        } else if (find_component(current, component, next, sizeof(next)) != 0) {
            return -1;
        }
        if (strlen(next) >= sizeof(current))
            return -1;
        memcpy(current, next, strlen(next) + 1);
    }
    struct stat info;
    if (stat(current, &info) != 0 || !S_ISREG(info.st_mode))
        return -1;
    if (realpath(current, out) == NULL || strlen(out) >= size)
        return -1;
    return 0;
}
