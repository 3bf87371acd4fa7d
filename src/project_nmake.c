/* project_nmake.c - the nmake language of `sources` and `dirs` files; see
 * project_nmake.h.
 *
 * nmake reads a makefile line by line: physical lines are joined where
 * one ends in '\', '#' starts a comment, a directive starts with '!', and
 * NAME=value defines a macro whose value is expanded each time it is used
 * (a value that names its own macro is expanded at once instead, which is
 * how nmake lets `C_DEFINES=$(C_DEFINES) -DX` append). Rules and commands
 * are left alone: nothing here runs anything.
 */
#define _POSIX_C_SOURCE 200809L

#include "project_nmake.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"

/* What one hostile file may cost. A real `sources` file is a few
 * kilobytes, its macros a few hundred bytes, its includes one or two. */
#define MAX_VALUE (256u * 1024u)       /* a macro's value, an expansion */
#define MAX_EXPAND_DEPTH 64            /* macros inside macros */
#define MAX_STEPS_ONE ((size_t)1 << 22) /* work of one expansion */
#define MAX_STEPS_ALL ((size_t)1 << 28) /* work of all of them */
#define MAX_READS 256                  /* files read, includes and all */
#define MAX_BYTES (16u * 1024u * 1024u) /* the bytes of all of them */
#define MAX_COND 64                    /* !if nesting within one file */
#define MAX_EXPR_DEPTH 64              /* parentheses and unary operators */
#define MAX_WARNINGS 100
#define MAX_NAME 256                   /* a macro name */
#define SHOWN 160                      /* file text quoted in a message */

/* ---- strings ----------------------------------------------------------- */

typedef struct Buf {
    char *s;
    size_t len;
    size_t cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap != 0 ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap, 1);
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_addc(Buf *b, char c)
{
    buf_add(b, &c, 1);
}

static void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->s != NULL)
        b->s[0] = '\0';
}

/* The string built, never NULL; the Buf is left empty. */
static char *buf_take(Buf *b)
{
    char *s = b->s != NULL ? b->s : checked_alloc(strdup(""));
    memset(b, 0, sizeof *b);
    return s;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *skip_blanks(char *s)
{
    while (is_blank(*s))
        s++;
    return s;
}

static void trim_right(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && is_blank(s[n - 1]))
        s[--n] = '\0';
}

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Macro names as sources files spell them: letters, digits, '_' (nmake
 * would take more, but nothing a build reads needs it). */
static bool valid_name(const char *s)
{
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        if (!is_name_char(s[n]))
            return false;
    }
    return n > 0 && n < MAX_NAME;
}

const char *nmake_shown(const char *text, char *buf, size_t size)
{
    size_t n = 0;
    size_t i = 0;
    if (size < 4) {
        if (size > 0)
            buf[0] = '\0';
        return buf;
    }
    for (; text[i] != '\0' && n + 4 < size; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[n++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
    }
    if (text[i] != '\0') {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

/* ---- the reader -------------------------------------------------------- */

typedef struct Macro {
    char *name;
    char *value;      /* unexpanded; NULL once !undef'd */
    size_t value_len;
    const char *file; /* stored name of the file defining it; NULL: predefined */
    unsigned line;
    bool busy;        /* being expanded: a use now is a use inside itself */
} Macro;

struct Nmake {
    const BuildEnvironment *env;
    Project *record;
    ToolMessageList *messages;
    Macro *macros;
    size_t macro_count;
    size_t macro_cap;
    size_t *slots;       /* open addressing: index + 1 into macros, 0 free */
    size_t slot_count;   /* a power of two */
    char **names;        /* names of the files read, when not recording */
    size_t name_count;
    const char *top;
    const char *stack[NMAKE_MAX_DEPTH]; /* files being read, outermost first */
    size_t depth;
    size_t reads;
    size_t bytes;
    size_t steps;        /* expansion work left for the whole read */
    size_t warnings;
    char *err;
    size_t err_size;
    bool failed;
};

Nmake *nmake_new(const BuildEnvironment *env, Project *record, ToolMessageList *messages)
{
    Nmake *nm = checked_alloc(calloc(1, sizeof *nm));
    nm->env = env;
    nm->record = record;
    nm->messages = messages;
    nm->steps = MAX_STEPS_ALL;
    return nm;
}

void nmake_free(Nmake *nm)
{
    if (nm == NULL)
        return;
    for (size_t i = 0; i < nm->macro_count; i++) {
        free(nm->macros[i].name);
        free(nm->macros[i].value);
    }
    free(nm->macros);
    free(nm->slots);
    for (size_t i = 0; i < nm->name_count; i++)
        free(nm->names[i]);
    free(nm->names);
    free(nm);
}

const char *nmake_top_file(const Nmake *nm)
{
    return nm->top;
}

void nmake_warn(Nmake *nm, const char *file, unsigned line, const char *fmt, ...)
{
    if (nm->messages == NULL || nm->warnings > MAX_WARNINGS)
        return;
    char text[1024];
    if (nm->warnings++ == MAX_WARNINGS) {
        snprintf(text, sizeof text, "more than %d warnings; the rest are left out",
                 MAX_WARNINGS);
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(text, sizeof text, fmt, ap);
        va_end(ap);
    }
    SourceLoc loc = {NULL, 0, 0};
    if (nm->record != NULL) {
        loc.file = file;
        loc.line = line;
        tool_message_add(nm->messages, LEVEL_WARNING, loc, "%s", text);
    } else if (line > 0) {
        tool_message_add(nm->messages, LEVEL_WARNING, loc, "%s:%u: %s", file, line, text);
    } else {
        tool_message_add(nm->messages, LEVEL_WARNING, loc, "%s: %s", file, text);
    }
}

/* Writes "file:line: problem" into the caller's buffer (the first one
 * only) and returns -1. */
__attribute__((format(printf, 4, 5)))
static int fail(Nmake *nm, const char *file, unsigned line, const char *fmt, ...)
{
    if (!nm->failed && nm->err != NULL && nm->err_size > 0) {
        int used = line > 0 ? snprintf(nm->err, nm->err_size, "%s:%u: ", file, line)
                            : snprintf(nm->err, nm->err_size, "%s: ", file);
        if (used >= 0 && (size_t)used < nm->err_size) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(nm->err + used, nm->err_size - (size_t)used, fmt, ap);
            va_end(ap);
        }
    }
    nm->failed = true;
    return -1;
}

/* The name a file is known by from now on: its entry in the project's
 * `read` list, or the reader's own copy. */
static const char *store_name(Nmake *nm, const char *real)
{
    if (nm->record != NULL) {
        project_add_read(nm->record, real);
        return nm->record->read[nm->record->read_count - 1];
    }
    nm->names = xrealloc(nm->names, nm->name_count + 1, sizeof *nm->names);
    nm->names[nm->name_count] = checked_alloc(strdup(real));
    return nm->names[nm->name_count++];
}

/* ---- macros ------------------------------------------------------------ */

static size_t hash_name(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static Macro *find_macro(const Nmake *nm, const char *name)
{
    if (nm->slot_count == 0)
        return NULL;
    size_t mask = nm->slot_count - 1;
    for (size_t i = hash_name(name) & mask;; i = (i + 1) & mask) {
        size_t k = nm->slots[i];
        if (k == 0)
            return NULL;
        if (strcmp(nm->macros[k - 1].name, name) == 0)
            return &nm->macros[k - 1];
    }
}

static void place(Nmake *nm, size_t index)
{
    size_t mask = nm->slot_count - 1;
    size_t i = hash_name(nm->macros[index].name) & mask;
    while (nm->slots[i] != 0)
        i = (i + 1) & mask;
    nm->slots[i] = index + 1;
}

static Macro *add_macro(Nmake *nm, const char *name)
{
    if ((nm->macro_count + 1) * 2 > nm->slot_count) {
        free(nm->slots);
        nm->slot_count = nm->slot_count != 0 ? nm->slot_count * 2 : 64;
        nm->slots = checked_alloc(calloc(nm->slot_count, sizeof *nm->slots));
        for (size_t i = 0; i < nm->macro_count; i++)
            place(nm, i);
    }
    if (nm->macro_count == nm->macro_cap) {
        nm->macro_cap = nm->macro_cap != 0 ? nm->macro_cap * 2 : 64;
        nm->macros = xrealloc(nm->macros, nm->macro_cap, sizeof *nm->macros);
    }
    Macro *m = &nm->macros[nm->macro_count];
    memset(m, 0, sizeof *m);
    m->name = checked_alloc(strdup(name));
    place(nm, nm->macro_count++);
    return m;
}

/* Defined by a file or predefined (and not !undef'd since), or one of
 * the build utility's variables. */
static bool is_defined(const Nmake *nm, const char *name)
{
    const Macro *m = find_macro(nm, name);
    if (m != NULL)
        return m->value != NULL;
    return build_environment_sources_variable(nm->env, name) != NULL;
}

/* ---- expansion --------------------------------------------------------- */

typedef struct Expander {
    Nmake *nm;
    Buf out;
    size_t steps;      /* work left for this expansion */
    bool cut;          /* stopped at the length or the work limit */
    const char *cycle; /* a macro met inside its own value */
} Expander;

static bool spend(Expander *x, size_t n)
{
    if (x->cut)
        return false;
    if (x->steps < n || x->nm->steps < n) {
        x->cut = true;
        return false;
    }
    x->steps -= n;
    x->nm->steps -= n;
    return true;
}

static void put(Expander *x, const char *s, size_t n)
{
    if (x->cut)
        return;
    if (x->out.len + n > MAX_VALUE) {
        x->cut = true;
        return;
    }
    buf_add(&x->out, s, n);
}

static void expand_text(Expander *x, const char *s, size_t n, unsigned depth);

/* $(NAME:old=new): every `old` in what was expanded from `mark` on
 * becomes `new` (literally, case-sensitively, as nmake does). */
static void substitute(Expander *x, size_t mark, const char *spec, size_t n)
{
    const char *eq = memchr(spec, '=', n);
    if (eq == NULL || eq == spec || x->cut)
        return;
    size_t old_len = (size_t)(eq - spec);
    const char *with = eq + 1;
    size_t with_len = n - old_len - 1;
    size_t tail_len = x->out.len - mark;
    if (tail_len == 0 || !spend(x, tail_len + 1))
        return;
    char *tail = xstrndup(x->out.s + mark, tail_len);
    x->out.len = mark;
    x->out.s[mark] = '\0';
    for (size_t i = 0; i < tail_len && !x->cut;) {
        if (i + old_len <= tail_len && memcmp(tail + i, spec, old_len) == 0) {
            put(x, with, with_len);
            i += old_len;
        } else {
            put(x, tail + i, 1);
            i++;
        }
    }
    free(tail);
}

/* One reference: the text between "$(" and ")", or a one-letter name. */
static void expand_reference(Expander *x, const char *ref, size_t len, unsigned depth)
{
    const char *colon = memchr(ref, ':', len);
    size_t name_len = colon != NULL ? (size_t)(colon - ref) : len;
    char name[MAX_NAME];
    if (name_len == 0 || name_len >= sizeof name)
        return;
    memcpy(name, ref, name_len);
    name[name_len] = '\0';
    size_t mark = x->out.len;
    Macro *m = find_macro(x->nm, name);
    if (m != NULL) {
        if (m->value == NULL) {
            /* !undef'd: nothing, and not the environment's either. */
        } else if (m->busy) {
            if (x->cycle == NULL)
                x->cycle = m->name;
        } else if (depth >= MAX_EXPAND_DEPTH) {
            x->cut = true;
        } else {
            m->busy = true;
            expand_text(x, m->value, m->value_len, depth + 1);
            m->busy = false;
        }
    } else {
        /* The build utility's own variables are plain text. */
        const char *v = build_environment_sources_variable(x->nm->env, name);
        if (v != NULL && spend(x, strlen(v) + 1))
            put(x, v, strlen(v));
    }
    if (colon != NULL)
        substitute(x, mark, colon + 1, len - name_len - 1);
}

/* The ')' closing a reference whose text starts at `from`, or `n`. */
static size_t closing_paren(const char *s, size_t n, size_t from)
{
    unsigned level = 0;
    for (size_t i = from; i < n; i++) {
        if (s[i] == '(') {
            level++;
        } else if (s[i] == ')') {
            if (level == 0)
                return i;
            level--;
        }
    }
    return n;
}

static void expand_text(Expander *x, const char *s, size_t n, unsigned depth)
{
    size_t i = 0;
    while (i < n && spend(x, 1)) {
        const char *dollar = memchr(s + i, '$', n - i);
        size_t plain = dollar != NULL ? (size_t)(dollar - (s + i)) : n - i;
        if (plain > 0) {
            if (spend(x, plain))
                put(x, s + i, plain);
            i += plain;
            continue;
        }
        if (i + 1 >= n) {
            put(x, "$", 1);
            break;
        }
        if (s[i + 1] == '$') {
            put(x, "$", 1);
            i += 2;
        } else if (s[i + 1] == '(') {
            size_t close = closing_paren(s, n, i + 2);
            if (close >= n) {
                /* Not closed: nmake would stop; the text is kept as it is. */
                put(x, s + i, n - i);
                break;
            }
            expand_reference(x, s + i + 2, close - (i + 2), depth);
            i = close + 1;
        } else {
            expand_reference(x, s + i + 1, 1, depth);
            i += 2;
        }
    }
}

/* `text` with its macros expanded (malloc'd); problems are warned about
 * at file:line. */
static char *expand_at(Nmake *nm, const char *text, const char *file, unsigned line)
{
    Expander x = {nm, {NULL, 0, 0}, MAX_STEPS_ONE, false, NULL};
    expand_text(&x, text, strlen(text), 0);
    char shown[SHOWN];
    if (x.cycle != NULL)
        nmake_warn(nm, file, line,
                   "macro %s is used inside its own value; it expands to nothing there",
                   nmake_shown(x.cycle, shown, sizeof shown));
    if (x.cut)
        nmake_warn(nm, file, line,
                   "a macro expansion is longer than %u KiB, nests too deep or takes too "
                   "much work; it is cut short",
                   MAX_VALUE / 1024u);
    return buf_take(&x.out);
}

char *nmake_value(Nmake *nm, const char *name)
{
    if (!valid_name(name) || !is_defined(nm, name))
        return NULL;
    const char *file;
    unsigned line;
    nmake_where(nm, name, &file, &line);
    char ref[MAX_NAME + 4];
    snprintf(ref, sizeof ref, "$(%s)", name);
    return expand_at(nm, ref, file != NULL ? file : "(build environment)", line);
}

bool nmake_where(const Nmake *nm, const char *name, const char **file, unsigned *line)
{
    const Macro *m = find_macro(nm, name);
    if (m != NULL && m->file != NULL && m->value != NULL) {
        *file = m->file;
        *line = m->line;
        return true;
    }
    *file = nm->top;
    *line = 0;
    return false;
}

/* Whether `value` uses macro `name` (a use escaped as $$ does not). */
static bool refers_to(const char *value, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = value; *p != '\0'; p++) {
        if (p[0] != '$')
            continue;
        if (p[1] == '$') {
            p++;
        } else if (p[1] == '(') {
            if (strncmp(p + 2, name, n) == 0 && (p[2 + n] == ')' || p[2 + n] == ':'))
                return true;
        } else if (n == 1 && p[1] == name[0]) {
            return true;
        }
    }
    return false;
}

static char *escape_dollars(const char *s)
{
    Buf b = {NULL, 0, 0};
    for (; *s != '\0'; s++) {
        if (*s == '$')
            buf_addc(&b, '$');
        buf_addc(&b, *s);
    }
    return buf_take(&b);
}

static void define(Nmake *nm, const char *name, const char *value, const char *file,
                   unsigned line)
{
    char *stored;
    if (file != NULL && refers_to(value, name)) {
        /* nmake expands a value that names its own macro at once, which
         * is how a sources file appends to C_DEFINES or INCLUDES. */
        char *now = expand_at(nm, value, file, line);
        stored = escape_dollars(now);
        free(now);
    } else {
        stored = checked_alloc(strdup(value));
    }
    size_t len = strlen(stored);
    if (len > MAX_VALUE) {
        char shown[SHOWN];
        nmake_warn(nm, file, line, "the value of %s is longer than %u KiB; it is cut short",
                   nmake_shown(name, shown, sizeof shown), MAX_VALUE / 1024u);
        len = MAX_VALUE;
        stored[len] = '\0';
    }
    Macro *m = find_macro(nm, name);
    if (m == NULL)
        m = add_macro(nm, name);
    free(m->value);
    m->value = stored;
    m->value_len = len;
    m->file = file;
    m->line = line;
}

void nmake_define(Nmake *nm, const char *name, const char *value)
{
    define(nm, name, value, NULL, 0);
}

static void undefine(Nmake *nm, const char *name, const char *file, unsigned line)
{
    Macro *m = find_macro(nm, name);
    if (m == NULL)
        m = add_macro(nm, name);
    free(m->value);
    m->value = NULL;
    m->value_len = 0;
    m->file = file;
    m->line = line;
}

/* ---- !if expressions --------------------------------------------------- */

typedef struct Value {
    bool is_string;
    long long number;
    const char *text; /* a string's, not NUL-terminated */
    size_t len;
} Value;

typedef struct Expr {
    const Nmake *nm;
    const char *p;
    const char *end;
    unsigned depth;
} Expr;

static void expr_space(Expr *e)
{
    while (e->p < e->end && isspace((unsigned char)*e->p))
        e->p++;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

/* Decimal, 0x hexadecimal or 0 octal, as nmake reads them. */
static bool expr_number(Expr *e, Value *v)
{
    const char *p = e->p;
    unsigned base = 10;
    if (p + 1 < e->end && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    } else if (p[0] == '0') {
        base = 8;
    }
    unsigned long long n = 0;
    size_t digits = 0;
    for (; p < e->end && isalnum((unsigned char)*p); p++, digits++) {
        int d = digit_value(*p);
        if (d < 0 || (unsigned)d >= base || n > ((unsigned long long)LLONG_MAX - (unsigned)d) / base)
            return false;
        n = n * base + (unsigned)d;
    }
    if (digits == 0)
        return false;
    v->is_string = false;
    v->number = (long long)n;
    e->p = p;
    return true;
}

static bool expr_word(Expr *e, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(e->end - e->p) < n || strncasecmp(e->p, word, n) != 0)
        return false;
    if (e->p + n < e->end && is_name_char(e->p[n]))
        return false;
    e->p += n;
    return true;
}

/* defined(NAME), or defined NAME. */
static bool expr_defined(Expr *e, Value *v)
{
    expr_space(e);
    bool paren = e->p < e->end && *e->p == '(';
    if (paren) {
        e->p++;
        expr_space(e);
    }
    const char *start = e->p;
    while (e->p < e->end && is_name_char(*e->p))
        e->p++;
    size_t n = (size_t)(e->p - start);
    if (n == 0 || n >= MAX_NAME)
        return false;
    if (paren) {
        expr_space(e);
        if (e->p >= e->end || *e->p != ')')
            return false;
        e->p++;
    }
    char name[MAX_NAME];
    memcpy(name, start, n);
    name[n] = '\0';
    v->is_string = false;
    v->number = is_defined(e->nm, name);
    return true;
}

static bool expr_binary(Expr *e, int min_prec, Value *v);

/* Anything else (exist(), [commands], bare words) cannot be evaluated
 * here: a command is never run, and the tree's files are not probed. */
static bool expr_primary(Expr *e, Value *v)
{
    expr_space(e);
    if (e->p >= e->end)
        return false;
    char c = *e->p;
    if (c == '(') {
        e->p++;
        if (!expr_binary(e, 1, v))
            return false;
        expr_space(e);
        if (e->p >= e->end || *e->p != ')')
            return false;
        e->p++;
        return true;
    }
    if (c == '"') {
        const char *close = memchr(e->p + 1, '"', (size_t)(e->end - e->p - 1));
        if (close == NULL)
            return false;
        v->is_string = true;
        v->text = e->p + 1;
        v->len = (size_t)(close - e->p - 1);
        e->p = close + 1;
        return true;
    }
    if (isdigit((unsigned char)c))
        return expr_number(e, v);
    if (expr_word(e, "defined"))
        return expr_defined(e, v);
    return false;
}

static bool expr_unary(Expr *e, Value *v)
{
    if (++e->depth > MAX_EXPR_DEPTH)
        return false;
    expr_space(e);
    bool ok;
    char op = e->p < e->end ? *e->p : '\0';
    if (op == '!' || op == '-' || op == '~' || op == '+') {
        e->p++;
        ok = expr_unary(e, v) && !v->is_string;
        if (ok && op == '!')
            v->number = v->number == 0;
        else if (ok && op == '-')
            v->number = (long long)(0u - (unsigned long long)v->number);
        else if (ok && op == '~')
            v->number = (long long)~(unsigned long long)v->number;
    } else {
        ok = expr_primary(e, v);
    }
    e->depth--;
    return ok;
}

typedef struct BinaryOp {
    const char *text;
    int prec;
} BinaryOp;

/* C's precedences, as nmake's; two-character operators first so that
 * "<=" is not read as "<". */
static const BinaryOp binary_ops[] = {
    {"||", 1}, {"&&", 2}, {"==", 6}, {"!=", 6}, {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8},
    {"|", 3},  {"^", 4},  {"&", 5},  {"<", 7},  {">", 7},  {"+", 9},  {"-", 9},  {"*", 10},
    {"/", 10}, {"%", 10},
};

static const BinaryOp *expr_operator(Expr *e)
{
    expr_space(e);
    for (size_t i = 0; i < sizeof binary_ops / sizeof binary_ops[0]; i++) {
        size_t n = strlen(binary_ops[i].text);
        if ((size_t)(e->end - e->p) >= n && memcmp(e->p, binary_ops[i].text, n) == 0)
            return &binary_ops[i];
    }
    return NULL;
}

static bool apply_strings(const char *op, Value *a, const Value *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int cmp = memcmp(a->text, b->text, n);
    if (cmp == 0)
        cmp = a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
    long long r;
    if (strcmp(op, "==") == 0)
        r = cmp == 0;
    else if (strcmp(op, "!=") == 0)
        r = cmp != 0;
    else if (strcmp(op, "<") == 0)
        r = cmp < 0;
    else if (strcmp(op, "<=") == 0)
        r = cmp <= 0;
    else if (strcmp(op, ">") == 0)
        r = cmp > 0;
    else if (strcmp(op, ">=") == 0)
        r = cmp >= 0;
    else
        return false;
    a->is_string = false;
    a->number = r;
    return true;
}

/* Arithmetic wraps (done unsigned) rather than overflow; what C leaves
 * undefined (division by zero, wide shifts) cannot be evaluated. */
static bool apply(const char *op, Value *a, const Value *b)
{
    if (a->is_string || b->is_string) {
        if (!a->is_string || !b->is_string)
            return false;
        return apply_strings(op, a, b);
    }
    long long x = a->number;
    long long y = b->number;
    unsigned long long ux = (unsigned long long)x;
    unsigned long long uy = (unsigned long long)y;
    long long r;
    if (strcmp(op, "||") == 0) r = x != 0 || y != 0;
    else if (strcmp(op, "&&") == 0) r = x != 0 && y != 0;
    else if (strcmp(op, "==") == 0) r = x == y;
    else if (strcmp(op, "!=") == 0) r = x != y;
    else if (strcmp(op, "<=") == 0) r = x <= y;
    else if (strcmp(op, ">=") == 0) r = x >= y;
    else if (strcmp(op, "<") == 0) r = x < y;
    else if (strcmp(op, ">") == 0) r = x > y;
    else if (strcmp(op, "|") == 0) r = (long long)(ux | uy);
    else if (strcmp(op, "^") == 0) r = (long long)(ux ^ uy);
    else if (strcmp(op, "&") == 0) r = (long long)(ux & uy);
    else if (strcmp(op, "+") == 0) r = (long long)(ux + uy);
    else if (strcmp(op, "-") == 0) r = (long long)(ux - uy);
    else if (strcmp(op, "*") == 0) r = (long long)(ux * uy);
    else if (strcmp(op, "<<") == 0 || strcmp(op, ">>") == 0) {
        if (y < 0 || y >= 64)
            return false;
        r = op[0] == '<' ? (long long)(ux << y) : (long long)(ux >> y);
    } else {
        if (y == 0)
            return false;
        if (x == LLONG_MIN && y == -1)
            r = op[0] == '/' ? LLONG_MIN : 0;
        else
            r = op[0] == '/' ? x / y : x % y;
    }
    a->number = r;
    return true;
}

static bool expr_binary(Expr *e, int min_prec, Value *v)
{
    if (!expr_unary(e, v))
        return false;
    for (;;) {
        const BinaryOp *op = expr_operator(e);
        if (op == NULL || op->prec < min_prec)
            return true;
        e->p += strlen(op->text);
        Value rhs;
        if (!expr_binary(e, op->prec + 1, &rhs) || !apply(op->text, v, &rhs))
            return false;
    }
}

/* ---- files ------------------------------------------------------------- */

typedef struct Cond {
    unsigned line;  /* of the !if */
    bool outer;     /* the lines around the !if are read */
    bool taken;     /* a branch was taken already */
    bool on;        /* the current branch is read */
    bool in_else;
} Cond;

/* One file being read. */
typedef struct FileState {
    const char *name; /* stored */
    char *dir;
    Cond conds[MAX_COND];
    size_t cond_count;
} FileState;

static int read_file(Nmake *nm, const char *real);

static bool active(const FileState *fs)
{
    return fs->cond_count == 0 || fs->conds[fs->cond_count - 1].on;
}

static unsigned line_of_offset(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n')
            line++;
    }
    return line;
}

/* The whole of a regular file of at most NMAKE_MAX_FILE_SIZE bytes that
 * holds text. O_NONBLOCK keeps a FIFO from blocking the open. */
static int load_text(Nmake *nm, const char *path, char **text, size_t *size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(nm, path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(nm, path, 0, "cannot read: %s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail(nm, path, 0, "not a regular file");
    }
    if (st.st_size > (off_t)NMAKE_MAX_FILE_SIZE) {
        close(fd);
        return fail(nm, path, 0, "larger than %u MiB", NMAKE_MAX_FILE_SIZE / (1024u * 1024u));
    }
    /* One byte more than the size, to see a file that grew meanwhile. */
    size_t want = (size_t)st.st_size + 1;
    char *buf = checked_alloc(malloc(want + 1));
    size_t got = 0;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            free(buf);
            return fail(nm, path, 0, "cannot read: %s", strerror(e));
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got > (size_t)st.st_size) {
        free(buf);
        return fail(nm, path, 0, "changed while it was read");
    }
    buf[got] = '\0';
    const unsigned char *u = (const unsigned char *)buf;
    if (got >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        free(buf);
        return fail(nm, path, 0, "UTF-16 text: the build utility reads ANSI or UTF-8 text");
    }
    const char *nul = memchr(buf, '\0', got);
    if (nul != NULL) {
        unsigned line = line_of_offset(buf, (size_t)(nul - buf));
        free(buf);
        return fail(nm, path, line, "NUL byte: not a text file");
    }
    *text = buf;
    *size = got;
    return 0;
}

typedef struct Lines {
    const char *text;
    size_t size;
    size_t pos;
    unsigned next; /* number of the next physical line */
} Lines;

static bool physical_line(Lines *l, const char **start, size_t *len, unsigned *number)
{
    if (l->pos >= l->size)
        return false;
    const char *s = l->text + l->pos;
    const char *nl = memchr(s, '\n', l->size - l->pos);
    size_t n = nl != NULL ? (size_t)(nl - s) : l->size - l->pos;
    l->pos += n + (nl != NULL ? 1 : 0);
    *start = s;
    *len = n;
    *number = l->next++;
    return true;
}

/* Appends one physical line to `out` without its comment and with the
 * caret escapes (^# ^^ ^\) resolved. Returns whether what is left ends in
 * a continuation '\' (removed). *comment: the line had a comment;
 * *raw_continues: the line as written, comment and all, ends in '\'. */
static bool append_physical(Buf *out, const char *s, size_t n, bool *comment,
                            bool *raw_continues)
{
    size_t start = out->len;
    size_t escaped_at = SIZE_MAX; /* end of a literal ^\ in `out` */
    *comment = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '^' && i + 1 < n && (s[i + 1] == '#' || s[i + 1] == '^' || s[i + 1] == '\\')) {
            buf_addc(out, s[++i]);
            escaped_at = out->len;
            continue;
        }
        if (c == '#') {
            *comment = true;
            break;
        }
        buf_addc(out, c);
    }
    while (out->len > start && is_blank(out->s[out->len - 1]))
        out->s[--out->len] = '\0';
    size_t raw = n;
    while (raw > 0 && is_blank(s[raw - 1]))
        raw--;
    *raw_continues = raw > 0 && s[raw - 1] == '\\' && !(raw > 1 && s[raw - 2] == '^');
    if (out->len > start && out->s[out->len - 1] == '\\' && out->len != escaped_at) {
        out->s[--out->len] = '\0';
        return true;
    }
    return false;
}

static bool all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_blank(s[i]))
            return false;
    }
    return true;
}

/* The next logical line: physical lines joined with a space where one
 * ends in '\'. A line that is only a comment does not end a list it
 * stands in when it too ends in '\' (that is how a source is commented
 * out of SOURCES); a blank line ends it. */
static bool next_logical(Lines *l, Buf *out, unsigned *first)
{
    buf_clear(out);
    bool any = false;
    bool continuing = false;
    const char *s;
    size_t n;
    unsigned number;
    while (physical_line(l, &s, &n, &number)) {
        if (!any)
            *first = number;
        any = true;
        if (continuing && all_blank(s, n))
            break;
        if (continuing)
            buf_addc(out, ' ');
        size_t before = out->len;
        bool comment;
        bool raw_continues;
        bool continues = append_physical(out, s, n, &comment, &raw_continues);
        if (continuing && comment && all_blank(out->s + before, out->len - before))
            continues = raw_continues;
        if (!continues)
            break;
        continuing = true;
    }
    if (any && out->s == NULL)
        buf_add(out, "", 0);
    return any;
}

/* ---- directives -------------------------------------------------------- */

typedef enum Directive {
    D_IF,
    D_IFDEF,
    D_IFNDEF,
    D_ELSE,
    D_ELSEIF,
    D_ELSEIFDEF,
    D_ELSEIFNDEF,
    D_ENDIF,
    D_INCLUDE,
    D_MESSAGE,
    D_ERROR,
    D_UNDEF,
    D_CMDSWITCHES,
    D_UNKNOWN,
} Directive;

static const struct {
    const char *word;
    Directive kind;
} directive_words[] = {
    {"if", D_IF},           {"ifdef", D_IFDEF},         {"ifndef", D_IFNDEF},
    {"else", D_ELSE},       {"elseif", D_ELSEIF},       {"elseifdef", D_ELSEIFDEF},
    {"elseifndef", D_ELSEIFNDEF}, {"endif", D_ENDIF},   {"include", D_INCLUDE},
    {"message", D_MESSAGE}, {"error", D_ERROR},         {"undef", D_UNDEF},
    {"cmdswitches", D_CMDSWITCHES},
};

/* Reads the directive's word at *p (in any case) and moves past it;
 * "!else if" and its kin are one directive. */
static Directive directive_kind(char **p)
{
    char *s = skip_blanks(*p);
    char *w = s;
    while (isalpha((unsigned char)*s))
        s++;
    size_t n = (size_t)(s - w);
    Directive kind = D_UNKNOWN;
    for (size_t i = 0; i < sizeof directive_words / sizeof directive_words[0]; i++) {
        if (strlen(directive_words[i].word) == n && strncasecmp(w, directive_words[i].word, n) == 0)
            kind = directive_words[i].kind;
    }
    if (kind == D_ELSE) {
        char *t = skip_blanks(s);
        char *v = t;
        while (isalpha((unsigned char)*t))
            t++;
        size_t m = (size_t)(t - v);
        Directive next = m == 2 && strncasecmp(v, "if", 2) == 0       ? D_ELSEIF
                         : m == 5 && strncasecmp(v, "ifdef", 5) == 0  ? D_ELSEIFDEF
                         : m == 6 && strncasecmp(v, "ifndef", 6) == 0 ? D_ELSEIFNDEF
                                                                      : D_ELSE;
        if (next != D_ELSE) {
            kind = next;
            s = t;
        }
    }
    *p = kind == D_UNKNOWN ? w : s;
    return kind;
}

static bool eval_if(Nmake *nm, const FileState *fs, const char *arg, unsigned line)
{
    char *text = expand_at(nm, arg, fs->name, line);
    Expr e = {nm, text, text + strlen(text), 0};
    Value v = {false, 0, NULL, 0};
    bool ok = expr_binary(&e, 1, &v);
    expr_space(&e);
    ok = ok && e.p == e.end && !v.is_string;
    if (!ok) {
        char raw[SHOWN];
        char expanded[SHOWN];
        nmake_shown(arg, raw, sizeof raw);
        if (strcmp(arg, text) == 0)
            nmake_warn(nm, fs->name, line,
                       "cannot evaluate '!if %s'; the branch is taken as false", raw);
        else
            nmake_warn(nm, fs->name, line,
                       "cannot evaluate '!if %s' (expanded: '%s'); the branch is taken as false",
                       raw, nmake_shown(text, expanded, sizeof expanded));
    }
    free(text);
    return ok && v.number != 0;
}

static bool eval_ifdef(Nmake *nm, const FileState *fs, const char *arg, unsigned line,
                       bool want_defined)
{
    char *name = expand_at(nm, arg, fs->name, line);
    trim_right(name);
    bool ok = valid_name(name);
    bool result = ok && is_defined(nm, name) == want_defined;
    if (!ok) {
        char shown[SHOWN];
        nmake_warn(nm, fs->name, line,
                   "cannot evaluate '!%s %s': not a macro name; the branch is taken as false",
                   want_defined ? "ifdef" : "ifndef", nmake_shown(arg, shown, sizeof shown));
    }
    free(name);
    return result;
}

static bool eval_condition(Nmake *nm, const FileState *fs, Directive kind, const char *arg,
                           unsigned line)
{
    if (kind == D_IF || kind == D_ELSEIF)
        return eval_if(nm, fs, arg, line);
    return eval_ifdef(nm, fs, arg, line, kind == D_IFDEF || kind == D_ELSEIFDEF);
}

static int conditional(Nmake *nm, FileState *fs, Directive kind, const char *arg,
                       unsigned line)
{
    if (kind == D_IF || kind == D_IFDEF || kind == D_IFNDEF) {
        if (fs->cond_count == MAX_COND)
            return fail(nm, fs->name, line, "!if nested more than %d deep", MAX_COND);
        Cond c = {line, active(fs), false, false, false};
        if (c.outer) {
            c.on = eval_condition(nm, fs, kind, arg, line);
            c.taken = c.on;
        }
        fs->conds[fs->cond_count++] = c;
        return 0;
    }
    if (fs->cond_count == 0)
        return fail(nm, fs->name, line, "%s without !if",
                    kind == D_ENDIF ? "!endif" : kind == D_ELSE ? "!else" : "!elseif");
    Cond *c = &fs->conds[fs->cond_count - 1];
    if (kind == D_ENDIF) {
        fs->cond_count--;
        return 0;
    }
    if (c->in_else)
        return fail(nm, fs->name, line, "%s after the !else of the !if at line %u",
                    kind == D_ELSE ? "!else" : "!elseif", c->line);
    if (kind == D_ELSE) {
        c->on = c->outer && !c->taken;
        c->taken = true;
        c->in_else = true;
    } else if (!c->outer || c->taken) {
        c->on = false;
    } else {
        c->on = eval_condition(nm, fs, kind, arg, line);
        c->taken = c->on;
    }
    return 0;
}

/* Whether `text` uses a macro only the build environment supplies: the
 * file then names one of the WDK's own files, which are not here. */
static bool names_wdk(const Nmake *nm, const char *text)
{
    for (const char *p = strstr(text, "$("); p != NULL; p = strstr(p + 2, "$(")) {
        size_t n = 0;
        while (is_name_char(p[2 + n]))
            n++;
        if (n == 0 || n >= MAX_NAME)
            continue;
        char name[MAX_NAME];
        memcpy(name, p + 2, n);
        name[n] = '\0';
        const Macro *m = find_macro(nm, name);
        if ((m == NULL || m->file == NULL) &&
            build_environment_sources_variable(nm->env, name) != NULL)
            return true;
    }
    return false;
}

/* The WDK's makefiles, which a tree does not hold. */
static bool wdk_file_name(const char *name)
{
    const char *base = name;
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '/' || *p == '\\')
            base = p + 1;
    }
    return strcasecmp(base, "makefile.def") == 0 || strcasecmp(base, "makefile.inc") == 0 ||
           strcasecmp(base, "makefile.plt") == 0 || strcasecmp(base, "makefile.new") == 0;
}

static bool on_stack(const Nmake *nm, const char *real)
{
    for (size_t i = 0; i < nm->depth; i++) {
        if (strcmp(nm->stack[i], real) == 0)
            return true;
    }
    return false;
}

static int include_found(Nmake *nm, const FileState *fs, const char *name, unsigned line)
{
    char shown[SHOWN];
    nmake_shown(name, shown, sizeof shown);
    bool found;
    char *path = nmake_path_find(fs->dir, name, &found);
    struct stat st;
    int rc = 0;
    if (!found || stat(path, &st) != 0) {
        if (!wdk_file_name(name))
            nmake_warn(nm, fs->name, line, "!include %s: not found; skipped", shown);
    } else if (!S_ISREG(st.st_mode)) {
        nmake_warn(nm, fs->name, line, "!include %s: not a regular file; not read", shown);
    } else if (on_stack(nm, path)) {
        nmake_warn(nm, fs->name, line,
                   "!include %s: that file is being read already (an include cycle); "
                   "not read again",
                   shown);
    } else if (nm->depth >= NMAKE_MAX_DEPTH) {
        nmake_warn(nm, fs->name, line, "!include %s: includes nest more than %d deep; not read",
                   shown, NMAKE_MAX_DEPTH);
    } else if (nm->reads >= MAX_READS || nm->bytes + (size_t)st.st_size > MAX_BYTES) {
        nmake_warn(nm, fs->name, line, "!include %s: more than %d files or %u MiB read; not read",
                   shown, MAX_READS, MAX_BYTES / (1024u * 1024u));
    } else {
        rc = read_file(nm, path);
    }
    free(path);
    return rc;
}

static int include(Nmake *nm, const FileState *fs, const char *arg, unsigned line)
{
    bool wdk = names_wdk(nm, arg);
    char *text = expand_at(nm, arg, fs->name, line);
    char *name = skip_blanks(text);
    trim_right(name);
    size_t n = strlen(name);
    if (n >= 2 && ((name[0] == '<' && name[n - 1] == '>') || (name[0] == '"' && name[n - 1] == '"'))) {
        name[n - 1] = '\0';
        name = skip_blanks(name + 1);
        trim_right(name);
    }
    int rc = 0;
    char shown[SHOWN];
    if (wdk) {
        /* The WDK's own makefiles: nothing of the tree's to read. */
    } else if (name[0] == '\0') {
        nmake_warn(nm, fs->name, line, "!include names no file; ignored");
    } else if (nmake_path_is_absolute(name)) {
        if (!wdk_file_name(name))
            nmake_warn(nm, fs->name, line, "!include %s: an absolute path is not read",
                       nmake_shown(name, shown, sizeof shown));
    } else {
        rc = include_found(nm, fs, name, line);
    }
    free(text);
    return rc;
}

static int directive(Nmake *nm, FileState *fs, char *s, unsigned line)
{
    Directive kind = directive_kind(&s);
    char *arg = skip_blanks(s);
    if (kind <= D_ENDIF)
        return conditional(nm, fs, kind, arg, line);
    if (!active(fs))
        return 0;
    char shown[SHOWN];
    switch (kind) {
    case D_INCLUDE:
        return include(nm, fs, arg, line);
    case D_ERROR: {
        char *text = expand_at(nm, arg, fs->name, line);
        nmake_warn(nm, fs->name, line, "!error %s: the build would stop here; read on past it",
                   nmake_shown(text, shown, sizeof shown));
        free(text);
        return 0;
    }
    case D_UNDEF: {
        char *name = expand_at(nm, arg, fs->name, line);
        trim_right(name);
        if (valid_name(name))
            undefine(nm, name, fs->name, line);
        else
            nmake_warn(nm, fs->name, line, "!undef %s: not a macro name; ignored",
                       nmake_shown(arg, shown, sizeof shown));
        free(name);
        return 0;
    }
    case D_UNKNOWN:
        nmake_warn(nm, fs->name, line, "unknown directive '!%s'; ignored",
                   nmake_shown(arg, shown, sizeof shown));
        return 0;
    default:
        /* !message, !cmdswitches: nothing that changes what is built. */
        return 0;
    }
}

static void definition(Nmake *nm, const FileState *fs, char *s, unsigned line)
{
    char *eq = strchr(s, '=');
    if (eq == NULL)
        return; /* a rule or a command: the build's, not read here */
    size_t n = (size_t)(eq - s);
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    char *name = xstrndup(s, n);
    if (strchr(name, ':') == NULL && strchr(name, '$') != NULL) {
        char *expanded = expand_at(nm, name, fs->name, line);
        free(name);
        name = expanded;
        trim_right(name);
    }
    if (valid_name(name))
        define(nm, name, skip_blanks(eq + 1), fs->name, line);
    free(name);
}

static int read_lines(Nmake *nm, FileState *fs, const char *text, size_t size)
{
    Lines l = {text, size, 0, 1};
    /* A UTF-8 byte order mark is not text of the first line. */
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        l.pos = 3;
    Buf line = {NULL, 0, 0};
    unsigned at = 0;
    int rc = 0;
    while (rc == 0 && next_logical(&l, &line, &at)) {
        char *s = skip_blanks(line.s);
        if (*s == '!')
            rc = directive(nm, fs, s + 1, at);
        else if (*s != '\0' && active(fs))
            definition(nm, fs, s, at);
    }
    free(line.s);
    if (rc == 0 && fs->cond_count > 0)
        rc = fail(nm, fs->name, fs->conds[fs->cond_count - 1].line, "!if without !endif");
    return rc;
}

char *nmake_folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return checked_alloc(strdup("."));
    if (slash == path)
        return checked_alloc(strdup("/"));
    return xstrndup(path, (size_t)(slash - path));
}

static int read_file(Nmake *nm, const char *real)
{
    char *text = NULL;
    size_t size = 0;
    if (load_text(nm, real, &text, &size) != 0)
        return -1;
    FileState *fs = checked_alloc(calloc(1, sizeof *fs));
    fs->name = store_name(nm, real);
    fs->dir = nmake_folder_of(fs->name);
    if (nm->depth == 0)
        nm->top = fs->name;
    nm->stack[nm->depth++] = fs->name;
    nm->reads++;
    nm->bytes += size;
    int rc = read_lines(nm, fs, text, size);
    nm->depth--;
    free(fs->dir);
    free(fs);
    free(text);
    return rc;
}

int nmake_read(Nmake *nm, const char *path, char *err, size_t err_size)
{
    nm->err = err;
    nm->err_size = err_size;
    nm->failed = false;
    if (err != NULL && err_size > 0)
        err[0] = '\0';
    char *real = realpath(path, NULL);
    if (real == NULL)
        return fail(nm, path, 0, "cannot open: %s", strerror(errno));
    int rc = read_file(nm, real);
    free(real);
    return rc;
}

/* ---- paths ------------------------------------------------------------- */

bool nmake_path_is_absolute(const char *name)
{
    if (name[0] == '/' || name[0] == '\\')
        return true;
    return isalpha((unsigned char)name[0]) && name[1] == ':';
}

/* The entry of `dir` named `part`: exactly, or else the first in byte
 * order of those that match it case-insensitively (so the choice does
 * not depend on the order the folder lists them in). NULL when none. */
static char *child_named(const char *dir, const char *part)
{
    size_t n = strlen(dir) + 1 + strlen(part) + 1;
    char *exact = checked_alloc(malloc(n));
    snprintf(exact, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", part);
    struct stat st;
    int rc = lstat(exact, &st);
    free(exact);
    if (rc == 0)
        return checked_alloc(strdup(part));
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char *best = NULL;
    for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strcasecmp(e->d_name, part) == 0 && (best == NULL || strcmp(e->d_name, best) < 0)) {
            free(best);
            best = checked_alloc(strdup(e->d_name));
        }
    }
    closedir(d);
    return best;
}

/* Removes the last component ("/a/b" -> "/a", "/a" -> "/"). */
static void pop_component(Buf *path)
{
    char *slash = strrchr(path->s, '/');
    if (slash == NULL)
        return;
    path->len = slash == path->s ? 1 : (size_t)(slash - path->s);
    path->s[path->len] = '\0';
}

static void push_component(Buf *path, const char *part)
{
    if (path->len == 0 || path->s[path->len - 1] != '/')
        buf_addc(path, '/');
    buf_add(path, part, strlen(part));
}

char *nmake_path_find(const char *dir, const char *name, bool *found)
{
    *found = false;
    if (nmake_path_is_absolute(name))
        return NULL;
    Buf path = {NULL, 0, 0};
    buf_add(&path, dir, strlen(dir));
    while (path.len > 1 && path.s[path.len - 1] == '/')
        path.s[--path.len] = '\0';
    bool real = true;     /* all of `path` exists, with no link in it */
    size_t real_len = path.len;
    for (const char *p = name; *p != '\0';) {
        size_t n = strcspn(p, "/\\");
        char *part = xstrndup(p, n);
        p += n;
        while (*p == '/' || *p == '\\')
            p++;
        if (n == 0 || strcmp(part, ".") == 0) {
            /* nothing */
        } else if (strcmp(part, "..") == 0) {
            /* Lexical, as Windows takes it; exact once back in the real part. */
            pop_component(&path);
            if (path.len <= real_len) {
                real = true;
                real_len = path.len;
            }
        } else if (real) {
            char *match = child_named(path.s, part);
            push_component(&path, match != NULL ? match : part);
            char *resolved = match != NULL ? realpath(path.s, NULL) : NULL;
            if (resolved != NULL) {
                buf_clear(&path);
                buf_add(&path, resolved, strlen(resolved));
                real_len = path.len;
            } else {
                real = false;
            }
            free(resolved);
            free(match);
        } else {
            push_component(&path, part);
        }
        free(part);
    }
    *found = real;
    return buf_take(&path);
}
