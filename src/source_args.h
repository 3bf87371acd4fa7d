/* source_args.h - the compiler arguments a driver source is parsed with.
 *
 * Drivers are written for MSVC and the WDK: the MSVC target, the AMD64
 * macros the WDK headers need, an NDIS version, and the bundled model
 * headers (or a real WDK include root). The user's own arguments come last
 * so that they can override any default.
 *
 * Ownership: an ArgList owns its strings; arg_list_free() releases them.
 */
#ifndef NDISLINT_SOURCE_ARGS_H
#define NDISLINT_SOURCE_ARGS_H

#include <stddef.h>

typedef struct ArgList {
    char **items;
    size_t count;
    size_t capacity;
} ArgList;

void arg_list_add(ArgList *list, const char *arg);
void arg_list_free(ArgList *list);

typedef struct ParseSettings {
    const char *resource_dir;   /* clang's builtin headers (stddef.h ...) */
    const char *model_include;  /* bundled model headers; NULL with wdk_root */
    const char *wdk_root;       /* real WDK include root, or NULL */
    const char *empty_file;     /* an empty file of the tool's own data: what
                                   a build-generated header (.tmh) is */
    char *const *config_args;   /* "args" of the configuration file */
    size_t config_arg_count;
    char *const *entry_args;    /* the file's compile database entry */
    size_t entry_arg_count;
    char *const *user_args;     /* everything after `--` */
    size_t user_arg_count;
} ParseSettings;

/* True for .cpp, .cc, .cxx, .c++ (and upper-case variants). */
int source_is_cplusplus(const char *path);

/* Fills `out` with the arguments for parsing `path` (the file name itself
 * is not included: libclang receives it separately). The tool's defaults
 * come first, then the configuration file's, the compile database's and
 * the command line's, so that each can override the one before. */
void source_args_build(const ParseSettings *settings, const char *path,
                       ArgList *out);

#endif
