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
#include "facts_store.h"
#include "finding.h"
#include "finding_baseline.h"
#include "finding_fingerprint.h"
#include "finding_suppress.h"
#include "memory.h"
#include "options.h"
#include "options_config.h"
#include "options_rules.h"
#include "project.h"
#include "rule_catalog.h"
#include "rules.h"
#include "run_stats.h"
#include "source_args.h"
#include "source_compile_db.h"
#include "source_input.h"
#include "source_parse.h"
#include "source_plan.h"
#include "source_workers.h"
#include "source_wpp.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* Everything a run reads before it starts, owned here. */
typedef struct Setup {
    Options options;
    RuleCatalog catalog;      /* the rules that run */
    RuleCatalog all_rules;    /* every rule, to name them in suppressions */
    Config config;
    CompileDb db;
    bool have_db;
    ProjectSet projects;      /* the project files given: one driver each */
    BuildEnvironment *environment; /* what project files leave to the build */
    char data_dir[PATH_MAX];
    char model_include[PATH_MAX + 16];
    char empty_file[PATH_MAX + 32];
    char srcroot[PATH_MAX];
    ToolMessageList early_messages; /* said before the run (compile database) */
} Setup;

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

static int explain_rule(const RuleCatalog *catalog, const char *key)
{
    const RuleInfo *rule = rule_catalog_find(catalog, key);
    if (rule == NULL) {
        print_error("--explain: unknown rule '%s' (see --list-rules)", key);
        return EXIT_TROUBLE;
    }
    printf("%s %s (%s)\n\n%s\n\n%s\n\n%s\n\nSee: %s\n", rule->id, rule->name,
           level_name(rule->default_level), rule->summary, rule->description,
           rule->help, rule->help_uri);
    return EXIT_CLEAN;
}

static void print_version(void)
{
    char *clang = source_parser_clang_version();
    printf("ndislint %s\n", NDISLINT_VERSION);
    printf("parser: %s\n", clang != NULL ? clang : "libclang");
    free(clang);
}

static int print_clang_args(const ParseSettings *settings, const char *file)
{
    ArgList args = {0};
    source_args_build(settings, file, &args);
    for (size_t i = 0; i < args.count; i++)
        printf("%s\n", args.items[i]);
    printf("%s\n", file);
    arg_list_free(&args);
    return EXIT_CLEAN;
}

/* The includes the parse of `file` maps, as an overlay clang reads: with
 * --print-clang-args, what reproduces ndislint's parse outside it. */
static int print_include_map(const ParseSettings *settings, const char *file)
{
    if (access(file, R_OK) != 0) {
        print_error("%s: %s", file, strerror(errno));
        return EXIT_TROUBLE;
    }
    ArgList args = {0};
    source_args_build(settings, file, &args);
    int rc = source_print_include_map(file, &args, settings->empty_file, stdout);
    arg_list_free(&args);
    if (rc != 0) {
        print_error("%s: the include map cannot be written", file);
        return EXIT_TROUBLE;
    }
    return EXIT_CLEAN;
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

static bool show_progress(const Options *options)
{
    return !options->quiet && isatty(STDERR_FILENO);
}

/* What one line at the end of a terminal run sums up. */
typedef struct RunCounts {
    size_t functions;   /* definitions */
    size_t damaged;     /* ... with statements the parser could not fully read */
    size_t not_judged;  /* judgements the rules could not make */
} RunCounts;

static RunCounts count_functions(const Driver *driver, size_t not_judged)
{
    RunCounts counts = {0, 0, not_judged};
    for (size_t u = 0; u < driver->unit_count; u++) {
        const TranslationFacts *unit = &driver->units[u];
        for (size_t i = 0; i < unit->function_count; i++) {
            const Function *f = unit->functions[i];
            if (!f->is_definition)
                continue;
            counts.functions++;
            if (f->damage_count > 0 || f->has_parse_errors)
                counts.damaged++;
        }
    }
    return counts;
}

static void print_summary(size_t files, const RunCounts *counts)
{
    fprintf(stderr,
            "ndislint: %zu file%s, %zu function%s, %zu with code the parser could not "
            "fully read (judged where it touches nothing a rule tracks), %zu judgement%s "
            "not made\n",
            files, files == 1 ? "" : "s", counts->functions, counts->functions == 1 ? "" : "s",
            counts->damaged, counts->not_judged, counts->not_judged == 1 ? "" : "s");
}

static unsigned job_count(const Options *options, size_t files)
{
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned jobs = options->jobs != 0 ? options->jobs
                    : processors > 0  ? (unsigned)processors
                                      : 1;
    return jobs > files ? (unsigned)(files > 0 ? files : 1) : jobs;
}

/* Parses every planned file once, each in a process of its own under the
 * per-file limits; returns the number not (fully) analysed. */
static size_t analyse_inputs(const Setup *setup, const SourcePlan *plan,
                             const ParseSettings *base, Driver *driver,
                             ToolMessageList *messages)
{
    const Options *options = &setup->options;
    WorkerSettings workers = {
        .jobs = job_count(options, plan->count),
        .timeout_seconds = options->file_timeout,
        .memory_bytes = (size_t)options->file_memory_mib << 20,
        .progress = show_progress(options),
    };
    return source_workers_run(plan, base, &workers, driver, messages);
}

typedef int (*Emitter)(FILE *, const EmitContext *);

static Emitter emitter_for(OutputFormat format)
{
    switch (format) {
    case FORMAT_SARIF: return emit_sarif;
    case FORMAT_MSVC: return emit_msvc;
    case FORMAT_GITHUB: return emit_github;
    case FORMAT_TEXT: return emit_text;
    }
    return emit_text;
}

/* Writes to a temporary file beside the target and renames it, so that an
 * interrupted run never leaves a partial file behind. */
static int write_file(const char *path, Emitter emit, const EmitContext *ctx)
{
    if (path == NULL || strcmp(path, "-") == 0) {
        int rc = emit(stdout, ctx);
        if (fflush(stdout) != 0)
            rc = -1;
        return rc;
    }
    size_t length = strlen(path) + 16;
    char *temporary = malloc(length);
    if (temporary == NULL)
        return -1;
    snprintf(temporary, length, "%s.tmpXXXXXX", path);
    int fd = mkstemp(temporary);
    if (fd < 0) {
        print_error("cannot write %s: %s", path, strerror(errno));
        free(temporary);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    int rc = out != NULL ? emit(out, ctx) : -1;
    if (out != NULL && fclose(out) != 0)
        rc = -1;
    if (out == NULL)
        close(fd);
    if (rc == 0 && rename(temporary, path) != 0)
        rc = -1;
    if (rc != 0) {
        print_error("cannot write %s: %s", path, strerror(errno));
        unlink(temporary);
    } else {
        chmod(path, 0644);
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

/* Findings that fail the gate: not suppressed, not already in the
 * baseline, at or above the fail level. */
static size_t failing_findings(const FindingList *findings, Level fail_level)
{
    size_t count = 0;
    for (size_t i = 0; i < findings->count; i++) {
        const Finding *f = &findings->items[i];
        if (!f->suppressed && f->baseline != BASELINE_UNCHANGED && f->level >= fail_level)
            count++;
    }
    return count;
}

static bool use_color(const Options *options)
{
    if (options->format != FORMAT_TEXT || options->color == COLOR_NEVER)
        return false;
    if (options->color == COLOR_ALWAYS)
        return true;
    bool to_stdout = options->output == NULL || strcmp(options->output, "-") == 0;
    /* NO_COLOR counts when present and not empty. */
    const char *no_color = getenv("NO_COLOR");
    bool colour_refused = no_color != NULL && no_color[0] != '\0';
    return to_stdout && isatty(STDOUT_FILENO) && !colour_refused;
}

/* After the rules: suppressions, fingerprints and the baseline. Returns
 * -1 when the baseline cannot be read. */
/* One driver of the run: the files given or listed by a compile database,
 * or one project of a project file. Kept until the output is written,
 * since findings and messages point at the paths it interned. */
typedef struct DriverRun {
    Driver driver;
    SourcePlan plan;
} DriverRun;

static int post_process(const Setup *setup, const DriverRun *runs, size_t run_count,
                        FindingList *findings, ToolMessageList *messages)
{
    const Options *options = &setup->options;
    size_t count = 0;
    for (size_t d = 0; d < run_count; d++)
        count += runs[d].plan.count;
    char **files = calloc(count + 1, sizeof(*files));
    if (files == NULL)
        return -1;
    size_t n = 0;
    for (size_t d = 0; d < run_count; d++) {
        for (size_t i = 0; i < runs[d].plan.count; i++)
            files[n++] = (char *)runs[d].plan.jobs[i].file;
    }
    suppress_apply(findings, &setup->all_rules, &setup->catalog, files, count,
                   options->report_unused_suppressions, messages);
    free(files);
    fingerprint_findings(findings);
    if (options->baseline == NULL)
        return 0;
    Baseline baseline = {0};
    char err[1024];
    if (baseline_load(options->baseline, &baseline, err, sizeof(err)) != 0) {
        print_error("%s", err);
        return -1;
    }
    baseline_apply(&baseline, findings);
    baseline_free(&baseline);
    return 0;
}

/* The inputs of one driver, as analyse_driver takes them. */
typedef struct DriverInput {
    char *const *files;  /* given on the command line, or none */
    size_t file_count;
    const CompileDb *db; /* a compile database or a project's sources */
} DriverInput;

/* Parses and judges one driver into `findings` and `messages`. Returns the
 * number of files and judgements that failed, or -1 when nothing was left
 * to analyse. */
static long analyse_driver(Setup *setup, const ParseSettings *settings, const DriverInput *in,
                           DriverRun *out, FindingList *findings, ToolMessageList *messages,
                           RunCounts *counts, RunStats *stats)
{
    const Options *options = &setup->options;
    driver_init(&out->driver);
    Driver *driver = &out->driver;
    source_plan_build(&out->plan, in->files, in->file_count, in->db,
                      setup->config.path != NULL ? &setup->config : NULL, driver, messages);
    if (out->plan.count == 0)
        return -1;
    source_wpp_read(&out->plan, driver);
    /* Bodies wait in a temporary file until a rule follows them; without
     * one they stay in memory. */
    driver->store = body_store_open();
    run_stats_enter(stats, PHASE_PARSE);
    size_t failed = analyse_inputs(setup, &out->plan, settings, driver, messages);
    run_stats_enter(stats, PHASE_ANALYSIS);
    if (options->dump_facts)
        facts_dump(stderr, driver);
    Program program;
    program_build(&program, driver);
    note_double_definitions(&program, messages);
    bool allow_incomplete = options->allow_incomplete || setup->config.allow_incomplete;
    size_t not_judged = rules_run_all(&program, &setup->catalog, allow_incomplete, findings,
                                      messages);
    if (!allow_incomplete)
        failed += not_judged;
    RunCounts these = count_functions(driver, not_judged);
    counts->functions += these.functions;
    counts->damaged += these.damaged;
    counts->not_judged += these.not_judged;
    program_free(&program);
    if (driver->load_failures > 0) {
        const Function *first = driver->first_load_failure;
        tool_message_add(messages, LEVEL_ERROR, first->loc,
                         "the body of %s%s could not be read back from the temporary "
                         "file; the paths through %s "
                         "were not judged",
                         first->name,
                         driver->load_failures > 1 ? " and other functions" : "",
                         driver->load_failures > 1 ? "them" : "it");
        failed++;
    }
    return (long)failed;
}

/* The drivers of this run: one per project of the project files given, or
 * the one the files and compile database make. */
static size_t driver_inputs(const Setup *setup, DriverInput **out)
{
    const Options *options = &setup->options;
    if (setup->projects.count == 0) {
        *out = checked_alloc(calloc(1, sizeof(**out)));
        (*out)[0] = (DriverInput){options->files, options->file_count,
                                  setup->have_db ? &setup->db : NULL};
        return 1;
    }
    *out = checked_alloc(calloc(setup->projects.count, sizeof(**out)));
    for (size_t i = 0; i < setup->projects.count; i++)
        (*out)[i] = (DriverInput){NULL, 0, &setup->projects.items[i].files};
    return setup->projects.count;
}

static int run(Setup *setup, const ParseSettings *settings, int argc, char **argv)
{
    const Options *options = &setup->options;
    ToolMessageList messages = setup->early_messages;
    memset(&setup->early_messages, 0, sizeof(setup->early_messages));
    FindingList findings = {0};
    RunCounts counts = {0, 0, 0};
    RunStats stats;
    memset(&stats, 0, sizeof(stats));
    int status = EXIT_TROUBLE;

    DriverInput *inputs = NULL;
    size_t driver_count = driver_inputs(setup, &inputs);
    DriverRun *runs = checked_alloc(calloc(driver_count, sizeof(*runs)));
    size_t failed = 0;
    size_t analysed = 0;
    size_t files = 0;
    for (size_t d = 0; d < driver_count; d++) {
        long rc = analyse_driver(setup, settings, &inputs[d], &runs[d], &findings, &messages,
                                 &counts, &stats);
        if (rc < 0)
            continue;
        failed += (size_t)rc;
        analysed++;
        files += runs[d].plan.count;
    }
    if (analysed == 0) {
        print_messages(&messages, setup->srcroot);
        print_error("%s", "no input files left to analyse (see --help)");
        goto done;
    }
    finding_list_sort(&findings);
    if (post_process(setup, runs, driver_count, &findings, &messages) != 0) {
        print_messages(&messages, setup->srcroot);
        goto done;
    }

    run_stats_enter(&stats, PHASE_OUTPUT);
    print_messages(&messages, setup->srcroot);
    if (show_progress(options))
        print_summary(files, &counts);
    char *command_line = join_command_line(argc, argv);
    EmitContext ctx = {
        .catalog = &setup->catalog,
        .findings = &findings,
        .messages = &messages,
        .srcroot = setup->srcroot,
        .tool_version = NDISLINT_VERSION,
        .command_line = command_line,
        .color = use_color(options),
        .execution_successful = failed == 0,
        .include_suppressed = options->sarif_include_suppressed,
        .baseline_used = options->baseline != NULL,
        .category = options->sarif_category,
    };
    status = failed > 0 ? EXIT_TROUBLE
             : failing_findings(&findings, options->fail_level) > 0 ? EXIT_FINDINGS
                                                                    : EXIT_CLEAN;
    if (write_file(options->output, emitter_for(options->format), &ctx) != 0)
        status = EXIT_TROUBLE;
    if (options->write_baseline != NULL) {
        EmitContext baseline_ctx = ctx;
        baseline_ctx.include_suppressed = false;
        baseline_ctx.color = false;
        if (write_file(options->write_baseline, emit_sarif, &baseline_ctx) != 0)
            status = EXIT_TROUBLE;
    }
    free(command_line);
    run_stats_stop(&stats);
    if (options->stats) {
        /* After the findings, when both go to a terminal. */
        fflush(stdout);
        Driver *drivers = checked_alloc(calloc(driver_count, sizeof(*drivers)));
        for (size_t d = 0; d < driver_count; d++)
            drivers[d] = runs[d].driver;
        run_stats_print(stderr, &stats, files, drivers, driver_count, job_count(options, files));
        free(drivers);
    }

done:
    for (size_t d = 0; d < driver_count; d++) {
        source_plan_free(&runs[d].plan);
        driver_free(&runs[d].driver);
    }
    free(runs);
    free(inputs);
    finding_list_free(&findings);
    tool_message_list_free(&messages);
    return status;
}

/* ---- project files ------------------------------------------------------ */

/* "Release|x64" into its two halves; "Release" alone leaves the platform
 * to the project. `buffer` holds the halves. */
static BuildChoice split_configuration(const char *text, char *buffer, size_t size)
{
    BuildChoice choice = {NULL, NULL};
    if (text == NULL || snprintf(buffer, size, "%s", text) >= (int)size)
        return choice;
    char *bar = strchr(buffer, '|');
    if (bar != NULL) {
        *bar = '\0';
        choice.platform = bar[1] != '\0' ? bar + 1 : NULL;
    }
    choice.configuration = buffer[0] != '\0' ? buffer : NULL;
    return choice;
}

/* The project files of the run: those given as FILEs, or the configuration
 * file's "project" when no FILE is given. Returns how many, with the paths
 * in `paths` (the configuration's made absolute into `joined`). */
static size_t project_paths(const Setup *setup, const char **paths, size_t max, char *joined,
                            size_t joined_size)
{
    const Options *options = &setup->options;
    size_t count = 0;
    for (size_t i = 0; i < options->file_count && count < max; i++) {
        if (project_is_project_file(options->files[i]))
            paths[count++] = options->files[i];
    }
    if (count == 0 && options->file_count == 0 && options->compile_db == NULL &&
        setup->config.project != NULL) {
        const char *slash = strrchr(setup->config.path, '/');
        int dir_length = slash != NULL ? (int)(slash - setup->config.path) : 1;
        snprintf(joined, joined_size, "%.*s/%s", dir_length,
                 slash != NULL ? setup->config.path : ".", setup->config.project);
        paths[count++] = joined;
    }
    return count;
}

/* Reads the project files into setup->projects, one driver per project. */
static int load_projects(Setup *setup)
{
    const Options *options = &setup->options;
    const char **paths = checked_alloc(calloc(options->file_count + 1, sizeof(*paths)));
    char joined[PATH_MAX * 2];
    size_t count = project_paths(setup, paths, options->file_count + 1, joined, sizeof(joined));
    int rc = 0;
    if (count == 0)
        goto done;
    rc = -1;
    if (count != options->file_count && options->file_count > 0) {
        print_error("%s", "give project files or source files, not both");
        goto done;
    }
    if (options->compile_db != NULL) {
        print_error("%s", "-p and a project file cannot be given together");
        goto done;
    }
    char err[2048];
    setup->environment = build_environment_load(setup->data_dir, err, sizeof(err));
    if (setup->environment == NULL) {
        print_error("%s", err);
        goto done;
    }
    char buffer[512];
    const char *asked = options->configuration != NULL ? options->configuration
                                                       : setup->config.configuration;
    BuildChoice choice = split_configuration(asked, buffer, sizeof(buffer));
    for (size_t i = 0; i < count; i++) {
        ProjectSet one;
        if (project_load(paths[i], &choice, setup->environment, &one, &setup->early_messages,
                         err, sizeof(err)) != 0) {
            print_messages(&setup->early_messages, setup->srcroot);
            print_error("%s", err);
            project_set_free(&one);
            /* The messages said name its files: none is said again. */
            tool_message_list_free(&setup->early_messages);
            goto done;
        }
        ProjectSet *all = &setup->projects;
        /* memcpy is not given NULL, even for nothing. */
        if (one.count > 0) {
            all->items = xrealloc(all->items, all->count + one.count, sizeof(*all->items));
            memcpy(all->items + all->count, one.items, one.count * sizeof(*one.items));
            all->count += one.count;
        }
        if (one.left_out_count > 0) {
            all->left_out = xrealloc(all->left_out, all->left_out_count + one.left_out_count,
                                     sizeof(*all->left_out));
            memcpy(all->left_out + all->left_out_count, one.left_out,
                   one.left_out_count * sizeof(*one.left_out));
            all->left_out_count += one.left_out_count;
        }
        free(one.left_out);
        free(one.items);
        free(one.path);
    }
    rc = 0;
done:
    free(paths);
    return rc;
}

/* The compile database or project entry of `file`, or NULL. */
static const CompileEntry *find_entry(const Setup *setup, const char *file)
{
    if (setup->have_db)
        return compile_db_find(&setup->db, file);
    for (size_t i = 0; i < setup->projects.count; i++) {
        const CompileEntry *entry = compile_db_find(&setup->projects.items[i].files, file);
        if (entry != NULL)
            return entry;
    }
    return NULL;
}

/* --print-project: what the project files were understood to say. */
static int print_projects(const Setup *setup)
{
    if (setup->projects.count == 0) {
        print_error("%s", "--print-project: no project file given (a .vcxproj, .sln, "
                          "sources or dirs file, or \"project\" in the configuration file)");
        return EXIT_TROUBLE;
    }
    for (size_t i = 0; i < setup->projects.count; i++) {
        const Project *p = &setup->projects.items[i];
        printf("project %s\n", p->path);
        printf("  configuration %s\n", p->configuration != NULL ? p->configuration : "");
        for (size_t r = 0; r < p->read_count; r++)
            printf("  read %s\n", p->read[r]);
        for (size_t f = 0; f < p->files.count; f++) {
            const CompileEntry *entry = &p->files.entries[f];
            printf("  source %s\n", entry->file);
            for (size_t a = 0; a < entry->args.count; a++)
                printf("    %s\n", entry->args.items[a]);
        }
    }
    return EXIT_CLEAN;
}

/* The configuration file: --config, or .ndislint.json found upward. */
static int load_config(Setup *setup)
{
    char found[PATH_MAX];
    char cwd[PATH_MAX];
    char err[1024];
    const char *path = setup->options.config_file;
    if (path == NULL && getcwd(cwd, sizeof(cwd)) != NULL &&
        config_find(cwd, found, sizeof(found)) == 1)
        path = found;
    if (path == NULL)
        return 0;
    if (config_load(path, &setup->config, err, sizeof(err)) != 0) {
        print_error("%s", err);
        return -1;
    }
    return 0;
}

static int set_srcroot(Setup *setup)
{
    const char *given = setup->options.srcroot;
    if (given == NULL) {
        if (getcwd(setup->srcroot, sizeof(setup->srcroot)) == NULL)
            snprintf(setup->srcroot, sizeof(setup->srcroot), "/");
        return 0;
    }
    if (realpath(given, setup->srcroot) == NULL) {
        print_error("--srcroot %s: %s", given, strerror(errno));
        return -1;
    }
    return 0;
}

/* Reads everything a run needs; returns an exit status, or -1 to go on. */
static int prepare(Setup *setup, int argc, char **argv)
{
    char err[1024];
    Options *options = &setup->options;
    if (options_parse(argc, argv, options, err, sizeof(err)) != 0) {
        print_error("%s", err);
        return EXIT_TROUBLE;
    }
    if (options->show_help) {
        options_print_help(stdout);
        return EXIT_CLEAN;
    }
    if (options->show_version) {
        print_version();
        return EXIT_CLEAN;
    }
    if (find_data_dir(setup->data_dir, sizeof(setup->data_dir)) != 0) {
        print_error("%s", "the rules folder was not found (is ndislint installed?)");
        return EXIT_TROUBLE;
    }
    if (rule_catalog_load(&setup->catalog, setup->data_dir, err, sizeof(err)) != 0 ||
        rules_check_catalog(&setup->catalog, err, sizeof(err)) != 0 ||
        rule_catalog_load_rules(&setup->all_rules, setup->data_dir, err, sizeof(err)) != 0) {
        print_error("%s", err);
        return EXIT_TROUBLE;
    }
    if (load_config(setup) != 0)
        return EXIT_TROUBLE;
    if (options->explain != NULL)
        return explain_rule(&setup->catalog, options->explain);
    if (options_select_rules(&setup->catalog,
                             setup->config.path != NULL ? &setup->config : NULL, options,
                             err, sizeof(err)) != 0) {
        print_error("%s", err);
        return EXIT_TROUBLE;
    }
    if (options->list_rules) {
        list_rules(&setup->catalog);
        return EXIT_CLEAN;
    }
    if (options->wdk_root != NULL && access(options->wdk_root, R_OK) != 0) {
        print_error("--wdk %s: the folder cannot be read", options->wdk_root);
        return EXIT_TROUBLE;
    }
    if (set_srcroot(setup) != 0)
        return EXIT_TROUBLE;
    join_path(setup->model_include, sizeof(setup->model_include), setup->data_dir,
              "/include");
    join_path(setup->empty_file, sizeof(setup->empty_file), setup->data_dir,
              "/stand-ins/empty.tmh");
    return -1;
}

int main(int argc, char **argv)
{
    Setup *setup = calloc(1, sizeof(*setup));
    if (setup == NULL) {
        print_error("%s", "out of memory");
        return EXIT_TROUBLE;
    }
    int status = prepare(setup, argc, argv);
    if (status >= 0)
        goto done;
    const Options *options = &setup->options;
    ParseSettings settings = {
        .resource_dir = NDISLINT_RESOURCE_DIR,
        .model_include = options->wdk_root != NULL ? NULL : setup->model_include,
        .empty_file = setup->empty_file,
        .wdk_root = options->wdk_root,
        .config_args = setup->config.args,
        .config_arg_count = setup->config.arg_count,
        .user_args = options->compiler_args,
        .user_arg_count = options->compiler_arg_count,
    };
    if (options->compile_db != NULL) {
        char err[1024];
        if (compile_db_load(options->compile_db, &setup->db, &setup->early_messages, err,
                            sizeof(err)) != 0) {
            print_error("%s", err);
            status = EXIT_TROUBLE;
            goto done;
        }
        setup->have_db = true;
    }
    if (load_projects(setup) != 0) {
        status = EXIT_TROUBLE;
        goto done;
    }
    if (options->print_project) {
        print_messages(&setup->early_messages, setup->srcroot);
        status = print_projects(setup);
        goto done;
    }
    const char *print_for = options->print_args_for != NULL ? options->print_args_for
                                                            : options->print_include_map_for;
    if (print_for != NULL) {
        /* The file's compile database entry, if any, as the run uses it. */
        const CompileEntry *entry = find_entry(setup, print_for);
        if (entry != NULL) {
            settings.entry_args = entry->args.items;
            settings.entry_arg_count = entry->args.count;
        }
        print_messages(&setup->early_messages, setup->srcroot);
        if (options->print_args_for != NULL)
            status = print_clang_args(&settings, print_for);
        else
            status = print_include_map(&settings, print_for);
        goto done;
    }
    if (options->file_count == 0 && !setup->have_db && setup->projects.count == 0) {
        print_error("%s", "no input files (see --help)");
        status = EXIT_TROUBLE;
        goto done;
    }
    status = run(setup, &settings, argc, argv);

done:
    tool_message_list_free(&setup->early_messages);
    if (setup->have_db)
        compile_db_free(&setup->db);
    config_free(&setup->config);
    project_set_free(&setup->projects);
    build_environment_free(setup->environment);
    rule_catalog_free(&setup->catalog);
    rule_catalog_free(&setup->all_rules);
    options_free(&setup->options);
    free(setup);
    return status;
}
