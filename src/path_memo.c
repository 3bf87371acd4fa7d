/* path_memo.c - real paths remembered; see path_memo.h. */
#include "path_memo.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

/* Open addressing on the asked path; `real` is NULL for a path with none. */
typedef struct Entry {
    char *asked;
    char *real;
} Entry;

struct PathMemo {
    Entry *slots;
    size_t count;
    size_t slot_count; /* a power of two */
};

PathMemo *path_memo_new(void)
{
    PathMemo *memo = checked_alloc(calloc(1, sizeof(*memo)));
    memo->slot_count = 512;
    memo->slots = checked_alloc(calloc(memo->slot_count, sizeof(Entry)));
    return memo;
}

void path_memo_free(PathMemo *memo)
{
    if (memo == NULL)
        return;
    for (size_t i = 0; i < memo->slot_count; i++) {
        free(memo->slots[i].asked);
        free(memo->slots[i].real);
    }
    free(memo->slots);
    free(memo);
}

static size_t hash_text(const char *text)
{
    size_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        h = h * 33 + *p;
    return h;
}

static size_t find_slot(const Entry *slots, size_t slot_count, const char *asked)
{
    size_t slot = hash_text(asked) & (slot_count - 1);
    while (slots[slot].asked != NULL && strcmp(slots[slot].asked, asked) != 0)
        slot = (slot + 1) & (slot_count - 1);
    return slot;
}

static void grow(PathMemo *memo)
{
    size_t slot_count = memo->slot_count * 2;
    Entry *slots = checked_alloc(calloc(slot_count, sizeof(Entry)));
    for (size_t i = 0; i < memo->slot_count; i++) {
        if (memo->slots[i].asked != NULL)
            slots[find_slot(slots, slot_count, memo->slots[i].asked)] = memo->slots[i];
    }
    free(memo->slots);
    memo->slots = slots;
    memo->slot_count = slot_count;
}

const char *path_memo_real(PathMemo *memo, const char *path)
{
    size_t slot = find_slot(memo->slots, memo->slot_count, path);
    if (memo->slots[slot].asked != NULL)
        return memo->slots[slot].real;
    char resolved[PATH_MAX];
    Entry entry = {strdup(path), NULL};
    if (entry.asked == NULL)
        out_of_memory();
    if (realpath(path, resolved) != NULL) {
        entry.real = strdup(resolved);
        if (entry.real == NULL)
            out_of_memory();
    }
    memo->slots[slot] = entry;
    if (++memo->count * 2 > memo->slot_count)
        grow(memo);
    return entry.real;
}
