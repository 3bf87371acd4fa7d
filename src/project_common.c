/* project_common.c - what the project readers share (see project.h):
 * recording the files read and the sources found. Apart from project.c so
 * that a reader links without the others. */
#include "project.h"

#include <stdlib.h>
#include <string.h>

#include "memory.h"

void project_add_read(Project *p, const char *path)
{
    p->read = xrealloc(p->read, p->read_count + 1, sizeof(*p->read));
    p->read[p->read_count++] = checked_alloc(strdup(path));
}

void project_add_file(Project *p, const char *file, const char *dir, const ArgList *args)
{
    CompileDb *db = &p->files;
    db->entries = xrealloc(db->entries, db->count + 1, sizeof(*db->entries));
    CompileEntry *entry = &db->entries[db->count++];
    memset(entry, 0, sizeof(*entry));
    entry->directory = compile_db_canonical_file("/", dir);
    entry->file = compile_db_canonical_file(entry->directory, file);
    for (size_t i = 0; i < args->count; i++)
        arg_list_add(&entry->args, args->items[i]);
}
