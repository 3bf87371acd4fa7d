/* project_sources.c - the WDK build utility's `sources` and `dirs` files
 * (see project.h), read with project_nmake.h.
 *
 * The build utility runs nmake on makefile.def, which sets the build's
 * variables for the configuration, includes the folder's `sources` file
 * and turns SOURCES, INCLUDES, C_DEFINES and TARGETTYPE into cl.exe
 * command lines. Here the variables a `sources` file may test are
 * predefined for the configuration chosen, the file is read, and those
 * four macros become the sources and their front-end arguments; what
 * makefile.def itself would add comes from the BuildEnvironment.
 */
#define _POSIX_C_SOURCE 200809L

#include "project.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "memory.h"
#include "project_nmake.h"

/* How many `sources` files the `dirs` files below one may name. */
#define MAX_SOURCES_FILES 4096
/* How many words one SOURCES list may hold (each is looked up on disk). */
#define MAX_SOURCE_WORDS 16384
#define SHOWN 160

/* The configuration read. */
typedef struct Choice {
    const char *platform; /* canonical */
    SourcesPlatform arch; /* what the build utility calls it */
    bool debug;           /* a checked build */
    bool default_configuration;
    bool default_platform;
} Choice;

static bool is_empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

__attribute__((format(printf, 5, 6)))
static int fail(char *err, size_t err_size, const char *file, unsigned line, const char *fmt, ...)
{
    if (err == NULL || err_size == 0)
        return -1;
    int used = line > 0 ? snprintf(err, err_size, "%s:%u: ", file, line)
                        : snprintf(err, err_size, "%s: ", file);
    if (used < 0 || (size_t)used >= err_size)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + used, err_size - (size_t)used, fmt, ap);
    va_end(ap);
    return -1;
}

static int resolve_choice(const char *path, const BuildChoice *choice,
                          const BuildEnvironment *env, Choice *c, char *err, size_t err_size)
{
    memset(c, 0, sizeof *c);
    const char *configuration = choice != NULL ? choice->configuration : NULL;
    const char *platform = choice != NULL ? choice->platform : NULL;
    c->default_configuration = is_empty(configuration);
    c->debug = !c->default_configuration && build_environment_is_debug(configuration);
    c->default_platform = is_empty(platform);
    c->platform = build_environment_platform(env, c->default_platform ? "x64" : platform);
    char shown[SHOWN];
    if (c->platform == NULL)
        return fail(err, err_size, path, 0, "platform '%s' is not one the build environment knows",
                    nmake_shown(c->default_platform ? "x64" : platform, shown, sizeof shown));
    if (!build_environment_sources_platform(env, c->platform, &c->arch))
        return fail(err, err_size, path, 0,
                    "platform '%s' is not one the WDK build utility builds for",
                    nmake_shown(c->platform, shown, sizeof shown));
    return 0;
}

/* What the build environment (setenv.bat and makefile.def) has defined
 * by the time it reads a `sources` file, so that its !if lines work. */
static void predefine(Nmake *nm, const Choice *c)
{
    nmake_define(nm, "_BUILDARCH", c->arch.build_arch);
    nmake_define(nm, c->arch.arch_macro, "1");
    nmake_define(nm, "TARGET_DIRECTORY", c->arch.target_directory);
    nmake_define(nm, "FREEBUILD", c->debug ? "0" : "1");
    if (c->debug)
        nmake_define(nm, "DBG", "1");
    nmake_define(nm, "DDKBUILDENV", c->debug ? "chk" : "fre");
    nmake_define(nm, "NTDEBUG", c->debug ? "ntsd" : "ntsdnodbg");
    char alt[64];
    snprintf(alt, sizeof alt, "%s_win7_%s", c->debug ? "chk" : "fre", c->arch.build_arch);
    nmake_define(nm, "BUILD_ALT_DIR", alt);
    /* _NT_TARGET_VERSION and its named values are the build environment's
     * variables (build_environment_sources_variable). */
}

/* ---- words ------------------------------------------------------------- */

/* The next word of *p, or NULL at the end: words are separated by blanks
 * (and by ';' with `semicolons`); double quotes group and are removed;
 * with `escapes`, \" is a quote (as in a cl.exe command line). */
static char *next_word(const char **p, bool semicolons, bool escapes)
{
    const char *s = *p;
    while (*s != '\0' && (isspace((unsigned char)*s) || (semicolons && *s == ';')))
        s++;
    if (*s == '\0') {
        *p = s;
        return NULL;
    }
    char *word = checked_alloc(malloc(strlen(s) + 1));
    size_t n = 0;
    bool quoted = false;
    while (*s != '\0' &&
           (quoted || !(isspace((unsigned char)*s) || (semicolons && *s == ';')))) {
        if (escapes && s[0] == '\\' && s[1] == '"') {
            word[n++] = '"';
            s += 2;
        } else if (*s == '"') {
            quoted = !quoted;
            s++;
        } else {
            word[n++] = *s++;
        }
    }
    word[n] = '\0';
    *p = s;
    return word;
}

static char *trimmed_value(Nmake *nm, const char *macro)
{
    char *value = nmake_value(nm, macro);
    if (value == NULL)
        return NULL;
    const char *p = value;
    char *word = next_word(&p, false, false);
    free(value);
    return word;
}

/* ---- arguments --------------------------------------------------------- */

static bool ends_with_case(const char *text, const char *suffix)
{
    size_t n = strlen(text);
    size_t m = strlen(suffix);
    return n > m && strcasecmp(text + n - m, suffix) == 0;
}

/* NAME, NAME=value or NAME#value (cl's spelling of '='). */
static bool macro_item(const char *item, bool undef)
{
    if (!isalpha((unsigned char)item[0]) && item[0] != '_')
        return false;
    size_t i = 1;
    while (isalnum((unsigned char)item[i]) || item[i] == '_')
        i++;
    if (undef)
        return item[i] == '\0';
    return item[i] == '\0' || item[i] == '=' || item[i] == '#';
}

static void add_unique(ArgList *args, const char *arg)
{
    for (size_t i = 0; i < args->count; i++) {
        if (strcmp(args->items[i], arg) == 0)
            return;
    }
    arg_list_add(args, arg);
}

/* The -D and -U items of `macro` (C_DEFINES, USER_C_FLAGS), /D and /U as
 * well, with the name in the same word or the next; other options are
 * not the parser's and are left alone. */
static void add_defines(Nmake *nm, const char *macro, ArgList *args)
{
    char *value = nmake_value(nm, macro);
    if (value == NULL)
        return;
    const char *file;
    unsigned line;
    nmake_where(nm, macro, &file, &line);
    const char *p = value;
    for (char *word = next_word(&p, false, true); word != NULL;
         word = next_word(&p, false, true)) {
        bool flag = (word[0] == '-' || word[0] == '/') && (word[1] == 'D' || word[1] == 'U');
        if (flag) {
            bool undef = word[1] == 'U';
            char *next = word[2] == '\0' ? next_word(&p, false, true) : NULL;
            const char *item = word[2] != '\0' ? word + 2 : next != NULL ? next : "";
            char shown[SHOWN];
            if (macro_item(item, undef)) {
                size_t n = strlen(item) + 3;
                char *arg = checked_alloc(malloc(n));
                snprintf(arg, n, "-%c%s", undef ? 'U' : 'D', item);
                char *hash = strchr(arg, '#');
                if (!undef && hash != NULL && strchr(arg, '=') == NULL)
                    *hash = '=';
                arg_list_add(args, arg);
                free(arg);
            } else {
                nmake_warn(nm, file, line, "%s: '%s' names no macro; left out", macro,
                           nmake_shown(item, shown, sizeof shown));
            }
            free(next);
        }
        free(word);
    }
    free(value);
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* INCLUDES, each folder as -I. An absolute folder is the WDK's (its
 * variables expand to nothing here) or another machine's: left out. A
 * relative one that is not here yet (the build's $(O)) is kept. */
static void add_includes(Nmake *nm, const char *dir, ArgList *args)
{
    char *value = nmake_value(nm, "INCLUDES");
    if (value == NULL)
        return;
    const char *p = value;
    for (char *word = next_word(&p, true, false); word != NULL;
         word = next_word(&p, true, false)) {
        bool found;
        char *path = nmake_path_is_absolute(word) ? NULL : nmake_path_find(dir, word, &found);
        if (path != NULL && (!found || is_folder(path))) {
            size_t n = strlen(path) + 3;
            char *arg = checked_alloc(malloc(n));
            snprintf(arg, n, "-I%s", path);
            add_unique(args, arg);
            free(arg);
        }
        free(path);
        free(word);
    }
    free(value);
}

/* The build compiles each source against the precompiled header that
 * PRECOMPILED_INCLUDE names, made from that header in the sources file's
 * own folder: a source elsewhere (`..\\mp_main.c`) that includes it by name
 * finds it there. */
static void add_precompiled_folder(Nmake *nm, const char *dir, ArgList *args)
{
    char *header = trimmed_value(nm, "PRECOMPILED_INCLUDE");
    if (header == NULL)
        return;
    size_t n = strlen(dir) + 3;
    char *arg = checked_alloc(malloc(n));
    snprintf(arg, n, "-I%s", dir);
    add_unique(args, arg);
    free(arg);
    free(header);
}

static void add_target_version(Nmake *nm, const BuildEnvironment *env, ArgList *args)
{
    char *version = trimmed_value(nm, "_NT_TARGET_VERSION");
    const char *file;
    unsigned line;
    nmake_where(nm, "_NT_TARGET_VERSION", &file, &line);
    char shown[SHOWN];
    if (version == NULL)
        nmake_warn(nm, file, line, "_NT_TARGET_VERSION is empty; no version macros added");
    else if (!build_environment_target_version_args(env, version, args))
        nmake_warn(nm, file, line,
                   "_NT_TARGET_VERSION %s is not a version the tool knows; no version macros "
                   "added",
                   nmake_shown(version, shown, sizeof shown));
    free(version);
}

static void add_driver_type(Nmake *nm, const BuildEnvironment *env, ArgList *args)
{
    char *type = trimmed_value(nm, "TARGETTYPE");
    const char *file;
    unsigned line;
    nmake_where(nm, "TARGETTYPE", &file, &line);
    char shown[SHOWN];
    if (type == NULL) {
        nmake_warn(nm, file, line, "no TARGETTYPE; no driver-type macros added");
    } else if (!build_environment_driver_type_args(env, type, args)) {
        nmake_warn(nm, file, line,
                   "TARGETTYPE %s is not one the tool knows; no driver-type macros added",
                   nmake_shown(type, shown, sizeof shown));
    } else if (build_environment_is_user_mode(env, type)) {
        nmake_warn(nm, file, line,
                   "TARGETTYPE %s is a user-mode target, not a kernel-mode driver; its "
                   "sources are read all the same",
                   nmake_shown(type, shown, sizeof shown));
    }
    free(type);
}

/* ---- sources ----------------------------------------------------------- */

/* The sources the parser reads; resources, message files and assembly
 * are the build's only. */
static bool analysable(const char *name)
{
    static const char *const extensions[] = {".c", ".cpp", ".cxx", ".cc"};
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        if (ends_with_case(name, extensions[i]))
            return true;
    }
    return false;
}

static bool has_file(const Project *out, const char *path)
{
    for (size_t i = 0; i < out->files.count; i++) {
        if (strcmp(out->files.entries[i].file, path) == 0)
            return true;
    }
    return false;
}

/* Adds the analysable sources `macro` lists; returns how many. */
static size_t add_sources(Nmake *nm, const char *macro, const char *dir, const ArgList *args,
                          Project *out)
{
    char *value = nmake_value(nm, macro);
    if (value == NULL)
        return 0;
    const char *file;
    unsigned line;
    nmake_where(nm, macro, &file, &line);
    size_t added = 0;
    size_t words = 0;
    const char *p = value;
    for (char *word = next_word(&p, false, false); word != NULL;
         word = next_word(&p, false, false)) {
        char shown[SHOWN];
        if (++words > MAX_SOURCE_WORDS) {
            nmake_warn(nm, file, line, "%s lists more than %d files; the rest are left out",
                       macro, MAX_SOURCE_WORDS);
            free(word);
            break;
        }
        bool found = false;
        char *path = NULL;
        if (!analysable(word)) {
            /* not the parser's */
        } else if (nmake_path_is_absolute(word)) {
            nmake_warn(nm, file, line, "%s names %s, an absolute path; left out", macro,
                       nmake_shown(word, shown, sizeof shown));
        } else if ((path = nmake_path_find(dir, word, &found)) == NULL || !found ||
                   !is_regular(path)) {
            nmake_warn(nm, file, line, "%s names %s, which is not in the tree; left out", macro,
                       nmake_shown(word, shown, sizeof shown));
        } else if (!has_file(out, path)) {
            project_add_file(out, path, dir, args);
            added++;
        }
        free(path);
        free(word);
    }
    free(value);
    return added;
}

/* Says which configuration was assumed, before what the read said (at
 * `first`): it explains those. */
static void note_defaults(ToolMessageList *messages, size_t first, const char *file,
                          const Choice *c)
{
    if (messages == NULL || (!c->default_configuration && !c->default_platform))
        return;
    SourceLoc loc = {file, 0, 0};
    const char *build = c->debug ? "checked (Debug)" : "free (Release)";
    if (c->default_configuration)
        tool_message_add(messages, LEVEL_WARNING, loc,
                         "no configuration given; reading it as a %s %s build", build,
                         c->platform);
    else
        tool_message_add(messages, LEVEL_WARNING, loc,
                         "no platform given; reading it as a %s %s build", build, c->platform);
    ToolMessage note = messages->items[messages->count - 1];
    memmove(&messages->items[first + 1], &messages->items[first],
            (messages->count - 1 - first) * sizeof note);
    messages->items[first] = note;
}

/* What was read becomes the project: its arguments in the build's order
 * (platform, target version, driver type, C_DEFINES, USER_C_FLAGS,
 * INCLUDES), given to each source. */
static int take_project(Nmake *nm, const Choice *c, const BuildEnvironment *env, Project *out,
                        ToolMessageList *messages, size_t first, char *err, size_t err_size)
{
    const char *top = nmake_top_file(nm);
    out->kind = PROJECT_SOURCES;
    out->path = checked_alloc(strdup(top));
    out->files.path = checked_alloc(strdup(top));
    char configuration[64];
    snprintf(configuration, sizeof configuration, "%s|%s", c->debug ? "Debug" : "Release",
             c->platform);
    out->configuration = checked_alloc(strdup(configuration));
    note_defaults(messages, first, top, c);

    ArgList args = {NULL, 0, 0};
    build_environment_platform_args(env, c->platform, c->debug, &args);
    add_target_version(nm, env, &args);
    add_driver_type(nm, env, &args);
    add_defines(nm, "C_DEFINES", &args);
    add_defines(nm, "USER_C_FLAGS", &args);
    char *dir = nmake_folder_of(top);
    add_includes(nm, dir, &args);
    add_precompiled_folder(nm, dir, &args);

    char platform_sources[32];
    snprintf(platform_sources, sizeof platform_sources, "%s_SOURCES", c->arch.sources_prefix);
    size_t added = add_sources(nm, "SOURCES", dir, &args, out);
    added += add_sources(nm, platform_sources, dir, &args, out);
    free(dir);
    arg_list_free(&args);
    if (added > 0)
        return 0;
    const char *file;
    unsigned line;
    if (!nmake_where(nm, "SOURCES", &file, &line))
        return fail(err, err_size, top, 0, "no SOURCES: nothing to analyse");
    return fail(err, err_size, file, line, "SOURCES lists no C or C++ source to analyse");
}

/* A failed read leaves the project empty; the warnings it gave pointed at
 * its names, so they take the place into their text instead. */
static void detach_messages(ToolMessageList *messages, size_t first, Project *out)
{
    for (size_t i = first; messages != NULL && i < messages->count; i++) {
        ToolMessage *m = &messages->items[i];
        bool ours = false;
        for (size_t k = 0; k < out->read_count && !ours; k++)
            ours = m->loc.file == out->read[k];
        if (!ours)
            continue;
        size_t n = strlen(m->loc.file) + strlen(m->message) + 32;
        char *text = checked_alloc(malloc(n));
        if (m->loc.line > 0)
            snprintf(text, n, "%s:%u: %s", m->loc.file, m->loc.line, m->message);
        else
            snprintf(text, n, "%s: %s", m->loc.file, m->message);
        free(m->message);
        m->message = text;
        m->loc.file = NULL;
        m->loc.line = 0;
    }
    compile_db_free(&out->files);
    for (size_t k = 0; k < out->read_count; k++)
        free(out->read[k]);
    free(out->read);
    free(out->path);
    free(out->configuration);
    memset(out, 0, sizeof *out);
}

int sources_load(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                 Project *out, ToolMessageList *messages, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    Choice c;
    if (resolve_choice(path, choice, env, &c, err, err_size) != 0)
        return -1;
    size_t first = messages != NULL ? messages->count : 0;
    Nmake *nm = nmake_new(env, out, messages);
    predefine(nm, &c);
    int rc = nmake_read(nm, path, err, err_size);
    if (rc == 0)
        rc = take_project(nm, &c, env, out, messages, first, err, err_size);
    nmake_free(nm);
    if (rc != 0)
        detach_messages(messages, first, out);
    return rc;
}

/* ---- dirs -------------------------------------------------------------- */

typedef struct Walk {
    const BuildEnvironment *env;
    const Choice *choice;
    ToolMessageList *messages;
    char **paths;
    size_t count;
    const char *stack[NMAKE_MAX_DEPTH]; /* the dirs files being read */
    size_t depth;
    bool full;                          /* MAX_SOURCES_FILES met, and said */
    char *err;
    size_t err_size;
} Walk;

static int walk(Walk *w, const char *path);

/* `name` in `folder` in any case, when it is a regular file. */
static char *file_in(const char *folder, const char *name)
{
    bool found;
    char *path = nmake_path_find(folder, name, &found);
    if (path != NULL && found && is_regular(path))
        return path;
    free(path);
    return NULL;
}

static bool walking(const Walk *w, const char *path)
{
    for (size_t i = 0; i < w->depth; i++) {
        if (strcmp(w->stack[i], path) == 0)
            return true;
    }
    return false;
}

static void add_sources_file(Walk *w, Nmake *nm, const char *file, unsigned line, char *path)
{
    for (size_t i = 0; i < w->count; i++) {
        if (strcmp(w->paths[i], path) == 0) {
            free(path);
            return;
        }
    }
    if (w->count == MAX_SOURCES_FILES) {
        nmake_warn(nm, file, line, "more than %d sources files; the rest are left out",
                   MAX_SOURCES_FILES);
        w->full = true;
        free(path);
        return;
    }
    w->paths = xrealloc(w->paths, w->count + 1, sizeof *w->paths);
    w->paths[w->count++] = path;
}

/* One folder a DIRS or OPTIONAL_DIRS list names: its own `dirs` file is
 * followed down, else its `sources` file is listed. */
static int walk_entry(Walk *w, Nmake *nm, const char *macro, const char *file, unsigned line,
                      const char *dir, const char *word)
{
    char shown[SHOWN];
    nmake_shown(word, shown, sizeof shown);
    bool found = false;
    char *folder = nmake_path_find(dir, word, &found);
    int rc = 0;
    if (folder == NULL) {
        nmake_warn(nm, file, line, "%s names %s, an absolute path; skipped", macro, shown);
    } else if (!found || !is_folder(folder)) {
        nmake_warn(nm, file, line, "%s names %s, which is not a folder here; skipped", macro,
                   shown);
    } else {
        char *dirs = file_in(folder, "dirs");
        char *sources = dirs == NULL ? file_in(folder, "sources") : NULL;
        if (dirs != NULL && walking(w, dirs))
            nmake_warn(nm, file, line,
                       "%s names %s, whose dirs file is being read already (a cycle); skipped",
                       macro, shown);
        else if (dirs != NULL && w->depth >= NMAKE_MAX_DEPTH)
            nmake_warn(nm, file, line, "%s names %s: dirs files nest more than %d deep; skipped",
                       macro, shown, NMAKE_MAX_DEPTH);
        else if (dirs != NULL)
            rc = walk(w, dirs);
        else if (sources != NULL)
            add_sources_file(w, nm, file, line, sources);
        else
            nmake_warn(nm, file, line,
                       "%s names %s, a folder with neither a dirs nor a sources file; skipped",
                       macro, shown);
        free(dirs);
    }
    free(folder);
    return rc;
}

static int walk_list(Walk *w, Nmake *nm, const char *macro, const char *dir)
{
    char *value = nmake_value(nm, macro);
    if (value == NULL)
        return 0;
    const char *file;
    unsigned line;
    nmake_where(nm, macro, &file, &line);
    int rc = 0;
    const char *p = value;
    for (char *word = next_word(&p, false, false); word != NULL;
         word = next_word(&p, false, false)) {
        if (rc == 0 && !w->full)
            rc = walk_entry(w, nm, macro, file, line, dir, word);
        free(word);
    }
    free(value);
    return rc;
}

static int walk(Walk *w, const char *path)
{
    Nmake *nm = nmake_new(w->env, NULL, w->messages);
    predefine(nm, w->choice);
    int rc = nmake_read(nm, path, w->err, w->err_size);
    if (rc == 0) {
        const char *top = nmake_top_file(nm);
        char *dir = nmake_folder_of(top);
        w->stack[w->depth++] = top;
        rc = walk_list(w, nm, "DIRS", dir);
        if (rc == 0)
            rc = walk_list(w, nm, "OPTIONAL_DIRS", dir);
        w->depth--;
        free(dir);
    }
    nmake_free(nm);
    return rc;
}

int dirs_list_sources(const char *path, const BuildChoice *choice, const BuildEnvironment *env,
                      char ***paths, size_t *count, ToolMessageList *messages, char *err,
                      size_t err_size)
{
    *paths = NULL;
    *count = 0;
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    Choice c;
    if (resolve_choice(path, choice, env, &c, err, err_size) != 0)
        return -1;
    Walk w;
    memset(&w, 0, sizeof w);
    w.env = env;
    w.choice = &c;
    w.messages = messages;
    w.err = err;
    w.err_size = err_size;
    if (walk(&w, path) != 0) {
        for (size_t i = 0; i < w.count; i++)
            free(w.paths[i]);
        free(w.paths);
        return -1;
    }
    *paths = w.paths;
    *count = w.count;
    return 0;
}
