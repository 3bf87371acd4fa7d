/* source_parse.h - reads a driver source with libclang and keeps its facts.
 *
 * This is the only part of the tool that sees libclang. It parses one file,
 * turns every function of the driver's own code (not of system or model
 * headers) into facts (facts.h), reports what the parser could not
 * understand, and disposes of the translation unit before returning.
 */
#ifndef NDISLINT_SOURCE_PARSE_H
#define NDISLINT_SOURCE_PARSE_H

#include <stdio.h>

#include "facts.h"
#include "finding.h"
#include "source_args.h"

typedef struct SourceParser SourceParser;

/* NULL when libclang cannot be initialised. `empty_file` is
 * ParseSettings.empty_file, kept by reference. */
SourceParser *source_parser_new(const char *empty_file);
void source_parser_free(SourceParser *parser);

/* Parses `path` with `args` into `unit`: its facts are allocated from
 * `arena` and its file paths interned in `driver`. The unit is not added
 * to the driver: the caller adds it (driver_append_unit) in the order of
 * the inputs, whatever the order of parsing.
 * Parse errors in the driver's own code are warnings in `messages`; each
 * is tied to the smallest statement holding it (Stmt.damage), and the
 * rules decide whether it touches what they judge.
 * Returns 0 when the file was analysed; 1 when the compiler set-up itself
 * failed (an error without a place: nothing of it can be trusted); -1
 * when the file could not be analysed at all (also in `messages`). */
int source_parse_file(SourceParser *parser, Driver *driver, Arena *arena,
                      const char *path, const ArgList *args, TranslationFacts *unit,
                      ToolMessageList *messages);

/* Tells the parser that the next file is job `job` of the plan (its place
 * among the inputs). From then on a function a header defines is
 * converted once and given again to the files of later jobs that include
 * the header (see source_kept_definitions.h); every file of this parser
 * must then be parsed with the same `driver`. */
void source_parser_set_job(SourceParser *parser, size_t job);

/* Prints the include mappings the parse of `path` with `args` would use
 * (see source_include_map.h), as a file-system overlay that
 * `clang -ivfsoverlay FILE` reads; with none, an overlay without entries.
 * Returns 0, or -1 when it cannot be written. */
int source_print_include_map(const char *path, const ArgList *args, const char *empty_file,
                             FILE *out);

/* The libclang version string, for --version. Caller frees. */
char *source_parser_clang_version(void);

#endif
