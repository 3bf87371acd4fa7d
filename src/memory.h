/* memory.h - what the tool does when memory runs out: it says so and
 * stops, since no analysis can go on without it. One place for it, so
 * every module behaves the same. */
#ifndef NDISLINT_MEMORY_H
#define NDISLINT_MEMORY_H

#include <stddef.h>

/* Prints "ndislint: out of memory" and aborts. */
_Noreturn void out_of_memory(void);

/* `p`, or out_of_memory() when it is NULL: wraps malloc, calloc, strdup. */
void *checked_alloc(void *p);

/* realloc of `count` elements of `elem` bytes, checked for overflow and
 * failure (never returns NULL; a zero size allocates one byte). */
void *xrealloc(void *ptr, size_t count, size_t elem);

/* A NUL-terminated copy of the first `n` bytes of `s`. */
char *xstrndup(const char *s, size_t n);

#endif
