/* options.c - parses the command line into Options, from one table. */
#include "options.h"

#include <stdlib.h>
#include <string.h>

static const char help_text[] =
    "usage: ndislint [options] FILE... [-- COMPILER ARGS]\n"
    "       ndislint [options] PROJECT... [-- COMPILER ARGS]\n"
    "       ndislint -p BUILD_DIR [options] [FILE...]\n"
    "\n"
    "Checks the sources of one Windows NDIS miniport (or WDM) driver against\n"
    "the interrupt DDI contract. All FILEs of a run are analysed together as one\n"
    "driver. A PROJECT is a .vcxproj, a .sln, or a WDK `sources` or `dirs`\n"
    "file: its sources are analysed with the options its build gives them,\n"
    "each driver project as one driver. Arguments after `--` go to the\n"
    "compiler front end (-I, -D, -std).\n"
    "\n"
    "input:\n"
    "  --configuration CONFIG    the project configuration to read, as\n"
    "                            \"Release|x64\" (default: the first Release|x64)\n"
    "  -p PATH                   read compile_commands.json (the file or its\n"
    "                            folder); without FILEs, analyse every entry\n"
    "  --config FILE             configuration file (default: .ndislint.json\n"
    "                            found upward from the current folder)\n"
    "  --wdk DIR                 use a real WDK include root (the folder holding\n"
    "                            km/ and shared/) instead of the bundled model headers\n"
    "  -j N, --jobs=N            parse N files at once (default: one per processor);\n"
    "                            the output does not depend on N\n"
    "  --file-timeout=SECONDS    give up on a file whose parse takes longer\n"
    "                            (default 60; 0 for no limit)\n"
    "  --file-memory=MIB         give up on a file whose parse needs more memory\n"
    "                            (default 4096; 0 for no limit)\n"
    "rules:\n"
    "  --enable RULES            run only these rules (ids or names, comma-separated)\n"
    "  --disable RULES           do not run these rules\n"
    "  --fail-level=LEVEL        exit 1 only for findings at or above LEVEL:\n"
    "                            error, warning (default) or note\n"
    "  --allow-incomplete        judgements the rules could not make (damaged\n"
    "                            code touching what they track) are warnings\n"
    "                            and do not make the exit status 2\n"
    "  --report-unused-suppressions\n"
    "                            warn about suppression comments that match nothing\n"
    "  --baseline FILE           findings already in this SARIF baseline do not fail\n"
    "  --write-baseline FILE     write the findings of this run as a baseline\n"
    "output:\n"
    "  --format=FORMAT           text (default), msvc, sarif or github\n"
    "  -o FILE, --output=FILE    write findings to FILE ('-' is standard output)\n"
    "  --srcroot DIR             paths are shown relative to DIR (default: the\n"
    "                            current folder)\n"
    "  --sarif-category NAME     SARIF automationDetails.id, one per upload\n"
    "  --sarif-include-suppressed\n"
    "                            keep suppressed findings in SARIF, marked\n"
    "  --color=WHEN              auto (default), always or never\n"
    "  --quiet                   no progress on standard error\n"
    "information:\n"
    "  --explain RULE            print a rule's help and exit\n"
    "  --list-rules              list the rules and exit\n"
    "  --print-clang-args FILE   print the arguments given to the parser for FILE\n"
    "                            and exit\n"
    "  --print-include-map FILE  print the includes mapped for FILE (other case,\n"
    "                            generated .tmh) as a clang -ivfsoverlay file\n"
    "                            and exit\n"
    "  --print-project           print the sources and options the project files\n"
    "                            give, and exit\n"
    "  --dump-facts              print what the analysis saw of each function\n"
    "                            (to standard error), then analyse as usual\n"
    "  --stats                   print the files, parses, functions converted\n"
    "                            and the time of each phase (to standard error)\n"
    "  --version                 print the version and exit\n"
    "  --help                    print this help and exit\n"
    "\n"
    "exit status: 0 no findings at or above the fail level, 1 such findings,\n"
    "2 bad invocation, an input that could not be analysed, or a judgement a\n"
    "rule could not make (the rest is still analysed and reported).\n";

void options_print_help(FILE *out)
{
    fputs(help_text, out);
}

typedef int (*OptionHandler)(Options *options, const char *value, char *err,
                             size_t err_size);

typedef struct OptionSpec {
    const char *name;     /* "--format" */
    const char *alias;    /* "-o", or NULL */
    bool takes_value;
    OptionHandler handle;
} OptionSpec;

static int choose(const char *option, const char *value, const char *const *names,
                  size_t count, int *out, char *err, size_t err_size)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    size_t used = (size_t)snprintf(err, err_size, "%s: unknown value '%s' (expected",
                                   option, value);
    for (size_t i = 0; i < count && used < err_size; i++)
        used += (size_t)snprintf(err + used, err_size - used, "%s%s",
                                 i == 0 ? " " : i + 1 == count ? " or " : ", ", names[i]);
    if (used < err_size)
        snprintf(err + used, err_size - used, ")");
    return -1;
}

static int set_format(Options *o, const char *value, char *err, size_t size)
{
    static const char *const names[] = {"text", "msvc", "sarif", "github"};
    int chosen = 0;
    if (choose("--format", value, names, 4, &chosen, err, size) != 0)
        return -1;
    o->format = (OutputFormat)chosen;
    return 0;
}

static int set_color(Options *o, const char *value, char *err, size_t size)
{
    static const char *const names[] = {"auto", "always", "never"};
    int chosen = 0;
    if (choose("--color", value, names, 3, &chosen, err, size) != 0)
        return -1;
    o->color = (ColorMode)chosen;
    return 0;
}

static int set_fail_level(Options *o, const char *value, char *err, size_t size)
{
    if (level_parse(value, &o->fail_level) != 0) {
        snprintf(err, size, "--fail-level: unknown value '%s' (expected error, "
                 "warning or note)", value);
        return -1;
    }
    return 0;
}

static int set_jobs(Options *o, const char *value, char *err, size_t size)
{
    char *end = NULL;
    unsigned long jobs = strtoul(value, &end, 10);
    if (end == value || *end != '\0' || jobs == 0 || jobs > 256) {
        snprintf(err, size, "--jobs: '%s' is not a number from 1 to 256", value);
        return -1;
    }
    o->jobs = (unsigned)jobs;
    return 0;
}

static int parse_count(const char *option, const char *value, unsigned max,
                       unsigned *out, char *err, size_t size)
{
    char *end = NULL;
    unsigned long number = strtoul(value, &end, 10);
    if (end == value || *end != '\0' || value[0] == '-' || number > max) {
        snprintf(err, size, "%s: '%s' is not a number from 0 to %u", option, value, max);
        return -1;
    }
    *out = (unsigned)number;
    return 0;
}

static int set_file_timeout(Options *o, const char *value, char *err, size_t size)
{
    return parse_count("--file-timeout", value, 86400, &o->file_timeout, err, size);
}

static int set_file_memory(Options *o, const char *value, char *err, size_t size)
{
    return parse_count("--file-memory", value, 1u << 20, &o->file_memory_mib, err, size);
}

static int append(char ***list, size_t *count, const char *value, char *err,
                  size_t size)
{
    char **grown = realloc(*list, (*count + 1) * sizeof(**list));
    if (grown == NULL) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    grown[(*count)++] = (char *)value;
    *list = grown;
    return 0;
}

#define SET_STRING(field)                                                    \
    static int set_##field(Options *o, const char *value, char *err,         \
                           size_t size)                                      \
    {                                                                        \
        (void)err;                                                           \
        (void)size;                                                          \
        o->field = value;                                                    \
        return 0;                                                            \
    }
SET_STRING(output)
SET_STRING(wdk_root)
SET_STRING(print_args_for)
SET_STRING(print_include_map_for)
SET_STRING(configuration)
SET_STRING(compile_db)
SET_STRING(config_file)
SET_STRING(explain)
SET_STRING(baseline)
SET_STRING(write_baseline)
SET_STRING(srcroot)
SET_STRING(sarif_category)
#undef SET_STRING

#define SET_FLAG(field)                                                      \
    static int set_##field(Options *o, const char *value, char *err,         \
                           size_t size)                                      \
    {                                                                        \
        (void)value;                                                         \
        (void)err;                                                           \
        (void)size;                                                          \
        o->field = true;                                                     \
        return 0;                                                            \
    }
SET_FLAG(report_unused_suppressions)
SET_FLAG(allow_incomplete)
SET_FLAG(sarif_include_suppressed)
SET_FLAG(quiet)
SET_FLAG(list_rules)
SET_FLAG(dump_facts)
SET_FLAG(stats)
SET_FLAG(print_project)
SET_FLAG(show_version)
SET_FLAG(show_help)
#undef SET_FLAG

static int add_enable(Options *o, const char *value, char *err, size_t size)
{
    return append(&o->enable, &o->enable_count, value, err, size);
}

static int add_disable(Options *o, const char *value, char *err, size_t size)
{
    return append(&o->disable, &o->disable_count, value, err, size);
}

/* Every option. Sorted by name. */
static const OptionSpec option_specs[] = {
    {"--allow-incomplete", NULL, false, set_allow_incomplete},
    {"--baseline", NULL, true, set_baseline},
    {"--color", NULL, true, set_color},
    {"--config", NULL, true, set_config_file},
    {"--configuration", NULL, true, set_configuration},
    {"--disable", NULL, true, add_disable},
    {"--dump-facts", NULL, false, set_dump_facts},
    {"--enable", NULL, true, add_enable},
    {"--explain", NULL, true, set_explain},
    {"--fail-level", NULL, true, set_fail_level},
    {"--file-memory", NULL, true, set_file_memory},
    {"--file-timeout", NULL, true, set_file_timeout},
    {"--format", NULL, true, set_format},
    {"--help", "-h", false, set_show_help},
    {"--jobs", "-j", true, set_jobs},
    {"--list-rules", NULL, false, set_list_rules},
    {"--output", "-o", true, set_output},
    {"--print-clang-args", NULL, true, set_print_args_for},
    {"--print-include-map", NULL, true, set_print_include_map_for},
    {"--print-project", NULL, false, set_print_project},
    {"--quiet", "-q", false, set_quiet},
    {"--report-unused-suppressions", NULL, false, set_report_unused_suppressions},
    {"--sarif-category", NULL, true, set_sarif_category},
    {"--sarif-include-suppressed", NULL, false, set_sarif_include_suppressed},
    {"--srcroot", NULL, true, set_srcroot},
    {"--stats", NULL, false, set_stats},
    {"--version", NULL, false, set_show_version},
    {"--wdk", NULL, true, set_wdk_root},
    {"--write-baseline", NULL, true, set_write_baseline},
    {"-p", NULL, true, set_compile_db},
};

#define OPTION_COUNT (sizeof(option_specs) / sizeof(option_specs[0]))

/* The spec `arg` names, with `*inline_value` set for `--name=value`. */
static const OptionSpec *find_option(const char *arg, const char **inline_value)
{
    *inline_value = NULL;
    for (size_t i = 0; i < OPTION_COUNT; i++) {
        const OptionSpec *spec = &option_specs[i];
        const char *names[2] = {spec->name, spec->alias};
        for (size_t n = 0; n < 2; n++) {
            if (names[n] == NULL)
                continue;
            size_t length = strlen(names[n]);
            if (strncmp(arg, names[n], length) != 0)
                continue;
            if (arg[length] == '\0')
                return spec;
            if (arg[length] == '=' && spec->takes_value) {
                *inline_value = arg + length + 1;
                return spec;
            }
            /* Short options take their value glued on too: -j4, -ofile. */
            if (length == 2 && names[n][0] == '-' && names[n][1] != '-' &&
                spec->takes_value) {
                *inline_value = arg + length;
                return spec;
            }
        }
    }
    return NULL;
}

int options_parse(int argc, char **argv, Options *options, char *err,
                  size_t err_size)
{
    memset(options, 0, sizeof(*options));
    options->fail_level = LEVEL_WARNING;
    options->file_timeout = 60;
    options->file_memory_mib = 4096;
    options->files = calloc((size_t)argc + 1, sizeof(*options->files));
    if (options->files == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            options->compiler_args = argv + i + 1;
            options->compiler_arg_count = (size_t)(argc - i - 1);
            break;
        }
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            options->files[options->file_count++] = argv[i];
            continue;
        }
        const char *value = NULL;
        const OptionSpec *spec = find_option(arg, &value);
        if (spec == NULL) {
            snprintf(err, err_size, "unknown option '%s' (see --help)", arg);
            return -1;
        }
        if (spec->takes_value && value == NULL) {
            if (i + 1 >= argc) {
                snprintf(err, err_size, "option '%s' needs a value", arg);
                return -1;
            }
            value = argv[++i];
        }
        if (spec->handle(options, value, err, err_size) != 0)
            return -1;
    }
    return 0;
}

void options_free(Options *options)
{
    free(options->files);
    free(options->enable);
    free(options->disable);
    options->files = NULL;
    options->enable = NULL;
    options->disable = NULL;
}
