/* check_fixtures.c - runs ndislint on every fixture and compares what it
 * reports with the expectations written in the fixture's comments.
 *
 *   check_fixtures NDISLINT_BINARY FIXTURES_DIR [NAME_FILTER]
 *   check_fixtures --coverage RULES_DIR FIXTURES_DIR
 *
 * A fixture is a single .c/.cpp file, or a folder whose name ends in
 * ".driver": every .c/.cpp file directly inside it is analysed in one run.
 * The mark syntax is described in tests/fixtures/README.md.
 *
 * Ownership: every structure below owns the strings and arrays it points
 * to and is released by its *_free function.
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define RULE_ID_MAX 32
#define LEVEL_MAX 16
#define RUN_TIMEOUT_SECONDS 120
#define STDERR_LINES_SHOWN 12

/* ------------------------------------------------------------------ */
/* Small utilities                                                    */
/* ------------------------------------------------------------------ */

static void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (p == NULL) {
        fputs("check_fixtures: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Grows *items (of *capacity elements of elem_size) to hold one more. */
static void grow(void **items, size_t *capacity, size_t count, size_t elem_size)
{
    if (count < *capacity) {
        return;
    }
    *capacity = *capacity ? *capacity * 2 : 8;
    *items = xrealloc(*items, *capacity * elem_size);
}

/* A growable text buffer; owns its bytes. */
typedef struct Buf {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_append_bytes(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) {
            cap *= 2;
        }
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n < sizeof small) {
        buf_append_bytes(b, small, (size_t)n);
        return;
    }
    {
        char *big = xrealloc(NULL, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        buf_append_bytes(b, big, (size_t)n);
        free(big);
    }
}

static void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

/* A list of owned strings. */
typedef struct StrList {
    char **items;
    size_t count;
    size_t cap;
} StrList;

static void strlist_add(StrList *l, char *owned)
{
    grow((void **)&l->items, &l->cap, l->count, sizeof *l->items);
    l->items[l->count++] = owned;
}

static void strlist_free(StrList *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i]);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
    l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_source_name(const char *name)
{
    return ends_with(name, ".c") || ends_with(name, ".cpp");
}

static char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir);
    size_t b = strlen(name);
    char *p = xrealloc(NULL, a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* Reads a whole file; returns NULL on error. The result is NUL-terminated. */
static char *read_whole_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    Buf b = {0};
    char chunk[4096];
    size_t n;

    if (f == NULL) {
        return NULL;
    }
    n = fread(chunk, 1, sizeof chunk, f);
    while (n > 0) {
        buf_append_bytes(&b, chunk, n);
        n = fread(chunk, 1, sizeof chunk, f);
    }
    if (ferror(f)) {
        fclose(f);
        buf_free(&b);
        return NULL;
    }
    fclose(f);
    if (b.data == NULL) {
        buf_append_bytes(&b, "", 0);
    }
    if (len_out != NULL) {
        *len_out = b.len;
    }
    return b.data;
}

/* The canonical absolute path, or a copy of `path` if it cannot be
 * resolved (the comparison will then simply not match). */
static char *canonical(const char *path)
{
    char *r = realpath(path, NULL);
    if (r == NULL) {
        return xstrdup(path);
    }
    return r;
}

/* The canonical current directory, set once in main. */
static char *g_cwd;

/* `real` shown relative to the current directory when inside it. */
static char *display_path(const char *real)
{
    size_t n = g_cwd ? strlen(g_cwd) : 0;
    if (n > 0 && strncmp(real, g_cwd, n) == 0 && real[n] == '/') {
        return xstrdup(real + n + 1);
    }
    return xstrdup(real);
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return p;
}

static bool is_rule_id(const char *s, size_t n)
{
    size_t i = 0;
    size_t letters = 0;

    if (n == 0 || n >= RULE_ID_MAX) {
        return false;
    }
    while (i < n && s[i] >= 'A' && s[i] <= 'Z') {
        i++;
        letters++;
    }
    if (letters == 0 || i == n) {
        return false;
    }
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        i++;
    }
    return i == n;
}

static bool is_level_word(const char *s, size_t n)
{
    static const char *const levels[] = {"error", "note", "warning"};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        if (strlen(levels[i]) == n && strncmp(s, levels[i], n) == 0) {
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Fixtures and their marks                                           */
/* ------------------------------------------------------------------ */

typedef enum MarkKind {
    MARK_EXPECT,
    MARK_KNOWN_MISS,
    MARK_KNOWN_FALSE_ALARM
} MarkKind;

/* Keywords that open a mark comment, longest first where one is a prefix
 * of another. */
static const struct {
    const char *word;
    MarkKind kind;
} mark_words[] = {
    {"expect", MARK_EXPECT},
    {"known-false-alarm", MARK_KNOWN_FALSE_ALARM},
    {"known-miss", MARK_KNOWN_MISS},
};

typedef struct Mark {
    size_t file;               /* index into Fixture.files */
    unsigned line;             /* the line the finding is expected on */
    unsigned mark_line;        /* the line the comment is on */
    char rule[RULE_ID_MAX];
    char level[LEVEL_MAX];     /* "" when any level is accepted */
    MarkKind kind;
    bool matched;
} Mark;

typedef struct SourceFile {
    char *path;    /* as handed to ndislint */
    char *real;    /* canonical */
    char *display; /* relative to the current directory when inside it */
    unsigned line_count;
} SourceFile;

/* A parse error the fixture expects on one of its lines. */
typedef struct ParseErrorMark {
    size_t file;    /* index in Fixture.files */
    unsigned line;
    char *text;     /* part of the parser's message */
} ParseErrorMark;

typedef struct Fixture {
    char *name;            /* display path of the file or .driver folder */
    SourceFile *files;
    size_t file_count;
    size_t file_cap;
    Mark *marks;
    size_t mark_count;
    size_t mark_cap;
    StrList args;          /* from `// ndislint-args:` */
    StrList stderr_expect; /* from `// expect-stderr:` */
    ParseErrorMark *parse_errors; /* from `// expect-parse-error:` */
    size_t parse_error_count;
    size_t parse_error_cap;
    int expect_exit;       /* from `// expect-exit:`, or -1 */
    StrList problems;      /* malformed marks, unreadable files */
} Fixture;

static void fixture_free(Fixture *fx)
{
    for (size_t i = 0; i < fx->file_count; i++) {
        free(fx->files[i].path);
        free(fx->files[i].real);
        free(fx->files[i].display);
    }
    free(fx->files);
    free(fx->marks);
    free(fx->name);
    strlist_free(&fx->args);
    strlist_free(&fx->stderr_expect);
    for (size_t i = 0; i < fx->parse_error_count; i++) {
        free(fx->parse_errors[i].text);
    }
    free(fx->parse_errors);
    strlist_free(&fx->problems);
    memset(fx, 0, sizeof *fx);
}

static void fixture_problem(Fixture *fx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fixture_problem(Fixture *fx, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    strlist_add(&fx->problems, xstrdup(text));
}

static void fixture_add_file(Fixture *fx, const char *path)
{
    SourceFile *sf;
    grow((void **)&fx->files, &fx->file_cap, fx->file_count, sizeof *fx->files);
    sf = &fx->files[fx->file_count++];
    sf->path = xstrdup(path);
    sf->real = canonical(path);
    sf->display = display_path(sf->real);
    sf->line_count = 0;
}

static void fixture_add_mark(Fixture *fx, const Mark *m)
{
    grow((void **)&fx->marks, &fx->mark_cap, fx->mark_count, sizeof *fx->marks);
    fx->marks[fx->mark_count++] = *m;
}

/* Splits `text` (up to end of line) at blanks and adds each word. */
static void add_words(StrList *out, const char *text, const char *end)
{
    const char *p = text;
    while (p < end) {
        const char *w;
        while (p < end && (*p == ' ' || *p == '\t')) {
            p++;
        }
        w = p;
        while (p < end && *p != ' ' && *p != '\t') {
            p++;
        }
        if (p > w) {
            strlist_add(out, xstrndup(w, (size_t)(p - w)));
        }
    }
}

/* The end of the line starting at p, without a trailing '\r'. */
static const char *line_end(const char *p)
{
    const char *e = strchr(p, '\n');
    if (e == NULL) {
        e = p + strlen(p);
    }
    if (e > p && e[-1] == '\r') {
        e--;
    }
    return e;
}

/* Parses the ids after a mark's colon. Returns false if a word is not a
 * rule id (optionally followed by ":error", ":warning" or ":note"). */
static bool parse_mark_ids(Fixture *fx, Mark proto, const char *p,
                           const char *end)
{
    size_t added = 0;

    while (p < end) {
        const char *w;
        const char *colon;
        size_t id_len;
        Mark m = proto;

        while (p < end && (*p == ' ' || *p == '\t')) {
            p++;
        }
        if (p >= end) {
            break;
        }
        w = p;
        while (p < end && *p != ' ' && *p != '\t') {
            p++;
        }
        colon = memchr(w, ':', (size_t)(p - w));
        id_len = colon ? (size_t)(colon - w) : (size_t)(p - w);
        if (!is_rule_id(w, id_len)) {
            return false;
        }
        memcpy(m.rule, w, id_len);
        m.rule[id_len] = '\0';
        m.level[0] = '\0';
        if (colon != NULL) {
            size_t lv = (size_t)(p - colon - 1);
            if (lv >= LEVEL_MAX || !is_level_word(colon + 1, lv)) {
                return false;
            }
            memcpy(m.level, colon + 1, lv);
            m.level[lv] = '\0';
        }
        fixture_add_mark(fx, &m);
        added++;
    }
    return added > 0;
}

/* Handles the comment text `c` (just after "//") on line `line` of file
 * `fi`. Only comments whose first word is a directive or a mark keyword
 * are looked at; a comment that starts like one but does not parse is a
 * problem, so that a misspelt mark cannot silently assert nothing. */
static void parse_comment(Fixture *fx, size_t fi, unsigned line,
                          const char *c, const char *end)
{
    static const char args_word[] = "ndislint-args:";
    static const char stderr_word[] = "expect-stderr:";
    static const char exit_word[] = "expect-exit:";
    static const char parse_error_word[] = "expect-parse-error:";
    const char *p = skip_spaces(c);
    const SourceFile *sf = &fx->files[fi];

    if (strncmp(p, parse_error_word, sizeof parse_error_word - 1) == 0) {
        const char *s = skip_spaces(p + sizeof parse_error_word - 1);
        const char *e = end;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) {
            e--;
        }
        if (e == s) {
            fixture_problem(fx, "%s:%u: empty expect-parse-error", sf->display, line);
            return;
        }
        grow((void **)&fx->parse_errors, &fx->parse_error_cap, fx->parse_error_count,
             sizeof *fx->parse_errors);
        ParseErrorMark *m = &fx->parse_errors[fx->parse_error_count++];
        m->file = fi;
        m->line = line;
        m->text = xstrndup(s, (size_t)(e - s));
        return;
    }

    if (strncmp(p, args_word, sizeof args_word - 1) == 0) {
        add_words(&fx->args, p + sizeof args_word - 1, end);
        return;
    }
    if (strncmp(p, stderr_word, sizeof stderr_word - 1) == 0) {
        const char *s = skip_spaces(p + sizeof stderr_word - 1);
        const char *e = end;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t')) {
            e--;
        }
        if (e == s) {
            fixture_problem(fx, "%s:%u: empty expect-stderr", sf->display, line);
            return;
        }
        strlist_add(&fx->stderr_expect, xstrndup(s, (size_t)(e - s)));
        return;
    }
    if (strncmp(p, exit_word, sizeof exit_word - 1) == 0) {
        char *num_end = NULL;
        long v = strtol(p + sizeof exit_word - 1, &num_end, 10);
        if (num_end == p + sizeof exit_word - 1 || v < 0 || v > 255) {
            fixture_problem(fx, "%s:%u: bad expect-exit", sf->display, line);
            return;
        }
        fx->expect_exit = (int)v;
        return;
    }
    if (strncmp(p, "expect", 6) != 0 && strncmp(p, "known-", 6) != 0) {
        return;
    }
    for (size_t k = 0; k < sizeof mark_words / sizeof mark_words[0]; k++) {
        size_t n = strlen(mark_words[k].word);
        const char *q = p + n;
        long offset = 0;
        Mark proto;

        if (strncmp(p, mark_words[k].word, n) != 0) {
            continue;
        }
        if (*q == '@') {
            char *num_end = NULL;
            if (q[1] != '+' && q[1] != '-') {
                break;
            }
            offset = strtol(q + 1, &num_end, 10);
            if (num_end == q + 2) {
                break;
            }
            q = num_end;
        }
        if (*q != ':') {
            break;
        }
        if ((long)line + offset < 1 ||
            (long)line + offset > (long)sf->line_count) {
            fixture_problem(fx, "%s:%u: mark points outside the file",
                            sf->display, line);
            return;
        }
        memset(&proto, 0, sizeof proto);
        proto.file = fi;
        proto.line = (unsigned)((long)line + offset);
        proto.mark_line = line;
        proto.kind = mark_words[k].kind;
        if (!parse_mark_ids(fx, proto, q + 1, end)) {
            break;
        }
        return;
    }
    fixture_problem(fx, "%s:%u: malformed mark: %.*s", sf->display, line,
                    (int)(end - p), p);
}

/* Looks for "//" comments on one line; each may hold a mark. */
static void scan_line(Fixture *fx, size_t fi, unsigned line, const char *p,
                      const char *end)
{
    const char *s = p;
    while (s + 1 < end) {
        const char *hit = strstr(s, "//");
        if (hit == NULL || hit + 1 >= end) {
            return;
        }
        parse_comment(fx, fi, line, hit + 2, end);
        s = hit + 2;
    }
}

static unsigned count_lines(const char *text)
{
    unsigned n = 0;
    const char *p = text;
    while (*p != '\0') {
        n++;
        p = strchr(p, '\n');
        if (p == NULL) {
            break;
        }
        p++;
    }
    return n;
}

static void scan_file(Fixture *fx, size_t fi)
{
    SourceFile *sf = &fx->files[fi];
    char *text = read_whole_file(sf->path, NULL);
    const char *p;
    unsigned line = 1;

    if (text == NULL) {
        fixture_problem(fx, "cannot read %s: %s", sf->display, strerror(errno));
        return;
    }
    sf->line_count = count_lines(text);
    p = text;
    while (*p != '\0') {
        const char *e = line_end(p);
        scan_line(fx, fi, line, p, e);
        p = strchr(p, '\n');
        if (p == NULL) {
            break;
        }
        p++;
        line++;
    }
    free(text);
}

/* Builds a fixture from a single source file or a .driver folder. */
static void fixture_load(Fixture *fx, const char *path, bool is_folder)
{
    char *real = canonical(path);

    memset(fx, 0, sizeof *fx);
    fx->expect_exit = -1;
    fx->name = display_path(real);
    free(real);
    if (is_folder) {
        StrList names = {0};
        DIR *d = opendir(path);
        struct dirent *de;
        if (d == NULL) {
            fixture_problem(fx, "cannot open folder: %s", strerror(errno));
            return;
        }
        de = readdir(d);
        while (de != NULL) {
            if (de->d_name[0] != '.' && is_source_name(de->d_name)) {
                strlist_add(&names, path_join(path, de->d_name));
            }
            de = readdir(d);
        }
        closedir(d);
        if (names.count > 0) {
            qsort(names.items, names.count, sizeof *names.items, cmp_str);
        }
        for (size_t i = 0; i < names.count; i++) {
            fixture_add_file(fx, names.items[i]);
        }
        strlist_free(&names);
        if (fx->file_count == 0) {
            fixture_problem(fx, "driver folder holds no .c or .cpp file");
        }
    } else {
        fixture_add_file(fx, path);
    }
    for (size_t i = 0; i < fx->file_count; i++) {
        scan_file(fx, i);
    }
}

/* ------------------------------------------------------------------ */
/* Discovery                                                          */
/* ------------------------------------------------------------------ */

typedef struct FixtureRef {
    char *path;
    bool is_folder;
} FixtureRef;

typedef struct FixtureRefs {
    FixtureRef *items;
    size_t count;
    size_t cap;
} FixtureRefs;

static void refs_add(FixtureRefs *r, const char *path, bool is_folder)
{
    grow((void **)&r->items, &r->cap, r->count, sizeof *r->items);
    r->items[r->count].path = xstrdup(path);
    r->items[r->count].is_folder = is_folder;
    r->count++;
}

static void refs_free(FixtureRefs *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].path);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* Walks `dir` in name order. Returns -1 if a folder cannot be read. */
static int discover(const char *dir, FixtureRefs *out)
{
    StrList names = {0};
    DIR *d = opendir(dir);
    struct dirent *de;
    int rc = 0;

    if (d == NULL) {
        fprintf(stderr, "check_fixtures: cannot open %s: %s\n", dir,
                strerror(errno));
        return -1;
    }
    de = readdir(d);
    while (de != NULL) {
        if (de->d_name[0] != '.') {
            strlist_add(&names, xstrdup(de->d_name));
        }
        de = readdir(d);
    }
    closedir(d);
    if (names.count > 0) {
        qsort(names.items, names.count, sizeof *names.items, cmp_str);
    }
    for (size_t i = 0; i < names.count && rc == 0; i++) {
        char *full = path_join(dir, names.items[i]);
        struct stat st;
        if (stat(full, &st) != 0) {
            fprintf(stderr, "check_fixtures: cannot stat %s: %s\n", full,
                    strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode) && ends_with(names.items[i], ".driver")) {
            refs_add(out, full, true);
        } else if (S_ISDIR(st.st_mode)) {
            rc = discover(full, out);
        } else if (S_ISREG(st.st_mode) && is_source_name(names.items[i])) {
            refs_add(out, full, false);
        }
        free(full);
    }
    strlist_free(&names);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Running ndislint                                                   */
/* ------------------------------------------------------------------ */

typedef struct RunResult {
    char *out;         /* stdout text */
    char *err;         /* stderr text */
    int exit_status;   /* -1 when it did not exit normally */
    char failure[256]; /* why it could not be run, or "" */
} RunResult;

static void run_result_free(RunResult *r)
{
    free(r->out);
    free(r->err);
    r->out = NULL;
    r->err = NULL;
}

static char *read_stream(FILE *f)
{
    Buf b = {0};
    char chunk[4096];
    size_t n;

    rewind(f);
    n = fread(chunk, 1, sizeof chunk, f);
    while (n > 0) {
        buf_append_bytes(&b, chunk, n);
        n = fread(chunk, 1, sizeof chunk, f);
    }
    if (b.data == NULL) {
        buf_append_bytes(&b, "", 0);
    }
    return b.data;
}

/* Waits for `pid` for at most RUN_TIMEOUT_SECONDS; kills it after that. */
static int wait_with_timeout(pid_t pid, int *status, bool *timed_out)
{
    const struct timespec tick = {0, 5 * 1000 * 1000};
    long ticks = (long)RUN_TIMEOUT_SECONDS * 200;

    *timed_out = false;
    for (long i = 0; i < ticks; i++) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid) {
            return 0;
        }
        if (r < 0 && errno != EINTR) {
            return -1;
        }
        nanosleep(&tick, NULL);
    }
    *timed_out = true;
    kill(pid, SIGKILL);
    return waitpid(pid, status, 0) == pid ? 0 : -1;
}

/* argv: ndislint --format=msvc FILE... [-- ARGS...] */
static char **build_argv(const char *tool, const Fixture *fx)
{
    size_t n = 2 + fx->file_count + (fx->args.count ? 1 + fx->args.count : 0);
    char **argv = xrealloc(NULL, (n + 1) * sizeof *argv);
    size_t k = 0;

    argv[k++] = (char *)tool;
    argv[k++] = (char *)"--format=msvc";
    for (size_t i = 0; i < fx->file_count; i++) {
        argv[k++] = fx->files[i].path;
    }
    if (fx->args.count > 0) {
        argv[k++] = (char *)"--";
        for (size_t i = 0; i < fx->args.count; i++) {
            argv[k++] = fx->args.items[i];
        }
    }
    argv[k] = NULL;
    return argv;
}

static void run_tool(const char *tool, const Fixture *fx, RunResult *res)
{
    FILE *out = tmpfile();
    FILE *err = tmpfile();
    char **argv = NULL;
    posix_spawn_file_actions_t actions;
    bool actions_ready = false;
    pid_t pid;
    int status = 0;
    int rc;
    bool timed_out = false;

    memset(res, 0, sizeof *res);
    res->exit_status = -1;
    if (out == NULL || err == NULL) {
        snprintf(res->failure, sizeof res->failure,
                 "cannot create a temporary file: %s", strerror(errno));
        goto done;
    }
    argv = build_argv(tool, fx);
    if (posix_spawn_file_actions_init(&actions) != 0) {
        snprintf(res->failure, sizeof res->failure, "posix_spawn setup failed");
        goto done;
    }
    actions_ready = true;
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fileno(out), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fileno(err), STDERR_FILENO);
    rc = posix_spawn(&pid, tool, &actions, NULL, argv, environ);
    if (rc != 0) {
        snprintf(res->failure, sizeof res->failure, "cannot run %s: %s", tool,
                 strerror(rc));
        goto done;
    }
    if (wait_with_timeout(pid, &status, &timed_out) != 0) {
        snprintf(res->failure, sizeof res->failure, "waitpid failed: %s",
                 strerror(errno));
        goto done;
    }
    res->out = read_stream(out);
    res->err = read_stream(err);
    if (timed_out) {
        snprintf(res->failure, sizeof res->failure,
                 "ndislint did not finish within %d seconds",
                 RUN_TIMEOUT_SECONDS);
    } else if (WIFEXITED(status)) {
        res->exit_status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        snprintf(res->failure, sizeof res->failure,
                 "ndislint was killed by signal %d", WTERMSIG(status));
    }
done:
    if (actions_ready) {
        posix_spawn_file_actions_destroy(&actions);
    }
    free(argv);
    if (out != NULL) {
        fclose(out);
    }
    if (err != NULL) {
        fclose(err);
    }
}

/* ------------------------------------------------------------------ */
/* Parsing ndislint's output                                          */
/* ------------------------------------------------------------------ */

typedef struct Reported {
    char *real;    /* canonical path of the reported file */
    char *display;
    unsigned line;
    char rule[RULE_ID_MAX];
    char level[LEVEL_MAX];
    char *message;
    bool matched;
} Reported;

typedef struct ReportedList {
    Reported *items;
    size_t count;
    size_t cap;
} ReportedList;

static void reported_list_free(ReportedList *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].real);
        free(l->items[i].display);
        free(l->items[i].message);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

static const char *parse_digits(const char *p, unsigned long *value)
{
    char *end = NULL;
    if (*p < '0' || *p > '9') {
        return NULL;
    }
    *value = strtoul(p, &end, 10);
    return end;
}

typedef enum LineKind {
    LINE_FINDING,  /* PATH(L,C): error|warning ID: message */
    LINE_NOTE,     /* PATH(L,C): note ...: a related place */
    LINE_UNKNOWN
} LineKind;

/* Tries to read "(LINE[,COL]): LEVEL ID: MESSAGE" at `p` (an opening
 * parenthesis). */
static LineKind parse_after_paren(const char *p, const char *end,
                                  Reported *r)
{
    unsigned long line = 0;
    unsigned long col = 0;
    const char *q = parse_digits(p + 1, &line);
    const char *w;
    const char *id;

    if (q == NULL) {
        return LINE_UNKNOWN;
    }
    if (*q == ',') {
        q = parse_digits(q + 1, &col);
        if (q == NULL) {
            return LINE_UNKNOWN;
        }
    }
    if (strncmp(q, "): ", 3) != 0) {
        return LINE_UNKNOWN;
    }
    w = q + 3;
    q = w;
    while (q < end && *q >= 'a' && *q <= 'z') {
        q++;
    }
    if (!is_level_word(w, (size_t)(q - w))) {
        return LINE_UNKNOWN;
    }
    if ((size_t)(q - w) == 4 && strncmp(w, "note", 4) == 0) {
        return LINE_NOTE;
    }
    if (*q != ' ') {
        return LINE_UNKNOWN;
    }
    id = q + 1;
    q = id;
    while (q < end && *q != ':' && *q != ' ') {
        q++;
    }
    if (*q != ':' || !is_rule_id(id, (size_t)(q - id))) {
        return LINE_UNKNOWN;
    }
    r->line = (unsigned)line;
    memcpy(r->level, w, (size_t)(id - 1 - w));
    r->level[id - 1 - w] = '\0';
    memcpy(r->rule, id, (size_t)(q - id));
    r->rule[q - id] = '\0';
    q++;
    if (*q == ' ') {
        q++;
    }
    r->message = xstrndup(q, (size_t)(end - q));
    return LINE_FINDING;
}

static LineKind parse_output_line(const char *p, const char *end, Reported *r)
{
    for (const char *s = p + 1; s < end; s++) {
        LineKind k;
        if (*s != '(') {
            continue;
        }
        k = parse_after_paren(s, end, r);
        if (k == LINE_FINDING) {
            char *path = xstrndup(p, (size_t)(s - p));
            r->real = canonical(path);
            r->display = display_path(r->real);
            free(path);
        }
        if (k != LINE_UNKNOWN) {
            return k;
        }
    }
    return LINE_UNKNOWN;
}

/* Splits stdout into findings; lines that are neither findings nor notes
 * are collected in `garbage`. */
static void parse_output(const char *text, ReportedList *out, StrList *garbage)
{
    const char *p = text;
    while (*p != '\0') {
        const char *e = line_end(p);
        if (e > p) {
            Reported r;
            LineKind k;
            memset(&r, 0, sizeof r);
            k = parse_output_line(p, e, &r);
            if (k == LINE_FINDING) {
                grow((void **)&out->items, &out->cap, out->count,
                     sizeof *out->items);
                out->items[out->count++] = r;
            } else if (k == LINE_UNKNOWN) {
                strlist_add(garbage, xstrndup(p, (size_t)(e - p)));
            }
        }
        p = strchr(p, '\n');
        if (p == NULL) {
            break;
        }
        p++;
    }
}

/* ------------------------------------------------------------------ */
/* Comparing                                                          */
/* ------------------------------------------------------------------ */

typedef struct Verdict {
    Buf details;  /* indented lines explaining a failure */
    Buf info;     /* known misses and false alarms, not failures */
    bool failed;
} Verdict;

static void fail_line(Verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail_line(Verdict *v, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    buf_printf(&v->details, "    %s\n", text);
    v->failed = true;
}

static bool mark_matches(const Fixture *fx, const Mark *m, const Reported *r)
{
    return !m->matched && strcmp(fx->files[m->file].real, r->real) == 0 &&
           m->line == r->line && strcmp(m->rule, r->rule) == 0;
}

/* Finds an unmatched mark of `kind` for `r`; NULL if none. */
static Mark *find_mark(Fixture *fx, MarkKind kind, const Reported *r)
{
    for (size_t i = 0; i < fx->mark_count; i++) {
        Mark *m = &fx->marks[i];
        if (m->kind == kind && mark_matches(fx, m, r)) {
            return m;
        }
    }
    return NULL;
}

static void match_finding(Fixture *fx, Reported *r, Verdict *v)
{
    Mark *m = find_mark(fx, MARK_EXPECT, r);

    if (m != NULL) {
        m->matched = true;
        r->matched = true;
        if (m->level[0] != '\0' && strcmp(m->level, r->level) != 0) {
            fail_line(v, "wrong level at %s:%u %s: expected %s, got %s",
                      r->display, r->line, r->rule, m->level, r->level);
        }
        return;
    }
    m = find_mark(fx, MARK_KNOWN_FALSE_ALARM, r);
    if (m != NULL) {
        m->matched = true;
        r->matched = true;
        buf_printf(&v->info, "known false alarm at %s:%u %s\n", r->display,
                   r->line, r->rule);
        return;
    }
    m = find_mark(fx, MARK_KNOWN_MISS, r);
    if (m != NULL) {
        m->matched = true;
        r->matched = true;
        fail_line(v, "unexpected pass at %s:%u %s: remove the known-miss mark",
                  r->display, r->line, r->rule);
        return;
    }
    fail_line(v, "unexpected finding at %s:%u %s %s: %s", r->display, r->line,
              r->rule, r->level, r->message);
}

static void check_unmatched_marks(const Fixture *fx, Verdict *v)
{
    for (size_t i = 0; i < fx->mark_count; i++) {
        const Mark *m = &fx->marks[i];
        const char *file = fx->files[m->file].display;
        if (m->matched) {
            continue;
        }
        switch (m->kind) {
        case MARK_EXPECT:
            fail_line(v, "missing finding at %s:%u %s", file, m->line, m->rule);
            break;
        case MARK_KNOWN_MISS:
            buf_printf(&v->info, "known miss at %s:%u %s\n", file, m->line,
                       m->rule);
            break;
        case MARK_KNOWN_FALSE_ALARM:
            fail_line(v,
                      "known false alarm at %s:%u %s is no longer reported: "
                      "remove the known-false-alarm mark",
                      file, m->line, m->rule);
            break;
        }
    }
}

/* Is the stderr line [p, e) a parse error report ("FILE:LINE:COL:
 * warning: parse error: TEXT")? Then which fixture file and line. */
static bool parse_error_line(const Fixture *fx, const char *p, const char *e, size_t *file,
                             unsigned *line, const char **text)
{
    static const char tag[] = ": warning: parse error: ";
    const char *t = p;
    const char *found = NULL;
    while ((t = strstr(t, tag)) != NULL && t < e) {
        found = t;
        break;
    }
    if (found == NULL) {
        return false;
    }
    *text = found + sizeof tag - 1;
    for (size_t i = 0; i < fx->file_count; i++) {
        const char *name = fx->files[i].display;
        size_t n = strlen(name);
        if ((size_t)(e - p) > n && strncmp(p, name, n) == 0 && p[n] == ':') {
            *file = i;
            *line = (unsigned)strtoul(p + n + 1, NULL, 10);
            return true;
        }
    }
    *file = SIZE_MAX;
    *line = 0;
    return true;
}

/* Parse errors are checked line by line against `expect-parse-error`
 * marks: each mark must be met, and a parse error nobody marked fails.
 * Returns stderr without the parse errors that were expected. */
static char *check_parse_errors(const Fixture *fx, const char *err, Verdict *v)
{
    char *rest = xstrndup("", 0);
    size_t rest_len = 0;
    bool *met = calloc(fx->parse_error_count + 1, sizeof *met);
    if (met == NULL) {
        fputs("check_fixtures: out of memory\n", stderr);
        exit(2);
    }
    for (const char *p = err; *p != '\0';) {
        const char *e = line_end(p);
        const char *next = strchr(p, '\n');
        next = next == NULL ? p + strlen(p) : next + 1;
        size_t file = SIZE_MAX;
        unsigned line = 0;
        const char *text = NULL;
        bool expected = false;
        if (parse_error_line(fx, p, e, &file, &line, &text)) {
            for (size_t i = 0; i < fx->parse_error_count; i++) {
                const ParseErrorMark *m = &fx->parse_errors[i];
                char *message = xstrndup(text, (size_t)(e - text));
                /* A marked line may hold more errors than the one named. */
                if (m->file == file && m->line == line) {
                    expected = true;
                    met[i] = met[i] || strstr(message, m->text) != NULL;
                }
                free(message);
            }
            if (!expected) {
                fail_line(v, "a parse error no expect-parse-error mark names: %.*s",
                          (int)(e - p), p);
            }
        }
        if (!expected) {
            size_t n = (size_t)(next - p);
            char *grown = realloc(rest, rest_len + n + 1);
            if (grown == NULL) {
                fputs("check_fixtures: out of memory\n", stderr);
                exit(2);
            }
            rest = grown;
            memcpy(rest + rest_len, p, n);
            rest_len += n;
            rest[rest_len] = '\0';
        }
        p = next;
    }
    for (size_t i = 0; i < fx->parse_error_count; i++) {
        if (!met[i]) {
            const ParseErrorMark *m = &fx->parse_errors[i];
            fail_line(v, "%s:%u: expected a parse error containing \"%s\"",
                      fx->files[m->file].display, m->line, m->text);
        }
    }
    free(met);
    return rest;
}

static void check_stderr(const Fixture *fx, const char *all_err, Verdict *v)
{
    bool all_found = true;
    char *err = check_parse_errors(fx, all_err, v);

    for (size_t i = 0; i < fx->stderr_expect.count; i++) {
        if (strstr(err, fx->stderr_expect.items[i]) == NULL) {
            fail_line(v, "stderr does not contain \"%s\"",
                      fx->stderr_expect.items[i]);
            all_found = false;
        }
    }
    if (fx->stderr_expect.count == 0 && err[0] != '\0') {
        fail_line(v, "ndislint wrote to stderr:");
        all_found = false;
    }
    if (!all_found && err[0] != '\0') {
        const char *p = err;
        unsigned shown = 0;
        unsigned total = count_lines(err);
        while (*p != '\0' && shown < STDERR_LINES_SHOWN) {
            const char *e = line_end(p);
            buf_printf(&v->details, "      | %.*s\n", (int)(e - p), p);
            shown++;
            p = strchr(p, '\n');
            if (p == NULL) {
                break;
            }
            p++;
        }
        if (total > shown) {
            buf_printf(&v->details, "      | ... %u more lines\n", total - shown);
        }
    }
    free(err);
}

static void check_exit(const Fixture *fx, const RunResult *res,
                       size_t finding_count, Verdict *v)
{
    int want;

    if (fx->expect_exit >= 0) {
        want = fx->expect_exit;
    } else {
        want = finding_count > 0 ? 1 : 0;
    }
    if (res->exit_status != want) {
        fail_line(v, "wrong exit status: %d, expected %d (%zu findings)",
                  res->exit_status, want, finding_count);
    }
}

/* Runs one fixture; returns true when it passes. */
static bool run_fixture(const char *tool, Fixture *fx, Verdict *v)
{
    RunResult res;
    ReportedList found = {0};
    StrList garbage = {0};

    for (size_t i = 0; i < fx->problems.count; i++) {
        fail_line(v, "%s", fx->problems.items[i]);
    }
    if (v->failed) {
        return false;
    }
    run_tool(tool, fx, &res);
    if (res.failure[0] != '\0') {
        fail_line(v, "%s", res.failure);
    }
    if (res.out != NULL && res.err != NULL) {
        parse_output(res.out, &found, &garbage);
        for (size_t i = 0; i < found.count; i++) {
            match_finding(fx, &found.items[i], v);
        }
        check_unmatched_marks(fx, v);
        for (size_t i = 0; i < garbage.count; i++) {
            fail_line(v, "unrecognised output line: %s", garbage.items[i]);
        }
        check_stderr(fx, res.err, v);
        if (res.failure[0] == '\0') {
            check_exit(fx, &res, found.count, v);
        }
    }
    reported_list_free(&found);
    strlist_free(&garbage);
    run_result_free(&res);
    return !v->failed;
}

static int run_all(const char *tool, const char *dir, const char *filter)
{
    FixtureRefs refs = {0};
    size_t passed = 0;
    size_t failed = 0;
    size_t selected = 0;

    if (discover(dir, &refs) != 0) {
        refs_free(&refs);
        return 2;
    }
    for (size_t i = 0; i < refs.count; i++) {
        Fixture fx;
        Verdict v;
        fixture_load(&fx, refs.items[i].path, refs.items[i].is_folder);
        if (filter != NULL && strstr(fx.name, filter) == NULL) {
            fixture_free(&fx);
            continue;
        }
        selected++;
        memset(&v, 0, sizeof v);
        if (run_fixture(tool, &fx, &v)) {
            passed++;
            printf("PASS %s\n", fx.name);
        } else {
            failed++;
            printf("FAIL %s\n", fx.name);
            fputs(v.details.data ? v.details.data : "", stdout);
        }
        if (v.info.data != NULL) {
            const char *p = v.info.data;
            while (*p != '\0') {
                const char *e = line_end(p);
                printf("  %s: %.*s\n", fx.name, (int)(e - p), p);
                p = e + 1;
            }
        }
        fflush(stdout);
        buf_free(&v.details);
        buf_free(&v.info);
        fixture_free(&fx);
    }
    refs_free(&refs);
    if (selected == 0) {
        printf("no fixtures found under %s%s%s\n", dir,
               filter ? " matching " : "", filter ? filter : "");
        failed++;
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* Coverage: every rule has fixtures that fire and that stay silent    */
/* ------------------------------------------------------------------ */

/* Reads the first "id" string value of a JSON file with a plain scan.
 * Returns an owned string or NULL. */
static char *json_first_id(const char *text)
{
    const char *p = strstr(text, "\"id\"");
    while (p != NULL) {
        const char *q = p + 4;
        while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n') {
            q++;
        }
        if (*q == ':') {
            const char *v = q + 1;
            const char *e;
            while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n') {
                v++;
            }
            if (*v != '"') {
                return NULL;
            }
            e = strchr(v + 1, '"');
            return e ? xstrndup(v + 1, (size_t)(e - v - 1)) : NULL;
        }
        p = strstr(p + 4, "\"id\"");
    }
    return NULL;
}

static int load_rule_ids(const char *rules_dir, StrList *ids)
{
    DIR *d = opendir(rules_dir);
    struct dirent *de;
    int rc = 0;

    if (d == NULL) {
        printf("cannot open %s: %s\n", rules_dir, strerror(errno));
        return -1;
    }
    de = readdir(d);
    while (de != NULL) {
        if (de->d_name[0] != '.' && ends_with(de->d_name, ".json")) {
            char *path = path_join(rules_dir, de->d_name);
            char *text = read_whole_file(path, NULL);
            char *id = text ? json_first_id(text) : NULL;
            if (id == NULL || !is_rule_id(id, strlen(id))) {
                printf("%s: no rule id found\n", path);
                free(id);
                rc = -1;
            } else {
                strlist_add(ids, id);
            }
            free(text);
            free(path);
        }
        de = readdir(d);
    }
    closedir(d);
    if (ids->count > 0) {
        qsort(ids->items, ids->count, sizeof *ids->items, cmp_str);
    }
    return rc;
}

static bool list_has(const StrList *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i], s) == 0) {
            return true;
        }
    }
    return false;
}

static bool fixture_marks_rule(const Fixture *fx, const char *id,
                               bool expect_only)
{
    for (size_t i = 0; i < fx->mark_count; i++) {
        if (strcmp(fx->marks[i].rule, id) != 0) {
            continue;
        }
        if (!expect_only || fx->marks[i].kind == MARK_EXPECT) {
            return true;
        }
    }
    return false;
}

/* True when the fixture lies in the folder named after the rule
 * (tests/fixtures/ndis003/...). */
static bool fixture_in_rule_folder(const char *fixtures_real,
                                   const char *fixture_path, const char *id)
{
    char lower[RULE_ID_MAX];
    char *real = canonical(fixture_path);
    size_t n = strlen(fixtures_real);
    size_t k = strlen(id);
    bool inside;

    for (size_t i = 0; i <= k; i++) {
        char c = id[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    inside = strncmp(real, fixtures_real, n) == 0 && real[n] == '/' &&
             strncmp(real + n + 1, lower, k) == 0 && real[n + 1 + k] == '/';
    free(real);
    return inside;
}

static int run_coverage(const char *rules_dir, const char *fixtures_dir)
{
    StrList ids = {0};
    FixtureRefs refs = {0};
    Fixture *fixtures = NULL;
    bool *fires = NULL;
    bool *silent = NULL;
    char *fixtures_real = canonical(fixtures_dir);
    size_t problems = 0;

    if (load_rule_ids(rules_dir, &ids) != 0) {
        problems++;
    }
    if (ids.count == 0) {
        printf("no rule files (*.json) in %s\n", rules_dir);
        problems++;
    }
    if (discover(fixtures_dir, &refs) != 0 || refs.count == 0) {
        printf("no fixtures found under %s\n", fixtures_dir);
        problems++;
    }
    fixtures = xrealloc(NULL, (refs.count + 1) * sizeof *fixtures);
    fires = xrealloc(NULL, (ids.count + 1) * sizeof *fires);
    silent = xrealloc(NULL, (ids.count + 1) * sizeof *silent);
    for (size_t r = 0; r < ids.count; r++) {
        fires[r] = false;
        silent[r] = false;
    }
    for (size_t f = 0; f < refs.count; f++) {
        Fixture *fx = &fixtures[f];
        fixture_load(fx, refs.items[f].path, refs.items[f].is_folder);
        for (size_t i = 0; i < fx->problems.count; i++) {
            printf("%s: %s\n", fx->name, fx->problems.items[i]);
            problems++;
        }
        for (size_t i = 0; i < fx->mark_count; i++) {
            if (!list_has(&ids, fx->marks[i].rule)) {
                printf("%s:%u: mark names %s, which no file in %s defines\n",
                       fx->files[fx->marks[i].file].display,
                       fx->marks[i].mark_line, fx->marks[i].rule, rules_dir);
                problems++;
            }
        }
        for (size_t r = 0; r < ids.count; r++) {
            if (fixture_marks_rule(fx, ids.items[r], true)) {
                fires[r] = true;
            }
            if (fixture_in_rule_folder(fixtures_real, refs.items[f].path,
                                       ids.items[r]) &&
                !fixture_marks_rule(fx, ids.items[r], false)) {
                silent[r] = true;
            }
        }
    }
    for (size_t r = 0; r < ids.count; r++) {
        if (!fires[r]) {
            printf("%s: no fixture expects it to fire\n", ids.items[r]);
            problems++;
        }
        if (!silent[r]) {
            printf("%s: no fixture in its own folder expects it to stay "
                   "silent\n",
                   ids.items[r]);
            problems++;
        }
        if (fires[r] && silent[r]) {
            printf("%s: covered\n", ids.items[r]);
        }
    }
    for (size_t f = 0; f < refs.count; f++) {
        fixture_free(&fixtures[f]);
    }
    free(fixtures);
    free(fires);
    free(silent);
    free(fixtures_real);
    printf("%zu rules, %zu problems\n", ids.count, problems);
    refs_free(&refs);
    strlist_free(&ids);
    return problems == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------ */

static void usage(void)
{
    fputs("usage: check_fixtures NDISLINT_BINARY FIXTURES_DIR [NAME_FILTER]\n"
          "       check_fixtures --coverage RULES_DIR FIXTURES_DIR\n",
          stderr);
}

int main(int argc, char **argv)
{
    int rc;
    char *cwd = getcwd(NULL, 0);

    g_cwd = cwd ? canonical(cwd) : NULL;
    free(cwd);
    if (argc == 4 && strcmp(argv[1], "--coverage") == 0) {
        rc = run_coverage(argv[2], argv[3]);
    } else if ((argc == 3 || argc == 4) && argv[1][0] != '-') {
        rc = run_all(argv[1], argv[2], argc == 4 ? argv[3] : NULL);
    } else {
        usage();
        rc = 2;
    }
    free(g_cwd);
    return rc;
}
