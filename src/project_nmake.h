/* project_nmake.h - the nmake language of the WDK build utility's
 * `sources` and `dirs` files: macros, line continuations, comments and
 * the !if / !include directives, read the way nmake reads them, with none
 * of nmake's rules or commands (nothing is ever run).
 *
 * The files are untrusted input: each file read is checked for kind, size
 * and NUL bytes; includes are read only when they are relative to the
 * including file, nested at most NMAKE_MAX_DEPTH deep and not cyclic;
 * expansions are bounded in depth, length and work, so a hostile file
 * costs a warning, never a hang. The process environment is never
 * consulted: the build utility's own variables come from the
 * BuildEnvironment (build_environment_sources_variable).
 *
 * Messages: with a Project to record into, every file read is added to
 * its `read` list and warnings point at those strings (they live as long
 * as the project). Without one, a warning names its file and line in its
 * text and has no location, since the reader's strings die with it.
 *
 * Ownership: an Nmake owns its macros and the names of the files it read
 * (when it records into no project); nmake_free() releases them.
 */
#ifndef NDISLINT_PROJECT_NMAKE_H
#define NDISLINT_PROJECT_NMAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "project.h"
#include "project_environment.h"

/* How large a file may be, and how deep includes may nest (the file
 * given counts as the first level). */
#define NMAKE_MAX_FILE_SIZE (1024u * 1024u)
#define NMAKE_MAX_DEPTH 16

typedef struct Nmake Nmake;

/* `record` may be NULL (see above); `messages` may be NULL too. */
Nmake *nmake_new(const BuildEnvironment *env, Project *record, ToolMessageList *messages);
void nmake_free(Nmake *nm);

/* Defines a macro before any file is read, as the build environment does
 * (a file may redefine it). `value` is taken unexpanded. */
void nmake_define(Nmake *nm, const char *name, const char *value);

/* Reads `path` and what it includes. Returns 0, or -1 with `err`
 * "PATH:LINE: problem" ("PATH: problem" where no line applies). */
int nmake_read(Nmake *nm, const char *path, char *err, size_t err_size);

/* The real path of the file nmake_read read, as stored (in the project's
 * `read` list when recording): it lives as long as the project, or the
 * reader. NULL before a successful read. */
const char *nmake_top_file(const Nmake *nm);

/* The value of macro `name` with every macro in it expanded (malloc'd),
 * or NULL when the file does not define it and the build environment has
 * no such variable. Problems in the expansion are warned about at the
 * macro's definition. */
char *nmake_value(Nmake *nm, const char *name);

/* Where macro `name` was last defined by a file read: the stored name of
 * the file and the line. False for predefined, environment and undefined
 * macros (then *file is the top file and *line 0). */
bool nmake_where(const Nmake *nm, const char *name, const char **file, unsigned *line);

/* Adds a warning about `file`:`line` (a name nmake_where or
 * nmake_top_file gave; line 0 for none), in the reader's message style.
 * After a number of them, the rest are left out with one last warning,
 * so that a hostile file cannot flood the output. */
void nmake_warn(Nmake *nm, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Text from a file made fit for a message: at most a line's worth,
 * control and non-ASCII bytes replaced by '?'. Writes into `buf`. */
const char *nmake_shown(const char *text, char *buf, size_t size);

/* Whether a name the files give is absolute for Windows ("C:\x", "\x",
 * "/x"): such a name is the WDK's or another machine's, never the
 * tree's. */
bool nmake_path_is_absolute(const char *name);

/* The folder of `path` ("." for a bare name). Caller frees. */
char *nmake_folder_of(const char *path);

/* `name` (relative, with '\' or '/' separators, in any case) found below
 * the folder `dir` (absolute, real): each component that does not exist
 * in the exact case is matched case-insensitively, as Windows would.
 * Returns the real path with *found true, or the deepest real folder
 * with the rest appended lexically and *found false; NULL for an
 * absolute name. malloc'd. */
char *nmake_path_find(const char *dir, const char *name, bool *found);

#endif
