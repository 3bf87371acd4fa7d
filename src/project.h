/* project.h - driver projects as they are built.
 *
 * Driver teams have no compile_commands.json: MSBuild builds their drivers
 * from a .vcxproj (several of them in a .sln), and older trees that are
 * still maintained are built by the WDK build utility from a `sources`
 * file (found through the `dirs` files above it). A project file is read
 * into the shape of a compile database: each source the build compiles,
 * with the front-end arguments the build gives it (-I, -D, -U, -include,
 * -x, -std, --target), so that the rest of the tool does not know where
 * they came from.
 *
 * A project file is untrusted input, like a compile database: nothing in
 * it is run, nothing is loaded, and only the files a build would read are
 * read (the project's own imported .props and .targets, the `sources`
 * files that `dirs` and `!include` name), each checked for size and kind.
 * What the WDK's and Visual Studio's own imports would contribute comes
 * from rules/environment/build-environment.json (project_environment.h); what cannot
 * be evaluated is named in a warning.
 *
 * Ownership: a ProjectSet owns its projects and every string in them;
 * project_set_free() releases them. Messages point at paths it owns, so it
 * outlives them.
 */
#ifndef NDISLINT_PROJECT_H
#define NDISLINT_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "project_environment.h"
#include "source_compile_db.h"

/* The configuration asked for: "Release|x64" splits into "Release" and
 * "x64"; either may be NULL (the project's default is taken, and said). */
typedef struct BuildChoice {
    const char *configuration;
    const char *platform;
} BuildChoice;

typedef enum ProjectKind {
    PROJECT_VCXPROJ,
    PROJECT_SOURCES,
} ProjectKind;

typedef struct Project {
    ProjectKind kind;
    char *path;           /* the .vcxproj or `sources` file, absolute */
    char *configuration;  /* the one evaluated: "Release|x64" */
    CompileDb files;      /* the sources, absolute, each with its arguments
                             (files.path is `path`) */
    char **read;          /* every file read for it, absolute, in order
                             (the project file first) */
    size_t read_count;
} Project;

typedef struct ProjectSet {
    char *path;           /* what was given: .sln, .vcxproj, sources, dirs */
    Project *items;
    size_t count;
    char **left_out;      /* files read for projects left out: messages
                             about them still point here */
    size_t left_out_count;
} ProjectSet;

/* Whether `path` names a project file by its name: *.vcxproj, *.sln, or a
 * file named `sources` or `dirs` (any case). */
bool project_is_project_file(const char *path);

/* Reads `path` into `set` (which starts zeroed): a .vcxproj or `sources`
 * gives one project; a .sln every driver project it lists; a `dirs` file
 * every `sources` below it. Warnings (what was not understood, defaults
 * taken) go to `messages`. Returns 0, or -1 with `err` naming the file,
 * the line where there is one, and the problem. */
int project_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 ProjectSet *set, ToolMessageList *messages, char *err, size_t err_size);

void project_set_free(ProjectSet *set);

/* Releases one project (what a reader filled), and zeroes it. */
void project_free(Project *p);

/* Each kind's reader (project_vcxproj.c, project_sln.c, project_sources.c),
 * with the same contract as project_load. A reader fills one Project
 * (zeroed first) or a list of paths. */
int vcxproj_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 Project *out, ToolMessageList *messages, char *err, size_t err_size);
int sources_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 Project *out, ToolMessageList *messages, char *err, size_t err_size);
/* The .vcxproj files a .sln lists (absolute, in its order); `*paths` is
 * malloc'd, each string too. */
int sln_list_projects(const char *path, char ***paths, size_t *count, ToolMessageList *messages,
                      char *err, size_t err_size);
/* The `sources` files below a `dirs` file (through nested `dirs`), in the
 * order the build would visit them. */
int dirs_list_sources(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                      char ***paths, size_t *count, ToolMessageList *messages, char *err,
                      size_t err_size);

/* Shared by the readers (project_common.c). */
void project_add_read(Project *p, const char *path);
/* Adds a source with its arguments to `p->files`; `file` is made absolute
 * against `dir`, and normalised. */
void project_add_file(Project *p, const char *file, const char *dir, const ArgList *args);

#endif
