/* facts_store.h - function bodies kept out of memory until a rule asks for
 * one.
 *
 * Most functions of a driver never matter to the rules: their bodies are
 * written to one unnamed temporary file as their facts arrive, and read
 * back (decoded by facts_wire.c) only when a rule follows them. The
 * parent's memory then holds what the rules use, not every function of
 * every file. The file lives in $TMPDIR (else /tmp), is unlinked from the
 * start, and goes with the process.
 */
#ifndef NDISLINT_FACTS_STORE_H
#define NDISLINT_FACTS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"

/* A new, empty store, or NULL when no temporary file can be made (bodies
 * then stay in memory). */
BodyStore *body_store_open(void);
void body_store_close(BodyStore *store);

/* Appends `size` bytes; their place is stored in *at. False on a write
 * error (the bytes are not stored). */
bool body_store_put(BodyStore *store, const void *bytes, size_t size, uint64_t *at);

/* Reads back `size` bytes from `at` into `out`. */
bool body_store_get(BodyStore *store, uint64_t at, void *out, size_t size);

/* Brings `f`'s stored body and variables into memory, allocated from the
 * driver's arena (a no-op when they are there already). False when they
 * cannot be read back: then `f` keeps no body, is marked load_failed, and
 * the driver counts it (once) and remembers the first such function. */
bool driver_load_body(Driver *driver, Function *f);

#endif
