/* source_parse.c - libclang translation units in, facts out.
 *
 * Every libclang call of the tool is in this file and in the walk it
 * drives (source_walker.h), so version gates and parser quirks live in one
 * place. This file parses a file once, walks its top-level declarations,
 * has their bodies converted to the facts of facts.h, and reports the
 * parse errors of the driver's own code.
 *
 * Locations are expansion locations: NDIS code is macro-heavy, and the
 * place a reader looks at is where the macro was used.
 */
#include "source_parse.h"

#include <clang-c/Index.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "source_include_map.h"
#include "source_kept_definitions.h"
#include "source_walker.h"
#include "memory.h"

#if CINDEX_VERSION < CINDEX_VERSION_ENCODE(0, 64)
#error "ndislint needs libclang 17 or newer (operator kinds in the C API)"
#endif

struct SourceParser {
    CXIndex index;
    unsigned parses;  /* clang_parseTranslationUnit2 calls so far */
    const char *empty_file; /* what a build-generated .tmh is (see source_args.h) */
    PathMemo *paths;        /* real paths of the files the parses read */
    CursorTree *tree;       /* the body being converted, kept for its storage */
    KeptDefinitions *kept;  /* headers' definitions, once jobs are told */
    size_t job;
    FileCache *files; /* which header paths exist, for the include scan */
};

/* ---- diagnostics ------------------------------------------------------- */

/* Gathers the parse errors in the driver's own code, before any body is
 * converted, so that each can be tied to the statement holding it. */
static void collect_damage_sites(Walker *w)
{
    unsigned count = clang_getNumDiagnostics(w->tu);
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(w->tu, i);
        CXSourceLocation location = clang_getDiagnosticLocation(diagnostic);
        CXFile file = NULL;
        unsigned offset = 0;
        clang_getExpansionLocation(location, &file, NULL, NULL, &offset);
        if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error && file != NULL &&
            !clang_Location_isInSystemHeader(location)) {
            grow((void **)&w->sites, &w->site_capacity, w->site_count, sizeof(*w->sites));
            DamageSite *site = &w->sites[w->site_count++];
            site->file = file_entry(w, file)->path;
            site->offset = offset;
            site->loc = loc_of_location(w, location);
            site->message = take_string(w, clang_getDiagnosticSpelling(diagnostic));
            site->claimed = false;
        }
        clang_disposeDiagnostic(diagnostic);
    }
}

enum { MAX_REPORTED_ERRORS = 20 };

/* Reports the parse errors; returns the number that fail the run (a
 * compiler set-up error: nothing of the file can be trusted). */
static unsigned report_diagnostics(Walker *w, const char *path,
                                   ToolMessageList *messages)
{
    unsigned own_errors = 0;  /* that fail the run: the compiler set-up */
    unsigned code_errors = 0; /* in the driver's code */
    unsigned count = clang_getNumDiagnostics(w->tu);
    unsigned system_errors = 0;
    char *first_system = NULL;
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(w->tu, i);
        enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
        if (severity < CXDiagnostic_Error) {
            clang_disposeDiagnostic(diagnostic);
            continue;
        }
        CXSourceLocation location = clang_getDiagnosticLocation(diagnostic);
        CXString text = clang_getDiagnosticSpelling(diagnostic);
        SourceLoc loc = loc_of_location(w, location);
        if (loc.file != NULL && clang_Location_isInSystemHeader(location)) {
            /* Errors inside system headers do not touch the driver's own
             * code; they are summed up in one message. */
            if (first_system == NULL) {
                size_t length = strlen(clang_getCString(text)) + strlen(loc.file) + 32;
                first_system = malloc(length);
                if (first_system != NULL)
                    snprintf(first_system, length, "%s:%u: %s", loc.file,
                             loc.line, clang_getCString(text));
            }
            system_errors++;
        } else if (loc.file == NULL &&
                   strncmp(clang_getCString(text), "unknown argument", 16) == 0) {
            /* A flag the front end does not know (a cl.exe option, a newer
             * compiler's): the parse goes on without it. */
            SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
            tool_message_add(messages, LEVEL_WARNING, file_loc,
                             "compiler flag ignored: %s", clang_getCString(text));
        } else if (loc.file == NULL) {
            own_errors++;
            SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
            tool_message_add(messages, LEVEL_ERROR, file_loc,
                             "compiler setup: %s", clang_getCString(text));
        } else {
            /* Not a failure of the run: the statement holding it is read
             * as damaged, and the rules say what they could not judge. */
            code_errors++;
            /* The first errors say what is wrong; a thousand more of the
             * same (an unbalanced brace) say nothing new. */
            if (code_errors <= MAX_REPORTED_ERRORS)
                tool_message_add(messages, LEVEL_WARNING, loc, "parse error: %s",
                                 clang_getCString(text));
        }
        clang_disposeString(text);
        clang_disposeDiagnostic(diagnostic);
    }
    if (code_errors > MAX_REPORTED_ERRORS) {
        SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
        tool_message_add(messages, LEVEL_WARNING, file_loc, "%u more parse errors in this file",
                         code_errors - MAX_REPORTED_ERRORS);
    }
    if (system_errors > 0) {
        SourceLoc file_loc = {driver_intern_path(w->driver, path), 0, 0};
        tool_message_add(messages, LEVEL_WARNING, file_loc,
                         "%u error(s) inside system headers while parsing this file "
                         "(first: %s); the driver's own code is still analysed",
                         system_errors, first_system != NULL ? first_system : "?");
    }
    free(first_system);
    return own_errors;
}

/* ---- entry points ------------------------------------------------------ */

SourceParser *source_parser_new(const char *empty_file)
{
    SourceParser *parser = calloc(1, sizeof(*parser));
    if (parser == NULL)
        return NULL;
    parser->empty_file = empty_file;
    parser->index = clang_createIndex(0, 0);
    if (parser->index == NULL) {
        free(parser);
        return NULL;
    }
    parser->files = file_cache_new();
    parser->paths = path_memo_new();
    parser->tree = cursor_tree_new();
    return parser;
}

void source_parser_set_job(SourceParser *parser, size_t job)
{
    if (parser->kept == NULL)
        parser->kept = kept_definitions_new();
    parser->job = job;
}

void source_parser_free(SourceParser *parser)
{
    if (parser == NULL)
        return;
    clang_disposeIndex(parser->index);
    file_cache_free(parser->files);
    path_memo_free(parser->paths);
    cursor_tree_free(parser->tree);
    kept_definitions_free(parser->kept);
    free(parser);
}

char *source_parser_clang_version(void)
{
    CXString version = clang_getClangVersion();
    char *copy = strdup(clang_getCString(version));
    clang_disposeString(version);
    return copy;
}

static const char *parse_error_text(enum CXErrorCode code)
{
    switch (code) {
    case CXError_Crashed: return "the parser crashed on this file";
    case CXError_InvalidArguments: return "the parser rejected the arguments";
    case CXError_ASTReadError: return "the parser could not read the file";
    default: return "the parser failed";
    }
}

static uint64_t microseconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
}

static uint32_t clamp_u32(uint64_t value)
{
    return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

/* The include mappings in the overlay form clang reads with -ivfsoverlay.
 * Caller frees with clang_free. */
static bool overlay_text(const IncludeMap *map, char **buffer, unsigned *length)
{
    CXVirtualFileOverlay overlay = clang_VirtualFileOverlay_create(0);
    for (size_t i = 0; i < map->count; i++)
        clang_VirtualFileOverlay_addFileMapping(overlay, map->virtual_paths[i],
                                                map->real_paths[i]);
    *buffer = NULL;
    *length = 0;
    enum CXErrorCode code = clang_VirtualFileOverlay_writeToBuffer(overlay, 0, buffer, length);
    clang_VirtualFileOverlay_dispose(overlay);
    return code == CXError_Success;
}

/* The overlay in an in-memory file (nothing is written to disk besides the
 * outputs asked for). Returns its path in `path`, or false. */
static bool write_overlay(const IncludeMap *map, int *fd, char *path, size_t size)
{
    char *buffer;
    unsigned length;
    if (!overlay_text(map, &buffer, &length))
        return false;
    *fd = memfd_create("ndislint-overlay", 0);
    bool ok = *fd >= 0 && pwrite(*fd, buffer, length, 0) == (ssize_t)length;
    clang_free(buffer);
    if (ok)
        snprintf(path, size, "/proc/self/fd/%d", *fd);
    return ok;
}

int source_print_include_map(const char *path, const ArgList *args, const char *empty_file,
                             FILE *out)
{
    IncludeMap map;
    memset(&map, 0, sizeof(map));
    include_map_scan(&map, NULL, NULL, path, args, empty_file);
    char *buffer;
    unsigned length;
    bool ok = overlay_text(&map, &buffer, &length);
    include_map_free(&map);
    if (!ok)
        return -1;
    ok = fwrite(buffer, 1, length, out) == length;
    clang_free(buffer);
    return ok ? 0 : -1;
}

static enum CXErrorCode parse_once(SourceParser *parser, const char *path,
                                   const ArgList *args, const char *overlay,
                                   CXTranslationUnit *tu)
{
    /* KeepGoing: a missing header must not hide the rest of the file. */
    unsigned options = CXTranslationUnit_KeepGoing |
                       CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    const char **argv = malloc((args->count + 2) * sizeof(*argv));
    if (argv == NULL)
        out_of_memory();
    size_t argc = 0;
    for (size_t i = 0; i < args->count; i++)
        argv[argc++] = args->items[i];
    if (overlay != NULL) {
        argv[argc++] = "-ivfsoverlay";
        argv[argc++] = overlay;
    }
    *tu = NULL;
    enum CXErrorCode code = clang_parseTranslationUnit2(
        parser->index, path, argv, (int)argc, NULL, 0, options, tu);
    free(argv);
    return code;
}

/* The one parse of a file: its includes are mapped first (see
 * source_include_map.h), so that no second parse is needed for them. */
static enum CXErrorCode parse_mapped(SourceParser *parser, const char *path,
                                     const ArgList *args, CXTranslationUnit *tu,
                                     uint64_t *scanned)
{
    IncludeMap map;
    memset(&map, 0, sizeof(map));
    include_map_scan(&map, parser->files, parser->paths, path, args, parser->empty_file);
    *scanned = microseconds_now();
    int overlay_fd = -1;
    char overlay[64];
    bool mapped = map.count > 0 && write_overlay(&map, &overlay_fd, overlay, sizeof(overlay));
    parser->parses++;
    enum CXErrorCode code = parse_once(parser, path, args, mapped ? overlay : NULL, tu);
    if (overlay_fd >= 0)
        close(overlay_fd);
    include_map_free(&map);
    return code;
}

/* A function of the unit: a definition a header gives that an earlier job
 * converted is taken from the kept ones; one converted here is kept when
 * it refers to nothing of this file alone. Returns whether a body was
 * converted. */
static bool convert_item(SourceParser *parser, Walker *w, const TopItem *item)
{
    SourceLoc loc = item->is_definition && parser->kept != NULL ? loc_of(w, item->cursor)
                                                                : (SourceLoc){NULL, 0, 0};
    if (loc.file == NULL || loc.file == w->unit->main_file ||
        kept_definition_refused(parser->kept, loc, item->name)) {
        convert_function(w, item);
        return item->is_definition;
    }
    Function *earlier = kept_definition_before(parser->kept, loc, item->name, parser->job);
    if (earlier != NULL) {
        add_function(w, earlier);
        return false;
    }
    Arena *arena = w->arena;
    w->arena = kept_definitions_arena(parser->kept);
    w->keeping = true;
    w->kept_spoiled = false;
    Function *f = convert_function(w, item);
    f->name = arena_strdup(w->arena, f->name);
    f->role_type = arena_strdup(w->arena, f->role_type);
    w->arena = arena;
    w->keeping = false;
    if (!w->kept_spoiled && f->damage_count == 0 && !f->has_parse_errors)
        kept_definition_add(parser->kept, f, parser->job);
    else
        kept_definition_refuse(parser->kept, f);
    return true;
}

int source_parse_file(SourceParser *parser, Driver *driver, Arena *arena,
                      const char *path, const ArgList *args, TranslationFacts *unit,
                      ToolMessageList *messages)
{
    Walker w;
    memset(&w, 0, sizeof(w));
    w.driver = driver;
    w.paths = parser->paths;
    w.tree = parser->tree;
    w.arena = arena;
    memset(unit, 0, sizeof(*unit));
    unsigned parses_before = parser->parses;
    uint64_t started = microseconds_now();
    uint64_t scanned = started;
    enum CXErrorCode code = parse_mapped(parser, path, args, &w.tu, &scanned);
    uint64_t parsed = microseconds_now();
    unit->cost.parses = parser->parses - parses_before;
    if (code != CXError_Success || w.tu == NULL) {
        SourceLoc loc = {driver_intern_path(driver, path), 0, 0};
        tool_message_add(messages, LEVEL_ERROR, loc, "%s; not analysed",
                         parse_error_text(code));
        return -1;
    }
    char resolved[PATH_MAX];
    const char *main_file = realpath(path, resolved) != NULL ? resolved : path;
    w.unit = unit;
    unit->main_file = driver_intern_path(driver, main_file);
    w.cplusplus = source_is_cplusplus(path);
    clang_visitChildren(clang_getTranslationUnitCursor(w.tu), visit_top, &w);
    collect_damage_sites(&w);
    for (size_t i = 0; i < w.item_count; i++) {
        if (w.items[i].is_function)
            unit->cost.bodies_converted += convert_item(parser, &w, &w.items[i]);
        else
            convert_global_init(&w, w.items[i].cursor);
    }
    unsigned own_errors = report_diagnostics(&w, main_file, messages);
    uint64_t converted = microseconds_now();
    unit->functions = arena_copy(w.arena, w.functions,
                                 w.function_count * sizeof(*w.functions));
    unit->function_count = w.function_count;
    unit->globals = arena_copy(w.arena, w.inits, w.init_count * sizeof(*w.inits));
    unit->global_count = w.init_count;
    clang_disposeTranslationUnit(w.tu);
    /* Disposing of the parse is part of its cost. */
    unit->cost.convert_microseconds = clamp_u32(converted - parsed);
    unit->cost.include_scan_microseconds = clamp_u32(scanned - started);
    unit->cost.parse_microseconds = clamp_u32(parsed - scanned + microseconds_now() - converted);
    free(w.files);
    free(w.vars);
    free(w.globals);
    free(w.functions);
    free(w.inits);
    free(w.items);
    free(w.sites);
    free(w.body_sites);
    free(w.trace_names);
    free(w.declared);
    return own_errors > 0 ? 1 : 0;
}
