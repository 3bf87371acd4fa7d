/* source_include_map.c - includes mapped before the parse; see
 * source_include_map.h. */
#include "source_include_map.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"
#include "source_includes.h"

enum {
    MAX_HEADER_BYTES = 16 << 20, /* a larger "header" is not read for includes */
    MAX_FILES_READ = 8192,       /* a bound on what one file's includes reach */
};

/* Growable list of malloc'd strings. */
typedef struct Strings {
    char **items;
    size_t count;
    size_t capacity;
} Strings;

static void strings_add(Strings *list, const char *text)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = checked_alloc(realloc(list->items, list->capacity * sizeof(char *)));
    }
    list->items[list->count] = strdup(text);
    if (list->items[list->count] == NULL)
        out_of_memory();
    list->count++;
}

static bool strings_has(const Strings *list, const char *text)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], text) == 0)
            return true;
    }
    return false;
}

static void strings_free(Strings *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* An open-addressing table of paths and whether each is a regular file. */
struct FileCache {
    char **paths;
    bool *is_file;
    size_t count;
    size_t slot_count;  /* a power of two */
};

FileCache *file_cache_new(void)
{
    FileCache *cache = checked_alloc(calloc(1, sizeof(*cache)));
    cache->slot_count = 1024;
    cache->paths = checked_alloc(calloc(cache->slot_count, sizeof(char *)));
    cache->is_file = checked_alloc(calloc(cache->slot_count, sizeof(bool)));
    return cache;
}

void file_cache_free(FileCache *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->slot_count; i++)
        free(cache->paths[i]);
    free(cache->paths);
    free(cache->is_file);
    free(cache);
}

static size_t hash_path(const char *path)
{
    size_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++)
        h = h * 33 + *p;
    return h;
}

static size_t cache_slot(const FileCache *cache, const char *path)
{
    size_t slot = hash_path(path) & (cache->slot_count - 1);
    while (cache->paths[slot] != NULL && strcmp(cache->paths[slot], path) != 0)
        slot = (slot + 1) & (cache->slot_count - 1);
    return slot;
}

static void cache_grow(FileCache *cache)
{
    FileCache bigger = {NULL, NULL, 0, cache->slot_count * 2};
    bigger.paths = checked_alloc(calloc(bigger.slot_count, sizeof(char *)));
    bigger.is_file = checked_alloc(calloc(bigger.slot_count, sizeof(bool)));
    for (size_t i = 0; i < cache->slot_count; i++) {
        if (cache->paths[i] == NULL)
            continue;
        size_t slot = cache_slot(&bigger, cache->paths[i]);
        bigger.paths[slot] = cache->paths[i];
        bigger.is_file[slot] = cache->is_file[i];
    }
    bigger.count = cache->count;
    free(cache->paths);
    free(cache->is_file);
    *cache = bigger;
}

typedef struct Scan {
    IncludeMap *map;
    FileCache *cache;
    const ArgList *args;
    const char **dirs;     /* -I, -isystem, -idirafter, ... in order */
    size_t dir_count;
    Strings system_dirs;   /* headers there are ours or the compiler's:
                              their includes are not read */
    FileCache *asked;      /* paths given to queue_file (spares realpath) */
    const char *empty_file; /* what a missing .tmh becomes, or NULL */
    PathMemo *paths;        /* real paths, or NULL */
    Strings queue;         /* real paths of the files to read, in order */
    Strings apparent;      /* for each, the folder the parser believes it
                              is in: a mapped file's is its virtual one */
    Strings folders;       /* folders of the files read so far */
} Scan;

static void include_map_add(IncludeMap *map, const char *virtual_path, const char *real_path)
{
    if (map->count == map->capacity) {
        map->capacity = map->capacity ? map->capacity * 2 : 8;
        map->virtual_paths =
            checked_alloc(realloc(map->virtual_paths, map->capacity * sizeof(char *)));
        map->real_paths = checked_alloc(realloc(map->real_paths, map->capacity * sizeof(char *)));
    }
    map->virtual_paths[map->count] = strdup(virtual_path);
    map->real_paths[map->count] = strdup(real_path);
    if (map->virtual_paths[map->count] == NULL || map->real_paths[map->count] == NULL)
        out_of_memory();
    map->count++;
}

static bool include_map_has(const IncludeMap *map, const char *virtual_path)
{
    for (size_t i = 0; i < map->count; i++) {
        if (strcmp(map->virtual_paths[i], virtual_path) == 0)
            return true;
    }
    return false;
}

void include_map_free(IncludeMap *map)
{
    for (size_t i = 0; i < map->count; i++) {
        free(map->virtual_paths[i]);
        free(map->real_paths[i]);
    }
    free(map->virtual_paths);
    free(map->real_paths);
    memset(map, 0, sizeof(*map));
}

static bool stat_regular_file(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static bool is_regular_file(FileCache *cache, const char *path)
{
    if (cache == NULL)
        return stat_regular_file(path);
    size_t slot = cache_slot(cache, path);
    if (cache->paths[slot] != NULL)
        return cache->is_file[slot];
    bool is_file = stat_regular_file(path);
    cache->paths[slot] = strdup(path);
    if (cache->paths[slot] == NULL)
        out_of_memory();
    cache->is_file[slot] = is_file;
    if (++cache->count * 2 > cache->slot_count)
        cache_grow(cache);
    return is_file;
}

static bool ends_with_tmh(const char *name)
{
    size_t length = strlen(name);
    return length > 4 && strcasecmp(name + length - 4, ".tmh") == 0;
}

static bool under(const char *path, const char *dir)
{
    size_t length = strlen(dir);
    return length > 0 && strncmp(path, dir, length) == 0 &&
           (path[length] == '/' || dir[length - 1] == '/');
}

/* realpath, through the memo when there is one. */
static bool real_path_of(Scan *scan, const char *path, char out[PATH_MAX])
{
    if (scan->paths == NULL)
        return realpath(path, out) != NULL;
    const char *real = path_memo_real(scan->paths, path);
    if (real == NULL || strlen(real) >= PATH_MAX)
        return false;
    strcpy(out, real);
    return true;
}

/* Queues `path` to be read, as seen by the parser at `apparent_path`. */
static void queue_file(Scan *scan, const char *path, const char *apparent_path)
{
    /* Most headers are included by many others. */
    size_t slot = cache_slot(scan->asked, path);
    if (scan->asked->paths[slot] != NULL)
        return;
    scan->asked->paths[slot] = strdup(path);
    if (scan->asked->paths[slot] == NULL)
        out_of_memory();
    if (++scan->asked->count * 2 > scan->asked->slot_count)
        cache_grow(scan->asked);
    char real[PATH_MAX];
    if (!real_path_of(scan, path, real) || strings_has(&scan->queue, real))
        return;
    for (size_t i = 0; i < scan->system_dirs.count; i++) {
        if (under(real, scan->system_dirs.items[i]))
            return;
    }
    if (scan->queue.count >= MAX_FILES_READ)
        return;
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s", apparent_path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash != NULL)
        *slash = '\0';
    strings_add(&scan->queue, real);
    strings_add(&scan->apparent, dir);
}

/* Is `name` found by its exact spelling in `dir`? Then `out` is the path. */
static bool exact_in(FileCache *cache, const char *dir, const char *name, char *out,
                     size_t size)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n > 0 && (size_t)n < size && is_regular_file(cache, out);
}

/* Would the parser find `name` as spelled? It looks in the including
 * file's folder, then (MSVC's rule, which the parser follows here) in the
 * folders of the files that included it, then in the search folders. The
 * folders of every file read stand in for the second: a name found in more
 * places is only left alone, never mapped wrongly. */
static bool found_exactly(const Scan *scan, const char *includer_dir, const char *name,
                          bool quoted, char *out, size_t size)
{
    if (name[0] == '/')
        return snprintf(out, size, "%s", name) > 0 && is_regular_file(scan->cache, out);
    if (quoted && exact_in(scan->cache, includer_dir, name, out, size))
        return true;
    for (size_t i = 0; quoted && i < scan->folders.count; i++) {
        if (exact_in(scan->cache, scan->folders.items[i], name, out, size))
            return true;
    }
    for (size_t i = 0; i < scan->dir_count; i++) {
        if (exact_in(scan->cache, scan->dirs[i], name, out, size))
            return true;
    }
    for (size_t i = 0; i < scan->system_dirs.count; i++) {
        if (exact_in(scan->cache, scan->system_dirs.items[i], name, out, size))
            return true;
    }
    return false;
}

/* Maps `apparent_dir`/`spelled` to `real`, with the name as spelled and,
 * when it has Windows separators, as a path with /. */
static void map_name(Scan *scan, const char *apparent_dir, const char *spelled,
                     const char *name, const char *real)
{
    char virtual_path[2 * PATH_MAX];
    snprintf(virtual_path, sizeof(virtual_path), "%s/%s", apparent_dir, name);
    if (!include_map_has(scan->map, virtual_path))
        include_map_add(scan->map, virtual_path, real);
    snprintf(virtual_path, sizeof(virtual_path), "%s/%s", apparent_dir, spelled);
    if (strcmp(spelled, name) != 0 && !include_map_has(scan->map, virtual_path))
        include_map_add(scan->map, virtual_path, real);
}

/* One #include of the file that is in `real_dir` and that the parser sees
 * in `apparent_dir` (another folder when the file was itself mapped). */
static void resolve(Scan *scan, const char *real_dir, const char *apparent_dir,
                    const char *spelled, bool quoted)
{
    char name[PATH_MAX];
    snprintf(name, sizeof(name), "%s", spelled);
    for (char *c = name; *c != '\0'; c++) {
        if (*c == '\\')
            *c = '/';
    }
    char path[PATH_MAX];
    if (found_exactly(scan, real_dir, name, quoted, path, sizeof(path))) {
        /* Found where the parser looks only if the folders agree. */
        if (strcmp(real_dir, apparent_dir) != 0 && quoted &&
            exact_in(scan->cache, real_dir, name, path, sizeof(path)))
            map_name(scan, apparent_dir, spelled, name, path);
        queue_file(scan, path, path);
        return;
    }
    if (name[0] == '/')
        return;
    /* Mapped in the including file's folder, which the parser searches
     * first for a quoted include. */
    char virtual_path[2 * PATH_MAX];
    snprintf(virtual_path, sizeof(virtual_path), "%s/%s", apparent_dir, name);
    if (include_map_has(scan->map, virtual_path))
        return;
    size_t dir_count = 0;
    const char **dirs = source_include_dirs(scan->args, real_dir, &dir_count);
    char real[PATH_MAX];
    int found = -1;
    for (size_t d = 0; d < dir_count && found != 0; d++)
        found = source_include_find(dirs[d], name, real, sizeof(real));
    free(dirs);
    if (found == 0) {
        map_name(scan, apparent_dir, spelled, name, real);
        queue_file(scan, real, virtual_path);
    } else if (ends_with_tmh(name)) {
        if (scan->empty_file != NULL)
            map_name(scan, apparent_dir, spelled, name, scan->empty_file);
    }
}

static void skip_blanks(const char **p, const char *end)
{
    while (*p < end && (**p == ' ' || **p == '\t'))
        (*p)++;
}

/* Reads the #include lines of `text`, a file in `dir` that the parser
 * sees in `apparent_dir`. */
static void read_includes(Scan *scan, const char *dir, const char *apparent_dir,
                          const char *text, size_t size)
{
    const char *end = text + size;
    for (const char *line = text; line < end;) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (eol == NULL)
            eol = end;
        const char *p = line;
        line = eol + 1;
        skip_blanks(&p, eol);
        if (p == eol || *p != '#')
            continue;
        p++;
        skip_blanks(&p, eol);
        static const char keyword[] = "include";
        size_t keyword_length = sizeof(keyword) - 1;
        if ((size_t)(eol - p) <= keyword_length || memcmp(p, keyword, keyword_length) != 0)
            continue;
        p += keyword_length;
        skip_blanks(&p, eol);
        if (p == eol || (*p != '"' && *p != '<'))
            continue;
        char close = *p == '"' ? '"' : '>';
        const char *start = ++p;
        while (p < eol && *p != close)
            p++;
        size_t length = (size_t)(p - start);
        if (p == eol || length == 0 || length >= PATH_MAX)
            continue;
        char name[PATH_MAX];
        memcpy(name, start, length);
        name[length] = '\0';
        resolve(scan, dir, apparent_dir, name, close == '"');
    }
}

static void read_file(Scan *scan, const char *path, const char *apparent_dir)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return;
    char *text = NULL;
    struct stat info;
    if (fstat(fileno(f), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
        info.st_size <= MAX_HEADER_BYTES) {
        text = checked_alloc(malloc((size_t)info.st_size));
        size_t size = fread(text, 1, (size_t)info.st_size, f);
        char dir[PATH_MAX];
        snprintf(dir, sizeof(dir), "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            dir[1] = '\0';
        else if (slash != NULL)
            *slash = '\0';
        if (!strings_has(&scan->folders, dir))
            strings_add(&scan->folders, dir);
        scan->map->files_read++;
        read_includes(scan, dir, apparent_dir, text, size);
    }
    free(text);
    fclose(f);
}

/* The folders of the compiler's own headers and of -isystem. */
static void find_system_dirs(Scan *scan)
{
    for (size_t i = 0; i + 1 < scan->args->count; i++) {
        const char *flag = scan->args->items[i];
        const char *value = scan->args->items[i + 1];
        char real[PATH_MAX];
        if (strcmp(flag, "-resource-dir") == 0) {
            char include[PATH_MAX + 16];
            snprintf(include, sizeof(include), "%s/include", value);
            if (realpath(include, real) != NULL)
                strings_add(&scan->system_dirs, real);
        } else if (strcmp(flag, "-isystem") == 0 && realpath(value, real) != NULL) {
            strings_add(&scan->system_dirs, real);
        }
    }
}

void include_map_scan(IncludeMap *map, FileCache *cache, PathMemo *paths,
                      const char *main_path, const ArgList *args, const char *empty_file)
{
    Scan scan;
    memset(&scan, 0, sizeof(scan));
    scan.empty_file = empty_file;
    scan.paths = paths;
    scan.map = map;
    scan.cache = cache;
    scan.asked = file_cache_new();
    scan.args = args;
    scan.dirs = source_include_dirs(args, NULL, &scan.dir_count);
    find_system_dirs(&scan);
    char real[PATH_MAX];
    if (realpath(main_path, real) != NULL)
        queue_file(&scan, real, real);
    for (size_t next = 0; next < scan.queue.count; next++)
        read_file(&scan, scan.queue.items[next], scan.apparent.items[next]);
    free(scan.dirs);
    strings_free(&scan.system_dirs);
    strings_free(&scan.queue);
    file_cache_free(scan.asked);
    strings_free(&scan.apparent);
    strings_free(&scan.folders);
}
