/* source_includes.h - finds the file a failed #include meant.
 *
 * Driver trees are written on Windows, where file names ignore case:
 * `#include "DriverSpecs.h"` finds driverspecs.h there, and must here too.
 * This module looks for such a file in the folders the parser searches,
 * matching each path component without regard to case. It knows nothing of
 * the parser; source_include_map.c asks it for includes not found as spelled.
 */
#ifndef NDISLINT_SOURCE_INCLUDES_H
#define NDISLINT_SOURCE_INCLUDES_H

#include <stddef.h>

#include "source_args.h"

/* The folders an include is searched in: the including file's folder
 * first, then every -I, -isystem, -idirafter and /I folder of `args`.
 * Returns a malloc'd array of the folders (strings borrowed from `args`
 * or `includer_dir`), *count set. */
const char **source_include_dirs(const ArgList *args, const char *includer_dir,
                                 size_t *count);

/* Looks for `name` (as written in the #include, with / or \ separators)
 * under `dir`, ignoring case in every component. Writes the real path into
 * `out` and returns 0 when found; -1 otherwise. */
int source_include_find(const char *dir, const char *name, char *out, size_t size);

#endif
