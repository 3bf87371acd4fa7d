/*
 * gen_driver.h - what the parts of bench/gen_driver share: deterministic
 * random numbers, line output, the filler functions and the settings.
 *
 *   gen_out.c     random numbers and output
 *   gen_filler.c  the filler functions a miniport is made of
 *   gen_c.c       the C driver (and its damaged variant)
 *   gen_cpp.c     the C++ driver
 *   gen_driver.c  the command line
 */
#ifndef GEN_DRIVER_H
#define GEN_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_FILES 1000
#define MAX_FUNCS 400

/* ---- deterministic random numbers (splitmix64) ------------------------- */

typedef struct Rng {
    uint64_t state;
} Rng;

uint64_t rng_next(Rng *r);
/* A number in [lo, hi]. */
unsigned rng_range(Rng *r, unsigned lo, unsigned hi);
int rng_chance(Rng *r, unsigned percent);

/* ---- output ------------------------------------------------------------ */

typedef struct Out {
    FILE *f;
    int depth;
    const char *path;
    int failed;
} Out;

/* Writes one line at the current depth; a leading '}' closes a block
 * first, a trailing '{' opens one after. */
void line(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void blank(Out *o);
int open_out(Out *o, const char *dir, const char *name);
int close_out(Out *o);
void emit_lines(Out *o, const char *const *text, size_t count);

/* ---- settings ---------------------------------------------------------- */

typedef enum Shape {
    SHAPE_C,       /* the default: C files that parse without a diagnostic */
    SHAPE_CPP,     /* C++ classes with same-named methods across files */
    SHAPE_DAMAGED, /* the C driver, some files including absent headers */
} Shape;

typedef struct Params {
    const char *dir;
    unsigned files;
    unsigned funcs_min;
    unsigned funcs_max;
    unsigned long long seed;
    Shape shape;
} Params;

/* ---- filler functions -------------------------------------------------- */

typedef enum Sig {
    SIG_VAL,  /* NDIS_STATUS f(PGD_ADAPTER Adapter, ULONG Value) */
    SIG_NBL,  /* ULONG f(PGD_ADAPTER Adapter, PNET_BUFFER_LIST NetBufferLists) */
    SIG_OID,  /* NDIS_STATUS f(PGD_ADAPTER Adapter, PNDIS_OID_REQUEST Request) */
    SIG_VOID, /* VOID f(PGD_ADAPTER Adapter) */
} Sig;

typedef struct Func {
    char name[64];
    Sig sig;
} Func;

/* One file being written. */
typedef struct Gen {
    Out *o;
    Rng rng;
    unsigned file;
    Func funcs[MAX_FUNCS];   /* helpers written so far in this file */
    unsigned func_count;
    unsigned externs[4];     /* files whose exports this file calls */
    unsigned extern_count;
    /* C++: helpers are methods of this class (Adapter is a member), and
     * the two exported helpers are methods Start and Poll. */
    const char *cls;
    /* Damaged: some statements name register offsets and build macros of
     * headers that are not there. */
    int damaged;
} Gen;

/* The generator of file `file`, seeded from SEED and the file's index
 * alone (the same for every shape). */
void gen_seed(Gen *g, const Params *p, unsigned file);
/* Files from which file `file` calls exports: up to three earlier filler
 * files (index 2 and up), chosen by the file's own generator. */
void choose_externs(Gen *g);
/* The declarations of the exports this file calls. */
void emit_extern_decls(Gen *g);

void emit_signature(Gen *g, const Func *f, int is_static);
void body_oid_query(Gen *g);
void body_oid_set(Gen *g);
/* Writes one filler helper. `export_index` >= 0 makes it the file's
 * exported helper of that index (SIG_VAL, not static). */
void emit_filler(Gen *g, int export_index);

/* ---- the shapes -------------------------------------------------------- */

extern const char *const HEADER_NAME;            /* gendrv.h */
extern const char *const HEADER_COMMON[];        /* macros and structures */
extern const size_t HEADER_COMMON_COUNT;
extern const char *const ISR_TEXT[];             /* the interrupt handlers, C */
extern const size_t ISR_TEXT_COUNT;
#define ISR_FIXED_FUNCS 9

int write_c_header(const Params *p);
int write_c_file(const Params *p, unsigned file);
int write_cpp_header(const Params *p);
int write_cpp_file(const Params *p, unsigned file);

#endif
