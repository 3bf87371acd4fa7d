/* file_text.c - see file_text.h. */
#include "file_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "memory.h"

enum { READ_CHUNK = 65536 };

char *file_read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *text = NULL;
    size_t used = 0;
    size_t got = READ_CHUNK;
    while (got == READ_CHUNK) {
        text = xrealloc(text, used + READ_CHUNK + 1, 1);
        got = fread(text + used, 1, READ_CHUNK, f);
        used += got;
    }
    int error = ferror(f) ? errno : 0;
    fclose(f);
    if (error != 0) {
        free(text);
        errno = error;
        return NULL;
    }
    text[used] = '\0';
    *size = used;
    return text;
}
