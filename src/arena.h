/* arena.h - bump allocation for facts that live and die together.
 *
 * Ownership: everything allocated from an Arena is released by one
 * arena_free(); nothing allocated from it may be passed to free().
 * Allocation failure aborts the process with a message: the tool has no
 * useful way to continue without memory.
 */
#ifndef NDISLINT_ARENA_H
#define NDISLINT_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
} Arena;

void arena_init(Arena *arena);
void arena_free(Arena *arena);

/* Zero-filled memory, aligned for any object. */
void *arena_alloc(Arena *arena, size_t size);

/* A copy of `text` (which may be NULL: then NULL). */
char *arena_strdup(Arena *arena, const char *text);

/* A copy of `size` bytes. */
void *arena_copy(Arena *arena, const void *data, size_t size);

#endif
