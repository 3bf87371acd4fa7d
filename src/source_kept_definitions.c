/* source_kept_definitions.c - header definitions converted once per
 * process (see source_kept_definitions.h): an open hash table on the
 * place and the name. */
#include "source_kept_definitions.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"

typedef struct Kept {
    Function *function; /* NULL: an empty slot */
    size_t job;
    bool refused;       /* `function` only names the place: not given out */
} Kept;

struct KeptDefinitions {
    Arena arena;
    Kept *slots;
    size_t slot_count; /* a power of two */
    size_t used;
};

KeptDefinitions *kept_definitions_new(void)
{
    KeptDefinitions *kept = calloc(1, sizeof(*kept));
    if (kept == NULL)
        out_of_memory();
    arena_init(&kept->arena);
    return kept;
}

void kept_definitions_free(KeptDefinitions *kept)
{
    if (kept == NULL)
        return;
    arena_free(&kept->arena);
    free(kept->slots);
    free(kept);
}

Arena *kept_definitions_arena(KeptDefinitions *kept)
{
    return &kept->arena;
}

static size_t place_hash(SourceLoc loc, const char *name)
{
    uint64_t h = (uint64_t)(uintptr_t)loc.file * 0x9E3779B97F4A7C15u;
    h ^= ((uint64_t)loc.line << 20) ^ loc.col;
    for (const char *p = name; *p != '\0'; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001B3u;
    return (size_t)(h ^ (h >> 31));
}

static bool same_definition(const Function *f, SourceLoc loc, const char *name)
{
    return f->loc.file == loc.file && f->loc.line == loc.line && f->loc.col == loc.col &&
           strcmp(f->name, name) == 0;
}

static Kept *slot_of(const KeptDefinitions *kept, SourceLoc loc, const char *name)
{
    if (kept->slot_count == 0)
        return NULL;
    size_t mask = kept->slot_count - 1;
    for (size_t slot = place_hash(loc, name) & mask;; slot = (slot + 1) & mask) {
        Kept *entry = &kept->slots[slot];
        if (entry->function == NULL || same_definition(entry->function, loc, name))
            return entry;
    }
}

Function *kept_definition_before(const KeptDefinitions *kept, SourceLoc loc, const char *name,
                                 size_t job)
{
    if (loc.file == NULL || name == NULL)
        return NULL;
    const Kept *entry = slot_of(kept, loc, name);
    return entry != NULL && entry->function != NULL && !entry->refused && entry->job < job
               ? entry->function
               : NULL;
}

bool kept_definition_refused(const KeptDefinitions *kept, SourceLoc loc, const char *name)
{
    if (loc.file == NULL || name == NULL)
        return false;
    const Kept *entry = slot_of(kept, loc, name);
    return entry != NULL && entry->function != NULL && entry->refused;
}

static void grow_table(KeptDefinitions *kept)
{
    Kept *old = kept->slots;
    size_t old_count = kept->slot_count;
    kept->slot_count = old_count ? old_count * 2 : 64;
    kept->slots = calloc(kept->slot_count, sizeof(*kept->slots));
    if (kept->slots == NULL)
        out_of_memory();
    for (size_t i = 0; i < old_count; i++) {
        if (old[i].function != NULL)
            *slot_of(kept, old[i].function->loc, old[i].function->name) = old[i];
    }
    free(old);
}

/* The slot of `f`'s place, made when there is none. */
static Kept *slot_for(KeptDefinitions *kept, const Function *f)
{
    if ((kept->used + 1) * 2 > kept->slot_count)
        grow_table(kept);
    Kept *entry = slot_of(kept, f->loc, f->name);
    if (entry->function == NULL)
        kept->used++;
    return entry;
}

void kept_definition_add(KeptDefinitions *kept, Function *f, size_t job)
{
    if (f->loc.file == NULL || f->name == NULL)
        return;
    Kept *entry = slot_for(kept, f);
    if (entry->function != NULL && (entry->refused || entry->job <= job))
        return;
    entry->function = f;
    entry->job = job;
}

void kept_definition_refuse(KeptDefinitions *kept, Function *f)
{
    if (f->loc.file == NULL || f->name == NULL)
        return;
    Kept *entry = slot_for(kept, f);
    entry->function = f;
    entry->refused = true;
}
