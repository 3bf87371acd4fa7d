/* memory.c - see memory.h. */
#include "memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_of_memory(void)
{
    fputs("ndislint: out of memory\n", stderr);
    abort();
}

void *checked_alloc(void *p)
{
    if (p == NULL)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t count, size_t elem)
{
    if (elem != 0 && count > ((size_t)-1) / elem)
        out_of_memory();
    size_t bytes = count * elem;
    return checked_alloc(realloc(ptr, bytes > 0 ? bytes : 1));
}

char *xstrndup(const char *s, size_t n)
{
    char *copy = xrealloc(NULL, n + 1, 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}
