/* finding_suppress.c - in-source suppression comments.
 *
 * Each file is read once and lexed just enough to tell comments from code,
 * string literals and character literals (line splices included), so that
 * a directive spelled inside a string does not count. Inside a comment,
 * `ndislint-suppress`, `ndislint-suppress-begin` and `ndislint-suppress-end`
 * start a directive wherever they stand as a word; the directive runs to
 * the end of that line of the comment:
 *
 *     ndislint-suppress RULE[, RULE...][: reason]
 *
 * A plain directive covers the lines from its own to the one after the
 * comment ends (so both "same line" and "line before" work); a begin/end
 * pair covers the lines between them, ends included.
 */
#include "finding_suppress.h"
#include "file_text.h"
#include "memory.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEYWORD "ndislint-suppress"
#define KEYWORD_LEN (sizeof KEYWORD - 1)

/* Longest delimiter of a C++ raw string literal. */
#define RAW_DELIM_MAX 16

/* ---- the files --------------------------------------------------------- */

typedef struct SourceFile {
    char *real;        /* realpath, or the path as given when that fails */
    const char *shown; /* borrowed: what SourceLoc.file is set to */
} SourceFile;

typedef struct FileTable {
    SourceFile *items;
    size_t count;
    size_t capacity;
} FileTable;

static char *resolve(const char *path)
{
    char *real = realpath(path, NULL);
    if (real == NULL)
        real = xstrndup(path, strlen(path));
    return real;
}

/* Index of the file with this real path, or the count when absent. */
static size_t file_find_real(const FileTable *t, const char *real)
{
    for (size_t i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].real, real) == 0)
            return i;
    }
    return t->count;
}

/* Index of the entry for `path`, added when new; `shown` stays borrowed. */
static size_t file_intern(FileTable *t, const char *path)
{
    for (size_t i = 0; i < t->count; i++) {
        if (t->items[i].shown == path || strcmp(t->items[i].shown, path) == 0)
            return i;
    }
    char *real = resolve(path);
    size_t at = file_find_real(t, real);
    if (at < t->count) {
        free(real);
        return at;
    }
    if (t->count == t->capacity) {
        t->capacity = t->capacity ? t->capacity * 2 : 16;
        t->items = xrealloc(t->items, t->capacity, sizeof *t->items);
    }
    t->items[t->count].real = real;
    t->items[t->count].shown = path;
    return t->count++;
}

static void file_table_free(FileTable *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i].real);
    free(t->items);
}

/* ---- the suppressions -------------------------------------------------- */

typedef enum DirectiveKind {
    DIRECTIVE_LINE,
    DIRECTIVE_BEGIN,
    DIRECTIVE_END
} DirectiveKind;

typedef struct Suppression {
    size_t file;           /* index in the FileTable */
    const RuleInfo *rule;
    unsigned first;        /* lines covered, inclusive */
    unsigned last;
    SourceLoc loc;         /* the directive */
    char *reason;          /* NULL when none was written */
    bool open;             /* a begin still waiting for its end */
    bool used;
} Suppression;

typedef struct SuppressionList {
    Suppression *items;
    size_t count;
    size_t capacity;
} SuppressionList;

static Suppression *suppression_add(SuppressionList *l)
{
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? l->capacity * 2 : 16;
        l->items = xrealloc(l->items, l->capacity, sizeof *l->items);
    }
    Suppression *s = &l->items[l->count++];
    memset(s, 0, sizeof *s);
    return s;
}

/* What a file's scan needs to record directives and report problems. */
typedef struct Scan {
    const RuleCatalog *catalog;
    SuppressionList *list;
    ToolMessageList *messages;
    size_t file;
    const char *shown;
} Scan;

/* A comment's text with the source position of each byte; line breaks
 * inside a block comment are kept as '\n', line splices are removed. */
typedef struct Comment {
    char *text;
    unsigned *lines;
    unsigned *cols;
    size_t len;
    size_t capacity;
} Comment;

static void comment_push(Comment *c, char ch, unsigned line, unsigned col)
{
    if (c->len == c->capacity) {
        c->capacity = c->capacity ? c->capacity * 2 : 256;
        c->text = xrealloc(c->text, c->capacity, 1);
        c->lines = xrealloc(c->lines, c->capacity, sizeof *c->lines);
        c->cols = xrealloc(c->cols, c->capacity, sizeof *c->cols);
    }
    c->text[c->len] = ch;
    c->lines[c->len] = line;
    c->cols[c->len] = col;
    c->len++;
}

static bool is_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

static const char *directive_name(DirectiveKind kind)
{
    switch (kind) {
    case DIRECTIVE_BEGIN:
        return KEYWORD "-begin";
    case DIRECTIVE_END:
        return KEYWORD "-end";
    case DIRECTIVE_LINE:
        break;
    }
    return KEYWORD;
}

/* Appends `s` to a growing string. */
static void append(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    *buf = xrealloc(*buf, *len + n + 1, 1);
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* Closes the latest open begin of `rule` in this file; false if none. */
static bool close_range(const Scan *scan, const RuleInfo *rule, unsigned line)
{
    for (size_t i = scan->list->count; i-- > 0;) {
        Suppression *s = &scan->list->items[i];
        if (s->file == scan->file && s->open && s->rule == rule) {
            s->open = false;
            s->last = line;
            return true;
        }
    }
    return false;
}

/* One directive, the keyword at `at` in the comment, `kind` known. Returns
 * the offset where scanning may go on (the end of the line). */
static size_t parse_directive(const Scan *scan, const Comment *c, size_t at,
                              DirectiveKind kind, unsigned comment_end_line)
{
    SourceLoc loc = {scan->shown, c->lines[at], c->cols[at]};
    const char *name = directive_name(kind);
    size_t k = at + strlen(name);
    size_t eol = k;
    while (eol < c->len && c->text[eol] != '\n')
        eol++;

    /* The rule list. */
    const RuleInfo **rules = NULL;
    size_t rule_count = 0;
    bool named_any = false;
    for (;;) {
        while (k < eol && is_space(c->text[k]))
            k++;
        size_t start = k;
        while (k < eol && is_word_char(c->text[k]))
            k++;
        if (k == start)
            break;
        named_any = true;
        char *key = xstrndup(c->text + start, k - start);
        const RuleInfo *rule = rule_catalog_find(scan->catalog, key);
        if (rule == NULL) {
            tool_message_add(scan->messages, LEVEL_WARNING, loc,
                             "%s names an unknown rule '%s'", name, key);
        } else {
            rules = xrealloc(rules, rule_count + 1, sizeof *rules);
            rules[rule_count++] = rule;
        }
        free(key);
        while (k < eol && is_space(c->text[k]))
            k++;
        if (k < eol && c->text[k] == ',')
            k++;
        else
            break;
    }
    while (k < eol && is_space(c->text[k]))
        k++;

    /* The reason: the rest of the line after a colon, trimmed. */
    char *reason = NULL;
    if (k < eol && c->text[k] == ':') {
        size_t b = k + 1;
        size_t e = eol;
        while (b < e && is_space(c->text[b]))
            b++;
        while (e > b && is_space(c->text[e - 1]))
            e--;
        if (e > b)
            reason = xstrndup(c->text + b, e - b);
    }

    if (!named_any) {
        tool_message_add(scan->messages, LEVEL_WARNING, loc,
                         "%s names no rule; write `%s NDIS003%s`", name, name,
                         kind == DIRECTIVE_END ? "" : ": why");
        goto done;
    }

    if (kind == DIRECTIVE_END) {
        for (size_t i = 0; i < rule_count; i++) {
            if (!close_range(scan, rules[i], loc.line))
                tool_message_add(scan->messages, LEVEL_WARNING, loc,
                                 "%s %s has no matching %s", name,
                                 rules[i]->id, KEYWORD "-begin");
        }
        goto done;
    }

    if (reason == NULL && rule_count > 0) {
        char *ids = NULL;
        size_t len = 0;
        for (size_t i = 0; i < rule_count; i++) {
            if (i > 0)
                append(&ids, &len, ", ");
            append(&ids, &len, rules[i]->id);
        }
        tool_message_add(scan->messages, LEVEL_WARNING, loc,
                         "suppression of %s without a reason; write `%s %s: why`",
                         ids, name, ids);
        free(ids);
    }

    for (size_t i = 0; i < rule_count; i++) {
        Suppression *s = suppression_add(scan->list);
        s->file = scan->file;
        s->rule = rules[i];
        s->loc = loc;
        s->reason = reason != NULL ? xstrndup(reason, strlen(reason)) : NULL;
        s->first = loc.line;
        if (kind == DIRECTIVE_BEGIN) {
            s->open = true;
            s->last = UINT_MAX;
        } else {
            s->last = comment_end_line < UINT_MAX ? comment_end_line + 1
                                                  : UINT_MAX;
        }
    }

done:
    free(reason);
    free(rules);
    return eol;
}

/* Finds the directives in one comment. */
static void scan_comment(const Scan *scan, const Comment *c)
{
    if (c->len == 0)
        return;
    unsigned end_line = c->lines[c->len - 1];
    size_t i = 0;
    while (i + KEYWORD_LEN <= c->len) {
        if (memcmp(c->text + i, KEYWORD, KEYWORD_LEN) != 0 ||
            (i > 0 && is_word_char(c->text[i - 1]))) {
            i++;
            continue;
        }
        size_t rest = c->len - (i + KEYWORD_LEN);
        const char *after = c->text + i + KEYWORD_LEN;
        DirectiveKind kind;
        if (rest >= 6 && memcmp(after, "-begin", 6) == 0 &&
            (rest == 6 || !is_word_char(after[6]))) {
            kind = DIRECTIVE_BEGIN;
        } else if (rest >= 4 && memcmp(after, "-end", 4) == 0 &&
                   (rest == 4 || !is_word_char(after[4]))) {
            kind = DIRECTIVE_END;
        } else if (rest == 0 || !is_word_char(after[0])) {
            kind = DIRECTIVE_LINE;
        } else {
            if (after[0] == '-') {
                size_t n = 0;
                while (n < rest && is_word_char(after[n]))
                    n++;
                SourceLoc loc = {scan->shown, c->lines[i], c->cols[i]};
                tool_message_add(scan->messages, LEVEL_WARNING, loc,
                                 "unknown directive `%s%.*s`; use %s, %s-begin "
                                 "or %s-end",
                                 KEYWORD, (int)n, after, KEYWORD, KEYWORD,
                                 KEYWORD);
            }
            i += KEYWORD_LEN;
            continue;
        }
        i = parse_directive(scan, c, i, kind, end_line);
    }
}

/* ---- the lexer --------------------------------------------------------- */

/* Reads the text as the compiler's early phases see it: CR LF and a lone
 * CR are one line break, and a backslash before a line break (trailing
 * blanks allowed) joins the two lines. */
typedef struct Reader {
    const char *s;
    size_t len;
    size_t pos;
    unsigned line;
    unsigned col;
} Reader;

/* Length of a line break at `pos`, or 0. */
static size_t newline_at(const Reader *r, size_t pos)
{
    if (pos >= r->len)
        return 0;
    if (r->s[pos] == '\n')
        return 1;
    if (r->s[pos] == '\r')
        return pos + 1 < r->len && r->s[pos + 1] == '\n' ? 2 : 1;
    return 0;
}

/* Length of a line splice at `pos`, or 0. */
static size_t splice_at(const Reader *r, size_t pos)
{
    if (pos >= r->len || r->s[pos] != '\\')
        return 0;
    size_t k = pos + 1;
    while (k < r->len && (r->s[k] == ' ' || r->s[k] == '\t'))
        k++;
    size_t nl = newline_at(r, k);
    return nl > 0 ? k + nl - pos : 0;
}

/* The next character, or -1 at the end; its position in *line, *col. */
static int reader_next(Reader *r, unsigned *line, unsigned *col)
{
    for (;;) {
        size_t sp = splice_at(r, r->pos);
        if (sp == 0)
            break;
        r->pos += sp;
        r->line++;
        r->col = 1;
    }
    if (r->pos >= r->len)
        return -1;
    *line = r->line;
    *col = r->col;
    size_t nl = newline_at(r, r->pos);
    if (nl > 0) {
        r->pos += nl;
        r->line++;
        r->col = 1;
        return '\n';
    }
    r->col++;
    return (unsigned char)r->s[r->pos++];
}

/* The next character without consuming it. */
static int reader_peek(const Reader *r)
{
    Reader copy = *r;
    unsigned line;
    unsigned col;
    return reader_next(&copy, &line, &col);
}

static bool is_ident_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

/* Skips a quoted literal whose opening quote was read. An unescaped line
 * break ends it too, so a stray quote cannot swallow the file. */
static void skip_quoted(Reader *r, int quote)
{
    unsigned line;
    unsigned col;
    for (;;) {
        int c = reader_next(r, &line, &col);
        if (c == -1 || c == quote || c == '\n')
            return;
        if (c == '\\')
            (void)reader_next(r, &line, &col);
    }
}

/* Skips a C++ raw string literal R"delim( ... )delim" whose quote was
 * read. Falls back to an ordinary string when the delimiter is malformed. */
static void skip_raw(Reader *r)
{
    char delim[RAW_DELIM_MAX + 1];
    size_t n = 0;
    unsigned line;
    unsigned col;
    Reader start = *r;
    for (;;) {
        int c = reader_next(r, &line, &col);
        if (c == '(')
            break;
        if (c == -1 || n == RAW_DELIM_MAX || c == ')' || c == '\\' ||
            c == '"' || c == ' ' || c == '\t' || c == '\n') {
            *r = start;
            skip_quoted(r, '"');
            return;
        }
        delim[n++] = (char)c;
    }
    /* Look for ) delim " */
    for (;;) {
        int c = reader_next(r, &line, &col);
        if (c == -1)
            return;
        if (c != ')')
            continue;
        Reader probe = *r;
        size_t k = 0;
        while (k < n && reader_next(&probe, &line, &col) == (unsigned char)delim[k])
            k++;
        if (k == n && reader_next(&probe, &line, &col) == '"') {
            *r = probe;
            return;
        }
    }
}

/* Whether the identifier just before a '"' makes it a raw string. */
static bool is_raw_prefix(const char *ident, size_t len)
{
    static const char *const prefixes[] = {"R", "LR", "uR", "UR", "u8R"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strlen(prefixes[i]) == len && memcmp(prefixes[i], ident, len) == 0)
            return true;
    }
    return false;
}

/* Walks the file and hands each comment to scan_comment. */
static void lex_file(const Scan *scan, const char *text, size_t size)
{
    Reader r = {text, size, 0, 1, 1};
    Comment comment = {0};
    /* The identifier or number being read, as far as raw-string prefixes
     * and digit separators need it. */
    char ident[4];
    size_t ident_len = 0;
    bool in_token = false;
    bool in_number = false;
    unsigned line;
    unsigned col;

    for (;;) {
        int c = reader_next(&r, &line, &col);
        if (c == -1)
            break;
        bool was_token = in_token;
        bool was_number = in_number;
        size_t prefix_len = in_token ? ident_len : 0;

        if (is_ident_char(c) || (in_number && c == '.')) {
            if (!in_token) {
                in_token = true;
                in_number = c >= '0' && c <= '9';
                ident_len = 0;
            }
            if (ident_len < sizeof ident)
                ident[ident_len] = (char)c;
            ident_len++;
            continue;
        }
        in_token = false;
        in_number = false;

        if (c == '\'' && was_number) {
            /* A digit separator (1'000'000): the number goes on. */
            in_token = true;
            in_number = true;
            ident_len = sizeof ident + 1;
            continue;
        }
        if (c == '\'') {
            skip_quoted(&r, '\'');
        } else if (c == '"') {
            if (was_token && prefix_len <= sizeof ident &&
                is_raw_prefix(ident, prefix_len))
                skip_raw(&r);
            else
                skip_quoted(&r, '"');
        } else if (c == '/' && reader_peek(&r) == '/') {
            (void)reader_next(&r, &line, &col);
            comment.len = 0;
            for (;;) {
                Reader before = r;
                int d = reader_next(&r, &line, &col);
                if (d == -1)
                    break;
                if (d == '\n') {
                    r = before; /* the line break is code again */
                    break;
                }
                comment_push(&comment, (char)d, line, col);
            }
            scan_comment(scan, &comment);
        } else if (c == '/' && reader_peek(&r) == '*') {
            (void)reader_next(&r, &line, &col);
            comment.len = 0;
            for (;;) {
                int d = reader_next(&r, &line, &col);
                if (d == -1)
                    break;
                if (d == '*' && reader_peek(&r) == '/') {
                    (void)reader_next(&r, &line, &col);
                    break;
                }
                comment_push(&comment, (char)d, line, col);
            }
            scan_comment(scan, &comment);
        }
    }
    free(comment.text);
    free(comment.lines);
    free(comment.cols);
}

/* Reads one file's directives; an unreadable file has none (the parser
 * reports unreadable inputs). */
/* A backslash that ends a line, maybe before spaces and tabs (as
 * splice_at accepts). */
static bool has_line_splice(const char *text, size_t size)
{
    const char *end = text + size;
    for (const char *p = memchr(text, '\\', size); p != NULL;
         p = memchr(p + 1, '\\', (size_t)(end - p - 1))) {
        const char *q = p + 1;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && (*q == '\n' || *q == '\r'))
            return true;
    }
    return false;
}

static void scan_file(const Scan *scan, const char *path)
{
    size_t size = 0;
    char *text = file_read_all(path, &size);
    if (text == NULL)
        return;
    /* Every directive holds the keyword, unless a line splice cuts it:
     * most files have neither, and need no lexing. */
    if (memmem(text, size, KEYWORD, KEYWORD_LEN) != NULL || has_line_splice(text, size))
        lex_file(scan, text, size);
    free(text);

    for (size_t i = 0; i < scan->list->count; i++) {
        Suppression *s = &scan->list->items[i];
        if (s->file != scan->file || !s->open)
            continue;
        s->open = false;
        tool_message_add(scan->messages, LEVEL_WARNING, s->loc,
                         "%s-begin %s has no matching %s-end; it runs to the "
                         "end of the file",
                         KEYWORD, s->rule->id, KEYWORD);
    }
}

/* ---- matching ---------------------------------------------------------- */

static bool same_rule(const RuleInfo *a, const RuleInfo *b)
{
    return a == b || strcmp(a->id, b->id) == 0;
}

void suppress_apply(FindingList *findings, const RuleCatalog *catalog,
                    const RuleCatalog *ran, char *const *files, size_t file_count,
                    bool report_unused, ToolMessageList *messages)
{
    FileTable table = {0};
    SuppressionList list = {0};
    size_t *file_of = xrealloc(NULL, findings->count, sizeof *file_of);

    /* Findings first, so that their interned paths are the ones shown. */
    for (size_t i = 0; i < findings->count; i++) {
        const char *path = findings->items[i].loc.file;
        file_of[i] = path != NULL ? file_intern(&table, path) : SIZE_MAX;
    }
    for (size_t i = 0; i < file_count; i++) {
        if (files[i] != NULL)
            (void)file_intern(&table, files[i]);
    }

    for (size_t f = 0; f < table.count; f++) {
        Scan scan = {catalog, &list, messages, f, table.items[f].shown};
        scan_file(&scan, table.items[f].real);
    }

    for (size_t i = 0; i < findings->count; i++) {
        Finding *finding = &findings->items[i];
        if (file_of[i] == SIZE_MAX || finding->loc.line == 0)
            continue;
        Suppression *best = NULL;
        for (size_t k = 0; k < list.count; k++) {
            Suppression *s = &list.items[k];
            if (s->file != file_of[i] || !same_rule(s->rule, finding->rule) ||
                finding->loc.line < s->first || finding->loc.line > s->last)
                continue;
            s->used = true;
            /* The nearest directive above (or on) the line wins. */
            if (best == NULL || s->first > best->first)
                best = s;
        }
        if (best == NULL)
            continue;
        finding->suppressed = true;
        free(finding->suppression_reason);
        finding->suppression_reason =
            best->reason != NULL ? xstrndup(best->reason, strlen(best->reason))
                                 : NULL;
        finding->suppression_loc = best->loc;
    }

    for (size_t k = 0; k < list.count; k++) {
        Suppression *s = &list.items[k];
        /* A rule that did not run cannot have used its suppressions. */
        if (report_unused && !s->used && rule_catalog_find(ran, s->rule->id) != NULL)
            tool_message_add(messages, LEVEL_WARNING, s->loc,
                             "unused suppression of %s", s->rule->id);
        free(s->reason);
    }
    free(list.items);
    free(file_of);
    file_table_free(&table);
}
