/* finding_fingerprint.c - line hashes and content fingerprints of findings.
 *
 * The line hash reproduces what GitHub's upload action computes for
 * partialFingerprints.primaryLocationLineHash, so that an uploaded log
 * carries the same value the service would have derived itself:
 *
 * - The file is read as UTF-8 and handled as UTF-16 code units (invalid
 *   bytes become U+FFFD, as a WHATWG decoder does).
 * - Spaces and tabs are dropped; CR, LF and CR LF all become one LF.
 * - A line starts at the first code unit kept after a line break (or at the
 *   start of the file); an end-of-file marker 0xFFFF follows the text, and
 *   zeros after that, so every line has HASH_WINDOW units to hash.
 * - A line's hash is the polynomial sum of the HASH_WINDOW units starting at
 *   the line, with base 37, in 64-bit wrapping arithmetic, written in
 *   lower-case hex without leading zeros.
 * - ":N" is appended, N counting how often that hash value has been seen so
 *   far in the file, lines in order (the first is 1).
 *
 * The fingerprint is ndislint's own: FNV-1a 64 over the rule id, the
 * function, the file's base name and the primary line with whitespace
 * collapsed, then an occurrence index among findings with the same key in
 * the file. It does not contain the line number, so lines inserted above a
 * finding leave it unchanged.
 */
#include "finding_fingerprint.h"
#include "file_text.h"
#include "memory.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_WINDOW 100
#define HASH_BASE 37u
#define HASH_EOF 0xFFFFu

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* ---- UTF-8 to UTF-16 --------------------------------------------------- */

typedef struct Units {
    uint16_t *items;
    size_t count;
    size_t capacity;
} Units;

static inline void units_push(Units *u, uint16_t unit)
{
    if (u->count == u->capacity) {
        u->capacity = u->capacity ? u->capacity * 2 : 1024;
        u->items = xrealloc(u->items, u->capacity, sizeof *u->items);
    }
    u->items[u->count++] = unit;
}

static void units_push_code_point(Units *u, uint32_t cp)
{
    if (cp < 0x10000) {
        units_push(u, (uint16_t)cp);
    } else {
        cp -= 0x10000;
        units_push(u, (uint16_t)(0xD800 + (cp >> 10)));
        units_push(u, (uint16_t)(0xDC00 + (cp & 0x3FF)));
    }
}

/* Decodes UTF-8 the way the WHATWG Encoding standard does: each maximal
 * invalid subsequence becomes one U+FFFD. A byte order mark is kept. */
static void decode_utf8(const unsigned char *s, size_t len, Units *out)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b < 0x80) {
            units_push(out, b);
            i++;
            continue;
        }
        size_t need;
        uint32_t cp;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            cp = b & 0x0Fu;
            if (b == 0xE0)
                lo = 0xA0;
            else if (b == 0xED)
                hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            cp = b & 0x07u;
            if (b == 0xF0)
                lo = 0x90;
            else if (b == 0xF4)
                hi = 0x8F;
        } else {
            units_push(out, 0xFFFD);
            i++;
            continue;
        }
        size_t j = i + 1;
        size_t got = 0;
        while (got < need && j < len && s[j] >= lo && s[j] <= hi) {
            cp = (cp << 6) | (s[j] & 0x3Fu);
            lo = 0x80;
            hi = 0xBF;
            j++;
            got++;
        }
        if (got == need)
            units_push_code_point(out, cp);
        else
            units_push(out, 0xFFFD);
        i = j;
    }
}

/* ---- the line hash ----------------------------------------------------- */

/* The hash values of one file's lines, indexed by line - 1, and the same
 * values sorted with their line (to count, for a line, the earlier lines
 * with the same value). Only the lines of findings are written out. */
typedef struct LineHashes {
    uint64_t *values;
    size_t count;
    struct SortedHash {
        uint64_t value;
        size_t line; /* index into values */
    } *sorted;
} LineHashes;

static void line_hashes_free(LineHashes *h)
{
    free(h->values);
    free(h->sorted);
    memset(h, 0, sizeof(*h));
}

static int compare_u64(uint64_t a, uint64_t b)
{
    return (a > b) - (a < b);
}

static int compare_sorted(const void *pa, const void *pb)
{
    const struct SortedHash *a = pa;
    const struct SortedHash *b = pb;
    if (a->value != b->value)
        return compare_u64(a->value, b->value);
    return (a->line > b->line) - (a->line < b->line);
}

static void compute_line_hashes(const unsigned char *bytes, size_t size,
                                LineHashes *out)
{
    Units text = {0};
    decode_utf8(bytes, size, &text);

    /* The normalised stream, and where each line starts in it. */
    Units stream = {0};
    size_t *starts = NULL;
    size_t start_count = 0;
    size_t start_cap = 0;
    bool at_line_start = true;
    bool after_cr = false;
    for (size_t i = 0; i <= text.count; i++) {
        uint16_t c = i < text.count ? text.items[i] : (uint16_t)HASH_EOF;
        if (c == ' ' || c == '\t' || (after_cr && c == '\n')) {
            after_cr = false;
            continue;
        }
        after_cr = c == '\r';
        if (after_cr)
            c = '\n';
        if (at_line_start) {
            if (start_count == start_cap) {
                start_cap = start_cap ? start_cap * 2 : 256;
                starts = xrealloc(starts, start_cap, sizeof *starts);
            }
            starts[start_count++] = stream.count;
            at_line_start = false;
        }
        if (c == '\n')
            at_line_start = true;
        units_push(&stream, c);
    }

    /* A line's window is a difference of prefix sums: with P[i] the
     * polynomial of the first i units (zeros past the end),
     * hash(a) = P[a + WINDOW] - P[a] * BASE^WINDOW, in the same wrapping
     * arithmetic, so each line costs two lookups instead of WINDOW steps. */
    size_t padded = stream.count + HASH_WINDOW;
    uint64_t *prefix = xrealloc(NULL, padded + 1, sizeof *prefix);
    prefix[0] = 0;
    for (size_t i = 0; i < padded; i++) {
        uint64_t c = i < stream.count ? stream.items[i] : 0;
        prefix[i + 1] = prefix[i] * HASH_BASE + c;
    }
    uint64_t base_to_window = 1;
    for (size_t n = 0; n < HASH_WINDOW; n++)
        base_to_window *= HASH_BASE;

    out->values = xrealloc(NULL, start_count, sizeof *out->values);
    out->sorted = xrealloc(NULL, start_count, sizeof *out->sorted);
    out->count = start_count;
    for (size_t k = 0; k < start_count; k++) {
        uint64_t h = prefix[starts[k] + HASH_WINDOW] - prefix[starts[k]] * base_to_window;
        out->values[k] = h;
        out->sorted[k].value = h;
        out->sorted[k].line = k;
    }
    if (start_count > 1)
        qsort(out->sorted, start_count, sizeof *out->sorted, compare_sorted);

    free(prefix);
    free(starts);
    free(stream.items);
    free(text.items);
}

/* "hex:N" for line index `k`: N counts the lines up to it, in order, with
 * the same value (the first is 1). */
static char *line_hash_text(const LineHashes *h, size_t k)
{
    struct SortedHash key = {h->values[k], k};
    /* The first sorted entry not before (value, k), and the first of the
     * value: k is found at `at`, and the lines before it with its value
     * lie between. */
    size_t lo = 0;
    size_t hi = h->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_sorted(&h->sorted[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t at = lo;
    lo = 0;
    hi = at;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->sorted[mid].value < key.value)
            lo = mid + 1;
        else
            hi = mid;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "%llx:%zu", (unsigned long long)key.value, at - lo + 1);
    return xstrndup(buf, strlen(buf));
}

/* ---- line texts -------------------------------------------------------- */

/* Offsets of the starts of the lines, with the same line breaks as the
 * hash (CR, LF, CR LF); one more entry marks the end of the text. */
typedef struct LineIndex {
    size_t *starts;
    size_t count; /* number of lines */
} LineIndex;

static void index_lines(const unsigned char *text, size_t size,
                        LineIndex *out)
{
    size_t cap = 256;
    size_t n = 0;
    size_t *starts = xrealloc(NULL, cap, sizeof *starts);
    starts[n++] = 0;
    for (size_t i = 0; i < size; i++) {
        bool brk = false;
        if (text[i] == '\r') {
            if (i + 1 < size && text[i + 1] == '\n')
                i++;
            brk = true;
        } else if (text[i] == '\n') {
            brk = true;
        }
        if (brk) {
            if (n + 1 >= cap) {
                cap *= 2;
                starts = xrealloc(starts, cap, sizeof *starts);
            }
            starts[n++] = i + 1;
        }
    }
    out->starts = starts;
    out->count = n;
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' ||
           c == '\n';
}

/* Copies a line with every run of whitespace turned into one space and
 * none at either end. */
static char *collapse_line(const unsigned char *text, size_t size,
                           const LineIndex *lines, unsigned line)
{
    size_t begin = lines->starts[line - 1];
    size_t end = line < lines->count ? lines->starts[line] : size;
    char *out = xrealloc(NULL, end - begin + 1, 1);
    size_t n = 0;
    bool pending_space = false;
    for (size_t i = begin; i < end; i++) {
        if (is_blank(text[i])) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space)
            out[n++] = ' ';
        pending_space = false;
        out[n++] = (char)text[i];
    }
    out[n] = '\0';
    return out;
}

/* ---- the fingerprint --------------------------------------------------- */

static uint64_t fnv_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* A field and a NUL after it, so that field boundaries cannot shift. */
static uint64_t fnv_field(uint64_t h, const char *s)
{
    if (s == NULL)
        s = "";
    return fnv_bytes(h, s, strlen(s) + 1);
}

static const char *base_name(const char *path)
{
    if (path == NULL)
        return "";
    const char *slash = strrchr(path, '/');
    const char *back = strrchr(path, '\\');
    if (back != NULL && (slash == NULL || back > slash))
        slash = back;
    return slash != NULL ? slash + 1 : path;
}

/* One finding while the fingerprints of its file are worked out. */
typedef struct Keyed {
    Finding *finding;
    size_t order; /* position in the list: the last tie-breaker */
    uint64_t key; /* FNV state after everything but the occurrence */
} Keyed;

static int compare_keyed(const void *pa, const void *pb)
{
    const Keyed *a = pa;
    const Keyed *b = pb;
    int c = compare_u64(a->key, b->key);
    if (c == 0)
        c = (a->finding->loc.line > b->finding->loc.line) -
            (a->finding->loc.line < b->finding->loc.line);
    if (c == 0)
        c = (a->finding->loc.col > b->finding->loc.col) -
            (a->finding->loc.col < b->finding->loc.col);
    if (c == 0)
        c = strcmp(a->finding->message, b->finding->message);
    if (c == 0)
        c = (a->order > b->order) - (a->order < b->order);
    return c;
}

static bool same_file(const char *a, const char *b)
{
    if (a == b)
        return true;
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Fills line_hash and fingerprint of the findings at `group` (all in one
 * file), reading that file once. */
static void fingerprint_file(Keyed *group, size_t count)
{
    const char *path = group[0].finding->loc.file;
    size_t size = 0;
    unsigned char *text = path != NULL ? (unsigned char *)file_read_all(path, &size) : NULL;
    LineHashes hashes = {0};
    LineIndex lines = {0};
    if (text != NULL) {
        compute_line_hashes(text, size, &hashes);
        index_lines(text, size, &lines);
    }

    for (size_t i = 0; i < count; i++) {
        Finding *f = group[i].finding;
        unsigned line = f->loc.line;
        free(f->line_hash);
        f->line_hash = NULL;
        if (text != NULL && line > 0 && line <= hashes.count)
            f->line_hash = line_hash_text(&hashes, line - 1);

        uint64_t h = FNV_OFFSET;
        h = fnv_field(h, f->rule->id);
        h = fnv_field(h, f->function);
        h = fnv_field(h, base_name(path));
        if (text != NULL && line > 0 && line <= lines.count) {
            char *collapsed = collapse_line(text, size, &lines, line);
            h = fnv_field(h, "line");
            h = fnv_field(h, collapsed);
            free(collapsed);
        } else {
            h = fnv_field(h, "message");
            h = fnv_field(h, f->message);
        }
        group[i].key = h;
    }

    qsort(group, count, sizeof *group, compare_keyed);
    unsigned occurrence = 0;
    for (size_t i = 0; i < count; i++) {
        if (i > 0 && group[i].key == group[i - 1].key)
            occurrence++;
        else
            occurrence = 0;
        char number[16];
        snprintf(number, sizeof number, "%u", occurrence);
        uint64_t h = fnv_field(group[i].key, number);
        char buf[24];
        snprintf(buf, sizeof buf, "v1:%016llx", (unsigned long long)h);
        Finding *f = group[i].finding;
        free(f->fingerprint);
        f->fingerprint = xstrndup(buf, strlen(buf));
    }

    free(lines.starts);
    line_hashes_free(&hashes);
    free(text);
}

/* Orders by file only, so that each file's findings sit together. */
static int compare_by_file(const void *pa, const void *pb)
{
    const Keyed *a = pa;
    const Keyed *b = pb;
    const char *fa = a->finding->loc.file;
    const char *fb = b->finding->loc.file;
    int c;
    if (fa == fb)
        c = 0;
    else if (fa == NULL)
        c = -1;
    else if (fb == NULL)
        c = 1;
    else
        c = strcmp(fa, fb);
    if (c == 0)
        c = (a->order > b->order) - (a->order < b->order);
    return c;
}

void fingerprint_findings(FindingList *findings)
{
    if (findings->count == 0)
        return;
    Keyed *all = xrealloc(NULL, findings->count, sizeof *all);
    for (size_t i = 0; i < findings->count; i++) {
        all[i].finding = &findings->items[i];
        all[i].order = i;
        all[i].key = 0;
    }
    qsort(all, findings->count, sizeof *all, compare_by_file);

    size_t begin = 0;
    while (begin < findings->count) {
        size_t end = begin + 1;
        while (end < findings->count &&
               same_file(all[end].finding->loc.file,
                         all[begin].finding->loc.file))
            end++;
        fingerprint_file(&all[begin], end - begin);
        begin = end;
    }
    free(all);
}
