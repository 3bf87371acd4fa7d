/* facts_wire.h - the facts of one translation unit as bytes, so that a
 * file can be parsed in a process of its own (time and memory limits, a
 * parser crash confined to its file) and its facts carried back.
 *
 * The format is private to one build of the tool on one machine: native
 * byte order, no versioning. Strings are length-prefixed; file paths are
 * interned again on the way in.
 */
#ifndef NDISLINT_FACTS_WIRE_H
#define NDISLINT_FACTS_WIRE_H

#include <stddef.h>

#include "facts.h"
#include "finding.h"

/* Writes `status`, `unit` and `messages` into a malloc'd buffer (*data,
 * *size). Returns 0, or -1 when out of memory. */
int wire_write(int status, const TranslationFacts *unit,
               const ToolMessageList *messages, unsigned char **data, size_t *size);

/* Reads what wire_write wrote: the unit's facts are allocated from `arena`
 * and its paths interned in `driver`; messages are appended to
 * `messages`. With a store in the driver, the bodies of definitions go
 * there instead (driver_load_body reads them). Returns 0, or -1 when the bytes are not a complete record
 * (then nothing usable was read). */
int wire_read(const unsigned char *data, size_t size, Driver *driver, Arena *arena,
              int *status, TranslationFacts *unit, ToolMessageList *messages);

/* Reads a function's body record, set aside by wire_read in the driver's
 * store, into `f` (its variables and body, allocated from `arena`).
 * Returns 0, or -1 when the bytes are not a complete record. */
int wire_read_body(const unsigned char *data, size_t size, Driver *driver, Arena *arena,
                   Function *f);

#endif
