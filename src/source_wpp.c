/* source_wpp.c - the WPP trace functions a driver's build declares; see
 * source_wpp.h. */
#include "source_wpp.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memory.h"

/* Build files larger than this are not project files worth reading. */
enum { MAX_BUILD_FILE = 8 << 20 };

static void add_trace_function(Driver *driver, const char *start, size_t length)
{
    char name[256];
    if (length == 0 || length >= sizeof(name))
        return;
    memcpy(name, start, length);
    name[length] = '\0';
    const char *interned = driver_intern_name(driver, name);
    for (size_t i = 0; i < driver->trace_function_count; i++) {
        if (driver->trace_functions[i] == interned)
            return;
    }
    const char **grown = arena_alloc(&driver->arena,
                                     (driver->trace_function_count + 1) * sizeof(*grown));
    if (driver->trace_function_count > 0)
        memcpy(grown, driver->trace_functions,
               driver->trace_function_count * sizeof(*grown));
    grown[driver->trace_function_count++] = interned;
    driver->trace_functions = grown;
}

/* Every `Name(` right after `marker` in `text`. */
static void scan_marker(Driver *driver, const char *text, size_t size, const char *marker)
{
    size_t marker_length = strlen(marker);
    const char *end = text + size;
    for (const char *p = text; p < end;) {
        const char *hit = memmem(p, (size_t)(end - p), marker, marker_length);
        if (hit == NULL)
            break;
        const char *name = hit + marker_length;
        while (name < end && (*name == ' ' || *name == '\t'))
            name++;
        const char *q = name;
        while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
            q++;
        if (q < end && *q == '(')
            add_trace_function(driver, name, (size_t)(q - name));
        p = q > hit + marker_length ? q : hit + marker_length;
    }
}

static void read_build_file(Driver *driver, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return;
    char *text = malloc(MAX_BUILD_FILE);
    if (text == NULL)
        out_of_memory();
    size_t size = fread(text, 1, MAX_BUILD_FILE, f);
    fclose(f);
    scan_marker(driver, text, size, "<WppTraceFunction>");
    scan_marker(driver, text, size, "-func:");
    free(text);
}

static bool is_build_file(const char *name)
{
    size_t length = strlen(name);
    return strcasecmp(name, "sources") == 0 ||
           (length > 8 && strcasecmp(name + length - 8, ".vcxproj") == 0);
}

static void read_folder(Driver *driver, const char *folder)
{
    DIR *dir = opendir(folder);
    if (dir == NULL)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (!is_build_file(entry->d_name))
            continue;
        char path[4096];
        int n = snprintf(path, sizeof(path), "%s/%s", folder, entry->d_name);
        if (n > 0 && (size_t)n < sizeof(path))
            read_build_file(driver, path);
    }
    closedir(dir);
}

void source_wpp_read(const SourcePlan *plan, Driver *driver)
{
    /* Each folder once, in the order of the plan. */
    const char **folders = calloc(plan->count + 1, sizeof(*folders));
    if (folders == NULL)
        out_of_memory();
    size_t folder_count = 0;
    for (size_t i = 0; i < plan->count; i++) {
        const char *file = plan->jobs[i].file;
        const char *slash = strrchr(file, '/');
        char folder[4096];
        size_t length = slash == NULL ? 1 : (size_t)(slash - file);
        if (length >= sizeof(folder))
            continue;
        if (slash == NULL)
            memcpy(folder, ".", 2);
        else if (length == 0)
            memcpy(folder, "/", 2);
        else {
            memcpy(folder, file, length);
            folder[length] = '\0';
        }
        const char *interned = driver_intern_path(driver, folder);
        bool seen = false;
        for (size_t k = 0; k < folder_count && !seen; k++)
            seen = folders[k] == interned;
        if (seen)
            continue;
        folders[folder_count++] = interned;
        read_folder(driver, interned);
    }
    free(folders);
}
