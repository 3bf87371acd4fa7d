/* file_text.h - a source file's whole text, for the steps that read the
 * driver's files again after parsing (suppression comments, fingerprints,
 * SARIF columns).
 *
 * Ownership: the caller frees the returned buffer.
 */
#ifndef NDISLINT_FILE_TEXT_H
#define NDISLINT_FILE_TEXT_H

#include <stddef.h>

/* The bytes of `path`, NUL-terminated (the terminator is not counted in
 * *size), or NULL with errno set when the file cannot be read. */
char *file_read_all(const char *path, size_t *size);

#endif
