/* project_msbuild.h - MSBuild's evaluation of properties and conditions,
 * as far as reading a driver's .vcxproj needs it, and the only ways the
 * project readers touch the file system.
 *
 * Properties are stored already expanded, as MSBuild stores them: a value
 * is expanded once, when it is assigned, so `<A>$(A)$(A)</A>` doubles the
 * old value instead of recursing; what an expansion adds to the text is
 * capped, and so are the table and the bytes it holds. What cannot be evaluated here (property functions $([...]),
 * the registry, items @(...) where they would matter) expands to nothing,
 * with a warning naming the text. No environment variable is consulted:
 * MSBuild would read them as properties, but a build on another machine,
 * or an untrusted pull request, must read the same project the same way.
 *
 * Paths in project files use `\` and may name a file in another case than
 * the disk has (Windows does not care): msb_path_join() turns them into
 * absolute POSIX paths, msb_path_find() finds the spelling that exists.
 * Nothing under /proc, /dev or /sys is ever found, so that no condition or
 * import can reach into them.
 *
 * Ownership: an MsbEval owns its properties and the texts it warned about;
 * msb_free() releases them. Strings returned by msb_expand(), msb_path_*
 * and msb_read_file() are the caller's.
 */
#ifndef NDISLINT_PROJECT_MSBUILD_H
#define NDISLINT_PROJECT_MSBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

#define MSB_FILE_MAX ((size_t)8 << 20)      /* a project file or import */
#define MSB_VALUE_MAX ((size_t)64 << 10)    /* what expanding one value may
                                               add to the text written */
#define MSB_PROPERTY_MAX ((size_t)100000)   /* properties of one project */
#define MSB_WARNING_MAX ((size_t)200)       /* warnings of one project */
#define MSB_STORE_MAX ((size_t)256 << 20)   /* all property values together */

/* Reads a project file whole: a regular file of at most MSB_FILE_MAX
 * bytes, with no NUL byte (a UTF-8 BOM is allowed; UTF-16 is refused
 * by name). Returns 0 with a malloc'd, NUL-terminated text, or -1 with
 * `err` ("PATH: problem", "PATH:LINE: NUL byte"). */
int msb_read_file(const char *path, char **text, size_t *size, char *err, size_t err_size);

/* `path` as a file of a project in folder `dir` (absolute) would name it:
 * `\` becomes `/`, a relative path is taken against `dir`, `.` and `..`
 * are resolved lexically. Caller frees. */
char *msb_path_join(const char *dir, const char *path);

/* The spelling of the absolute, normalised `path` that exists: the path
 * itself, or each missing component matched in any case (the smallest
 * match in byte order when several are). NULL when there is none, and
 * for anything that is or resolves into /proc, /dev or /sys. Caller
 * frees. */
char *msb_path_find(const char *path);

/* Whether `path` (absolute, normalised) is in /proc, /dev or /sys, in any
 * case, or resolves into them through a link: nothing the project names
 * there is read, looked at or handed on. */
bool msb_path_forbidden(const char *path);

/* What a `%(...)` reference means where a text is expanded. */
typedef enum MsbMetaMode {
    MSB_META_KEEP,   /* left as written (property values) */
    MSB_META_EMPTY,  /* nothing, with a warning (conditions, item lists) */
    MSB_META_LOOKUP, /* the value `lookup` gives (metadata) */
} MsbMetaMode;

typedef struct MsbMeta {
    MsbMetaMode mode;
    /* The value of metadata `name` (`length` bytes, maybe "Type.Name"),
     * or NULL when it has none. */
    const char *(*lookup)(void *context, const char *name, size_t length);
    void *context;
} MsbMeta;

typedef struct MsbProperty {
    char *name;
    char *value;
    bool fixed; /* a global or reserved property: the file cannot set it */
} MsbProperty;

typedef struct MsbEval {
    MsbProperty *slots;     /* open-addressed, case-insensitive names */
    size_t slot_count;
    size_t count;
    size_t stored_bytes;    /* of all values, against MSB_STORE_MAX */
    char *project_dir;      /* absolute, no trailing `/`: Exists() is
                               relative to it */
    const char *file;       /* the file being read, absolute; messages point
                               at it, so it outlives them */
    char *file_dir;         /* its folder, with a trailing `/` */
    char *file_stem;        /* its name without the extension */
    ToolMessageList *messages;
    char **warned;          /* message texts already given */
    size_t warned_count;
    bool unevaluable;       /* an expansion met what it cannot evaluate */
} MsbEval;

void msb_init(MsbEval *ev, const char *project_dir, ToolMessageList *messages);
void msb_free(MsbEval *ev);

/* Makes `file` (absolute, long-lived) the file being read: the one
 * $(MSBuildThisFile...) and warnings name. */
void msb_set_file(MsbEval *ev, const char *file);

/* Sets a property. A fixed one is never changed again; the file's own
 * assignment to it is ignored, as MSBuild ignores assignments to global
 * properties. */
void msb_set(MsbEval *ev, const char *name, const char *value, bool fixed, unsigned line);

/* The value of a property (the $(MSBuildThisFile...) family included),
 * or NULL when it is not defined. */
const char *msb_get(const MsbEval *ev, const char *name);

/* `text` with its $(...), @(...) and %(...) references expanded (still
 * MSBuild-escaped: see msb_unescape). `line` is where it was written, for
 * warnings. Caller frees. */
char *msb_expand(MsbEval *ev, const char *text, unsigned line, const MsbMeta *meta);

/* Whether `text` starts with a reference $(Name) to a property that is
 * empty or undefined: a path that starts so names a tree of the WDK or
 * Visual Studio, not one of the project's. */
bool msb_starts_with_empty_property(const MsbEval *ev, const char *text);

/* A `;` list of paths (AdditionalIncludeDirectories, ForcedIncludeFiles)
 * expanded entry by entry, leaving out the entries that start with an
 * empty property (msb_starts_with_empty_property) and those that expand
 * to nothing. Caller frees. */
char *msb_expand_path_list(MsbEval *ev, const char *text, unsigned line, const MsbMeta *meta);

/* Evaluates a Condition attribute; an empty one is true. One that cannot
 * be parsed or evaluated is false, with a warning naming it. */
bool msb_condition(MsbEval *ev, const char *condition, unsigned line, const MsbMeta *meta);

/* Undoes MSBuild's %XX escapes in place (%3B is `;`, %24 is `$`). */
void msb_unescape(char *text);

/* A warning at `line` of the file being read, given once per text and at
 * most MSB_WARNING_MAX times per evaluation. */
void msb_warn(MsbEval *ev, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
