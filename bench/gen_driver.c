/*
 * gen_driver.c - writes a synthetic NDIS 6.20 miniport driver for the
 * speed benchmark.
 *
 *   gen_driver [--shape c|cpp|damaged] OUT_DIR FILES FUNCS_MIN FUNCS_MAX SEED
 *
 * Writes OUT_DIR/gendrv.h and FILES source files gd_000 ... gd_<FILES-1>.
 * Every file holds between FUNCS_MIN and FUNCS_MAX functions; the count and
 * the bodies depend only on SEED and the file's index, so the same command
 * always writes the same bytes.
 *
 *   c        (the default) .c files that parse without a single diagnostic
 *            against ndislint's model headers (gen_c.c)
 *   cpp      .cpp files: a class in every file with the same-named methods
 *            (Stop, Lock, Unlock, GetCount, Reset, Start, Poll and the
 *            helpers), an adapter class whose Initialize registers the
 *            interrupt, exported helpers calling each other across files
 *            (gen_cpp.c)
 *   damaged  the c driver, with every third file from gd_002.c including
 *            two headers that are not there and naming what they define in
 *            statements that have nothing to do with interrupts (gen_c.c)
 *
 * Every shape follows the NDIS interrupt contract: ndislint reports nothing.
 */
#include "gen_driver.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int parse_unsigned(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v > max)
        return -1;
    *out = v;
    return 0;
}

static void usage(FILE *to)
{
    fprintf(to,
            "usage: gen_driver [--shape c|cpp|damaged] OUT_DIR FILES FUNCS_MIN FUNCS_MAX SEED\n"
            "Writes a synthetic NDIS 6.20 miniport: OUT_DIR/gendrv.h and FILES\n"
            "(1 to %d) files gd_NNN.c (gd_NNN.cpp with --shape cpp) of FUNCS_MIN to\n"
            "FUNCS_MAX functions each (1 <= FUNCS_MIN <= FUNCS_MAX <= %d),\n"
            "deterministic from SEED.\n"
            "  c        the default: C that parses without a diagnostic\n"
            "  cpp      C++ classes with same-named methods in every file\n"
            "  damaged  the C driver, every third file from gd_002.c including\n"
            "           headers that are not there (parse errors away from interrupts)\n",
            MAX_FILES, MAX_FUNCS);
}

static int parse_shape(const char *text, Shape *shape)
{
    if (strcmp(text, "c") == 0)
        *shape = SHAPE_C;
    else if (strcmp(text, "cpp") == 0)
        *shape = SHAPE_CPP;
    else if (strcmp(text, "damaged") == 0)
        *shape = SHAPE_DAMAGED;
    else
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    Params p;
    p.shape = SHAPE_C;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--shape") == 0) {
        if (parse_shape(argv[2], &p.shape) != 0) {
            usage(stderr);
            return 2;
        }
        first = 3;
    } else if (argc > 1 && strncmp(argv[1], "--shape=", 8) == 0) {
        if (parse_shape(argv[1] + 8, &p.shape) != 0) {
            usage(stderr);
            return 2;
        }
        first = 2;
    }
    if (argc - first != 5) {
        usage(stderr);
        return 2;
    }
    char **a = argv + first;
    unsigned long long files, fmin, fmax, seed;
    if (parse_unsigned(a[1], MAX_FILES, &files) != 0 || files < 1 ||
        parse_unsigned(a[2], MAX_FUNCS, &fmin) != 0 || fmin < 1 ||
        parse_unsigned(a[3], MAX_FUNCS, &fmax) != 0 || fmax < fmin ||
        parse_unsigned(a[4], ULLONG_MAX, &seed) != 0) {
        usage(stderr);
        return 2;
    }
    p.dir = a[0];
    p.files = (unsigned)files;
    p.funcs_min = (unsigned)fmin;
    p.funcs_max = (unsigned)fmax;
    p.seed = seed;
    if (mkdir(p.dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_driver: cannot create %s: %s\n", p.dir, strerror(errno));
        return 1;
    }
    int cpp = p.shape == SHAPE_CPP;
    if ((cpp ? write_cpp_header(&p) : write_c_header(&p)) != 0)
        return 1;
    for (unsigned i = 0; i < p.files; i++) {
        if ((cpp ? write_cpp_file(&p, i) : write_c_file(&p, i)) != 0)
            return 1;
    }
    return 0;
}
