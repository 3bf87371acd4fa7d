/* source_compile_db.c - reads a compile_commands.json through libclang's
 * compilation-database API and reduces each entry's arguments to what the
 * front end needs.
 *
 * The database comes with the sources under review, so it is untrusted
 * input. Three things follow from that:
 *  - it is checked with cJSON before libclang sees it, because libclang
 *    reports a malformed file without a line and a bad entry without a
 *    name;
 *  - libclang expands response files (@file) from disk while it loads a
 *    database, so when the file holds any, libclang is given a private copy
 *    without them;
 *  - every argument passes an allow-list: what could load code, or make
 *    the parser read or write files the database names, is dropped, the
 *    dangerous ones with a warning.
 */
#define _POSIX_C_SOURCE 200809L

#include "source_compile_db.h"

#include <clang-c/CXCompilationDatabase.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json_input.h"

#define DB_FILE_NAME "compile_commands.json"

static const char loads_code[] = "it would load code into the parser";
static const char reads_files[] =
    "it would make the parser read or write a file the database names";

/* ---- paths ------------------------------------------------------------- */

static char *dup_string(const char *s)
{
    return checked_alloc(strdup(s));
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *path = checked_alloc(malloc(n));
    bool slash = dir[0] != '\0' && dir[strlen(dir) - 1] == '/';
    snprintf(path, n, "%s%s%s", dir, slash ? "" : "/", name);
    return path;
}

/* `path` made absolute against `dir` when it is relative. */
static char *absolute_against(const char *dir, const char *path)
{
    if (path[0] == '/')
        return dup_string(path);
    return join_path(dir, path);
}

/* Removes empty and "." components in place; with `fold_parents`, also
 * folds "name/.." pairs. Folding is only right for the entry's own file,
 * which is compared by name: a folder argument may go through a symbolic
 * link, where "link/.." is not the folder holding "link". */
static void normalise_in_place(char *path, bool fold_parents)
{
    char *out = path;
    const char *in = path;
    bool absolute = path[0] == '/';
    size_t floor = absolute ? 1 : 0;

    if (absolute)
        out++;
    while (*in != '\0') {
        while (*in == '/')
            in++;
        const char *end = strchr(in, '/');
        size_t len = end != NULL ? (size_t)(end - in) : strlen(in);
        bool dot = len == 1 && in[0] == '.';
        bool dotdot = len == 2 && in[0] == '.' && in[1] == '.';
        if (len == 0 || dot) {
            in += len;
            continue;
        }
        if (dotdot && fold_parents && (size_t)(out - path) > floor) {
            /* Back to the start of the last component written. */
            out--;
            while ((size_t)(out - path) > floor && out[-1] != '/')
                out--;
            in += len;
            continue;
        }
        if ((size_t)(out - path) > floor)
            *out++ = '/';
        memmove(out, in, len);
        out += len;
        in += len;
    }
    if (out == path)
        *out++ = '.';
    *out = '\0';
    if (out - path > 1 && out[-1] == '/')
        out[-1] = '\0';
}

char *compile_db_canonical_file(const char *dir, const char *path)
{
    char *joined = absolute_against(dir, path);
    char resolved[PATH_MAX];
    if (realpath(joined, resolved) != NULL) {
        free(joined);
        return dup_string(resolved);
    }
    normalise_in_place(joined, true);
    return joined;
}

/* ---- checking the JSON ------------------------------------------------- */

/* Every key an entry may hold, as the format defines it. */
static const char *const entry_keys[] = {
    "arguments", "command", "directory", "file", "output",
};

static bool is_entry_key(const char *key)
{
    for (size_t i = 0; i < sizeof entry_keys / sizeof entry_keys[0]; i++) {
        if (strcmp(entry_keys[i], key) == 0)
            return true;
    }
    return false;
}

static int check_string_key(const JsonReport *rep, size_t index,
                            const cJSON *entry, const char *key,
                            bool required)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, key);
    if (item == NULL && required)
        return json_error(rep, 0, "entry %zu: key '%s': required key is "
                          "missing", index, key);
    if (item != NULL &&
        (!cJSON_IsString(item) || item->valuestring[0] == '\0'))
        return json_error(rep, 0, "entry %zu: key '%s': expected a "
                          "non-empty string", index, key);
    return 0;
}

static int check_arguments(const JsonReport *rep, size_t index,
                           const cJSON *args)
{
    if (!cJSON_IsArray(args) || cJSON_GetArraySize(args) == 0)
        return json_error(rep, 0, "entry %zu: key 'arguments': expected a "
                          "non-empty array of strings", index);
    size_t k = 0;
    for (const cJSON *a = args->child; a != NULL; a = a->next, k++) {
        if (!cJSON_IsString(a))
            return json_error(rep, 0, "entry %zu: key 'arguments': element "
                              "%zu: expected a string", index, k);
    }
    return 0;
}

/* Entries are numbered from 0, as in the JSON array. */
static int check_entry(const JsonReport *rep, size_t index, const cJSON *entry)
{
    if (!cJSON_IsObject(entry))
        return json_error(rep, 0, "entry %zu: expected an object", index);
    const cJSON *dup = json_find_duplicate_key(entry);
    if (dup != NULL)
        return json_error(rep, 0, "entry %zu: key '%s': duplicate key",
                          index, dup->string);
    for (const cJSON *item = entry->child; item != NULL; item = item->next) {
        if (!is_entry_key(item->string))
            return json_error(rep, 0, "entry %zu: key '%s': unknown key",
                              index, item->string);
    }
    if (check_string_key(rep, index, entry, "file", true) != 0 ||
        check_string_key(rep, index, entry, "directory", true) != 0 ||
        check_string_key(rep, index, entry, "output", false) != 0)
        return -1;

    const cJSON *command = cJSON_GetObjectItemCaseSensitive(entry, "command");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(entry, "arguments");
    if (command == NULL && args == NULL)
        return json_error(rep, 0, "entry %zu: key 'command' or 'arguments': "
                          "required key is missing", index);
    if (command != NULL &&
        check_string_key(rep, index, entry, "command", true) != 0)
        return -1;
    if (args != NULL && check_arguments(rep, index, args) != 0)
        return -1;
    return 0;
}

/* ---- response files ---------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits a "command" string the way libclang does on this host (the GNU
 * shell rules: quotes group, a backslash takes the next character
 * literally), so that the arguments seen here are the ones libclang would
 * see. */
static void split_command(const char *command, ArgList *out)
{
    size_t n = strlen(command);
    char *token = checked_alloc(malloc(n + 1));
    size_t len = 0;

    for (size_t i = 0; i < n; i++) {
        char c = command[i];
        if (c == '\\' && i + 1 < n) {
            token[len++] = command[++i];
        } else if (c == '"' || c == '\'') {
            for (i++; i < n && command[i] != c; i++) {
                if (command[i] == '\\' && i + 1 < n)
                    i++;
                token[len++] = command[i];
            }
        } else if (is_space(c)) {
            if (len > 0) {
                token[len] = '\0';
                arg_list_add(out, token);
                len = 0;
            }
        } else {
            token[len++] = c;
        }
    }
    if (len > 0) {
        token[len] = '\0';
        arg_list_add(out, token);
    }
    free(token);
}

static bool is_response_file(const char *arg)
{
    return arg[0] == '@';
}

/* The arguments of `entry` with the response files moved to `dropped`;
 * NULL when there were none (the entry can be given to libclang as it
 * stands). */
static cJSON *arguments_without_response_files(const cJSON *entry,
                                               ArgList *dropped)
{
    ArgList all = {0};
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(entry, "arguments");
    if (args != NULL) {
        for (const cJSON *a = args->child; a != NULL; a = a->next)
            arg_list_add(&all, a->valuestring);
    } else {
        split_command(
            cJSON_GetObjectItemCaseSensitive(entry, "command")->valuestring,
            &all);
    }

    cJSON *kept = NULL;
    size_t before = dropped->count;
    for (size_t i = 0; i < all.count; i++) {
        if (is_response_file(all.items[i]))
            arg_list_add(dropped, all.items[i]);
    }
    if (dropped->count > before) {
        kept = checked_alloc(cJSON_CreateArray());
        for (size_t i = 0; i < all.count; i++) {
            if (!is_response_file(all.items[i]))
                cJSON_AddItemToArray(
                    kept, checked_alloc(cJSON_CreateString(all.items[i])));
        }
    }
    arg_list_free(&all);
    return kept;
}

/* Rewrites the entries that name response files to use an "arguments"
 * array without them. Returns true when anything changed. */
static bool strip_response_files(cJSON *root, ArgList *dropped)
{
    bool changed = false;
    size_t index = 0;
    for (cJSON *entry = root->child; entry != NULL;
         entry = entry->next, index++) {
        cJSON *kept = arguments_without_response_files(entry, &dropped[index]);
        if (kept == NULL)
            continue;
        cJSON_DeleteItemFromObjectCaseSensitive(entry, "command");
        cJSON_DeleteItemFromObjectCaseSensitive(entry, "arguments");
        cJSON_AddItemToObject(entry, "arguments", kept);
        changed = true;
    }
    return changed;
}

/* ---- checking the file before libclang reads it ------------------------ */

/* What the cJSON pass learns about the file. */
typedef struct Checked {
    size_t count;      /* entries */
    ArgList *dropped;  /* per entry: the response files removed */
    char *sanitised;   /* the text libclang gets instead, or NULL */
} Checked;

static void checked_free(Checked *c)
{
    for (size_t i = 0; i < c->count; i++)
        arg_list_free(&c->dropped[i]);
    free(c->dropped);
    free(c->sanitised);
    memset(c, 0, sizeof *c);
}

static int check_tree(const JsonReport *rep, cJSON *root, Checked *out)
{
    if (!cJSON_IsArray(root))
        return json_error(rep, 0, "expected an array of compile commands "
                          "at the top level");
    size_t index = 0;
    for (const cJSON *entry = root->child; entry != NULL;
         entry = entry->next, index++) {
        if (check_entry(rep, index, entry) != 0)
            return -1;
    }
    out->count = index;
    out->dropped =
        checked_alloc(calloc(index ? index : 1, sizeof *out->dropped));
    if (strip_response_files(root, out->dropped))
        out->sanitised = checked_alloc(cJSON_PrintUnformatted(root));
    return 0;
}

static int check_file(const JsonReport *rep, Checked *out)
{
    JsonFile file;
    if (json_file_read(&file, rep, &json_texts_not_valid) != 0)
        return -1;
    int rc = check_tree(rep, file.root, out);
    if (rc != 0)
        checked_free(out);
    json_file_free(&file);
    return rc;
}

/* ---- the private copy -------------------------------------------------- */

static int write_private_copy(const JsonReport *rep, const char *text,
                              char *dir, size_t dir_size)
{
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || tmp[0] == '\0')
        tmp = "/tmp";
    int n = snprintf(dir, dir_size, "%s/ndislint-db-XXXXXX", tmp);
    if (n < 0 || (size_t)n >= dir_size)
        return json_error(rep, 0, "temporary folder name too long");
    if (mkdtemp(dir) == NULL)
        return json_error(rep, 0, "cannot create a temporary folder: %s",
                          strerror(errno));

    char *file = join_path(dir, DB_FILE_NAME);
    FILE *f = fopen(file, "wb");
    int rc = -1;
    if (f == NULL) {
        json_error(rep, 0, "cannot write %s: %s", file, strerror(errno));
        goto done;
    }
    bool ok = fputs(text, f) >= 0;
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        json_error(rep, 0, "cannot write %s", file);
        goto done;
    }
    rc = 0;

done:
    if (rc != 0) {
        unlink(file);
        rmdir(dir);
    }
    free(file);
    return rc;
}

static void remove_private_copy(const char *dir)
{
    char *file = join_path(dir, DB_FILE_NAME);
    unlink(file);
    free(file);
    rmdir(dir);
}

/* ---- arguments --------------------------------------------------------- */

typedef enum ArgForm {
    FORM_FLAG,       /* exactly the name */
    FORM_JOINED,     /* the name followed by the value, in one argument */
    FORM_SEPARATE,   /* exactly the name; the value is the next argument */
    FORM_EITHER,     /* joined, or separate when the argument is the name */
    FORM_JOINED_NEXT /* joined, and the next argument belongs to it too */
} ArgForm;

typedef enum ArgAction {
    ACT_DROP,        /* silently: compiling, output, warnings, target */
    ACT_KEEP,        /* as written */
    ACT_JOIN,        /* `emit` and the value as one argument (-DX) */
    ACT_JOIN_PATH,   /* the same with the value made absolute (-I/abs) */
    ACT_PATH,        /* `emit`, then the value made absolute */
    ACT_FORCE_INCL,  /* `emit`, then the value, absolute when it is there */
    ACT_LOADS_CODE,  /* dropped with a warning */
    ACT_READS_FILES, /* dropped with a warning */
    ACT_WRAPPED,     /* -Xclang V: V is a front-end argument */
    ACT_LANGUAGE,    /* cl /TC, /TP: -x `emit` */
    ACT_STD,         /* cl /std:V */
    ACT_CLANG,       /* cl /clang:V: V is a clang argument */
    ACT_REST         /* cl /link: the rest goes to the linker */
} ArgAction;

typedef struct ArgSpec {
    const char *name;
    ArgForm form;
    ArgAction action;
    const char *emit;
} ArgSpec;

/* clang and gcc spellings. Only what is kept, warned about, or takes its
 * value in the next argument needs to be here: any other option is dropped
 * silently. The longest matching name wins. Sorted by name (ASCII). */
static const ArgSpec gnu_specs[] = {
    {"--config", FORM_SEPARATE, ACT_READS_FILES, NULL},
    {"--config=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"--plugin", FORM_SEPARATE, ACT_LOADS_CODE, NULL},
    {"--plugin=", FORM_JOINED, ACT_LOADS_CODE, NULL},
    {"--sysroot", FORM_SEPARATE, ACT_DROP, NULL},
    {"--target", FORM_SEPARATE, ACT_DROP, NULL},
    {"-B", FORM_EITHER, ACT_DROP, NULL},
    {"-D", FORM_EITHER, ACT_JOIN, "-D"},
    {"-I", FORM_EITHER, ACT_JOIN_PATH, "-I"},
    {"-L", FORM_EITHER, ACT_DROP, NULL},
    {"-MF", FORM_EITHER, ACT_DROP, NULL},
    {"-MJ", FORM_EITHER, ACT_DROP, NULL},
    {"-MQ", FORM_EITHER, ACT_DROP, NULL},
    {"-MT", FORM_EITHER, ACT_DROP, NULL},
    {"-U", FORM_EITHER, ACT_JOIN, "-U"},
    {"-Xanalyzer", FORM_SEPARATE, ACT_DROP, NULL},
    {"-Xarch_", FORM_JOINED_NEXT, ACT_DROP, NULL},
    {"-Xassembler", FORM_SEPARATE, ACT_DROP, NULL},
    {"-Xclang", FORM_SEPARATE, ACT_WRAPPED, NULL},
    {"-Xlinker", FORM_SEPARATE, ACT_DROP, NULL},
    {"-Xpreprocessor", FORM_SEPARATE, ACT_WRAPPED, NULL},
    {"-add-plugin", FORM_EITHER, ACT_LOADS_CODE, NULL},
    {"-ansi", FORM_FLAG, ACT_KEEP, NULL},
    {"-fcxx-exceptions", FORM_FLAG, ACT_KEEP, NULL},
    {"-fdeclspec", FORM_FLAG, ACT_KEEP, NULL},
    {"-fdelayed-template-parsing", FORM_FLAG, ACT_KEEP, NULL},
    {"-fexceptions", FORM_FLAG, ACT_KEEP, NULL},
    {"-ffreestanding", FORM_FLAG, ACT_KEEP, NULL},
    {"-fmodule-file=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fmodule-map-file=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fmodules-cache-path=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fms-compatibility", FORM_FLAG, ACT_KEEP, NULL},
    {"-fms-compatibility-version=", FORM_JOINED, ACT_KEEP, NULL},
    {"-fms-extensions", FORM_FLAG, ACT_KEEP, NULL},
    {"-fms-volatile", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-cxx-exceptions", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-declspec", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-delayed-template-parsing", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-exceptions", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-ms-compatibility", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-ms-extensions", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-rtti", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-short-wchar", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-signed-char", FORM_FLAG, ACT_KEEP, NULL},
    {"-fno-unsigned-char", FORM_FLAG, ACT_KEEP, NULL},
    {"-fpack-struct=", FORM_JOINED, ACT_KEEP, NULL},
    {"-fpass-plugin=", FORM_JOINED, ACT_LOADS_CODE, NULL},
    /* Also covers -fplugin= and -fplugin-arg-NAME-KEY=VALUE. */
    {"-fplugin", FORM_JOINED, ACT_LOADS_CODE, NULL},
    {"-fprofile-instr-use", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fprofile-list=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fprofile-sample-use=", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-fprofile-use", FORM_JOINED, ACT_READS_FILES, NULL},
    {"-frtti", FORM_FLAG, ACT_KEEP, NULL},
    {"-fshort-wchar", FORM_FLAG, ACT_KEEP, NULL},
    {"-fsigned-char", FORM_FLAG, ACT_KEEP, NULL},
    {"-funsigned-char", FORM_FLAG, ACT_KEEP, NULL},
    {"-idirafter", FORM_EITHER, ACT_PATH, "-idirafter"},
    {"-imacros", FORM_EITHER, ACT_FORCE_INCL, "-imacros"},
    {"-imsvc", FORM_EITHER, ACT_PATH, "-isystem"},
    {"-include", FORM_EITHER, ACT_FORCE_INCL, "-include"},
    {"-include-pch", FORM_EITHER, ACT_READS_FILES, NULL},
    {"-iquote", FORM_EITHER, ACT_PATH, "-iquote"},
    {"-isysroot", FORM_EITHER, ACT_DROP, NULL},
    {"-isystem", FORM_EITHER, ACT_PATH, "-isystem"},
    {"-ivfsoverlay", FORM_EITHER, ACT_READS_FILES, NULL},
    {"-l", FORM_EITHER, ACT_DROP, NULL},
    {"-load", FORM_SEPARATE, ACT_LOADS_CODE, NULL},
    {"-mllvm", FORM_SEPARATE, ACT_DROP, NULL},
    {"-o", FORM_EITHER, ACT_DROP, NULL},
    {"-plugin", FORM_SEPARATE, ACT_LOADS_CODE, NULL},
    {"-plugin-arg-", FORM_JOINED_NEXT, ACT_LOADS_CODE, NULL},
    {"-resource-dir", FORM_SEPARATE, ACT_DROP, NULL},
    {"-std=", FORM_JOINED, ACT_KEEP, NULL},
    {"-target", FORM_SEPARATE, ACT_DROP, NULL},
    {"-x", FORM_EITHER, ACT_KEEP, NULL},
};

/* cl.exe and clang-cl spellings, without the leading '/' or '-'. Any
 * other '/' option is dropped silently. Sorted by name (ASCII). */
static const ArgSpec cl_specs[] = {
    {"AI", FORM_EITHER, ACT_DROP, NULL},
    {"D", FORM_EITHER, ACT_JOIN, "-D"},
    {"FI", FORM_EITHER, ACT_FORCE_INCL, "-include"},
    {"FU", FORM_EITHER, ACT_DROP, NULL},
    {"I", FORM_EITHER, ACT_JOIN_PATH, "-I"},
    {"TC", FORM_FLAG, ACT_LANGUAGE, "c"},
    {"TP", FORM_FLAG, ACT_LANGUAGE, "c++"},
    {"Tc", FORM_EITHER, ACT_DROP, NULL},
    {"Tp", FORM_EITHER, ACT_DROP, NULL},
    {"U", FORM_EITHER, ACT_JOIN, "-U"},
    {"clang:", FORM_JOINED, ACT_CLANG, NULL},
    {"external:I", FORM_EITHER, ACT_PATH, "-isystem"},
    {"imsvc", FORM_EITHER, ACT_PATH, "-isystem"},
    {"link", FORM_FLAG, ACT_REST, NULL},
    {"o", FORM_EITHER, ACT_DROP, NULL},
    {"std:", FORM_JOINED, ACT_STD, NULL},
};

/* The language standards /std: may name that clang also knows. */
static const char *const cl_standards[] = {
    "c++14", "c++17", "c++20", "c11", "c17",
};

static bool spec_matches(const ArgSpec *spec, const char *arg)
{
    size_t n = strlen(spec->name);
    switch (spec->form) {
    case FORM_FLAG:
    case FORM_SEPARATE:
        return strcmp(arg, spec->name) == 0;
    default:
        return strncmp(arg, spec->name, n) == 0;
    }
}

static const ArgSpec *find_spec(const ArgSpec *specs, size_t count,
                                const char *arg)
{
    const ArgSpec *best = NULL;
    for (size_t i = 0; i < count; i++) {
        if (spec_matches(&specs[i], arg) &&
            (best == NULL || strlen(specs[i].name) > strlen(best->name)))
            best = &specs[i];
    }
    return best;
}

static const ArgSpec *find_gnu_spec(const char *arg)
{
    return find_spec(gnu_specs, sizeof gnu_specs / sizeof gnu_specs[0], arg);
}

/* True when the argument matched by `spec` takes the next one as well. */
static bool takes_next(const ArgSpec *spec, const char *arg)
{
    switch (spec->form) {
    case FORM_SEPARATE:
    case FORM_JOINED_NEXT:
        return true;
    case FORM_EITHER:
        return strcmp(arg, spec->name) == 0;
    default:
        return false;
    }
}

/* One entry's arguments being reduced. */
typedef struct Reducer {
    const CompileEntry *entry;
    const char *raw_file; /* the entry's "file", as written */
    ToolMessageList *messages;
    bool cl_mode;
    ArgList *out;
} Reducer;

static void warn_dropped(const Reducer *r, const char *text, const char *why)
{
    if (r->messages == NULL)
        return;
    SourceLoc loc = {r->entry->file, 0, 0};
    tool_message_add(r->messages, LEVEL_WARNING, loc,
                     "compile database: dropped '%s': %s", text, why);
}

/* "a b" for the warning that names an option and its value. */
static char *join_words(const char *a, const char *b)
{
    size_t n = strlen(a) + 1 + strlen(b) + 1;
    char *s = checked_alloc(malloc(n));
    snprintf(s, n, "%s %s", a, b);
    return s;
}

static void add_concat(ArgList *out, const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = checked_alloc(malloc(n));
    snprintf(s, n, "%s%s", a, b);
    arg_list_add(out, s);
    free(s);
}

/* A folder argument made absolute against the entry's folder, since the
 * parser does not run there. */
static char *absolute_folder(const Reducer *r, const char *value)
{
    char *path = absolute_against(r->entry->directory, value);
    normalise_in_place(path, false);
    return path;
}

/* A forced include is looked up in the working folder first and then on
 * the include path; only the first lookup needs the entry's folder. */
static char *forced_include(const Reducer *r, const char *value)
{
    if (value[0] == '/')
        return dup_string(value);
    char *path = absolute_folder(r, value);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return path;
    free(path);
    return dup_string(value);
}

/* Applies `spec` to an option whose value is `value` (NULL for a flag);
 * `text` is the whole option, as written, for warnings. */
static void apply(const Reducer *r, const ArgSpec *spec, const char *arg,
                  const char *value, const char *text)
{
    char *path = NULL;
    switch (spec->action) {
    case ACT_KEEP:
        arg_list_add(r->out, arg);
        if (value != NULL && strcmp(arg, spec->name) == 0)
            arg_list_add(r->out, value);
        break;
    case ACT_JOIN:
        add_concat(r->out, spec->emit, value);
        break;
    case ACT_JOIN_PATH:
        path = absolute_folder(r, value);
        add_concat(r->out, spec->emit, path);
        break;
    case ACT_PATH:
        path = absolute_folder(r, value);
        arg_list_add(r->out, spec->emit);
        arg_list_add(r->out, path);
        break;
    case ACT_FORCE_INCL:
        path = forced_include(r, value);
        arg_list_add(r->out, spec->emit);
        arg_list_add(r->out, path);
        break;
    case ACT_LANGUAGE:
        arg_list_add(r->out, "-x");
        arg_list_add(r->out, spec->emit);
        break;
    case ACT_LOADS_CODE:
        warn_dropped(r, text, loads_code);
        break;
    case ACT_READS_FILES:
        warn_dropped(r, text, reads_files);
        break;
    default:
        break;
    }
    free(path);
}

/* The value of an option of `spec` at argv[i]: joined in the argument, or
 * the next argument. `*next` is set to the index after the option. NULL
 * when a separate value is missing. */
static const char *option_value(const ArgSpec *spec, const char *arg,
                                char *const *argv, size_t argc, size_t i,
                                size_t *next)
{
    *next = i + 1;
    if (spec->form == FORM_FLAG)
        return NULL;
    if (!takes_next(spec, arg))
        return arg + strlen(spec->name);
    if (i + 1 >= argc)
        return NULL;
    *next = i + 2;
    return argv[i + 1];
}

/* -Xclang V and -Xpreprocessor V pass V to the front end, whose own
 * options include -load and -plugin: V is never kept, and a V that would
 * load code is reported with the value it names, which comes in a second
 * wrapper ("-Xclang -load -Xclang x.so"). */
static size_t reduce_wrapped(const Reducer *r, char *const *argv, size_t argc,
                             size_t i)
{
    if (i + 1 >= argc)
        return argc;
    const char *wrapper = argv[i];
    const char *inner = argv[i + 1];
    char *text = join_words(wrapper, inner);
    size_t next = i + 2;
    const ArgSpec *spec = find_gnu_spec(inner);

    if (spec != NULL && takes_next(spec, inner) && next + 1 < argc &&
        strcmp(argv[next], wrapper) == 0) {
        char *head = join_words(text, wrapper);
        free(text);
        text = join_words(head, argv[next + 1]);
        free(head);
        next += 2;
    }
    if (spec != NULL && spec->action == ACT_LOADS_CODE)
        warn_dropped(r, text, loads_code);
    else if (spec != NULL && spec->action == ACT_READS_FILES)
        warn_dropped(r, text, reads_files);
    free(text);
    return next;
}

/* A clang or gcc option at argv[i]; returns the index after it. */
static size_t reduce_gnu(const Reducer *r, char *const *argv, size_t argc,
                         size_t i)
{
    const char *arg = argv[i];
    const ArgSpec *spec = find_gnu_spec(arg);
    if (spec == NULL)
        return i + 1;
    if (spec->action == ACT_WRAPPED)
        return reduce_wrapped(r, argv, argc, i);

    size_t next = i + 1;
    const char *value = option_value(spec, arg, argv, argc, i, &next);
    bool needs_value = spec->form != FORM_FLAG;
    if (needs_value && value == NULL) {
        /* A dangerous option stays reported even without its value. */
        if (spec->action == ACT_LOADS_CODE || spec->action == ACT_READS_FILES)
            apply(r, spec, arg, NULL, arg);
        return argc;
    }
    char *text = next > i + 1 ? join_words(arg, argv[i + 1]) : NULL;
    bool keeps_value = spec->action != ACT_LOADS_CODE &&
                       spec->action != ACT_READS_FILES &&
                       spec->action != ACT_DROP;
    if (keeps_value && needs_value && value[0] == '\0') {
        free(text);
        return next;
    }
    apply(r, spec, arg, value, text != NULL ? text : arg);
    free(text);
    return next;
}

static void reduce_std(const Reducer *r, const char *value)
{
    for (size_t i = 0; i < sizeof cl_standards / sizeof cl_standards[0]; i++) {
        if (strcmp(value, cl_standards[i]) == 0) {
            add_concat(r->out, "-std=", value);
            return;
        }
    }
}

/* /clang:V passes V to clang. A V that would load code or read files is
 * reported as written; any other V is reduced as a clang option of its
 * own (a value in a second /clang: argument is not followed). */
static void reduce_clang_passthrough(const Reducer *r, const char *arg,
                                     const char *inner)
{
    const ArgSpec *spec = find_gnu_spec(inner);
    if (spec == NULL)
        return;
    if (spec->action == ACT_LOADS_CODE) {
        warn_dropped(r, arg, loads_code);
        return;
    }
    if (spec->action == ACT_READS_FILES) {
        warn_dropped(r, arg, reads_files);
        return;
    }
    if (takes_next(spec, inner))
        return;
    char *const one[] = {(char *)inner};
    reduce_gnu(r, one, 1, 0);
}

/* A cl option at argv[i] (after its '/' or '-'); returns the index after
 * it, or 0 when the name is not a cl option this code knows. */
static size_t reduce_cl(const Reducer *r, char *const *argv, size_t argc,
                        size_t i)
{
    const char *arg = argv[i];
    const char *name = arg + 1;
    const ArgSpec *spec =
        find_spec(cl_specs, sizeof cl_specs / sizeof cl_specs[0], name);
    if (spec == NULL)
        return 0;

    size_t next = i + 1;
    const char *value = option_value(spec, name, argv, argc, i, &next);
    if (spec->form != FORM_FLAG && (value == NULL || value[0] == '\0'))
        return next;
    switch (spec->action) {
    case ACT_REST:
        return argc;
    case ACT_STD:
        reduce_std(r, value);
        break;
    case ACT_CLANG:
        reduce_clang_passthrough(r, arg, value);
        break;
    default:
        apply(r, spec, spec->name, value, arg);
        break;
    }
    return next;
}

/* True when `arg` names the entry's own source file. */
static bool is_source_file(const Reducer *r, const char *arg)
{
    if (strcmp(arg, r->raw_file) == 0)
        return true;
    char *path = compile_db_canonical_file(r->entry->directory, arg);
    bool same = strcmp(path, r->entry->file) == 0;
    free(path);
    return same;
}

static size_t reduce_one(const Reducer *r, char *const *argv, size_t argc,
                         size_t i)
{
    const char *arg = argv[i];
    if (arg[0] == '\0' || (arg[0] != '-' && is_source_file(r, arg)))
        return i + 1;
    /* Everything after "--" is an input file. */
    if (strcmp(arg, "--") == 0)
        return argc;
    if (is_response_file(arg)) {
        warn_dropped(r, arg, reads_files);
        return i + 1;
    }
    if (r->cl_mode && (arg[0] == '/' || arg[0] == '-')) {
        size_t next = reduce_cl(r, argv, argc, i);
        if (next > 0)
            return next;
    }
    if (arg[0] == '-')
        return reduce_gnu(r, argv, argc, i);
    /* Another input file, or a cl option with nothing to keep. */
    return i + 1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* cl.exe and clang-cl take '/' options; the compiler's name says which
 * syntax the arguments use, unless --driver-mode= says otherwise. */
static bool uses_cl_syntax(char *const *argv, size_t argc)
{
    const char *mode = NULL;
    for (size_t i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--driver-mode=", 14) == 0)
            mode = argv[i] + 14;
    }
    if (mode != NULL)
        return strcmp(mode, "cl") == 0;

    const char *base = argv[0];
    for (const char *p = argv[0]; *p != '\0'; p++) {
        if (*p == '/' || *p == '\\')
            base = p + 1;
    }
    char name[64];
    size_t n = 0;
    for (; base[n] != '\0' && n + 1 < sizeof name; n++)
        name[n] = (char)tolower((unsigned char)base[n]);
    name[n] = '\0';
    if (ends_with(name, ".exe"))
        name[n - 4] = '\0';
    return strcmp(name, "cl") == 0 || strncmp(name, "clang-cl", 8) == 0;
}

static void reduce_arguments(const Reducer *r, char *const *argv, size_t argc)
{
    /* argv[0] is the compiler. */
    size_t i = 1;
    while (i < argc)
        i = reduce_one(r, argv, argc, i);
}

/* ---- entries ----------------------------------------------------------- */

static char *take_string(CXString s)
{
    const char *text = clang_getCString(s);
    char *copy = dup_string(text != NULL ? text : "");
    clang_disposeString(s);
    return copy;
}

static void read_command_args(CXCompileCommand cmd, ArgList *out)
{
    unsigned n = clang_CompileCommand_getNumArgs(cmd);
    for (unsigned k = 0; k < n; k++) {
        char *arg = take_string(clang_CompileCommand_getArg(cmd, k));
        arg_list_add(out, arg);
        free(arg);
    }
}

/* Fills `entry` from libclang's command; `db_folder` anchors a relative
 * "directory". Warnings name the entry's file, so the response files
 * removed earlier (`dropped`) are reported here. */
static void build_entry(CXCompileCommand cmd, const char *db_folder,
                        const ArgList *dropped, ToolMessageList *messages,
                        CompileEntry *entry)
{
    char *dir = take_string(clang_CompileCommand_getDirectory(cmd));
    char *raw_file = take_string(clang_CompileCommand_getFilename(cmd));
    ArgList argv = {0};

    entry->directory = compile_db_canonical_file(db_folder, dir);
    entry->file = compile_db_canonical_file(entry->directory, raw_file);
    read_command_args(cmd, &argv);

    Reducer r = {entry, raw_file, messages, false, &entry->args};
    for (size_t i = 0; i < dropped->count; i++)
        warn_dropped(&r, dropped->items[i], reads_files);
    if (argv.count > 0) {
        r.cl_mode = uses_cl_syntax(argv.items, argv.count);
        reduce_arguments(&r, argv.items, argv.count);
    }
    arg_list_free(&argv);
    free(raw_file);
    free(dir);
}

static int load_entries(const JsonReport *rep, const char *load_dir,
                        const char *db_folder, const Checked *pre,
                        CompileDb *db, ToolMessageList *messages)
{
    CXCompilationDatabase_Error error = CXCompilationDatabase_NoError;
    CXCompilationDatabase cdb =
        clang_CompilationDatabase_fromDirectory(load_dir, &error);
    CXCompileCommands cmds = NULL;
    int rc = -1;

    if (cdb == NULL || error != CXCompilationDatabase_NoError) {
        json_error(rep, 0, "libclang cannot load this compile database");
        goto done;
    }
    cmds = clang_CompilationDatabase_getAllCompileCommands(cdb);
    unsigned n = cmds != NULL ? clang_CompileCommands_getSize(cmds) : 0;
    if (n != pre->count) {
        json_error(rep, 0, "libclang read %u entries, the file has %zu", n,
                   pre->count);
        goto done;
    }
    db->entries = checked_alloc(calloc(n ? n : 1, sizeof *db->entries));
    for (unsigned i = 0; i < n; i++) {
        build_entry(clang_CompileCommands_getCommand(cmds, i), db_folder,
                    &pre->dropped[i], messages, &db->entries[i]);
        db->count++;
    }
    rc = 0;

done:
    if (cmds != NULL)
        clang_CompileCommands_dispose(cmds);
    if (cdb != NULL)
        clang_CompilationDatabase_dispose(cdb);
    return rc;
}

/* ---- the database ------------------------------------------------------ */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* From `path` (the file or its folder), the file to read and the folder
 * libclang loads it from. */
static int locate_database(const JsonReport *rep, const char *path,
                           char **file, char **folder)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return json_error(rep, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        *folder = dup_string(path);
        *file = join_path(path, DB_FILE_NAME);
        return 0;
    }
    if (strcmp(base_name(path), DB_FILE_NAME) != 0)
        return json_error(rep, 0, "a compile database must be named "
                          DB_FILE_NAME);
    *file = dup_string(path);
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        *folder = dup_string(".");
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        *folder = checked_alloc(malloc(n + 1));
        memcpy(*folder, path, n);
        (*folder)[n] = '\0';
    }
    return 0;
}

/* The database's folder as an absolute path, which anchors relative
 * "directory" values. */
static char *absolute_folder_of(const char *folder)
{
    char resolved[PATH_MAX];
    if (realpath(folder, resolved) != NULL)
        return dup_string(resolved);
    return dup_string(folder);
}

int compile_db_load(const char *path, CompileDb *db, ToolMessageList *messages,
                    char *err, size_t err_size)
{
    int rc = -1;
    char *file = NULL;
    char *folder = NULL;
    char *anchor = NULL;
    Checked pre = {0};
    char private_dir[PATH_MAX];
    bool have_copy = false;
    JsonReport rep = {path, err, err_size};

    memset(db, 0, sizeof *db);
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    if (locate_database(&rep, path, &file, &folder) != 0)
        goto done;
    rep.path = file;
    if (check_file(&rep, &pre) != 0)
        goto done;
    if (pre.sanitised != NULL) {
        if (write_private_copy(&rep, pre.sanitised, private_dir,
                               sizeof private_dir) != 0)
            goto done;
        have_copy = true;
    }
    anchor = absolute_folder_of(folder);
    rc = load_entries(&rep, have_copy ? private_dir : folder, anchor, &pre,
                      db, messages);
    if (rc == 0) {
        db->path = file;
        file = NULL;
    }

done:
    if (have_copy)
        remove_private_copy(private_dir);
    if (rc != 0)
        compile_db_free(db);
    checked_free(&pre);
    free(anchor);
    free(folder);
    free(file);
    return rc;
}

void compile_db_free(CompileDb *db)
{
    for (size_t i = 0; i < db->count; i++) {
        free(db->entries[i].file);
        free(db->entries[i].directory);
        arg_list_free(&db->entries[i].args);
    }
    free(db->entries);
    free(db->path);
    memset(db, 0, sizeof *db);
}

const CompileEntry *compile_db_find(const CompileDb *db, const char *file)
{
    char cwd[PATH_MAX];
    const CompileEntry *found = NULL;
    if (getcwd(cwd, sizeof cwd) == NULL)
        return NULL;
    char *wanted = compile_db_canonical_file(cwd, file);
    for (size_t i = 0; i < db->count && found == NULL; i++) {
        if (strcmp(db->entries[i].file, wanted) == 0)
            found = &db->entries[i];
    }
    free(wanted);
    return found;
}

size_t compile_args_find_unsafe(char *const *args, size_t count)
{
    CompileEntry entry = {"", "/", {0}};
    ToolMessageList warnings = {0};
    Reducer r = {&entry, "", &warnings, false, &entry.args};
    size_t found = count;
    size_t i = 0;
    while (i < count && found == count) {
        size_t next = reduce_one(&r, args, count, i);
        if (warnings.count > 0)
            found = i;
        i = next;
    }
    tool_message_list_free(&warnings);
    arg_list_free(&entry.args);
    return found;
}
