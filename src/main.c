/* main.c - the command line: sources -> facts -> rules -> findings ->
 * emitters, in that order, once per run.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "facts.h"
#include "facts_dump.h"
#include "facts_program.h"
#include "finding.h"
#include "options.h"
#include "rule_catalog.h"
#include "rules.h"
#include "source_args.h"
#include "source_input.h"
#include "source_parse.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

static void print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void print_error(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "ndislint: error: ");
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
}

/* The folder holding the rule descriptions and the model headers: beside
 * an installed binary first, then the source tree it was built from. */
/* Writes "<dir><suffix>" into out; -1 when it does not fit. */
static int join_path(char *out, size_t size, const char *dir, const char *suffix)
{
    size_t dir_length = strlen(dir);
    size_t suffix_length = strlen(suffix);
    if (dir_length + suffix_length + 1 > size)
        return -1;
    memcpy(out, dir, dir_length);
    memcpy(out + dir_length, suffix, suffix_length + 1);
    return 0;
}

static int readable(const char *dir, const char *suffix)
{
    char probe[PATH_MAX];
    return join_path(probe, sizeof(probe), dir, suffix) == 0 && access(probe, R_OK) == 0;
}

/* The folder holding the rule descriptions and the model headers: beside
 * an installed binary first, then the source tree it was built from. */
static int find_data_dir(char *out, size_t size)
{
    char self[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (length > 0) {
        self[length] = '\0';
        char *slash = strrchr(self, '/');
        if (slash != NULL) {
            *slash = '\0';
            if (join_path(out, size, self, "/../share/ndislint") == 0 &&
                readable(out, "/include/ndis.h"))
                return 0;
        }
    }
    if (join_path(out, size, NDISLINT_SOURCE_DATA_DIR, "") == 0 &&
        readable(out, "/NDIS002.json"))
        return 0;
    if (join_path(out, size, NDISLINT_INSTALLED_DATA_DIR, "") == 0 && readable(out, ""))
        return 0;
    return -1;
}

static void list_rules(const RuleCatalog *catalog)
{
    for (size_t i = 0; i < catalog->count; i++) {
        const RuleInfo *rule = &catalog->rules[i];
        printf("%s  %-28s %-7s  %s\n", rule->id, rule->name,
               level_name(rule->default_level), rule->summary);
    }
}

static void print_version(void)
{
    char *clang = source_parser_clang_version();
    printf("ndislint %s\n", NDISLINT_VERSION);
    printf("parser: %s\n", clang != NULL ? clang : "libclang");
    free(clang);
}

static void print_clang_args(const ParseSettings *settings, const char *file)
{
    ArgList args = {0};
    source_args_build(settings, file, &args);
    for (size_t i = 0; i < args.count; i++)
        printf("%s\n", args.items[i]);
    printf("%s\n", file);
    arg_list_free(&args);
}

/* Tool messages go to stderr, compiler style, so that they never mix with
 * findings or SARIF on stdout. */
static void print_messages(const ToolMessageList *messages, const char *srcroot)
{
    for (size_t i = 0; i < messages->count; i++) {
        const ToolMessage *m = &messages->items[i];
        if (m->loc.file != NULL && m->loc.line > 0)
            fprintf(stderr, "%s:%u:%u: %s: %s\n",
                    emit_display_path(m->loc.file, srcroot), m->loc.line,
                    m->loc.col, level_name(m->level), m->message);
        else if (m->loc.file != NULL)
            fprintf(stderr, "%s: %s: %s\n", emit_display_path(m->loc.file, srcroot),
                    level_name(m->level), m->message);
        else
            fprintf(stderr, "ndislint: %s: %s\n", level_name(m->level), m->message);
    }
}

/* Two definitions of one function (two drivers in one run, or a name
 * reused by static functions of two files) are never merged: calls to it
 * are not followed, and the user is told. */
static void note_double_definitions(const Program *program, ToolMessageList *messages)
{
    for (size_t i = 0; i < program->function_count; i++) {
        const ProgramFunction *f = &program->functions[i];
        if (!f->defined_twice)
            continue;
        tool_message_add(messages, LEVEL_WARNING, f->other_definition->loc,
                         "%s is also defined at %s:%u; calls to it are not followed, "
                         "and it is not checked as a callback",
                         f->name, f->definition->loc.file, f->definition->loc.line);
    }
}

/* Parses every input; returns the number that could not be analysed. */
static size_t analyse_inputs(const Options *options, const ParseSettings *settings,
                             Driver *driver, ToolMessageList *messages)
{
    SourceParser *parser = source_parser_new();
    size_t failed = 0;
    if (parser == NULL) {
        tool_message_add(messages, LEVEL_ERROR, (SourceLoc){NULL, 0, 0},
                         "the parser could not be started");
        return options->file_count;
    }
    for (size_t i = 0; i < options->file_count; i++) {
        const char *file = options->files[i];
        char problem[256];
        if (source_input_check(file, problem, sizeof(problem)) != 0) {
            char resolved[PATH_MAX];
            const char *shown = realpath(file, resolved) != NULL ? resolved : file;
            tool_message_add(messages, LEVEL_ERROR,
                             (SourceLoc){driver_intern_path(driver, shown), 0, 0},
                             "%s; not analysed", problem);
            failed++;
            continue;
        }
        ArgList args = {0};
        source_args_build(settings, file, &args);
        if (source_parse_file(parser, driver, file, &args, messages) != 0)
            failed++;
        arg_list_free(&args);
    }
    source_parser_free(parser);
    return failed;
}

/* Writes the output to a temporary file beside the target and renames it,
 * so that an interrupted run never leaves a partial file behind. */
static int write_output(const Options *options, const EmitContext *ctx)
{
    int (*emit)(FILE *, const EmitContext *) =
        options->format == FORMAT_SARIF    ? emit_sarif
        : options->format == FORMAT_MSVC   ? emit_msvc
        : options->format == FORMAT_GITHUB ? emit_github
                                           : emit_text;
    if (options->output == NULL || strcmp(options->output, "-") == 0) {
        int rc = emit(stdout, ctx);
        if (fflush(stdout) != 0)
            rc = -1;
        return rc;
    }
    size_t length = strlen(options->output) + 16;
    char *temporary = malloc(length);
    if (temporary == NULL)
        return -1;
    snprintf(temporary, length, "%s.tmpXXXXXX", options->output);
    int fd = mkstemp(temporary);
    if (fd < 0) {
        fprintf(stderr, "ndislint: error: cannot write %s: %s\n", options->output,
                strerror(errno));
        free(temporary);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    int rc = out != NULL ? emit(out, ctx) : -1;
    if (out != NULL && fclose(out) != 0)
        rc = -1;
    if (out == NULL)
        close(fd);
    if (rc == 0 && rename(temporary, options->output) != 0)
        rc = -1;
    if (rc != 0) {
        fprintf(stderr, "ndislint: error: cannot write %s: %s\n", options->output,
                strerror(errno));
        unlink(temporary);
    } else {
        chmod(options->output, 0644);
    }
    free(temporary);
    return rc;
}

static char *join_command_line(int argc, char **argv)
{
    size_t length = 1;
    for (int i = 0; i < argc; i++)
        length += strlen(argv[i]) + 1;
    char *line = malloc(length);
    if (line == NULL)
        return NULL;
    line[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i > 0)
            strcat(line, " ");
        strcat(line, argv[i]);
    }
    return line;
}

static int run(const Options *options, const RuleCatalog *catalog,
               const ParseSettings *settings, int argc, char **argv)
{
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) == NULL)
        snprintf(cwd, sizeof(cwd), "/");

    Driver driver;
    driver_init(&driver);
    ToolMessageList messages = {0};
    FindingList findings = {0};

    size_t failed = analyse_inputs(options, settings, &driver, &messages);
    if (options->dump_facts)
        facts_dump(stderr, &driver);
    Program program;
    program_build(&program, &driver);
    note_double_definitions(&program, &messages);
    rules_run_all(&program, catalog, &findings, &messages);
    finding_list_sort(&findings);

    print_messages(&messages, cwd);
    char *command_line = join_command_line(argc, argv);
    EmitContext ctx = {
        .catalog = catalog,
        .findings = &findings,
        .messages = &messages,
        .srcroot = cwd,
        .tool_version = NDISLINT_VERSION,
        .command_line = command_line,
        .color = options->format == FORMAT_TEXT && options->output == NULL &&
                 isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL,
        .execution_successful = failed == 0,
    };
    int status = failed > 0 ? EXIT_TROUBLE
                 : findings.count > 0 ? EXIT_FINDINGS
                                      : EXIT_CLEAN;
    if (write_output(options, &ctx) != 0)
        status = EXIT_TROUBLE;

    free(command_line);
    program_free(&program);
    finding_list_free(&findings);
    tool_message_list_free(&messages);
    driver_free(&driver);
    return status;
}

int main(int argc, char **argv)
{
    Options options;
    char err[1024];
    int status = EXIT_TROUBLE;
    RuleCatalog catalog = {0};

    if (options_parse(argc, argv, &options, err, sizeof(err)) != 0) {
        print_error("%s", err);
        goto done;
    }
    if (options.show_help) {
        options_print_help(stdout);
        status = EXIT_CLEAN;
        goto done;
    }
    if (options.show_version) {
        print_version();
        status = EXIT_CLEAN;
        goto done;
    }
    char data_dir[PATH_MAX];
    if (find_data_dir(data_dir, sizeof(data_dir)) != 0) {
        print_error("%s", "the rules folder was not found (is ndislint installed?)");
        goto done;
    }
    if (rule_catalog_load(&catalog, data_dir, err, sizeof(err)) != 0 ||
        rules_check_catalog(&catalog, err, sizeof(err)) != 0) {
        print_error("%s", err);
        goto done;
    }
    if (options.list_rules) {
        list_rules(&catalog);
        status = EXIT_CLEAN;
        goto done;
    }
    char model_include[PATH_MAX + 16];
    join_path(model_include, sizeof(model_include), data_dir, "/include");
    if (options.wdk_root != NULL && access(options.wdk_root, R_OK) != 0) {
        print_error("--wdk %s: the folder cannot be read", options.wdk_root);
        goto done;
    }
    ParseSettings settings = {
        .resource_dir = NDISLINT_RESOURCE_DIR,
        .model_include = options.wdk_root != NULL ? NULL : model_include,
        .wdk_root = options.wdk_root,
        .user_args = options.compiler_args,
        .user_arg_count = options.compiler_arg_count,
    };
    if (options.print_args_for != NULL) {
        print_clang_args(&settings, options.print_args_for);
        status = EXIT_CLEAN;
        goto done;
    }
    if (options.file_count == 0) {
        print_error("%s", "no input files (see --help)");
        goto done;
    }
    status = run(&options, &catalog, &settings, argc, argv);

done:
    rule_catalog_free(&catalog);
    options_free(&options);
    return status;
}
