/* arena.c - bump allocation for facts; see arena.h. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

struct ArenaBlock {
    ArenaBlock *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

static void arena_out_of_memory(size_t size)
{
    fprintf(stderr, "ndislint: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void arena_init(Arena *arena)
{
    arena->head = NULL;
}

void arena_free(Arena *arena)
{
    ArenaBlock *block = arena->head;
    while (block != NULL) {
        ArenaBlock *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

static size_t round_up(size_t size)
{
    size_t align = sizeof(max_align_t);
    return (size + align - 1) / align * align;
}

void *arena_alloc(Arena *arena, size_t size)
{
    size_t need = round_up(size == 0 ? 1 : size);
    ArenaBlock *block = arena->head;
    if (block == NULL || block->size - block->used < need) {
        size_t capacity = need > ARENA_BLOCK_SIZE ? need : ARENA_BLOCK_SIZE;
        block = malloc(sizeof(ArenaBlock) + capacity);
        if (block == NULL)
            arena_out_of_memory(size);
        block->used = 0;
        block->size = capacity;
        /* A block larger than the usual size goes behind the current one so
         * the current block's free space is not wasted. */
        if (arena->head != NULL && capacity > ARENA_BLOCK_SIZE) {
            block->next = arena->head->next;
            arena->head->next = block;
        } else {
            block->next = arena->head;
            arena->head = block;
        }
    }
    void *result = (char *)block->data + block->used;
    block->used += need;
    memset(result, 0, need);
    return result;
}

char *arena_strdup(Arena *arena, const char *text)
{
    if (text == NULL)
        return NULL;
    size_t length = strlen(text);
    char *copy = arena_alloc(arena, length + 1);
    memcpy(copy, text, length + 1);
    return copy;
}

void *arena_copy(Arena *arena, const void *data, size_t size)
{
    void *copy = arena_alloc(arena, size);
    if (size > 0)
        memcpy(copy, data, size);
    return copy;
}
