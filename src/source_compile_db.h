/* source_compile_db.h - the compile commands of a build, from a
 * compile_commands.json read with libclang's compilation-database API.
 *
 * Each entry gives a source file and the compiler arguments it is built
 * with, reduced to what the front end needs: the compiler itself, the file,
 * -c and -o are removed; cl.exe and clang-cl arguments (/I, /D, /U, /FI,
 * /TC, /TP, /std:) become their clang forms; arguments that would make the
 * parser load code (-Xclang -load, -fplugin=, -fpass-plugin=, and the
 * like) are dropped with a warning, since the tool runs on untrusted pull
 * requests. Nothing in a compile database is ever run.
 *
 * Ownership: a CompileDb owns its entries and strings; compile_db_free()
 * releases them.
 */
#ifndef NDISLINT_SOURCE_COMPILE_DB_H
#define NDISLINT_SOURCE_COMPILE_DB_H

#include <stddef.h>

#include "finding.h"
#include "source_args.h"

typedef struct CompileEntry {
    char *file;      /* absolute, normalised */
    char *directory; /* the entry's working folder */
    ArgList args;    /* front-end arguments, in order */
} CompileEntry;

typedef struct CompileDb {
    char *path;      /* the compile_commands.json read */
    CompileEntry *entries;
    size_t count;
} CompileDb;

/* Loads `path`: a compile_commands.json or the folder holding one. Dropped
 * arguments are reported in `messages` (warnings naming the entry's file
 * and the argument). Returns 0, or -1 with `err` naming the file and the
 * problem (with its line for malformed JSON). */
int compile_db_load(const char *path, CompileDb *db, ToolMessageList *messages,
                    char *err, size_t err_size);

void compile_db_free(CompileDb *db);

/* The canonical spelling of `path` (relative to `dir`): its real path when
 * it exists, the lexically normalised absolute path otherwise; the form of
 * CompileEntry.file. Caller frees. */
char *compile_db_canonical_file(const char *dir, const char *path);

/* The entry of `file` (any spelling that resolves to the same file), or
 * NULL. */
const CompileEntry *compile_db_find(const CompileDb *db, const char *file);

/* The index of the first of `args` (compiler arguments with no compiler in
 * front) that compile_db_load would drop with a warning: one that would
 * load code into the parser or make it read files the arguments name.
 * `count` when there is none. */
size_t compile_args_find_unsafe(char *const *args, size_t count);

#endif
