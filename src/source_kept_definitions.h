/* source_kept_definitions.h - the functions a header defines, converted
 * once per parsing process and handed to each later file that includes the
 * header.
 *
 * An inline function or a C++ class's inline methods are defined in a
 * header that many of a driver's files include; each file's parse holds
 * its own copy, and converting every copy cost more than anything else on
 * C++ drivers. Of the copies of a definition at one place the program
 * keeps the one of the first file in the plan (facts_program.c: same
 * place, one function), so a file after that one can be given that copy
 * without converting its own. The table remembers, for each definition
 * at a place in a header, the earliest job of this process that converted
 * it and its facts, kept in memory that outlives the job. A definition
 * that refers to anything of one file only (a file-scope variable, a
 * parse error) is not kept.
 */
#ifndef NDISLINT_SOURCE_KEPT_DEFINITIONS_H
#define NDISLINT_SOURCE_KEPT_DEFINITIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "facts.h"

typedef struct KeptDefinitions KeptDefinitions;

KeptDefinitions *kept_definitions_new(void);
void kept_definitions_free(KeptDefinitions *kept);

/* Where kept facts are allocated: memory that lives as long as the table. */
Arena *kept_definitions_arena(KeptDefinitions *kept);

/* The definition of `name` at `loc` (its file interned for the whole
 * process) kept from a job before `job`, or NULL. */
Function *kept_definition_before(const KeptDefinitions *kept, SourceLoc loc, const char *name,
                                 size_t job);

/* Keeps `f` (allocated from the table's arena) as the definition at its
 * place converted by `job`, unless one from an earlier job is kept. */
void kept_definition_add(KeptDefinitions *kept, Function *f, size_t job);

/* Notes that the definition `f` (allocated from the table's arena) at its
 * place is not to be kept: later files convert their own copy in their own
 * memory, so the table's memory holds one such copy, not one per file. */
void kept_definition_refuse(KeptDefinitions *kept, Function *f);

/* Whether the definition of `name` at `loc` was refused. */
bool kept_definition_refused(const KeptDefinitions *kept, SourceLoc loc, const char *name);

#endif
