/*
 * gen_out.c - deterministic random numbers and line output for
 * bench/gen_driver.
 */
#include "gen_driver.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

/* ---- deterministic random numbers (splitmix64) ------------------------- */

uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

unsigned rng_range(Rng *r, unsigned lo, unsigned hi)
{
    if (hi <= lo)
        return lo;
    return lo + (unsigned)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

int rng_chance(Rng *r, unsigned percent)
{
    return rng_range(r, 1, 100) <= percent;
}

/* ---- output ------------------------------------------------------------ */

void blank(Out *o)
{
    fputc('\n', o->f);
}

void line(Out *o, const char *fmt, ...)
{
    size_t n = strlen(fmt);
    if (fmt[0] == '}' && o->depth > 0)
        o->depth--;
    int label = n > 1 && fmt[n - 1] == ':' && strchr(fmt, ' ') == NULL &&
                strncmp(fmt, "default", 7) != 0;
    int indent = label ? (o->depth > 0 ? o->depth - 1 : 0) : o->depth;
    if (strncmp(fmt, "case ", 5) == 0 || strncmp(fmt, "default:", 8) == 0)
        indent = o->depth > 0 ? o->depth - 1 : 0;
    for (int i = 0; i < indent; i++)
        fputs("    ", o->f);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f, fmt, ap);
    va_end(ap);
    fputc('\n', o->f);
    if (fmt[n - 1] == '{')
        o->depth++;
}

int open_out(Out *o, const char *dir, const char *name)
{
    static char path[4096];
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
        fprintf(stderr, "gen_driver: path too long: %s/%s\n", dir, name);
        return -1;
    }
    o->f = fopen(path, "w");
    o->depth = 0;
    o->path = path;
    o->failed = 0;
    if (o->f == NULL) {
        fprintf(stderr, "gen_driver: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int close_out(Out *o)
{
    int bad = ferror(o->f);
    if (fclose(o->f) != 0 || bad) {
        fprintf(stderr, "gen_driver: error writing %s\n", o->path);
        return -1;
    }
    return 0;
}

void emit_lines(Out *o, const char *const *text, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        fputs(text[i], o->f);
        fputc('\n', o->f);
    }
}
