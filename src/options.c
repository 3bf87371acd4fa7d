/* options.c - parses the command line into Options. */
#include "options.h"

#include <stdlib.h>
#include <string.h>

/* Every option, for --help; kept in the order the man page lists them. */
static const char help_text[] =
    "usage: ndislint [options] FILE... [-- COMPILER ARGS]\n"
    "\n"
    "Checks the sources of one Windows NDIS miniport driver against the\n"
    "interrupt DDI contract. All FILEs of a run are analysed together as one\n"
    "driver. Arguments after `--` go to the compiler front end (-I, -D, -std).\n"
    "\n"
    "options:\n"
    "  --format=FORMAT           text (default), msvc or sarif\n"
    "  -o FILE, --output=FILE    write findings to FILE ('-' is standard output)\n"
    "  --wdk DIR                 use a real WDK include root (the folder holding\n"
    "                            km/ and shared/) instead of the bundled model headers\n"
    "  --print-clang-args FILE   print the arguments given to the parser for FILE\n"
    "                            and exit\n"
    "  --dump-facts              print what the analysis saw of each function\n"
    "                            (to standard error), then analyse as usual\n"
    "  --list-rules              list the rules and exit\n"
    "  --version                 print the version and exit\n"
    "  --help                    print this help and exit\n"
    "\n"
    "exit status: 0 no findings, 1 findings, 2 bad invocation or an input that\n"
    "could not be analysed (the other inputs are still analysed and reported).\n";

void options_print_help(FILE *out)
{
    fputs(help_text, out);
}

/* Returns the value of `--name=value` or `--name value` (advancing *i), or
 * NULL when `arg` is not this option. Sets *missing when the value is
 * absent. */
static const char *option_value(int argc, char **argv, int *i,
                                const char *name, int *missing)
{
    const char *arg = argv[*i];
    size_t length = strlen(name);
    if (strncmp(arg, name, length) != 0)
        return NULL;
    if (arg[length] == '=')
        return arg + length + 1;
    if (arg[length] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

static int parse_format(const char *value, OutputFormat *format)
{
    if (strcmp(value, "text") == 0)
        *format = FORMAT_TEXT;
    else if (strcmp(value, "msvc") == 0)
        *format = FORMAT_MSVC;
    else if (strcmp(value, "sarif") == 0)
        *format = FORMAT_SARIF;
    else
        return -1;
    return 0;
}

int options_parse(int argc, char **argv, Options *options, char *err,
                  size_t err_size)
{
    memset(options, 0, sizeof(*options));
    options->files = calloc((size_t)argc + 1, sizeof(*options->files));
    if (options->files == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int missing = 0;
        const char *value = NULL;
        if (strcmp(arg, "--") == 0) {
            options->compiler_args = argv + i + 1;
            options->compiler_arg_count = (size_t)(argc - i - 1);
            break;
        }
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            options->files[options->file_count++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            options->show_help = true;
        } else if (strcmp(arg, "--version") == 0) {
            options->show_version = true;
        } else if (strcmp(arg, "--dump-facts") == 0) {
            options->dump_facts = true;
        } else if (strcmp(arg, "--list-rules") == 0) {
            options->list_rules = true;
        } else if ((value = option_value(argc, argv, &i, "--format", &missing)) != NULL) {
            if (parse_format(value, &options->format) != 0) {
                snprintf(err, err_size,
                         "unknown format '%s' (expected text, msvc or sarif)", value);
                return -1;
            }
        } else if ((value = option_value(argc, argv, &i, "--output", &missing)) != NULL ||
                   (value = option_value(argc, argv, &i, "-o", &missing)) != NULL) {
            options->output = value;
        } else if ((value = option_value(argc, argv, &i, "--wdk", &missing)) != NULL) {
            options->wdk_root = value;
        } else if ((value = option_value(argc, argv, &i, "--print-clang-args",
                                         &missing)) != NULL) {
            options->print_args_for = value;
        } else if (missing) {
            snprintf(err, err_size, "option '%s' needs a value", arg);
            return -1;
        } else {
            snprintf(err, err_size, "unknown option '%s' (see --help)", arg);
            return -1;
        }
        if (missing) {
            snprintf(err, err_size, "option '%s' needs a value", arg);
            return -1;
        }
    }
    return 0;
}

void options_free(Options *options)
{
    free(options->files);
    options->files = NULL;
}
