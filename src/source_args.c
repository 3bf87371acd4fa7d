/* source_args.c - builds the compiler arguments for one driver source. */
#include "source_args.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void arg_list_add(ArgList *list, const char *arg)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        char **items = realloc(list->items, capacity * sizeof(*items));
        if (items == NULL) {
            fprintf(stderr, "ndislint: out of memory\n");
            abort();
        }
        list->items = items;
        list->capacity = capacity;
    }
    char *copy = strdup(arg);
    if (copy == NULL) {
        fprintf(stderr, "ndislint: out of memory\n");
        abort();
    }
    list->items[list->count++] = copy;
}

void arg_list_free(ArgList *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

int source_is_cplusplus(const char *path)
{
    static const char *const extensions[] = {".cpp", ".cc", ".cxx", ".c++"};
    const char *dot = strrchr(path, '.');
    if (dot == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
        if (strcasecmp(dot, extensions[i]) == 0)
            return 1;
    }
    return 0;
}

static int sets_ndis_version(char *const *args, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *arg = args[i];
        bool define = strncmp(arg, "-D", 2) == 0 || strncmp(arg, "-U", 2) == 0 ||
                      strncmp(arg, "/D", 2) == 0 || strncmp(arg, "/U", 2) == 0;
        /* `-D NAME` spells the name in the next argument. */
        if (define && arg[2] == '\0' && i + 1 < count)
            arg = args[++i];
        if (define && strstr(arg, "NDIS") != NULL && strstr(arg, "_MINIPORT") != NULL)
            return 1;
    }
    return 0;
}

/* True when the user chose an NDIS version themselves, with
 * -DNDIS6xx_MINIPORT or by undefining the default, anywhere. */
static int user_sets_ndis_version(const ParseSettings *settings)
{
    return sets_ndis_version(settings->config_args, settings->config_arg_count) ||
           sets_ndis_version(settings->entry_args, settings->entry_arg_count) ||
           sets_ndis_version(settings->user_args, settings->user_arg_count);
}

static void add_joined(ArgList *out, const char *a, const char *b)
{
    size_t length = strlen(a) + strlen(b) + 1;
    char *joined = malloc(length);
    if (joined == NULL) {
        fprintf(stderr, "ndislint: out of memory\n");
        abort();
    }
    snprintf(joined, length, "%s%s", a, b);
    arg_list_add(out, joined);
    free(joined);
}

/* The WDK's include root holds km/, shared/ and (for some headers) um/. */
static void add_wdk_includes(ArgList *out, const char *root)
{
    static const char *const subdirs[] = {"/km", "/shared", "/km/crt", "/um"};
    for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
        arg_list_add(out, "-isystem");
        add_joined(out, root, subdirs[i]);
    }
}

void source_args_build(const ParseSettings *settings, const char *path,
                       ArgList *out)
{
    arg_list_add(out, "-x");
    arg_list_add(out, source_is_cplusplus(path) ? "c++" : "c");
    arg_list_add(out, "--target=x86_64-pc-windows-msvc");
    arg_list_add(out, "-fms-extensions");
    arg_list_add(out, "-fms-compatibility");
    if (settings->resource_dir != NULL) {
        arg_list_add(out, "-resource-dir");
        arg_list_add(out, settings->resource_dir);
    }
    if (settings->wdk_root != NULL)
        add_wdk_includes(out, settings->wdk_root);
    else if (settings->model_include != NULL) {
        arg_list_add(out, "-isystem");
        arg_list_add(out, settings->model_include);
    }
    /* What the WDK build defines for an x64 kernel-mode driver. */
    arg_list_add(out, "-D_AMD64_");
    arg_list_add(out, "-D_WIN64");
    arg_list_add(out, "-DAMD64");
    arg_list_add(out, "-D_KERNEL_MODE=1");
    arg_list_add(out, "-DNDIS_MINIPORT_DRIVER=1");
    arg_list_add(out, "-DPOOL_NX_OPTIN=1");
    if (!user_sets_ndis_version(settings))
        arg_list_add(out, "-DNDIS620_MINIPORT=1");
    /* What the WDK's compiler accepts with a warning, the parser accepts
     * too, so that the statement is read whole: */
    /* MSVC C4028/C4113: a function pointer of another signature. */
    arg_list_add(out, "-Wno-error=incompatible-function-pointer-types");
    /* MSVC C4047/C4312: an integer where a pointer is expected, or back. */
    arg_list_add(out, "-Wno-error=int-conversion");
    /* MSVC C4133: pointers to different types. */
    arg_list_add(out, "-Wno-error=incompatible-pointer-types");
    /* MSVC C4431: a missing type specifier is int. */
    arg_list_add(out, "-Wno-error=implicit-int");
    /* MSVC's preprocessor lets ## form tokens clang calls invalid. */
    arg_list_add(out, "-Wno-error=invalid-token-paste");
    /* Warnings are the compiler's business; the tool only needs errors. */
    arg_list_add(out, "-w");
    arg_list_add(out, "-ferror-limit=0");
    /* The WDK build searches the source's own folder for <...> includes. */
    const char *slash = strrchr(path, '/');
    arg_list_add(out, "-idirafter");
    if (slash == NULL)
        arg_list_add(out, ".");
    else {
        size_t length = (size_t)(slash - path);
        char *dir = malloc(length + 2);
        if (dir == NULL) {
            fprintf(stderr, "ndislint: out of memory\n");
            abort();
        }
        memcpy(dir, path, length);
        dir[length] = '\0';
        if (length == 0)
            strcpy(dir, "/");
        arg_list_add(out, dir);
        free(dir);
    }
    for (size_t i = 0; i < settings->config_arg_count; i++)
        arg_list_add(out, settings->config_args[i]);
    for (size_t i = 0; i < settings->entry_arg_count; i++)
        arg_list_add(out, settings->entry_args[i]);
    for (size_t i = 0; i < settings->user_arg_count; i++)
        arg_list_add(out, settings->user_args[i]);
}
