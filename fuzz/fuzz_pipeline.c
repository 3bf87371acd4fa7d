/* fuzz_pipeline.c - the whole pipeline on an arbitrary C source.
 *
 * The input is written to a .c file and analysed the way the tool analyses
 * one input file: the same parser arguments (source_args_build with the
 * bundled model headers and clang's resource folder), source_parse_file
 * into a driver of its own (as a worker process does), the facts carried
 * into the run's driver through wire_write/wire_read (facts_wire.h), its
 * function bodies set aside in a store (facts_store.h) and read back, the
 * Program, every rule, the sorted findings, the in-source suppressions and
 * fingerprints, and the SARIF emitter (into /dev/null). Everything runs in
 * this process, so that the sanitizers see the parser side too.
 *
 * One SourceParser (one CXIndex) serves the whole process; it is created
 * with the first input. The rules folder (and its include/ model headers)
 * comes from $NDISLINT_RULES, else NDISLINT_FUZZ_RULES_DIR; the resource
 * folder from $NDISLINT_RESOURCE_DIR, else NDISLINT_FUZZ_RESOURCE_DIR.
 */
#include <stdint.h>

#include "arena.h"
#include "emit.h"
#include "facts.h"
#include "facts_program.h"
#include "facts_store.h"
#include "facts_wire.h"
#include "finding.h"
#include "finding_fingerprint.h"
#include "finding_suppress.h"
#include "fuzz_common.h"
#include "rule_catalog.h"
#include "rules.h"
#include "source_args.h"
#include "source_parse.h"

#ifndef NDISLINT_FUZZ_RESOURCE_DIR
#define NDISLINT_FUZZ_RESOURCE_DIR "/usr/lib/llvm-19/lib/clang/19"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static SourceParser *parser;
static RuleCatalog catalog;
static FILE *devnull;
static char file[PATH_MAX];
static char model_include[PATH_MAX];
static const char *resource_dir;

static void setup(void)
{
    char err[1024];
    const char *rules = fuzz_rules_dir();
    if (rule_catalog_load(&catalog, rules, err, sizeof(err)) != 0 ||
        rules_check_catalog(&catalog, err, sizeof(err)) != 0) {
        fprintf(stderr, "fuzz_pipeline: %s (set NDISLINT_RULES)\n", err);
        abort();
    }
    if (snprintf(model_include, sizeof(model_include), "%s/include", rules) >=
        (int)sizeof(model_include))
        fuzz_die("rules path too long");
    resource_dir = getenv("NDISLINT_RESOURCE_DIR");
    if (resource_dir == NULL || resource_dir[0] == '\0')
        resource_dir = NDISLINT_FUZZ_RESOURCE_DIR;
    devnull = fopen("/dev/null", "w");
    if (devnull == NULL)
        fuzz_die("/dev/null");
    fuzz_path(file, sizeof(file), "input.c");
    parser = source_parser_new(NULL);
    if (parser == NULL) {
        fprintf(stderr, "fuzz_pipeline: libclang could not be initialised\n");
        abort();
    }
}

/* Parses the input with `with` as a worker process does (a driver and
 * arena of its own) and carries the facts into `driver` as bytes. */
static int carry(SourceParser *with, Driver *driver, TranslationFacts *unit,
                 ToolMessageList *messages)
{
    ParseSettings settings = {
        .resource_dir = resource_dir,
        .model_include = model_include,
    };
    ArgList args = {0};
    source_args_build(&settings, file, &args);
    Driver child;
    driver_init(&child);
    Arena child_arena;
    arena_init(&child_arena);
    TranslationFacts parsed;
    memset(&parsed, 0, sizeof(parsed));
    ToolMessageList child_messages = {0};
    int child_status = source_parse_file(with, &child, &child_arena, file, &args,
                                         &parsed, &child_messages);
    arg_list_free(&args);
    unsigned char *wire = NULL;
    size_t wire_size = 0;
    if (wire_write(child_status, &parsed, &child_messages, &wire, &wire_size) != 0)
        fuzz_die("wire_write");
    tool_message_list_free(&child_messages);
    arena_free(&child_arena);
    driver_free(&child);
    memset(unit, 0, sizeof(*unit));
    int status = -1;
    if (wire_read(wire, wire_size, driver, &driver->arena, &status, unit, messages) != 0)
        abort(); /* what wire_write wrote must read back */
    free(wire);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (parser == NULL)
        setup();
    fuzz_write(file, data, size);

    /* The run's side: facts carried as bytes from the parsing side and
     * bodies set aside in a store, as the tool does. */
    Driver driver;
    driver_init(&driver);
    driver.store = body_store_open();
    if (driver.store == NULL)
        fuzz_die("body_store_open");
    TranslationFacts unit;
    ToolMessageList messages = {0};
    int status = carry(parser, &driver, &unit, &messages);
    if (status >= 0)
        driver_append_unit(&driver, &unit);

    FindingList findings = {0};
    Program program;
    program_build(&program, &driver);
    (void)rules_run_all(&program, &catalog, false, &findings, &messages);
    program_free(&program);
    if (driver.load_failures != 0)
        abort(); /* every stored body must come back */
    finding_list_sort(&findings);
    char *files[] = {file};
    suppress_apply(&findings, &catalog, &catalog, files, 1, true, &messages);
    fingerprint_findings(&findings);

    EmitContext ctx = {
        .catalog = &catalog,
        .findings = &findings,
        .messages = &messages,
        .srcroot = fuzz_dir(),
        .tool_version = "0.0.0-fuzz",
        .command_line = "ndislint input.c",
        .execution_successful = status == 0,
        .include_suppressed = true,
    };
    (void)emit_sarif(devnull, &ctx);

    finding_list_free(&findings);
    tool_message_list_free(&messages);
    driver_free(&driver);
    return 0;
}
