/* project_sln.c - the .vcxproj projects a Visual Studio solution lists;
 * see project.h.
 *
 * A .sln is text: a line
 *     Project("{TYPE-GUID}") = "Name", "relative\path\x.vcxproj", "{GUID}"
 * per project. Solution folders (their type is 2150E333-...) and projects
 * of other kinds (.csproj, web sites) are skipped; a .vcxproj listed that
 * is not there is named in a warning. The solution's configurations are
 * not mapped onto the projects': each project is read with the choice the
 * user gave.
 *
 * The messages carry no file: nothing owned outlives this call to point
 * at, so the solution's path and line are in their text.
 */
#include "project.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memory.h"
#include "project_msbuild.h"

#define SOLUTION_FOLDER "2150E333-8FDC-42A3-9474-1A3956D46DE8"
#define SLN_PROJECT_MAX ((size_t)10000)

typedef struct Sln {
    const char *path;
    char *dir;
    ToolMessageList *messages;
    char **paths;
    size_t count;
    size_t listed; /* .vcxproj lines, found or not */
} Sln;

static void skip_space(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

static bool expect(const char **p, char c)
{
    skip_space(p);
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* A "quoted" field; its text malloc'd in `out`. */
static bool quoted(const char **p, char **out)
{
    if (!expect(p, '"'))
        return false;
    const char *end = strchr(*p, '"');
    if (end == NULL)
        return false;
    *out = xstrndup(*p, (size_t)(end - *p));
    *p = end + 1;
    return true;
}

static void warn(Sln *s, unsigned line, const char *what)
{
    SourceLoc loc = {NULL, 0, 0};
    tool_message_add(s->messages, LEVEL_WARNING, loc, "%s:%u: %s", s->path, line, what);
}

static bool ends_with_case(const char *text, const char *suffix)
{
    size_t n = strlen(text);
    size_t m = strlen(suffix);
    return n >= m && strcasecmp(text + n - m, suffix) == 0;
}

static bool listed_already(const Sln *s, const char *path)
{
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->paths[i], path) == 0)
            return true;
    }
    return false;
}

static void add_project(Sln *s, const char *written, unsigned line)
{
    s->listed++;
    char *joined = msb_path_join(s->dir, written);
    char *found = msb_path_find(joined);
    char real[PATH_MAX];
    if (found == NULL || realpath(found, real) == NULL) {
        char text[PATH_MAX + 64];
        snprintf(text, sizeof text, "project %s not found; left out", written);
        warn(s, line, text);
    } else if (s->count == SLN_PROJECT_MAX) {
        warn(s, line, "more than 10000 projects; the rest are left out");
    } else if (!listed_already(s, real)) {
        /* Doubling: a list of thousands is not copied each time. */
        if ((s->count & (s->count - 1)) == 0)
            s->paths = xrealloc(s->paths, s->count ? s->count * 2 : 1, sizeof(*s->paths));
        s->paths[s->count++] = checked_alloc(strdup(real));
    }
    free(found);
    free(joined);
}

/* One `Project(...) = ...` line (from after "Project("). */
static void read_project_line(Sln *s, const char *p, unsigned line)
{
    char *type = NULL, *name = NULL, *path = NULL, *guid = NULL;
    bool ok = quoted(&p, &type) && expect(&p, ')') && expect(&p, '=') && quoted(&p, &name) &&
              expect(&p, ',') && quoted(&p, &path) && expect(&p, ',') && quoted(&p, &guid);
    if (!ok)
        warn(s, line, "a Project line that cannot be read; left out");
    else if (strcasestr(type, SOLUTION_FOLDER) == NULL && ends_with_case(path, ".vcxproj"))
        add_project(s, path, line);
    free(type);
    free(name);
    free(path);
    free(guid);
}

static void read_lines(Sln *s, char *text)
{
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    unsigned line = 1;
    while (*p != '\0') {
        char *end = strchr(p, '\n');
        if (end != NULL)
            *end = '\0';
        size_t n = strlen(p);
        if (n > 0 && p[n - 1] == '\r')
            p[n - 1] = '\0';
        const char *q = p;
        while (isspace((unsigned char)*q))
            q++;
        if (strncmp(q, "Project(", 8) == 0)
            read_project_line(s, q + 8, line);
        if (end == NULL)
            break;
        p = end + 1;
        line++;
    }
}

int sln_list_projects(const char *path, char ***paths, size_t *count, ToolMessageList *messages,
                      char *err, size_t err_size)
{
    *paths = NULL;
    *count = 0;
    char real[PATH_MAX];
    if (realpath(path, real) == NULL) {
        snprintf(err, err_size, "%s: cannot read it: %s", path, strerror(errno));
        return -1;
    }
    char *text = NULL;
    size_t size = 0;
    if (msb_read_file(real, &text, &size, err, err_size) != 0)
        return -1;
    Sln s = {path, NULL, messages, NULL, 0, 0};
    char *slash = strrchr(real, '/');
    s.dir = slash == real ? checked_alloc(strdup("/")) : xstrndup(real, (size_t)(slash - real));
    read_lines(&s, text);
    free(text);
    free(s.dir);
    if (s.count == 0) {
        if (s.listed == 0)
            snprintf(err, err_size, "%s: lists no .vcxproj project", path);
        else
            snprintf(err, err_size, "%s: none of the %zu .vcxproj projects it lists is there",
                     path, s.listed);
        free(s.paths);
        return -1;
    }
    *paths = s.paths;
    *count = s.count;
    return 0;
}
