/* emit_common.h - helpers shared by the output formats. */
#ifndef NDISLINT_EMIT_COMMON_H
#define NDISLINT_EMIT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A malloc'd URI for `file`. Inside `srcroot` (which may be NULL) it is the
 * relative path, percent-encoded, and *relative is set; outside it is an
 * absolute file:// URI and *relative is cleared. */
char *emit_file_uri(const char *file, const char *srcroot, bool *relative);

/* A malloc'd absolute file:// URI for folder `dir`, ending in '/'. */
char *emit_folder_uri(const char *dir);

/* Writes `text`, turning line breaks and other control characters into
 * spaces so that one diagnostic stays on one line for problem matchers. */
void emit_put_line_text(FILE *out, const char *text);

#endif
